package engine

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// userProps are the user properties the emulator stores; other documented properties (EMAIL,
// FIRST_NAME, ...) are accepted and ignored so that realistic CREATE USER statements run.
var ignoredUserProps = map[string]bool{
	"DISPLAY_NAME": true, "FIRST_NAME": true, "MIDDLE_NAME": true, "LAST_NAME": true, "EMAIL": true,
	"MUST_CHANGE_PASSWORD": true, "DEFAULT_WAREHOUSE": true, "DEFAULT_NAMESPACE": true, "TYPE": true,
	"DEFAULT_SECONDARY_ROLES": true, "DAYS_TO_EXPIRY": true, "MINS_TO_UNLOCK": true,
}

// createUser handles CREATE [OR REPLACE] USER [IF NOT EXISTS] name [prop = value ...].
func createUser(x *execCtx, orReplace bool) (*Result, *SQLError) {
	p := x.p
	ifNotExists := p.acceptKeyword("IF", "NOT", "EXISTS")
	if orReplace && ifNotExists {
		return nil, p.unexpected()
	}
	name, err := p.identifier()
	if err != nil {
		return nil, err
	}
	u := &User{Name: name, LoginName: name, CreatedOn: x.now, Owner: x.s.Role}
	for p.peek().Kind != tokEOF {
		if err := setUserProp(x, u); err != nil {
			return nil, err
		}
		p.acceptSymbol(",")
	}
	if err := x.requireRole(roleUserAdmin, "account", x.e.opts.Account); err != nil {
		return nil, err
	}
	if _, exists := x.cat.Users[name]; exists {
		if res, err := existsOutcome(name, ifNotExists, orReplace); res != nil || err != nil {
			return res, err
		}
	}
	x.cat.Users[name] = u
	x.changed = true
	return statusResult("User " + displayName(name) + " successfully created."), nil
}

// setUserProp parses one `PROP = value` and applies it to u.
func setUserProp(x *execCtx, u *User) *SQLError {
	p := x.p
	t := p.peek()
	if t.Kind != tokIdent {
		return p.unexpected()
	}
	prop := t.Value
	p.next()
	if err := p.expectEquals(); err != nil {
		return err
	}
	switch prop {
	case "PASSWORD":
		v, err := p.stringLiteral()
		if err != nil {
			return err
		}
		u.Password = v
	case "LOGIN_NAME":
		v, err := p.stringOrIdent()
		if err != nil {
			return err
		}
		u.LoginName = strings.ToUpper(v)
	case "DEFAULT_ROLE":
		v, err := p.nameValue()
		if err != nil {
			return err
		}
		u.DefaultRole = v
	case "RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2":
		v, err := p.stringLiteral()
		if err != nil {
			return err
		}
		key := compactKey(v)
		if _, ok := keyFingerprint(key); !ok {
			return errInvalidProperty(v, prop)
		}
		if prop == "RSA_PUBLIC_KEY" {
			u.RSAPublicKey = key
		} else {
			u.RSAPublicKey2 = key
		}
	case "DISABLED":
		b, err := p.boolValue(prop)
		if err != nil {
			return err
		}
		u.Disabled = b
	case "COMMENT":
		v, err := p.stringLiteral()
		if err != nil {
			return err
		}
		u.Comment = &v
	case "NETWORK_POLICY":
		v, err := p.stringLiteral()
		if err != nil {
			return err
		}
		np, ok := identifierFromString(v)
		pol := x.cat.NetworkPolicies[np]
		if !ok || pol == nil {
			return errNotExist("Network policy", v)
		}
		if pol.Empty() {
			return errEmptyPolicy(np)
		}
		u.NetworkPolicy = np
	default:
		if !ignoredUserProps[prop] {
			return errSyntax(t.Line, t.Pos, t.Text)
		}
		if p.acceptSymbol("(") {
			for p.peek().Kind != tokEOF && !p.acceptSymbol(")") {
				p.next()
			}
		} else {
			p.next()
		}
	}
	return nil
}

