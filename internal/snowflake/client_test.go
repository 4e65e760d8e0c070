package snowflake

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// fakeDB answers statements from a map and records every statement it receives.
type fakeDB struct {
	mu      sync.Mutex
	tables  map[string]table
	errs    map[string]error
	ran     []string
	onQuery func(stmt string)
}

func newFake() *fakeDB { return &fakeDB{tables: map[string]table{}, errs: map[string]error{}} }

func (f *fakeDB) record(stmt string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ran = append(f.ran, stmt)
	return f.errs[stmt]
}

func (f *fakeDB) query(_ context.Context, stmt string) (table, error) {
	if f.onQuery != nil {
		f.onQuery(stmt)
	}
	if err := f.record(stmt); err != nil {
		return table{}, err
	}
	t, ok := f.tables[stmt]
	if !ok {
		return table{}, errors.New("fake: unexpected query " + stmt)
	}
	return t, nil
}

func (f *fakeDB) exec(_ context.Context, stmt string) error { return f.record(stmt) }

func (f *fakeDB) statements() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.ran...)
}

func assertRan(t *testing.T, f *fakeDB, want ...string) {
	t.Helper()
	if got := f.statements(); !reflect.DeepEqual(got, want) && (len(got) != 0 || len(want) != 0) {
		t.Errorf("statements:\n got %q\nwant %q", got, want)
	}
}

var notFoundErr = sfErr(2003, "02000", "SQL compilation error:\nIntegration 'MY_APP' does not exist or not authorized.")

func TestClientIntegrationReads(t *testing.T) {
	ctx := context.Background()
	name := MustParseIdentifier("my_app")
	f := newFake()
	f.tables[DescribeIntegrationSQL(name)] = describeTable()
	f.tables[ShowIntegrationsLikeSQL(name)] = table{Columns: []string{"name", "type", "category", "enabled", "comment", "created_on"}, Rows: [][]any{
		{"my_app", "OAUTH - LOOKER", "SECURITY", "true", nil, nil},
		{"MY_APP", "OAUTH - CUSTOM", "SECURITY", "true", "demo", nil},
	}}
	c := newClientWith(f)

	d, err := c.DescribeIntegration(ctx, name)
	if err != nil || d.ClientID != "WP3jEvdWUFFYkm69qmhsfOgqBcI=" || d.Kind != "" {
		t.Fatalf("describe: %+v %v", d, err)
	}
	assertRan(t, f, `DESCRIBE SECURITY INTEGRATION "MY_APP"`)

	f.ran = nil
	d, err = c.LookupIntegration(ctx, name)
	if err != nil || d.Kind != "OAUTH - CUSTOM" || d.OAuthClient() != OAuthClientCustom {
		t.Fatalf("lookup: %+v %v", d, err)
	}
	assertRan(t, f, `SHOW SECURITY INTEGRATIONS LIKE 'MY\\_APP'`, `DESCRIBE SECURITY INTEGRATION "MY_APP"`)

	// SHOW lists only a case variant: not found, and no DESCRIBE is spent.
	other := MustParseIdentifier(`"My_App"`)
	f.ran = nil
	f.tables[ShowIntegrationsLikeSQL(other)] = f.tables[ShowIntegrationsLikeSQL(name)]
	if _, err := c.LookupIntegration(ctx, other); !errors.Is(err, ErrNotFound) {
		t.Fatalf("lookup of a case variant: %v", err)
	}
	assertRan(t, f, `SHOW SECURITY INTEGRATIONS LIKE 'My\\_App'`)

	f.errs[DescribeIntegrationSQL(name)] = notFoundErr
	_, err = c.DescribeIntegration(ctx, name)
	var e *Error
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &e) || e.Code != "002003" || e.Op != "describe security integration MY_APP" {
		t.Fatalf("describe of a missing integration: %#v", err)
	}
}

