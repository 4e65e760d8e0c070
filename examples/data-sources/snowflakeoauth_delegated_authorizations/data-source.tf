# Everything Jane has pre-consented to.
data "snowflakeoauth_delegated_authorizations" "jane" {
  user_name = "jane"
}

# Everyone who skips consent for the notebook app (exactly one of user_name / integration_name).
data "snowflakeoauth_delegated_authorizations" "notebook" {
  integration_name = "NOTEBOOK_APP"
}

output "notebook_pre_consented" {
  value = [for a in data.snowflakeoauth_delegated_authorizations.notebook.authorizations : "${a.user_name} as ${a.role_name}"]
}
