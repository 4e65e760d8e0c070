package resources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*clientSecretsEphemeral)(nil)

// NewClientSecretsEphemeralResource is the constructor of the snowflakeoauth_client_secrets ephemeral resource.
func NewClientSecretsEphemeralResource() ephemeral.EphemeralResource {
	return &clientSecretsEphemeral{}
}

type clientSecretsEphemeral struct{ client *snowflake.Client }

func (e *clientSecretsEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_secrets"
}

func (e *clientSecretsEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an OAuth client integration's client id and secrets with `SYSTEM$SHOW_OAUTH_CLIENT_SECRETS` " +
			"without writing them to the plan or the state (Terraform 1.10+). Use it to hand the secrets to " +
			"other providers' write-only or ephemeral arguments (a secrets manager, a BI tool's connection).",
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

func (e *clientSecretsEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = common.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *clientSecretsEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m clientSecretsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !readClientSecrets(ctx, e.client, &m, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
