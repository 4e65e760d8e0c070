package resources

import (
	"context"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*clientSecretsEphemeral)(nil)

// NewClientSecretsEphemeralResource is the constructor of the snowflakeoauth_client_secrets ephemeral resource.
func NewClientSecretsEphemeralResource() ephemeral.EphemeralResource {
	return &clientSecretsEphemeral{common.NewEphemeralResourceBase("client_secrets")}
}

type clientSecretsEphemeral struct{ common.EphemeralResourceBase }

func (e *clientSecretsEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an OAuth client integration's client id and secrets with `SYSTEM$SHOW_OAUTH_CLIENT_SECRETS` " +
			"without writing them to the plan or the state (Terraform 1.10+). Use it to hand the secrets to " +
			"other providers' write-only or ephemeral arguments (a secrets manager, a BI tool's connection).",
		Attributes: clientSecretsAttributes(func(a dsschema.StringAttribute) schema.Attribute { return schema.StringAttribute(a) }),
	}
}

func (e *clientSecretsEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	loadClientSecrets(ctx, e.Client, req.Config, resp.Result.Set, &resp.Diagnostics)
}
