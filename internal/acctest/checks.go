package acctest

// Step assertions in the style of the framework's own providers: plan checks for "in place, replaced
// or nothing", state checks (statecheck + knownvalue) for what the state holds.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/compare"
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

// ExpectUpdate is ExpectAction(addr, Update): the step changes addr in place.
func ExpectUpdate(addr string) resource.ConfigPlanChecks {
	return ExpectAction(addr, plancheck.ResourceActionUpdate)
}

// ExpectCreate is ExpectAction(addr, Create): the step creates addr (first apply, or after an
// out-of-band drop).
func ExpectCreate(addr string) resource.ConfigPlanChecks {
	return ExpectAction(addr, plancheck.ResourceActionCreate)
}

// ExpectDestroyBeforeCreate is ExpectAction(addr, DestroyBeforeCreate): the step replaces addr, and
// the old object goes first (the provider's resources are not create_before_destroy).
func ExpectDestroyBeforeCreate(addr string) resource.ConfigPlanChecks {
	return ExpectAction(addr, plancheck.ResourceActionDestroyBeforeCreate)
}

// ExpectEmptyPlan is the plan check of a step whose plan must be empty before it applies.
func ExpectEmptyPlan() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// ExpectEmptyPlanAfterRefresh is the plan check of a step whose plan must be empty once it applied
// and refreshed (what reads back from Snowflake equals what was written).
func ExpectEmptyPlanAfterRefresh() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

// KnownValue is statecheck.ExpectKnownValue of the top-level attribute attr of addr.
func KnownValue(addr, attr string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), want)
}

// PlannedValue is plancheck.ExpectKnownValue of the top-level attribute attr of addr.
func PlannedValue(addr, attr string, want knownvalue.Check) plancheck.PlanCheck {
	return plancheck.ExpectKnownValue(addr, tfjsonpath.New(attr), want)
}

// KnownValues is one statecheck.ExpectKnownValue per top-level attribute of addr.
func KnownValues(addr string, want map[string]knownvalue.Check) []statecheck.StateCheck {
	out := make([]statecheck.StateCheck, 0, len(want))
	for attr, v := range want {
		out = append(out, KnownValue(addr, attr, v))
	}
	return out
}

// KeptAcrossSteps returns a state check to add to every step after which attr of addr must still hold
// the value it held after the earlier steps that added it: the object was changed in place, never
// replaced (its id, or a client ID Snowflake generated, stays).
func KeptAcrossSteps(addr, attr string) func() statecheck.StateCheck {
	c := statecheck.CompareValue(compare.ValuesSame())
	return func() statecheck.StateCheck { return c.AddStateValue(addr, tfjsonpath.New(attr)) }
}

// NewEachStep returns a state check to add to every step after which attr of addr must hold a value
// other than the one it held after the previous step that added it (Snowflake generated it anew).
func NewEachStep(addr, attr string) func() statecheck.StateCheck {
	c := statecheck.CompareValue(compare.ValuesDiffer())
	return func() statecheck.StateCheck { return c.AddStateValue(addr, tfjsonpath.New(attr)) }
}

// SetHas checks that every value is an element of a set of strings (others may be there too).
func SetHas(values ...string) knownvalue.Check {
	elems := make([]knownvalue.Check, len(values))
	for i, v := range values {
		elems[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetPartial(elems)
}

// ExpectKnownValueAfterApply is KnownValue for a value that exists only once the step
// applied (a secret Snowflake generated): want is called when the check runs, not when the step is
// built.
func ExpectKnownValueAfterApply(addr, attr string, want func() knownvalue.Check) statecheck.StateCheck {
	return lateCheck(func() statecheck.StateCheck { return KnownValue(addr, attr, want()) })
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
