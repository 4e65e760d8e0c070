package engine

import (
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
	if fn.Value == "SYSTEM$SHOW_OAUTH_CLIENT_SECRETS" {
		if len(args) != 1 || args[0].Kind != tokString {
			return Column{}, nil, &SQLError{"001044", "42P13", "SQL compilation error:\nInvalid argument types for function 'SYSTEM$SHOW_OAUTH_CLIENT_SECRETS'"}
		}
		v, err := showClientSecrets(x, args[0].Value)
		if err != nil {
			return Column{}, nil, err
		}
		return textCol(name), v, nil
	}
	if len(args) == 0 {
		if v, ok := contextValue(x, fn.Value); ok {
			return textCol(name), v, nil
		}
	}
	return Column{}, nil, &SQLError{"002140", "42601", "SQL compilation error:\nUnknown function " + fn.Text}
}

// contextValue returns the value of a session context function.
func contextValue(x *execCtx, name string) (*string, bool) {
	switch name {
	case "CURRENT_USER":
		return str(x.s.User), true
	case "CURRENT_ROLE":
		return str(x.s.Role), true
	case "CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME":
		return str(x.e.opts.Account), true
	case "CURRENT_ORGANIZATION_NAME":
		return str("EMULATOR_ORG"), true
	case "CURRENT_VERSION":
		return str("9.0.0"), true
	case "CURRENT_DATABASE", "CURRENT_SCHEMA", "CURRENT_WAREHOUSE":
		return nil, true
	case "CURRENT_SECONDARY_ROLES":
		return str(`{"roles":"","value":""}`), true
	}
	return nil, false
}
