// Package profile serves the provider from a test binary so that a benchmark can profile it without
// any profiling code in the provider itself: `go test -c` builds the binary, `-test.cpuprofile`
// writes the profile when the test returns, and Terraform talks to the already running provider
// through TF_REATTACH_PROVIDERS (provider debug mode) instead of starting it.
package profile

import (
	"os"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/provider"
)

// TestServeProvider serves the provider until SIGINT or SIGTERM when BENCH_REATTACH_FILE names the
// file to write the TF_REATTACH_PROVIDERS line to; without it (make test) it is skipped.
func TestServeProvider(t *testing.T) {
	envFile := os.Getenv("BENCH_REATTACH_FILE")
	if envFile == "" {
		t.Skip("serves the provider for bench/benchrun -profile-bin; set BENCH_REATTACH_FILE to run it")
	}
	provider.QuietDiscardedLogs() // as main does
	err := tf6server.Serve("registry.terraform.io/snowflakeoauth/snowflakeoauth",
		providerserver.NewProtocol6(provider.New("bench")()),
		tf6server.WithManagedDebug(),
		tf6server.WithManagedDebugEnvFilePath(envFile),
		tf6server.WithManagedDebugStopSignals([]os.Signal{os.Interrupt, syscall.SIGTERM}))
	if err != nil {
		t.Fatal(err)
	}
}
