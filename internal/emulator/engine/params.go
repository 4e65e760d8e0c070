package engine

// Account parameters the emulator knows, with Snowflake's defaults and descriptions.
type paramDef struct {
	Default     string
	Type        string
	Description string
}

const (
	paramPrivilegedRoles = "OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST"
	// paramDisableLocalApp is the account's opt-out of SNOWFLAKE$LOCAL_APPLICATION (BCR-2056).
	paramDisableLocalApp = "DISABLE_SNOWFLAKE_LOCAL_APPLICATION_INTEGRATION"
)

var accountParams = map[string]paramDef{
	paramPrivilegedRoles: {
		Default: "true", Type: "BOOLEAN",
		Description: "Determines whether the ACCOUNTADMIN, ORGADMIN, GLOBALORGADMIN and SECURITYADMIN roles are added to the list of blocked roles for Snowflake OAuth.",
	},
	paramDisableLocalApp: {
		Default: "false", Type: "BOOLEAN",
		Description: "Disables the SNOWFLAKE$LOCAL_APPLICATION security integration; a security administrator cannot enable it again.",
	},
}

// accountParamOrder is SHOW PARAMETERS' row order.
var accountParamOrder = []string{paramDisableLocalApp, paramPrivilegedRoles}

// privilegedRolesBlocked reports whether OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is on (the default).
func (c *catalog) privilegedRolesBlocked() bool {
	v, ok := c.AccountParams[paramPrivilegedRoles]
	return !ok || v == "true"
}

// accountChange is one parsed SET or UNSET of ALTER ACCOUNT, applied once the statement parsed.
type accountChange func(x *execCtx) *SQLError

// alterAccount handles ALTER ACCOUNT SET|UNSET <parameter> and SET|UNSET NETWORK_POLICY, separated by
// commas. The statement is parsed to its end first; then every change is checked and applied.
func alterAccount(x *execCtx) (*Result, *SQLError) {
	p := x.p
	set := p.acceptKeyword("SET")
	if !set && !p.acceptKeyword("UNSET") {
		return nil, p.unexpected()
	}
	var changes []accountChange
	for {
		c, err := parseAccountChange(p, set)
		if err != nil {
			return nil, err
		}
		changes = append(changes, c)
		if !p.acceptSymbol(",") {
			break
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	for _, c := range changes {
		if err := c(x); err != nil {
			return nil, err
		}
	}
	x.changed = true
	return executedOK(), nil
}

// parseAccountChange reads one `NAME [= value]`.
func parseAccountChange(p *parser, set bool) (accountChange, *SQLError) {
	t := p.peek()
	if t.Kind != tokIdent {
		return nil, p.unexpected()
	}
	p.next()
	if t.Value == "NETWORK_POLICY" {
		return parseAccountPolicy(p, set)
	}
	def, known := accountParams[t.Value]
	if !known {
		return nil, errInvalidParam(t.Value, "ACCOUNT")
	}
	name, value := t.Value, ""
	if set {
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		if def.Type == "BOOLEAN" {
			b, err := p.boolValue(name)
			if err != nil {
				return nil, err
			}
			value = boolString(b)
		}
	}
	return func(x *execCtx) *SQLError {
		if err := x.requireRole(roleAccountAdmin, "account", x.e.opts.Account); err != nil {
			return err
		}
		if set {
			x.cat.AccountParams[name] = value
		} else {
			delete(x.cat.AccountParams, name)
		}
		x.cat.applyLocalAppOptOut()
		return nil
	}, nil
}

// parseAccountPolicy reads the rest of SET NETWORK_POLICY = '<identifier>' or UNSET NETWORK_POLICY.
func parseAccountPolicy(p *parser, set bool) (accountChange, *SQLError) {
	lit := ""
	if set {
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		var err *SQLError
		if lit, err = p.stringLiteral(); err != nil {
			return nil, err
		}
	}
	return func(x *execCtx) *SQLError {
		if err := x.requireRole(roleSecurityAdmin, "account", x.e.opts.Account); err != nil {
			return err
		}
		if !set {
			x.cat.AccountNetworkPolicy = ""
			return nil
		}
		np, err := x.policyToActivate(lit)
		if err != nil {
			return err
		}
		x.cat.AccountNetworkPolicy = np
		return nil
	}, nil
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
	for _, name := range accountParamOrder {
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
