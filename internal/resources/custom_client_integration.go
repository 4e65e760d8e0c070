package resources

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources/common"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

var (
	_ resource.ResourceWithConfigure      = (*customClientIntegrationResource)(nil)
	_ resource.ResourceWithImportState    = (*customClientIntegrationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*customClientIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*customClientIntegrationResource)(nil)
)

// NewCustomClientIntegrationResource is snowflakeoauth_custom_client_integration.
func NewCustomClientIntegrationResource() resource.Resource {
	return &customClientIntegrationResource{}
}

type customClientIntegrationResource struct{ common.ResourceBase }

type customClientIntegrationModel struct {
	integrationCommon
	ClientType            types.String `tfsdk:"oauth_client_type"`
	RedirectURI           types.String `tfsdk:"oauth_redirect_uri"`
	AlternateRedirectURIs types.Set    `tfsdk:"oauth_alternate_redirect_uris"`
	AllowNonTLS           types.Bool   `tfsdk:"oauth_allow_non_tls_redirect_uri"`
	EnforcePKCE           types.Bool   `tfsdk:"oauth_enforce_pkce"`
	PreAuthorizedRoles    types.Set    `tfsdk:"pre_authorized_roles_list"`
	RSAPublicKey          types.String `tfsdk:"oauth_client_rsa_public_key"`
	RSAPublicKey2         types.String `tfsdk:"oauth_client_rsa_public_key_2"`
	RSAPublicKeyFP        types.String `tfsdk:"oauth_client_rsa_public_key_fp"`
	RSAPublicKey2FP       types.String `tfsdk:"oauth_client_rsa_public_key_2_fp"`
}

func (r *customClientIntegrationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_client_integration"
}

func (r *customClientIntegrationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := commonAttributes("custom-client OAuth", schema.Int64Attribute{Optional: true, Computed: true,
		Default: int64default.StaticInt64(defaultRefreshTokenValidity),
		MarkdownDescription: fmt.Sprintf("Refresh token lifetime in seconds, 3600 to %d (Snowflake's own ceiling is 7776000 unless Snowflake Support raised it for the account). Default: `%d`.",
			maxRefreshTokenValidity, defaultRefreshTokenValidity),
		Validators: []validator.Int64{int64validator.Between(3600, maxRefreshTokenValidity)}})
	attrs["oauth_client_type"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "`CONFIDENTIAL` (the client can keep a secret) or `PUBLIC`. Changing it replaces the integration.",
		Validators:          []validator.String{stringvalidator.OneOf(snowflake.ClientTypeConfidential, snowflake.ClientTypePublic)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}}
	attrs["oauth_redirect_uri"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "The client's redirect URI; https unless `oauth_allow_non_tls_redirect_uri` is true."}
	attrs["oauth_alternate_redirect_uris"] = schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true,
		Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
		MarkdownDescription: "Further redirect URIs Snowflake accepts (same TLS rule). Default: empty."}
	attrs["oauth_allow_non_tls_redirect_uri"] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		MarkdownDescription: "Allow redirect URIs that do not use https (local development). Default: `false`."}
	attrs["oauth_enforce_pkce"] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		MarkdownDescription: "Require PKCE on every authorization request. Default: `false`."}
	attrs["pre_authorized_roles_list"] = integRoleSetAttribute("Roles users need not consent to. ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and SECURITYADMIN are not allowed.")
	attrs["oauth_client_rsa_public_key"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "RSA public key (PEM or its base64 body) for key-pair client authentication. Snowflake only shows its fingerprint; a key changed outside Terraform shows as a change of this attribute."}
	attrs["oauth_client_rsa_public_key_2"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Second RSA public key, for rotation. Same rules as `oauth_client_rsa_public_key`."}
	attrs["oauth_client_rsa_public_key_fp"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "Fingerprint (`SHA256:...`) of `oauth_client_rsa_public_key`; `\"\"` without a key."}
	attrs["oauth_client_rsa_public_key_2_fp"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "Fingerprint of `oauth_client_rsa_public_key_2`; `\"\"` without a key."}
	resp.Schema = schema.Schema{
		Blocks:              common.TimeoutsBlocks(ctx),
		MarkdownDescription: "A Snowflake OAuth security integration for a custom client (`OAUTH_CLIENT = CUSTOM`): notebooks, internal tools and other apps that sign users in with Snowflake OAuth. Read the client secrets with the `snowflakeoauth_client_secrets` ephemeral resource or data source.",
		Attributes:          attrs,
	}
}

