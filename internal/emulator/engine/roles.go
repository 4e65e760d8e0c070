package engine

import "strconv"

var systemRoles = map[string]bool{
	roleAccountAdmin: true, roleSecurityAdmin: true, roleUserAdmin: true, roleSysAdmin: true, roleOrgAdmin: true, rolePublic: true,
}

// createRole handles CREATE [OR REPLACE] ROLE [IF NOT EXISTS] name [COMMENT = '...'].
func createRole(x *execCtx) (*Result, *SQLError) {
	p, orReplace := x.p, x.orReplace
	ifNotExists := p.acceptKeyword("IF", "NOT", "EXISTS")
	if orReplace && ifNotExists {
		return nil, p.unexpected()
	}
	name, err := p.identifier()
	if err != nil {
		return nil, err
	}
	var comment *string
	if p.acceptKeyword("COMMENT") {
		if err := p.expectEquals(); err != nil {
			return nil, err
		}
		c, err := p.stringLiteral()
		if err != nil {
			return nil, err
		}
		comment = &c
	}
	if err := p.expectEOF(); err != nil {
		return nil, err
	}
	_, exists := x.cat.Roles[name]
	if res, err := x.accountCreateGate(roleUserAdmin, name, exists, ifNotExists, orReplace && !systemRoles[name]); res != nil || err != nil {
		return res, err
	}
	x.cat.Roles[name] = &Role{Name: name, CreatedOn: x.now, Owner: x.s.Role, Comment: comment}
	return x.created("Role", name), nil
}

// dropRole handles DROP ROLE [IF EXISTS] name; grants of the role disappear with it.
func dropRole(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseDropName(p)
	if err != nil {
		return nil, err
	}
	r, ok := x.cat.Roles[name]
	if !ok {
		return dropMissing(name, ifExists, "Role")
	}
	if systemRoles[name] {
		return nil, &SQLError{"003006", "42501", "SQL access control error:\nCannot drop system role '" + name + "'."}
	}
	if !x.ownerOrManageGrants(r.Owner) {
		return nil, errPrivileges("role", name)
	}
	delete(x.cat.Roles, name)
	for _, o := range x.cat.Roles {
		o.Granted = without(o.Granted, name)
	}
	for _, u := range x.cat.Users {
		u.Roles = without(u.Roles, name)
	}
	x.revokeDelegated("", name, "")
	return x.dropped(name), nil
}

func without(list []string, item string) []string {
	out := list[:0:0]
	for _, v := range list {
		if v != item {
			out = append(out, v)
		}
	}
	return out
}

// withMember returns list with item in it (member) or without it, adding it at the end once.
func withMember(list []string, item string, member bool) []string {
	switch {
	case !member:
		return without(list, item)
	case contains(list, item):
		return list
	}
	return append(list, item)
}

func contains(list []string, item string) bool {
	for _, v := range list {
		if v == item {
			return true
		}
	}
	return false
}

// grantRole handles GRANT ROLE r TO USER u | TO ROLE r2.
func grantRole(x *execCtx) (*Result, *SQLError) { return grantOrRevoke(x, true) }

// revokeRole handles REVOKE ROLE r FROM USER u | FROM ROLE r2.
func revokeRole(x *execCtx) (*Result, *SQLError) { return grantOrRevoke(x, false) }

func grantOrRevoke(x *execCtx, grant bool) (*Result, *SQLError) {
	p := x.p
	if err := p.expectKeyword("ROLE"); err != nil {
		return nil, err
	}
	role, err := p.identifier()
	if err != nil {
		return nil, err
	}
	prep := "TO"
	if !grant {
		prep = "FROM"
	}
	if err := p.expectKeyword(prep); err != nil {
		return nil, err
	}
	toUser := p.acceptKeyword("USER")
	if !toUser {
		if err := p.expectKeyword("ROLE"); err != nil {
			return nil, err
		}
	}
	grantee, err := parseNameEOF(p)
	if err != nil {
		return nil, err
	}
	r, ok := x.cat.Roles[role]
	if !ok {
		return nil, errNotExist("Role", role)
	}
	if !x.ownerOrManageGrants(r.Owner) {
		return nil, errPrivileges("role", role)
	}
	if toUser {
		err = x.grantToUser(role, grantee, grant)
	} else {
		err = x.grantToRole(role, grantee, grant)
	}
	if err != nil {
		return nil, err
	}
	x.changed = true
	return executedOK(), nil
}

