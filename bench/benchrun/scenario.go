package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/engine"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// scenario is one object kind: how to seed N existing objects (plus what N new ones need) and the
// configuration that manages them.
type scenario struct {
	key      string // -kinds value
	kind     string
	resource string // terraform resource type
	// seed creates, in the engine, N existing objects named by existing(i) and whatever the N new
	// objects of the apply need.
	seed func(eng *engine.Engine, admin *engine.Session, n int) error
	// body is the resource block's arguments for one object keyed by each.key.
	body string
	// importID is the HCL expression of the import ID for each.key.
	importID string
	// perObject is the statements one object costs per phase at best (the design's minimum): a read
	// is one statement, a create is the CREATE plus one read-back, a destroy is the refresh plus the
	// DROP/REMOVE.
	perObject map[string]int
	existing  string // format of the existing objects' keys, %04d
	created   string // format of the applied objects' keys
	// builtin scenarios use a resource of Terraform's built-in provider and no snowflakeoauth
	// provider at all: the setup apply creates the objects instead of importing them.
	builtin bool
	// provider is the local name of the provider the resource belongs to (default snowflakeoauth);
	// env is added to every terraform command of the scenario (the sleep provider's schema width).
	provider string
	env      []string
	noLogin  bool // the sleep provider has no session: its limit has no login in it
}

// Names of the seeded and applied objects (%04d is the object's index).
const (
	benchRole         = "BENCH_ROLE"
	benchIntegration  = "BENCH_DA_INT"
	existingClients   = "BENCH_CC_%04d"
	createdClients    = "BENCH_NEW_%04d"
	authorizedUsers   = "BENCH_U_%04d"
	unauthorizedUsers = "BENCH_V_%04d"
)

var redirectURI = "https://bench.example.com/oauth/callback"

var scenarios = map[string]scenario{
	"custom": {
		key:      "custom",
		kind:     "custom client integrations",
		resource: "snowflakeoauth_custom_client_integration",
		seed:     seedCustom,
		body: `  name               = each.key
  oauth_client_type  = "CONFIDENTIAL"
  oauth_redirect_uri = "` + redirectURI + `"`,
		importID:  "each.key",
		perObject: map[string]int{"refresh": 1, "apply": 2, "destroy": 2},
		existing:  existingClients,
		created:   createdClients,
	},
	"delegated": {
		key:      "delegated",
		kind:     "delegated authorizations",
		resource: "snowflakeoauth_delegated_authorization",
		seed:     seedDelegated,
		body: `  user_name        = each.key
  role_name        = "` + benchRole + `"
  integration_name = "` + benchIntegration + `"`,
		importID:  `"${each.key}|` + benchRole + `|` + benchIntegration + `"`,
		perObject: map[string]int{"refresh": 1, "apply": 2, "destroy": 2},
		existing:  authorizedUsers,
		created:   unauthorizedUsers,
	},
	// floor is Terraform alone: N terraform_data objects (built-in provider, no plugin process, no
	// SQL). What a refresh, apply or destroy of N instances costs here is Terraform's own share,
	// which no provider can remove.
	"floor": {
		key:       "floor",
		kind:      "terraform_data (Terraform alone)",
		resource:  "terraform_data",
		seed:      func(*engine.Engine, *engine.Session, int) error { return nil },
		body:      "  input = each.key",
		perObject: map[string]int{"refresh": 0, "apply": 0, "destroy": 0},
		existing:  "FLOOR_%04d",
		created:   "FLOOR_NEW_%04d",
		builtin:   true,
	},
	// sleep and sleep40 are a provider that does no work (bench/sleepprovider): it waits the query
	// latency once per statement the design needs (read 1, create 2, delete 1) and stores what
	// Terraform sends. What stays above the limit here is Terraform, the plugin protocol and the
	// framework, with a 1-attribute and a 41-attribute schema (the custom client has about 40).
	"sleep":   sleepScenario("sleep", 0),
	"sleep40": sleepScenario("sleep40", 40),
}

