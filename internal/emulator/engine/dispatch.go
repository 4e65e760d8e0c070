package engine

// handler runs one statement family once its leading keywords are consumed. Each family lives in its
// own file: integration_*.go, netpolicies.go, netrules.go, delegated.go, users.go, roles.go,
// params.go, selects.go.
type handler func(x *execCtx) (*Result, *SQLError)

// route maps the keywords after a statement's verb to its handler; the first route that matches wins.
type route struct {
	words []string
	run   handler
}

// routes lists, per leading verb, the statement families the emulator knows. A verb whose list has a
// route with no words takes the rest of the statement as it is (SELECT, GRANT, ...).
var routes = map[string][]route{
	"CREATE": {
		{[]string{"SECURITY", "INTEGRATION"}, createIntegration},
		{[]string{"NETWORK", "POLICY"}, createNetworkPolicy},
		{[]string{"USER"}, createUser},
		{[]string{"ROLE"}, createRole},
		{[]string{"NETWORK", "RULE"}, createNetworkRule},
		{[]string{"DATABASE"}, createDatabase},
		{[]string{"SCHEMA"}, createSchema},
	},
	"ALTER": {
		{[]string{"SECURITY", "INTEGRATION"}, alterIntegration},
		{[]string{"INTEGRATION"}, alterIntegration},
		{[]string{"NETWORK", "POLICY"}, alterNetworkPolicy},
		{[]string{"USER"}, alterUser},
		{[]string{"ACCOUNT"}, alterAccount},
		{[]string{"SESSION"}, alterSession},
		{[]string{"NETWORK", "RULE"}, alterNetworkRule},
	},
	"DESC":     descRoutes,
	"DESCRIBE": descRoutes,
	"SHOW": {
		{[]string{"SECURITY", "INTEGRATIONS"}, showIntegrations},
		{[]string{"INTEGRATIONS"}, showIntegrations},
		{[]string{"NETWORK", "POLICIES"}, showNetworkPolicies},
		{[]string{"USERS"}, showUsers},
		{[]string{"ROLES"}, showRoles},
		{[]string{"DELEGATED", "AUTHORIZATIONS"}, showDelegatedAuthorizations},
		{[]string{"PARAMETERS"}, showParameters},
		{[]string{"NETWORK", "RULES"}, showNetworkRules},
		{[]string{"DATABASES"}, showDatabases},
	},
	"DROP": {
		{[]string{"SECURITY", "INTEGRATION"}, dropIntegration},
		{[]string{"INTEGRATION"}, dropIntegration},
		{[]string{"NETWORK", "POLICY"}, dropNetworkPolicy},
		{[]string{"USER"}, dropUser},
		{[]string{"ROLE"}, dropRole},
		{[]string{"NETWORK", "RULE"}, dropNetworkRule},
		{[]string{"DATABASE"}, dropDatabaseOrSchema(false)},
		{[]string{"SCHEMA"}, dropDatabaseOrSchema(true)},
	},
	"GRANT":    {{nil, grantRole}},
	"REVOKE":   {{nil, revokeRole}},
	"USE":      {{nil, useRole}},
	"SELECT":   {{nil, selectStatement}},
	"BEGIN":    {{nil, transactionControl}},
	"COMMIT":   {{nil, transactionControl}},
	"ROLLBACK": {{nil, transactionControl}},
	"START":    {{[]string{"TRANSACTION"}, transactionControl}},
}

var descRoutes = []route{
	{[]string{"SECURITY", "INTEGRATION"}, describeIntegration},
	{[]string{"INTEGRATION"}, describeIntegration},
	{[]string{"NETWORK", "POLICY"}, describeNetworkPolicy},
	{[]string{"USER"}, describeUser},
	{[]string{"NETWORK", "RULE"}, describeNetworkRule},
}

// dispatch reads the leading keywords of a statement and hands it to its family's handler.
func dispatch(x *execCtx) (*Result, *SQLError) {
	p := x.p
	verb := p.peek()
	family, ok := routes[verb.Value]
	if verb.Kind != tokIdent || !ok {
		return nil, p.unexpected()
	}
	p.next()
	if verb.Value == "CREATE" {
		x.orReplace = p.acceptKeyword("OR", "REPLACE")
	}
	for _, r := range family {
		if p.acceptKeyword(r.words...) {
			return r.run(x)
		}
	}
	return nil, p.unexpected()
}

// transactionControl accepts BEGIN, COMMIT, ROLLBACK and START TRANSACTION: the emulator applies every
// statement at once, so transactions have no effect.
func transactionControl(x *execCtx) (*Result, *SQLError) {
	x.p.acceptKeyword("TRANSACTION")
	x.p.acceptKeyword("WORK")
	if err := x.p.expectEOF(); err != nil {
		return nil, err
	}
	return executedOK(), nil
}

// requireRole returns a 003001 error unless the session's role is target or inherits it.
func (x *execCtx) requireRole(target, kind, name string) *SQLError {
	if x.cat.roleIncludes(x.s.Role, target) {
		return nil
	}
	return errPrivileges(kind, name)
}

// ownerOrManageGrants reports whether the session's role may manage an object owned by owner: it
// inherits the owner role, or it has MANAGE GRANTS (SECURITYADMIN and the roles above it). An object
// without an owner is managed by MANAGE GRANTS only.
func (x *execCtx) ownerOrManageGrants(owner string) bool {
	return x.cat.roleIncludes(x.s.Role, roleSecurityAdmin) || owner != "" && x.cat.roleIncludes(x.s.Role, owner)
}
