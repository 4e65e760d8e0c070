package engine

// Account parameters the emulator knows, with Snowflake's defaults and descriptions.
type paramDef struct {
	Default     string
	Type        string
	Description string
}

const paramPrivilegedRoles = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST"

var accountParams = map[string]paramDef{
	paramPrivilegedRoles: {
		Default: "true", Type: "BOOLEAN",
		Description: "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and SECURITYADMIN roles are added to the list of blocked roles for Snowflake OAuth.",
	},
}

// privilegedRolesBlocked reports whether OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is on (the default).
func (c *catalog) privilegedRolesBlocked() bool {
	v, ok := c.AccountParams[paramPrivilegedRoles]
	return !ok || v == "true"
}

// alterAccount handles ALTER ACCOUNT SET|UNSET <parameter> and SET|UNSET NETWORK_POLICY.
func alterAccount(x *execCtx) (*Result, *SQLError) {
	p := x.p
	set := p.acceptKeyword("SET")
	if !set && !p.acceptKeyword("UNSET") {
		return nil, p.unexpected()
	}
	for {
		t := p.peek()
		if t.Kind != tokIdent {
			return nil, p.unexpected()
		}
		name := t.Value
		p.next()
		switch name {
		case "NETWORK_POLICY":
			if err := x.requireRole(roleSecurityAdmin, "account", x.e.opts.Account); err != nil {
				return nil, err
			}
			if !set {
				x.cat.AccountNetworkPolicy = ""
				break
			}
			if err := p.expectEquals(); err != nil {
				return nil, err
			}
			lit, err := p.stringLiteral()
			if err != nil {
				return nil, err
			}
			np, ok := identifierFromString(lit)
			pol := x.cat.NetworkPolicies[np]
			if !ok || pol == nil {
				return nil, errNotExist("Network policy", lit)
			}
			if pol.Empty() {
				return nil, errEmptyPolicy(np)
			}
			x.cat.AccountNetworkPolicy = np
		default:
			def, known := accountParams[name]
			if !known {
				return nil, errInvalidParam(name, "ACCOUNT")
			}
			if err := x.requireRole(roleAccountAdmin, "account", x.e.opts.Account); err != nil {
				return nil, err
			}
			if !set {
				delete(x.cat.AccountParams, name)
				break
			}
			if err := p.expectEquals(); err != nil {
				return nil, err
			}
			if def.Type == "BOOLEAN" {
				b, err := p.boolValue(name)
				if err != nil {
					return nil, err
				}
				x.cat.AccountParams[name] = boolString(b)
			}
		}
		x.changed = true
		if !p.acceptSymbol(",") {
			break
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	return executedOK(), nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// showParameters handles SHOW PARAMETERS [LIKE 'p'] [IN ACCOUNT | IN SESSION]. The emulator knows the
// OAuth-related account parameters only.
func showParameters(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := p.optLike()
	if err != nil {
		return nil, err
	}
	if p.acceptKeyword("IN") {
		if !p.acceptKeyword("ACCOUNT") && !p.acceptKeyword("SESSION") {
			return nil, p.unexpected()
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	res := &Result{StatementTypeID: StatementShow, Columns: []Column{
		textCol("key"), textCol("value"), textCol("default"), textCol("level"), textCol("description"), textCol("type"),
	}}
	for _, name := range []string{paramPrivilegedRoles} {
		if hasLike && !likeMatch(pattern, name) {
			continue
		}
		def := accountParams[name]
		value, level := def.Default, ""
		if v, ok := x.cat.AccountParams[name]; ok {
			value, level = v, "ACCOUNT"
		}
		res.Rows = append(res.Rows, []*string{str(name), str(value), str(def.Default), str(level), str(def.Description), str(def.Type)})
	}
	return res, nil
}

// alterSession accepts ALTER SESSION SET/UNSET of any parameter; the emulator keeps none of them.
func alterSession(x *execCtx) (*Result, *SQLError) {
	p := x.p
	if !p.acceptKeyword("SET") && !p.acceptKeyword("UNSET") {
		return nil, p.unexpected()
	}
	for p.peek().Kind != tokEOF {
		p.next()
	}
	return executedOK(), nil
}
