package resources

// Code shared by the custom-client and partner OAuth integration resources: the attributes both
// have, the mapping of one DESCRIBE into state, and the ALTER built from a plan.

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// Snowflake's defaults and limits (internal/emulator/FIDELITY.md, "CREATE SECURITY INTEGRATION").
const (
	defaultAccessTokenValidity  = 600
	defaultRefreshTokenValidity = 7776000
	minAccessTokenValidity      = 60
	maxAccessTokenValidity      = 3600
	// maxRefreshTokenValidity is the largest ceiling Snowflake Support can grant; the account's own
	// ceiling (7776000 unless raised) is enforced by Snowflake.
	maxRefreshTokenValidity = 157784630
)

// integrationCommon holds the attributes every OAuth integration resource has.
type integrationCommon struct {
	ID                             types.String           `tfsdk:"id"`
	Name                           common.IdentifierValue `tfsdk:"name"`
	Enabled                        types.Bool             `tfsdk:"enabled"`
	UseSecondaryRoles              types.String           `tfsdk:"oauth_use_secondary_roles"`
	AllowedRoles                   types.Set              `tfsdk:"allowed_roles_list"`
	BlockedRoles                   types.Set              `tfsdk:"blocked_roles_list"`
	IssueRefreshTokens             types.Bool             `tfsdk:"oauth_issue_refresh_tokens"`
	RefreshTokenValidity           types.Int64            `tfsdk:"oauth_refresh_token_validity"`
	AccessTokenValidity            types.Int64            `tfsdk:"oauth_access_token_validity"`
	SingleUseRefreshTokensRequired types.Bool             `tfsdk:"oauth_single_use_refresh_tokens_required"`
	Comment                        types.String           `tfsdk:"comment"`

	ClientID                      types.String `tfsdk:"oauth_client_id"`
	AuthorizationEndpoint         types.String `tfsdk:"oauth_authorization_endpoint"`
	TokenEndpoint                 types.String `tfsdk:"oauth_token_endpoint"`
	AllowedAuthorizationEndpoints types.List   `tfsdk:"oauth_allowed_authorization_endpoints"`
	AllowedTokenEndpoints         types.List   `tfsdk:"oauth_allowed_token_endpoints"`
	NetworkPolicy                 types.String `tfsdk:"network_policy"`
	EffectiveBlockedRoles         types.Set    `tfsdk:"effective_blocked_roles_list"`

	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func integEmptyIdentifierSet() types.Set { return types.SetValueMust(common.IdentifierType{}, nil) }

func integRoleSetAttribute(desc string) schema.SetAttribute {
	return schema.SetAttribute{
		ElementType:         common.IdentifierType{},
		Optional:            true,
		Computed:            true,
		Default:             setdefault.StaticValue(integEmptyIdentifierSet()),
		MarkdownDescription: desc + " Role names follow the [identifier rule](../index.md#object-names): `analyst` means `ANALYST`, `\"\\\"Mixed\\\"\"` is exact. Compared as a set. Default: empty." + absentRowNote,
		Validators:          []validator.Set{setvalidator.ValueStringsAre(common.IdentifierValidator())},
	}
}

// integComputedString is a string only Snowflake (or the provider) sets, kept from the prior state in
// plans: every resource of this package uses it for such attributes.
func integComputedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

func integComputedList(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc,
		PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()}}
}

