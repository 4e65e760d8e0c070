package resources

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	_ resource.Resource                = (*networkPolicyResource)(nil)
	_ resource.ResourceWithConfigure   = (*networkPolicyResource)(nil)
	_ resource.ResourceWithImportState = (*networkPolicyResource)(nil)
)

// NewNetworkPolicyResource is the snowflakeoauth_network_policy resource.
func NewNetworkPolicyResource() resource.Resource {
	return &networkPolicyResource{common.NewResourceBase("network_policy")}
}

type networkPolicyResource struct{ common.ResourceBase }

type networkPolicyModel struct {
	ID                     types.String           `tfsdk:"id"`
	Name                   common.IdentifierValue `tfsdk:"name"`
	AllowedIPList          types.Set              `tfsdk:"allowed_ip_list"`
	BlockedIPList          types.Set              `tfsdk:"blocked_ip_list"`
	AllowedNetworkRuleList types.Set              `tfsdk:"allowed_network_rule_list"`
	BlockedNetworkRuleList types.Set              `tfsdk:"blocked_network_rule_list"`
	Comment                types.String           `tfsdk:"comment"`
	Timeouts               timeouts.Value         `tfsdk:"timeouts"`
}

func (r *networkPolicyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	emptySet := setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{}))
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "A Snowflake network policy: the IPv4 addresses and network rules allowed or blocked. " +
			"Bind it to an OAuth integration with `snowflakeoauth_integration_network_policy`. " +
			"Renaming changes the policy in place (`ALTER NETWORK POLICY ... RENAME TO`), and its bindings follow it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       []planmodifier.String{canonicalNameID("name")},
				MarkdownDescription: "The policy's name in canonical form (`OFFICE_NP`, `\"office_np\"`); it changes with a rename.",
			},
			"name": schema.StringAttribute{
				Required:   true,
				CustomType: common.IdentifierType{},
				Validators: []validator.String{common.IdentifierValidator()},
				MarkdownDescription: "Name of the network policy. A plain name is case-insensitive (`office_np` is `OFFICE_NP`); " +
					"wrap it in double quotes for an exact name (`\"\\\"office_np\\\"\"`). Changing it renames the policy in place.",
			},
			"allowed_ip_list": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true, Default: emptySet,
				Validators: []validator.Set{setvalidator.ValueStringsAre(ipv4EntryValidator(false))},
				MarkdownDescription: "IPv4 addresses or CIDR ranges (`192.168.1.0/24`) allowed to connect. " +
					"Empty by default; with no allowed rules either, an empty list allows no IPv4 address.",
			},
			"blocked_ip_list": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true, Default: emptySet,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(ipv4EntryValidator(true))},
				MarkdownDescription: "IPv4 addresses or CIDR ranges denied access, even when allowed otherwise. `0.0.0.0/0` is rejected. Empty by default.",
			},
			"allowed_network_rule_list": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true, Default: emptySet,
				Validators:          []validator.Set{newQualifiedNameSetValidator()},
				MarkdownDescription: "Fully qualified names (`database.schema.rule`) of network rules whose identifiers are allowed. Each part follows the identifier rule. Empty by default.",
			},
			"blocked_network_rule_list": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true, Default: emptySet,
				Validators:          []validator.Set{newQualifiedNameSetValidator()},
				MarkdownDescription: "Fully qualified names (`database.schema.rule`) of network rules whose identifiers are blocked. Empty by default.",
			},
			"comment": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Comment on the policy. Empty by default.",
			},
		},
	}
}

