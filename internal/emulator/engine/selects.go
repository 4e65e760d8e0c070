package engine

import (
	"encoding/json"
	"net"
	"sort"
	"strconv"
	"strings"
)

// selectStatement handles SELECT <expr> [AS alias] [, ...] without FROM: literals, the context
// functions (CURRENT_USER() and friends) and SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('<exact name>').
// Unaliased columns are named after the expression text in upper case, as Snowflake does.
func selectStatement(x *execCtx) (*Result, *SQLError) {
	p := x.p
	res := &Result{StatementTypeID: StatementSelect}
	row := []*string{}
	for {
		col, val, err := selectExpr(x)
		if err != nil {
			return nil, err
		}
		if p.acceptKeyword("AS") || p.peek().Kind == tokIdent && !p.isKeyword("FROM") || p.peek().Kind == tokQuotedIdent {
			alias, err := p.identifier()
			if err != nil {
				return nil, err
			}
			col.Name = alias
		}
		res.Columns = append(res.Columns, col)
		row = append(row, val)
		if !p.acceptSymbol(",") {
			break
		}
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	res.Rows = [][]*string{row}
	return res, nil
}

func selectExpr(x *execCtx) (Column, *string, *SQLError) {
	p := x.p
	t := p.peek()
	switch t.Kind {
	case tokNumber:
		p.next()
		scale := 0
		if i := strings.IndexByte(t.Value, '.'); i >= 0 {
			scale = len(t.Value) - i - 1
		}
		return Column{Name: t.Text, Type: "fixed", Precision: len(t.Value), Scale: scale}, str(t.Value), nil
	case tokString:
		p.next()
		return Column{Name: strings.ToUpper(t.Text), Type: "text", Length: len(t.Value)}, str(t.Value), nil
	case tokSymbol:
		if t.Text == "-" && p.peekAt(1).Kind == tokNumber {
			p.next()
			n := p.next()
			return Column{Name: "-" + n.Text, Type: "fixed", Precision: len(n.Value)}, str("-" + n.Value), nil
		}
	case tokIdent:
		switch t.Value {
		case "TRUE", "FALSE":
			p.next()
			return boolCol(t.Value), str(strings.ToLower(t.Value)), nil
		case "NULL":
			p.next()
			return textCol("NULL"), nil, nil
		}
		if p.peekAt(1).Kind == tokSymbol && p.peekAt(1).Text == "(" {
			return selectFunction(x)
		}
		// CURRENT_USER and friends may be written without parentheses.
		if v, ok := contextValue(x, t.Value); ok {
			p.next()
			return textCol(t.Value), v, nil
		}
	}
	return Column{}, nil, p.unexpected()
}

// selectFunction evaluates name(args...) for the functions the emulator knows.
func selectFunction(x *execCtx) (Column, *string, *SQLError) {
	p := x.p
	fn := p.next()
	p.next() // (
	var args []token
	for !p.isSymbol(")") {
		a := p.peek()
		if a.Kind != tokString && a.Kind != tokNumber {
			return Column{}, nil, p.unexpected()
		}
		args = append(args, p.next())
		if !p.acceptSymbol(",") {
			break
		}
	}
	if err := p.expectSymbol(")"); err != nil {
		return Column{}, nil, err
	}
	texts := make([]string, len(args))
	for i, a := range args {
		texts[i] = strings.ToUpper(a.Text)
	}
	name := fn.Value + "(" + strings.Join(texts, ", ") + ")"
	switch fn.Value {
	case "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS":
		if len(args) != 1 || args[0].Kind != tokString {
			return Column{}, nil, errArgTypes(fn.Value)
		}
		v, err := showClientSecrets(x, args[0].Value)
		if err != nil {
			return Column{}, nil, err
		}
		return textCol(name), v, nil
	case "IS_ROLE_IN_SESSION":
		if len(args) != 1 || args[0].Kind != tokString {
			return Column{}, nil, errArgTypes(fn.Value)
		}
		return boolCol(name), str(boolString(isRoleInSession(x, args[0].Value))), nil
	}
	if len(args) == 0 {
		if v, ok := contextValue(x, fn.Value); ok {
			return textCol(name), v, nil
		}
	}
	return Column{}, nil, &SQLError{"002140", "42601", "SQL compilation error:\nUnknown function " + fn.Text}
}

func errArgTypes(fn string) *SQLError {
	return &SQLError{"001044", "42P13", "SQL compilation error:\nInvalid argument types for function '" + fn + "'"}
}

// isRoleInSession reports whether the role named by the string (an identifier inside a string, as
// the TF SDK sends '"R"') is the session's role or inherited by it.
func isRoleInSession(x *execCtx, arg string) bool {
	role, ok := identifierFromString(arg)
	return ok && x.cat.roleIncludes(x.s.Role, role)
}

// Values of the account-level context functions. CURRENT_ACCOUNT is the account locator; the emulator
// uses its account name for it, so URLs built from it (lower-cased, as the TF provider does) resolve.
const (
	emulatorOrganization = "EMULATOR_ORG"
	emulatorRegion       = "AWS_US_WEST_2"
	// emulatorVersion matches the serverVersion the login response reports.
	emulatorVersion = "9.0.0"
	// emulatorClient is CURRENT_CLIENT() when the wire layer did not record the driver's name.
	emulatorClient = "Go"
)

// contextFuncs are the VARCHAR context functions without arguments (Snowflake docs "Context
// functions"; the official provider runs several at login). A nil value is SQL NULL.
var contextFuncs = map[string]func(x *execCtx) *string{
	"CURRENT_USER":              func(x *execCtx) *string { return str(x.s.User) },
	"CURRENT_ROLE":              func(x *execCtx) *string { return str(x.s.Role) },
	"CURRENT_ACCOUNT":           func(x *execCtx) *string { return str(x.e.opts.Account) },
	"CURRENT_ACCOUNT_NAME":      func(x *execCtx) *string { return str(x.e.opts.Account) },
	"CURRENT_ORGANIZATION_NAME": func(*execCtx) *string { return str(emulatorOrganization) },
	"CURRENT_REGION":            func(*execCtx) *string { return str(emulatorRegion) },
	"CURRENT_VERSION":           func(*execCtx) *string { return str(emulatorVersion) },
	// CURRENT_SESSION is VARCHAR holding the session id's digits.
	"CURRENT_SESSION": func(x *execCtx) *string { return str(strconv.FormatInt(x.s.ID, 10)) },
	"CURRENT_CLIENT": func(x *execCtx) *string {
		if x.s.Client != "" {
			return str(x.s.Client)
		}
		return str(emulatorClient)
	},
	// The emulator has no databases, schemas or warehouses in session context: NULL, as Snowflake
	// returns when none is in use.
	"CURRENT_DATABASE":        func(*execCtx) *string { return nil },
	"CURRENT_SCHEMA":          func(*execCtx) *string { return nil },
	"CURRENT_WAREHOUSE":       func(*execCtx) *string { return nil },
	"CURRENT_SECONDARY_ROLES": func(*execCtx) *string { return str(`{"roles":"","value":""}`) },
	"CURRENT_AVAILABLE_ROLES": currentAvailableRoles,
	"CURRENT_IP_ADDRESS":      currentIPAddress,
	"IS_AGENT_ACTIVATED":      isAgentActivated,
}

// contextValue returns the value of a session context function.
func contextValue(x *execCtx, name string) (*string, bool) {
	fn, ok := contextFuncs[name]
	if !ok {
		return nil, false
	}
	return fn(x), true
}

// currentAvailableRoles is a JSON array of every role the user holds, directly or inherited.
func currentAvailableRoles(x *execCtx) *string {
	set := map[string]bool{rolePublic: true}
	if u, ok := x.cat.Users[x.s.User]; ok {
		for _, r := range u.Roles {
			for c := range x.cat.roleClosure(r) {
				set[c] = true
			}
		}
	}
	roles := make([]string, 0, len(set))
	for r := range set {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	b, _ := json.Marshal(roles) // cannot fail for strings
	return str(string(b))
}

// currentIPAddress is the client's address without the port.
func currentIPAddress(x *execCtx) *string {
	if x.s.ClientIP == "" {
		return nil
	}
	if host, _, err := net.SplitHostPort(x.s.ClientIP); err == nil {
		return str(host)
	}
	return str(x.s.ClientIP)
}
