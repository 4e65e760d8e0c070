package resources

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// snowflakeoauth_local_application_integration manages the settings of the built-in
// SNOWFLAKE$LOCAL_APPLICATION integration (FIDELITY.md, "SNOWFLAKE$LOCAL_APPLICATION"). Snowflake owns
// the integration: create adopts it, delete restores Snowflake's defaults, and nothing ever creates
// or drops it. NETWORK_POLICY is only shown: snowflakeoauth_integration_network_policy owns it
// (DESIGN.md, "Who owns what").

var (
	_ resource.ResourceWithConfigure   = (*localAppResource)(nil)
	_ resource.ResourceWithImportState = (*localAppResource)(nil)
)

// NewLocalApplicationIntegrationResource is snowflakeoauth_local_application_integration.
func NewLocalApplicationIntegrationResource() resource.Resource {
	return &localAppResource{common.NewResourceBase("local_application_integration")}
}

type localAppResource struct{ common.ResourceBase }

type localAppModel struct {
	ID                             types.String   `tfsdk:"id"`
	Enabled                        types.Bool     `tfsdk:"enabled"`
	IssueRefreshTokens             types.Bool     `tfsdk:"oauth_issue_refresh_tokens"`
	RefreshTokenValidity           types.Int64    `tfsdk:"oauth_refresh_token_validity"`
	AccessTokenValidity            types.Int64    `tfsdk:"oauth_access_token_validity"`
	SingleUseRefreshTokensRequired types.Bool     `tfsdk:"oauth_single_use_refresh_tokens_required"`
	NetworkPolicy                  types.String   `tfsdk:"network_policy"`
	Timeouts                       timeouts.Value `tfsdk:"timeouts"`
}

const localAppType = "snowflakeoauth_local_application_integration"

func (r *localAppResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "The settings of `SNOWFLAKE$LOCAL_APPLICATION`, the Snowflake OAuth integration built into every account " +
			"for local tools (drivers, the Snowflake CLI) that sign users in through a browser " +
			"([Snowflake docs](https://docs.snowflake.com/en/user-guide/oauth-local-applications)). " +
			"Snowflake owns the integration, so this resource never creates or drops it, and the provider's role must be " +
			"SECURITYADMIN or a role above it (others do not see it).\n\n" +
			"- **Create** adopts it: one DESCRIBE (an account without the integration gets an error saying so), then one " +
			"ALTER ... SET of each setting whose current value differs from the plan. Every setting is managed: one left out " +
			"of the configuration plans Snowflake's default and is set to it. Import it first " +
			"(ID `SNOWFLAKE$LOCAL_APPLICATION`) to see its current settings as a plan diff instead.\n" +
			"- **Read** is one DESCRIBE; changes made outside Terraform show as drift.\n" +
			"- **Destroy** sets all five settings back to Snowflake's defaults (one DESCRIBE, then one ALTER of those that differ): `enabled = true`, " +
			"`oauth_issue_refresh_tokens = true`, `oauth_access_token_validity = 600`, `oauth_refresh_token_validity = 7776000`, " +
			"`oauth_single_use_refresh_tokens_required = false`. On an account that opted out " +
			"(`DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE`) `enabled` stays `false`. To stop managing the " +
			"integration without changing it, use a `removed` block with `destroy = false` (or `terraform state rm`).\n" +
			"- The integration's network policy is not a setting of this resource: bind one with " +
			"`snowflakeoauth_integration_network_policy`. Snowflake checks local applications' token requests against the " +
			"user's network policy first, then the integration's, then the account's.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Always `SNOWFLAKE$LOCAL_APPLICATION`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether local applications may sign in with Snowflake OAuth through the integration. Default: `true`. " +
					"An account whose administrator set `DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION = TRUE` keeps it `false`: configure `enabled = false` there." + absentRowNote},
			"oauth_issue_refresh_tokens": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether Snowflake issues refresh tokens to local applications (with `false`, users sign in again whenever an access token expires). Default: `true`." + absentRowNote},
			"oauth_refresh_token_validity": schema.Int64Attribute{Optional: true, Computed: true,
				Default: int64default.StaticInt64(snowflake.LocalApplicationDefaultRefreshTokenValidity),
				MarkdownDescription: fmt.Sprintf("Refresh token lifetime in seconds, 3600 to %d (Snowflake's own ceiling is 7776000 unless Snowflake Support raised it for the account). Default: `%d`.",
					maxRefreshTokenValidity, snowflake.LocalApplicationDefaultRefreshTokenValidity) + absentRowNote,
				Validators: []validator.Int64{int64validator.Between(3600, maxRefreshTokenValidity)}},
			"oauth_access_token_validity": schema.Int64Attribute{Optional: true, Computed: true,
				Default: int64default.StaticInt64(snowflake.LocalApplicationDefaultAccessTokenValidity),
				MarkdownDescription: fmt.Sprintf("Access token lifetime in seconds, %d to %d. Default: `%d`.",
					minAccessTokenValidity, maxAccessTokenValidity, snowflake.LocalApplicationDefaultAccessTokenValidity) + absentRowNote,
				Validators: []validator.Int64{int64validator.Between(minAccessTokenValidity, maxAccessTokenValidity)}},
			"oauth_single_use_refresh_tokens_required": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether each refresh returns a new refresh token and invalidates the old one. Default: `false`." + absentRowNote},
			"network_policy": integComputedString("The network policy bound to the integration; `\"\"` when none. Read-only: bind one with " +
				"`snowflakeoauth_integration_network_policy` (`integration_name = \"SNOWFLAKE$LOCAL_APPLICATION\"`)."),
		},
	}
}

