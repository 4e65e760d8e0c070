package resources

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
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
	return &customClientIntegrationResource{newIntegrationResource[customClientIntegrationModel]("custom_client_integration")}
}

type customClientIntegrationResource struct {
	integrationResource[customClientIntegrationModel, *customClientIntegrationModel]
}

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
	AnyRoleMode           types.String `tfsdk:"oauth_any_role_mode"`
	EnableRoleSelection   types.Bool   `tfsdk:"oauth_enable_role_selection"`
	IsAgentic             types.Bool   `tfsdk:"is_agentic"`
	UsePrivatelink        types.Bool   `tfsdk:"use_privatelink_for_authorization_endpoint"`
}

func (r *customClientIntegrationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := commonAttributes("custom-client OAuth", schema.Int64Attribute{Optional: true, Computed: true,
		Default: int64default.StaticInt64(defaultRefreshTokenValidity),
		MarkdownDescription: fmt.Sprintf("Refresh token lifetime in seconds, 3600 to %d (Snowflake's own ceiling is 7776000 unless Snowflake Support raised it for the account). Default: `%d`.",
			maxRefreshTokenValidity, defaultRefreshTokenValidity) + absentRowNote,
		Validators: []validator.Int64{int64validator.Between(3600, maxRefreshTokenValidity)}})
	attrs["oauth_client_type"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "`CONFIDENTIAL` (the client can keep a secret) or `PUBLIC`. Changing it replaces the integration.",
		Validators:          []validator.String{stringvalidator.OneOf(snowflake.ClientTypeConfidential, snowflake.ClientTypePublic)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()}}
	attrs["oauth_redirect_uri"] = schema.StringAttribute{Required: true,
		MarkdownDescription: "The client's redirect URI; https unless `oauth_allow_non_tls_redirect_uri` is true."}
	attrs["oauth_alternate_redirect_uris"] = schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true,
		Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
		MarkdownDescription: "Further redirect URIs Snowflake accepts (same TLS rule). Default: empty." + absentRowNote}
	attrs["oauth_allow_non_tls_redirect_uri"] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		MarkdownDescription: "Allow redirect URIs that do not use https (local development). Default: `false`." + absentRowNote}
	attrs["oauth_enforce_pkce"] = schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
		MarkdownDescription: "Require PKCE on every authorization request. Default: `false`." + absentRowNote}
	attrs["pre_authorized_roles_list"] = integRoleSetAttribute("Roles users need not consent to. ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and SECURITYADMIN are not allowed.")
	attrs["oauth_client_rsa_public_key"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "RSA public key for key-pair client authentication, as PEM (`-----BEGIN PUBLIC KEY-----` ...) or its base64 body; the provider sends Snowflake the base64 body either way, and changing only the spelling sends nothing. Snowflake only shows its fingerprint; a key changed outside Terraform shows as a change of this attribute.",
		Validators:          []validator.String{rsaPublicKeyValidator}}
	attrs["oauth_client_rsa_public_key_2"] = schema.StringAttribute{Optional: true,
		MarkdownDescription: "Second RSA public key, for rotation. Same rules as `oauth_client_rsa_public_key`.",
		Validators:          []validator.String{rsaPublicKeyValidator}}
	attrs["oauth_client_rsa_public_key_fp"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "Fingerprint (`SHA256:...`) of `oauth_client_rsa_public_key`; `\"\"` without a key."}
	attrs["oauth_client_rsa_public_key_2_fp"] = schema.StringAttribute{Computed: true,
		MarkdownDescription: "Fingerprint of `oauth_client_rsa_public_key_2`; `\"\"` without a key."}
	for name, a := range newerCustomAttributes() {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{
		Blocks:              common.TimeoutsBlocks(ctx),
		MarkdownDescription: "A Snowflake OAuth security integration for a custom client (`OAUTH_CLIENT = CUSTOM`): notebooks, internal tools and other apps that sign users in with Snowflake OAuth. Read the client secrets with the `snowflakeoauth_client_secrets` ephemeral resource or data source. " + createNote,
		Attributes:          attrs,
	}
}

