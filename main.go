// Command terraform-provider-snowflakeoauth serves the snowflakeoauth provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/provider"
)

// version is set by goreleaser at build time.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	provider.QuietDiscardedLogs() // Terraform drops provider logs unless TF_LOG[_PROVIDER] is set

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/snowflakeoauth/snowflakeoauth",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