func (r *networkPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, ok := common.GetModel[networkPolicyModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	name := plan.Name.Identifier()
	lists := plan.lists(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only non-empty lists are sent: an absent list is Snowflake's empty default.
	opts := snowflake.NetworkPolicyOptions{}
	if len(lists.allowedIPs) > 0 {
		opts.AllowedIPs = lists.allowedIPs
	}
	if len(lists.blockedIPs) > 0 {
		opts.BlockedIPs = lists.blockedIPs
	}
	if len(lists.allowedRules) > 0 {
		opts.AllowedNetworkRules = lists.allowedRules
	}
	if len(lists.blockedRules) > 0 {
		opts.BlockedNetworkRules = lists.blockedRules
	}
	if c := plan.Comment.ValueString(); c != "" {
		opts.Comment = &c
	}
	what := "network policy " + name.String()
	outcome := common.CreateThenVerify(ctx, &resp.Diagnostics, what,
		func(ctx context.Context) error { return r.Client.CreateNetworkPolicy(ctx, name, opts) },
		func(ctx context.Context) error { _, err := r.Client.DescribeNetworkPolicy(ctx, name); return err },
		func(err error) {
			common.AddCreateError(&resp.Diagnostics, "create "+what, err, "snowflakeoauth_network_policy", plan.Name.ValueString())
		})
	if outcome == common.NotCreated {
		return
	}
	plan.ID = types.StringValue(name.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *networkPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := common.GetModel[networkPolicyModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	name, ok := common.NameOrID(state.Name, state.ID, "network policy", &resp.Diagnostics)
	if !ok {
		return
	}
	np, err := r.Client.DescribeNetworkPolicy(ctx, name)
	if !common.ReadFound(ctx, resp, err, "Network policy", name, "read network policy "+name.String()) {
		return
	}
	state.ID = types.StringValue(np.Name.String())
	state.Name = common.KeepIdentifier(state.Name, np.Name)
	state.AllowedIPList = keepStringSet(state.AllowedIPList, np.AllowedIPs)
	state.BlockedIPList = keepStringSet(state.BlockedIPList, np.BlockedIPs)
	state.AllowedNetworkRuleList = keepRuleSet(ctx, state.AllowedNetworkRuleList, np.AllowedNetworkRules)
	state.BlockedNetworkRuleList = keepRuleSet(ctx, state.BlockedNetworkRuleList, np.BlockedNetworkRules)
	state.Comment = types.StringValue(np.Comment)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *networkPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := common.UpdateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, state, ok := common.UpdateModels[networkPolicyModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	from, to := state.Name.Identifier(), plan.Name.Identifier()
	if !from.Equal(to) {
		if err := r.Client.RenameNetworkPolicy(ctx, from, to); err != nil {
			common.AddSnowflakeError(&resp.Diagnostics, "rename network policy "+from.String()+" to "+to.String(), err)
			return
		}
		// Saved now, so a failing ALTER below leaves state naming the object that exists.
		renamed := state
		renamed.Name, renamed.ID = plan.Name, types.StringValue(to.String())
		resp.Diagnostics.Append(resp.State.Set(ctx, &renamed)...)
	}
	pl := plan.lists(ctx, &resp.Diagnostics)
	sl := state.lists(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	set, unset := pl.changes(sl, plan.Comment.ValueString(), state.Comment.ValueString())
	if err := r.Client.AlterNetworkPolicy(ctx, to, set, unset...); err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "alter network policy "+to.String(), err)
		return
	}
	plan.ID = types.StringValue(to.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *networkPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	state, ok := common.GetModel[networkPolicyModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	name := state.Name.Identifier()
	err := r.Client.DropNetworkPolicy(ctx, name)
	switch {
	case err == nil, errors.Is(err, snowflake.ErrNotFound):
	case errors.Is(err, snowflake.ErrInUse):
		resp.Diagnostics.AddError("Failed to drop network policy "+name.String(),
			snowflake.Detail(err)+"\n\nThe policy is still attached. If Terraform manages the binding, make the "+
				"snowflakeoauth_integration_network_policy reference this resource's name (network_policy_name = "+
				"snowflakeoauth_network_policy.<name>.name) so Terraform removes the binding first; otherwise unset it "+
				"with ALTER SECURITY INTEGRATION <integration> UNSET NETWORK_POLICY.")
	default:
		common.AddSnowflakeError(&resp.Diagnostics, "drop network policy "+name.String(), err)
	}
}

// ImportState accepts any spelling of the name; id is set to its canonical form.
func (r *networkPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	common.ImportByName(ctx, req, resp, "name", `the network policy name (e.g. OFFICE_NP or "office_np")`)
}

// networkPolicyLists are a model's lists, resolved.
type networkPolicyLists struct {
	allowedIPs, blockedIPs     []string
	allowedRules, blockedRules []snowflake.QualifiedName
}

// changes returns the SET and UNSET of ALTER NETWORK POLICY that take the policy from s (state) to p
// (plan): a list that differs is set, or unset when the plan empties it.
func (p networkPolicyLists) changes(s networkPolicyLists, planComment, stateComment string) (snowflake.NetworkPolicyOptions, []snowflake.NetworkPolicyProperty) {
	var set snowflake.NetworkPolicyOptions
	var unset []snowflake.NetworkPolicyProperty
	diffIPs := func(prop snowflake.NetworkPolicyProperty, p, s []string, dst *[]string) {
		if sameStrings(p, s) {
			return
		}
		if len(p) == 0 {
			unset = append(unset, prop)
			return
		}
		*dst = p
	}
	diffRules := func(prop snowflake.NetworkPolicyProperty, p, s []snowflake.QualifiedName, dst *[]snowflake.QualifiedName) {
		if sameQualifiedNames(p, s) {
			return
		}
		if len(p) == 0 {
			unset = append(unset, prop)
			return
		}
		*dst = p
	}
	diffIPs(snowflake.NPAllowedIPList, p.allowedIPs, s.allowedIPs, &set.AllowedIPs)
	diffIPs(snowflake.NPBlockedIPList, p.blockedIPs, s.blockedIPs, &set.BlockedIPs)
	diffRules(snowflake.NPAllowedNetworkRuleList, p.allowedRules, s.allowedRules, &set.AllowedNetworkRules)
	diffRules(snowflake.NPBlockedNetworkRuleList, p.blockedRules, s.blockedRules, &set.BlockedNetworkRules)
	if planComment != stateComment {
		if planComment == "" {
			unset = append(unset, snowflake.NPComment)
		} else {
			set.Comment = &planComment
		}
	}
	return set, unset
}

func (m networkPolicyModel) lists(ctx context.Context, diags *diag.Diagnostics) networkPolicyLists {
	return networkPolicyLists{
		allowedIPs:   setStrings(ctx, m.AllowedIPList, diags),
		blockedIPs:   setStrings(ctx, m.BlockedIPList, diags),
		allowedRules: qualifiedNames(setStrings(ctx, m.AllowedNetworkRuleList, diags), path.Root("allowed_network_rule_list"), diags),
		blockedRules: qualifiedNames(setStrings(ctx, m.BlockedNetworkRuleList, diags), path.Root("blocked_network_rule_list"), diags),
	}
}

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}

// qualifiedNames parses rule names; a bad one is reported on the attribute at.
func qualifiedNames(names []string, at path.Path, diags *diag.Diagnostics) []snowflake.QualifiedName {
	out := make([]snowflake.QualifiedName, 0, len(names))
	for _, n := range names {
		q, err := snowflake.ParseQualifiedName(n)
		if err != nil {
			diags.AddAttributeError(at, "Invalid network rule name", fmt.Sprintf("Attribute %s: %v", at, err))
			continue
		}
		out = append(out, q)
	}
	return out
}

func sameStrings(a, b []string) bool {
	as := map[string]bool{}
	for _, x := range a {
		as[x] = true
	}
	bs := map[string]bool{}
	for _, x := range b {
		if !as[x] {
			return false
		}
		bs[x] = true
	}
	return len(as) == len(bs)
}

func sameQualifiedNames(a, b []snowflake.QualifiedName) bool {
	key := func(q snowflake.QualifiedName) string { return q.String() }
	as := map[string]bool{}
	for _, x := range a {
		as[key(x)] = true
	}
	bs := map[string]bool{}
	for _, x := range b {
		if !as[key(x)] {
			return false
		}
		bs[key(x)] = true
	}
	return len(as) == len(bs)
}

// keepStringSet keeps prior when it holds the same strings as read, otherwise read.
func keepStringSet(prior types.Set, read []string) types.Set {
	if !prior.IsNull() && !prior.IsUnknown() {
		var p []string
		if d := prior.ElementsAs(context.Background(), &p, false); !d.HasError() && sameStrings(p, read) {
			return prior
		}
	}
	return stringSet(read)
}

// keepRuleSet keeps the user's spelling when prior names the same rules as read (db.sc.r == DB.SC.R).
func keepRuleSet(ctx context.Context, prior types.Set, read []string) types.Set {
	var d diag.Diagnostics
	readQ := qualifiedNames(read, path.Empty(), &d)
	if d.HasError() {
		return stringSet(read)
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		priorQ := qualifiedNames(setStrings(ctx, prior, &d), path.Empty(), &d)
		if !d.HasError() && sameQualifiedNames(priorQ, readQ) {
			return prior
		}
	}
	canon := make([]string, len(readQ))
	for i, q := range readQ {
		canon[i] = q.String()
	}
	return stringSet(canon)
}

func stringSet(vals []string) types.Set {
	elems := make([]attr.Value, len(vals))
	for i, v := range vals {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

// ipv4EntryValidator accepts an IPv4 address or CIDR range; blocked lists also reject 0.0.0.0/0.
func ipv4EntryValidator(blocked bool) validator.String {
	desc := "each entry must be an IPv4 address or CIDR range"
	if blocked {
		desc += " other than 0.0.0.0/0"
	}
	return common.StringValidator(desc, func(at path.Path, s string, diags *diag.Diagnostics) {
		attrName := at.ParentPath().String()
		if err := checkIPv4Entry(s); err != nil {
			diags.AddAttributeError(at, "Invalid IP address in "+attrName, fmt.Sprintf("Attribute %s: %q %v.", attrName, s, err))
			return
		}
		if p, err := netip.ParsePrefix(s); blocked && err == nil && p.Bits() == 0 {
			diags.AddAttributeError(at, "Invalid IP address in "+attrName,
				fmt.Sprintf("Attribute %s: %q blocks every IPv4 address, which would lock everyone out; "+
					"Snowflake discourages it. Remove it, or use allowed_ip_list to restrict access.", attrName, s))
		}
	})
}

func checkIPv4Entry(s string) error {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return errors.New("is not an IPv4 CIDR range such as 192.168.1.0/24")
		}
		return nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return errors.New("is not an IPv4 address such as 192.168.1.10 or CIDR range such as 192.168.1.0/24")
	}
	return nil
}

// qualifiedNameSetValidator checks each entry is db.schema.rule and that no two entries name the same rule.
type qualifiedNameSetValidator struct{ common.Described }

func newQualifiedNameSetValidator() qualifiedNameSetValidator {
	return qualifiedNameSetValidator{"each entry must be a fully qualified network rule name (database.schema.rule), each naming a different rule"}
}

func (qualifiedNameSetValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		q, err := snowflake.ParseQualifiedName(s.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid network rule name in "+req.Path.String(),
				fmt.Sprintf("Attribute %s: %v.", req.Path, err))
			continue
		}
		if prev, dup := seen[q.String()]; dup {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate network rule in "+req.Path.String(),
				fmt.Sprintf("Attribute %s: %q and %q name the same rule %s; list it once.", req.Path, prev, s.ValueString(), q))
			continue
		}
		seen[q.String()] = s.ValueString()
	}
}

// canonicalNameID plans an id attribute as the canonical form of the identifier attribute attr, so
// the id is known at plan time and changes exactly when the named object does.
func canonicalNameID(attr string) planmodifier.String {
	return canonicalNameIDModifier{common.Described("the canonical form of " + attr), attr}
}

type canonicalNameIDModifier struct {
	common.Described
	attr string
}

func (m canonicalNameIDModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var name common.IdentifierValue
	if d := req.Plan.GetAttribute(ctx, path.Root(m.attr), &name); d.HasError() {
		return
	}
	if id := name.Identifier(); !id.IsZero() {
		resp.PlanValue = types.StringValue(id.String())
	}
}
