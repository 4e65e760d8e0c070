package resources

// Moving resources in from the official Snowflake provider (`moved` blocks, Terraform 1.8+).
//
// The official provider (github.com/Snowflake-Labs/terraform-provider-snowflake, v2.x) is built with
// SDKv2, so its state holds booleans as the strings "true"/"false"/"default", integers with -1 for
// "Snowflake's default", and object names exactly as Snowflake stores them (its identifiers are
// case-sensitive: `name = "my_app"` is the lower-case object). Facts read from its v2.20.0 source:
// pkg/resources/special_values.go (the "default" and -1 markers), pkg/helpers/resource_identifier.go
// (an account object's id is its bare name), pkg/sdk/identifier_parsers.go (names are exact; a name
// wrapped in double quotes is unquoted). The movers below translate such a state into ours without
// sending any SQL: the next refresh reads everything from Snowflake with one DESCRIBE.

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// The official provider's markers for "not configured: leave Snowflake's default".
const (
	officialBoolDefault = "default"
	officialIntDefault  = -1
)

// officialProviderType is the provider type of the official provider, whatever its namespace
// (snowflake-labs/snowflake, snowflakedb/snowflake) or registry host.
const officialProviderType = "snowflake"

// isOfficialSource reports whether a move request comes from resource type typeName of the official
// provider. The hostname and namespace are ignored, as the framework recommends.
func isOfficialSource(req resource.MoveStateRequest, typeName string) bool {
	if req.SourceTypeName != typeName {
		return false
	}
	addr := strings.ToLower(strings.TrimSuffix(req.SourceProviderAddress, "/"))
	return addr == officialProviderType || strings.HasSuffix(addr, "/"+officialProviderType)
}

// officialSourceState checks that the framework could decode the source state with the declared
// source schema; when it could not, the state comes from an official version we do not know.
func officialSourceState(req resource.MoveStateRequest, resp *resource.MoveStateResponse) bool {
	if req.SourceState != nil {
		return true
	}
	resp.Diagnostics.AddError("Unsupported source state",
		fmt.Sprintf("The state of %s (provider %s, schema version %d) does not have the attribute types of the official provider v2.x, "+
			"so it cannot be moved. Remove it from state (`terraform state rm`) and import the object into snowflakeoauth instead.",
			req.SourceTypeName, req.SourceProviderAddress, req.SourceSchemaVersion))
	return false
}

// officialBool translates one of the official provider's boolean strings. "default" (and an
// unset value) means Snowflake's default, which is also our schema default def.
func officialBool(attrName string, v types.String, def bool, diags *diag.Diagnostics) types.Bool {
	switch s := strings.ToLower(strings.TrimSpace(v.ValueString())); s {
	case "", officialBoolDefault:
		return types.BoolValue(def)
	case "true":
		return types.BoolValue(true)
	case "false":
		return types.BoolValue(false)
	default:
		diags.AddAttributeError(path.Root(attrName), "Unexpected value in the official provider's state",
			fmt.Sprintf("Attribute %s holds %q; the official provider only stores \"true\", \"false\" or \"default\".", attrName, v.ValueString()))
		return types.BoolValue(def)
	}
}

// officialInt translates an integer where -1 (or no value) means Snowflake's default def.
func officialInt(v types.Int64, def int64) types.Int64 {
	if v.IsNull() || v.IsUnknown() || v.ValueInt64() == officialIntDefault {
		return types.Int64Value(def)
	}
	return v
}

// officialString is the value, with "" for an unset attribute (SDKv2 stores "" for unset strings).
func officialString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// officialOptionalString maps SDKv2's "" (unset) to null, as our optional attributes without a
// default hold null when not configured.
func officialOptionalString(v types.String) types.String {
	if officialString(v) == "" {
		return types.StringNull()
	}
	return types.StringValue(v.ValueString())
}

