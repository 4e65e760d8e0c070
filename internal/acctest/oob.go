package acctest

// Out-of-band reads for the acceptance tests. They go through database/sql and read raw rows, never
// the provider's internal/snowflake parser: a check that parsed with the provider's own code would
// agree with the provider on any bug in that code.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// QueryRows runs query as ACCOUNTADMIN and returns its rows as lower-case column name -> value, each
// cell as the text the driver reads (NULL as "").
func (tg *Target) QueryRows(query string) ([]map[string]string, error) {
	return queryRows(tg.DB, query)
}

// queryRows is QueryRows on any connection (the sweep has no Target yet).
func queryRows(db *sql.DB, query string) ([]map[string]string, error) {
	rows, err := db.Query(query)
	if err != nil {
		return nil, fmt.Errorf("out-of-band %q: %w", query, err)
	}
	defer func() { _ = rows.Close() }()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]string, len(cols))
		for i, c := range cols {
			row[strings.ToLower(c)] = vals[i].String
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// Rows is QueryRows that fails the test on error.
func (tg *Target) Rows(t testing.TB, query string) []map[string]string {
	t.Helper()
	rows, err := tg.QueryRows(query)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Properties runs a DESCRIBE (or any query with property and property_value columns) and returns
// property -> property_value. Rows that are absent stay absent: a test can tell "not shown" from "".
func (tg *Target) Properties(query string) (map[string]string, error) {
	rows, err := tg.QueryRows(query)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r["property"]] = r["property_value"]
	}
	return out, nil
}

// DescribeIntegration is DESCRIBE SECURITY INTEGRATION of sqlName (an identifier in SQL form, quoted
// where needed), failing the test on error.
func (tg *Target) DescribeIntegration(t testing.TB, sqlName string) map[string]string {
	t.Helper()
	props, err := tg.Properties("DESCRIBE SECURITY INTEGRATION " + sqlName)
	if err != nil {
		t.Fatal(err)
	}
	return props
}

// ClientSecrets is what SYSTEM$SHOW_OAUTH_CLIENT_SECRETS returns.
type ClientSecrets struct {
	ID      string `json:"OAUTH_CLIENT_ID"`
	Secret  string `json:"OAUTH_CLIENT_SECRET"`
	Secret2 string `json:"OAUTH_CLIENT_SECRET_2"`
}

// ShowClientSecrets reads an integration's client ID and secrets out of band; exact is the stored
// name (the function takes it as a string, not an identifier). It fails the test unless all three
// are there. The secrets are never printed.
func (tg *Target) ShowClientSecrets(t testing.TB, exact string) ClientSecrets {
	t.Helper()
	var raw string
	q := "SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('" + strings.ReplaceAll(exact, "'", "\\'") + "')"
	if err := tg.DB.QueryRow(q).Scan(&raw); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var s ClientSecrets
	if err := json.Unmarshal([]byte(raw), &s); err != nil || s.ID == "" || s.Secret == "" || s.Secret2 == "" {
		t.Fatalf("unexpected SYSTEM$SHOW_OAUTH_CLIENT_SECRETS result (err %v)", err)
	}
	return s
}

// Cleanup runs each query at the end of the test, ignoring errors (the object may already be gone);
// use DROP ... IF EXISTS.
func (tg *Target) Cleanup(t testing.TB, queries ...string) {
	t.Cleanup(func() {
		for _, q := range queries {
			_, _ = tg.DB.Exec(q)
		}
	})
}

// CheckFunc turns an out-of-band assertion into a state check, so that a step lists it among its
// ConfigStateChecks next to the checks of the state itself.
type CheckFunc func() error

// CheckState implements statecheck.StateCheck.
func (f CheckFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// AsTestCheck adapts f to a TestCheckFunc, for CheckDestroy, which takes no state checks.
func (f CheckFunc) AsTestCheck() resource.TestCheckFunc {
	return func(*terraform.State) error { return f() }
}

// ExpectProperties checks, out of band, that the DESCRIBE query reports each wanted property with the
// wanted value (compared case-insensitively, as Snowflake reports booleans and names in its own case).
func (tg *Target) ExpectProperties(query string, want map[string]string) statecheck.StateCheck {
	return CheckFunc(func() error {
		got, err := tg.Properties(query)
		if err != nil {
			return err
		}
		for k, v := range want {
			if !strings.EqualFold(got[k], v) {
				return fmt.Errorf("%s: %s = %q, want %q", query, k, got[k], v)
			}
		}
		return nil
	})
}

// ExpectIntegration is ExpectProperties of DESCRIBE SECURITY INTEGRATION sqlName.
func (tg *Target) ExpectIntegration(sqlName string, want map[string]string) statecheck.StateCheck {
	return tg.ExpectProperties("DESCRIBE SECURITY INTEGRATION "+sqlName, want)
}

// ExpectRowCount checks, out of band, that query returns n rows.
func (tg *Target) ExpectRowCount(query string, n int) CheckFunc {
	return CheckFunc(func() error {
		rows, err := tg.QueryRows(query)
		if err != nil {
			return err
		}
		if len(rows) != n {
			return fmt.Errorf("%s: %d rows, want %d (%v)", query, len(rows), n, rows)
		}
		return nil
	})
}

// CreateUser creates user with password pw and the given roles (the first is the default), grants
// them, and drops user and roles at the end of the test.
func (tg *Target) CreateUser(t testing.TB, user, pw string, roles ...string) {
	t.Helper()
	drops := []string{"DROP USER IF EXISTS " + user}
	for _, r := range roles {
		tg.Exec(t, "CREATE ROLE "+r)
		drops = append(drops, "DROP ROLE IF EXISTS "+r)
	}
	tg.Cleanup(t, drops...)
	tg.Exec(t, "CREATE USER "+user+" PASSWORD = '"+pw+"' DEFAULT_ROLE = "+roles[0])
	for _, r := range roles {
		tg.Exec(t, "GRANT ROLE "+r+" TO USER "+user)
	}
}
