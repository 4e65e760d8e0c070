package resources

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var _ resource.ResourceWithConfigure = (*clientSecretRotationResource)(nil)

// NewClientSecretRotationResource is the constructor of snowflakeoauth_client_secret_rotation.
func NewClientSecretRotationResource() resource.Resource {
	return &clientSecretRotationResource{common.NewResourceBase("client_secret_rotation")}
}

type clientSecretRotationResource struct{ common.ResourceBase }

type clientSecretRotationModel struct {
	ID               types.String           `tfsdk:"id"`
	IntegrationName  common.IdentifierValue `tfsdk:"integration_name"`
	Secret           types.String           `tfsdk:"secret"`
	RotationTriggers types.Map              `tfsdk:"rotation_triggers"`
	RotatedAt        types.String           `tfsdk:"rotated_at"`
	Timeouts         timeouts.Value         `tfsdk:"timeouts"`
}

func (r *clientSecretRotationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "Rotates one client secret of an OAuth client integration: creating or replacing this resource runs " +
			"`ALTER SECURITY INTEGRATION ... REFRESH OAUTH_CLIENT_SECRET` (or `_2`). The other secret stays valid, so " +
			"clients can move without downtime: rotate `OAUTH_CLIENT_SECRET_2`, move the clients to it, then rotate " +
			"`OAUTH_CLIENT_SECRET`. Change `rotation_triggers` (e.g. a date from `time_rotating`) to rotate again. " +
			"Destroying it changes nothing in Snowflake.",
		Attributes: map[string]schema.Attribute{
			"id": integComputedString("`<integration>|<secret>`."),
			"integration_name": schema.StringAttribute{
				MarkdownDescription: "The OAuth client integration (identifier rule: `my_app` means `MY_APP`). Naming another integration rotates its secret; respelling the same name changes nothing.",
				Required:            true,
				CustomType:          common.IdentifierType{},
				Validators:          []validator.String{common.IdentifierValidator()},
				PlanModifiers:       []planmodifier.String{common.RequiresReplaceIfOtherObject("integration")},
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "Which secret to regenerate: `OAUTH_CLIENT_SECRET` or `OAUTH_CLIENT_SECRET_2`. Changing it rotates the other secret.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(string(snowflake.SecretPrimary), string(snowflake.SecretSecondary))},
				PlanModifiers:       replace,
			},
			"rotation_triggers": schema.MapAttribute{
				MarkdownDescription: "Arbitrary values; any change rotates the secret again (replaces this resource).",
				Optional:            true,
				ElementType:         types.StringType,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"rotated_at": integComputedString("When the provider rotated the secret (RFC 3339, UTC)."),
		},
	}
}

func (r *clientSecretRotationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	m, ok := common.GetModel[clientSecretRotationModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	name, secret := m.IntegrationName.Identifier(), snowflake.Secret(m.Secret.ValueString())
	err := r.Client.RefreshClientSecret(ctx, name, secret)
	if err != nil && !snowflake.OutcomeUnknown(err) {
		common.AddSnowflakeError(&resp.Diagnostics, "rotate "+string(secret)+" of integration "+name.String(), err)
		return
	}
	m.ID = types.StringValue(name.String() + snowflake.IDSeparator + string(secret))
	m.RotatedAt = types.StringValue(time.Now().UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	if err != nil {
		// Whether the secret changed cannot be read back. The error taints the rotation, so the next
		// apply rotates again: a rotation is never silently skipped.
		resp.Diagnostics.AddError("Unknown whether "+string(secret)+" of integration "+name.String()+" was rotated",
			"The answer to the rotation was lost ("+snowflake.Detail(err)+"). The next apply rotates the secret again.")
	}
}

// Read only checks that the integration still exists (1 statement): a rotation has no state of its own
// in Snowflake.
func (r *clientSecretRotationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	m, ok := common.GetModel[clientSecretRotationModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	name := m.IntegrationName.Identifier()
	_, err := r.Client.ShowIntegration(ctx, name)
	common.ReadFound(ctx, resp, err, "Security integration", name, "read security integration "+name.String())
}

// Update only ever respells integration_name (everything else replaces the rotation): no statement.
func (r *clientSecretRotationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, state, ok := common.UpdateModels[clientSecretRotationModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	state.IntegrationName = plan.IntegrationName
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete forgets the rotation; the secret stays as it is.
func (r *clientSecretRotationResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
