package engine

import (
	"fmt"
	"strings"
	"time"
)

// Databases and schemas, only as far as network rules need them: a rule lives in db.schema, which must
// exist (https://docs.snowflake.com/en/sql-reference/sql/create-network-rule), and dropping a database
// or schema that holds a rule used by a network policy is refused (098507 / 098508). CREATE
// [OR REPLACE] DATABASE|SCHEMA [IF NOT EXISTS] and DROP DATABASE|SCHEMA [IF EXISTS]; a new database
// has the PUBLIC and INFORMATION_SCHEMA schemas, as in Snowflake.

// Database is a Snowflake database with its schemas (keyed by stored name).
type Database struct {
	Name      string             `json:"name"`
	CreatedOn time.Time          `json:"created_on"`
	Owner     string             `json:"owner"`
	Schemas   map[string]*Schema `json:"schemas"`
}

// Schema is a schema of a database.
type Schema struct {
	Name      string    `json:"name"`
	CreatedOn time.Time `json:"created_on"`
	Owner     string    `json:"owner"`
}

func (d *Database) clone() *Database {
	out := *d
	out.Schemas = make(map[string]*Schema, len(d.Schemas))
	for k, s := range d.Schemas {
		sc := *s
		out.Schemas[k] = &sc
	}
	return &out
}

// qualified joins stored name parts the way Snowflake shows a qualified name (each part quoted only
// when it must be); network policies and the rules map use this form.
func qualified(parts ...string) string {
	shown := make([]string, len(parts))
	for i, p := range parts {
		shown[i] = displayName(p)
	}
	return strings.Join(shown, ".")
}

// qualifiedParts reads `a[.b[.c]]` into stored names.
func (p *parser) qualifiedParts() ([]string, *SQLError) {
	var parts []string
	for {
		name, err := p.identifier()
		if err != nil {
			return nil, err
		}
		parts = append(parts, name)
		if !p.acceptSymbol(".") {
			return parts, nil
		}
	}
}

// errNoCurrent is Snowflake's error for an unqualified name when the session has no current database
// or schema (the emulator's sessions never have one).
func errNoCurrent(op, what string) *SQLError {
	return &SQLError{"090105", "22000", fmt.Sprintf("Cannot perform %s. This session does not have a current %s. Call 'USE %s', or use a qualified name.", op, strings.ToLower(what), what)}
}

func errNotExistQualified(kind string, parts ...string) *SQLError {
	return &SQLError{"002003", "02000", fmt.Sprintf("SQL compilation error:\n%s '%s' does not exist or not authorized.", kind, qualified(parts...))}
}

// lookupSchema finds db.schema for statements on schema objects.
func (x *execCtx) lookupSchema(db, sc string) (*Schema, *SQLError) {
	d, ok := x.cat.Databases[db]
	if !ok || !x.ownerOrManageGrants(d.Owner) {
		return nil, errNotExistQualified("Database", db)
	}
	s, ok := d.Schemas[sc]
	if !ok {
		return nil, errNotExistQualified("Schema", db, sc)
	}
	return s, nil
}

// createDatabase handles CREATE [OR REPLACE] DATABASE [IF NOT EXISTS] name [COMMENT = '...'].
func createDatabase(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifNotExists, err := parseCreateHead(p, x.orReplace, p.identifier)
	if err != nil {
		return nil, err
	}
	if err := skipComment(p); err != nil {
		return nil, err
	}
	_, exists := x.cat.Databases[name]
	if res, err := x.accountCreateGate(roleSysAdmin, name, exists, ifNotExists, x.orReplace); res != nil || err != nil {
		return res, err
	}
	if exists {
		if err := x.dropDatabaseContents(name, nil); err != nil {
			return nil, err
		}
	}
	d := &Database{Name: name, CreatedOn: x.now, Owner: x.s.Role, Schemas: map[string]*Schema{}}
	for _, sc := range []string{"PUBLIC", "INFORMATION_SCHEMA"} {
		d.Schemas[sc] = &Schema{Name: sc, CreatedOn: x.now, Owner: x.s.Role}
	}
	x.cat.Databases[name] = d
	return x.created("Database", name), nil
}

