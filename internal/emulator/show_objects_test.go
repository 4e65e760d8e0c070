package emulator

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
)

// showTable runs a SHOW through gosnowflake and returns its column names and each row's cells by name.
func showTable(t *testing.T, db *sql.DB, query string) ([]string, []map[string]sql.NullString) {
	t.Helper()
	cols, cells := queryTable(t, db, query)
	var out []map[string]sql.NullString
	for _, r := range cells {
		row := map[string]sql.NullString{}
		for i, c := range cols {
			row[c] = r[i]
		}
		out = append(out, row)
	}
	return cols, out
}

// names returns the name column of SHOW rows.
func names(rows []map[string]sql.NullString) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r["name"].String)
	}
	return out
}

// SHOW DATABASES, SHOW ROLES and SHOW USERS with LIKE, as a cleanup job (the acceptance tests' sweep)
// finds its objects: Snowflake's columns in Snowflake's order, case-insensitive whole-name matching,
// quoted lower-case names included, zero rows as an empty result.
func TestShowDatabasesRolesUsersLike(t *testing.T) {
	_, db := startWithAdmin(t, Options{})
	for _, q := range []string{
		"CREATE DATABASE TFACC_ONE", `CREATE DATABASE "tfacc_lower"`, "CREATE DATABASE KEEP_DB",
		"CREATE ROLE TFACC_R", "CREATE ROLE KEEP_R",
		"CREATE USER TFACC_U PASSWORD = 'pw' DEFAULT_ROLE = TFACC_R COMMENT = 'c'", "CREATE USER KEEP_U",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}

	cols, dbs := showTable(t, db, "SHOW DATABASES LIKE 'tfacc%'")
	wantCols := []string{"created_on", "name", "is_default", "is_current", "origin", "owner", "comment", "options",
		"retention_time", "kind", "budget", "owner_role_type"}
	if !reflect.DeepEqual(cols, wantCols) {
		t.Errorf("SHOW DATABASES columns %v, want %v", cols, wantCols)
	}
	if got := names(dbs); !reflect.DeepEqual(got, []string{"TFACC_ONE", "tfacc_lower"}) {
		t.Errorf("SHOW DATABASES LIKE 'tfacc%%' = %v", got)
	}
	if r := dbs[0]; r["owner"].String != "ACCOUNTADMIN" || r["kind"].String != "STANDARD" || r["is_current"].String != "N" || !r["created_on"].Valid {
		t.Errorf("SHOW DATABASES row %v", r)
	}
	if _, got := showTable(t, db, "SHOW DATABASES STARTS WITH 'KEEP' LIMIT 5"); !reflect.DeepEqual(names(got), []string{"KEEP_DB"}) {
		t.Errorf("SHOW DATABASES STARTS WITH = %v", names(got))
	}
	if _, got := showTable(t, db, "SHOW DATABASES LIKE 'NONE%'"); len(got) != 0 {
		t.Errorf("SHOW DATABASES LIKE 'NONE%%' = %v", got)
	}

	if _, got := showTable(t, db, "SHOW ROLES LIKE 'TFACC%'"); !reflect.DeepEqual(names(got), []string{"TFACC_R"}) {
		t.Errorf("SHOW ROLES LIKE = %v", names(got))
	}

	cols, users := showTable(t, db, "SHOW USERS LIKE 'tfacc%'")
	for _, c := range []string{"name", "created_on", "login_name", "display_name", "comment", "disabled", "default_role",
		"default_secondary_roles", "owner", "last_success_login", "has_password", "has_rsa_public_key", "type", "has_mfa"} {
		if !strings.Contains(","+strings.Join(cols, ",")+",", ","+c+",") {
			t.Errorf("SHOW USERS has no %s column: %v", c, cols)
		}
	}
	if got := names(users); !reflect.DeepEqual(got, []string{"TFACC_U"}) {
		t.Fatalf("SHOW USERS LIKE = %v", got)
	}
	if u := users[0]; u["default_role"].String != "TFACC_R" || u["has_password"].String != "true" || u["comment"].String != "c" ||
		u["display_name"].String != "TFACC_U" || u["email"].Valid {
		t.Errorf("SHOW USERS row %v", u)
	}
}
