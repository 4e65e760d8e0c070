package acctest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// Objects the acceptance tests reference by fixed name. Network rules are schema objects that a
// network policy can only name once they exist (internal/emulator/FIDELITY.md, "Network policies and
// rules"), so they are created before the first test, on the emulator and on a real account alike.
// Roles and users are not prerequisites: every test creates its own under a RandomName, and the sweep
// drops them.
const (
	RulesDatabase = "TFACC_NET"
	RulesSchema   = RulesDatabase + ".RULES"
	// OfficeRule and BadRule are IPv4 ingress rules; BadRule's name needs quoting.
	OfficeRule = RulesSchema + ".OFFICE_RULE"
	BadRule    = RulesSchema + `."bad rule"`
)

// prerequisites create those objects; each statement can be run again.
var prerequisites = []string{
	"CREATE DATABASE IF NOT EXISTS " + RulesDatabase,
	"CREATE SCHEMA IF NOT EXISTS " + RulesSchema,
	"CREATE NETWORK RULE IF NOT EXISTS " + OfficeRule + " TYPE = IPV4 VALUE_LIST = ('192.168.1.0/24') MODE = INGRESS",
	"CREATE NETWORK RULE IF NOT EXISTS " + BadRule + " TYPE = IPV4 VALUE_LIST = ('10.9.0.0/16') MODE = INGRESS",
}

// createPrerequisites runs the prerequisites as the admin connection.
func createPrerequisites(db *sql.DB) error {
	for _, q := range prerequisites {
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("acceptance prerequisite %q: %w", q, err)
		}
	}
	return nil
}

// sweepKind finds one kind of test object and drops it; drop gets the SHOW row's cells by column.
type sweepKind struct {
	show string
	drop func(row map[string]string) string
}

// quoted is a stored name as an exact identifier.
func quoted(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

func dropByName(stmt string) func(map[string]string) string {
	return func(row map[string]string) string { return stmt + quoted(row["name"]) }
}

// sweepKinds are the object kinds the tests create, in an order in which each can be dropped:
// integrations and users before the network policies bound to them, policies before the rules they
// name, rules in other databases on their own, roles after every object they could own, the rules'
// databases last.
var sweepKinds = []sweepKind{
	{"SHOW SECURITY INTEGRATIONS LIKE 'TFACC%'", dropByName("DROP SECURITY INTEGRATION IF EXISTS ")},
	{"SHOW USERS LIKE 'TFACC%'", dropByName("DROP USER IF EXISTS ")},
	{"SHOW NETWORK POLICIES LIKE 'TFACC%'", dropByName("DROP NETWORK POLICY IF EXISTS ")},
	{"SHOW NETWORK RULES LIKE 'TFACC%' IN ACCOUNT", func(row map[string]string) string {
		return "DROP NETWORK RULE IF EXISTS " + quoted(row["database_name"]) + "." + quoted(row["schema_name"]) + "." + quoted(row["name"])
	}},
	{"SHOW ROLES LIKE 'TFACC%'", dropByName("DROP ROLE IF EXISTS ")},
	{"SHOW DATABASES LIKE 'TFACC%'", dropByName("DROP DATABASE IF EXISTS ")},
}

// Sweep drops every object whose name starts with TFACC (any case): what RandomName gave the tests,
// and the prerequisites. Run it only on an account where nobody else uses that prefix; two real-account
// runs at once on one account would drop each other's objects. It returns every failure, not the first.
func Sweep(db *sql.DB) error {
	var failed []string
	for _, k := range sweepKinds {
		rows, err := queryRows(db, k.show)
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		for _, row := range rows {
			q := k.drop(row)
			if _, err := db.Exec(q); err != nil {
				failed = append(failed, fmt.Sprintf("%s: %v", q, err))
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("sweep: %s", strings.Join(failed, "; "))
	}
	return nil
}

// Main runs a package's tests between two sweeps of the target, when the package started one: the
// first sweep is in startReal (leftovers of an interrupted run would otherwise collide with this
// one), this one drops what the tests left. On the emulator the sweep runs too, so that the same SQL
// meets the objects a whole run really leaves behind; a sweep failure fails the run. Use it from
// TestMain: os.Exit(acctest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if target == nil {
		return code
	}
	if target.IsEmulator() && testing.Verbose() {
		// What a real-account run of these tests would send, roughly (README, "Cost").
		fmt.Printf("acceptance tests: the emulator served %d statements\n", len(target.Emulator.StatementLog()))
	}
	if err := Sweep(target.DB); err != nil {
		fmt.Println("acceptance tests: could not drop every test object:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}