// props is the SET that takes cur (what Snowflake has) to m: every known setting that differs. A
// setting cur has no value for (no DESCRIBE row: an account that predates the property) is sent only
// when config, if given, sets it, so that a schema default never names a property the account does
// not know (DESIGN.md, "Writes").
func (m *localAppModel) props(cur, config *localAppModel) snowflake.IntegrationProperties {
	var p snowflake.IntegrationProperties
	var conf localAppModel
	if config != nil {
		conf = *config
	}
	if localAppSend(m.Enabled, cur.Enabled, conf.Enabled, config == nil) {
		p.Enabled = m.Enabled.ValueBoolPointer()
	}
	if localAppSend(m.IssueRefreshTokens, cur.IssueRefreshTokens, conf.IssueRefreshTokens, config == nil) {
		p.IssueRefreshTokens = m.IssueRefreshTokens.ValueBoolPointer()
	}
	if localAppSend(m.RefreshTokenValidity, cur.RefreshTokenValidity, conf.RefreshTokenValidity, config == nil) {
		p.RefreshTokenValidity = m.RefreshTokenValidity.ValueInt64Pointer()
	}
	if localAppSend(m.AccessTokenValidity, cur.AccessTokenValidity, conf.AccessTokenValidity, config == nil) {
		p.AccessTokenValidity = m.AccessTokenValidity.ValueInt64Pointer()
	}
	if localAppSend(m.SingleUseRefreshTokensRequired, cur.SingleUseRefreshTokensRequired, conf.SingleUseRefreshTokensRequired, config == nil) {
		p.SingleUseRefreshTokensRequired = m.SingleUseRefreshTokensRequired.ValueBoolPointer()
	}
	return p
}

// localAppSend decides one setting for props.
func localAppSend(plan, cur, conf attr.Value, anyConfigured bool) bool {
	switch {
	case plan.IsNull() || plan.IsUnknown():
		return false
	case cur.IsNull() || cur.IsUnknown():
		return anyConfigured || !conf.IsNull()
	}
	return !plan.Equal(cur)
}

