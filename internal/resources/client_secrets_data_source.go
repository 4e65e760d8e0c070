package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
)

var _ datasource.DataSourceWithConfigure = (*clientSecretsDataSource)(nil)

// NewClientSecretsDataSource is the constructor of the snowflakeoauth_client_secrets data source.
func NewClientSecretsDataSource() datasource.DataSource {
	return &clientSecretsDataSource{common.NewDataSourceBase("client_secrets")}
}

type clientSecretsDataSource struct{ common.DataSourceBase }

func (d *clientSecretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an OAuth client integration's client id and secrets with `SYSTEM$SHOW_OAUTH_CLIENT_SECRETS`. " +
			"The secrets are `Sensitive` but, like every data source value, are stored in the Terraform state; " +
			"prefer the `snowflakeoauth_client_secrets` ephemeral resource (Terraform 1.10+) to hand them to other " +
			"tools without writing them to state.",
		Attributes: clientSecretsAttributes(func(a schema.StringAttribute) schema.Attribute { return a }),
	}
}

func (d *clientSecretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	loadClientSecrets(ctx, d.Client, req.Config, resp.State.Set, &resp.Diagnostics)
}
