// Package drivertest is what the emulator's test packages that link gosnowflake v1 share (the
// emulator's own tests, the emulator command's and the Node.js suite's): a hermetic driver and a
// database/sql handle from a DSN. gosnowflakev2test links v2 (both register the driver name
// "snowflake", so one binary cannot hold both) and keeps its own copy of Hermetic.
package drivertest

import (
	"database/sql"
	"os"
	"testing"

	sf "github.com/snowflakedb/gosnowflake"
)

// Hermetic configures the driver for tests; call it from TestMain before m.Run. It turns off the
// driver's cloud-metadata probes (SNOWFLAKE_DISABLE_PLATFORM_DETECTION) and its error lines on
// stderr for the failures tests provoke on purpose.
func Hermetic() {
	if err := os.Setenv("SNOWFLAKE_DISABLE_PLATFORM_DETECTION", "true"); err != nil {
		panic(err)
	}
	_ = sf.GetLogger().SetLogLevel("fatal")
}

// Main is a TestMain for packages that need nothing else: the tests run with a hermetic driver.
func Main(m *testing.M) {
	Hermetic()
	os.Exit(m.Run())
}

// OpenDSN opens a database/sql handle on a gosnowflake DSN (emulator.Server.DSN) and closes it when
// the test ends.
func OpenDSN(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("snowflake", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
