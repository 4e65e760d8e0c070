package engine

import (
	"fmt"
	"sort"
)

// Delegated authorizations (FIDELITY.md, "Delegated authorizations"): a user's pre-granted consent of one role to one
// custom OAuth client. ALTER USER ... ADD|REMOVE DELEGATED AUTHORIZATION(S) and SHOW DELEGATED
// AUTHORIZATIONS. A REMOVE also revokes the user's tokens for that integration (and role); the OAuth
// server learns of it through DrainRevocations.

// Revocation tells the OAuth server to invalidate every access and refresh token whose user, role and
// integration match; an empty field matches any value. ALTER USER ... REMOVE DELEGATED AUTHORIZATION
// gives all three fields, the plural REMOVE forms leave Role empty.
type Revocation struct {
	User        string
	Role        string
	Integration string
}

// DrainRevocations returns, oldest first, the revocations made by REMOVE DELEGATED AUTHORIZATION(S)
// and by drops of users, roles and integrations since the last call, and forgets them. The wire
// layer calls it after every Exec and hands the result to the OAuth server.
func (e *Engine) DrainRevocations() []Revocation {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.revocations
	e.revocations = nil
	return out
}

// HasDelegatedAuthorization reports whether user has pre-granted consent of role to the integration
// (all three are stored names).
func (e *Engine) HasDelegatedAuthorization(user, role, integration string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cat.findDelegated(user, role, integration) >= 0
}

func (c *catalog) findDelegated(user, role, integration string) int {
	for i, d := range c.Delegated {
		if d.User == user && d.Role == role && d.Integration == integration {
			return i
		}
	}
	return -1
}

