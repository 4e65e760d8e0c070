package resources

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ datasource.DataSourceWithConfigure = (*clientSecretsDataSource)(nil)

// NewClientSecretsDataSource is the constructor of the snowflakeoauth_client_secrets data source.
func NewClientSecretsDataSource() datasource.DataSource { return &clientSecretsDataSource{} }

type clientSecretsDataSource struct{ client *snowflake.Client }

// clientSecretsModel is shared with the ephemeral resource of the same name.
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

func (d *clientSecretsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_secrets"
}

func (d *clientSecretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an OAuth client integration's client id and secrets with `SYSTEM$SHOW_OAUTH_CLIENT_SECRETS`. " +
			"The secrets are `Sensitive` but, like every data source value, are stored in the Terraform state; " +
			"prefer the `snowflakeoauth_client_secrets` ephemeral resource (Terraform 1.10+) to hand them to other " +
			"tools without writing them to state.",
		Attributes: map[string]schema.Attribute{
			"integration_name": schema.StringAttribute{
				MarkdownDescription: clientSecretsIntegrationDesc,
				Required:            true,
				CustomType:          common.IdentifierType{},
				Validators:          []validator.String{common.IdentifierValidator()},
			},
			"oauth_client_id":       schema.StringAttribute{MarkdownDescription: clientIDDesc, Computed: true},
			"oauth_client_secret":   schema.StringAttribute{MarkdownDescription: clientSecretDesc, Computed: true, Sensitive: true},
			"oauth_client_secret_2": schema.StringAttribute{MarkdownDescription: clientSecret2Desc, Computed: true, Sensitive: true},
		},
	}
}

func (d *clientSecretsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = common.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *clientSecretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m clientSecretsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !readClientSecrets(ctx, d.client, &m, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// readClientSecrets fills m's outputs (1 statement). The secrets are masked in every log line the
// provider writes from here on.
func readClientSecrets(ctx context.Context, c *snowflake.Client, m *clientSecretsModel, diags *diag.Diagnostics) bool {
	name := m.IntegrationName.Identifier()
	s, err := c.ShowClientSecrets(ctx, name)
	if errors.Is(err, snowflake.ErrNotFound) {
		diags.AddAttributeError(path.Root("integration_name"), "OAuth integration not found",
			"No OAuth client integration named "+name.String()+" exists, or the provider's role may not see it: "+
				snowflake.Detail(err)+"\n\nNames follow Snowflake's identifier rule: an unquoted name means the upper-case "+
				"object; write a name created in lower or mixed case in double quotes (\"\\\"my_app\\\"\").")
		return false
	}
	if err != nil {
		common.AddSnowflakeError(diags, "read the client secrets of integration "+name.String(), err)
		return false
	}
	tflog.MaskAllFieldValuesStrings(ctx, s.ClientSecret, s.ClientSecret2)
	m.OAuthClientID = types.StringValue(s.ClientID)
	m.OAuthClientSecret = types.StringValue(s.ClientSecret)
	m.OAuthClientSecret2 = types.StringValue(s.ClientSecret2)
	return true
}
