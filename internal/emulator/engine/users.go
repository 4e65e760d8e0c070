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

// createUser handles CREATE [OR REPLACE] USER [IF NOT EXISTS] name [prop = value ...]. The whole
// statement is parsed before anything is checked against the catalog.
func createUser(x *execCtx) (*Result, *SQLError) {
	p, orReplace := x.p, x.orReplace
	name, ifNotExists, err := parseCreateHead(p, orReplace, p.identifier)
	if err != nil {
		return nil, err
	}
	changes, err := parseUserSets(p)
	if err != nil {
		return nil, err
	}
	_, exists := x.cat.Users[name]
	if res, err := x.accountCreateGate(roleUserAdmin, name, exists, ifNotExists, orReplace); res != nil || err != nil {
		return res, err
	}
	u := &User{Name: name, LoginName: name, CreatedOn: x.now, Owner: x.s.Role}
	if err := applyUserChanges(x, u, changes); err != nil {
		return nil, err
	}
	x.cat.Users[name] = u
	return x.created("User", name), nil
}

// userChange is one parsed SET or UNSET of a user property. It runs after the statement was parsed to
// its end, against the statement's copy of the catalog (it may still fail, e.g. on a missing policy).
type userChange func(x *execCtx, u *User) *SQLError

func applyUserChanges(x *execCtx, u *User, changes []userChange) *SQLError {
	for _, c := range changes {
		if err := c(x, u); err != nil {
			return err
		}
	}
	return nil
}

// parseUserSets reads `PROP = value` pairs, separated by whitespace or commas, to the end of the
// statement.
func parseUserSets(p *parser) ([]userChange, *SQLError) {
	var out []userChange
	for p.peek().Kind != tokEOF {
		c, err := parseUserSet(p)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		p.acceptSymbol(",")
	}
	return out, nil
}

// userPropReaders parse the value of each stored user property into its change.
var userPropReaders = map[string]func(p *parser, prop string) (userChange, *SQLError){
	"PASSWORD": func(p *parser, _ string) (userChange, *SQLError) {
		v, err := p.stringLiteral()
		return func(_ *execCtx, u *User) *SQLError { u.Password = v; return nil }, err
	},
	"LOGIN_NAME": func(p *parser, _ string) (userChange, *SQLError) {
		v, err := p.stringOrIdent()
		return func(_ *execCtx, u *User) *SQLError { u.LoginName = strings.ToUpper(v); return nil }, err
	},
	"DEFAULT_ROLE": func(p *parser, _ string) (userChange, *SQLError) {
		v, err := p.nameValue()
		return func(_ *execCtx, u *User) *SQLError { u.DefaultRole = v; return nil }, err
	},
	"RSA_PUBLIC_KEY":   readUserKey,
	"RSA_PUBLIC_KEY_2": readUserKey,
	"DISABLED": func(p *parser, prop string) (userChange, *SQLError) {
		b, err := p.boolValue(prop)
		return func(_ *execCtx, u *User) *SQLError { u.Disabled = b; return nil }, err
	},
	"COMMENT": func(p *parser, _ string) (userChange, *SQLError) {
		v, err := p.stringLiteral()
		return func(_ *execCtx, u *User) *SQLError { u.Comment = &v; return nil }, err
	},
	"NETWORK_POLICY": readUserPolicy,
	"MINS_TO_UNLOCK": readMinsToUnlock, // lockout.go
}

// parseUserSet parses one `PROP = value`. Documented properties the emulator does not keep (EMAIL,
// FIRST_NAME, ...) are read and ignored so that realistic CREATE USER statements run.
func parseUserSet(p *parser) (userChange, *SQLError) {
	t := p.peek()
	if t.Kind != tokIdent {
		return nil, p.unexpected()
	}
	p.next()
	if err := p.expectEquals(); err != nil {
		return nil, err
	}
	if read, ok := userPropReaders[t.Value]; ok {
		return read(p, t.Value)
	}
	if !ignoredUserProps[t.Value] {
		return nil, errSyntax(t.Line, t.Pos, t.Text)
	}
	skipIgnoredValue(p)
	return func(*execCtx, *User) *SQLError { return nil }, nil
}

