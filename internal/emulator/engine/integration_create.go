package engine

import "strings"

// createIntegration handles
//
//	CREATE [OR REPLACE] SECURITY INTEGRATION [IF NOT EXISTS] <name> TYPE = OAUTH
//	  OAUTH_CLIENT = CUSTOM|TABLEAU_DESKTOP|TABLEAU_SERVER|LOOKER <NAME = value ...>
//
// TYPE and OAUTH_CLIENT come first, as in Snowflake's grammar; the properties follow, separated by
// whitespace or commas.
func createIntegration(x *execCtx) (*Result, *SQLError) {
	p, orReplace := x.p, x.orReplace
	ifNotExists, err := parseIfNotExists(p, orReplace)
	if err != nil {
		return nil, err
	}
	name, client, err := parseIntegrationHead(p)
	if err != nil {
		return nil, err
	}
	assigns, err := readAssignments(p, client, true)
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	old, exists := x.cat.Integrations[name]
	if res, err := x.accountCreateGate(roleAccountAdmin, name, exists, ifNotExists, orReplace); res != nil || err != nil {
		return res, err
	}
	if exists {
		if old.Client == clientLocal {
			return nil, errSystemIntegration()
		}
		if !x.cat.roleIncludes(x.s.Role, old.Owner) {
			return nil, errPrivileges("integration", name)
		}
	}
	if err := checkAssignments(x, client, assigns); err != nil {
		return nil, err
	}
	if missing := missingOptions(client, assigns); len(missing) > 0 {
		return nil, errMissingOption(strings.Join(missing, ", "))
	}
	in := newIntegration(name, client, x.s.Role, x)
	for _, a := range assigns {
		a.def.apply(in, a.v)
	}
	if err := validateIntegration(in); err != nil {
		return nil, err
	}
	in.ClientID = newClientID(x.cat)
	in.ClientSecret, in.ClientSecret2 = newClientSecret(), newClientSecret()

	// OR REPLACE drops the old object, and with it every consent given to it.
	dropDelegations(x.cat, name)
	x.cat.Integrations[name] = in
	return x.created("Integration", name), nil
}

// parseIntegrationHead reads `<name> TYPE = OAUTH OAUTH_CLIENT = <client>`. Other integration types
// (SAML2, SCIM, EXTERNAL_OAUTH, ...) are outside the emulator.
func parseIntegrationHead(p *parser) (name, client string, err *SQLError) {
	if name, err = p.identifier(); err != nil {
		return "", "", err
	}
	for _, kw := range []string{"TYPE", "=", "OAUTH", "OAUTH_CLIENT", "="} {
		if kw == "=" {
			err = p.expectEquals()
		} else {
			err = p.expectKeyword(kw)
		}
		if err != nil {
			return "", "", err
		}
	}
	if t := p.peek(); t.Kind != tokIdent || !clientKinds[t.Value] {
		return "", "", p.unexpected()
	}
	return name, p.next().Value, nil
}

// missingOptions lists the required properties a CREATE lacks: OAUTH_CLIENT_TYPE and
// OAUTH_REDIRECT_URI for custom clients, OAUTH_REDIRECT_URI for Looker.
func missingOptions(client string, assigns []propAssign) []string {
	var required []string
	switch client {
	case clientCustom:
		required = []string{"OAUTH_CLIENT_TYPE", "OAUTH_REDIRECT_URI"}
	case clientLooker:
		required = []string{"OAUTH_REDIRECT_URI"}
	}
	var missing []string
	for _, r := range required {
		found := false
		for _, a := range assigns {
			found = found || a.def.name == r
		}
		if !found {
			missing = append(missing, r)
		}
	}
	return missing
}