// newerCustomAttributes are the custom-client parameters Snowflake added last (OAUTH_ANY_ROLE_MODE,
// OAUTH_ENABLE_ROLE_SELECTION, IS_AGENTIC, USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT). Each has
// Snowflake's documented default, is sent only when configured or changed, and keeps its state value
// on an account whose DESCRIBE does not show it (FIDELITY.md, "Newer custom-client parameters").
func newerCustomAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"oauth_any_role_mode": schema.StringAttribute{Optional: true, Computed: true,
			Default: stringdefault.StaticString(snowflake.AnyRoleModeDisable),
			MarkdownDescription: "Whether an OAuth session may switch to any role the user has (`USE ROLE`) when the client requests the `session:role-any` scope: " +
				"`DISABLE` (the scope is refused), `ENABLE`, or `ENABLE_FOR_PRIVILEGE` (only users whose role holds `USE_ANY_ROLE` on the integration). Snowflake preview feature. Default: `DISABLE`." + absentRowNote,
			Validators: []validator.String{stringvalidator.OneOf(snowflake.AnyRoleModeDisable, snowflake.AnyRoleModeEnable, snowflake.AnyRoleModeEnableForPrivilege)}},
		"oauth_enable_role_selection": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether users choose the session's roles on the consent page when the client asks for no `session:role:` scope. Snowflake preview feature. Default: `false`." + absentRowNote},
		"is_agentic": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether sessions of this integration are agent sessions (`IS_AGENT_ACTIVATED()` is true in them). Removing it from the configuration unsets it. Default: `false`." + absentRowNote},
		"use_privatelink_for_authorization_endpoint": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "Whether the user's sign-in at the authorization endpoint goes over private connectivity (the client's own calls stay public). Default: `false`." + absentRowNote},
	}
}

func (r *customClientIntegrationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	m, ok := common.GetModel[customClientIntegrationModel](ctx, req.Config, &resp.Diagnostics)
	if !ok {
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
	for key, fp := range map[string]string{
		"oauth_client_rsa_public_key":   "oauth_client_rsa_public_key_fp",
		"oauth_client_rsa_public_key_2": "oauth_client_rsa_public_key_2_fp",
	} {
		var k types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(key), &k)...)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(fp), plannedFingerprint(k))...)
	}
	integPlanEffectiveBlocked(ctx, req, resp)
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

// properties is the SET/UNSET from state to m (the CREATE properties when state is nil; m is then the
// configuration, so only configured attributes are sent).
func (m *customClientIntegrationModel) properties(ctx context.Context, state *customClientIntegrationModel) (snowflake.IntegrationProperties, []snowflake.IntegrationProperty, diag.Diagnostics) {
	p, unset, diags := m.integrationCommon.properties(ctx, stateCommon(state))
	var s customClientIntegrationModel
	if state != nil {
		s = *state
	}
	create := state == nil
	if (create || !m.RedirectURI.Equal(s.RedirectURI)) && !m.RedirectURI.IsNull() {
		p.RedirectURI = m.RedirectURI.ValueStringPointer()
	}
	if create && len(m.AlternateRedirectURIs.Elements()) > 0 || !create && !m.AlternateRedirectURIs.Equal(s.AlternateRedirectURIs) {
		p.AlternateRedirectURIs = integStringsAt(ctx, m.AlternateRedirectURIs, "oauth_alternate_redirect_uris", &diags)
	}
	changedBool := func(plan, prior types.Bool) *bool {
		if plan.IsUnknown() || create && plan.IsNull() || !create && plan.Equal(prior) {
			return nil
		}
		return plan.ValueBoolPointer()
	}
	p.AllowNonTLSRedirectURI = changedBool(m.AllowNonTLS, s.AllowNonTLS)
	p.EnforcePKCE = changedBool(m.EnforcePKCE, s.EnforcePKCE)
	p.EnableRoleSelection = changedBool(m.EnableRoleSelection, s.EnableRoleSelection)
	p.UsePrivatelinkForAuthEndpoint = changedBool(m.UsePrivatelink, s.UsePrivatelink)
	if v := changedBool(m.IsAgentic, s.IsAgentic); v != nil {
		// IS_AGENTIC is one of the few properties Snowflake can UNSET; false is its default.
		if *v || create {
			p.IsAgentic = v
		} else {
			unset = append(unset, snowflake.PropIsAgentic)
		}
	}
	if !m.AnyRoleMode.IsNull() && !m.AnyRoleMode.IsUnknown() && (create || !m.AnyRoleMode.Equal(s.AnyRoleMode)) {
		p.AnyRoleMode = m.AnyRoleMode.ValueStringPointer()
	}
	if integRoleSetChanged(ctx, m.PreAuthorizedRoles, s.PreAuthorizedRoles, create) {
		p.PreAuthorizedRoles = integRolesAt(ctx, m.PreAuthorizedRoles, "pre_authorized_roles_list", &diags)
	}
	m.keyProperties(s, create, &p, &unset)
	return p, unset, diags
}

