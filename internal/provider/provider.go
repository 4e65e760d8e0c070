// Package provider defines the snowflakeoauth provider: its schema and configuration.
package provider

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// New returns a constructor for the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &snowflakeOAuthProvider{version: version} }
}

type snowflakeOAuthProvider struct{ version string }

var _ provider.ProviderWithEphemeralResources = (*snowflakeOAuthProvider)(nil)

func (p *snowflakeOAuthProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "snowflakeoauth"
	resp.Version = p.version
}

func (p *snowflakeOAuthProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *snowflakeOAuthProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	a := m.attrs(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	home, _ := os.UserHomeDir()
	r, diags := resolveConfig(a, os.Getenv, home)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	ctx = withMasking(ctx, r.secrets)
	fields := map[string]any{
		"account": r.cfg.Account, "user": r.cfg.User, "role": r.cfg.Role, "authenticator": r.authenticator,
		"host": r.cfg.Host, "port": r.cfg.Port, "protocol": r.cfg.Protocol, "profile": r.profile,
		"refresh_token_login": r.oauth != nil,
	}
	for attr, from := range r.sources {
		fields["source."+attr] = from
	}
	tflog.Debug(ctx, "Connecting to Snowflake", fields)

	data, reused, err := connect(ctx, r)
	if err != nil {
		resp.Diagnostics.AddError("Snowflake login failed",
			fmt.Sprintf("Logging in to account %q as %q at %s with authenticator %s failed: %s",
				r.cfg.Account, r.cfg.User, serverURL(r.cfg), r.authenticator, redact(err.Error(), r.secrets)))
		return
	}
	tflog.Info(ctx, "Snowflake connection ready", map[string]any{"account": r.cfg.Account, "reused_pool": reused})
	resp.ResourceData = data.Client
	resp.DataSourceData = data.Client
	resp.EphemeralResourceData = data.Client
}

func (p *snowflakeOAuthProvider) Resources(context.Context) []func() resource.Resource {
	return resourceFactories
}

func (p *snowflakeOAuthProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSourceFactories
}

func (p *snowflakeOAuthProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return ephemeralResourceFactories
}

// attrs converts the Terraform configuration; an unknown value cannot configure a login.
func (m providerModel) attrs(diags *diag.Diagnostics) attrs {
	known := func(name string, v attr.Value) {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown "+name,
				fmt.Sprintf("`%s` depends on a value known only after apply, but the provider must log in to plan. "+
					"Use a value known at plan time, or %s.", name, envVars[name][0]))
		}
	}
	str := func(name string, v types.String) string { known(name, v); return v.ValueString() }
	a := attrs{
		Account: str("account", m.Account), OrganizationName: str("organization_name", m.OrganizationName),
		AccountName: str("account_name", m.AccountName), User: str("user", m.User), Role: str("role", m.Role),
		Authenticator: str("authenticator", m.Authenticator), Password: str("password", m.Password),
		PrivateKey: str("private_key", m.PrivateKey), PrivateKeyPassphrase: str("private_key_passphrase", m.PrivateKeyPassphrase),
		Token: str("token", m.Token), Host: str("host", m.Host), Protocol: str("protocol", m.Protocol),
		Profile: str("profile", m.Profile), OAuthClientID: str("oauth_client_id", m.OAuthClientID),
		OAuthClientSecret:  str("oauth_client_secret", m.OAuthClientSecret),
		OAuthRefreshToken:  str("oauth_refresh_token", m.OAuthRefreshToken),
		OAuthTokenEndpoint: str("oauth_token_endpoint", m.OAuthTokenEndpoint),
	}
	num := func(name string, v types.Int64) int64 { known(name, v); return v.ValueInt64() }
	a.Port = num("port", m.Port)
	a.LoginTimeout = num("login_timeout", m.LoginTimeout)
	a.RequestTimeout = num("request_timeout", m.RequestTimeout)
	return a
}
