package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// providerModel mirrors the schema; an empty string counts as unset so that `var.x` defaults of ""
// fall through to the environment.
type providerModel struct {
	Account              types.String `tfsdk:"account"`
	OrganizationName     types.String `tfsdk:"organization_name"`
	AccountName          types.String `tfsdk:"account_name"`
	User                 types.String `tfsdk:"user"`
	Role                 types.String `tfsdk:"role"`
	Authenticator        types.String `tfsdk:"authenticator"`
	Password             types.String `tfsdk:"password"`
	PrivateKey           types.String `tfsdk:"private_key"`
	PrivateKeyPassphrase types.String `tfsdk:"private_key_passphrase"`
	Token                types.String `tfsdk:"token"`
	Host                 types.String `tfsdk:"host"`
	Port                 types.Int64  `tfsdk:"port"`
	Protocol             types.String `tfsdk:"protocol"`
	Profile              types.String `tfsdk:"profile"`
	OAuthClientID        types.String `tfsdk:"oauth_client_id"`
	OAuthClientSecret    types.String `tfsdk:"oauth_client_secret"`
	OAuthRefreshToken    types.String `tfsdk:"oauth_refresh_token"`
	OAuthTokenEndpoint   types.String `tfsdk:"oauth_token_endpoint"`
	LoginTimeout         types.Int64  `tfsdk:"login_timeout"`
	RequestTimeout       types.Int64  `tfsdk:"request_timeout"`
}

