package resources

// Code shared by the snowflakeoauth_client_secrets data source and ephemeral resource: the model, the
// attributes and the one-statement read.

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

type clientSecretsModel struct {
	IntegrationName    common.IdentifierValue `tfsdk:"integration_name"`
	OAuthClientID      types.String           `tfsdk:"oauth_client_id"`
	OAuthClientSecret  types.String           `tfsdk:"oauth_client_secret"`
	OAuthClientSecret2 types.String           `tfsdk:"oauth_client_secret_2"`
}

const (
	clientSecretsIntegrationDesc = "The OAuth client integration. Follows Snowflake's identifier rule: `my_app` reads `MY_APP`, " +
		"`\"\\\"my_app\\\"\"` the lower-case `my_app`; the provider passes the exact stored name to " +
		"`SYSTEM$SHOW_OAUTH_CLIENT_SECRETS`, which does no identifier parsing of its own."
	clientIDDesc      = "The integration's OAuth client id (`OAUTH_CLIENT_ID`)."
	clientSecretDesc  = "The first client secret (`OAUTH_CLIENT_SECRET`). Sensitive."
	clientSecret2Desc = "The second client secret (`OAUTH_CLIENT_SECRET_2`), valid alongside the first so that one can be rotated without downtime. Sensitive."
)

// clientSecretsAttributes are the attributes of both types. The data source and ephemeral schema
// packages have identical StringAttribute structs; conv converts one to the caller's package.
func clientSecretsAttributes[A any](conv func(schema.StringAttribute) A) map[string]A {
	return map[string]A{
		"integration_name": conv(schema.StringAttribute{
			MarkdownDescription: clientSecretsIntegrationDesc,
			Required:            true,
			CustomType:          common.IdentifierType{},
			Validators:          []validator.String{common.IdentifierValidator()},
		}),
		"oauth_client_id":       conv(schema.StringAttribute{MarkdownDescription: clientIDDesc, Computed: true}),
		"oauth_client_secret":   conv(schema.StringAttribute{MarkdownDescription: clientSecretDesc, Computed: true, Sensitive: true}),
		"oauth_client_secret_2": conv(schema.StringAttribute{MarkdownDescription: clientSecret2Desc, Computed: true, Sensitive: true}),
	}
}

// loadClientSecrets reads the configuration, fills the outputs and stores them with set (the data
// source's state or the ephemeral resource's result).
func loadClientSecrets(ctx context.Context, c *snowflake.Client, config tfsdk.Config, set func(context.Context, any) diag.Diagnostics, diags *diag.Diagnostics) {
	m, ok := common.GetModel[clientSecretsModel](ctx, config, diags)
	if !ok {
		return
	}
	ctx, ok = readClientSecrets(ctx, c, &m, diags)
	if !ok {
		return
	}
	diags.Append(set(ctx, &m)...)
}

// readClientSecrets fills m's outputs (1 statement). It returns the context to use from here on: in
// every log line written with it, the secrets are masked (in field values and in messages).
func readClientSecrets(ctx context.Context, c *snowflake.Client, m *clientSecretsModel, diags *diag.Diagnostics) (context.Context, bool) {
	name := m.IntegrationName.Identifier()
	s, err := c.ShowClientSecrets(ctx, name)
	if errors.Is(err, snowflake.ErrNotFound) {
		diags.AddAttributeError(path.Root("integration_name"), "OAuth integration not found",
			"No OAuth client integration named "+name.String()+" exists, or the provider's role may not see it: "+
				snowflake.Detail(err)+"\n\nNames follow Snowflake's identifier rule: an unquoted name means the upper-case "+
				"object; write a name created in lower or mixed case in double quotes (\"\\\"my_app\\\"\").")
		return ctx, false
	}
	if err != nil {
		common.AddSnowflakeError(diags, "read the client secrets of integration "+name.String(), err)
		return ctx, false
	}
	ctx = maskSecrets(ctx, s.ClientSecret, s.ClientSecret2)
	m.OAuthClientID = types.StringValue(s.ClientID)
	m.OAuthClientSecret = types.StringValue(s.ClientSecret)
	m.OAuthClientSecret2 = types.StringValue(s.ClientSecret2)
	return ctx, true
}

// maskSecrets returns ctx with the non-empty secrets masked in log field values and messages (an
// empty string would mask nothing useful and everything else).
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	var nonEmpty []string
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
	return tflog.MaskMessageStrings(ctx, nonEmpty...)
}
