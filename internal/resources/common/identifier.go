package common

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// IdentifierType is a string attribute type that holds a Snowflake object name written by the user
// (DESIGN.md identifier rule). Values that resolve to the same object are semantically equal, so
// `analyst` in configuration and `ANALYST` read back never show a diff.
type IdentifierType struct {
	basetypes.StringType
}

var (
	_ basetypes.StringTypable                    = IdentifierType{}
	_ basetypes.StringValuableWithSemanticEquals = IdentifierValue{}
)

func (t IdentifierType) String() string { return "common.IdentifierType" }

func (t IdentifierType) Equal(o attr.Type) bool {
	_, ok := o.(IdentifierType)
	return ok
}

func (t IdentifierType) ValueType(context.Context) attr.Value { return IdentifierValue{} }

func (t IdentifierType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return IdentifierValue{StringValue: in}, nil
}

func (t IdentifierType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return IdentifierValue{StringValue: s}, nil
}

// IdentifierValue is a value of IdentifierType.
type IdentifierValue struct {
	basetypes.StringValue
}

func (v IdentifierValue) Type(context.Context) attr.Type { return IdentifierType{} }

func (v IdentifierValue) Equal(o attr.Value) bool {
	other, ok := o.(IdentifierValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether both values name the same Snowflake object.
func (v IdentifierValue) StringSemanticEquals(_ context.Context, nv basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	other, ok := nv.(IdentifierValue)
	if !ok {
		return false, diags
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return v.StringValue.Equal(other.StringValue), diags
	}
	a, errA := snowflake.ParseIdentifier(v.ValueString())
	b, errB := snowflake.ParseIdentifier(other.ValueString())
	if errA != nil || errB != nil {
		return v.ValueString() == other.ValueString(), diags
	}
	return a.Equal(b), diags
}

// Identifier resolves the value; the zero Identifier when null, unknown or invalid (the validator
// reports invalid names at plan time).
func (v IdentifierValue) Identifier() snowflake.Identifier {
	if v.IsNull() || v.IsUnknown() {
		return snowflake.Identifier{}
	}
	id, err := snowflake.ParseIdentifier(v.ValueString())
	if err != nil {
		return snowflake.Identifier{}
	}
	return id
}

// NewIdentifierValue wraps a string.
func NewIdentifierValue(s string) IdentifierValue {
	return IdentifierValue{StringValue: types.StringValue(s)}
}

// IdentifierValueOf renders a resolved identifier in canonical form (ANALYST, "Legacy App").
func IdentifierValueOf(id snowflake.Identifier) IdentifierValue {
	return NewIdentifierValue(id.String())
}

// IdentifierValidator reports names that snowflake.ParseIdentifier rejects, naming the attribute.
// It works on strings, and on set elements of IdentifierType.
func IdentifierValidator() validator.String {
	return StringValidator("must be a Snowflake identifier: a plain name (case-insensitive), a double-quoted name (exact), "+
		"or any other non-empty name up to 255 characters (exact)",
		func(at path.Path, name string, diags *diag.Diagnostics) {
			if _, err := snowflake.ParseIdentifier(name); err != nil {
				diags.AddAttributeError(at, "Invalid Snowflake identifier",
					fmt.Sprintf("Attribute %s: %q is not a valid Snowflake identifier: %v", at, name, err))
			}
		})
}
