package acctest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// `make testacc-real` refuses to start, before any test runs, without the confirmation variable or
// without an account, and says what to set. The environment is replaced entirely, so a developer's
// real SNOWFLAKE_* settings can never turn this test into a real run.
func TestMakeTestaccRealRefuses(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not on PATH")
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for _, c := range []struct {
		name string
		env  []string
		want string
	}{
		{"not confirmed", []string{"SNOWFLAKE_ACCOUNT=myorg-acc", "SNOWFLAKE_USER=u", "SNOWFLAKE_PASSWORD=p"}, "SNOWFLAKEOAUTH_ACC_REAL is not 1"},
		{"confirmed, no account", []string{"SNOWFLAKEOAUTH_ACC_REAL=1", "SNOWFLAKE_USER=u"}, "no account"},
		{"organization without account name", []string{"SNOWFLAKEOAUTH_ACC_REAL=1", "SNOWFLAKE_ORGANIZATION_NAME=myorg"}, "no account"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command("make", "-s", "-C", "../..", "testacc-real")
			cmd.Env = append(append([]string{}, base...), c.env...)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("make testacc-real succeeded:\n%s", out)
			}
			for _, want := range []string{c.want, "SNOWFLAKEOAUTH_ACC_REAL=1", "SNOWFLAKE_PROFILE", "ACCOUNTADMIN", "TFACC"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(string(out), "go test") || strings.Contains(string(out), "=== RUN") {
				t.Errorf("tests started:\n%s", out)
			}
		})
	}
}
