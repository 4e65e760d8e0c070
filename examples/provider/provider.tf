# Against a real account: a key pair for the service user that Terraform runs as.
provider "snowflakeoauth" {
  organization_name = "MYORG"
  account_name      = "MYACCOUNT"
  user              = "TERRAFORM_SVC"
  role              = "ACCOUNTADMIN"
  private_key       = file("~/.snowflake/terraform_svc.p8")
}

# Against the emulator (what `make demo` does): every setting can come from SNOWFLAKE_* variables,
# e.g. the `export` lines that `snowflake-emulator` prints.
provider "snowflakeoauth" {
  alias    = "emulator"
  account  = "EMULATOR"
  user     = "ADMIN"
  password = var.emulator_password
  host     = "127.0.0.1"
  port     = 8085
  protocol = "http"
  role     = "ACCOUNTADMIN"
}

variable "emulator_password" {
  type      = string
  sensitive = true
}
