package resources

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	_ resource.Resource                = (*integrationNetworkPolicyResource)(nil)
	_ resource.ResourceWithConfigure   = (*integrationNetworkPolicyResource)(nil)
	_ resource.ResourceWithImportState = (*integrationNetworkPolicyResource)(nil)
)

// NewIntegrationNetworkPolicyResource is the snowflakeoauth_integration_network_policy resource: the
// one owner of an integration's NETWORK_POLICY (DESIGN.md, "one attribute, one owner").
func NewIntegrationNetworkPolicyResource() resource.Resource {
	return &integrationNetworkPolicyResource{common.NewResourceBase("integration_network_policy")}
}

type integrationNetworkPolicyResource struct{ common.ResourceBase }

type integrationNetworkPolicyModel struct {
	ID                types.String           `tfsdk:"id"`
	IntegrationName   common.IdentifierValue `tfsdk:"integration_name"`
	NetworkPolicyName common.IdentifierValue `tfsdk:"network_policy_name"`
	Timeouts          timeouts.Value         `tfsdk:"timeouts"`
}

func (r *integrationNetworkPolicyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Blocks: common.TimeoutsBlocks(ctx),
		MarkdownDescription: "Binds a network policy to an OAuth security integration (custom client, partner, or the built-in " +
			"`SNOWFLAKE$LOCAL_APPLICATION`, whose token requests Snowflake checks against the user's policy first, then this one) " +
			"with `ALTER SECURITY INTEGRATION ... SET NETWORK_POLICY`; destroying it unsets the policy. " +
			"Snowflake can unset a policy only on custom clients: destroying the binding of a partner integration " +
			"fails with an explanation (bind another policy, or drop the integration, instead). " +
			"This resource is the only one that sets an integration's network policy. Reference the policy " +
			"resource's `name` so that Terraform unbinds before it drops the policy.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				PlanModifiers:       []planmodifier.String{canonicalNameID("integration_name")},
				MarkdownDescription: "The integration's name in canonical form (`TABLEAU_INT`, `\"tableau_int\"`).",
			},
			"integration_name": schema.StringAttribute{
				Required:      true,
				CustomType:    common.IdentifierType{},
				Validators:    []validator.String{common.IdentifierValidator()},
				PlanModifiers: []planmodifier.String{common.RequiresReplaceIfOtherObject("integration")},
				MarkdownDescription: "Name of the security integration. A plain name is case-insensitive; " +
					"wrap it in double quotes for an exact name. Changing it (to another integration) replaces the binding.",
			},
			"network_policy_name": schema.StringAttribute{
				Required:   true,
				CustomType: common.IdentifierType{},
				Validators: []validator.String{common.IdentifierValidator()},
				MarkdownDescription: "Name of the network policy to bind, e.g. `snowflakeoauth_network_policy.office.name`. " +
					"A quoted name such as `\"\\\"office_np\\\"\"` binds the lower-case policy. Changing it rebinds in place.",
			},
		},
	}
}

func (r *integrationNetworkPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, ok := common.GetModel[integrationNetworkPolicyModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	integ, policy := plan.IntegrationName.Identifier(), plan.NetworkPolicyName.Identifier()
	outcome := common.CreateThenVerify(ctx, &resp.Diagnostics, fmt.Sprintf("network policy binding %s on %s", policy, integ),
		func(ctx context.Context) error { return r.Client.SetIntegrationNetworkPolicy(ctx, integ, policy) },
		func(ctx context.Context) error { return r.verifyBound(ctx, integ, policy) },
		func(err error) { addBindError(&resp.Diagnostics, integ, policy, err) })
	if outcome == common.NotCreated {
		return
	}
	plan.ID = types.StringValue(integ.String())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if client, ok := r.lookupClient(ctx, plan.IntegrationName.Identifier(), &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateClientKey, client)...)
	}
}

// privateClientKey is the private-state key holding the bound integration's OAUTH_CLIENT (JSON string):
// Delete must know whether Snowflake can detach the policy at all, without a statement.
const privateClientKey = "oauth_client"

// lookupClient returns the integration's OAUTH_CLIENT as a JSON string for private state (one SHOW);
// ok is false when it cannot be told (a gone integration, or an error, which is a warning: the
// binding itself is in place).
func (r *integrationNetworkPolicyResource) lookupClient(ctx context.Context, integ snowflake.Identifier, diags *diag.Diagnostics) ([]byte, bool) {
	s, err := r.Client.ShowIntegration(ctx, integ)
	if err != nil {
		if !errors.Is(err, snowflake.ErrNotFound) {
			diags.AddWarning("Could not read the kind of security integration "+integ.String(), snowflake.Detail(err))
		}
		return nil, false
	}
	b, err := json.Marshal(strings.TrimSpace(strings.TrimPrefix(s.Type, "OAUTH - ")))
	return b, err == nil
}

// storedClient reads the OAUTH_CLIENT kept in private state; "" when there is none.
func storedClient(b []byte) string {
	var client string
	if len(b) == 0 || json.Unmarshal(b, &client) != nil {
		return ""
	}
	return client
}

// verifyBound reports snowflake.ErrNotFound unless the integration has the policy (after an
// unanswered SET, to learn whether it ran).
func (r *integrationNetworkPolicyResource) verifyBound(ctx context.Context, integ, policy snowflake.Identifier) error {
	d, err := r.Client.DescribeIntegration(ctx, integ)
	if err != nil {
		return err
	}
	if !d.NetworkPolicy.Equal(policy) {
		return &snowflake.Error{Kind: snowflake.ErrNotFound, Message: "the network policy is not bound"}
	}
	return nil
}

