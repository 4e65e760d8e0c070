resource "snowflakeoauth_network_policy" "notebook" {
  name            = "\"notebook_np\"" # an exact lower-case name works too
  allowed_ip_list = ["203.0.113.0/24"]
}

# Referencing the policy resource's name makes Terraform unbind before it drops the policy.
resource "snowflakeoauth_integration_network_policy" "notebook" {
  integration_name    = "notebook_app"
  network_policy_name = snowflakeoauth_network_policy.notebook.name
}