// commonAttributes are the schema attributes of integrationCommon. refresh is the
// oauth_refresh_token_validity attribute, whose range and default depend on the client.
func commonAttributes(kind string, refresh schema.Int64Attribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true,
			MarkdownDescription: "The integration's name in canonical form (`MY_APP`, `\"Legacy App\"`).",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"name": schema.StringAttribute{Required: true, CustomType: common.IdentifierType{},
			MarkdownDescription: "Name of the " + kind + " security integration, a Snowflake identifier ([identifier rule](../index.md#object-names)). Naming another integration replaces it; respelling the same name (`my_app` -> `MY_APP`) changes nothing in Snowflake.",
			Validators:          []validator.String{common.IdentifierValidator()},
			PlanModifiers:       []planmodifier.String{common.RequiresReplaceIfOtherObject("integration")}},
		"enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			MarkdownDescription: "Whether the integration is enabled. Default: `true` (always sent on create: Snowflake's own default was `false` before bundle 2026_01)." + absentRowNote},
		"oauth_use_secondary_roles": schema.StringAttribute{Optional: true, Computed: true,
			Default:             stringdefault.StaticString(snowflake.SecondaryRolesNone),
			MarkdownDescription: "`IMPLICIT` activates the user's default secondary roles in OAuth sessions; `NONE` does not. Default: `NONE`." + absentRowNote,
			Validators:          []validator.String{stringvalidator.OneOf(snowflake.SecondaryRolesImplicit, snowflake.SecondaryRolesNone)}},
		"allowed_roles_list": integRoleSetAttribute("Roles a user may consent to (empty: all roles that are not blocked). Not allowed together with `oauth_use_secondary_roles = \"IMPLICIT\"`."),
		"blocked_roles_list": integRoleSetAttribute("Roles a user may not consent to. The privileged roles that Snowflake adds while the account parameter `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is true need not be listed; see `effective_blocked_roles_list`."),
		"oauth_issue_refresh_tokens": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			MarkdownDescription: "Whether Snowflake issues refresh tokens. Default: `true`." + absentRowNote},
		"oauth_refresh_token_validity": refresh,
		"oauth_access_token_validity": schema.Int64Attribute{Optional: true, Computed: true,
			Default:             int64default.StaticInt64(defaultAccessTokenValidity),
			MarkdownDescription: fmt.Sprintf("Access token lifetime in seconds, %d to %d. Default: `%d`.", minAccessTokenValidity, maxAccessTokenValidity, defaultAccessTokenValidity) + absentRowNote,
			Validators:          []validator.Int64{int64validator.Between(minAccessTokenValidity, maxAccessTokenValidity)}},
		"oauth_single_use_refresh_tokens_required": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether each refresh returns a new refresh token and invalidates the old one. Default: `false`." + absentRowNote},
		"comment": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString(""),
			MarkdownDescription: "Comment. Default: none (`\"\"`)." + absentRowNote},

		"oauth_client_id":                       integComputedString("The OAuth client ID Snowflake generated."),
		"oauth_authorization_endpoint":          integComputedString("The authorization endpoint URL."),
		"oauth_token_endpoint":                  integComputedString("The token endpoint URL."),
		"oauth_allowed_authorization_endpoints": integComputedList("All authorization endpoint URLs that Snowflake accepts for this integration."),
		"oauth_allowed_token_endpoints":         integComputedList("All token endpoint URLs that Snowflake accepts for this integration."),
		"network_policy":                        integComputedString("The network policy bound to the integration (read-only: `snowflakeoauth_integration_network_policy` manages it); `\"\"` when none."),
		"effective_blocked_roles_list": schema.SetAttribute{Computed: true, ElementType: common.IdentifierType{},
			MarkdownDescription: "The roles Snowflake really blocks: `blocked_roles_list` plus the privileged roles it adds while `OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST` is true.",
			PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()}},
	}
}

