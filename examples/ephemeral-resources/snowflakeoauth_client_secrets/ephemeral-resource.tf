# Read the client id and secrets without writing them to plan or state (Terraform 1.10+), and pass them
# to another provider's ephemeral or write-only argument.
ephemeral "snowflakeoauth_client_secrets" "notebook" {
  # Use the integration's id, not its name: the id is unknown until the integration exists, so Terraform
  # reads the secrets during the apply that creates it instead of failing at plan time.
  integration_name = snowflakeoauth_custom_client_integration.notebook.id
}

# For example, store them in a secrets manager with a write-only argument (Terraform 1.11+).
resource "aws_secretsmanager_secret_version" "notebook_oauth" {
  secret_id = "notebook/snowflake-oauth"
  secret_string_wo = jsonencode({
    client_id     = ephemeral.snowflakeoauth_client_secrets.notebook.oauth_client_id
    client_secret = ephemeral.snowflakeoauth_client_secrets.notebook.oauth_client_secret
  })
  secret_string_wo_version = 1
}