// stringOrIdent reads a string literal or a bare word, returning its text.
func (p *parser) stringOrIdent() (string, *SQLError) {
	t := p.peek()
	switch t.Kind {
	case tokString, tokQuotedIdent:
		p.next()
		return t.Value, nil
	case tokIdent:
		p.next()
		return t.Text, nil
	}
	return "", p.unexpected()
}

// nameValue reads an object name given as an identifier or as a string holding one.
func (p *parser) nameValue() (string, *SQLError) {
	t := p.peek()
	if t.Kind == tokString {
		p.next()
		if n, ok := identifierFromString(t.Value); ok {
			return n, nil
		}
		return t.Value, nil
	}
	return p.identifier()
}

// compactKey removes PEM armour and whitespace from a public key body.
func compactKey(k string) string {
	k = strings.ReplaceAll(k, "-----BEGIN PUBLIC KEY-----", "")
	k = strings.ReplaceAll(k, "-----END PUBLIC KEY-----", "")
	return strings.Join(strings.Fields(k), "")
}

// keyFingerprint is Snowflake's fingerprint: SHA256: + base64 of the SHA-256 of the DER key.
func keyFingerprint(key string) (string, bool) {
	der, err := base64.StdEncoding.DecodeString(key)
	if err != nil || len(der) == 0 {
		return "", false
	}
	sum := sha256.Sum256(der)
	return "SHA256:" + base64.StdEncoding.EncodeToString(sum[:]), true
}