// keyProperties sets or unsets the RSA keys that changed. Keys are compared by their base64 body, so
// a PEM and its body are the same key and re-spelling one sends nothing.
func (m *customClientIntegrationModel) keyProperties(s customClientIntegrationModel, create bool, p *snowflake.IntegrationProperties, unset *[]snowflake.IntegrationProperty) {
	for _, k := range []struct {
		plan, state types.String
		set         **string
		prop        snowflake.IntegrationProperty
	}{
		{m.RSAPublicKey, s.RSAPublicKey, &p.RSAPublicKey, snowflake.PropRSAPublicKey},
		{m.RSAPublicKey2, s.RSAPublicKey2, &p.RSAPublicKey2, snowflake.PropRSAPublicKey2},
	} {
		if k.plan.IsUnknown() || !create && sameRSAKey(k.plan, k.state) {
			continue
		}
		if k.plan.IsNull() {
			if !create {
				*unset = append(*unset, k.prop)
			}
			continue
		}
		body := snowflake.RSAPublicKeyBody(k.plan.ValueString())
		*k.set = &body
	}
}

// sameRSAKey reports whether two key attributes denote the same key (both null, or equal bodies).
func sameRSAKey(a, b types.String) bool {
	if a.IsNull() || b.IsNull() {
		return a.IsNull() && b.IsNull()
	}
	return snowflake.RSAPublicKeyBody(a.ValueString()) == snowflake.RSAPublicKeyBody(b.ValueString())
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
	state, ok := common.GetModel[customClientIntegrationModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	d, blocked := integRead(ctx, r.Client, state.Name.Identifier(), false, resp)
	if d == nil {
		return
	}
	state.applyDescription(ctx, d, blocked)
	state.applyCustomDescription(ctx, d)
	state.RSAPublicKey = keyFromFingerprint(state.RSAPublicKey, d.RSAPublicKeyFP)
	state.RSAPublicKey2 = keyFromFingerprint(state.RSAPublicKey2, d.RSAPublicKey2FP)
	state.RSAPublicKeyFP = types.StringValue(d.RSAPublicKeyFP)
	state.RSAPublicKey2FP = types.StringValue(d.RSAPublicKey2FP)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// applyCustomDescription refreshes the custom-client attributes from d; a property without a DESCRIBE
// row keeps its prior value (or its default after an import), as in applyDescription.
func (m *customClientIntegrationModel) applyCustomDescription(ctx context.Context, d *snowflake.IntegrationDescription) {
	m.ClientType = integReadString(d, snowflake.PropOAuthClientType, d.OAuthClientType, m.ClientType, snowflake.ClientTypeConfidential)
	if d.Has(snowflake.PropRedirectURI) {
		m.RedirectURI = types.StringValue(d.RedirectURI)
		if d.RedirectURI == "" {
			m.RedirectURI = types.StringNull()
		}
	}
	if d.Has(snowflake.PropAlternateRedirectURIs) || m.AlternateRedirectURIs.IsNull() {
		m.AlternateRedirectURIs = integrationStringSet(d.AlternateRedirectURIs)
	}
	m.AllowNonTLS = integReadBool(d, snowflake.PropAllowNonTLSRedirectURI, d.AllowNonTLSRedirectURI, m.AllowNonTLS, false)
	m.EnforcePKCE = integReadBool(d, snowflake.PropEnforcePKCE, d.EnforcePKCE, m.EnforcePKCE, false)
	if d.Has(snowflake.PropPreAuthorizedRolesList) || m.PreAuthorizedRoles.IsNull() {
		m.PreAuthorizedRoles = common.KeepIdentifierSet(ctx, m.PreAuthorizedRoles, d.PreAuthorizedRoles)
	}
	mode := strings.ToUpper(d.AnyRoleMode)
	m.AnyRoleMode = integReadString(d, snowflake.PropAnyRoleMode, mode, m.AnyRoleMode, snowflake.AnyRoleModeDisable)
	m.EnableRoleSelection = integReadBool(d, snowflake.PropEnableRoleSelection, d.EnableRoleSelection, m.EnableRoleSelection, false)
	m.IsAgentic = integReadBool(d, snowflake.PropIsAgentic, d.IsAgentic, m.IsAgentic, false)
	m.UsePrivatelink = integReadBool(d, snowflake.PropUsePrivatelinkForAuthEndpoint, d.UsePrivatelinkForAuthEndpoint, m.UsePrivatelink, false)
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