func integStringList(vals []string) types.List {
	elems := make([]attr.Value, 0, len(vals))
	for _, v := range vals {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

func integrationStringSet(vals []string) types.Set {
	elems := make([]attr.Value, 0, len(vals))
	for _, v := range vals {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// integStringsAt reads a set of strings for a statement (never nil: an empty set clears the list);
// a value that cannot be read is reported on the attribute.
func integStringsAt(ctx context.Context, s types.Set, attribute string, diags *diag.Diagnostics) []string {
	out := []string{}
	if s.IsNull() || s.IsUnknown() {
		return out
	}
	for _, x := range s.ElementsAs(ctx, &out, false) {
		diags.AddAttributeError(path.Root(attribute), x.Summary(), "Attribute "+attribute+": "+x.Detail())
	}
	return out
}

// integIsPrivileged reports whether Snowflake adds id to blocked lists on its own.
func integIsPrivileged(id snowflake.Identifier) bool {
	for _, p := range snowflake.PrivilegedRoles() {
		if p.Equal(id) {
			return true
		}
	}
	return false
}

func integContains(list []snowflake.Identifier, id snowflake.Identifier) bool {
	for _, x := range list {
		if x.Equal(id) {
			return true
		}
	}
	return false
}

// integUserBlockedRoles removes from Snowflake's blocked list the privileged roles it added by itself
// (those the configuration, i.e. prior state, does not list), so that the account parameter never
// causes a perpetual diff while a role added or removed by hand still shows as drift.
func integUserBlockedRoles(read, configured []snowflake.Identifier, privilegedBlocked bool) []snowflake.Identifier {
	if !privilegedBlocked {
		return read
	}
	out := []snowflake.Identifier{}
	for _, r := range read {
		if integIsPrivileged(r) && !integContains(configured, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// applyDescription refreshes m (holding prior state) from one DESCRIBE, keeping the user's spelling
// of names that denote the same objects. A property DESCRIBE has no row for (an account that predates
// it) keeps its prior value: a missing row is not a change (FIDELITY.md, "Missing DESCRIBE rows").
func (m *integrationCommon) applyDescription(ctx context.Context, d *snowflake.IntegrationDescription, privilegedBlocked bool) {
	var diags diag.Diagnostics
	m.ID = types.StringValue(d.Name.String())
	m.Name = common.KeepIdentifier(m.Name, d.Name)
	m.Enabled = integReadBool(d, snowflake.PropEnabled, d.Enabled, m.Enabled, true)
	secondary := strings.ToUpper(d.UseSecondaryRoles)
	if secondary == "" {
		secondary = snowflake.SecondaryRolesNone
	}
	m.UseSecondaryRoles = integReadString(d, snowflake.PropUseSecondaryRoles, secondary, m.UseSecondaryRoles, snowflake.SecondaryRolesNone)
	if d.Has(snowflake.PropAllowedRolesList) || m.AllowedRoles.IsNull() {
		m.AllowedRoles = common.KeepIdentifierSet(ctx, m.AllowedRoles, d.AllowedRoles)
	}
	if d.Has(snowflake.PropBlockedRolesList) || m.BlockedRoles.IsNull() {
		configuredBlocked := common.IdentifiersFromSet(ctx, m.BlockedRoles, &diags)
		m.BlockedRoles = common.KeepIdentifierSet(ctx, m.BlockedRoles, integUserBlockedRoles(d.BlockedRoles, configuredBlocked, privilegedBlocked))
	}
	m.IssueRefreshTokens = integReadBool(d, snowflake.PropIssueRefreshTokens, d.IssueRefreshTokens, m.IssueRefreshTokens, true)
	if d.Has(snowflake.PropRefreshTokenValidity) || m.RefreshTokenValidity.IsNull() {
		// No row and no prior value (an import from an old account): the DESCRIBE zero is no better
		// than Snowflake's documented default.
		v := d.RefreshTokenValidity
		if !d.Has(snowflake.PropRefreshTokenValidity) {
			v = defaultRefreshTokenValidity
		}
		m.RefreshTokenValidity = types.Int64Value(v)
	}
	m.AccessTokenValidity = integReadInt64(d, snowflake.PropAccessTokenValidity, d.AccessTokenValidity, m.AccessTokenValidity, defaultAccessTokenValidity)
	m.SingleUseRefreshTokensRequired = integReadBool(d, snowflake.PropSingleUseRefreshTokensRequired, d.SingleUseRefreshTokensRequired, m.SingleUseRefreshTokensRequired, false)
	m.Comment = integReadString(d, snowflake.PropComment, d.Comment, m.Comment, "")
	m.fillComputed(ctx, d)
}

// integReadProp is the value DESCRIBE shows for prop; without a row, prior (or def when there is no
// prior value, as after an import). mk builds the framework value of T.
func integReadProp[T any, V interface {
	IsNull() bool
	IsUnknown() bool
}](d *snowflake.IntegrationDescription, prop snowflake.IntegrationProperty, read T, prior V, def T, mk func(T) V) V {
	switch {
	case d.Has(prop):
		return mk(read)
	case prior.IsNull() || prior.IsUnknown():
		return mk(def)
	}
	return prior
}

// integReadBool is integReadProp for booleans.
func integReadBool(d *snowflake.IntegrationDescription, prop snowflake.IntegrationProperty, read bool, prior types.Bool, def bool) types.Bool {
	return integReadProp(d, prop, read, prior, def, types.BoolValue)
}

// integReadInt64 is integReadProp for numbers.
func integReadInt64(d *snowflake.IntegrationDescription, prop snowflake.IntegrationProperty, read int64, prior types.Int64, def int64) types.Int64 {
	return integReadProp(d, prop, read, prior, def, types.Int64Value)
}

// integReadString is integReadProp for strings.
func integReadString(d *snowflake.IntegrationDescription, prop snowflake.IntegrationProperty, read string, prior types.String, def string) types.String {
	return integReadProp(d, prop, read, prior, def, types.StringValue)
}

// createNote is part of both integration resources' descriptions.
const createNote = "On create the provider sends Snowflake only the attributes you configure (and `enabled`), so an account that does not know a newer property accepts every configuration that does not use it; unconfigured attributes get Snowflake's documented default in state."

// absentRowNote ends the description of every attribute read from a DESCRIBE row.
const absentRowNote = " If Snowflake's DESCRIBE shows no row for this property (an account that predates it), the value in state is kept as is."

// fillComputed sets the attributes that only Snowflake knows.
func (m *integrationCommon) fillComputed(ctx context.Context, d *snowflake.IntegrationDescription) {
	m.ClientID = types.StringValue(d.ClientID)
	m.AuthorizationEndpoint = types.StringValue(d.AuthorizationEndpoint)
	m.TokenEndpoint = types.StringValue(d.TokenEndpoint)
	m.AllowedAuthorizationEndpoints = integStringList(d.AllowedAuthorizationEndpoints)
	m.AllowedTokenEndpoints = integStringList(d.AllowedTokenEndpoints)
	np := ""
	if !d.NetworkPolicy.IsZero() {
		np = d.NetworkPolicy.String()
	}
	m.NetworkPolicy = types.StringValue(np)
	m.EffectiveBlockedRoles = common.KeepIdentifierSet(ctx, m.EffectiveBlockedRoles, d.BlockedRoles)
}

// fillUnknownComputed replaces only the computed values the plan left unknown, so that an apply
// returns exactly what was planned.
func (m *integrationCommon) fillUnknownComputed(ctx context.Context, d *snowflake.IntegrationDescription) {
	var fresh integrationCommon
	fresh.fillComputed(ctx, d)
	if m.ID.IsUnknown() {
		m.ID = types.StringValue(d.Name.String())
	}
	ifUnknown(&m.ClientID, fresh.ClientID)
	ifUnknown(&m.AuthorizationEndpoint, fresh.AuthorizationEndpoint)
	ifUnknown(&m.TokenEndpoint, fresh.TokenEndpoint)
	ifUnknown(&m.AllowedAuthorizationEndpoints, fresh.AllowedAuthorizationEndpoints)
	ifUnknown(&m.AllowedTokenEndpoints, fresh.AllowedTokenEndpoints)
	ifUnknown(&m.NetworkPolicy, fresh.NetworkPolicy)
	ifUnknown(&m.EffectiveBlockedRoles, fresh.EffectiveBlockedRoles)
}

// ifUnknown sets *v to fresh when the plan left it unknown; a known planned value stays.
func ifUnknown[V interface{ IsUnknown() bool }](v *V, fresh V) {
	if (*v).IsUnknown() {
		*v = fresh
	}
}

// properties starts the SET (p) and UNSET of both resources' properties with every common attribute
// of plan that differs from state (all known ones when state is nil, i.e. on create). Removing a
// comment UNSETs it; everything else is SET, to its schema default when removed from the
// configuration, as Snowflake cannot UNSET most properties.
func (plan *integrationCommon) properties(ctx context.Context, state *integrationCommon) (p snowflake.IntegrationProperties, unset []snowflake.IntegrationProperty, diags diag.Diagnostics) {
	changed := func(a, b attr.Value) bool { return state == nil || !a.Equal(b) }
	var s integrationCommon
	if state != nil {
		s = *state
	}
	if changed(plan.Enabled, s.Enabled) && !plan.Enabled.IsNull() && !plan.Enabled.IsUnknown() {
		p.Enabled = plan.Enabled.ValueBoolPointer()
	}
	if changed(plan.UseSecondaryRoles, s.UseSecondaryRoles) && !plan.UseSecondaryRoles.IsNull() && !plan.UseSecondaryRoles.IsUnknown() {
		p.UseSecondaryRoles = plan.UseSecondaryRoles.ValueStringPointer()
	}
	if integRoleSetChanged(ctx, plan.AllowedRoles, s.AllowedRoles, state == nil) {
		p.AllowedRoles = integRolesAt(ctx, plan.AllowedRoles, "allowed_roles_list", &diags)
	}
	if integRoleSetChanged(ctx, plan.BlockedRoles, s.BlockedRoles, state == nil) {
		p.BlockedRoles = integRolesAt(ctx, plan.BlockedRoles, "blocked_roles_list", &diags)
	}
	if changed(plan.IssueRefreshTokens, s.IssueRefreshTokens) && !plan.IssueRefreshTokens.IsNull() && !plan.IssueRefreshTokens.IsUnknown() {
		p.IssueRefreshTokens = plan.IssueRefreshTokens.ValueBoolPointer()
	}
	if changed(plan.RefreshTokenValidity, s.RefreshTokenValidity) && !plan.RefreshTokenValidity.IsNull() && !plan.RefreshTokenValidity.IsUnknown() {
		p.RefreshTokenValidity = plan.RefreshTokenValidity.ValueInt64Pointer()
	}
	if changed(plan.AccessTokenValidity, s.AccessTokenValidity) && !plan.AccessTokenValidity.IsNull() && !plan.AccessTokenValidity.IsUnknown() {
		p.AccessTokenValidity = plan.AccessTokenValidity.ValueInt64Pointer()
	}
	if changed(plan.SingleUseRefreshTokensRequired, s.SingleUseRefreshTokensRequired) && !plan.SingleUseRefreshTokensRequired.IsNull() && !plan.SingleUseRefreshTokensRequired.IsUnknown() {
		p.SingleUseRefreshTokensRequired = plan.SingleUseRefreshTokensRequired.ValueBoolPointer()
	}
	if changed(plan.Comment, s.Comment) && !plan.Comment.IsUnknown() {
		switch {
		case plan.Comment.ValueString() != "":
			p.Comment = plan.Comment.ValueStringPointer()
		case state != nil:
			unset = append(unset, snowflake.PropComment)
		}
	}
	return p, unset, diags
}

// integRolesAt resolves a role set for a statement; a value that cannot be read is reported on the
// attribute (never as a bare "invalid plan"), so the user sees which list is wrong.
func integRolesAt(ctx context.Context, s types.Set, attribute string, diags *diag.Diagnostics) []snowflake.Identifier {
	var d diag.Diagnostics
	ids := common.IdentifiersFromSet(ctx, s, &d)
	for _, x := range d {
		if x.Severity() == diag.SeverityError {
			diags.AddAttributeError(path.Root(attribute), x.Summary(), "Attribute "+attribute+": "+x.Detail())
		}
	}
	return integNonNil(ids)
}

func integNonNil(ids []snowflake.Identifier) []snowflake.Identifier {
	if ids == nil {
		return []snowflake.Identifier{}
	}
	return ids
}

// integRoleSetChanged compares role sets as sets of objects. On create (always) a non-empty set is sent.
// integPlanEffectiveBlocked marks effective_blocked_roles_list unknown in the plan when Snowflake will
// recompute it: at create, and when blocked_roles_list changes. It reads and writes single attributes
// rather than the whole model: ModifyPlan runs for every object of every plan, and a whole-model Get
// and Set cost the framework a reflection pass over ~40 fields each (bench: BenchmarkProtocol*).
func integPlanEffectiveBlocked(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	blockedPath := path.Root("blocked_roles_list")
	var planned types.Set
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, blockedPath, &planned)...)
	changed := req.State.Raw.IsNull()
	if !changed {
		var prior types.Set
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, blockedPath, &prior)...)
		changed = integRoleSetChanged(ctx, planned, prior, false)
	}
	if changed && !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("effective_blocked_roles_list"), types.SetUnknown(common.IdentifierType{}))...)
	}
}

