package resources

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	_ resource.ResourceWithConfigure   = (*delegatedAuthorizationResource)(nil)
	_ resource.ResourceWithImportState = (*delegatedAuthorizationResource)(nil)
)

// NewDelegatedAuthorizationResource is the constructor of snowflakeoauth_delegated_authorization.
func NewDelegatedAuthorizationResource() resource.Resource {
	return &delegatedAuthorizationResource{common.NewResourceBase("delegated_authorization")}
}

type delegatedAuthorizationResource struct{ common.ResourceBase }

type delegatedAuthorizationModel struct {
	ID                types.String           `tfsdk:"id"`
	UserName          common.IdentifierValue `tfsdk:"user_name"`
	RoleName          common.IdentifierValue `tfsdk:"role_name"`
	IntegrationName   common.IdentifierValue `tfsdk:"integration_name"`
	CreatedOn         types.String           `tfsdk:"created_on"`
	IntegrationStatus types.String           `tfsdk:"integration_status"`
	Timeouts          timeouts.Value         `tfsdk:"timeouts"`
}

func (m *delegatedAuthorizationModel) parts() (user, role, integration snowflake.Identifier) {
	return m.UserName.Identifier(), m.RoleName.Identifier(), m.IntegrationName.Identifier()
}

func (m *delegatedAuthorizationModel) fill(a *snowflake.DelegatedAuthorization) {
	m.ID = types.StringValue(snowflake.JoinID(a.User, a.Role, a.Integration))
	// Names read back are exact; semantic equality keeps the user's spelling in state.
	m.UserName = common.NewIdentifierValue(a.User.String())
	m.RoleName = common.NewIdentifierValue(a.Role.String())
	m.IntegrationName = common.NewIdentifierValue(a.Integration.String())
	m.CreatedOn = types.StringValue(a.CreatedOn.UTC().Format(time.RFC3339))
	m.IntegrationStatus = types.StringValue(a.IntegrationStatus)
}

func (r *delegatedAuthorizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	name := func(what, desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Follows Snowflake's identifier rule: `analyst` means `ANALYST`, `\"\\\"analyst\\\"\"` is exact. Naming another object replaces the authorization; respelling the same name changes nothing in Snowflake.",
			Required:            true,
			CustomType:          common.IdentifierType{},
			Validators:          []validator.String{common.IdentifierValidator()},
			PlanModifiers:       []planmodifier.String{common.RequiresReplaceIfOtherObject(what)},
		}
	}
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "Pre-grants a user's consent to one role for a custom OAuth client integration " +
			"(`ALTER USER ... ADD DELEGATED AUTHORIZATION OF ROLE ... TO SECURITY INTEGRATION ...`), so the user is " +
			"not asked for consent when the client requests that role. Removing it revokes the consent and the " +
			"tokens issued under it. Partner integrations (Tableau, Looker) do not support delegated authorizations.",
		Attributes: map[string]schema.Attribute{
			"id":                 integComputedString("`<user>|<role>|<integration>`, each part in canonical form; a part containing `|` is double-quoted."),
			"user_name":          name("user", "The user whose consent is granted."),
			"role_name":          name("role", "The role the user consents to; the user must hold it and the integration must not block it."),
			"integration_name":   name("integration", "The custom OAuth client integration."),
			"created_on":         integComputedString("When Snowflake recorded the authorization (RFC 3339, UTC)."),
			"integration_status": integComputedString("`ENABLED` or `DISABLED`: whether the integration is currently enabled."),
		},
	}
}

func (r *delegatedAuthorizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	m, ok := common.GetModel[delegatedAuthorizationModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	user, role, integration := m.parts()
	id := snowflake.JoinID(user, role, integration)
	a, outcome := common.CreateThenRead(ctx, &resp.Diagnostics, "delegated authorization "+id,
		func(ctx context.Context) error {
			return r.Client.AddDelegatedAuthorization(ctx, user, role, integration)
		},
		func(ctx context.Context) (*snowflake.DelegatedAuthorization, error) {
			return r.Client.FindDelegatedAuthorization(ctx, user, role, integration)
		},
		func(err error) {
			common.AddSnowflakeError(&resp.Diagnostics, "add the delegated authorization "+id, err)
		})
	switch outcome {
	case common.CreatedAndRead:
		keep := m
		m.fill(a)
		// Create must return the planned names as written.
		m.UserName, m.RoleName, m.IntegrationName = keep.UserName, keep.RoleName, keep.IntegrationName
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	case common.CreatedNotRead, common.OutcomeUnknown:
		m.ID = types.StringValue(id)
		common.SaveUnread(ctx, &resp.State, &m, &resp.Diagnostics)
	}
}

func (r *delegatedAuthorizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	m, ok := common.GetModel[delegatedAuthorizationModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	user, role, integration := m.parts()
	a, err := r.Client.FindDelegatedAuthorization(ctx, user, role, integration)
	if errors.Is(err, snowflake.ErrNotFound) {
		resp.Diagnostics.AddWarning("Delegated authorization no longer exists",
			"The delegated authorization "+snowflake.JoinID(user, role, integration)+
				" (or its user or integration) was removed outside Terraform; it is removed from state and will be added again on the next apply.")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "read the delegated authorization "+snowflake.JoinID(user, role, integration), err)
		return
	}
	m.fill(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Update only ever respells names (naming another object replaces the authorization): no statement,
// the new spelling is stored and the values only Snowflake knows are kept.
func (r *delegatedAuthorizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, state, ok := common.UpdateModels[delegatedAuthorizationModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	state.UserName, state.RoleName, state.IntegrationName = plan.UserName, plan.RoleName, plan.IntegrationName
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *delegatedAuthorizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	m, ok := common.GetModel[delegatedAuthorizationModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	user, role, integration := m.parts()
	err := r.Client.RemoveDelegatedAuthorization(ctx, user, role, integration)
	if err != nil && !errors.Is(err, snowflake.ErrNotFound) { // a dropped user, role or integration took it along
		common.AddSnowflakeError(&resp.Diagnostics, "remove the delegated authorization "+snowflake.JoinID(user, role, integration), err)
	}
}

func (r *delegatedAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	spellings, err := snowflake.SplitIDSpellings(req.ID, 3)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			err.Error()+`. Expected <user>|<role>|<integration>, e.g. JANE|ANALYST|NOTEBOOK_APP; write a name that contains "|" in double quotes: JANE|"a|b"|NOTEBOOK_APP.`)
		return
	}
	parts, _ := snowflake.SplitID(req.ID, 3) // valid: SplitIDSpellings accepted it
	// Each name keeps the spelling given, so a configuration that spells it the same way plans no change.
	for i, attr := range []string{"user_name", "role_name", "integration_name"} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), common.NewIdentifierValue(spellings[i]))...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), snowflake.JoinID(parts...))...)
}
