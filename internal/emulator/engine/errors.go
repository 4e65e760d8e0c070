package engine

import "fmt"

// The constructors below produce Snowflake's error codes, SQL states and message shapes as
// internal/emulator/FIDELITY.md ("Errors") records them, with their evidence. Names in messages use displayName: plain when the stored name is a valid
// upper-case identifier, otherwise double-quoted.

func errSyntax(line, pos int, near string) *SQLError {
	return &SQLError{"001003", "42000", fmt.Sprintf("SQL compilation error:\nsyntax error line %d at position %d unexpected '%s'.", line, pos, near)}
}

func errNotExist(kind, name string) *SQLError {
	return &SQLError{"002003", "02000", fmt.Sprintf("SQL compilation error:\n%s '%s' does not exist or not authorized.", kind, displayName(name))}
}

func errAlreadyExists(name string) *SQLError {
	return &SQLError{"002002", "42710", fmt.Sprintf("SQL compilation error:\nObject '%s' already exists.", displayName(name))}
}

func errPrivileges(kind, name string) *SQLError {
	return &SQLError{"003001", "42501", fmt.Sprintf("SQL access control error:\nInsufficient privileges to operate on %s '%s'", kind, displayName(name))}
}

func errInvalidParam(value, param string) *SQLError {
	return &SQLError{"001008", "22023", fmt.Sprintf("SQL compilation error:\ninvalid value [%s] for parameter '%s'", value, param)}
}

func errInvalidProperty(value, prop string) *SQLError {
	return &SQLError{"001422", "22023", fmt.Sprintf("SQL compilation error: invalid value '%s' for property '%s'", value, prop)}
}

func errCombination(a, av, b, bv string) *SQLError {
	return &SQLError{"001425", "22023", fmt.Sprintf("SQL compilation error:\ninvalid property combination '%s'='%s' and '%s'='%s'", a, av, b, bv)}
}

func errMissingOption(name string) *SQLError {
	return &SQLError{"002029", "42601", fmt.Sprintf("SQL compilation error: Missing option(s): %s", name)}
}

func errPolicyAttached(policy, integration string) *SQLError {
	return &SQLError{"001492", "42601", fmt.Sprintf("SQL compilation error:\nCannot perform Drop operation on network policy %s. The policy is attached to INTEGRATION with name %s. Unset the network policy from INTEGRATION and try the Drop operation again.", displayName(policy), displayName(integration))}
}

func errEmptyPolicy(policy string) *SQLError {
	return &SQLError{"098519", "22023", fmt.Sprintf("Empty network policy %s cannot be active.", displayName(policy))}
}

func errUnsupported(what string) *SQLError {
	return &SQLError{"000002", "0A000", fmt.Sprintf("Unsupported feature '%s'.", what)}
}

// displayName renders a stored name as Snowflake shows it in messages.
func displayName(name string) string {
	if isPlainUpperIdent(name) {
		return name
	}
	return quoteIdent(name)
}

func quoteIdent(name string) string {
	out := []byte{'"'}
	for i := 0; i < len(name); i++ {
		if name[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, name[i])
	}
	return string(append(out, '"'))
}

// isPlainUpperIdent reports whether name can be written unquoted and still denote itself.
func isPlainUpperIdent(name string) bool {
	if name == "" || !isIdentStart(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isIdentPart(c) || c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
