package snowflake

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Property is one DESCRIBE row.
type Property struct {
	Name    string // property
	Type    string // property_type: String, Boolean, Long (Integer before Aug 2025), List, Object
	Value   string // property_value; "" when unset
	Default string // property_default; "" when none
}

// IntegrationDescription is a parsed DESCRIBE SECURITY INTEGRATION. Typed fields hold the row's value;
// a row Snowflake did not return leaves the zero value (check Has). Names read back are exact stored
// names. Every row, known or not, is kept in Properties.
type IntegrationDescription struct {
	Name Identifier // the name described (DESCRIBE has no name row)
	// Kind is SHOW's `type` column (`OAUTH - CUSTOM`, `OAUTH - LOOKER`, ...). DESCRIBE does not return
	// it; it is set only by Client.LookupIntegration.
	Kind string

	OAuthClientType                string
	RedirectURI                    string
	Enabled                        bool
	AllowNonTLSRedirectURI         bool
	AlternateRedirectURIs          []string
	EnforcePKCE                    bool
	EnableRoleSelection            bool
	UseSecondaryRoles              string
	PreAuthorizedRoles             []Identifier
	AllowedRoles                   []Identifier
	BlockedRoles                   []Identifier // as Snowflake reports it, privileged roles included
	AnyRoleMode                    string
	IssueRefreshTokens             bool
	AccessTokenValidity            int64
	RefreshTokenValidity           int64
	SingleUseRefreshTokensRequired bool
	NetworkPolicy                  Identifier // zero when none is attached
	RSAPublicKeyFP                 string
	RSAPublicKey2FP                string
	IsAgentic                      bool
	UsePrivatelinkForAuthEndpoint  bool
	Comment                        string
	ClientID                       string
	AuthorizationEndpoint          string
	TokenEndpoint                  string
	AllowedAuthorizationEndpoints  []string
	AllowedTokenEndpoints          []string

	Properties map[string]Property
}

// Has reports whether DESCRIBE returned a row for the property.
func (d *IntegrationDescription) Has(p IntegrationProperty) bool {
	_, ok := d.Properties[string(p)]
	return ok
}

