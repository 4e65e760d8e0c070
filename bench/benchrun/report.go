package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

// runScenario seeds one emulator with N objects of a kind, imports them (latency off), then measures
// the refresh of those and the apply and destroy of N new ones (latency on).
func runScenario(o options, sc scenario, n int) ([]result, error) {
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		return nil, err
	}
	defer func() { _ = srv.Close() }()
	if err := sc.seed(srv.Engine(), adminSession(srv), n); err != nil {
		return nil, err
	}
	label := fmt.Sprintf("%s-%d", sc.key, n)
	tf, err := newTerraform(o, srv, filepath.Join(o.workDir, label), label, sc.env)
	if err != nil {
		return nil, err
	}
	existing, created := filepath.Join(tf.base, "existing"), filepath.Join(tf.base, "created")
	if err := setUp(tf, sc, n, existing, created); err != nil {
		return nil, err
	}
	srv.SetLatency(o.queryLatency)
	srv.SetLoginLatency(o.loginLatency)
	p := fmt.Sprintf("-parallelism=%d", o.parallelism)
	steps := []struct {
		dir, phase string
		args       []string
	}{
		{existing, "refresh", []string{"plan", "-refresh-only", "-input=false", "-no-color", p}},
		{created, "apply", []string{"apply", "-auto-approve", "-input=false", "-no-color", p}},
		{created, "destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color", p}},
	}
	var out []result
	for _, s := range steps {
		if !o.phases[s.phase] {
			continue
		}
		runs := 1
		if s.phase == "refresh" {
			runs = o.runs // a refresh changes nothing, so it can be repeated on the same state
		}
		var rs []result
		for range runs {
			r, err := tf.measure(s.dir, s.phase, n, sc.perObject[s.phase], !sc.noLogin, s.args...)
			if err != nil {
				return nil, err
			}
			r.kind = sc.key
			rs = append(rs, r)
			fmt.Fprintf(os.Stderr, "%-9s N=%-4d %-7s wall %6.2fs limit %5.2fs ratio %s cpu %6.2fs emulator cpu %5.2fs statements %d (%s) logins %d\n",
				r.kind, n, r.phase, r.wall.Seconds(), r.limit.Seconds(), r.ratio(), r.cpu.Seconds(), r.serverCPU.Seconds(), r.statements, r.breakdown, r.logins)
		}
		out = append(out, medianOf(rs))
	}
	return out, nil
}

// setUp brings the N existing objects into a terraform state in existing (imported, or created for a
// builtin kind) and writes the configuration of the N new ones into created; latency is still off.
func setUp(tf *terraform, sc scenario, n int, existing, created string) error {
	if err := writeConfig(existing, sc, n, sc.existing, true); err != nil {
		return err
	}
	if _, err := tf.run(existing, "setup-import", nil, "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=32"); err != nil {
		return err
	}
	if err := writeConfig(existing, sc, n, sc.existing, false); err != nil {
		return err
	}
	// Imported state can differ from what a read stores (attributes import does not set); one
	// refresh-only apply settles it so that the measured refresh starts from a steady state.
	if _, err := tf.run(existing, "setup-refresh", nil, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color", "-parallelism=32"); err != nil {
		return err
	}
	return writeConfig(created, sc, n, sc.created, false)
}

// medianOf runs of the same kind, N and phase: wall and CPU are medians, counts from the first run.
func medianOf(rs []result) result {
	m := rs[0]
	walls := make([]time.Duration, len(rs))
	cpus := make([]time.Duration, len(rs))
	servers := make([]time.Duration, len(rs))
	for i, r := range rs {
		walls[i], cpus[i], servers[i] = r.wall, r.cpu, r.serverCPU
		m.drift = m.drift || r.drift
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(servers)
	m.wall, m.cpu, m.serverCPU = walls[len(walls)/2], cpus[len(cpus)/2], servers[len(servers)/2]
	return m
}

// printTable writes the results as a Markdown table.
func printTable(w io.Writer, rs []result, runs int) {
	_, _ = fmt.Fprintf(w, "\n(refresh: median of %d runs)\n\n", runs)
	_, _ = fmt.Fprintln(w, "| objects | N | phase | wall s | limit s | wall/limit | statements (per object) | failed | logins | CPU s (terraform+provider) | CPU s (emulator) |")
	_, _ = fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		note := ""
		if r.drift {
			note = " (drift!)"
		}
		_, _ = fmt.Fprintf(w, "| %s | %d | %s%s | %.2f | %.2f | %s | %d (%.2f): %s | %d | %d | %.2f | %.2f |\n",
			r.kind, r.n, r.phase, note, r.wall.Seconds(), r.limit.Seconds(), r.ratio(),
			r.statements, float64(r.statements)/float64(r.n), r.breakdown, r.failed, r.logins, r.cpu.Seconds(), r.serverCPU.Seconds())
	}
}
