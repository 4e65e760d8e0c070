# Zero-downtime rotation of a confidential client's secrets. Snowflake keeps two secrets, both valid;
# REFRESH of one leaves the other working. Each change of a rotation's `rotation_triggers` rotates it.
#
#   1. Bump `secondary_rotation` below: OAUTH_CLIENT_SECRET_2 is regenerated; clients still use secret 1.
#   2. Move the clients to secret 2 (here: the secret store they read, fed from the new value).
#   3. Bump `primary_rotation`: secret 1 is regenerated; nothing uses it any more.
# Next time, do the same with the roles of the two secrets swapped.

variable "secondary_rotation" {
  type    = string
  default = "2025-01"
}

variable "primary_rotation" {
  type    = string
  default = "2025-01"
}

resource "snowflakeoauth_client_secret_rotation" "secondary" {
  integration_name  = snowflakeoauth_custom_client_integration.notebook.name
  secret            = "OAUTH_CLIENT_SECRET_2"
  rotation_triggers = { period = var.secondary_rotation }
}

resource "snowflakeoauth_client_secret_rotation" "primary" {
  integration_name  = snowflakeoauth_custom_client_integration.notebook.name
  secret            = "OAUTH_CLIENT_SECRET"
  rotation_triggers = { period = var.primary_rotation }

  # Never rotate secret 1 in the same apply as secret 2: clients need time to move.
  depends_on = [snowflakeoauth_client_secret_rotation.secondary]
}

# Read the secrets after the rotations, without writing them to state, and hand the current one to the
# clients (e.g. through a secrets manager's write-only argument).
# (Terraform opens ephemeral resources again during apply, so the values are the rotated ones.)
ephemeral "snowflakeoauth_client_secrets" "notebook" {
  integration_name = snowflakeoauth_custom_client_integration.notebook.id
  depends_on       = [snowflakeoauth_client_secret_rotation.secondary, snowflakeoauth_client_secret_rotation.primary]
}
