package snowflake

// IntegrationProperty is the name of a security-integration property, as used in SET/UNSET and as the
// `property` column of DESCRIBE SECURITY INTEGRATION.
type IntegrationProperty string

// Properties of OAuth security integrations (internal/emulator/FIDELITY.md, "CREATE SECURITY INTEGRATION").
const (
	PropOAuthClientType                IntegrationProperty = "OAUTH_CLIENT_TYPE"
	PropRedirectURI                    IntegrationProperty = "OAUTH_REDIRECT_URI"
	PropEnabled                        IntegrationProperty = "ENABLED"
	PropAllowNonTLSRedirectURI         IntegrationProperty = "OAUTH_ALLOW_NON_TLS_REDIRECT_URI"
	PropAlternateRedirectURIs          IntegrationProperty = "OAUTH_ALTERNATE_REDIRECT_URIS"
	PropEnforcePKCE                    IntegrationProperty = "OAUTH_ENFORCE_PKCE"
	PropEnableRoleSelection            IntegrationProperty = "OAUTH_ENABLE_ROLE_SELECTION"
	PropUseSecondaryRoles              IntegrationProperty = "OAUTH_USE_SECONDARY_ROLES"
	PropPreAuthorizedRolesList         IntegrationProperty = "PRE_AUTHORIZED_ROLES_LIST"
	PropAllowedRolesList               IntegrationProperty = "ALLOWED_ROLES_LIST"
	PropBlockedRolesList               IntegrationProperty = "BLOCKED_ROLES_LIST"
	PropAnyRoleMode                    IntegrationProperty = "OAUTH_ANY_ROLE_MODE"
	PropIssueRefreshTokens             IntegrationProperty = "OAUTH_ISSUE_REFRESH_TOKENS"
	PropAccessTokenValidity            IntegrationProperty = "OAUTH_ACCESS_TOKEN_VALIDITY"
	PropRefreshTokenValidity           IntegrationProperty = "OAUTH_REFRESH_TOKEN_VALIDITY"
	PropSingleUseRefreshTokensRequired IntegrationProperty = "OAUTH_SINGLE_USE_REFRESH_TOKENS_REQUIRED"
	PropNetworkPolicy                  IntegrationProperty = "NETWORK_POLICY"
	PropRSAPublicKey                   IntegrationProperty = "OAUTH_CLIENT_RSA_PUBLIC_KEY"
	PropRSAPublicKey2                  IntegrationProperty = "OAUTH_CLIENT_RSA_PUBLIC_KEY_2"
	PropRSAPublicKeyFP                 IntegrationProperty = "OAUTH_CLIENT_RSA_PUBLIC_KEY_FP"
	PropRSAPublicKey2FP                IntegrationProperty = "OAUTH_CLIENT_RSA_PUBLIC_KEY_2_FP"
	PropIsAgentic                      IntegrationProperty = "IS_AGENTIC"
	PropUsePrivatelinkForAuthEndpoint  IntegrationProperty = "USE_PRIVATELINK_FOR_AUTHORIZATION_ENDPOINT"
	PropComment                        IntegrationProperty = "COMMENT"
	PropClientID                       IntegrationProperty = "OAUTH_CLIENT_ID"
	PropAuthorizationEndpoint          IntegrationProperty = "OAUTH_AUTHORIZATION_ENDPOINT"
	PropTokenEndpoint                  IntegrationProperty = "OAUTH_TOKEN_ENDPOINT"
	PropAllowedAuthorizationEndpoints  IntegrationProperty = "OAUTH_ALLOWED_AUTHORIZATION_ENDPOINTS"
	PropAllowedTokenEndpoints          IntegrationProperty = "OAUTH_ALLOWED_TOKEN_ENDPOINTS"
)

