// Command terraform-provider-benchsleep is the benchmark's zero-work provider: a
// terraform-plugin-framework provider whose only resource stores its configuration and waits a fixed
// latency per "statement" (one per read, two per create, one per delete), with no SQL, no driver and
// no server. Measured like the real provider (bench/README.md, kinds sleep and sleep40), it shows how
// close to the physical limit Terraform plus the framework can get on this machine when the
// provider's own work costs nothing. It is a measuring instrument, never shipped.
package main

import (
	"context"
	"log"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/provider"
)

func main() {
	provider.QuietDiscardedLogs() // the same logging set-up as the real provider's main
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: "registry.terraform.io/bench/benchsleep",
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// latency is the wait per statement, from BENCHSLEEP_LATENCY (a Go duration; unset = none, as in
// the benchmark's untimed set-up).
func latency() time.Duration {
	d, err := time.ParseDuration(os.Getenv("BENCHSLEEP_LATENCY"))
	if err != nil {
		return 0
	}
	return d
}

// extraAttributes is how many optional+computed string attributes the resource has besides name,
// from BENCHSLEEP_ATTRIBUTES (default 0): the custom client integration has about 40.
func extraAttributes() int {
	n, err := strconv.Atoi(os.Getenv("BENCHSLEEP_ATTRIBUTES"))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// wait is one statement's round trip.
func wait(ctx context.Context) {
	select {
	case <-time.After(latency()):
	case <-ctx.Done():
	}
}