func sleepScenario(key string, extra int) scenario {
	return scenario{
		key:       key,
		kind:      fmt.Sprintf("benchsleep_object (zero-work provider, %d extra attributes)", extra),
		resource:  "benchsleep_object",
		seed:      func(*engine.Engine, *engine.Session, int) error { return nil },
		body:      "  name = each.key",
		importID:  "each.key",
		perObject: map[string]int{"refresh": 1, "apply": 2, "destroy": 2},
		existing:  "SLEEP_%04d",
		created:   "SLEEP_NEW_%04d",
		provider:  "benchsleep",
		env:       []string{fmt.Sprintf("BENCHSLEEP_ATTRIBUTES=%d", extra)},
		noLogin:   true,
	}
}

// providerName is the scenario's provider local name.
func (sc scenario) providerName() string {
	if sc.provider == "" {
		return "snowflakeoauth"
	}
	return sc.provider
}

// sourceNamespace is the namespace of each provider's source address (dev_overrides maps both).
var sourceNamespace = map[string]string{"snowflakeoauth": "snowflakeoauth", "benchsleep": "bench"}

// adminSession runs seeding statements straight in the engine: no HTTP, no latency and nothing in
// the statement log, so seeding 500 objects takes milliseconds and does not count.
func adminSession(srv *emulator.Server) *engine.Session {
	return &engine.Session{User: srv.AdminUser(), Role: "ACCOUNTADMIN"}
}

// execAll runs statements in order and stops at the first error.
func execAll(eng *engine.Engine, s *engine.Session, stmts ...string) error {
	for _, q := range stmts {
		if _, err := eng.Exec(s, q, nil); err != nil {
			return fmt.Errorf("seed %q: %w", q, err)
		}
	}
	return nil
}

func createIntegrationSQL(name string) string {
	uri := redirectURI
	return snowflake.CreateCustomIntegrationSQL(snowflake.NewIdentifier(name), snowflake.CustomClientOptions{
		ClientType:            "CONFIDENTIAL",
		IntegrationProperties: snowflake.IntegrationProperties{RedirectURI: &uri},
	})
}

// seedCustom creates N custom client integrations; the apply creates its own.
func seedCustom(eng *engine.Engine, admin *engine.Session, n int) error {
	for i := range n {
		if err := execAll(eng, admin, createIntegrationSQL(fmt.Sprintf(existingClients, i))); err != nil {
			return err
		}
	}
	return nil
}

// seedDelegated creates one role and one integration, N users holding the role with a delegated
// authorization each (the existing objects), and N more users holding the role without one (the
// apply authorizes them). One user per authorization keeps every read (SHOW ... BY USER) one row.
// Users, roles and grants are not objects of this provider, so internal/snowflake has no builders
// for them; the names are fixed plain identifiers.
func seedDelegated(eng *engine.Engine, admin *engine.Session, n int) error {
	if err := execAll(eng, admin, "CREATE ROLE "+benchRole, createIntegrationSQL(benchIntegration)); err != nil {
		return err
	}
	role, integ := snowflake.NewIdentifier(benchRole), snowflake.NewIdentifier(benchIntegration)
	for i := range n {
		existing, created := fmt.Sprintf(authorizedUsers, i), fmt.Sprintf(unauthorizedUsers, i)
		err := execAll(eng, admin,
			"CREATE USER "+existing, "GRANT ROLE "+benchRole+" TO USER "+existing,
			snowflake.AddDelegatedAuthorizationSQL(snowflake.NewIdentifier(existing), role, integ),
			"CREATE USER "+created, "GRANT ROLE "+benchRole+" TO USER "+created)
		if err != nil {
			return err
		}
	}
	return nil
}

// writeConfig writes main.tf managing N objects keyed by format; with imports it also imports them.
func writeConfig(dir string, sc scenario, n int, format string, imports bool) error {
	var b strings.Builder
	if !sc.builtin {
		name := sc.providerName()
		fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %s = { source = \"%s/%s\" }\n  }\n}\n\n", name, sourceNamespace[name], name)
		fmt.Fprintf(&b, "provider %q {}\n\n", name)
	}
	fmt.Fprintf(&b, "locals {\n  keys = toset([for i in range(%d) : format(%q, i)])\n}\n\n", n, format)
	fmt.Fprintf(&b, "resource %q \"o\" {\n  for_each = local.keys\n%s\n}\n", sc.resource, sc.body)
	if imports && !sc.builtin {
		fmt.Fprintf(&b, "\nimport {\n  for_each = local.keys\n  to       = %s.o[each.key]\n  id       = %s\n}\n", sc.resource, sc.importID)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644)
}