// revokeDelegated deletes the delegated authorizations matching user, role and integration ("" matches
// any) and queues one Revocation with the same fields, so the matching tokens die too, whether or not
// a delegated authorization existed (consent may have been given at the prompt). REMOVE calls it, and
// so should DROP USER / DROP ROLE / DROP INTEGRATION (e.g. x.revokeDelegated("", "", name)).
func (x *execCtx) revokeDelegated(user, role, integration string) {
	kept := x.cat.Delegated[:0:0]
	for _, d := range x.cat.Delegated {
		if (user == "" || d.User == user) && (role == "" || d.Role == role) && (integration == "" || d.Integration == integration) {
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) != len(x.cat.Delegated) {
		x.cat.Delegated = kept
		x.changed = true
	}
	// Queued on the statement; Engine.exec hands it on only if the statement succeeds.
	x.revocations = append(x.revocations, Revocation{User: user, Role: role, Integration: integration})
}

// Validation errors of ADD. Snowflake's texts and codes are not documented (FIDELITY.md, "Delegated authorizations"); these
// use 001422 (22023), the code of invalid property values.
func errDelegatedPartner() *SQLError {
	return &SQLError{"001422", "22023", "SQL compilation error:\nDelegated authorization is only supported for custom OAuth clients."}
}

func errDelegatedNotGranted(role, user string) *SQLError {
	return &SQLError{"001422", "22023", fmt.Sprintf("SQL compilation error:\nRole '%s' is not granted to user '%s'.", displayName(role), displayName(user))}
}

func errDelegatedBlocked(role, integration string) *SQLError {
	return &SQLError{"001422", "22023", fmt.Sprintf("SQL compilation error:\nRole '%s' is blocked for integration '%s'.", displayName(role), displayName(integration))}
}

func errDelegatedNotAllowed(role, integration string) *SQLError {
	return &SQLError{"001422", "22023", fmt.Sprintf("SQL compilation error:\nRole '%s' is not in the ALLOWED_ROLES_LIST of integration '%s'.", displayName(role), displayName(integration))}
}

// daRoleBlocked reports whether role is blocked for the integration: its effective BLOCKED_ROLES_LIST
// (as DESCRIBE shows it) plus, while OAUTH_ADD_PRIVILEGED_ROLES_TO_BLOCKED_LIST is on, every privileged
// role the docs name (DESCRIBE on test accounts shows only ACCOUNTADMIN and SECURITYADMIN).
func (c *catalog) daRoleBlocked(in *Integration, role string) bool {
	if contains(effectiveBlockedRoles(c, in), role) {
		return true
	}
	return c.privilegedRolesBlocked() && (role == roleOrgAdmin || role == "GLOBALORGADMIN")
}

// daMayManageUser: anyone may act on themselves; on another user the role needs SECURITYADMIN (or
// higher) or OWNERSHIP of the user.
func (x *execCtx) daMayManageUser(u *User) bool {
	return u.Name == x.s.User || x.ownerOrManageGrants(u.Owner)
}

// alterUserDelegated runs the rest of ALTER USER [IF EXISTS] [<user>] ADD|REMOVE DELEGATED ...; the
// caller consumed everything up to ADD or REMOVE and resolved user ("" = the current user).
//
//	ADD DELEGATED AUTHORIZATION OF ROLE <r> TO SECURITY INTEGRATION <i>
//	REMOVE DELEGATED AUTHORIZATION OF ROLE <r> FROM SECURITY INTEGRATION <i>
//	REMOVE DELEGATED AUTHORIZATIONS [OF ANY ROLE] FROM SECURITY INTEGRATION <i>
func alterUserDelegated(x *execCtx, user string, add bool) (*Result, *SQLError) {
	role, integ, err := parseDelegated(x.p, add)
	if err != nil {
		return nil, err
	}
	if user == "" {
		user = x.s.User
	}
	u, ok := x.cat.Users[user]
	if !ok {
		return nil, errNotExist("User", user)
	}
	if !x.daMayManageUser(u) {
		return nil, errPrivileges("user", user)
	}
	if role != "" {
		if _, ok := x.cat.Roles[role]; !ok {
			return nil, errNotExist("Role", role)
		}
	}
	in, ok := x.cat.Integrations[integ]
	if !ok {
		return nil, errNotExist("Integration", integ)
	}
	if !add {
		x.revokeDelegated(user, role, integ)
		return executedOK(), nil
	}
	if err := x.checkDelegatable(in, user, role); err != nil {
		return nil, err
	}
	if x.cat.findDelegated(user, role, integ) < 0 {
		x.cat.Delegated = append(x.cat.Delegated, &DelegatedAuthorization{CreatedOn: x.now, User: user, Role: role, Integration: integ})
		x.changed = true
	}
	return executedOK(), nil
}

// parseDelegated reads the clause from DELEGATED to the end; role "" means every role (the plural
// REMOVE forms).
func parseDelegated(p *parser, add bool) (role, integ string, err *SQLError) {
	if err = p.expectKeyword("DELEGATED"); err != nil {
		return "", "", err
	}
	if add || p.isKeyword("AUTHORIZATION") {
		if err = p.expectKeyword("AUTHORIZATION", "OF", "ROLE"); err != nil {
			return "", "", err
		}
		if role, err = p.identifier(); err != nil {
			return "", "", err
		}
	} else {
		if err = p.expectKeyword("AUTHORIZATIONS"); err != nil {
			return "", "", err
		}
		if p.acceptKeyword("OF") {
			if err = p.expectKeyword("ANY", "ROLE"); err != nil {
				return "", "", err
			}
		}
	}
	prep := "FROM"
	if add {
		prep = "TO"
	}
	if err = p.expectKeyword(prep, "SECURITY", "INTEGRATION"); err != nil {
		return "", "", err
	}
	if integ, err = p.identifier(); err != nil {
		return "", "", err
	}
	return role, integ, p.expectEOF()
}

// checkDelegatable applies ADD's rules: custom clients only, a role the user holds, not blocked, and
// allowed when the integration has an allowed list.
func (x *execCtx) checkDelegatable(in *Integration, user, role string) *SQLError {
	switch {
	case in.Client != clientCustom:
		return errDelegatedPartner()
	case !x.cat.userHasRole(user, role):
		return errDelegatedNotGranted(role, user)
	case x.cat.daRoleBlocked(in, role):
		return errDelegatedBlocked(role, in.Name)
	}
	if allowed := in.Lists["ALLOWED_ROLES_LIST"]; len(allowed) > 0 && !contains(allowed, role) {
		return errDelegatedNotAllowed(role, in.Name)
	}
	return nil
}

// showDelegatedAuthorizations runs SHOW DELEGATED AUTHORIZATIONS [BY USER <u> | TO SECURITY INTEGRATION <i>].
// Without a clause it lists only the current user's; BY USER needs the user themself, SECURITYADMIN or
// higher, or the user's owner; TO SECURITY INTEGRATION needs the integration's owner (ACCOUNTADMIN).
func showDelegatedAuthorizations(x *execCtx) (*Result, *SQLError) {
	byUser, toInteg, err := parseShowDelegated(x)
	if err != nil {
		return nil, err
	}
	if err := x.mayShowDelegated(byUser, toInteg); err != nil {
		return nil, err
	}
	var rows []*DelegatedAuthorization
	for _, d := range x.cat.Delegated {
		if (byUser == "" || d.User == byUser) && (toInteg == "" || d.Integration == toInteg) {
			if _, ok := x.cat.Integrations[d.Integration]; ok {
				rows = append(rows, d)
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch {
		case !a.CreatedOn.Equal(b.CreatedOn):
			return a.CreatedOn.Before(b.CreatedOn)
		case a.User != b.User:
			return a.User < b.User
		case a.Role != b.Role:
			return a.Role < b.Role
		}
		return a.Integration < b.Integration
	})
	res := &Result{Columns: []Column{
		createdOnCol(), textCol("user_name"), textCol("role_name"),
		textCol("integration_name"), textCol("integration_status"),
	}, Rows: [][]*string{}, StatementTypeID: StatementShow}
	for _, d := range rows {
		status := "DISABLED"
		if x.cat.Integrations[d.Integration].Props["ENABLED"] == "true" {
			status = "ENABLED"
		}
		res.Rows = append(res.Rows, []*string{timeCell(d.CreatedOn), str(d.User), str(d.Role), str(d.Integration), str(status)})
	}
	return res, nil
}

// parseShowDelegated reads [BY USER <u> | TO SECURITY INTEGRATION <i>]; without a clause the
// current user is meant.
func parseShowDelegated(x *execCtx) (byUser, toInteg string, err *SQLError) {
	p := x.p
	byUser = x.s.User
	switch {
	case p.acceptKeyword("BY", "USER"):
		if byUser, err = p.identifier(); err != nil {
			return "", "", err
		}
	case p.acceptKeyword("TO"):
		if err = p.expectKeyword("SECURITY", "INTEGRATION"); err != nil {
			return "", "", err
		}
		if toInteg, err = p.identifier(); err != nil {
			return "", "", err
		}
		byUser = ""
	}
	return byUser, toInteg, p.expectEOF()
}

// mayShowDelegated checks the privilege of the SHOW form.
func (x *execCtx) mayShowDelegated(byUser, toInteg string) *SQLError {
	if toInteg != "" {
		in, ok := x.cat.Integrations[toInteg]
		if !ok {
			return errNotExist("Integration", toInteg)
		}
		owner := in.Owner
		if owner == "" {
			owner = roleAccountAdmin
		}
		return x.requireRole(owner, "integration", toInteg)
	}
	if byUser == x.s.User {
		return nil
	}
	u, ok := x.cat.Users[byUser]
	if !ok {
		return errNotExist("User", byUser)
	}
	if !x.daMayManageUser(u) {
		return errPrivileges("user", byUser)
	}
	return nil
}
