package engine

import (
	"time"
)

// catalog is the whole account state. It is plain data so that Snapshot can serialise it as JSON.
// Every map is keyed by the stored (resolved) object name.
type catalog struct {
	Integrations    map[string]*Integration   `json:"integrations"`
	NetworkPolicies map[string]*NetworkPolicy `json:"network_policies"`
	Users           map[string]*User          `json:"users"`
	Roles           map[string]*Role          `json:"roles"`
	Delegated       []*DelegatedAuthorization `json:"delegated_authorizations"`
	// AccountParams holds explicitly set account parameters (absent = default).
	AccountParams map[string]string `json:"account_params"`
	// AccountNetworkPolicy is the policy set with ALTER ACCOUNT SET NETWORK_POLICY ("" = none).
	AccountNetworkPolicy string `json:"account_network_policy,omitempty"`
	// Databases hold the schemas that network rules live in.
	Databases map[string]*Database `json:"databases"`
	// NetworkRules are keyed by their qualified name as policies reference it (qualified()).
	NetworkRules map[string]*NetworkRule `json:"network_rules"`
}

// Integration is a Snowflake OAuth security integration (custom or partner client).
type Integration struct {
	Name      string    `json:"name"`
	Client    string    `json:"client"` // CUSTOM, TABLEAU_DESKTOP, TABLEAU_SERVER, LOOKER
	CreatedOn time.Time `json:"created_on"`
	Owner     string    `json:"owner"`
	// Props holds scalar properties by DESCRIBE name, in DESCRIBE's string form (true/false, digits).
	Props map[string]string `json:"props"`
	// Lists holds list properties (role lists as stored role names, redirect URIs as given).
	Lists         map[string][]string `json:"lists"`
	Comment       *string             `json:"comment,omitempty"`
	ClientID      string              `json:"client_id"`
	ClientSecret  string              `json:"client_secret"`
	ClientSecret2 string              `json:"client_secret_2"`
}

// NetworkPolicy is a Snowflake network policy.
type NetworkPolicy struct {
	Name                   string    `json:"name"`
	CreatedOn              time.Time `json:"created_on"`
	Owner                  string    `json:"owner"`
	AllowedIPList          []string  `json:"allowed_ip_list"`
	BlockedIPList          []string  `json:"blocked_ip_list"`
	AllowedNetworkRuleList []string  `json:"allowed_network_rule_list"`
	BlockedNetworkRuleList []string  `json:"blocked_network_rule_list"`
	Comment                *string   `json:"comment,omitempty"`
}

// Empty reports whether the policy has no entries at all (it then cannot be active).
func (n *NetworkPolicy) Empty() bool {
	return len(n.AllowedIPList)+len(n.BlockedIPList)+len(n.AllowedNetworkRuleList)+len(n.BlockedNetworkRuleList) == 0
}

// User is a Snowflake user.
type User struct {
	Name          string    `json:"name"`
	LoginName     string    `json:"login_name"`
	CreatedOn     time.Time `json:"created_on"`
	Password      string    `json:"password,omitempty"`
	DefaultRole   string    `json:"default_role,omitempty"`
	RSAPublicKey  string    `json:"rsa_public_key,omitempty"`
	RSAPublicKey2 string    `json:"rsa_public_key_2,omitempty"`
	Disabled      bool      `json:"disabled,omitempty"`
	NetworkPolicy string    `json:"network_policy,omitempty"`
	Comment       *string   `json:"comment,omitempty"`
	Owner         string    `json:"owner"`
	// Roles granted directly to the user (PUBLIC is implicit).
	Roles []string `json:"roles"`
}

// Role is a Snowflake account role. Granted lists the roles granted to this role (its children in the
// hierarchy: a role inherits the privileges of every role granted to it).
type Role struct {
	Name      string    `json:"name"`
	CreatedOn time.Time `json:"created_on"`
	Owner     string    `json:"owner"`
	Comment   *string   `json:"comment,omitempty"`
	Granted   []string  `json:"granted"`
}

// DelegatedAuthorization is a user's pre-granted consent of a role to an integration.
type DelegatedAuthorization struct {
	CreatedOn   time.Time `json:"created_on"`
	User        string    `json:"user"`
	Role        string    `json:"role"`
	Integration string    `json:"integration"`
}

// System roles and their hierarchy as Snowflake bootstraps an account.
const (
	roleAccountAdmin  = "ACCOUNTADMIN"
	roleSecurityAdmin = "SECURITYADMIN"
	roleUserAdmin     = "USERADMIN"
	roleSysAdmin      = "SYSADMIN"
	roleOrgAdmin      = "ORGADMIN"
	rolePublic        = "PUBLIC"
)

func newCatalog(now time.Time, adminUser, adminPassword string) *catalog {
	c := &catalog{
		Integrations:    map[string]*Integration{},
		NetworkPolicies: map[string]*NetworkPolicy{},
		Users:           map[string]*User{},
		Roles:           map[string]*Role{},
		AccountParams:   map[string]string{},
		Databases:       map[string]*Database{},
		NetworkRules:    map[string]*NetworkRule{},
	}
	sys := map[string][]string{
		roleAccountAdmin:  {roleSecurityAdmin, roleSysAdmin},
		roleSecurityAdmin: {roleUserAdmin},
		roleUserAdmin:     {rolePublic},
		roleSysAdmin:      {rolePublic},
		roleOrgAdmin:      {rolePublic},
		rolePublic:        nil,
	}
	for name, granted := range sys {
		c.Roles[name] = &Role{Name: name, CreatedOn: now, Owner: "", Granted: append([]string(nil), granted...)}
	}
	c.ensureLocalApplication(now)
	c.Users[adminUser] = &User{
		Name: adminUser, LoginName: adminUser, CreatedOn: now, Password: adminPassword,
		DefaultRole: roleAccountAdmin, Roles: []string{roleAccountAdmin, roleOrgAdmin}, Owner: roleAccountAdmin,
	}
	return c
}

// roleClosure returns role and every role it inherits, transitively.
func (c *catalog) roleClosure(role string) map[string]bool {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(r string) {
		if seen[r] {
			return
		}
		seen[r] = true
		if def, ok := c.Roles[r]; ok {
			for _, g := range def.Granted {
				walk(g)
			}
		}
	}
	walk(role)
	seen[rolePublic] = true
	return seen
}

// userHasRole reports whether role is granted to the user directly or through the hierarchy.
func (c *catalog) userHasRole(user, role string) bool {
	u, ok := c.Users[user]
	if !ok {
		return false
	}
	if role == rolePublic {
		return true
	}
	for _, r := range u.Roles {
		if c.roleClosure(r)[role] {
			return true
		}
	}
	return false
}

// roleIncludes reports whether the session's current role is target or inherits it (e.g. ACCOUNTADMIN
// includes SECURITYADMIN).
func (c *catalog) roleIncludes(current, target string) bool { return c.roleClosure(current)[target] }

// grantsRoleTo reports whether making parent inherit child would create a cycle.
func (c *catalog) wouldCycle(parent, child string) bool { return c.roleClosure(child)[parent] }
