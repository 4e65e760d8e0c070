package common

// Creating without losing track: once a CREATE (or the ALTER/ADD that creates a resource) may have
// run, the object must end up in state whatever fails afterwards (DESIGN.md, "Writes").

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// Outcome is what CreateThenRead established about the object.
type Outcome int

const (
	// NotCreated: Snowflake answered that the statement failed (or the object is verifiably absent).
	// The error is reported; the caller saves nothing.
	NotCreated Outcome = iota
	// CreatedAndRead: the object exists and the read-back value is valid.
	CreatedAndRead
	// CreatedNotRead: the object exists but reading it back failed; a warning is reported and the
	// caller saves the planned values with SaveUnread. It is not an error on purpose: Terraform
	// marks an object whose create returned an error as tainted and would replace it on the next
	// apply (for an OAuth integration: a new client id and secrets), while the next refresh only
	// needs to read it.
	CreatedNotRead
	// OutcomeUnknown: the statement's answer was lost and the object could not be looked up either.
	// An error is reported and the caller saves the planned values with SaveUnread, so nothing can
	// become an orphan: the next refresh reads it or, if it was never created, drops it from state.
	OutcomeUnknown
)

// ReadBackDelays are the waits before each retry of the read that follows a create: a short,
// bounded backoff (3.5 s in all) that rides out a brief outage without holding an apply for long.
var ReadBackDelays = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}

// CreateThenRead runs create, then read with retries (ReadBackDelays), and reports what is known.
// what names the object for messages ("security integration MY_APP"). A create whose answer was lost
// (snowflake.OutcomeUnknown) is settled by the read: found means created, snowflake.ErrNotFound means
// not created. onErr reports a definite create failure (e.g. AddCreateError with an import hint).
func CreateThenRead[T any](ctx context.Context, diags *diag.Diagnostics, what string,
	create func(context.Context) error, read func(context.Context) (T, error), onErr func(error)) (T, Outcome) {
	var zero T
	createErr := create(ctx)
	if createErr != nil && !snowflake.OutcomeUnknown(createErr) {
		onErr(createErr)
		return zero, NotCreated
	}
	readCtx, cancel := afterDeadline(ctx)
	defer cancel()
	v, readErr := RetryRead(readCtx, read)
	outcome := settle(diags, what, createErr, readErr, onErr)
	if outcome != CreatedAndRead {
		return zero, outcome
	}
	return v, outcome
}

// CreateThenVerify is CreateThenRead for resources whose state is known without a read (every
// value comes from the configuration): verify, which returns snowflake.ErrNotFound when the object
// is absent, runs only when the create's answer was lost.
func CreateThenVerify(ctx context.Context, diags *diag.Diagnostics, what string,
	create func(context.Context) error, verify func(context.Context) error, onErr func(error)) Outcome {
	createErr := create(ctx)
	switch {
	case createErr == nil:
		return CreatedAndRead
	case !snowflake.OutcomeUnknown(createErr):
		onErr(createErr)
		return NotCreated
	}
	readCtx, cancel := afterDeadline(ctx)
	defer cancel()
	_, readErr := RetryRead(readCtx, func(ctx context.Context) (struct{}, error) { return struct{}{}, verify(ctx) })
	return settle(diags, what, createErr, readErr, onErr)
}

// ReadBackBudget is how long the read after a create may take once the operation's own timeout
// (the `timeouts` block) has expired: without it, a create cut off by its timeout could never learn
// whether the object exists, and Terraform would replace an object that only needed reading.
const ReadBackBudget = 15 * time.Second

// afterDeadline returns ctx, or, when ctx's deadline has passed, a context with ReadBackBudget that
// keeps ctx's values. A cancelled ctx (Ctrl-C) stays cancelled: the read then fails at once.
func afterDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return context.WithTimeout(context.WithoutCancel(ctx), ReadBackBudget)
	}
	return ctx, func() {}
}

// settle decides the outcome from the create's error (nil or unanswered) and the read's.
func settle(diags *diag.Diagnostics, what string, createErr, readErr error, onErr func(error)) Outcome {
	switch {
	case readErr == nil:
		if createErr != nil {
			diags.AddWarning("Created "+what+" although its answer was lost",
				fmt.Sprintf("The answer to the create statement was lost (%s), but %s exists, so it was saved in the "+
					"Terraform state. If it existed before this apply, Terraform now manages it.", snowflake.Detail(createErr), what))
		}
		return CreatedAndRead
	case createErr != nil && errors.Is(readErr, snowflake.ErrNotFound):
		onErr(createErr) // the lost statement did not run
		return NotCreated
	case createErr != nil:
		diags.AddError("Unknown whether "+what+" was created",
			fmt.Sprintf("The answer to the create statement was lost (%s) and looking the object up failed too (%s). "+
				"It was saved in the Terraform state with the configured values, so it cannot be lost: the next "+
				"`terraform apply` or `terraform refresh` reads it, or removes it from state if it was never created. "+
				"Terraform marks it tainted because of this error; if it does exist and you want to keep it (and its "+
				"generated values), run `terraform untaint <address>` before the next apply.",
				snowflake.Detail(createErr), snowflake.Detail(readErr)))
		return OutcomeUnknown
	}
	diags.AddWarning("Created "+what+" but could not read it back",
		fmt.Sprintf("The %s was created and is saved in the Terraform state with the configured values. Reading it back "+
			"failed (%s), so the attributes that only Snowflake knows are empty until the next `terraform apply`, "+
			"`plan` or `refresh` reads them. Nothing needs to be imported or recreated.", what, snowflake.Detail(readErr)))
	return CreatedNotRead
}

// RetryRead calls read until it succeeds or the retries (ReadBackDelays) or ctx run out, and returns
// the last result. A not-found answer is retried too: right after a create it is not final.
func RetryRead[T any](ctx context.Context, read func(context.Context) (T, error)) (T, error) {
	v, err := read(ctx)
	for _, d := range ReadBackDelays {
		if err == nil || ctx.Err() != nil {
			break
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return v, err
		case <-t.C:
		}
		v, err = read(ctx)
	}
	return v, err
}

// SaveUnread stores model (the plan, with the identifying attributes set) as the new state, with
// every value the plan left unknown set to null: the honest value of an attribute only Snowflake
// knows and nobody could read. The next refresh fills them.
func SaveUnread(ctx context.Context, state *tfsdk.State, model any, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, model)...)
	if diags.HasError() {
		return
	}
	raw, err := NullUnknowns(state.Raw)
	if err != nil {
		diags.AddError("Failed to save the created object", err.Error())
		return
	}
	state.Raw = raw
}

// NullUnknowns returns v with every unknown value, at any depth, replaced by a null of its type.
func NullUnknowns(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(_ *tftypes.AttributePath, x tftypes.Value) (tftypes.Value, error) {
		if !x.IsKnown() {
			return tftypes.NewValue(x.Type(), nil), nil
		}
		return x, nil
	})
}
