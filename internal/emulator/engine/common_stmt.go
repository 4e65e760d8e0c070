package engine

import "sort"

// Shared pieces of the CREATE / DROP / SHOW statements of roles, users, network policies and
// integrations, so their messages and rules stay identical across object kinds.

// parseIfNotExists reads the optional IF NOT EXISTS of CREATE; with OR REPLACE it is a syntax error
// reported at IF (Snowflake rejects the combination with an unknown code).
func parseIfNotExists(p *parser, orReplace bool) (bool, *SQLError) {
	ifTok := p.peek()
	ifNotExists := p.acceptKeyword("IF", "NOT", "EXISTS")
	if orReplace && ifNotExists {
		return false, errSyntax(ifTok.Line, ifTok.Pos, ifTok.Text)
	}
	return ifNotExists, nil
}

// parseCreateHead reads the head of CREATE after the object kind: the optional IF NOT EXISTS
// (parseIfNotExists), then the object's name with readName.
func parseCreateHead[T any](p *parser, orReplace bool, readName func() (T, *SQLError)) (name T, ifNotExists bool, err *SQLError) {
	if ifNotExists, err = parseIfNotExists(p, orReplace); err != nil {
		return name, false, err
	}
	name, err = readName()
	return name, ifNotExists, err
}

// parseIfExistsName reads "[IF EXISTS] name", the head of DROP and ALTER.
func parseIfExistsName(p *parser) (name string, ifExists bool, err *SQLError) {
	ifExists = p.acceptKeyword("IF", "EXISTS")
	name, err = p.identifier()
	return name, ifExists, err
}

// parseDropName reads "[IF EXISTS] name" followed by the end of the statement.
func parseDropName(p *parser) (name string, ifExists bool, err *SQLError) {
	name, ifExists, err = parseIfExistsName(p)
	if err != nil {
		return "", false, err
	}
	if err := p.expectEOF(); err != nil {
		return "", false, err
	}
	return name, ifExists, nil
}

// parseNameEOF reads a statement that ends with the object's name (DESCRIBE, USE ROLE).
func parseNameEOF(p *parser) (string, *SQLError) { return untilEOF(p, p.identifier) }

// untilEOF reads the rest of a statement with read and then requires its end.
func untilEOF[T any](p *parser, read func() (T, *SQLError)) (T, *SQLError) {
	v, err := read()
	if err != nil {
		return v, err
	}
	return v, p.expectEOF()
}

// parseShowLike reads the optional LIKE '<pattern>' that ends a SHOW statement.
func parseShowLike(p *parser) (pattern string, hasLike bool, err *SQLError) {
	pattern, hasLike, err = p.optLike()
	if err != nil {
		return "", false, err
	}
	if err := p.expectEOF(); err != nil {
		return "", false, err
	}
	return pattern, hasLike, nil
}

// dropMissing answers DROP of an object that does not exist (or is not visible): a status with
// IF EXISTS, else kind's does-not-exist error.
func dropMissing(name string, ifExists bool, kind string) (*Result, *SQLError) {
	if ifExists {
		return alreadyDroppedResult(name), nil
	}
	return nil, errNotExist(kind, name)
}

// alreadyDroppedResult is DROP ... IF EXISTS on a missing object.
func alreadyDroppedResult(name string) *Result {
	return statusResult("Drop statement executed successfully (" + displayName(name) + " already dropped).")
}

// dropped marks the catalog changed and answers a successful DROP of name.
func (x *execCtx) dropped(name string) *Result {
	x.changed = true
	return statusResult(displayName(name) + " successfully dropped.")
}

// created marks the catalog changed and answers a successful CREATE of kind ("Role", "Network
// policy", ...) named name.
func (x *execCtx) created(kind, name string) *Result {
	x.changed = true
	return statusResult(kind + " " + displayName(name) + " successfully created.")
}

// existsOutcome decides CREATE on a name that already exists: IF NOT EXISTS succeeds with a status,
// a non-replaceable CREATE fails, and a replaceable one (nil, nil) goes on to replace the object.
func existsOutcome(name string, ifNotExists, replaceable bool) (*Result, *SQLError) {
	switch {
	case ifNotExists:
		return statusResult(displayName(name) + " already exists, statement succeeded."), nil
	case !replaceable:
		return nil, errAlreadyExists(name)
	}
	return nil, nil
}

// accountCreateGate is what CREATE of an account-level object (user, role, network policy,
// integration, database) checks against the catalog first: the session's role must inherit role
// (003001 on the account), and a taken name answers the statement through existsOutcome unless the
// object may be replaced ((nil, nil): go on).
func (x *execCtx) accountCreateGate(role, name string, exists, ifNotExists, replaceable bool) (*Result, *SQLError) {
	if err := x.requireRole(role, "account", x.e.opts.Account); err != nil {
		return nil, err
	}
	if !exists {
		return nil, nil
	}
	return existsOutcome(name, ifNotExists, replaceable)
}

// sortedMatching returns the names of objs matching SHOW ... LIKE (when hasLike) that visible accepts
// (all when visible is nil), sorted.
func sortedMatching[V any](objs map[string]V, pattern string, hasLike bool, visible func(name string) bool) []string {
	names := make([]string, 0, len(objs))
	for n := range objs {
		if (visible == nil || visible(n)) && (!hasLike || likeMatch(pattern, n)) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}