func integRoleSetChanged(ctx context.Context, plan, state types.Set, create bool) bool {
	if plan.IsUnknown() {
		return false
	}
	var d diag.Diagnostics
	pl := common.IdentifiersFromSet(ctx, plan, &d)
	if create {
		return len(pl) > 0
	}
	return !snowflake.SameIdentifierSet(pl, common.IdentifiersFromSet(ctx, state, &d))
}

// integValidateRedirectURI requires an absolute URI without a fragment, and https unless non-TLS
// redirects are allowed.
func integValidateRedirectURI(diags *diag.Diagnostics, p path.Path, uri string, nonTLSAllowed bool) {
	u, err := url.Parse(uri)
	if err != nil || !u.IsAbs() || u.Host == "" {
		diags.AddAttributeError(p, "Invalid redirect URI",
			fmt.Sprintf("Attribute %s: %q is not an absolute URI (scheme://host/path).", p, uri))
		return
	}
	if strings.Contains(uri, "#") {
		// RFC 6749 section 3.1.2: "The endpoint URI MUST NOT include a fragment component."
		diags.AddAttributeError(p, "Redirect URI must not have a fragment",
			fmt.Sprintf("Attribute %s: %q contains a fragment (#...); OAuth 2.0 (RFC 6749, section 3.1.2) forbids "+
				"fragments in redirection endpoints. Remove the part from # on.", p, uri))
		return
	}
	if !strings.EqualFold(u.Scheme, "https") && !nonTLSAllowed {
		diags.AddAttributeError(p, "Redirect URI must use https",
			fmt.Sprintf("Attribute %s: %q does not use https. Snowflake accepts other schemes only when oauth_allow_non_tls_redirect_uri = true (for local development).", p, uri))
	}
}