// officialName resolves an account-object name as the official provider does: the name is exact,
// and a name wrapped in double quotes is unquoted first.
func officialName(attrName, s string, diags *diag.Diagnostics) snowflake.Identifier {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`) {
		id, err := snowflake.ParseIdentifier(s)
		if err == nil {
			return id
		}
	}
	if s == "" {
		diags.AddAttributeError(path.Root(attrName), "Missing name in the official provider's state",
			fmt.Sprintf("Attribute %s is empty; the state cannot be moved.", attrName))
		return snowflake.Identifier{}
	}
	return snowflake.NewIdentifier(s)
}

// officialSpelling is the value our state gets for a name the official provider stored as raw:
// raw itself when our identifier rule reads it as the same object (MY_APP, "Legacy App", a quoted
// name), so that the configuration the user copies over compares equal, otherwise the canonical
// form (the official `my_app` is the lower-case object, which our rule spells "my_app").
func officialSpelling(raw string, id snowflake.Identifier) common.IdentifierValue {
	if p, err := snowflake.ParseIdentifier(raw); err == nil && p.Equal(id) {
		return common.NewIdentifierValue(raw)
	}
	return common.IdentifierValueOf(id)
}

// officialRoleSet translates a set of role names (exact names) into our identifier set, each spelled
// as officialSpelling says.
func officialRoleSet(ctx context.Context, attrName string, v types.Set, diags *diag.Diagnostics) types.Set {
	return officialSet(ctx, v, common.IdentifierType{}, diags, func(n string) attr.Value {
		if id := officialName(attrName, n, diags); !id.IsZero() {
			return officialSpelling(strings.TrimSpace(n), id)
		}
		return nil
	})
}

// officialStringSet copies a set of plain strings (IP addresses), never null.
func officialStringSet(ctx context.Context, v types.Set, diags *diag.Diagnostics) types.Set {
	return officialSet(ctx, v, types.StringType, diags, func(s string) attr.Value { return types.StringValue(s) })
}

// officialSet translates each string of the official set v with conv into a set of elemType, never
// null; conv returns nil for an entry it reported as invalid, which is left out.
func officialSet(ctx context.Context, v types.Set, elemType attr.Type, diags *diag.Diagnostics, conv func(string) attr.Value) types.Set {
	var vals []string
	if !v.IsNull() && !v.IsUnknown() {
		diags.Append(v.ElementsAs(ctx, &vals, false)...)
	}
	elems := make([]attr.Value, 0, len(vals))
	for _, s := range vals {
		if e := conv(s); e != nil {
			elems = append(elems, e)
		}
	}
	return types.SetValueMust(elemType, elems)
}

// officialQualifiedName parses a schema-object name as the official provider writes it
// (`"DB"."SCHEMA"."RULE"` after a read, or `DB.SCHEMA.RULE` as configured): three parts separated by
// dots, each exact, quoted parts unquoted.
func officialQualifiedName(s string) (snowflake.QualifiedName, error) {
	parts, err := snowflake.SplitQualifiedName(strings.TrimSpace(s))
	if err != nil {
		return snowflake.QualifiedName{}, err
	}
	ids := make([]snowflake.Identifier, len(parts))
	for i, part := range parts {
		switch {
		case part == "":
			return snowflake.QualifiedName{}, fmt.Errorf("name %q has an empty part", s)
		case strings.HasPrefix(part, `"`):
			if ids[i], err = snowflake.ParseIdentifier(part); err != nil {
				return snowflake.QualifiedName{}, fmt.Errorf("name %q: %w", s, err)
			}
		default:
			ids[i] = snowflake.NewIdentifier(part)
		}
	}
	return snowflake.QualifiedName{Database: ids[0], Schema: ids[1], Name: ids[2]}, nil
}

// officialRuleSet translates a set of network rule names: verbatim when our rule reads them as the
// same rule (the official provider stores "DB"."SCHEMA"."RULE" after a read), otherwise canonical.
func officialRuleSet(ctx context.Context, attrName string, v types.Set, diags *diag.Diagnostics) types.Set {
	return officialSet(ctx, v, types.StringType, diags, func(n string) attr.Value {
		q, err := officialQualifiedName(n)
		if err != nil {
			diags.AddAttributeError(path.Root(attrName), "Invalid network rule name in the official provider's state",
				fmt.Sprintf("Attribute %s: %v", attrName, err))
			return nil
		}
		if p, err := snowflake.ParseQualifiedName(strings.TrimSpace(n)); err == nil && p.Equal(q) {
			return types.StringValue(strings.TrimSpace(n))
		}
		return types.StringValue(q.String())
	})
}

// setTargetAttributes writes attribute values into the target state one by one (by name rather than
// through the resource's model struct), leaving every attribute not listed null until the refresh
// that follows the move fills it from Snowflake.
func setTargetAttributes(ctx context.Context, resp *resource.MoveStateResponse, values map[string]attr.Value) {
	for name, v := range values {
		resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// upper normalises an enum value the official provider may hold in any case.
func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// officialSchemaOf declares the source schema of the official model M from M's own fields, so that an
// attribute is written once: decoding the official state needs only each attribute's type (SDKv2
// stores strings, numbers and sets of strings), and attributes it does not declare are ignored.
func officialSchemaOf[M any]() *schema.Schema {
	attrs := map[string]schema.Attribute{}
	t := reflect.TypeFor[M]()
	for i := range t.NumField() {
		f := t.Field(i)
		switch name := f.Tag.Get("tfsdk"); f.Type {
		case reflect.TypeFor[types.String]():
			attrs[name] = schema.StringAttribute{Optional: true}
		case reflect.TypeFor[types.Int64]():
			attrs[name] = schema.Int64Attribute{Optional: true}
		case reflect.TypeFor[types.Set]():
			attrs[name] = schema.SetAttribute{Optional: true, ElementType: types.StringType}
		default:
			panic("officialSchemaOf: no attribute type for field " + f.Name + " of type " + f.Type.String())
		}
	}
	return &schema.Schema{Attributes: attrs}
}

// officialModel is an official provider's state model that translates itself into our attributes.
type officialModel interface {
	translate(ctx context.Context, diags *diag.Diagnostics) map[string]attr.Value
}

// moveFromOfficial is the state mover of every resource that accepts `moved` from the official
// resource sourceType: it checks the source, decodes it into M and writes M's translation.
func moveFromOfficial[M officialModel](sourceType string) resource.StateMover {
	return resource.StateMover{
		SourceSchema: officialSchemaOf[M](),
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if !isOfficialSource(req, sourceType) || !officialSourceState(req, resp) {
				return
			}
			var src M
			resp.Diagnostics.Append(req.SourceState.Get(ctx, &src)...)
			if resp.Diagnostics.HasError() {
				return
			}
			values := src.translate(ctx, &resp.Diagnostics)
			if resp.Diagnostics.HasError() {
				return
			}
			setTargetAttributes(ctx, resp, values)
		},
	}
}
