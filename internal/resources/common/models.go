package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// UpdateModels reads an update's plan and prior state into two models of type M, the opening of every
// resource's Update; ok is false when either could not be read (the problems are in diags).
func UpdateModels[M any](ctx context.Context, req resource.UpdateRequest, diags *diag.Diagnostics) (plan, state M, ok bool) {
	diags.Append(req.Plan.Get(ctx, &plan)...)
	diags.Append(req.State.Get(ctx, &state)...)
	return plan, state, !diags.HasError()
}