// validateRoles checks the role rules knowable at plan time.
func integValidateAllowedWithImplicit(ctx context.Context, diags *diag.Diagnostics, allowed types.Set, secondary types.String) {
	if allowed.IsUnknown() || secondary.IsUnknown() || !strings.EqualFold(secondary.ValueString(), snowflake.SecondaryRolesImplicit) {
		return
	}
	if len(allowed.Elements()) > 0 {
		diags.AddAttributeError(path.Root("allowed_roles_list"), "allowed_roles_list conflicts with IMPLICIT secondary roles",
			"Snowflake accepts allowed_roles_list only with oauth_use_secondary_roles = \"NONE\". Remove allowed_roles_list or set oauth_use_secondary_roles to NONE.")
	}
	_ = ctx
}

// stateCommon is the common part of state, nil at create (no state).
func stateCommon[M any, P integrationModel[M]](state P) *integrationCommon {
	if state == nil {
		return nil
	}
	return state.base()
}

// integrationModel is the pointer to a resource model that embeds integrationCommon.
type integrationModel[M any] interface {
	*M
	base() *integrationCommon
	// properties is the SET and UNSET that take state to the model; with state nil, the properties
	// that CREATE sends. Problems are attribute diagnostics.
	properties(ctx context.Context, state *M) (snowflake.IntegrationProperties, []snowflake.IntegrationProperty, diag.Diagnostics)
}