func (r *integrationNetworkPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := common.UpdateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	plan, state, ok := common.UpdateModels[integrationNetworkPolicyModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	// A spelling change (office_np -> OFFICE_NP) needs no statement.
	if !plan.NetworkPolicyName.Identifier().Equal(state.NetworkPolicyName.Identifier()) {
		if !r.bind(ctx, plan, &resp.Diagnostics) {
			return
		}
	}
	plan.ID = types.StringValue(plan.IntegrationName.Identifier().String())
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *integrationNetworkPolicyResource) bind(ctx context.Context, m integrationNetworkPolicyModel, diags *diag.Diagnostics) bool {
	integ, policy := m.IntegrationName.Identifier(), m.NetworkPolicyName.Identifier()
	if err := r.Client.SetIntegrationNetworkPolicy(ctx, integ, policy); err != nil {
		addBindError(diags, integ, policy, err)
		return false
	}
	return true
}

func addBindError(diags *diag.Diagnostics, integ, policy snowflake.Identifier, err error) {
	detail := common.SnowflakeErrorDetail(err)
	if errors.Is(err, snowflake.ErrInvalidValue) {
		detail += "\n\nA network policy bound to an integration must exist and must not be empty " +
			"(at least one IP address or network rule)."
	}
	diags.AddError(fmt.Sprintf("Failed to set network policy %s on security integration %s", policy, integ), detail)
}

// Read is one DESCRIBE. A missing integration or an unbound policy removes the binding from state
// (the next plan recreates it); a policy rebound by hand shows as a diff on network_policy_name.
func (r *integrationNetworkPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, ok := common.GetModel[integrationNetworkPolicyModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	integ, ok := common.NameOrID(state.IntegrationName, state.ID, "integration network policy", &resp.Diagnostics)
	if !ok {
		return
	}
	d, err := r.Client.DescribeIntegration(ctx, integ)
	if !common.ReadFound(ctx, resp, err, "Security integration", integ, "read network policy of security integration "+integ.String()) {
		return
	}
	if d.NetworkPolicy.IsZero() {
		resp.Diagnostics.AddWarning("Network policy binding not found",
			fmt.Sprintf("Security integration %s has no network policy any more; the binding was removed from the "+
				"Terraform state and will be planned for creation.", integ))
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = types.StringValue(integ.String())
	state.IntegrationName = common.KeepIdentifier(state.IntegrationName, integ)
	state.NetworkPolicyName = common.KeepIdentifier(state.NetworkPolicyName, d.NetworkPolicy)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	// After an import (or from an older provider) the kind is not known yet: one SHOW, once.
	if b, _ := req.Private.GetKey(ctx, privateClientKey); storedClient(b) == "" {
		if client, ok := r.lookupClient(ctx, integ, &resp.Diagnostics); ok {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateClientKey, client)...)
		}
	}
}

// Delete unsets the policy; an integration that is already gone is success. Snowflake's partner
// grammar has no UNSET NETWORK_POLICY (only UNSET ENABLED and COMMENT), so for a partner integration
// nothing is sent: the apply fails with the ways out (FIDELITY.md, "Network policy of a partner
// integration"). The kind comes from private state, or one SHOW when that is missing.
func (r *integrationNetworkPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	state, ok := common.GetModel[integrationNetworkPolicyModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	integ := state.IntegrationName.Identifier()
	b, _ := req.Private.GetKey(ctx, privateClientKey)
	client := storedClient(b)
	if client == "" {
		s, err := r.Client.ShowIntegration(ctx, integ)
		switch {
		case errors.Is(err, snowflake.ErrNotFound):
			return // nothing left to detach
		case err != nil:
			common.AddSnowflakeError(&resp.Diagnostics, "read security integration "+integ.String(), err)
			return
		}
		client = strings.TrimSpace(strings.TrimPrefix(s.Type, "OAUTH - "))
	}
	// The local application's grammar is not documented; it is a Snowflake OAuth client like the
	// custom ones, so the provider tries their UNSET (FIDELITY.md, "SNOWFLAKE$LOCAL_APPLICATION").
	if client != snowflake.OAuthClientCustom && client != snowflake.OAuthClientLocalApplication {
		resp.Diagnostics.AddError("Cannot unset the network policy of security integration "+integ.String(),
			fmt.Sprintf("%s is a partner integration (%s). Snowflake can detach a network policy only from custom "+
				"clients: ALTER SECURITY INTEGRATION ... UNSET NETWORK_POLICY is not in the partner grammar, so the "+
				"provider sent nothing. Bind another policy instead (change network_policy_name), or drop and "+
				"recreate the integration; to stop managing the binding while leaving it in place, use "+
				"`terraform state rm`.", integ, client))
		return
	}
	err := r.Client.UnsetIntegrationNetworkPolicy(ctx, integ)
	if err != nil && !errors.Is(err, snowflake.ErrNotFound) {
		common.AddSnowflakeError(&resp.Diagnostics, "unset network policy on security integration "+integ.String(), err)
	}
}

// ImportState takes the integration name in any spelling; Read fills the policy.
func (r *integrationNetworkPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	common.ImportByName(ctx, req, resp, "integration_name", `the security integration's name (e.g. TABLEAU_INT or "tableau_int")`)
}