func (r *customClientIntegrationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m customClientIntegrationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !m.AllowNonTLS.IsUnknown() {
		nonTLS := m.AllowNonTLS.ValueBool()
		if !m.RedirectURI.IsNull() && !m.RedirectURI.IsUnknown() {
			integValidateRedirectURI(&resp.Diagnostics, path.Root("oauth_redirect_uri"), m.RedirectURI.ValueString(), nonTLS)
		}
		if !m.AlternateRedirectURIs.IsUnknown() {
			for _, e := range m.AlternateRedirectURIs.Elements() {
				if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
					integValidateRedirectURI(&resp.Diagnostics, path.Root("oauth_alternate_redirect_uris"), s.ValueString(), nonTLS)
				}
			}
		}
	}
	if !m.PreAuthorizedRoles.IsUnknown() {
		for _, e := range m.PreAuthorizedRoles.Elements() {
			v, ok := e.(common.IdentifierValue)
			if !ok || v.IsUnknown() {
				continue
			}
			if id := v.Identifier(); !id.IsZero() && integIsPrivileged(id) {
				resp.Diagnostics.AddAttributeError(path.Root("pre_authorized_roles_list"), "Privileged role cannot be pre-authorized",
					fmt.Sprintf("Attribute pre_authorized_roles_list: %s is a privileged role (ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN, SECURITYADMIN); Snowflake never pre-authorizes it.", id))
			}
		}
	}
	integValidateAllowedWithImplicit(ctx, &resp.Diagnostics, m.AllowedRoles, m.UseSecondaryRoles)
}