func (m *integrationCommon) base() *integrationCommon { return m }

// integCreate reads the plan into plan, runs create with its properties and fills the computed values
// the plan left unknown from one DESCRIBE, which it returns. It returns nil when there is nothing more
// to do: after a failure, or when the integration was created but could not be read back (then it
// has saved the plan as state already, so that the integration is never lost).
//
// CREATE is built from the configuration, not from the plan: an attribute the user left out has its
// schema default in the plan, and sending it would make every create fail on an account that does not
// know that (newer) property (DESIGN.md, "Writes"; FIDELITY.md, "Properties an account may not know").
// ENABLED is the exception: every account knows it, and its default changed with BCR 2026_01, so it
// is always sent to make the account agree with the planned value.
func integCreate[M any, P integrationModel[M]](ctx context.Context, c *snowflake.Client, req resource.CreateRequest, resp *resource.CreateResponse, plan P, resourceType string, create func(snowflake.Identifier, snowflake.IntegrationProperties) error) *snowflake.IntegrationDescription {
	var config M
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return nil
	}
	name := plan.base().Name.Identifier()
	props, _, diags := P(&config).properties(ctx, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return nil
	}
	if e := plan.base().Enabled; !e.IsNull() && !e.IsUnknown() {
		props.Enabled = e.ValueBoolPointer()
	}
	what := "security integration " + name.String()
	d, outcome := common.CreateThenRead(ctx, &resp.Diagnostics, what,
		func(context.Context) error { return create(name, props) },
		func(ctx context.Context) (*snowflake.IntegrationDescription, error) {
			return c.DescribeIntegration(ctx, name)
		},
		func(err error) {
			common.AddCreateError(&resp.Diagnostics, "create "+what, err, resourceType, plan.base().Name.ValueString())
		})
	switch outcome {
	case common.CreatedAndRead:
		plan.base().fillUnknownComputed(ctx, d)
		return d
	case common.CreatedNotRead, common.OutcomeUnknown:
		plan.base().ID = types.StringValue(name.String())
		common.SaveUnread(ctx, &resp.State, plan, &resp.Diagnostics)
	}
	return nil
}

