package snowflake

import (
	"slices"
	"strings"
)

// CustomClientOptions configure CREATE SECURITY INTEGRATION ... OAUTH_CLIENT = CUSTOM.
type CustomClientOptions struct {
	ClientType string // ClientTypeConfidential | ClientTypePublic; required, emitted as a string
	IntegrationProperties
}

// PartnerClientOptions configure CREATE SECURITY INTEGRATION ... OAUTH_CLIENT = <partner>.
type PartnerClientOptions struct {
	Client string // OAuthClientTableauDesktop | OAuthClientTableauServer | OAuthClientLooker
	IntegrationProperties
}

// Secret names one of an integration's two client secrets.
type Secret string

// The two client secrets; REFRESH of one leaves the other valid, for rotation without a gap.
const (
	SecretPrimary   Secret = "OAUTH_CLIENT_SECRET"
	SecretSecondary Secret = "OAUTH_CLIENT_SECRET_2"
)

// CreateCustomIntegrationSQL: properties separated by spaces, as CREATE requires.
func CreateCustomIntegrationSQL(name Identifier, o CustomClientOptions) string {
	parts := []string{
		"CREATE SECURITY INTEGRATION", name.SQL(), "TYPE = OAUTH OAUTH_CLIENT = CUSTOM",
		"OAUTH_CLIENT_TYPE = " + Literal(strings.ToUpper(o.ClientType)),
	}
	parts = append(parts, o.assignments()...)
	return strings.Join(parts, " ")
}

// CreatePartnerIntegrationSQL builds the CREATE for Tableau Desktop, Tableau Server (Cloud) or Looker.
func CreatePartnerIntegrationSQL(name Identifier, o PartnerClientOptions) string {
	parts := []string{"CREATE SECURITY INTEGRATION", name.SQL(), "TYPE = OAUTH OAUTH_CLIENT = " + keyword(o.Client)}
	parts = append(parts, o.assignments()...)
	return strings.Join(parts, " ")
}

// AlterIntegrationSetSQL returns ALTER ... SET with comma-separated assignments, or "" when p is empty.
func AlterIntegrationSetSQL(name Identifier, p IntegrationProperties) string {
	return alterSQL("SECURITY INTEGRATION "+name.SQL(), "SET", p.assignments(), ", ")
}

// AlterIntegrationUnsetSQL returns ALTER ... UNSET a, b, or "" when there is nothing to unset.
// NETWORK_POLICY is dropped from the list: the binding resource alone owns it
// (AlterIntegrationUnsetNetworkPolicySQL).
func AlterIntegrationUnsetSQL(name Identifier, props ...IntegrationProperty) string {
	kept := slices.DeleteFunc(slices.Clone(props), func(p IntegrationProperty) bool {
		return strings.EqualFold(string(p), string(PropNetworkPolicy))
	})
	return alterSQL("SECURITY INTEGRATION "+name.SQL(), "UNSET", keywords(kept), ", ")
}

// AlterIntegrationRefreshSecretSQL regenerates one client secret.
func AlterIntegrationRefreshSecretSQL(name Identifier, s Secret) string {
	return "ALTER SECURITY INTEGRATION " + name.SQL() + " REFRESH " + keyword(string(s))
}

// AlterIntegrationSetNetworkPolicySQL binds a policy. The value is a string holding the quoted
// identifier ('"office_np"'), which Snowflake resolves to the exact stored name; a bare double-quoted
// identifier loses its case in Snowflake (the official provider's bug #3229).
func AlterIntegrationSetNetworkPolicySQL(name, policy Identifier) string {
	return "ALTER SECURITY INTEGRATION " + name.SQL() + " SET NETWORK_POLICY = " + Literal(policy.SQL())
}

// AlterIntegrationUnsetNetworkPolicySQL detaches the integration's network policy.
func AlterIntegrationUnsetNetworkPolicySQL(name Identifier) string {
	return "ALTER SECURITY INTEGRATION " + name.SQL() + " UNSET NETWORK_POLICY"
}

// DescribeIntegrationSQL lists the integration's properties (one row each).
func DescribeIntegrationSQL(name Identifier) string {
	return "DESCRIBE SECURITY INTEGRATION " + name.SQL()
}

// DropIntegrationSQL drops the integration; absent is not an error.
func DropIntegrationSQL(name Identifier) string {
	return "DROP SECURITY INTEGRATION IF EXISTS " + name.SQL()
}

// ShowIntegrationsLikeSQL lists integrations whose name matches the exact name case-insensitively;
// callers compare the name column exactly.
func ShowIntegrationsLikeSQL(name Identifier) string {
	return "SHOW SECURITY INTEGRATIONS LIKE " + likeLiteral(name.Name())
}

// ShowClientSecretsSQL: the function takes the exact stored name as a plain string, not an identifier.
func ShowClientSecretsSQL(name Identifier) string {
	return "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS(" + Literal(name.Name()) + ")"
}

// RSAPublicKeyBody is the form Snowflake wants for OAUTH_CLIENT_RSA_PUBLIC_KEY: the base64 body of the
// key, without PEM armour lines and without whitespace (FIDELITY.md, "RSA public keys"). Anything
// that is not PEM is returned with its whitespace removed.
func RSAPublicKeyBody(key string) string {
	var b strings.Builder
	for _, line := range strings.Split(key, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "-----") {
			continue // BEGIN / END armour
		}
		b.WriteString(strings.Join(strings.Fields(line), ""))
	}
	return b.String()
}