// skipIgnoredValue skips one value: a word or literal, or a parenthesised list.
func skipIgnoredValue(p *parser) {
	if !p.acceptSymbol("(") {
		p.next()
		return
	}
	for p.peek().Kind != tokEOF && !p.acceptSymbol(")") {
		p.next()
	}
}

// readUserKey reads RSA_PUBLIC_KEY[_2]; the key is stored as its bare base64 body.
func readUserKey(p *parser, prop string) (userChange, *SQLError) {
	v, err := p.stringLiteral()
	if err != nil {
		return nil, err
	}
	key := compactKey(v)
	if _, ok := keyFingerprint(key); !ok {
		return nil, errInvalidProperty(v, prop)
	}
	return func(_ *execCtx, u *User) *SQLError {
		if prop == "RSA_PUBLIC_KEY" {
			u.RSAPublicKey = key
		} else {
			u.RSAPublicKey2 = key
		}
		return nil
	}, nil
}

// readUserPolicy reads NETWORK_POLICY = '<identifier>'; the policy must exist and not be empty.
func readUserPolicy(p *parser, _ string) (userChange, *SQLError) {
	v, err := p.stringLiteral()
	if err != nil {
		return nil, err
	}
	return func(x *execCtx, u *User) *SQLError {
		np, err := x.policyToActivate(v)
		if err != nil {
			return err
		}
		u.NetworkPolicy = np
		return nil
	}, nil
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

// alterUser handles ALTER USER [IF EXISTS] [name] SET|UNSET|RENAME TO|ADD|REMOVE DELEGATED ... The
// SET, UNSET and RENAME forms are parsed to the end before the user is looked up.
func alterUser(x *execCtx) (*Result, *SQLError) {
	p := x.p
	ifExists := p.acceptKeyword("IF", "EXISTS")
	if isDelegatedClause(p) {
		return alterUserDelegatedClause(x, "")
	}
	name, err := p.identifier()
	if err != nil {
		return nil, err
	}
	if isDelegatedClause(p) {
		if _, ok := x.cat.Users[name]; !ok {
			return missingUser(p, name, ifExists)
		}
		return alterUserDelegatedClause(x, name)
	}
	change, err := parseUserAlteration(p)
	if err != nil {
		return nil, err
	}
	u, ok := x.cat.Users[name]
	if !ok {
		return missingUser(p, name, ifExists)
	}
	if name != x.s.User && !x.ownerOrManageGrants(u.Owner) {
		return nil, errPrivileges("user", name)
	}
	if err := change(x, u); err != nil {
		return nil, err
	}
	x.changed = true
	return executedOK(), nil
}

func isDelegatedClause(p *parser) bool {
	return (p.isKeyword("ADD") || p.isKeyword("REMOVE")) && p.peekAt(1).Kind == tokIdent && p.peekAt(1).Value == "DELEGATED"
}

func alterUserDelegatedClause(x *execCtx, name string) (*Result, *SQLError) {
	return alterUserDelegated(x, name, x.p.next().Value == "ADD")
}

// missingUser answers ALTER USER on a user that does not exist: a no-op with IF EXISTS.
func missingUser(p *parser, name string, ifExists bool) (*Result, *SQLError) {
	if !ifExists {
		return nil, errNotExist("User", name)
	}
	for p.peek().Kind != tokEOF {
		p.next()
	}
	return executedOK(), nil
}

// parseUserAlteration parses SET ..., UNSET ... or RENAME TO ... to the end of the statement.
func parseUserAlteration(p *parser) (userChange, *SQLError) {
	var changes []userChange
	var err *SQLError
	switch {
	case p.acceptKeyword("SET"):
		if p.peek().Kind == tokEOF {
			return nil, p.unexpected()
		}
		changes, err = parseUserSets(p)
	case p.acceptKeyword("UNSET"):
		changes, err = parseUserUnsets(p)
	case p.acceptKeyword("RENAME", "TO"):
		var to string
		if to, err = p.identifier(); err == nil {
			changes = []userChange{renameUser(to)}
		}
	default:
		return nil, p.unexpected()
	}
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	return func(x *execCtx, u *User) *SQLError { return applyUserChanges(x, u, changes) }, nil
}

// userUnsets restore each stored property's default; ignored properties unset to nothing.
var userUnsets = map[string]func(u *User){
	"PASSWORD":         func(u *User) { u.Password = "" },
	"DEFAULT_ROLE":     func(u *User) { u.DefaultRole = "" },
	"RSA_PUBLIC_KEY":   func(u *User) { u.RSAPublicKey = "" },
	"RSA_PUBLIC_KEY_2": func(u *User) { u.RSAPublicKey2 = "" },
	"COMMENT":          func(u *User) { u.Comment = nil },
	"NETWORK_POLICY":   func(u *User) { u.NetworkPolicy = "" },
	"DISABLED":         func(u *User) { u.Disabled = false },
}

// parseUserUnsets reads `PROP [, PROP ...]`.
func parseUserUnsets(p *parser) ([]userChange, *SQLError) {
	var out []userChange
	for {
		t := p.peek()
		if t.Kind != tokIdent {
			return nil, p.unexpected()
		}
		p.next()
		unset, ok := userUnsets[t.Value]
		if !ok && !ignoredUserProps[t.Value] {
			return nil, errSyntax(t.Line, t.Pos, t.Text)
		}
		out = append(out, func(_ *execCtx, u *User) *SQLError {
			if unset != nil {
				unset(u)
			}
			return nil
		})
		if !p.acceptSymbol(",") {
			return out, nil
		}
	}
}

// renameUser moves the user and its delegated authorizations to the new name.
func renameUser(to string) userChange {
	return func(x *execCtx, u *User) *SQLError {
		if _, exists := x.cat.Users[to]; exists {
			return errAlreadyExists(to)
		}
		from := u.Name
		delete(x.cat.Users, from)
		u.Name = to
		x.cat.Users[to] = u
		for _, d := range x.cat.Delegated {
			if d.User == from {
				d.User = to
			}
		}
		return nil
	}
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
	if !x.ownerOrManageGrants(u.Owner) {
		return nil, errPrivileges("user", name)
	}
	delete(x.cat.Users, name)
	x.revokeDelegated(name, "", "")
	return x.dropped(name), nil
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
	if name != x.s.User && !x.ownerOrManageGrants(u.Owner) {
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

// showUsers handles SHOW USERS [LIKE 'p']. The columns, in order, are those the official provider's
// live-tested SDK reads (https://docs.snowflake.com/en/sql-reference/sql/show-users lists the same):
// what the emulator does not model is NULL (names, e-mail, warehouse, namespace, secondary roles,
// expiry and lock times, user type) or false (MFA, Duo, workload identity, forced password change).
// The lockout (lockout.go) is deliberately not shown in locked_until_time (README, assumed table).
func showUsers(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := parseShowLike(p)
	if err != nil {
		return nil, err
	}
	ts := func(name string) Column { c := createdOnCol(); c.Name = name; return c }
	res := &Result{StatementTypeID: StatementShow, Rows: [][]*string{}, Columns: []Column{
		textCol("name"), createdOnCol(), textCol("login_name"), textCol("display_name"), textCol("first_name"),
		textCol("last_name"), textCol("email"), textCol("mins_to_unlock"), textCol("days_to_expiry"), textCol("comment"),
		textCol("disabled"), textCol("must_change_password"), textCol("snowflake_lock"), textCol("default_warehouse"),
		textCol("default_namespace"), textCol("default_role"), textCol("default_secondary_roles"), textCol("ext_authn_duo"),
		textCol("ext_authn_uid"), textCol("mins_to_bypass_mfa"), textCol("owner"), ts("last_success_login"),
		ts("expires_at_time"), ts("locked_until_time"), textCol("has_password"), textCol("has_rsa_public_key"),
		textCol("type"), textCol("has_mfa"), textCol("has_workload_identity"),
	}}
	f := str("false")
	for _, n := range sortedMatching(x.cat.Users, pattern, hasLike, nil) {
		u := x.cat.Users[n]
		res.Rows = append(res.Rows, []*string{
			str(u.Name), timeCell(u.CreatedOn), str(u.LoginName), str(u.Name), nil,
			nil, nil, nil, nil, strOrNil(u.Comment),
			str(boolString(u.Disabled)), f, f, nil,
			nil, str(u.DefaultRole), nil, f,
			nil, nil, str(u.Owner), nil,
			nil, nil, str(boolString(u.Password != "")), str(boolString(u.RSAPublicKey != "" || u.RSAPublicKey2 != "")),
			nil, f, f,
		})
	}
	return res, nil
}
