//go:build generate

// Package tools pins the documentation generator. Run `make docs` (go generate) from the repository root.
package tools

import (
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name snowflakeoauth
