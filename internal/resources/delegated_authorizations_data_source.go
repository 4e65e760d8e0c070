package resources

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ datasource.DataSourceWithConfigure = (*delegatedAuthorizationsDataSource)(nil)

// NewDelegatedAuthorizationsDataSource is the constructor of the snowflakeoauth_delegated_authorizations data source.
func NewDelegatedAuthorizationsDataSource() datasource.DataSource {
	return &delegatedAuthorizationsDataSource{common.NewDataSourceBase("delegated_authorizations")}
}

type delegatedAuthorizationsDataSource struct{ common.DataSourceBase }

type delegatedAuthorizationsModel struct {
	UserName        common.IdentifierValue `tfsdk:"user_name"`
	IntegrationName common.IdentifierValue `tfsdk:"integration_name"`
	Authorizations  types.List             `tfsdk:"authorizations"`
}

var delegatedAuthorizationAttrTypes = map[string]attr.Type{
	"id":                 types.StringType,
	"user_name":          types.StringType,
	"role_name":          types.StringType,
	"integration_name":   types.StringType,
	"created_on":         types.StringType,
	"integration_status": types.StringType,
}

func (d *delegatedAuthorizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	exactlyOne := stringvalidator.ExactlyOneOf(path.MatchRoot("user_name"), path.MatchRoot("integration_name"))
	out := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists delegated authorizations (pre-granted consent) of one user (`SHOW DELEGATED AUTHORIZATIONS BY USER`) " +
			"or of one integration (`SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION`), for audits and reviews. " +
			"Set exactly one of `user_name` and `integration_name`.",
		Attributes: map[string]schema.Attribute{
			"user_name": schema.StringAttribute{
				MarkdownDescription: "List the authorizations of this user (identifier rule: `jane` means `JANE`). Conflicts with `integration_name`.",
				Optional:            true,
				CustomType:          common.IdentifierType{},
				Validators:          []validator.String{common.IdentifierValidator(), exactlyOne},
			},
			"integration_name": schema.StringAttribute{
				MarkdownDescription: "List the authorizations to this integration (identifier rule). Conflicts with `user_name`.",
				Optional:            true,
				CustomType:          common.IdentifierType{},
				Validators:          []validator.String{common.IdentifierValidator(), exactlyOne},
			},
			"authorizations": schema.ListNestedAttribute{
				MarkdownDescription: "The authorizations, oldest first.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":                 out("`<user>|<role>|<integration>`: the import ID of `snowflakeoauth_delegated_authorization`."),
					"user_name":          out("The user, in canonical form (`JANE`, `\"jane\"`)."),
					"role_name":          out("The role, in canonical form."),
					"integration_name":   out("The integration, in canonical form."),
					"created_on":         out("When it was granted (RFC 3339, UTC)."),
					"integration_status": out("`ENABLED` or `DISABLED`."),
				}},
			},
		},
	}
}

func (d *delegatedAuthorizationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	m, ok := common.GetModel[delegatedAuthorizationsModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	var (
		list []snowflake.DelegatedAuthorization
		err  error
	)
	if !m.UserName.IsNull() {
		user := m.UserName.Identifier()
		list, err = d.Client.ShowDelegatedAuthorizationsByUser(ctx, user)
		if err != nil {
			common.AddSnowflakeError(&resp.Diagnostics, "list the delegated authorizations of user "+user.String(), err)
			return
		}
	} else {
		integration := m.IntegrationName.Identifier()
		list, err = d.Client.ShowDelegatedAuthorizationsToIntegration(ctx, integration)
		if err != nil {
			common.AddSnowflakeError(&resp.Diagnostics, "list the delegated authorizations to integration "+integration.String(), err)
			return
		}
	}
	objType := types.ObjectType{AttrTypes: delegatedAuthorizationAttrTypes}
	elems := make([]attr.Value, 0, len(list))
	for _, a := range list {
		elems = append(elems, types.ObjectValueMust(delegatedAuthorizationAttrTypes, map[string]attr.Value{
			"id":                 types.StringValue(snowflake.JoinID(a.User, a.Role, a.Integration)),
			"user_name":          types.StringValue(a.User.String()),
			"role_name":          types.StringValue(a.Role.String()),
			"integration_name":   types.StringValue(a.Integration.String()),
			"created_on":         types.StringValue(a.CreatedOn.UTC().Format(time.RFC3339)),
			"integration_status": types.StringValue(a.IntegrationStatus),
		}))
	}
	lv, diags := types.ListValue(objType, elems)
	resp.Diagnostics.Append(diags...)
	m.Authorizations = lv
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
