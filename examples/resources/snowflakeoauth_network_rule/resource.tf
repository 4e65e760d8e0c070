# The office's public ranges as a rule in an existing schema (SECURITY_DB.NETWORK).
resource "snowflakeoauth_network_rule" "office" {
  database   = "security_db"
  schema     = "network"
  name       = "office_ranges" # creates OFFICE_RANGES; write "\"office_ranges\"" for an exact lower-case name
  type       = "IPV4"
  value_list = ["192.168.1.0/24", "10.20.0.0/16"]
  comment    = "Office and VPN egress ranges"
}

# Private connectivity over AWS PrivateLink.
resource "snowflakeoauth_network_rule" "private_link" {
  database   = "security_db"
  schema     = "network"
  name       = "corp_private_link"
  type       = "AWSVPCEID"
  value_list = ["vpce-0123456789abcdef0"]
}

# A network policy lists rules by fully qualified name: reference the attribute, so the spelling
# always matches and Terraform creates the rules first.
resource "snowflakeoauth_network_policy" "office" {
  name = "office_np"
  allowed_network_rule_list = [
    snowflakeoauth_network_rule.office.fully_qualified_name,
    snowflakeoauth_network_rule.private_link.fully_qualified_name,
  ]
}
