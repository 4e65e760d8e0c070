package resources

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = (*networkPolicyResource)(nil)

// officialNetworkPolicyType is the official provider's network policy resource.
const officialNetworkPolicyType = "snowflake_network_policy"

type officialNetworkPolicyModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	AllowedIPList          types.Set    `tfsdk:"allowed_ip_list"`
	BlockedIPList          types.Set    `tfsdk:"blocked_ip_list"`
	AllowedNetworkRuleList types.Set    `tfsdk:"allowed_network_rule_list"`
	BlockedNetworkRuleList types.Set    `tfsdk:"blocked_network_rule_list"`
	Comment                types.String `tfsdk:"comment"`
}

// MoveState accepts `moved` from snowflake_network_policy.
func (r *networkPolicyResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{moveFromOfficial[officialNetworkPolicyModel](officialNetworkPolicyType)}
}

func (src officialNetworkPolicyModel) translate(ctx context.Context, diags *diag.Diagnostics) map[string]attr.Value {
	name := officialName("name", officialString(src.Name), diags)
	return map[string]attr.Value{
		"id":                        types.StringValue(name.String()),
		"name":                      officialSpelling(strings.TrimSpace(officialString(src.Name)), name),
		"allowed_ip_list":           officialStringSet(ctx, src.AllowedIPList, diags),
		"blocked_ip_list":           officialStringSet(ctx, src.BlockedIPList, diags),
		"allowed_network_rule_list": officialRuleSet(ctx, "allowed_network_rule_list", src.AllowedNetworkRuleList, diags),
		"blocked_network_rule_list": officialRuleSet(ctx, "blocked_network_rule_list", src.BlockedNetworkRuleList, diags),
		"comment":                   types.StringValue(officialString(src.Comment)),
	}
}
