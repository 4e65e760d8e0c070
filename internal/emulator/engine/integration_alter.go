package engine

// alterIntegration handles
//
//	ALTER [SECURITY] INTEGRATION [IF EXISTS] <name> SET <NAME = value> [[,] ...]
//	ALTER [SECURITY] INTEGRATION [IF EXISTS] <name> UNSET <NAME> [, ...]
//	ALTER [SECURITY] INTEGRATION [IF EXISTS] <name> REFRESH OAUTH_CLIENT_SECRET | OAUTH_CLIENT_SECRET_2
//
// Every change is validated on a copy and committed only if the whole statement succeeds.
func alterIntegration(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseIfExistsName(p)
	if err != nil {
		return nil, err
	}
	cur := x.visibleIntegration(name)
	client := ""
	if cur != nil {
		client = cur.Client
	}
	change, err := parseIntegrationChange(x, client)
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	if cur == nil {
		if ifExists {
			return executedOK(), nil
		}
		return nil, errNotExist("Integration", name)
	}
	next := cloneIntegration(cur)
	if err := change(next); err != nil {
		return nil, err
	}
	if err := validateIntegration(next); err != nil {
		return nil, err
	}
	if next.Client == clientLocal && next.Props["ENABLED"] == "true" && x.cat.localAppDisabled() {
		return nil, errLocalAppOptedOut()
	}
	x.cat.Integrations[name] = next
	x.changed = true
	return executedOK(), nil
}

// parseIntegrationChange parses SET, UNSET or REFRESH for an integration of this client kind ("" when
// it does not exist) into the change it makes.
func parseIntegrationChange(x *execCtx, client string) (func(in *Integration) *SQLError, *SQLError) {
	p := x.p
	switch {
	case p.acceptKeyword("SET"):
		assigns, err := readAssignments(p, client, false)
		if err != nil {
			return nil, err
		}
		if len(assigns) == 0 {
			return nil, p.unexpected()
		}
		return func(in *Integration) *SQLError {
			if err := checkAssignments(x, client, assigns); err != nil {
				return err
			}
			for _, a := range assigns {
				a.def.apply(in, a.v)
			}
			return nil
		}, nil
	case p.acceptKeyword("UNSET"):
		defs, err := readUnsetList(p, client)
		if err != nil {
			return nil, err
		}
		return func(in *Integration) *SQLError {
			for _, d := range defs {
				d.reset(in)
			}
			return nil
		}, nil
	case p.isKeyword("REFRESH") && client != clientLocal:
		// REFRESH is in the grammar of custom and partner clients alike (ALTER SECURITY INTEGRATION
		// (Snowflake OAuth) docs); it is the only way to rotate a secret. The local application's
		// "secret" is the fixed word LOCAL_APPLICATION.
		p.next()
		return readRefresh(p)
	}
	return nil, p.unexpected()
}

// readRefresh reads OAUTH_CLIENT_SECRET or OAUTH_CLIENT_SECRET_2: a new value for that secret only,
// so clients can switch over while the other one still works.
func readRefresh(p *parser) (func(in *Integration) *SQLError, *SQLError) {
	switch {
	case p.acceptKeyword("OAUTH_CLIENT_SECRET"):
		return func(in *Integration) *SQLError { in.ClientSecret = newClientSecret(); return nil }, nil
	case p.acceptKeyword("OAUTH_CLIENT_SECRET_2"):
		return func(in *Integration) *SQLError { in.ClientSecret2 = newClientSecret(); return nil }, nil
	}
	return nil, p.unexpected()
}

// readUnsetList reads `NAME [, NAME ...]`. A name that is not a property of this client kind is a
// syntax error; a property that cannot be unset is Snowflake's `000002 Unsupported feature 'UNSET'`
// (the TF provider's SNOW-1515781: "No unset available for this field").
func readUnsetList(p *parser, client string) ([]*propDef, *SQLError) {
	var defs []*propDef
	for {
		t := p.peek()
		d := propByName[t.Value]
		if t.Kind != tokIdent || d == nil || !d.in.has(client) || p.unknownProps[d.name] {
			return nil, p.unexpected()
		}
		if !d.unset.has(client) {
			return nil, errUnsupported("UNSET")
		}
		p.next()
		defs = append(defs, d)
		if !p.acceptSymbol(",") {
			return defs, nil
		}
	}
}
