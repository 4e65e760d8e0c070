package resources

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ datasource.DataSourceWithConfigure = (*integrationDataSource)(nil)

// NewIntegrationDataSource is the constructor of the snowflakeoauth_integration data source.
func NewIntegrationDataSource() datasource.DataSource {
	return &integrationDataSource{common.NewDataSourceBase("integration")}
}

type integrationDataSource struct{ common.DataSourceBase }

// integrationOutput maps each computed attribute to its DESCRIBE property and how to render it.
type integrationOutput struct {
	prop integrationGetter
	desc string
	kind attr.Type // types.StringType, BoolType, Int64Type, or a Set/List of strings
}

// integrationGetter renders one attribute from a description; ok=false leaves it null (the
// property does not apply to this kind of client).
type integrationGetter func(d *snowflake.IntegrationDescription) (attr.Value, bool)

func strOut(p snowflake.IntegrationProperty, get func(*snowflake.IntegrationDescription) string) integrationGetter {
	return func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		return types.StringValue(get(d)), d.Has(p)
	}
}

func boolOut(p snowflake.IntegrationProperty, get func(*snowflake.IntegrationDescription) bool) integrationGetter {
	return func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		return types.BoolValue(get(d)), d.Has(p)
	}
}

func intOut(p snowflake.IntegrationProperty, get func(*snowflake.IntegrationDescription) int64) integrationGetter {
	return func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		return types.Int64Value(get(d)), d.Has(p)
	}
}

func listOut(p snowflake.IntegrationProperty, get func(*snowflake.IntegrationDescription) []string) integrationGetter {
	return func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		vals := make([]attr.Value, 0)
		for _, s := range get(d) {
			vals = append(vals, types.StringValue(s))
		}
		return types.ListValueMust(types.StringType, vals), d.Has(p)
	}
}

func rolesOut(p snowflake.IntegrationProperty, get func(*snowflake.IntegrationDescription) []snowflake.Identifier) integrationGetter {
	return func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		vals := make([]attr.Value, 0)
		for _, id := range get(d) {
			vals = append(vals, types.StringValue(id.String()))
		}
		return types.SetValueMust(types.StringType, vals), d.Has(p)
	}
}

var strList = types.ListType{ElemType: types.StringType}
var strSet = types.SetType{ElemType: types.StringType}

