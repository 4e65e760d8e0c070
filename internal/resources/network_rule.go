package resources

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	_ resource.ResourceWithConfigure      = (*networkRuleResource)(nil)
	_ resource.ResourceWithImportState    = (*networkRuleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*networkRuleResource)(nil)
)

const networkRuleType = "snowflakeoauth_network_rule"

// ruleModesByType lists, per documented TYPE, the MODEs Snowflake accepts with it
// (internal/emulator/FIDELITY.md, "Network rules"; https://docs.snowflake.com/en/sql-reference/sql/create-network-rule).
// Only documented types and modes are offered.
var ruleModesByType = map[string][]string{
	"IPV4":              {"INGRESS"},
	"IPV6":              {"INGRESS"},
	"AWSVPCEID":         {"INGRESS", "INTERNAL_STAGE", "SNOWFLAKE_MANAGED_STORAGE_VOLUME"},
	"AZURELINKID":       {"INGRESS"},
	"GCPPSCID":          {"INGRESS"},
	"COMPUTE_POOL":      {"INGRESS"},
	"HOST_PORT":         {"EGRESS"},
	"PRIVATE_HOST_PORT": {"EGRESS"},
}

var (
	ruleTypes = []string{"IPV4", "IPV6", "AWSVPCEID", "AZURELINKID", "GCPPSCID", "HOST_PORT", "PRIVATE_HOST_PORT", "COMPUTE_POOL"}
	ruleModes = []string{"INGRESS", "INTERNAL_STAGE", "SNOWFLAKE_MANAGED_STORAGE_VOLUME", "EGRESS"}
)

// defaultRuleMode is Snowflake's MODE when CREATE leaves it out.
const defaultRuleMode = "INGRESS"

// NewNetworkRuleResource is the snowflakeoauth_network_rule resource.
func NewNetworkRuleResource() resource.Resource {
	return &networkRuleResource{common.NewResourceBase("network_rule")}
}

type networkRuleResource struct{ common.ResourceBase }

type networkRuleModel struct {
	ID                 types.String           `tfsdk:"id"`
	Database           common.IdentifierValue `tfsdk:"database"`
	Schema             common.IdentifierValue `tfsdk:"schema"`
	Name               common.IdentifierValue `tfsdk:"name"`
	Type               types.String           `tfsdk:"type"`
	Mode               types.String           `tfsdk:"mode"`
	ValueList          types.Set              `tfsdk:"value_list"`
	Comment            types.String           `tfsdk:"comment"`
	FullyQualifiedName types.String           `tfsdk:"fully_qualified_name"`
	Timeouts           timeouts.Value         `tfsdk:"timeouts"`
}

// qualified resolves the three name attributes; ok is false while any of them is unknown or invalid.
func (m networkRuleModel) qualified() (snowflake.QualifiedName, bool) {
	q := snowflake.QualifiedName{Database: m.Database.Identifier(), Schema: m.Schema.Identifier(), Name: m.Name.Identifier()}
	return q, !q.Database.IsZero() && !q.Schema.IsZero() && !q.Name.IsZero()
}