func TestClientIntegrationWrites(t *testing.T) {
	ctx := context.Background()
	name := MustParseIdentifier("my_app")
	f := newFake()
	c := newClientWith(f)

	if err := c.CreateCustomIntegration(ctx, name, CustomClientOptions{ClientType: ClientTypePublic, IntegrationProperties: IntegrationProperties{RedirectURI: ptr("https://x/cb")}}); err != nil {
		t.Fatal(err)
	}
	if err := c.CreatePartnerIntegration(ctx, name, PartnerClientOptions{Client: OAuthClientTableauServer}); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterIntegration(ctx, name, IntegrationProperties{}); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterIntegration(ctx, name, IntegrationProperties{Enabled: ptr(true)}, PropComment, PropNetworkPolicy); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterIntegration(ctx, name, IntegrationProperties{}, PropNetworkPolicy); err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { return c.RefreshClientSecret(ctx, name, SecretSecondary) },
		func() error { return c.SetIntegrationNetworkPolicy(ctx, name, MustParseIdentifier(`"office_np"`)) },
		func() error { return c.UnsetIntegrationNetworkPolicy(ctx, name) },
		func() error { return c.DropIntegration(ctx, name) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	assertRan(t, f,
		`CREATE SECURITY INTEGRATION "MY_APP" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'PUBLIC' OAUTH_REDIRECT_URI = 'https://x/cb'`,
		`CREATE SECURITY INTEGRATION "MY_APP" TYPE = OAUTH OAUTH_CLIENT = TABLEAU_SERVER`,
		`ALTER SECURITY INTEGRATION "MY_APP" SET ENABLED = TRUE`,
		`ALTER SECURITY INTEGRATION "MY_APP" UNSET COMMENT`,
		`ALTER SECURITY INTEGRATION "MY_APP" REFRESH OAUTH_CLIENT_SECRET_2`,
		`ALTER SECURITY INTEGRATION "MY_APP" SET NETWORK_POLICY = '"office_np"'`,
		`ALTER SECURITY INTEGRATION "MY_APP" UNSET NETWORK_POLICY`,
		`DROP SECURITY INTEGRATION IF EXISTS "MY_APP"`,
	)

	// A failing SET stops before the UNSET.
	f.ran = nil
	set := AlterIntegrationSetSQL(name, IntegrationProperties{Enabled: ptr(false)})
	f.errs[set] = sfErr(3001, "42501", "Insufficient privileges to operate on integration 'MY_APP'")
	err := c.AlterIntegration(ctx, name, IntegrationProperties{Enabled: ptr(false)}, PropComment)
	if !errors.Is(err, ErrInsufficientPrivileges) {
		t.Fatalf("alter: %v", err)
	}
	assertRan(t, f, set)

	f.errs[CreateCustomIntegrationSQL(name, CustomClientOptions{ClientType: "PUBLIC"})] = sfErr(2002, "42710", "SQL compilation error:\nObject 'MY_APP' already exists.")
	if err := c.CreateCustomIntegration(ctx, name, CustomClientOptions{ClientType: "PUBLIC"}); !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("create over an existing integration: %v", err)
	}
}

func TestClientShowClientSecrets(t *testing.T) {
	ctx := context.Background()
	name := MustParseIdentifier(`"Sundeck"`)
	f := newFake()
	f.tables[ShowClientSecretsSQL(name)] = table{Columns: []string{`SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('Sundeck')`}, Rows: [][]any{{`{"OAUTH_CLIENT_SECRET_2":"b","OAUTH_CLIENT_SECRET":"a","OAUTH_CLIENT_ID":"id"}`}}}
	c := newClientWith(f)
	s, err := c.ShowClientSecrets(ctx, name)
	if err != nil || s != (ClientSecrets{ClientID: "id", ClientSecret: "a", ClientSecret2: "b"}) {
		t.Fatalf("%#v %v", s, err)
	}
	assertRan(t, f, `SELECT SYSTEM$SHOW_OAUTH_CLIENT_SECRETS('Sundeck')`)
	missing := MustParseIdentifier("gone")
	f.errs[ShowClientSecretsSQL(missing)] = sfErr(1008, "22023", "invalid value ['GONE'] for parameter 'OAuth Client Integration name'")
	if _, err := c.ShowClientSecrets(ctx, missing); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing integration: %v", err)
	}
}

