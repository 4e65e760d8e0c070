package engine

// dispatch reads the leading keywords of a statement and hands it to its family's function. Each
// family lives in its own file: integrations.go, netpolicies.go, delegated.go, users.go, roles.go,
// params.go, selects.go.
func dispatch(x *execCtx) (*Result, *SQLError) {
	p := x.p
	switch {
	case p.acceptKeyword("CREATE"):
		orReplace := p.acceptKeyword("OR", "REPLACE")
		switch {
		case p.acceptKeyword("SECURITY", "INTEGRATION"):
			return createIntegration(x, orReplace)
		case p.acceptKeyword("NETWORK", "POLICY"):
			return createNetworkPolicy(x, orReplace)
		case p.acceptKeyword("USER"):
			return createUser(x, orReplace)
		case p.acceptKeyword("ROLE"):
			return createRole(x, orReplace)
		}
	case p.acceptKeyword("ALTER"):
		switch {
		case p.acceptKeyword("SECURITY", "INTEGRATION"), p.acceptKeyword("INTEGRATION"):
			return alterIntegration(x)
		case p.acceptKeyword("NETWORK", "POLICY"):
			return alterNetworkPolicy(x)
		case p.acceptKeyword("USER"):
			return alterUser(x)
		case p.acceptKeyword("ACCOUNT"):
			return alterAccount(x)
		case p.acceptKeyword("SESSION"):
			return alterSession(x)
		}
	case p.acceptKeyword("DESC"), p.acceptKeyword("DESCRIBE"):
		switch {
		case p.acceptKeyword("SECURITY", "INTEGRATION"), p.acceptKeyword("INTEGRATION"):
			return describeIntegration(x)
		case p.acceptKeyword("NETWORK", "POLICY"):
			return describeNetworkPolicy(x)
		case p.acceptKeyword("USER"):
			return describeUser(x)
		}
	case p.acceptKeyword("SHOW"):
		switch {
		case p.acceptKeyword("SECURITY", "INTEGRATIONS"), p.acceptKeyword("INTEGRATIONS"):
			return showIntegrations(x)
		case p.acceptKeyword("NETWORK", "POLICIES"):
			return showNetworkPolicies(x)
		case p.acceptKeyword("USERS"):
			return showUsers(x)
		case p.acceptKeyword("ROLES"):
			return showRoles(x)
		case p.acceptKeyword("DELEGATED", "AUTHORIZATIONS"):
			return showDelegatedAuthorizations(x)
		case p.acceptKeyword("PARAMETERS"):
			return showParameters(x)
		}
	case p.acceptKeyword("DROP"):
		switch {
		case p.acceptKeyword("SECURITY", "INTEGRATION"), p.acceptKeyword("INTEGRATION"):
			return dropIntegration(x)
		case p.acceptKeyword("NETWORK", "POLICY"):
			return dropNetworkPolicy(x)
		case p.acceptKeyword("USER"):
			return dropUser(x)
		case p.acceptKeyword("ROLE"):
			return dropRole(x)
		}
	case p.acceptKeyword("GRANT"):
		return grantRole(x)
	case p.acceptKeyword("REVOKE"):
		return revokeRole(x)
	case p.acceptKeyword("USE"):
		return useRole(x)
	case p.acceptKeyword("SELECT"):
		return selectStatement(x)
	case p.acceptKeyword("BEGIN"), p.acceptKeyword("COMMIT"), p.acceptKeyword("ROLLBACK"),
		p.acceptKeyword("START", "TRANSACTION"):
		// The emulator applies every statement at once; transactions are accepted and have no effect.
		p.acceptKeyword("TRANSACTION")
		p.acceptKeyword("WORK")
		if err := p.expectEOF(); err != nil {
			return nil, err
		}
		return executedOK(), nil
	}
	return nil, p.unexpected()
}

// requireRole returns a 003001 error unless the session's role is target or inherits it.
func (x *execCtx) requireRole(target, kind, name string) *SQLError {
	if x.cat.roleIncludes(x.s.Role, target) {
		return nil
	}
	return errPrivileges(kind, name)
}
