package resources_test

// A test double of the official Snowflake provider (provider type "snowflake"): it serves, over
// protocol 5 like the real SDKv2 provider, the official resource types that snowflakeoauth can move
// in, with the attribute types and markers of the official v2.x schema ("true"/"false"/"default"
// strings, -1 for integers, sets of exact names, id = bare name, plus output attributes the move
// ignores). It never talks to Snowflake: the tests create the objects out of band, as the official
// provider would have, and the double only records its configuration in state.

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
)

// officialDoubleFactories serves the double as the provider "snowflake".
func officialDoubleFactories() map[string]func() (tfprotov5.ProviderServer, error) {
	return map[string]func() (tfprotov5.ProviderServer, error){
		"snowflake": providerserver.NewProtocol5WithError(&officialDouble{}),
	}
}

type officialDouble struct{}

func (*officialDouble) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "snowflake"
}
func (*officialDouble) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (*officialDouble) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (*officialDouble) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (*officialDouble) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return &officialDoubleResource{typeName: "oauth_integration_for_custom_clients", attrs: officialDoubleCustomAttrs()}
		},
		func() resource.Resource {
			return &officialDoubleResource{typeName: "oauth_integration_for_partner_applications", attrs: officialDoublePartnerAttrs()}
		},
		func() resource.Resource {
			return &officialDoubleResource{typeName: "network_policy", attrs: officialDoubleNetworkPolicyAttrs()}
		},
	}
}

// The official boolean strings: Optional with Default "default" in SDKv2.
func dblBool() schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("default")}
}
func dblSet() schema.SetAttribute {
	return schema.SetAttribute{Optional: true, ElementType: types.StringType}
}
func dblStr() schema.StringAttribute { return schema.StringAttribute{Optional: true} }

// dblOutputs are the official resources' output attributes, which the move must ignore.
func dblOutputs(m map[string]schema.Attribute) map[string]schema.Attribute {
	m["id"] = schema.StringAttribute{Computed: true}
	m["fully_qualified_name"] = schema.StringAttribute{Computed: true}
	// SDKv2's TypeList of a computed Resource: a list of objects on protocol 5.
	m["show_output"] = schema.ListAttribute{Computed: true, ElementType: types.ObjectType{AttrTypes: map[string]attr.Type{"name": types.StringType}}}
	return m
}

// dblOAuthIntegration adds the arguments both official OAuth integration resources have (custom
// clients and partner applications) to those of one of them.
func dblOAuthIntegration(m map[string]schema.Attribute) map[string]schema.Attribute {
	m["name"] = schema.StringAttribute{Required: true}
	m["enabled"] = dblBool()
	m["oauth_issue_refresh_tokens"] = dblBool()
	m["oauth_refresh_token_validity"] = schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(-1)}
	m["oauth_use_secondary_roles"] = dblStr()
	m["allowed_roles_list"] = dblSet()
	m["blocked_roles_list"] = dblSet()
	m["comment"] = dblStr()
	return dblOutputs(m)
}

func officialDoubleCustomAttrs() map[string]schema.Attribute {
	return dblOAuthIntegration(map[string]schema.Attribute{
		"oauth_client_type":                schema.StringAttribute{Required: true},
		"oauth_redirect_uri":               schema.StringAttribute{Required: true, Sensitive: true},
		"oauth_allow_non_tls_redirect_uri": dblBool(),
		"oauth_enforce_pkce":               dblBool(),
		"pre_authorized_roles_list":        dblSet(),
		"network_policy":                   dblStr(),
		"oauth_client_rsa_public_key":      dblStr(),
		"oauth_client_rsa_public_key_2":    dblStr(),
	})
}

func officialDoublePartnerAttrs() map[string]schema.Attribute {
	return dblOAuthIntegration(map[string]schema.Attribute{
		"oauth_client":       schema.StringAttribute{Required: true},
		"oauth_redirect_uri": schema.StringAttribute{Optional: true, Sensitive: true},
	})
}

func officialDoubleNetworkPolicyAttrs() map[string]schema.Attribute {
	return dblOutputs(map[string]schema.Attribute{
		"name":                      schema.StringAttribute{Required: true},
		"allowed_ip_list":           dblSet(),
		"blocked_ip_list":           dblSet(),
		"allowed_network_rule_list": dblSet(),
		"blocked_network_rule_list": dblSet(),
		"comment":                   dblStr(),
	})
}

// officialDoubleResource records its plan as state, with the official id (the bare name) and outputs.
type officialDoubleResource struct {
	typeName string
	attrs    map[string]schema.Attribute
}

func (r *officialDoubleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.typeName
}

func (r *officialDoubleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: r.attrs}
}

func (r *officialDoubleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
	var name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	bare := strings.Trim(name.ValueString(), `"`)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), bare)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fully_qualified_name"), `"`+bare+`"`)...)
	out := types.ObjectValueMust(map[string]attr.Type{"name": types.StringType}, map[string]attr.Value{"name": types.StringValue(bare)})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("show_output"),
		types.ListValueMust(out.Type(ctx), []attr.Value{out}))...)
}

func (r *officialDoubleResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (r *officialDoubleResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *officialDoubleResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
