package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

const loginPath = "/session/v1/login-request"

// result is one measured terraform command.
type result struct {
	kind       string
	n          int
	phase      string
	wall       time.Duration
	cpu        time.Duration // user+system of terraform and the provider
	serverCPU  time.Duration // user+system of this process meanwhile: the emulator's work
	statements int
	failed     int
	breakdown  string
	logins     int
	limit      time.Duration
	drift      bool // the refresh-only plan reported objects changed outside of Terraform
}

// ratio is wall time over the limit, as text; "-" for Terraform alone (no statements, no limit).
func (r result) ratio() string {
	if r.limit == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", r.wall.Seconds()/r.limit.Seconds())
}

// terraform runs the terraform CLI against one emulator with the provider under test.
type terraform struct {
	o     options
	srv   *emulator.Server
	base  string
	env   []string
	label string // kind-N, for profile and log names
}

func newTerraform(o options, srv *emulator.Server, base, label string, scenarioEnv []string) (*terraform, error) {
	if err := os.MkdirAll(base, 0o755); err != nil {
		return nil, err
	}
	rc := filepath.Join(base, "terraformrc")
	providerDir := o.providerDir
	if providerDir == "" {
		providerDir = base // reattach mode: dev_overrides only keeps terraform from wanting `init`
	}
	cli := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"snowflakeoauth/snowflakeoauth\" = %q\n    \"bench/benchsleep\" = %q\n  }\n  direct {}\n}\n", providerDir, o.sleepProviderDir())
	if err := os.WriteFile(rc, []byte(cli), 0o644); err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"SNOWFLAKE_DISABLE_PLATFORM_DETECTION=true",
		"SNOWFLAKE_ACCOUNT="+srv.Account(), "SNOWFLAKE_USER="+srv.AdminUser(),
		"SNOWFLAKE_PASSWORD="+srv.AdminPassword(), "SNOWFLAKE_HOST="+srv.Host(),
		fmt.Sprintf("SNOWFLAKE_PORT=%d", srv.Port()), "SNOWFLAKE_PROTOCOL=http", "SNOWFLAKE_ROLE=ACCOUNTADMIN")
	env = append(env, scenarioEnv...)
	return &terraform{o: o, srv: srv, base: base, env: env, label: label}, nil
}

// measure runs one terraform command in dir and reads its cost from the emulator.
func (t *terraform) measure(dir, phase string, n, perObject int, login bool, args ...string) (result, error) {
	t.srv.ResetStatementLog()
	loginsBefore := t.srv.RequestCount(loginPath)
	serverBefore := selfCPU()
	start := time.Now()
	// Only measured commands wait: the sleep provider's latency, like the emulator's, is off during
	// the set-up.
	cpu, err := t.run(dir, phase, []string{"BENCHSLEEP_LATENCY=" + t.o.queryLatency.String()}, args...)
	wall := time.Since(start)
	serverCPU := selfCPU() - serverBefore
	if err != nil {
		return result{}, err
	}
	drift, err := reportsDrift(filepath.Join(dir, phase+".log"))
	if err != nil {
		return result{}, err
	}
	log := t.srv.StatementLog()
	r := result{
		n: n, phase: phase, wall: wall, cpu: cpu, serverCPU: serverCPU, statements: len(log),
		breakdown: breakdown(log), logins: t.srv.RequestCount(loginPath) - loginsBefore, drift: drift,
	}
	if perObject > 0 {
		r.limit = time.Duration(n*perObject) * t.o.queryLatency / time.Duration(t.o.parallelism)
		if login {
			r.limit += t.o.loginLatency
		}
	}
	for _, e := range log {
		if !e.OK {
			r.failed++
		}
	}
	return r, nil
}

// run runs terraform with its
// output in <dir>/<phase>.log, and returns the CPU time of terraform and its children (the provider
// processes it started and waited for), plus the reattached provider's in profile mode.
func (t *terraform) run(dir, phase string, extraEnv []string, args ...string) (time.Duration, error) {
	env := append(append([]string(nil), t.env...), extraEnv...)
	var prov *reattached
	if t.o.reattach {
		var err error
		prov, err = startReattached(t.o, t.env, filepath.Join(t.base, phase+".reattach"), fmt.Sprintf("%s-%s", t.label, phase))
		if err != nil {
			return 0, err
		}
		env = append(append([]string(nil), env...), "TF_REATTACH_PROVIDERS="+prov.config)
	}
	logPath := filepath.Join(dir, phase+".log")
	out, err := os.Create(logPath)
	if err != nil {
		return 0, err
	}
	defer func() { _ = out.Close() }()
	cmd := exec.Command("terraform", args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, env, out, out
	runErr := cmd.Run()
	cpu := childCPU(cmd.ProcessState)
	if prov != nil {
		pcpu, perr := prov.stop()
		cpu += pcpu
		runErr = errors.Join(runErr, perr)
	}
	if runErr != nil {
		return cpu, fmt.Errorf("terraform %s: %w; output in %s:\n%s", strings.Join(args, " "), runErr, logPath, tail(logPath))
	}
	return cpu, nil
}

// reportsDrift tells whether terraform's output reports objects changed outside of Terraform. The
// exit code of `plan -refresh-only -detailed-exitcode` cannot tell: Terraform before v1.15 compares
// the refreshed state with reflect.DeepEqual, so any resource with a number attribute (a token
// validity) reads as changed and the command exits 2 under "No changes" (hashicorp/terraform#36403,
// fixed by commit 659d5e2 "remove the use of reflect.DeepEqual for states", first in v1.15.0).
func reportsDrift(logPath string) (bool, error) {
	b, err := os.ReadFile(logPath)
	if err != nil {
		return false, err
	}
	return strings.Contains(string(b), "changed outside of Terraform"), nil
}

// childCPU is user+system time of an exited process including the children it waited for (wait4
// reports the reaped child's own usage plus that of its reaped descendants).
func childCPU(ps *os.ProcessState) time.Duration {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return ps.UserTime() + ps.SystemTime()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// selfCPU is user+system time of this process so far: the in-process emulator and the driver's
// bookkeeping. Real Snowflake spends it on its own machines; here it competes for the same cores.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// tail is the end of a log file, for error messages.
func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	const keep = 3000
	if len(b) > keep {
		b = b[len(b)-keep:]
	}
	return string(b)
}

// breakdown counts statements by their first two words, e.g. "500 DESCRIBE SECURITY, 1 SHOW PARAMETERS".
func breakdown(log []emulator.Entry) string {
	counts := map[string]int{}
	var order []string
	for _, e := range log {
		f := strings.Fields(strings.ToUpper(e.SQL))
		if len(f) > 2 {
			f = f[:2]
		}
		k := strings.Join(f, " ")
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	parts := make([]string, 0, len(order))
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	return strings.Join(parts, ", ")
}