// Enum values. They are emitted as bare words except OAUTH_CLIENT_TYPE, which is a string.
const (
	ClientTypeConfidential = "CONFIDENTIAL"
	ClientTypePublic       = "PUBLIC"

	OAuthClientCustom         = "CUSTOM"
	OAuthClientTableauDesktop = "TABLEAU_DESKTOP"
	OAuthClientTableauServer  = "TABLEAU_SERVER"
	OAuthClientLooker         = "LOOKER"

	SecondaryRolesImplicit = "IMPLICIT"
	SecondaryRolesNone     = "NONE"

	AnyRoleModeDisable            = "DISABLE"
	AnyRoleModeEnable             = "ENABLE"
	AnyRoleModeEnableForPrivilege = "ENABLE_FOR_PRIVILEGE"
)

// IntegrationProperties are the settable properties of an OAuth integration, used by CREATE and by
// ALTER ... SET. A nil pointer or a nil slice is left out; a non-nil empty slice is emitted as `()`,
// which clears the list. NETWORK_POLICY is deliberately absent: only the binding resource sets it.
// Which properties a client kind accepts is the resource's concern; the builders emit what is set.
type IntegrationProperties struct {
	RedirectURI                    *string
	Enabled                        *bool
	AllowNonTLSRedirectURI         *bool
	AlternateRedirectURIs          []string
	EnforcePKCE                    *bool
	EnableRoleSelection            *bool
	UseSecondaryRoles              *string // SecondaryRolesImplicit | SecondaryRolesNone
	PreAuthorizedRoles             []Identifier
	AllowedRoles                   []Identifier
	BlockedRoles                   []Identifier
	AnyRoleMode                    *string // AnyRoleMode*
	IssueRefreshTokens             *bool
	AccessTokenValidity            *int64
	RefreshTokenValidity           *int64
	SingleUseRefreshTokensRequired *bool
	RSAPublicKey                   *string
	RSAPublicKey2                  *string
	IsAgentic                      *bool
	UsePrivatelinkForAuthEndpoint  *bool
	Comment                        *string
}

// assignments renders `NAME = value` for every set field, in the sheet's order: one line per
// property, so adding a property is one more line here, next to its neighbours.
func (p IntegrationProperties) assignments() []string {
	var a assignments
	assign(&a, PropRedirectURI, p.RedirectURI, Literal)
	assign(&a, PropEnabled, p.Enabled, boolSQL)
	assign(&a, PropAllowNonTLSRedirectURI, p.AllowNonTLSRedirectURI, boolSQL)
	assignList(&a, PropAlternateRedirectURIs, p.AlternateRedirectURIs, literalList)
	assign(&a, PropEnforcePKCE, p.EnforcePKCE, boolSQL)
	assign(&a, PropEnableRoleSelection, p.EnableRoleSelection, boolSQL)
	assign(&a, PropUseSecondaryRoles, p.UseSecondaryRoles, keyword)
	assignList(&a, PropPreAuthorizedRolesList, p.PreAuthorizedRoles, identList)
	assignList(&a, PropAllowedRolesList, p.AllowedRoles, identList)
	assignList(&a, PropBlockedRolesList, p.BlockedRoles, identList)
	assign(&a, PropAnyRoleMode, p.AnyRoleMode, keyword)
	assign(&a, PropIssueRefreshTokens, p.IssueRefreshTokens, boolSQL)
	assign(&a, PropAccessTokenValidity, p.AccessTokenValidity, intSQL)
	assign(&a, PropRefreshTokenValidity, p.RefreshTokenValidity, intSQL)
	assign(&a, PropSingleUseRefreshTokensRequired, p.SingleUseRefreshTokensRequired, boolSQL)
	assign(&a, PropRSAPublicKey, p.RSAPublicKey, rsaKeySQL)
	assign(&a, PropRSAPublicKey2, p.RSAPublicKey2, rsaKeySQL)
	assign(&a, PropIsAgentic, p.IsAgentic, boolSQL)
	assign(&a, PropUsePrivatelinkForAuthEndpoint, p.UsePrivatelinkForAuthEndpoint, boolSQL)
	assign(&a, PropComment, p.Comment, Literal)
	return a
}

// rsaKeySQL sends the base64 body of a PEM key, the only form Snowflake accepts.
func rsaKeySQL(key string) string { return Literal(RSAPublicKeyBody(key)) }

// IsEmpty reports whether no property is set.
func (p IntegrationProperties) IsEmpty() bool { return len(p.assignments()) == 0 }