// skipComment reads an optional COMMENT = '...' (not kept) and the end of the statement.
func skipComment(p *parser) *SQLError {
	if p.acceptKeyword("COMMENT") {
		if err := p.expectEquals(); err != nil {
			return err
		}
		if _, err := p.stringLiteral(); err != nil {
			return err
		}
	}
	return p.expectEOF()
}

// createSchema handles CREATE [OR REPLACE] SCHEMA [IF NOT EXISTS] db.name [COMMENT = '...'].
func createSchema(x *execCtx) (*Result, *SQLError) {
	p := x.p
	parts, ifNotExists, err := parseCreateHead(p, x.orReplace, p.qualifiedParts)
	if err != nil {
		return nil, err
	}
	if err := skipComment(p); err != nil {
		return nil, err
	}
	if len(parts) != 2 {
		return nil, errNoCurrent("CREATE SCHEMA", "DATABASE")
	}
	d, ok := x.cat.Databases[parts[0]]
	if !ok || !x.cat.roleIncludes(x.s.Role, d.Owner) {
		return nil, errNotExistQualified("Database", parts[0])
	}
	if _, exists := d.Schemas[parts[1]]; exists {
		if res, err := existsOutcome(parts[1], ifNotExists, x.orReplace); res != nil || err != nil {
			return res, err
		}
		if err := x.dropDatabaseContents(parts[0], &parts[1]); err != nil {
			return nil, err
		}
	}
	d.Schemas[parts[1]] = &Schema{Name: parts[1], CreatedOn: x.now, Owner: x.s.Role}
	return x.created("Schema", parts[1]), nil
}

// dropDatabaseOrSchema handles DROP DATABASE|SCHEMA [IF EXISTS] name [CASCADE|RESTRICT].
func dropDatabaseOrSchema(schema bool) handler {
	return func(x *execCtx) (*Result, *SQLError) {
		p := x.p
		ifExists := p.acceptKeyword("IF", "EXISTS")
		parts, err := p.qualifiedParts()
		if err != nil {
			return nil, err
		}
		if !p.acceptKeyword("CASCADE") {
			p.acceptKeyword("RESTRICT")
		}
		if err := p.expectEOF(); err != nil {
			return nil, err
		}
		if schema && len(parts) != 2 || !schema && len(parts) != 1 {
			return nil, errNoCurrent("DROP", "DATABASE")
		}
		var sc *string
		if schema {
			sc = &parts[1]
		}
		if lerr := x.lookupObjectContainer(parts[0], sc); lerr != nil {
			if ifExists {
				return alreadyDroppedResult(parts[len(parts)-1]), nil
			}
			return nil, lerr
		}
		if err := x.dropDatabaseContents(parts[0], sc); err != nil {
			return nil, err
		}
		if schema {
			delete(x.cat.Databases[parts[0]].Schemas, parts[1])
		} else {
			delete(x.cat.Databases, parts[0])
		}
		return x.dropped(parts[len(parts)-1]), nil
	}
}

// lookupObjectContainer checks that a database (sc nil), or a schema of it, exists for the role.
func (x *execCtx) lookupObjectContainer(db string, sc *string) *SQLError {
	if sc != nil {
		_, err := x.lookupSchema(db, *sc)
		return err
	}
	d, ok := x.cat.Databases[db]
	if !ok || !x.cat.roleIncludes(x.s.Role, d.Owner) {
		return errNotExistQualified("Database", db)
	}
	return nil
}

// dropDatabaseContents removes the network rules of a database (sc nil) or of one schema, refusing
// when a network policy uses one of them (098507 / 098508, texts from the official provider's docs).
func (x *execCtx) dropDatabaseContents(db string, sc *string) *SQLError {
	var doomed []string
	for key, r := range x.cat.NetworkRules {
		if r.Database == db && (sc == nil || r.Schema == *sc) {
			if _, used := x.ruleUsedBy(key); used {
				if sc != nil {
					return &SQLError{"098508", "2BP01", fmt.Sprintf("Cannot drop schema %s as it includes network rule - policy associations.", displayName(*sc))}
				}
				return &SQLError{"098507", "2BP01", fmt.Sprintf("Cannot drop database %s as it includes network rule - policy associations.", displayName(db))}
			}
			doomed = append(doomed, key)
		}
	}
	for _, key := range doomed {
		delete(x.cat.NetworkRules, key)
	}
	return nil
}