func (r *networkRuleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "A Snowflake network rule (`CREATE NETWORK RULE`): a schema object that groups network identifiers " +
			"(IPv4/IPv6 ranges, private endpoint IDs, host names). Network policies list rules in " +
			"`allowed_network_rule_list` / `blocked_network_rule_list`: pass this resource's `fully_qualified_name` there. " +
			"Snowflake cannot rename a rule or change its type or mode, so naming another rule, database or schema, " +
			"or changing `type` or `mode`, replaces it; `value_list` and `comment` change in place. " +
			"Snowflake refuses to drop a rule that a network policy lists: remove it from the policy in one apply, " +
			"then remove or replace the rule in the next.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       []planmodifier.String{canonicalQualifiedName()},
				MarkdownDescription: "The rule's fully qualified name in canonical form, the same as `fully_qualified_name`.",
			},
			"database": ruleNamePart("database", "Database that holds the rule; it must exist."),
			"schema":   ruleNamePart("schema", "Schema that holds the rule; it must exist."),
			"name":     ruleNamePart("network rule", "Name of the network rule."),
			"type": schema.StringAttribute{
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(ruleTypes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "What the values identify: `IPV4` and `IPV6` (AWS only) addresses or CIDR ranges, `AWSVPCEID`, " +
					"`AZURELINKID` and `GCPPSCID` private endpoint IDs, `HOST_PORT` and `PRIVATE_HOST_PORT` destinations " +
					"(`domain[:port]`), `COMPUTE_POOL` compute pool names. Changing it replaces the rule.",
			},
			"mode": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(defaultRuleMode),
				Validators:    []validator.String{stringvalidator.OneOf(ruleModes...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				MarkdownDescription: "Where the rule applies: `INGRESS` (the default; what network policies use), `INTERNAL_STAGE` and " +
					"`SNOWFLAKE_MANAGED_STORAGE_VOLUME` (with `AWSVPCEID`), `EGRESS` (with `HOST_PORT` and `PRIVATE_HOST_PORT`, " +
					"for external access). A combination Snowflake documents as invalid is rejected at plan time. Changing it replaces the rule.",
			},
			"value_list": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Default: setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				MarkdownDescription: "The network identifiers; order does not matter. `IPV4` and `IPV6` entries are checked at plan time. " +
					"Empty by default (an empty rule matches nothing). Changes are made in place.",
			},
			"comment": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Comment on the rule. Empty by default.",
			},
			"fully_qualified_name": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{canonicalQualifiedName()},
				MarkdownDescription: "`database.schema.name` in canonical form (`SECURITY_DB.NETWORK.OFFICE`, `\"My DB\".PUBLIC.\"office\"`), " +
					"known at plan time: the value to put in a network policy's `allowed_network_rule_list` or `blocked_network_rule_list`.",
			},
		},
	}
}

// ruleNamePart is the schema of database, schema and name: an identifier whose respelling is no change.
func ruleNamePart(what, desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Required:      true,
		CustomType:    common.IdentifierType{},
		Validators:    []validator.String{common.IdentifierValidator()},
		PlanModifiers: []planmodifier.String{common.RequiresReplaceIfOtherObject(what)},
		MarkdownDescription: desc + " Follows Snowflake's identifier rule: `office` means `OFFICE`, `\"\\\"office\\\"\"` is exact. " +
			"Naming another " + what + " replaces the rule (Snowflake cannot rename network rules); respelling the same name changes nothing.",
	}
}

// ValidateConfig checks what depends on more than one attribute: the type/mode pair and the values
// of the types whose format the documentation pins down.
func (r *networkRuleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := common.GetModel[networkRuleModel](ctx, req.Config, &resp.Diagnostics)
	if !ok || m.Type.IsNull() || m.Type.IsUnknown() {
		return
	}
	typ := m.Type.ValueString()
	allowed, known := ruleModesByType[typ]
	if !known {
		return // the type's own validator reports it
	}
	if !m.Mode.IsUnknown() {
		mode, explicit := m.Mode.ValueString(), !m.Mode.IsNull()
		if !explicit {
			mode = defaultRuleMode
		}
		if !slices.Contains(allowed, mode) {
			resp.Diagnostics.AddAttributeError(path.Root("mode"), "Invalid mode for this network rule type", modeError(typ, mode, explicit, allowed))
		}
	}
	if m.ValueList.IsUnknown() {
		return
	}
	for _, e := range m.ValueList.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if err := checkRuleValue(typ, s.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("value_list"), "Invalid value in value_list",
				fmt.Sprintf("Attribute value_list: %q %v.", s.ValueString(), err))
		}
	}
}

func modeError(typ, mode string, explicit bool, allowed []string) string {
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	msg := fmt.Sprintf("Attribute mode: Snowflake does not accept mode %s for type %s; it must be %s.", mode, typ, strings.Join(quoted, " or "))
	if !explicit {
		msg += fmt.Sprintf(" mode is not set, so it defaults to %s: set mode = %s.", defaultRuleMode, quoted[0])
	}
	return msg
}

// checkRuleValue validates one value where the format is documented exactly: IPv4 and IPv6 addresses
// and CIDR ranges. Other types only need a non-empty value; Snowflake checks the rest.
func checkRuleValue(typ, v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("is empty")
	}
	switch typ {
	case "IPV4":
		return checkIPv4Entry(v)
	case "IPV6":
		return checkIPv6Entry(v)
	}
	return nil
}

