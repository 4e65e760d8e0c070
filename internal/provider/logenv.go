package provider

import (
	"os"
	"strings"
)

// QuietDiscardedLogs turns off the provider's and the plugin SDK's loggers when Terraform will
// discard everything they write. Call it from main before serving, never from tests (their log
// sink has its own settings).
//
// Why: Terraform shows a provider's log lines only when TF_LOG_PROVIDER or TF_LOG names a level
// ("Logging is off for all subsystems by default",
// https://developer.hashicorp.com/terraform/plugin/log/managing), but terraform-plugin-log defaults
// every logger whose variable is unset to TRACE. Without this, each RPC of a refresh builds,
// JSON-encodes and writes dozens of trace lines that Terraform then parses and drops: about a
// quarter of the provider's CPU in a 500-object refresh, plus Terraform's parsing (bench/README.md).
func QuietDiscardedLogs() {
	for k, v := range quietLogSettings(os.LookupEnv) {
		_ = os.Setenv(k, v) // Setenv fails only on invalid names; these are constants
	}
}

// The provider's own logger and the SDK root logger (the framework and protocol subsystems inherit
// the SDK level when their own variables are unset).
var quietLogVars = []string{"TF_LOG_PROVIDER", "TF_LOG_SDK"}

// quietLogSettings returns the variables to set: none when Terraform shows provider logs, else OFF
// for each logger variable the user did not set.
func quietLogSettings(lookup func(string) (string, bool)) map[string]string {
	for _, shown := range []string{"TF_LOG_PROVIDER", "TF_LOG"} {
		if v, _ := lookup(shown); v != "" && !strings.EqualFold(v, "off") {
			return nil
		}
	}
	out := map[string]string{}
	for _, k := range quietLogVars {
		if v, _ := lookup(k); v == "" {
			out[k] = "OFF"
		}
	}
	return out
}
