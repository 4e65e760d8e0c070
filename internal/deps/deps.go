// Package deps pins modules that the project is about to use, so that `go mod tidy` keeps them while the
// packages that import them are written. Remove it once every module here is imported elsewhere.
package deps

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	_ "github.com/hashicorp/terraform-plugin-go/tfprotov6"
	_ "github.com/hashicorp/terraform-plugin-log/tflog"
	_ "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	_ "github.com/snowflakedb/gosnowflake"
	_ "golang.org/x/oauth2"
)
