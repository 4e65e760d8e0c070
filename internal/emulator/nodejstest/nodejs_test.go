// Package nodejstest drives the emulator with the official Node.js driver, snowflake-sdk from npm, so
// that the emulator is checked against a client this project did not write. The driver is installed
// once per `go test` run into a temporary directory (npm's own cache makes later runs fast); the test
// is skipped, saying why, only when node or npm is not installed.
package nodejstest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator/drivertest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/testkeys"
)

// sdkVersion is the pinned snowflake-sdk release (npm); its engines field asks for node >= 20.
const sdkVersion = "3.3.0"

// installDir holds node_modules for the whole test binary; TestMain removes it.
var installDir string

func TestMain(m *testing.M) {
	drivertest.Hermetic()
	code := m.Run()
	if installDir != "" {
		_ = os.RemoveAll(installDir)
	}
	os.Exit(code)
}

// installSDK installs snowflake-sdk into a temporary directory (once per run) and returns the
// directory; it skips the test when node or npm is missing.
func installSDK(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("the Node.js driver suite needs %s on PATH (not found): install Node.js >= 20 with npm to run it", tool)
		}
	}
	if installDir != "" {
		return installDir
	}
	// Not t.TempDir: the install is shared by every test of the run and removed in TestMain.
	dir, err := os.MkdirTemp("", "emulator-nodejs-") //nolint:usetesting // see above

	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// --ignore-scripts: nothing from the registry runs at install time; the driver needs no build step.
	cmd := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
		"--no-package-lock", "--loglevel=error", "snowflake-sdk@"+sdkVersion)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(dir)
		t.Fatalf("npm install snowflake-sdk@%s: %v\n%s", sdkVersion, err, out)
	}
	installDir = dir
	return dir
}

// result is one line of the script's output.
type result struct {
	Name  string          `json:"name"`
	Value json.RawMessage `json:"value"`
	Error string          `json:"error"`
	Code  any             `json:"code"`
}

// fixture starts an emulator with a key-pair user and a PAT user and returns the script's environment.
func fixture(t *testing.T) []string {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{AdminPassword: "node-secret"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	pair := testkeys.New(t)
	key := pair.Private
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	// DriverConfig lives in the emulator's test files; the DSN is exported for other packages.
	dsn, err := srv.DSN(srv.AdminUser(), srv.AdminPassword(), "")
	if err != nil {
		t.Fatal(err)
	}
	db := drivertest.OpenDSN(t, dsn)
	for _, stmt := range []string{
		fmt.Sprintf("CREATE USER NODE_JWT RSA_PUBLIC_KEY = '%s'", pair.Public),
		"CREATE USER NODE_SVC PASSWORD = 'unused-pw'",
		"GRANT ROLE SYSADMIN TO USER NODE_SVC",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return append(os.Environ(),
		"EMU_URL="+srv.URL(), "EMU_ACCOUNT="+srv.Account(),
		"EMU_ADMIN_USER="+srv.AdminUser(), "EMU_ADMIN_PASSWORD="+srv.AdminPassword(),
		"EMU_JWT_USER=node_jwt", "EMU_JWT_KEY="+string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})),
		"EMU_PAT_USER=node_svc", "EMU_PAT="+srv.AddProgrammaticAccessToken("NODE_SVC", "SYSADMIN"),
	)
}

// runSuite runs testdata/suite.js with the installed driver and returns its results by name.
func runSuite(t *testing.T, dir string, env []string) map[string]result {
	t.Helper()
	script, err := os.ReadFile(filepath.Join("testdata", "suite.js"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "suite.js") // next to node_modules, so require() finds the driver
	if err := os.WriteFile(path, script, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", path)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node suite.js: %v\nstdout:\n%s\nstderr:\n%s", err, out, stderr.String())
	}
	results := map[string]result{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("unexpected output line %q: %v", sc.Text(), err)
		}
		results[r.Name] = r
	}
	return results
}

func TestNodeJSDriver(t *testing.T) {
	dir := installSDK(t)
	results := runSuite(t, dir, fixture(t))

	// Scenarios that must succeed, with the value each must report (JSON).
	ok := map[string]string{
		"password login":                  `["ADMIN","ACCOUNTADMIN"]`,
		"key pair login":                  `["NODE_JWT","PUBLIC"]`,
		"PAT login":                       `["NODE_SVC","SYSADMIN"]`,
		"PAT as password":                 `["NODE_SVC","SYSADMIN"]`,
		"heartbeat frequency echoed":      `1800`,
		"create custom OAuth integration": `"Integration NODE_APP successfully created."`,
		"show integrations":               `[["NODE_APP","OAUTH - CUSTOM",true]]`,
		"describe integration":            `[true,"https://node.example.com/cb"]`,
		"zero rows":                       `[]`,
		"binds":                           `["first","second","first"]`,
		"bind in SHOW LIKE":               `1`,
	}
	for name, want := range ok {
		r, found := results[name]
		switch {
		case !found:
			t.Errorf("%s: no result (suite output incomplete)", name)
		case r.Error != "":
			t.Errorf("%s: failed: %s (code %v)", name, r.Error, r.Code)
		case !jsonEqual(t, r.Value, want):
			t.Errorf("%s: got %s, want %s", name, r.Value, want)
		}
	}

	// The timestamp column arrives as a Date close to now (SHOW USERS created_on, timestamp_ltz).
	var ts [2]any
	if r := results["timestamp column"]; r.Error != "" || json.Unmarshal(r.Value, &ts) != nil || ts[0] != true {
		t.Errorf("timestamp column: %s %s", r.Value, r.Error)
	} else if ms, _ := ts[1].(float64); time.Since(time.UnixMilli(int64(ms))).Abs() > time.Hour {
		t.Errorf("timestamp column: created_on %v is not close to now", time.UnixMilli(int64(ms)))
	}

	// Errors keep Snowflake's codes.
	for name, code := range map[string]string{"syntax error": "001003", "unknown object": "002003", "wrong password": "390100"} {
		r := results[name]
		if r.Error == "" || fmt.Sprint(r.Code) != code && fmt.Sprint(r.Code) != trimZeros(code) {
			t.Errorf("%s: got error %q code %v, want code %s", name, r.Error, r.Code, code)
		}
	}
	if r, found := results["suite"]; found {
		t.Errorf("suite aborted: %s", r.Error)
	}
}

func jsonEqual(t *testing.T, got json.RawMessage, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		return false
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

// trimZeros drops leading zeros: the Node.js driver reports login failures with numeric codes.
func trimZeros(code string) string {
	for len(code) > 1 && code[0] == '0' {
		code = code[1:]
	}
	return code
}
