package common

// Per-resource time limits (`timeouts` block, terraform-plugin-framework-timeouts): a create,
// update or delete never waits longer than configured, and an interrupted apply (Ctrl-C) still
// cancels at once, because the bounded context derives from the one the framework cancels.

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// DefaultTimeout bounds an operation whose `timeouts` block does not set it. Every operation is a
// few statements that take well under a second each; five minutes leave room for the driver's
// retries through a long outage without letting a hung server hold an apply for ever.
const DefaultTimeout = 5 * time.Minute

// TimeoutsBlocks is the Blocks of a resource schema: `timeouts { create, update, delete }`.
func TimeoutsBlocks(ctx context.Context) map[string]schema.Block {
	return map[string]schema.Block{
		"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true,
			CreateDescription: timeoutDesc("create"), UpdateDescription: timeoutDesc("update"),
			DeleteDescription: timeoutDesc("delete")}),
	}
}

// CreateTimeout bounds ctx by timeouts.create of the plan.
func CreateTimeout(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return boundBy(ctx, plan.GetAttribute, timeouts.Value.Create, diags)
}

// UpdateTimeout bounds ctx by timeouts.update of the plan.
func UpdateTimeout(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return boundBy(ctx, plan.GetAttribute, timeouts.Value.Update, diags)
}

// DeleteTimeout bounds ctx by timeouts.delete of the state.
func DeleteTimeout(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return boundBy(ctx, state.GetAttribute, timeouts.Value.Delete, diags)
}

func boundBy(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics,
	limit func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	var t timeouts.Value
	diags.Append(get(ctx, path.Root("timeouts"), &t)...)
	d, ds := limit(t, ctx, DefaultTimeout)
	diags.Append(ds...)
	return context.WithTimeout(ctx, d)
}

func timeoutDesc(op string) string {
	return "How long the " + op + " may take, as a Go duration (`30s`, `10m`, `1h`). Default: `5m`. " +
		"Past it the running statement is cancelled."
}