// alterUser handles ALTER USER [IF EXISTS] [name] SET|UNSET|RENAME TO|ADD|REMOVE DELEGATED ...
func alterUser(x *execCtx) (*Result, *SQLError) {
	p := x.p
	ifExists := p.acceptKeyword("IF", "EXISTS")
	name := ""
	delegated := (p.isKeyword("ADD") || p.isKeyword("REMOVE")) && p.peekAt(1).Kind == tokIdent && p.peekAt(1).Value == "DELEGATED"
	if !delegated {
		n, err := p.identifier()
		if err != nil {
			return nil, err
		}
		name = n
	}
	if name != "" {
		if _, ok := x.cat.Users[name]; !ok {
			if ifExists {
				for p.peek().Kind != tokEOF {
					p.next()
				}
				return executedOK(), nil
			}
			return nil, errNotExist("User", name)
		}
	}
	switch {
	case p.acceptKeyword("ADD"):
		return alterUserDelegated(x, name, true)
	case p.acceptKeyword("REMOVE"):
		return alterUserDelegated(x, name, false)
	}
	if name == "" {
		return nil, p.unexpected()
	}
	u := x.cat.Users[name]
	if name != x.s.User && !x.cat.roleIncludes(x.s.Role, u.Owner) && !x.cat.roleIncludes(x.s.Role, roleSecurityAdmin) {
		return nil, errPrivileges("user", name)
	}
	switch {
	case p.acceptKeyword("SET"):
		for p.peek().Kind != tokEOF {
			if err := setUserProp(x, u); err != nil {
				return nil, err
			}
			p.acceptSymbol(",")
		}
	case p.acceptKeyword("UNSET"):
		for {
			t := p.peek()
			if t.Kind != tokIdent {
				return nil, p.unexpected()
			}
			p.next()
			switch t.Value {
			case "PASSWORD":
				u.Password = ""
			case "DEFAULT_ROLE":
				u.DefaultRole = ""
			case "RSA_PUBLIC_KEY":
				u.RSAPublicKey = ""
			case "RSA_PUBLIC_KEY_2":
				u.RSAPublicKey2 = ""
			case "COMMENT":
				u.Comment = nil
			case "NETWORK_POLICY":
				u.NetworkPolicy = ""
			case "DISABLED":
				u.Disabled = false
			default:
				if !ignoredUserProps[t.Value] {
					return nil, errSyntax(t.Line, t.Pos, t.Text)
				}
			}
			if !p.acceptSymbol(",") {
				break
			}
		}
	case p.acceptKeyword("RENAME", "TO"):
		newName, err := p.identifier()
		if err != nil {
			return nil, err
		}
		if _, exists := x.cat.Users[newName]; exists {
			return nil, errAlreadyExists(newName)
		}
		delete(x.cat.Users, name)
		u.Name = newName
		x.cat.Users[newName] = u
		for _, d := range x.cat.Delegated {
			if d.User == name {
				d.User = newName
			}
		}
	default:
		return nil, p.unexpected()
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	x.changed = true
	return executedOK(), nil
}

// dropUser handles DROP USER [IF EXISTS] name; the user's delegated authorizations go with it.
func dropUser(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseDropName(p)
	if err != nil {
		return nil, err
	}
	u, ok := x.cat.Users[name]
	if !ok {
		return dropMissing(name, ifExists, "User")
	}
	if !x.cat.roleIncludes(x.s.Role, u.Owner) && !x.cat.roleIncludes(x.s.Role, roleSecurityAdmin) {
		return nil, errPrivileges("user", name)
	}
	delete(x.cat.Users, name)
	x.revokeDelegated(name, "", "")
	x.changed = true
	return droppedResult(name), nil
}

// describeUser handles DESC USER name with the rows the OAuth flows care about.
func describeUser(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, err := parseNameEOF(p)
	if err != nil {
		return nil, err
	}
	u, ok := x.cat.Users[name]
	if !ok {
		return nil, errNotExist("User", name)
	}
	if name != x.s.User && !x.cat.roleIncludes(x.s.Role, u.Owner) && !x.cat.roleIncludes(x.s.Role, roleSecurityAdmin) {
		return nil, errPrivileges("user", name)
	}
	fp := func(k string) string {
		f, _ := keyFingerprint(k)
		return f
	}
	comment := ""
	if u.Comment != nil {
		comment = *u.Comment
	}
	rows := [][2]string{
		{"NAME", u.Name}, {"COMMENT", comment}, {"LOGIN_NAME", u.LoginName}, {"DISABLED", boolString(u.Disabled)},
		{"DEFAULT_ROLE", u.DefaultRole}, {"RSA_PUBLIC_KEY_FP", fp(u.RSAPublicKey)}, {"RSA_PUBLIC_KEY_2_FP", fp(u.RSAPublicKey2)},
		{"NETWORK_POLICY", u.NetworkPolicy},
	}
	res := &Result{StatementTypeID: StatementDesc, Columns: []Column{textCol("property"), textCol("value"), textCol("default"), textCol("description")}}
	for _, r := range rows {
		res.Rows = append(res.Rows, []*string{str(r[0]), str(r[1]), str(""), str("")})
	}
	return res, nil
}

// showUsers handles SHOW USERS [LIKE 'p'].
func showUsers(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := parseShowLike(p)
	if err != nil {
		return nil, err
	}
	res := &Result{StatementTypeID: StatementShow, Columns: []Column{
		textCol("name"), createdOnCol(), textCol("login_name"), textCol("comment"), textCol("disabled"),
		textCol("default_role"), textCol("owner"), textCol("has_password"), textCol("has_rsa_public_key"),
	}}
	names := sortedMatching(x.cat.Users, pattern, hasLike, nil)
	for _, n := range names {
		u := x.cat.Users[n]
		res.Rows = append(res.Rows, []*string{
			str(u.Name), timeCell(u.CreatedOn), str(u.LoginName), strOrNil(u.Comment), str(boolString(u.Disabled)),
			str(u.DefaultRole), str(u.Owner), str(boolString(u.Password != "")), str(boolString(u.RSAPublicKey != "" || u.RSAPublicKey2 != "")),
		})
	}
	return res, nil
}
