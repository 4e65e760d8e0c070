package acctest

// Step assertions in the style of the framework's own providers: plan checks for "in place, replaced
// or nothing", state checks (statecheck + knownvalue) for what the state holds.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// ExpectAction is the plan check of a step that must plan exactly action for addr (Update for "in
// place", DestroyBeforeCreate or Replace for "replaced", Create after an out-of-band drop).
func ExpectAction(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}}
}

// ExpectNoChange is the plan check of a step that must plan nothing at all for addr or anything else.
func ExpectNoChange(addr string) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop), plancheck.ExpectEmptyPlan()}}
}

// KnownValues is one statecheck.ExpectKnownValue per top-level attribute of addr.
func KnownValues(addr string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	out := make([]statecheck.StateCheck, 0, len(want))
	for attr, v := range want {
		out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), v))
	}
	return out
}

// SetHas checks that every value is an element of a set of strings (others may be there too).
func SetHas(values ...string) knownvalue.Check {
	elems := make([]knownvalue.Check, len(values))
	for i, v := range values {
		elems[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetPartial(elems)
}

// ExpectKnownValueAfterApply is statecheck.ExpectKnownValue for a value that exists only once the step
// applied (a secret Snowflake generated): want is called when the check runs, not when the step is
// built.
func ExpectKnownValueAfterApply(addr string, path tfjsonpath.Path, want func() knownvalue.Check) statecheck.StateCheck {
	return lateCheck(func() statecheck.StateCheck { return statecheck.ExpectKnownValue(addr, path, want()) })
}

type lateCheck func() statecheck.StateCheck

func (f lateCheck) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	f().CheckState(ctx, req, resp)
}

// ListUnordered checks that a list holds exactly elements matching want, in any order: for lists
// whose order Snowflake does not promise (rows created in the same second).
func ListUnordered(want ...knownvalue.Check) knownvalue.Check { return listUnordered(want) }

type listUnordered []knownvalue.Check

func (l listUnordered) CheckValue(v any) error {
	got, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	if len(got) != len(l) {
		return fmt.Errorf("expected %d elements, got %d", len(l), len(got))
	}
	used := make([]bool, len(got))
next:
	for _, w := range l {
		for i, g := range got {
			if !used[i] && w.CheckValue(g) == nil {
				used[i] = true
				continue next
			}
		}
		return fmt.Errorf("no element matches %s", w)
	}
	return nil
}

func (l listUnordered) String() string { return fmt.Sprintf("%v (any order)", []knownvalue.Check(l)) }
