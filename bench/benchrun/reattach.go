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
)

// reattached is a provider served by the bench/profile test binary, which writes a CPU profile when
// it stops; Terraform reaches it through TF_REATTACH_PROVIDERS instead of starting the provider.
type reattached struct {
	cmd    *exec.Cmd
	config string // TF_REATTACH_PROVIDERS value
}

// startReattached starts the profile binary with the provider's environment (the SNOWFLAKE_*
// connection settings: a reattached provider does not inherit Terraform's) and waits for its
// reattach configuration.
func startReattached(o options, env []string, envFile, name string) (*reattached, error) {
	_ = os.Remove(envFile)
	profile := filepath.Join(o.profileDir, name+".pprof")
	cmd := exec.Command(o.profileBin, "-test.run=^TestServeProvider$", "-test.cpuprofile="+profile)
	cmd.Env = append(append([]string(nil), env...), "BENCH_REATTACH_FILE="+envFile)
	logFile, err := os.Create(envFile + ".log")
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, err
	}
	_ = logFile.Close() // the child holds its own descriptor
	r := &reattached{cmd: cmd}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if cfg, ok := readReattach(envFile); ok {
			r.config = cfg
			return r, nil
		}
		time.Sleep(20 * time.Millisecond) // polling for a file another process writes
	}
	_, _ = r.stop()
	return nil, fmt.Errorf("provider test binary wrote no reattach configuration; see %s.log", envFile)
}

// readReattach parses the line TF_REATTACH_PROVIDERS='<json>' once it is complete.
func readReattach(path string) (string, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	line := strings.TrimSpace(string(b))
	v, ok := strings.CutPrefix(line, "TF_REATTACH_PROVIDERS='")
	if !ok || !strings.HasSuffix(v, "'") {
		return "", false
	}
	return strings.ReplaceAll(strings.TrimSuffix(v, "'"), `'"'"'`, `'`), true
}

// stop interrupts the provider (the test returns and writes its profile) and returns its CPU time.
func (r *reattached) stop() (time.Duration, error) {
	if err := r.cmd.Process.Signal(syscall.SIGINT); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return 0, err
	}
	err := r.cmd.Wait()
	return childCPU(r.cmd.ProcessState), err
}