func TestClientNetworkPolicies(t *testing.T) {
	ctx := context.Background()
	np := MustParseIdentifier(`"office_np"`)
	f := newFake()
	f.tables[ShowNetworkPoliciesLikeSQL(np)] = table{Columns: []string{"created_on", "name", "comment"}, Rows: [][]any{{nil, "office_np", "office"}}}
	f.tables[DescribeNetworkPolicySQL(np)] = table{Columns: []string{"name", "value"}, Rows: [][]any{{"ALLOWED_IP_LIST", "10.0.0.0/8"}}}
	c := newClientWith(f)

	got, err := c.DescribeNetworkPolicy(ctx, np)
	if err != nil || got.Comment != "office" || !reflect.DeepEqual(got.AllowedIPs, []string{"10.0.0.0/8"}) || len(got.BlockedIPs) != 0 {
		t.Fatalf("%+v %v", got, err)
	}
	assertRan(t, f, `SHOW NETWORK POLICIES LIKE 'office\\_np'`, `DESCRIBE NETWORK POLICY "office_np"`)

	f.ran = nil
	gone := MustParseIdentifier("gone")
	f.tables[ShowNetworkPoliciesLikeSQL(gone)] = table{Columns: []string{"created_on", "name", "comment"}}
	if _, err := c.DescribeNetworkPolicy(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing policy: %v", err)
	}
	assertRan(t, f, `SHOW NETWORK POLICIES LIKE 'GONE'`)

	f.ran = nil
	if err := c.CreateNetworkPolicy(ctx, np, NetworkPolicyOptions{AllowedIPs: []string{"1.2.3.4"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterNetworkPolicy(ctx, np, NetworkPolicyOptions{BlockedIPs: []string{}}, NPComment); err != nil {
		t.Fatal(err)
	}
	if err := c.AlterNetworkPolicy(ctx, np, NetworkPolicyOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := c.RenameNetworkPolicy(ctx, np, MustParseIdentifier("new_np")); err != nil {
		t.Fatal(err)
	}
	f.errs[DropNetworkPolicySQL(np)] = sfErr(1492, "42601", "SQL compilation error:\nCannot perform Drop operation on network policy office_np.")
	if err := c.DropNetworkPolicy(ctx, np); !errors.Is(err, ErrInUse) {
		t.Fatalf("drop of an attached policy: %v", err)
	}
	assertRan(t, f,
		`CREATE NETWORK POLICY "office_np" ALLOWED_IP_LIST = ('1.2.3.4')`,
		`ALTER NETWORK POLICY "office_np" SET BLOCKED_IP_LIST = ()`,
		`ALTER NETWORK POLICY "office_np" UNSET COMMENT`,
		`ALTER NETWORK POLICY "office_np" RENAME TO "NEW_NP"`,
		`DROP NETWORK POLICY IF EXISTS "office_np"`,
	)
}

func TestClientDelegatedAuthorizations(t *testing.T) {
	ctx := context.Background()
	u, r, i := MustParseIdentifier("jane"), MustParseIdentifier("analyst"), MustParseIdentifier("notebook_app")
	f := newFake()
	cols := []string{"created_on", "user_name", "role_name", "integration_name", "integration_status"}
	f.tables[ShowDelegatedAuthorizationsByUserSQL(u)] = table{Columns: cols, Rows: [][]any{
		{nil, "JANE", "ANALYST", "OTHER_APP", "ENABLED"},
		{nil, "JANE", "ANALYST", "NOTEBOOK_APP", "ENABLED"},
	}}
	f.tables[ShowDelegatedAuthorizationsToIntegrationSQL(i)] = table{Columns: cols, Rows: [][]any{{nil, "JANE", "ANALYST", "NOTEBOOK_APP", "ENABLED"}}}
	c := newClientWith(f)

	if err := c.AddDelegatedAuthorization(ctx, u, r, i); err != nil {
		t.Fatal(err)
	}
	a, err := c.FindDelegatedAuthorization(ctx, u, r, i)
	if err != nil || !a.Integration.Equal(i) || a.IntegrationStatus != "ENABLED" {
		t.Fatalf("find: %+v %v", a, err)
	}
	if _, err := c.FindDelegatedAuthorization(ctx, u, MustParseIdentifier("other"), i); !errors.Is(err, ErrNotFound) {
		t.Fatalf("find of an absent one: %v", err)
	}
	list, err := c.ShowDelegatedAuthorizationsToIntegration(ctx, i)
	if err != nil || len(list) != 1 {
		t.Fatalf("by integration: %v %v", list, err)
	}
	if err := c.RemoveDelegatedAuthorization(ctx, u, r, i); err != nil {
		t.Fatal(err)
	}
	assertRan(t, f,
		`ALTER USER "JANE" ADD DELEGATED AUTHORIZATION OF ROLE "ANALYST" TO SECURITY INTEGRATION "NOTEBOOK_APP"`,
		`SHOW DELEGATED AUTHORIZATIONS BY USER "JANE"`,
		`SHOW DELEGATED AUTHORIZATIONS BY USER "JANE"`,
		`SHOW DELEGATED AUTHORIZATIONS TO SECURITY INTEGRATION "NOTEBOOK_APP"`,
		`ALTER USER "JANE" REMOVE DELEGATED AUTHORIZATION OF ROLE "ANALYST" FROM SECURITY INTEGRATION "NOTEBOOK_APP"`,
	)
}

func TestClientPrivilegedRolesBlockedCachedOnce(t *testing.T) {
	ctx := context.Background()
	stmt := ShowAccountParameterSQL(ParamPrivilegedRolesBlocked)
	f := newFake()
	f.errs[stmt] = sfErr(3001, "42501", "Insufficient privileges")
	c := newClientWith(f)

	if _, err := c.PrivilegedRolesBlocked(ctx); !errors.Is(err, ErrInsufficientPrivileges) {
		t.Fatalf("first read: %v", err)
	}
	// The failure is not cached: the next call retries and then the value is cached.
	delete(f.errs, stmt)
	f.tables[stmt] = table{Columns: []string{"key", "value"}, Rows: [][]any{{ParamPrivilegedRolesBlocked, "false"}}}
	var wg sync.WaitGroup
	results := make([]bool, 8)
	errs := make([]error, 8)
	for n := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[n], errs[n] = c.PrivilegedRolesBlocked(ctx)
		}()
	}
	wg.Wait()
	for n := range results {
		if errs[n] != nil || results[n] {
			t.Fatalf("call %d: %v %v; want false", n, results[n], errs[n])
		}
	}
	assertRan(t, f, stmt, stmt)

	v, err := c.AccountParameter(ctx, ParamPrivilegedRolesBlocked)
	if err != nil || v != "false" {
		t.Fatalf("AccountParameter: %q %v", v, err)
	}
	f.tables[ShowAccountParameterSQL("NOPE")] = table{Columns: []string{"key", "value"}}
	if _, err := c.AccountParameter(ctx, "NOPE"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown parameter: %v", err)
	}
	if got := names(PrivilegedRoles()); !reflect.DeepEqual(got, []string{"ACCOUNTADMIN", "ORGADMIN", "GLOBALORGADMIN", "SECURITYADMIN"}) {
		t.Errorf("PrivilegedRoles = %v", got)
	}
}

func TestClientParseErrorsCarryOperation(t *testing.T) {
	name := MustParseIdentifier("x")
	f := newFake()
	f.tables[DescribeIntegrationSQL(name)] = table{Columns: []string{"unexpected"}}
	_, err := newClientWith(f).DescribeIntegration(context.Background(), name)
	var e *Error
	if !errors.As(err, &e) || e.Kind != nil || !strings.Contains(err.Error(), "describe security integration X") {
		t.Fatalf("parse error: %v", err)
	}
}