// providerSchema is the provider's schema. It is longer than the ~60 lines functions here keep to
// because it is one declarative literal, one entry per attribute; split, the list would be harder
// to read against the environment variables in config.go.
func providerSchema() schema.Schema {
	str := func(desc string, sensitive bool, validators ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, Sensitive: sensitive, MarkdownDescription: desc, Validators: validators}
	}
	return schema.Schema{
		MarkdownDescription: "Manages Snowflake OAuth security integrations and the objects around them. " +
			"Every setting can come from the attribute, else its environment variable, else the " +
			"`connections.toml` connection chosen by `profile`, else the default. An empty string counts as unset.",
		Attributes: map[string]schema.Attribute{
			"account": str("Account identifier in the `ORGNAME-ACCOUNTNAME` form (or a legacy locator). "+
				"Environment variable `SNOWFLAKE_ACCOUNT`. Alternative: `organization_name` with `account_name`.", false),
			"organization_name": str("Organization name; together with `account_name` it forms the account "+
				"`ORGNAME-ACCOUNTNAME`. Conflicts with `account`. Environment variable `SNOWFLAKE_ORGANIZATION_NAME`.", false),
			"account_name": str("Account name within `organization_name`. Conflicts with `account`. "+
				"Environment variable `SNOWFLAKE_ACCOUNT_NAME`.", false),
			"user": str("Login name. Required except for `OAUTH`. Environment variable `SNOWFLAKE_USER`.", false),
			"role": str("Role for the session; the user's default role when unset. Environment variable `SNOWFLAKE_ROLE`.", false),
			"authenticator": str("How to log in: `SNOWFLAKE` (password), `SNOWFLAKE_JWT` (key pair), `OAUTH` "+
				"(access token, or refresh token via `oauth_refresh_token`), `PROGRAMMATIC_ACCESS_TOKEN`. "+
				"Case-insensitive. When unset it is inferred from the one secret that is set (`password`, "+
				"`private_key`, `token` (OAUTH) or `oauth_refresh_token`). Environment variable `SNOWFLAKE_AUTHENTICATOR`.",
				false, stringvalidator.OneOfCaseInsensitive(authenticatorNames...)),
			"password": str("Password for `SNOWFLAKE`. Environment variable `SNOWFLAKE_PASSWORD`.", true),
			"private_key": str("RSA private key for `SNOWFLAKE_JWT`: PEM, PKCS#8 (`PRIVATE KEY`, or "+
				"`ENCRYPTED PRIVATE KEY` with `private_key_passphrase`; PKCS#1 `RSA PRIVATE KEY` is accepted too). "+
				"Use `file(...)` to read a key file. Environment variable `SNOWFLAKE_PRIVATE_KEY`.", true),
			"private_key_passphrase": str("Passphrase of an encrypted `private_key` (PBES2: AES-CBC or DES-EDE3-CBC "+
				"with PBKDF2, or scrypt). Environment variable `SNOWFLAKE_PRIVATE_KEY_PASSPHRASE`.", true),
			"token": str("OAuth access token (`OAUTH`) or programmatic access token (`PROGRAMMATIC_ACCESS_TOKEN`). "+
				"OAuth access tokens expire after minutes; prefer `oauth_refresh_token` for long runs. "+
				"Environment variable `SNOWFLAKE_TOKEN`.", true),
			"host": str("Host name; defaults to `<account>.snowflakecomputing.com`. Environment variable `SNOWFLAKE_HOST`.", false),
			"port": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Port; defaults to 443. Environment variable `SNOWFLAKE_PORT`.",
				Validators:          []validator.Int64{int64validator.Between(1, 65535)},
			},
			"protocol": str("`https` (default) or `http` (for a local emulator). Environment variable `SNOWFLAKE_PROTOCOL`.",
				false, stringvalidator.OneOfCaseInsensitive("http", "https")),
			"profile": str("Name of a connection in Snowflake's `connections.toml` (`$SNOWFLAKE_HOME/connections.toml`, "+
				"default `~/.snowflake/connections.toml`). Its keys (`account`, `organization_name`, `account_name`, "+
				"`user`, `password`, `role`, `authenticator`, `private_key_file`, `private_key_file_pwd`, `token`, "+
				"`host`, `port`, `protocol`, `oauth_client_id`, `oauth_client_secret`, `oauth_token_request_url`) "+
				"fill what attributes and environment variables leave unset. Environment variable `SNOWFLAKE_PROFILE`, "+
				"then `SNOWFLAKE_DEFAULT_CONNECTION_NAME`. No file is read unless a profile is named.", false),
			"oauth_client_id": str("Client ID of the OAuth integration that issued `oauth_refresh_token`. "+
				"Environment variable `SNOWFLAKE_OAUTH_CLIENT_ID`.", false),
			"oauth_client_secret": str("Client secret for `oauth_client_id` (sent with HTTP Basic); omit for a PUBLIC "+
				"client. Environment variable `SNOWFLAKE_OAUTH_CLIENT_SECRET`.", true),
			"oauth_refresh_token": str("OAuth refresh token. The provider logs in with `OAUTH` and obtains and renews "+
				"access tokens itself. The integration must not require single-use refresh tokens. "+
				"Environment variable `SNOWFLAKE_OAUTH_REFRESH_TOKEN`.", true),
			"login_timeout": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Seconds one login may take, the driver's retries included, before it fails with a message " +
					"naming the host and port (a wrong host, a closed port, a server that does not answer). Default 20. " +
					"Environment variable `SNOWFLAKE_LOGIN_TIMEOUT`.",
				Validators: []validator.Int64{int64validator.Between(1, int64(maxLoginTimeout/time.Second))},
			},
			"request_timeout": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Seconds one SQL statement may take, the driver's retries included, before the provider " +
					"cancels it and reports an error. Default 60. Environment variable `SNOWFLAKE_REQUEST_TIMEOUT`.",
				Validators: []validator.Int64{int64validator.Between(1, int64(maxRequestTimeout/time.Second))},
			},
			"oauth_token_endpoint": str("Token endpoint for `oauth_refresh_token`; defaults to "+
				"`<protocol>://<host>:<port>/oauth/token-request`. Environment variable `SNOWFLAKE_OAUTH_TOKEN_ENDPOINT`.", false),
		},
	}
}