// ModifyPlan computes the key fingerprints from the planned keys and marks the effective blocked
// roles unknown when the blocked list changes.
func (r *customClientIntegrationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan customClientIntegrationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *customClientIntegrationModel
	if !req.State.Raw.IsNull() {
		state = &customClientIntegrationModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	plan.RSAPublicKeyFP = plannedFingerprint(plan.RSAPublicKey)
	plan.RSAPublicKey2FP = plannedFingerprint(plan.RSAPublicKey2)
	if state == nil || integRoleSetChanged(ctx, plan.BlockedRoles, state.BlockedRoles, false) {
		plan.EffectiveBlockedRoles = types.SetUnknown(common.IdentifierType{})
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func plannedFingerprint(key types.String) types.String {
	if key.IsUnknown() {
		return types.StringUnknown()
	}
	if key.IsNull() {
		return types.StringValue("")
	}
	fp, ok := rsaKeyFingerprint(key.ValueString())
	if !ok {
		return types.StringUnknown() // Snowflake will reject it at apply
	}
	return types.StringValue(fp)
}

func (m *customClientIntegrationModel) properties(ctx context.Context, state *customClientIntegrationModel) (snowflake.IntegrationProperties, []snowflake.IntegrationProperty, error) {
	var p snowflake.IntegrationProperties
	var unset []snowflake.IntegrationProperty
	var diags = new(diagsCollector)
	var s customClientIntegrationModel
	var sc *integrationCommon
	if state != nil {
		s = *state
		sc = &state.integrationCommon
	}
	m.integrationCommon.properties(ctx, sc, &p, &unset, &diags.d)
	create := state == nil
	if (create || !m.RedirectURI.Equal(s.RedirectURI)) && !m.RedirectURI.IsNull() {
		p.RedirectURI = m.RedirectURI.ValueStringPointer()
	}
	if create && len(m.AlternateRedirectURIs.Elements()) > 0 || !create && !m.AlternateRedirectURIs.Equal(s.AlternateRedirectURIs) {
		p.AlternateRedirectURIs = integStrings(ctx, m.AlternateRedirectURIs, &diags.d)
		if p.AlternateRedirectURIs == nil {
			p.AlternateRedirectURIs = []string{}
		}
	}
	if create || !m.AllowNonTLS.Equal(s.AllowNonTLS) {
		p.AllowNonTLSRedirectURI = m.AllowNonTLS.ValueBoolPointer()
	}
	if create || !m.EnforcePKCE.Equal(s.EnforcePKCE) {
		p.EnforcePKCE = m.EnforcePKCE.ValueBoolPointer()
	}
	if integRoleSetChanged(ctx, m.PreAuthorizedRoles, s.PreAuthorizedRoles, create) {
		p.PreAuthorizedRoles = integNonNil(common.IdentifiersFromSet(ctx, m.PreAuthorizedRoles, &diags.d))
	}
	for _, k := range []struct {
		plan, state types.String
		set         **string
		prop        snowflake.IntegrationProperty
	}{
		{m.RSAPublicKey, s.RSAPublicKey, &p.RSAPublicKey, snowflake.PropRSAPublicKey},
		{m.RSAPublicKey2, s.RSAPublicKey2, &p.RSAPublicKey2, snowflake.PropRSAPublicKey2},
	} {
		if !create && k.plan.Equal(k.state) {
			continue
		}
		if k.plan.IsNull() {
			if !create {
				unset = append(unset, k.prop)
			}
			continue
		}
		*k.set = k.plan.ValueStringPointer()
	}
	if diags.d.HasError() {
		return p, unset, errors.New("invalid role or URI list in the plan")
	}
	return p, unset, nil
}

func (r *customClientIntegrationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel := common.CreateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	var plan customClientIntegrationModel
	d := integCreate(ctx, r.Client, req, resp, &plan, "snowflakeoauth_custom_client_integration", func(name snowflake.Identifier, props snowflake.IntegrationProperties) error {
		return r.Client.CreateCustomIntegration(ctx, name, snowflake.CustomClientOptions{ClientType: plan.ClientType.ValueString(), IntegrationProperties: props})
	})
	if d == nil {
		return
	}
	plan.RSAPublicKeyFP = types.StringValue(d.RSAPublicKeyFP)
	plan.RSAPublicKey2FP = types.StringValue(d.RSAPublicKey2FP)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *customClientIntegrationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customClientIntegrationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d, blocked := integRead(ctx, r.Client, state.Name.Identifier(), false, resp)
	if d == nil {
		return
	}
	state.applyDescription(ctx, d, blocked)
	state.ClientType = types.StringValue(d.OAuthClientType)
	state.RedirectURI = types.StringValue(d.RedirectURI)
	if state.RedirectURI.ValueString() == "" {
		state.RedirectURI = types.StringNull()
	}
	state.AlternateRedirectURIs = integrationStringSet(d.AlternateRedirectURIs)
	state.AllowNonTLS = types.BoolValue(d.AllowNonTLSRedirectURI)
	state.EnforcePKCE = types.BoolValue(d.EnforcePKCE)
	state.PreAuthorizedRoles = common.KeepIdentifierSet(ctx, state.PreAuthorizedRoles, d.PreAuthorizedRoles)
	state.RSAPublicKey = keyFromFingerprint(state.RSAPublicKey, d.RSAPublicKeyFP)
	state.RSAPublicKey2 = keyFromFingerprint(state.RSAPublicKey2, d.RSAPublicKey2FP)
	state.RSAPublicKeyFP = types.StringValue(d.RSAPublicKeyFP)
	state.RSAPublicKey2FP = types.StringValue(d.RSAPublicKey2FP)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// keyFromFingerprint keeps the key in state while Snowflake's fingerprint matches it. Otherwise the
// key was changed outside Terraform: state gets null (no key in Snowflake) or a marker naming the
// fingerprint found, so the plan shows the configured key being set again.
func keyFromFingerprint(prior types.String, snowflakeFP string) types.String {
	if prior.IsNull() || prior.IsUnknown() {
		if snowflakeFP == "" {
			return types.StringNull()
		}
	} else if fp, ok := rsaKeyFingerprint(prior.ValueString()); ok && fp == snowflakeFP {
		return prior
	}
	if snowflakeFP == "" {
		return types.StringNull()
	}
	return types.StringValue("(a key set outside Terraform, fingerprint " + snowflakeFP + ")")
}

func (r *customClientIntegrationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel := common.UpdateTimeout(ctx, req.Plan, &resp.Diagnostics)
	defer cancel()
	var plan customClientIntegrationModel
	if !integUpdate(ctx, r.Client, req, resp, &plan) {
		return
	}
	if plan.EffectiveBlockedRoles.IsUnknown() || plan.RSAPublicKeyFP.IsUnknown() || plan.RSAPublicKey2FP.IsUnknown() {
		d := integDescribeAfter(ctx, r.Client, plan.Name.Identifier(), "altering", &resp.Diagnostics)
		if d == nil {
			return
		}
		plan.fillUnknownComputed(ctx, d)
		plan.RSAPublicKeyFP = types.StringValue(d.RSAPublicKeyFP)
		plan.RSAPublicKey2FP = types.StringValue(d.RSAPublicKey2FP)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *customClientIntegrationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	ctx, cancel := common.DeleteTimeout(ctx, req.State, &resp.Diagnostics)
	defer cancel()
	integDelete[customClientIntegrationModel](ctx, r.Client, req, resp)
}

func (r *customClientIntegrationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importIntegrationByName(ctx, req, resp)
}

// importIntegrationByName accepts any spelling of the name and stores it as given, so that a
// configuration that spells it the same way plans no change; id is the canonical form.
func importIntegrationByName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := snowflake.ParseIdentifier(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("The import ID must be the integration's name (a Snowflake identifier): %v", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), common.NewIdentifierValue(req.ID))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
}