// integDescribeAfter DESCRIBEs the integration after the statement doing (retrying briefly, as the
// statement already ran); nil after an error.
func integDescribeAfter(ctx context.Context, c *snowflake.Client, name snowflake.Identifier, doing string, diags *diag.Diagnostics) *snowflake.IntegrationDescription {
	d, err := common.RetryRead(ctx, func(ctx context.Context) (*snowflake.IntegrationDescription, error) {
		return c.DescribeIntegration(ctx, name)
	})
	if err != nil {
		common.AddSnowflakeError(diags, "describe security integration "+name.String()+" after "+doing+" it", err)
		return nil
	}
	return d
}

// integRead describes the integration (with lookup: through SHOW, which also tells its client kind)
// and reads whether Snowflake blocks the privileged roles. An integration that is gone is removed
// from state with a warning; d is nil then and after an error.
func integRead(ctx context.Context, c *snowflake.Client, name snowflake.Identifier, lookup bool, resp *resource.ReadResponse) (d *snowflake.IntegrationDescription, privilegedBlocked bool) {
	var err error
	if lookup {
		d, err = c.LookupIntegration(ctx, name)
	} else {
		d, err = c.DescribeIntegration(ctx, name)
	}
	if !common.ReadFound(ctx, resp, err, "Security integration", name, "read security integration "+name.String()) {
		return nil, false
	}
	blocked, err := c.PrivilegedRolesBlocked(ctx)
	if err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "read account parameter "+snowflake.ParamPrivilegedRolesBlocked, err)
		return nil, false
	}
	return d, blocked
}

// integUpdate reads the plan into plan and ALTERs the integration from state to it; false after an error.
func integUpdate[M any, P integrationModel[M]](ctx context.Context, c *snowflake.Client, req resource.UpdateRequest, resp *resource.UpdateResponse, plan P) bool {
	p, state, ok := common.UpdateModels[M](ctx, req, &resp.Diagnostics)
	if !ok {
		return false
	}
	*plan = p
	name := plan.base().Name.Identifier()
	set, unset, diags := plan.properties(ctx, &state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return false
	}
	if err := c.AlterIntegration(ctx, name, set, unset...); err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "alter security integration "+name.String(), err)
		return false
	}
	return true
}

// integrationResource, embedded in the custom-client and the partner integration resources (model M),
// gives them what they do alike: Metadata and Configure, Delete and ImportState.
type integrationResource[M any, P integrationModel[M]] struct{ common.ResourceBase }

// newIntegrationResource is the base of the resource <provider>_<name> whose model is M.
func newIntegrationResource[M any, P integrationModel[M]](name string) integrationResource[M, P] {
	return integrationResource[M, P]{common.NewResourceBase(name)}
}

// Delete drops the integration in state.
func (r *integrationResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	state, ok := common.GetModel[M](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	name := P(&state).base().Name.Identifier()
	if err := r.Client.DropIntegration(ctx, name); err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "drop security integration "+name.String(), err)
	}
}

// ImportState accepts any spelling of the integration's name (see common.ImportByName).
func (r *integrationResource[M, P]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	common.ImportByName(ctx, req, resp, "name", `the integration's name (e.g. TABLEAU_INT or "tableau_int")`)
}
