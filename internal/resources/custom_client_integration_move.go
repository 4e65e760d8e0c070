package resources

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ resource.ResourceWithMoveState = (*customClientIntegrationResource)(nil)

// officialCustomClientType is the official provider's resource for custom-client integrations.
const officialCustomClientType = "snowflake_oauth_integration_for_custom_clients"

// officialCustomClientModel holds the attributes of the official resource that carry over. Its
// other attributes (show_output, describe_output, related_parameters, fully_qualified_name) are
// Snowflake's output, which the refresh after the move reads again.
type officialCustomClientModel struct {
	ID                   types.String `tfsdk:"id"`
	Name                 types.String `tfsdk:"name"`
	ClientType           types.String `tfsdk:"oauth_client_type"`
	RedirectURI          types.String `tfsdk:"oauth_redirect_uri"`
	Enabled              types.String `tfsdk:"enabled"`
	AllowNonTLS          types.String `tfsdk:"oauth_allow_non_tls_redirect_uri"`
	EnforcePKCE          types.String `tfsdk:"oauth_enforce_pkce"`
	UseSecondaryRoles    types.String `tfsdk:"oauth_use_secondary_roles"`
	PreAuthorizedRoles   types.Set    `tfsdk:"pre_authorized_roles_list"`
	AllowedRoles         types.Set    `tfsdk:"allowed_roles_list"`
	BlockedRoles         types.Set    `tfsdk:"blocked_roles_list"`
	IssueRefreshTokens   types.String `tfsdk:"oauth_issue_refresh_tokens"`
	RefreshTokenValidity types.Int64  `tfsdk:"oauth_refresh_token_validity"`
	NetworkPolicy        types.String `tfsdk:"network_policy"`
	RSAPublicKey         types.String `tfsdk:"oauth_client_rsa_public_key"`
	RSAPublicKey2        types.String `tfsdk:"oauth_client_rsa_public_key_2"`
	Comment              types.String `tfsdk:"comment"`
}

// MoveState accepts `moved` from snowflake_oauth_integration_for_custom_clients.
func (r *customClientIntegrationResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromOfficial[officialCustomClientModel](officialCustomClientType)}
}

// translate maps the official state onto our attributes (see the migration table in the docs).
func (src officialCustomClientModel) translate(ctx context.Context, diags *diag.Diagnostics) map[string]attr.Value {
	values := officialIntegrationCommon(ctx, officialString(src.Name), integrationCommonSource{
		Enabled: src.Enabled, UseSecondaryRoles: src.UseSecondaryRoles, AllowedRoles: src.AllowedRoles,
		BlockedRoles: src.BlockedRoles, IssueRefreshTokens: src.IssueRefreshTokens, Comment: src.Comment,
		RefreshTokenValidity: officialInt(src.RefreshTokenValidity, defaultRefreshTokenValidity),
	}, diags)
	values["oauth_client_type"] = types.StringValue(upper(officialString(src.ClientType)))
	values["oauth_redirect_uri"] = officialOptionalString(src.RedirectURI)
	values["oauth_alternate_redirect_uris"] = types.SetValueMust(types.StringType, nil)
	values["oauth_allow_non_tls_redirect_uri"] = officialBool("oauth_allow_non_tls_redirect_uri", src.AllowNonTLS, false, diags)
	values["oauth_enforce_pkce"] = officialBool("oauth_enforce_pkce", src.EnforcePKCE, false, diags)
	values["pre_authorized_roles_list"] = officialRoleSet(ctx, "pre_authorized_roles_list", src.PreAuthorizedRoles, diags)
	key1, key2 := officialOptionalString(src.RSAPublicKey), officialOptionalString(src.RSAPublicKey2)
	values["oauth_client_rsa_public_key"] = key1
	values["oauth_client_rsa_public_key_2"] = key2
	// The fingerprints follow from the keys without asking Snowflake; the refresh compares them with
	// DESCRIBE's, so a key changed outside Terraform still shows.
	values["oauth_client_rsa_public_key_fp"] = movedFingerprint(key1)
	values["oauth_client_rsa_public_key_2_fp"] = movedFingerprint(key2)
	if np := officialString(src.NetworkPolicy); np != "" {
		values["network_policy"] = types.StringValue(officialName("network_policy", np, diags).String())
	}
	return values
}

// movedFingerprint is the fingerprint of a key in state, "" without a key, null when not computable
// (the refresh then reads it).
func movedFingerprint(key types.String) types.String {
	if key.IsNull() {
		return types.StringValue("")
	}
	if fp, ok := rsaKeyFingerprint(key.ValueString()); ok {
		return types.StringValue(fp)
	}
	return types.StringNull()
}

// integrationCommonSource is what both official integration resources store for integrationCommon.
type integrationCommonSource struct {
	Enabled, UseSecondaryRoles, IssueRefreshTokens, Comment types.String
	AllowedRoles, BlockedRoles                              types.Set
	RefreshTokenValidity                                    types.Int64
}

// officialIntegrationCommon translates the attributes every OAuth integration has. Attributes the
// official provider does not manage get our schema defaults, which are Snowflake's.
func officialIntegrationCommon(ctx context.Context, rawName string, src integrationCommonSource, diags *diag.Diagnostics) map[string]attr.Value {
	name := officialName("name", rawName, diags)
	secondary := upper(officialString(src.UseSecondaryRoles))
	if secondary == "" {
		secondary = snowflake.SecondaryRolesNone
	}
	return map[string]attr.Value{
		"id":                           types.StringValue(name.String()),
		"name":                         officialSpelling(strings.TrimSpace(rawName), name),
		"enabled":                      officialBool("enabled", src.Enabled, true, diags),
		"oauth_use_secondary_roles":    types.StringValue(secondary),
		"allowed_roles_list":           officialRoleSet(ctx, "allowed_roles_list", src.AllowedRoles, diags),
		"blocked_roles_list":           officialRoleSet(ctx, "blocked_roles_list", src.BlockedRoles, diags),
		"oauth_issue_refresh_tokens":   officialBool("oauth_issue_refresh_tokens", src.IssueRefreshTokens, true, diags),
		"oauth_refresh_token_validity": src.RefreshTokenValidity,
		"oauth_access_token_validity":  types.Int64Value(defaultAccessTokenValidity),
		"oauth_single_use_refresh_tokens_required": types.BoolValue(false),
		"comment": types.StringValue(officialString(src.Comment)),
	}
}