func checkIPv6Entry(s string) error {
	if strings.Contains(s, "/") {
		if p, err := netip.ParsePrefix(s); err == nil && p.Addr().Is6() {
			return nil
		}
		return errors.New("is not an IPv6 CIDR range such as 2001:db8::/32")
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Is6() {
		return nil
	}
	return errors.New("is not an IPv6 address such as 2001:db8::1 or CIDR range such as 2001:db8::/32")
}

func (r *networkRuleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, ok := common.GetModel[networkRuleModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	q, _ := plan.qualified()
	opts := snowflake.NetworkRuleOptions{Type: plan.Type.ValueString(), Mode: plan.Mode.ValueString(),
		ValueList: setStrings(ctx, plan.ValueList, &resp.Diagnostics)}
	if c := plan.Comment.ValueString(); c != "" {
		opts.Comment = &c
	}
	what := "network rule " + q.String()
	read, outcome := common.CreateThenRead(ctx, &resp.Diagnostics, what,
		func(ctx context.Context) error { return r.Client.CreateNetworkRule(ctx, q, opts) },
		func(ctx context.Context) (*snowflake.NetworkRule, error) { return r.Client.DescribeNetworkRule(ctx, q) },
		func(err error) {
			common.AddCreateError(&resp.Diagnostics, "create "+what, err, networkRuleType, plan.importID(q))
		})
	switch outcome {
	case common.CreatedAndRead:
		plan.fill(read)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	case common.CreatedNotRead, common.OutcomeUnknown:
		plan.ID, plan.FullyQualifiedName = types.StringValue(q.String()), types.StringValue(q.String())
		common.SaveUnread(ctx, &resp.State, &plan, &resp.Diagnostics)
	}
}

// importID is the ID to import the rule with, in the configuration's spelling when that spelling
// reads back as the same rule, else in canonical form.
func (m networkRuleModel) importID(q snowflake.QualifiedName) string {
	spelled := m.Database.ValueString() + "." + m.Schema.ValueString() + "." + m.Name.ValueString()
	if back, err := snowflake.ParseQualifiedName(spelled); err == nil && back.Equal(q) {
		return spelled
	}
	return q.String()
}

// fill stores what Snowflake reported; the name parts keep the user's spelling when they denote the
// same objects, and the value set keeps its elements when it holds the same values.
func (m *networkRuleModel) fill(r *snowflake.NetworkRule) {
	m.Database = common.KeepIdentifier(m.Database, r.Name.Database)
	m.Schema = common.KeepIdentifier(m.Schema, r.Name.Schema)
	m.Name = common.KeepIdentifier(m.Name, r.Name.Name)
	m.ID = types.StringValue(r.Name.String())
	m.FullyQualifiedName = types.StringValue(r.Name.String())
	m.Type = types.StringValue(r.Type)
	m.Mode = types.StringValue(r.Mode)
	m.ValueList = keepRuleValues(m.ValueList, r.ValueList)
	m.Comment = types.StringValue(r.Comment)
}

// keepRuleValues keeps prior when it holds the values read. DESCRIBE joins the values with ","
// (FIDELITY.md, "Network rules"), so a value that itself contains "," (a documented endpoint-ID
// tuple such as {vpce-1:10.0.0.0/24,...}) reads back in pieces: prior is compared piece by piece.
func keepRuleValues(prior types.Set, read []string) types.Set {
	if !prior.IsNull() && !prior.IsUnknown() {
		var p []string
		if d := prior.ElementsAs(context.Background(), &p, false); !d.HasError() && sameStrings(splitValues(p), read) {
			return prior
		}
	}
	return stringSet(read)
}

// splitValues cuts every value at "," the way DESCRIBE's joined value_list is read back.
func splitValues(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, piece := range strings.Split(v, ",") {
			if piece = strings.TrimSpace(piece); piece != "" {
				out = append(out, piece)
			}
		}
	}
	return out
}

func (r *networkRuleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := common.GetModel[networkRuleModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	q, ok := state.qualified()
	if !ok {
		resp.Diagnostics.AddError("Invalid network rule state", fmt.Sprintf("The state names no valid rule (id %q); import it again.", state.ID.ValueString()))
		return
	}
	rule, err := r.Client.DescribeNetworkRule(ctx, q)
	if !common.ReadFound(ctx, resp, err, "Network rule", q, "read network rule "+q.String()) {
		return
	}
	state.fill(rule)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes value_list and comment (the only properties ALTER NETWORK RULE can change); a
// respelled name sends nothing. VALUE_LIST goes with every SET while the list is not empty, because
// the documented grammar has COMMENT only as an addition to VALUE_LIST.
func (r *networkRuleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := common.UpdateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, state, ok := common.UpdateModels[networkRuleModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	q, _ := plan.qualified()
	pv, sv := setStrings(ctx, plan.ValueList, &resp.Diagnostics), setStrings(ctx, state.ValueList, &resp.Diagnostics)
	values, comment, unset := ruleChanges(pv, sv, plan.Comment.ValueString(), state.Comment.ValueString())
	if err := r.Client.AlterNetworkRule(ctx, q, values, comment, unset...); err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "alter network rule "+q.String(), err)
		return
	}
	plan.ID, plan.FullyQualifiedName = types.StringValue(q.String()), types.StringValue(q.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// ruleChanges decides the SET and UNSET clauses that turn the state's values and comment into the
// plan's: nil values / comment are left out of SET.
func ruleChanges(planValues, stateValues []string, planComment, stateComment string) (values []string, comment *string, unset []snowflake.NetworkRuleProperty) {
	valuesChanged, commentChanged := !sameStrings(planValues, stateValues), planComment != stateComment
	switch {
	case valuesChanged && len(planValues) == 0:
		unset = append(unset, snowflake.NRValueList)
	case len(planValues) > 0 && (valuesChanged || commentChanged && planComment != ""):
		values = planValues
	}
	if commentChanged {
		if planComment == "" {
			unset = append(unset, snowflake.NRComment)
		} else {
			comment = &planComment
		}
	}
	return values, comment, unset
}

func (r *networkRuleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	state, ok := common.GetModel[networkRuleModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	q, _ := state.qualified()
	err := r.Client.DropNetworkRule(ctx, q)
	switch {
	case err == nil, errors.Is(err, snowflake.ErrNotFound):
	case errors.Is(err, snowflake.ErrInsufficientPrivileges):
		common.AddSnowflakeError(&resp.Diagnostics, "drop network rule "+q.String(), err)
	default:
		// Snowflake refuses to drop a rule that a network policy lists (FIDELITY.md, "Network rules");
		// the advice is given for any refusal, since the code of that error is not documented.
		resp.Diagnostics.AddError("Failed to drop network rule "+q.String(), snowflake.Detail(err)+"\n\n"+ruleInUseAdvice(q))
	}
}

// ruleInUseAdvice is the way out of a refused drop. Terraform drops a rule that left the
// configuration before it updates the policies that listed it, even when they referenced it, so the
// reference has to go in an apply of its own.
func ruleInUseAdvice(q snowflake.QualifiedName) string {
	return fmt.Sprintf("Snowflake does not drop a network rule while a network policy lists it. Remove %s from the "+
		"policy's allowed_network_rule_list and blocked_network_rule_list first and apply that change on its own "+
		"(Terraform drops a removed rule before it updates the policy, even when the policy references "+
		"snowflakeoauth_network_rule.<name>.fully_qualified_name); then remove the rule, or change its type or mode, "+
		"in a second apply. For a policy Terraform does not manage, run ALTER NETWORK POLICY <policy> REMOVE "+
		"ALLOWED_NETWORK_RULE_LIST = '%s' (or BLOCKED_NETWORK_RULE_LIST) and apply again.", q, q)
}

// ImportState accepts database.schema.name in any spelling; each part keeps the spelling given.
func (r *networkRuleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	q, err := snowflake.ParseQualifiedName(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf(`Expected the rule's fully qualified name database.schema.name (e.g. SECURITY_DB.NETWORK.OFFICE or "My DB".PUBLIC."office"): %v`, err))
		return
	}
	parts, _ := snowflake.SplitQualifiedName(req.ID) // valid: ParseQualifiedName accepted it
	for i, attr := range []string{"database", "schema", "name"} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), common.NewIdentifierValue(parts[i]))...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), q.String())...)
}

// canonicalQualifiedName plans id and fully_qualified_name as the canonical database.schema.name, so
// both are known at plan time (a network policy can use them in the same plan) and change exactly
// when the rule does.
func canonicalQualifiedName() planmodifier.String {
	return canonicalQualifiedNameModifier{"the canonical form of database.schema.name"}
}

type canonicalQualifiedNameModifier struct{ common.Described }

func (canonicalQualifiedNameModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var m networkRuleModel
	var d diag.Diagnostics
	for attr, dst := range map[string]*common.IdentifierValue{"database": &m.Database, "schema": &m.Schema, "name": &m.Name} {
		d.Append(req.Plan.GetAttribute(ctx, path.Root(attr), dst)...)
	}
	if d.HasError() {
		return
	}
	if q, ok := m.qualified(); ok {
		resp.PlanValue = types.StringValue(q.String())
	}
}
