package resources

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
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
func NewDelegatedAuthorizationResource() resource.Resource { return &delegatedAuthorizationResource{} }

type delegatedAuthorizationResource struct{ common.ResourceBase }

type delegatedAuthorizationModel struct {
	ID                types.String           `tfsdk:"id"`
	UserName          common.IdentifierValue `tfsdk:"user_name"`
	RoleName          common.IdentifierValue `tfsdk:"role_name"`
	IntegrationName   common.IdentifierValue `tfsdk:"integration_name"`
	CreatedOn         types.String           `tfsdk:"created_on"`
	IntegrationStatus types.String           `tfsdk:"integration_status"`
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

func (r *delegatedAuthorizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_delegated_authorization"
}

func (r *delegatedAuthorizationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	name := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: desc + " Follows Snowflake's identifier rule: `analyst` means `ANALYST`, `\"\\\"analyst\\\"\"` is exact. Changing it replaces the authorization.",
			Required:            true,
			CustomType:          common.IdentifierType{},
			Validators:          []validator.String{common.IdentifierValidator()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Pre-grants a user's consent to one role for a custom OAuth client integration " +
			"(`ALTER USER ... ADD DELEGATED AUTHORIZATION OF ROLE ... TO SECURITY INTEGRATION ...`), so the user is " +
			"not asked for consent when the client requests that role. Removing it revokes the consent and the " +
			"tokens issued under it. Partner integrations (Tableau, Looker) do not support delegated authorizations.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<user>|<role>|<integration>`, each part in canonical form; a part containing `|` is double-quoted.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"user_name":        name("The user whose consent is granted."),
			"role_name":        name("The role the user consents to; the user must hold it and the integration must not block it."),
			"integration_name": name("The custom OAuth client integration."),
			"created_on": schema.StringAttribute{
				MarkdownDescription: "When Snowflake recorded the authorization (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"integration_status": schema.StringAttribute{
				MarkdownDescription: "`ENABLED` or `DISABLED`: whether the integration is currently enabled.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *delegatedAuthorizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m delegatedAuthorizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	user, role, integration := m.parts()
	if err := r.Client.AddDelegatedAuthorization(ctx, user, role, integration); err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "add the delegated authorization "+snowflake.JoinID(user, role, integration), err)
		return
	}
	a, err := r.Client.FindDelegatedAuthorization(ctx, user, role, integration)
	if err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "read the delegated authorization "+snowflake.JoinID(user, role, integration)+" after adding it", err)
		return
	}
	keep := m
	m.fill(a)
	// Create must return the planned names as written.
	m.UserName, m.RoleName, m.IntegrationName = keep.UserName, keep.RoleName, keep.IntegrationName
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *delegatedAuthorizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m delegatedAuthorizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
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

// Update is never called: every configurable attribute requires replacement.
func (r *delegatedAuthorizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Delegated authorizations cannot be updated in place", "Every attribute of a delegated authorization replaces it; this is a provider bug.")
}

func (r *delegatedAuthorizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m delegatedAuthorizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	user, role, integration := m.parts()
	err := r.Client.RemoveDelegatedAuthorization(ctx, user, role, integration)
	if err != nil && !errors.Is(err, snowflake.ErrNotFound) { // a dropped user, role or integration took it along
		common.AddSnowflakeError(&resp.Diagnostics, "remove the delegated authorization "+snowflake.JoinID(user, role, integration), err)
	}
}

func (r *delegatedAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := snowflake.SplitID(req.ID, 3)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			err.Error()+`. Expected <user>|<role>|<integration>, e.g. JANE|ANALYST|NOTEBOOK_APP; write a name that contains "|" in double quotes: JANE|"a|b"|NOTEBOOK_APP.`)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), snowflake.JoinID(parts...))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_name"), common.NewIdentifierValue(parts[0].String()))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_name"), common.NewIdentifierValue(parts[1].String()))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("integration_name"), common.NewIdentifierValue(parts[2].String()))...)
}
