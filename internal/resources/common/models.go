package common

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// modelSource is what a model is read from: tfsdk.Plan, tfsdk.State and tfsdk.Config.
type modelSource interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// GetModel reads a plan, state or configuration into a model of type M, the opening of every CRUD
// method; ok is false when it could not be read (the problems are in diags).
func GetModel[M any](ctx context.Context, from modelSource, diags *diag.Diagnostics) (m M, ok bool) {
	diags.Append(from.Get(ctx, &m)...)
	return m, !diags.HasError()
}

// UpdateModels reads an update's plan and prior state into two models of type M, the opening of every
// resource's Update; ok is false when either could not be read (the problems are in diags).
func UpdateModels[M any](ctx context.Context, req resource.UpdateRequest, diags *diag.Diagnostics) (plan, state M, ok bool) {
	diags.Append(req.Plan.Get(ctx, &plan)...)
	diags.Append(req.State.Get(ctx, &state)...)
	return plan, state, !diags.HasError()
}

// NameOrID is the object a single-name resource's state names: its name attribute, or, in the state
// an import leaves (only the id is set), the id. ok is false when the id is no identifier either; the
// error, titled "Invalid <what> id", is in diags.
func NameOrID(name IdentifierValue, id types.String, what string, diags *diag.Diagnostics) (snowflake.Identifier, bool) {
	if n := name.Identifier(); !n.IsZero() {
		return n, true
	}
	n, err := snowflake.ParseIdentifier(id.ValueString())
	if err != nil {
		diags.AddError("Invalid "+what+" id", err.Error())
		return snowflake.Identifier{}, false
	}
	return n, true
}

// ImportByName imports a resource whose ID is one Snowflake name: id is the name in canonical form and
// the attribute attr keeps the spelling given, so a configuration that spells it the same way plans no
// change. expected says what the ID must be, for the error ("the network policy name (e.g. ...)").
func ImportByName(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, attr, expected string) {
	id, err := snowflake.ParseIdentifier(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("Expected %s: %v", expected, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), NewIdentifierValue(req.ID))...)
}