var integrationOutputs = map[string]integrationOutput{
	"oauth_client_type": {strOut(snowflake.PropOAuthClientType, func(d *snowflake.IntegrationDescription) string { return d.OAuthClientType }),
		"`CONFIDENTIAL` or `PUBLIC` (custom clients only).", types.StringType},
	"oauth_redirect_uri": {strOut(snowflake.PropRedirectURI, func(d *snowflake.IntegrationDescription) string { return d.RedirectURI }),
		"The redirect URI (custom clients and Looker).", types.StringType},
	"oauth_allow_non_tls_redirect_uri": {boolOut(snowflake.PropAllowNonTLSRedirectURI, func(d *snowflake.IntegrationDescription) bool { return d.AllowNonTLSRedirectURI }),
		"Whether a non-HTTPS redirect URI is allowed.", types.BoolType},
	"oauth_alternate_redirect_uris": {listOut(snowflake.PropAlternateRedirectURIs, func(d *snowflake.IntegrationDescription) []string { return d.AlternateRedirectURIs }),
		"Alternate redirect URIs.", strList},
	"oauth_enforce_pkce": {boolOut(snowflake.PropEnforcePKCE, func(d *snowflake.IntegrationDescription) bool { return d.EnforcePKCE }),
		"Whether PKCE is required.", types.BoolType},
	"oauth_enable_role_selection": {boolOut(snowflake.PropEnableRoleSelection, func(d *snowflake.IntegrationDescription) bool { return d.EnableRoleSelection }),
		"Whether the user may pick a role at consent.", types.BoolType},
	"oauth_use_secondary_roles": {strOut(snowflake.PropUseSecondaryRoles, func(d *snowflake.IntegrationDescription) string { return d.UseSecondaryRoles }),
		"`IMPLICIT` or `NONE`.", types.StringType},
	"pre_authorized_roles_list": {rolesOut(snowflake.PropPreAuthorizedRolesList, func(d *snowflake.IntegrationDescription) []snowflake.Identifier { return d.PreAuthorizedRoles }),
		"Roles that need no consent, in canonical form.", strSet},
	"allowed_roles_list": {rolesOut(snowflake.PropAllowedRolesList, func(d *snowflake.IntegrationDescription) []snowflake.Identifier { return d.AllowedRoles }),
		"Roles a client may request (empty: any role not blocked), in canonical form.", strSet},
	"blocked_roles_list": {rolesOut(snowflake.PropBlockedRolesList, func(d *snowflake.IntegrationDescription) []snowflake.Identifier { return d.BlockedRoles }),
		"Roles that cannot be used, as Snowflake reports them (privileged roles included), in canonical form.", strSet},
	"oauth_any_role_mode": {strOut(snowflake.PropAnyRoleMode, func(d *snowflake.IntegrationDescription) string { return d.AnyRoleMode }),
		"`DISABLE`, `ENABLE` or `ENABLE_FOR_PRIVILEGE`.", types.StringType},
	"oauth_issue_refresh_tokens": {boolOut(snowflake.PropIssueRefreshTokens, func(d *snowflake.IntegrationDescription) bool { return d.IssueRefreshTokens }),
		"Whether refresh tokens are issued.", types.BoolType},
	"oauth_access_token_validity": {intOut(snowflake.PropAccessTokenValidity, func(d *snowflake.IntegrationDescription) int64 { return d.AccessTokenValidity }),
		"Access token lifetime in seconds.", types.Int64Type},
	"oauth_refresh_token_validity": {intOut(snowflake.PropRefreshTokenValidity, func(d *snowflake.IntegrationDescription) int64 { return d.RefreshTokenValidity }),
		"Refresh token lifetime in seconds.", types.Int64Type},
	"oauth_single_use_refresh_tokens_required": {boolOut(snowflake.PropSingleUseRefreshTokensRequired, func(d *snowflake.IntegrationDescription) bool { return d.SingleUseRefreshTokensRequired }),
		"Whether refresh tokens are single-use.", types.BoolType},
	"network_policy": {func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		if d.NetworkPolicy.IsZero() {
			return types.StringValue(""), true
		}
		return types.StringValue(d.NetworkPolicy.String()), true
	}, "The attached network policy in canonical form, `\"\"` when none.", types.StringType},
	"oauth_client_rsa_public_key_fp": {strOut(snowflake.PropRSAPublicKeyFP, func(d *snowflake.IntegrationDescription) string { return d.RSAPublicKeyFP }),
		"Fingerprint of the first RSA public key, `\"\"` when none.", types.StringType},
	"oauth_client_rsa_public_key_2_fp": {strOut(snowflake.PropRSAPublicKey2FP, func(d *snowflake.IntegrationDescription) string { return d.RSAPublicKey2FP }),
		"Fingerprint of the second RSA public key, `\"\"` when none.", types.StringType},
	"comment": {func(d *snowflake.IntegrationDescription) (attr.Value, bool) {
		return types.StringValue(d.Comment), true
	},
		"The comment, `\"\"` when none.", types.StringType},
	"oauth_client_id": {strOut(snowflake.PropClientID, func(d *snowflake.IntegrationDescription) string { return d.ClientID }),
		"The OAuth client id.", types.StringType},
	"oauth_authorization_endpoint": {strOut(snowflake.PropAuthorizationEndpoint, func(d *snowflake.IntegrationDescription) string { return d.AuthorizationEndpoint }),
		"The account's authorization endpoint (`.../oauth/authorize`).", types.StringType},
	"oauth_token_endpoint": {strOut(snowflake.PropTokenEndpoint, func(d *snowflake.IntegrationDescription) string { return d.TokenEndpoint }),
		"The account's token endpoint (`.../oauth/token-request`).", types.StringType},
	"oauth_allowed_authorization_endpoints": {listOut(snowflake.PropAllowedAuthorizationEndpoints, func(d *snowflake.IntegrationDescription) []string { return d.AllowedAuthorizationEndpoints }),
		"Every URL the authorization endpoint answers on.", strList},
	"oauth_allowed_token_endpoints": {listOut(snowflake.PropAllowedTokenEndpoints, func(d *snowflake.IntegrationDescription) []string { return d.AllowedTokenEndpoints }),
		"Every URL the token endpoint answers on.", strList},
}