// grantToUser grants role to (or revokes it from) a user.
func (x *execCtx) grantToUser(role, user string, grant bool) *SQLError {
	u, ok := x.cat.Users[user]
	if !ok {
		return errNotExist("User", user)
	}
	u.Roles = withMember(u.Roles, role, grant)
	return nil
}

// grantToRole makes grantee inherit role (or stops it), refusing cycles in the hierarchy.
func (x *execCtx) grantToRole(role, grantee string, grant bool) *SQLError {
	g, ok := x.cat.Roles[grantee]
	if !ok {
		return errNotExist("Role", grantee)
	}
	if grant && x.cat.wouldCycle(grantee, role) {
		return &SQLError{"003013", "42501", "SQL execution error:\nRole " + displayName(role) + " cannot be granted to " + displayName(grantee) + " as it would create a cycle."}
	}
	g.Granted = withMember(g.Granted, role, grant)
	return nil
}

// useRole handles USE ROLE r: the user must hold the role.
func useRole(x *execCtx) (*Result, *SQLError) {
	p := x.p
	if err := p.expectKeyword("ROLE"); err != nil {
		return nil, err
	}
	role, err := parseNameEOF(p)
	if err != nil {
		return nil, err
	}
	if _, ok := x.cat.Roles[role]; !ok || !x.cat.userHasRole(x.s.User, role) {
		return nil, &SQLError{"003013", "42501", "SQL execution error:\nRequested role '" + displayName(role) + "' is not assigned to the executing user. Specify another role to activate."}
	}
	if err := x.oauthRoleSwitch(role); err != nil {
		return nil, err
	}
	x.s.Role = role
	return executedOK(), nil
}

// showRoles handles SHOW ROLES [LIKE 'p'].
func showRoles(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := parseShowLike(p)
	if err != nil {
		return nil, err
	}
	res := &Result{StatementTypeID: StatementShow, Columns: []Column{
		createdOnCol(), textCol("name"), textCol("is_default"), textCol("is_current"), textCol("is_inherited"),
		fixedCol("assigned_to_users"), fixedCol("granted_to_roles"), fixedCol("granted_roles"), textCol("owner"), textCol("comment"),
	}}
	names := sortedMatching(x.cat.Roles, pattern, hasLike, nil)
	current := x.cat.roleClosure(x.s.Role)
	def := ""
	if u, ok := x.cat.Users[x.s.User]; ok {
		def = u.DefaultRole
	}
	for _, n := range names {
		r := x.cat.Roles[n]
		users, roles := 0, 0
		for _, u := range x.cat.Users {
			if contains(u.Roles, n) {
				users++
			}
		}
		for _, o := range x.cat.Roles {
			if contains(o.Granted, n) {
				roles++
			}
		}
		comment := ""
		if r.Comment != nil {
			comment = *r.Comment
		}
		res.Rows = append(res.Rows, []*string{
			timeCell(r.CreatedOn), str(n), yn(n == def), yn(n == x.s.Role), yn(n != x.s.Role && current[n]),
			str(strconv.Itoa(users)), str(strconv.Itoa(roles)), str(strconv.Itoa(len(r.Granted))), str(r.Owner), str(comment),
		})
	}
	return res, nil
}

func yn(b bool) *string {
	if b {
		return str("Y")
	}
	return str("N")
}
