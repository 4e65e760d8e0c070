# Note: data source values are stored in the Terraform state (the secrets are marked sensitive).
# Prefer the ephemeral resource of the same name with Terraform 1.10+.
data "snowflakeoauth_client_secrets" "notebook" {
  integration_name = "notebook_app" # NOTEBOOK_APP; a quoted name such as "\"notebook_app\"" is exact
}

output "notebook_client_id" {
  value = data.snowflakeoauth_client_secrets.notebook.oauth_client_id
}
