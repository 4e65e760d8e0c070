// Command snowflake-emulator runs the Snowflake emulator as a standalone server, for trying the
// provider (or any gosnowflake client) without a Snowflake account.
//
//	go run ./internal/emulator/cmd/snowflake-emulator -admin-password secret -state emulator.json
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/emulator"
)

func main() {
	// Stop cleanly on Ctrl-C and on SIGTERM (docker stop, make targets killing the job).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "snowflake-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	f, err := parseFlags(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	opts, readyFile := f.opts, f.readyFile
	if readyFile != "" {
		// A stale file from an earlier run must not look like readiness.
		if err := os.Remove(readyFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("ready file: %w", err)
		}
		defer func() { _ = os.Remove(readyFile) }()
	}
	srv, err := emulator.Start(opts)
	if err != nil {
		return err
	}
	srv.SetLoginLatency(f.loginLatency)
	exports := exportLines(srv)
	dsn, err := srv.DSN(srv.AdminUser(), srv.AdminPassword(), "ACCOUNTADMIN")
	if err != nil {
		_ = srv.Close()
		return err
	}
	// The banner is informational: an unwritable stdout must not stop the emulator.
	_, _ = fmt.Fprintf(stdout, "Snowflake emulator listening on %s (account %s)\n", srv.URL(), srv.Account())
	if opts.StateFile != "" {
		_, _ = fmt.Fprintf(stdout, "State file: %s\n", opts.StateFile)
	}
	if srv.AdminURL() != "" {
		_, _ = fmt.Fprintf(stdout, "Admin endpoint (fault knobs, no authentication): %s\n", srv.AdminURL())
	}
	_, _ = fmt.Fprintf(stdout, "\nConnect the provider with:\n\n%s\ngosnowflake DSN:\n\n  %s\n\nPress Ctrl-C to stop.\n", exports, dsn)
	if readyFile != "" {
		if err := writeReadyFile(readyFile, exports); err != nil {
			_ = srv.Close()
			return err
		}
	}

	<-ctx.Done()
	_, _ = fmt.Fprintln(stdout, "Shutting down.")
	return srv.Close()
}

// cmdFlags is the parsed command line.
type cmdFlags struct {
	opts         emulator.Options
	readyFile    string
	loginLatency time.Duration
}

// parseFlags reads the command line.
func parseFlags(args []string) (cmdFlags, error) {
	fs := flag.NewFlagSet("snowflake-emulator", flag.ContinueOnError)
	var f cmdFlags
	opts := &f.opts
	fs.StringVar(&opts.Listen, "listen", "127.0.0.1:8085", "address to listen on (loopback only unless -allow-remote)")
	fs.StringVar(&opts.Account, "account", "EMULATOR", "account name")
	fs.StringVar(&opts.AdminUser, "admin-user", "ADMIN", "login name of the bootstrap admin user, whose default role is ACCOUNTADMIN")
	fs.StringVar(&opts.AdminPassword, "admin-password", "", "admin password (generated and printed when empty)")
	fs.StringVar(&opts.StateFile, "state", "", "JSON file to load state from and save it to after every change")
	fs.DurationVar(&opts.Latency, "latency", 0, "delay added to every query, e.g. 50ms")
	fs.DurationVar(&f.loginLatency, "login-latency", 0, "delay added to every login, separate from -latency, e.g. 300ms")
	fs.DurationVar(&opts.SessionTTL, "session-ttl", 0, "session token validity (default 1h)")
	fs.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a non-loopback -listen address (plain HTTP, no TLS)")
	fs.StringVar(&opts.AdminListen, "admin-listen", "", "serve the fault-injection admin endpoint on this loopback address, e.g. 127.0.0.1:0 (off when empty)")
	fs.IntVar(&opts.StatementLogSize, "statement-log-size", 0, "statements kept in the in-memory statement log (default 50000)")
	fs.StringVar(&f.readyFile, "ready-file", "", "write the export lines to this file once listening")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return f, nil
}

// exportLines are shell lines setting the provider's environment variables for this server.
func exportLines(srv *emulator.Server) string {
	vars := [][2]string{
		{"SNOWFLAKE_ACCOUNT", srv.Account()},
		{"SNOWFLAKE_USER", srv.AdminUser()},
		{"SNOWFLAKE_PASSWORD", srv.AdminPassword()},
		{"SNOWFLAKE_HOST", srv.Host()},
		{"SNOWFLAKE_PORT", strconv.Itoa(srv.Port())},
		{"SNOWFLAKE_PROTOCOL", "http"},
		{"SNOWFLAKE_ROLE", "ACCOUNTADMIN"},
	}
	if srv.AdminURL() != "" {
		vars = append(vars, [2]string{"SNOWFLAKE_EMULATOR_ADMIN_URL", srv.AdminURL()})
	}
	var b strings.Builder
	for _, v := range vars {
		fmt.Fprintf(&b, "export %s=%s\n", v[0], shellQuote(v[1]))
	}
	return b.String()
}

// shellQuote quotes s for POSIX shells when it holds anything but safe characters.
func shellQuote(s string) string {
	safe := s != "" && strings.IndexFunc(s, func(r rune) bool { return !shellSafe(r) }) < 0
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeReadyFile writes the export lines atomically (readers poll for the file) and private (it
// holds the admin password).
func writeReadyFile(path, content string) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("ready file: %w", err)
	}
	_, err = f.WriteString(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("ready file: %w", err)
	}
	return nil
}

// shellSafe reports whether r needs no quoting in a POSIX shell word.
func shellSafe(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.:/@%+=,", r)
}