// OAuthClient is the client part of Kind (`CUSTOM`, `TABLEAU_DESKTOP`, ...), "" when Kind is unknown
// or not an OAuth integration.
func (d *IntegrationDescription) OAuthClient() string {
	rest, ok := strings.CutPrefix(d.Kind, "OAUTH - ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(rest)
}

// UnknownProperties lists, sorted, the rows this package has no typed field for.
func (d *IntegrationDescription) UnknownProperties() []string {
	var out []string
	for name := range d.Properties {
		if _, ok := integrationFields[IntegrationProperty(name)]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// integrationFields maps each known DESCRIBE row to a setter. A setter gets the row and returns an
// error only for a value that cannot be read as its type.
var integrationFields = map[IntegrationProperty]setter{
	PropOAuthClientType:                strField(func(d *IntegrationDescription) *string { return &d.OAuthClientType }),
	PropRedirectURI:                    strField(func(d *IntegrationDescription) *string { return &d.RedirectURI }),
	PropEnabled:                        boolField(func(d *IntegrationDescription) *bool { return &d.Enabled }),
	PropAllowNonTLSRedirectURI:         boolField(func(d *IntegrationDescription) *bool { return &d.AllowNonTLSRedirectURI }),
	PropAlternateRedirectURIs:          listField(func(d *IntegrationDescription) *[]string { return &d.AlternateRedirectURIs }),
	PropEnforcePKCE:                    boolField(func(d *IntegrationDescription) *bool { return &d.EnforcePKCE }),
	PropEnableRoleSelection:            boolField(func(d *IntegrationDescription) *bool { return &d.EnableRoleSelection }),
	PropUseSecondaryRoles:              strField(func(d *IntegrationDescription) *string { return &d.UseSecondaryRoles }),
	PropPreAuthorizedRolesList:         roleField(func(d *IntegrationDescription) *[]Identifier { return &d.PreAuthorizedRoles }),
	PropAllowedRolesList:               roleField(func(d *IntegrationDescription) *[]Identifier { return &d.AllowedRoles }),
	PropBlockedRolesList:               roleField(func(d *IntegrationDescription) *[]Identifier { return &d.BlockedRoles }),
	PropAnyRoleMode:                    strField(func(d *IntegrationDescription) *string { return &d.AnyRoleMode }),
	PropIssueRefreshTokens:             boolField(func(d *IntegrationDescription) *bool { return &d.IssueRefreshTokens }),
	PropAccessTokenValidity:            intField(func(d *IntegrationDescription) *int64 { return &d.AccessTokenValidity }),
	PropRefreshTokenValidity:           intField(func(d *IntegrationDescription) *int64 { return &d.RefreshTokenValidity }),
	PropSingleUseRefreshTokensRequired: boolField(func(d *IntegrationDescription) *bool { return &d.SingleUseRefreshTokensRequired }),
	PropNetworkPolicy:                  identField(func(d *IntegrationDescription) *Identifier { return &d.NetworkPolicy }),
	PropRSAPublicKeyFP:                 strField(func(d *IntegrationDescription) *string { return &d.RSAPublicKeyFP }),
	PropRSAPublicKey2FP:                strField(func(d *IntegrationDescription) *string { return &d.RSAPublicKey2FP }),
	PropIsAgentic:                      boolField(func(d *IntegrationDescription) *bool { return &d.IsAgentic }),
	PropUsePrivatelinkForAuthEndpoint:  boolField(func(d *IntegrationDescription) *bool { return &d.UsePrivatelinkForAuthEndpoint }),
	PropComment:                        strField(func(d *IntegrationDescription) *string { return &d.Comment }),
	PropClientID:                       strField(func(d *IntegrationDescription) *string { return &d.ClientID }),
	PropAuthorizationEndpoint:          strField(func(d *IntegrationDescription) *string { return &d.AuthorizationEndpoint }),
	PropTokenEndpoint:                  strField(func(d *IntegrationDescription) *string { return &d.TokenEndpoint }),
	PropAllowedAuthorizationEndpoints:  listField(func(d *IntegrationDescription) *[]string { return &d.AllowedAuthorizationEndpoints }),
	PropAllowedTokenEndpoints:          listField(func(d *IntegrationDescription) *[]string { return &d.AllowedTokenEndpoints }),
}

type setter = func(*IntegrationDescription, Property) error

func strField(field func(*IntegrationDescription) *string) setter {
	return func(d *IntegrationDescription, p Property) error { *field(d) = p.Value; return nil }
}

func listField(field func(*IntegrationDescription) *[]string) setter {
	return func(d *IntegrationDescription, p Property) error { *field(d) = splitList(p.Value); return nil }
}

func roleField(field func(*IntegrationDescription) *[]Identifier) setter {
	return func(d *IntegrationDescription, p Property) error { *field(d) = splitRoleList(p.Value); return nil }
}

// identField reads a stored object name; "" (nothing attached) gives the zero Identifier.
func identField(field func(*IntegrationDescription) *Identifier) setter {
	return func(d *IntegrationDescription, p Property) error { *field(d) = NewIdentifier(p.Value); return nil }
}

// scalarValue is the row's value, or its default when the value is empty (a scalar never reads as "").
func scalarValue(p Property) string {
	if v := strings.TrimSpace(p.Value); v != "" {
		return v
	}
	return strings.TrimSpace(p.Default)
}

func boolField(field func(*IntegrationDescription) *bool) setter {
	return func(d *IntegrationDescription, p Property) error {
		v := scalarValue(p)
		if v == "" {
			return nil
		}
		b, err := parseBool(v)
		if err != nil {
			return err
		}
		*field(d) = b
		return nil
	}
}

func intField(field func(*IntegrationDescription) *int64) setter {
	return func(d *IntegrationDescription, p Property) error {
		v := scalarValue(p)
		if v == "" {
			return nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("invalid integer %q", v)
		}
		*field(d) = n
		return nil
	}
}

// parseIntegrationDescription reads DESCRIBE SECURITY INTEGRATION output by column name.
func parseIntegrationDescription(name Identifier, t table) (*IntegrationDescription, error) {
	const what = "DESCRIBE SECURITY INTEGRATION"
	if err := t.requireColumns(what, "property", "property_value"); err != nil {
		return nil, err
	}
	d := &IntegrationDescription{
		Name:                          name,
		AlternateRedirectURIs:         []string{},
		PreAuthorizedRoles:            []Identifier{},
		AllowedRoles:                  []Identifier{},
		BlockedRoles:                  []Identifier{},
		AllowedAuthorizationEndpoints: []string{},
		AllowedTokenEndpoints:         []string{},
		Properties:                    map[string]Property{},
	}
	for _, r := range t.records() {
		p := Property{Name: strings.ToUpper(r.str("property")), Type: r.str("property_type"), Value: r.str("property_value"), Default: r.str("property_default")}
		d.Properties[p.Name] = p
		if set, ok := integrationFields[IntegrationProperty(p.Name)]; ok {
			if err := set(d, p); err != nil {
				return nil, fmt.Errorf("%s %s: property %s: %w", what, name, p.Name, err)
			}
		}
	}
	return d, nil
}

// IntegrationSummary is one row of SHOW SECURITY INTEGRATIONS.
type IntegrationSummary struct {
	Name      Identifier
	Type      string // `OAUTH - CUSTOM`, `OAUTH - TABLEAU_DESKTOP`, ...
	Category  string
	Enabled   bool
	Comment   string // "" when NULL
	CreatedOn time.Time
}

func parseIntegrationSummaries(t table) ([]IntegrationSummary, error) {
	const what = "SHOW SECURITY INTEGRATIONS"
	if err := t.requireColumns(what, "name", "type"); err != nil {
		return nil, err
	}
	var out []IntegrationSummary
	for _, r := range t.records() {
		enabled, err := r.boolean("enabled")
		if err != nil {
			return nil, fmt.Errorf("%s: column enabled: %w", what, err)
		}
		created, err := r.timestamp("created_on")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, IntegrationSummary{
			Name:      NewIdentifier(r.str("name")),
			Type:      r.str("type"),
			Category:  r.str("category"),
			Enabled:   enabled,
			Comment:   r.str("comment"),
			CreatedOn: created,
		})
	}
	return out, nil
}
