// Command benchrun measures the provider against the physical limit of a Snowflake-like server: it
// starts the emulator in-process (so it can switch latency off while seeding and read its statement
// log), seeds objects directly in the emulator's engine, and runs the real terraform CLI against a
// provider build through dev_overrides. See bench/README.md; bench/run.sh builds and calls it.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// options are the benchmark's knobs; the defaults are issue 11's.
type options struct {
	ns           []int
	kinds        []string
	parallelism  int
	queryLatency time.Duration
	loginLatency time.Duration
	providerDir  string // directory holding terraform-provider-snowflakeoauth
	sleepDir     string // directory holding terraform-provider-benchsleep (kinds sleep, sleep40)
	workDir      string // scratch space for terraform working directories
	reattach     bool   // serve the provider from the profile test binary (see bench/README.md)
	profileDir   string // where the reattached provider writes CPU profiles
	profileBin   string // the profile test binary
	phases       map[string]bool
	runs         int // measured refreshes per scenario (median reported); apply and destroy run once
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("benchrun", flag.ContinueOnError)
	ns := fs.String("n", "100,500", "comma-separated object counts")
	kinds := fs.String("kinds", "custom,delegated", "comma-separated object kinds: custom (custom client integrations), delegated (delegated authorizations), floor (terraform_data: Terraform's own cost), sleep and sleep40 (a provider that only waits the latency: Terraform plus the framework)")
	fs.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	fs.DurationVar(&o.queryLatency, "query-latency", 100*time.Millisecond, "emulator latency per query")
	fs.DurationVar(&o.loginLatency, "login-latency", 300*time.Millisecond, "emulator latency per login")
	fs.StringVar(&o.providerDir, "provider-dir", "", "directory holding the terraform-provider-snowflakeoauth binary (required)")
	fs.StringVar(&o.sleepDir, "sleep-provider-dir", "", "directory holding the terraform-provider-benchsleep binary (default: -provider-dir)")
	fs.StringVar(&o.workDir, "work-dir", "", "scratch directory (default: a temporary one, removed at the end)")
	fs.StringVar(&o.profileBin, "profile-bin", "", "serve the provider from this test binary (bench/profile) and write CPU profiles to -profile-dir")
	fs.StringVar(&o.profileDir, "profile-dir", "", "directory for CPU profiles (with -profile-bin)")
	phases := fs.String("phases", "refresh,apply,destroy", "comma-separated phases to measure")
	fs.IntVar(&o.runs, "runs", 1, "measured refreshes per scenario; the table shows the median wall and CPU time")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.providerDir == "" && o.profileBin == "" {
		return o, fmt.Errorf("-provider-dir or -profile-bin is required")
	}
	o.reattach = o.profileBin != ""
	if o.reattach && o.profileDir == "" {
		return o, fmt.Errorf("-profile-bin needs -profile-dir")
	}
	for _, s := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return o, fmt.Errorf("-n: %q is not a positive count", s)
		}
		o.ns = append(o.ns, n)
	}
	o.phases = map[string]bool{}
	for _, p := range strings.Split(*phases, ",") {
		o.phases[strings.TrimSpace(p)] = true
	}
	if o.runs < 1 {
		return o, fmt.Errorf("-runs must be at least 1")
	}
	for _, k := range strings.Split(*kinds, ",") {
		k = strings.TrimSpace(k)
		if _, ok := scenarios[k]; !ok {
			return o, fmt.Errorf("-kinds: unknown kind %q", k)
		}
		o.kinds = append(o.kinds, k)
	}
	return o, nil
}

// sleepProviderDir is where dev_overrides finds the sleep provider.
func (o options) sleepProviderDir() string {
	if o.sleepDir != "" {
		return o.sleepDir
	}
	return o.providerDir
}

// run measures every kind x N and prints one table.
func run(o options) error {
	if o.workDir == "" {
		dir, err := os.MkdirTemp("", "snowflakeoauth-bench-")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(dir) }()
		o.workDir = dir
	}
	fmt.Printf("# parallelism %d, %v per query, %v per login, load average at start: %s\n",
		o.parallelism, o.queryLatency, o.loginLatency, loadAverage())
	var results []result
	for _, kind := range o.kinds {
		for _, n := range o.ns {
			rs, err := runScenario(o, scenarios[kind], n)
			if err != nil {
				return fmt.Errorf("%s N=%d: %w", kind, n, err)
			}
			results = append(results, rs...)
		}
	}
	printTable(os.Stdout, results, o.runs)
	fmt.Printf("# load average at end: %s\n", loadAverage())
	return nil
}

// loadAverage is /proc/loadavg's first three fields: the results depend on what else runs.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