func (d *integrationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"name": schema.StringAttribute{
			MarkdownDescription: "The integration to look up. Follows Snowflake's identifier rule: `tableau_int` means `TABLEAU_INT`, `\"\\\"tableau_int\\\"\"` is exact.",
			Required:            true,
			CustomType:          common.IdentifierType{},
			Validators:          []validator.String{common.IdentifierValidator()},
		},
		"id": schema.StringAttribute{MarkdownDescription: "The integration's name in canonical form (`TABLEAU_INT`, `\"Legacy App\"`).", Computed: true},
		"kind": schema.StringAttribute{
			MarkdownDescription: "The OAuth client: `CUSTOM`, `TABLEAU_DESKTOP`, `TABLEAU_SERVER` or `LOOKER` (from `SHOW SECURITY INTEGRATIONS`).",
			Computed:            true,
		},
		"type":    schema.StringAttribute{MarkdownDescription: "SHOW's `type` column, e.g. `OAUTH - CUSTOM`.", Computed: true},
		"enabled": schema.BoolAttribute{MarkdownDescription: "Whether the integration is enabled.", Computed: true},
	}
	for name, o := range integrationOutputs {
		desc := o.desc + " Null when the property does not apply to this kind of client."
		switch t := o.kind.(type) {
		case types.ListType:
			attrs[name] = schema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: t.ElemType}
		case types.SetType:
			attrs[name] = schema.SetAttribute{MarkdownDescription: desc, Computed: true, ElementType: t.ElemType}
		default:
			switch o.kind {
			case types.BoolType:
				attrs[name] = schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
			case types.Int64Type:
				attrs[name] = schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
			default:
				attrs[name] = schema.StringAttribute{MarkdownDescription: desc, Computed: true}
			}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up any Snowflake OAuth security integration by name (custom or partner, managed by this " +
			"configuration or elsewhere) with `SHOW SECURITY INTEGRATIONS` and `DESCRIBE SECURITY INTEGRATION`. " +
			"Client secrets are not part of it; use `snowflakeoauth_client_secrets`.",
		Attributes: attrs,
	}
}

func (d *integrationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var name common.IdentifierValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := name.Identifier()
	desc, err := d.Client.LookupIntegration(ctx, id)
	if errors.Is(err, snowflake.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Integration not found",
			"No security integration named "+id.String()+" exists, or the provider's role may not see it. "+
				"An unquoted name means the upper-case object; write a name created in lower or mixed case in double quotes.")
		return
	}
	if err != nil {
		common.AddSnowflakeError(&resp.Diagnostics, "look up security integration "+id.String(), err)
		return
	}
	kind := desc.OAuthClient()
	if kind == "" {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Not an OAuth integration",
			"Security integration "+id.String()+" is of type "+desc.Kind+"; this data source reads OAuth integrations (OAUTH - ...).")
		return
	}
	set := func(attr string, v any) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...)
	}
	set("name", name)
	set("id", id.String())
	set("kind", kind)
	set("type", desc.Kind)
	set("enabled", desc.Enabled)
	for attrName, o := range integrationOutputs {
		v, ok := o.prop(desc)
		if !ok {
			continue // null
		}
		set(attrName, v)
	}
}
