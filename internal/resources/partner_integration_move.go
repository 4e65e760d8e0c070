package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = (*partnerIntegrationResource)(nil)

// officialPartnerType is the official provider's resource for partner integrations.
const officialPartnerType = "snowflake_oauth_integration_for_partner_applications"

// officialPartnerModel holds the attributes of the official resource that carry over (it has no
// network policy attribute).
type officialPartnerModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	OAuthClient          types.String `tfsdk:"oauth_client"`
	RedirectURI          types.String `tfsdk:"oauth_redirect_uri"`
	Enabled              types.String `tfsdk:"enabled"`
	IssueRefreshTokens   types.String `tfsdk:"oauth_issue_refresh_tokens"`
	RefreshTokenValidity types.Int64  `tfsdk:"oauth_refresh_token_validity"`
	UseSecondaryRoles    types.String `tfsdk:"oauth_use_secondary_roles"`
	AllowedRoles         types.Set    `tfsdk:"allowed_roles_list"`
	BlockedRoles         types.Set    `tfsdk:"blocked_roles_list"`
	Comment              types.String `tfsdk:"comment"`
}

// MoveState accepts `moved` from snowflake_oauth_integration_for_partner_applications.
func (r *partnerIntegrationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromOfficial[officialPartnerModel](officialPartnerType)}
}

func (src officialPartnerModel) translate(ctx context.Context, diags *diag.Diagnostics) map[string]attr.Value {
	client := upper(officialString(src.OAuthClient))
	// Every partner defaults to 7776000 (internal/emulator/FIDELITY.md, "Partner refresh-token validity").
	const def = defaultRefreshTokenValidity
	values := officialIntegrationCommon(ctx, officialString(src.Name), integrationCommonSource{
		Enabled: src.Enabled, UseSecondaryRoles: src.UseSecondaryRoles, AllowedRoles: src.AllowedRoles,
		BlockedRoles: src.BlockedRoles, IssueRefreshTokens: src.IssueRefreshTokens, Comment: src.Comment,
		RefreshTokenValidity: officialInt(src.RefreshTokenValidity, def),
	}, diags)
	values["oauth_client"] = types.StringValue(client)
	values["oauth_redirect_uri"] = officialOptionalString(src.RedirectURI)
	return values
}
