# Office and VPN ranges may connect; one address inside them is blocked.
resource "snowflakeoauth_network_policy" "office" {
  name            = "office_np" # creates OFFICE_NP; write "\"office_np\"" for an exact lower-case name
  allowed_ip_list = ["192.168.1.0/24", "10.20.0.0/16"]
  blocked_ip_list = ["192.168.1.99"]
  comment         = "Office and VPN egress ranges"
}

# Network rules are referenced by fully qualified name (database.schema.rule).
resource "snowflakeoauth_network_policy" "private_link" {
  name                      = "private_link_np"
  allowed_network_rule_list = ["security_db.network_rules.corp_private_link"]
}