// apply refreshes m (prior state, or empty) from one DESCRIBE. A missing row keeps the prior value,
// or gives Snowflake's default after an import (FIDELITY.md, "Missing DESCRIBE rows").
func (m *localAppModel) apply(d *snowflake.IntegrationDescription) {
	m.ID = types.StringValue(snowflake.LocalApplication().String())
	m.Enabled = integReadBool(d, snowflake.PropEnabled, d.Enabled, m.Enabled, true)
	m.IssueRefreshTokens = integReadBool(d, snowflake.PropIssueRefreshTokens, d.IssueRefreshTokens, m.IssueRefreshTokens, true)
	m.RefreshTokenValidity = integReadInt64(d, snowflake.PropRefreshTokenValidity, d.RefreshTokenValidity, m.RefreshTokenValidity, snowflake.LocalApplicationDefaultRefreshTokenValidity)
	m.AccessTokenValidity = integReadInt64(d, snowflake.PropAccessTokenValidity, d.AccessTokenValidity, m.AccessTokenValidity, snowflake.LocalApplicationDefaultAccessTokenValidity)
	m.SingleUseRefreshTokensRequired = integReadBool(d, snowflake.PropSingleUseRefreshTokensRequired, d.SingleUseRefreshTokensRequired, m.SingleUseRefreshTokensRequired, false)
	np := ""
	if !d.NetworkPolicy.IsZero() {
		np = d.NetworkPolicy.String()
	}
	m.NetworkPolicy = types.StringValue(np)
}

// localAppCurrent is what DESCRIBE shows, with null for the rows it does not have.
func localAppCurrent(d *snowflake.IntegrationDescription) *localAppModel {
	var m localAppModel
	m.apply(d)
	for _, x := range []struct {
		prop snowflake.IntegrationProperty
		null func()
	}{
		{snowflake.PropEnabled, func() { m.Enabled = types.BoolNull() }},
		{snowflake.PropIssueRefreshTokens, func() { m.IssueRefreshTokens = types.BoolNull() }},
		{snowflake.PropRefreshTokenValidity, func() { m.RefreshTokenValidity = types.Int64Null() }},
		{snowflake.PropAccessTokenValidity, func() { m.AccessTokenValidity = types.Int64Null() }},
		{snowflake.PropSingleUseRefreshTokensRequired, func() { m.SingleUseRefreshTokensRequired = types.BoolNull() }},
	} {
		if !d.Has(x.prop) {
			x.null()
		}
	}
	return &m
}

// addLocalAppMissingError explains an account without the integration (or a role that cannot see it).
func addLocalAppMissingError(diags *diag.Diagnostics, doing string, err error) {
	diags.AddError("SNOWFLAKE$LOCAL_APPLICATION not found",
		fmt.Sprintf("Could not %s: %s\n\nThe account has no built-in SNOWFLAKE$LOCAL_APPLICATION integration, or the provider's role "+
			"cannot see it. Snowflake rolls the integration out to accounts gradually (behaviour change BCR-2056); check with "+
			"SHOW SECURITY INTEGRATIONS LIKE 'SNOWFLAKE$LOCAL_APPLICATION' as SECURITYADMIN. Nobody can create it: wait until "+
			"the account has it, or give local tools their own integration with snowflakeoauth_custom_client_integration. "+
			"Only SECURITYADMIN and the roles above it see and configure it: use such a role in the provider configuration.",
			doing, snowflake.Detail(err)))
}

// addLocalAppAlterError reports a failed ALTER. When the statement enabled the integration and
// Snowflake refused a value or a privilege, the account's opt-out is the likely cause (its error code
// is not documented: FIDELITY.md).
func addLocalAppAlterError(diags *diag.Diagnostics, err error, p snowflake.IntegrationProperties) {
	detail := common.SnowflakeErrorDetail(err)
	refused := errors.Is(err, snowflake.ErrInvalidValue) || errors.Is(err, snowflake.ErrInsufficientPrivileges)
	if p.Enabled != nil && *p.Enabled && refused {
		detail += "\n\nIf the account opted out of the built-in integration (ALTER ACCOUNT SET " + snowflake.ParamDisableLocalApplication +
			" = TRUE), its ENABLED can only be FALSE: set enabled = false in the configuration."
	}
	diags.AddError("Failed to alter security integration "+snowflake.LocalApplication().String(), detail)
}

// Create adopts the integration: one DESCRIBE (it must exist) and at most one ALTER ... SET.
func (r *localAppResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, ok := common.GetModel[localAppModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	d, err := r.Client.DescribeLocalApplication(ctx)
	switch {
	case errors.Is(err, snowflake.ErrNotFound):
		addLocalAppMissingError(&resp.Diagnostics, "adopt "+snowflake.LocalApplicationName, err)
		return
	case err != nil:
		common.AddSnowflakeError(&resp.Diagnostics, "describe security integration "+snowflake.LocalApplicationName, err)
		return
	}
	config, ok := common.GetModel[localAppModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	p := plan.props(localAppCurrent(d), &config)
	if err := r.Client.AlterLocalApplication(ctx, p); err != nil {
		addLocalAppAlterError(&resp.Diagnostics, err, p)
		return
	}
	plan.ID = types.StringValue(snowflake.LocalApplication().String())
	if plan.NetworkPolicy.IsUnknown() {
		plan.NetworkPolicy = localAppCurrent(d).NetworkPolicy
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read is one DESCRIBE. A missing integration leaves state with a warning (DESIGN.md, "Reads").
func (r *localAppResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := common.GetModel[localAppModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	d, err := r.Client.DescribeLocalApplication(ctx)
	if !common.ReadFound(ctx, resp, err, "Security integration", snowflake.LocalApplication(), "read security integration "+snowflake.LocalApplicationName) {
		return
	}
	state.apply(d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update SETs the settings that changed, in one statement.
func (r *localAppResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := common.UpdateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, state, ok := common.UpdateModels[localAppModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	p := plan.props(&state, nil)
	if err := r.Client.AlterLocalApplication(ctx, p); err != nil {
		addLocalAppAlterError(&resp.Diagnostics, err, p)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete restores Snowflake's defaults: one DESCRIBE, then one ALTER ... SET of the settings that
// differ from them, naming only properties the account shows (DESIGN.md, "Writes"). ENABLED = TRUE is
// left out on an account that opted out, where FALSE is its only value; that is asked (one SHOW
// PARAMETERS) only when the integration is disabled. A vanished integration has nothing to restore.
func (r *localAppResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	d, err := r.Client.DescribeLocalApplication(ctx)
	switch {
	case errors.Is(err, snowflake.ErrNotFound):
		return
	case err != nil:
		common.AddSnowflakeError(&resp.Diagnostics, "describe security integration "+snowflake.LocalApplicationName, err)
		return
	}
	defaults := localAppDefaults()
	p := defaults.props(localAppCurrent(d), &localAppModel{})
	if p.Enabled != nil {
		opted, err := r.Client.LocalApplicationOptedOut(ctx)
		if err != nil {
			common.AddSnowflakeError(&resp.Diagnostics, "read account parameter "+snowflake.ParamDisableLocalApplication, err)
			return
		}
		if opted {
			p.Enabled = nil
		}
	}
	err = r.Client.AlterLocalApplication(ctx, p)
	if err != nil && !errors.Is(err, snowflake.ErrNotFound) {
		addLocalAppAlterError(&resp.Diagnostics, err, p)
	}
}

// localAppDefaults is the model of Snowflake's documented defaults (FIDELITY.md, "SNOWFLAKE$LOCAL_APPLICATION").
func localAppDefaults() localAppModel {
	return localAppModel{
		Enabled: types.BoolValue(true), IssueRefreshTokens: types.BoolValue(true),
		RefreshTokenValidity:           types.Int64Value(snowflake.LocalApplicationDefaultRefreshTokenValidity),
		AccessTokenValidity:            types.Int64Value(snowflake.LocalApplicationDefaultAccessTokenValidity),
		SingleUseRefreshTokensRequired: types.BoolValue(false),
	}
}

// ImportState accepts only the built-in integration's name, in any spelling that denotes it.
func (r *localAppResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := snowflake.ParseIdentifier(req.ID)
	if err != nil || !id.Equal(snowflake.LocalApplication()) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%s manages only the built-in integration: import it with the ID SNOWFLAKE$LOCAL_APPLICATION, not %q. "+
				"Other OAuth integrations are snowflakeoauth_custom_client_integration or snowflakeoauth_partner_integration.", localAppType, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
}
