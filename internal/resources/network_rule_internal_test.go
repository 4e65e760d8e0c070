package resources

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestRuleChanges: the SET/UNSET clauses an update sends. VALUE_LIST rides along with a comment
// change while the list is not empty (the documented SET has COMMENT only next to VALUE_LIST).
func TestRuleChanges(t *testing.T) {
	a, b := []string{"10.0.0.1"}, []string{"10.0.0.2", "10.0.0.3"}
	for _, c := range []struct {
		name                    string
		planV, stateV           []string
		planC, stateC           string
		wantV, wantC, wantUnset string
	}{
		{"nothing", a, a, "x", "x", "[]", "<nil>", "[]"},
		{"values only", b, a, "", "", "[10.0.0.2 10.0.0.3]", "<nil>", "[]"},
		{"same values, other order", []string{"10.0.0.3", "10.0.0.2"}, b, "", "", "[]", "<nil>", "[]"},
		{"comment set, values kept", a, a, "new", "", "[10.0.0.1]", "new", "[]"},
		{"comment removed", a, a, "", "old", "[]", "<nil>", "[COMMENT]"},
		{"values emptied", nil, a, "", "", "[]", "<nil>", "[VALUE_LIST]"},
		{"both emptied", nil, a, "", "old", "[]", "<nil>", "[VALUE_LIST COMMENT]"},
		{"comment on an empty rule", nil, nil, "c", "", "[]", "c", "[]"},
		{"values emptied, comment changed", nil, a, "c", "old", "[]", "c", "[VALUE_LIST]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, cm, unset := ruleChanges(c.planV, c.stateV, c.planC, c.stateC)
			gotC := "<nil>"
			if cm != nil {
				gotC = *cm
			}
			if fmt.Sprint(v) != c.wantV || gotC != c.wantC || fmt.Sprint(unset) != c.wantUnset {
				t.Errorf("got values %v comment %s unset %v; want %s %s %s", v, gotC, unset, c.wantV, c.wantC, c.wantUnset)
			}
		})
	}
}

func TestCheckRuleValue(t *testing.T) {
	for _, c := range []struct {
		typ, v string
		ok     bool
	}{
		{"IPV4", "10.0.0.0/8", true}, {"IPV4", "10.0.0.1", true}, {"IPV4", "10.0.0.0/33", false},
		{"IPV4", "2001:db8::1", false}, {"IPV4", "example.com", false},
		{"IPV6", "2001:db8::/32", true}, {"IPV6", "2001:db8::1", true}, {"IPV6", "::ffff:192.0.2.1", true},
		{"IPV6", "10.0.0.1", false}, {"IPV6", "10.0.0.0/8", false}, {"IPV6", "2001:db8::/129", false},
		{"HOST_PORT", "example.com:443", true}, {"HOST_PORT", " ", false}, {"AWSVPCEID", "", false},
	} {
		if err := checkRuleValue(c.typ, c.v); (err == nil) != c.ok {
			t.Errorf("%s %q: err %v, want ok=%v", c.typ, c.v, err, c.ok)
		}
	}
}

// TestKeepRuleValues: a value containing "," comes back from DESCRIBE in pieces; that is no drift,
// while a real difference is.
func TestKeepRuleValues(t *testing.T) {
	prior := stringSet([]string{"{vpce-1:10.0.0.0/24,vpce-2:10.1.0.0/24}", "vpce-3"})
	if got := keepRuleValues(prior, []string{"{vpce-1:10.0.0.0/24", "vpce-2:10.1.0.0/24}", "vpce-3"}); !got.Equal(prior) {
		t.Errorf("split read shown as drift: %v", got)
	}
	if got := keepRuleValues(prior, []string{"vpce-3"}); got.Equal(prior) || len(got.Elements()) != 1 {
		t.Errorf("a removed value not shown as drift: %v", got)
	}
	if got := keepRuleValues(types.SetNull(types.StringType), []string{"a"}); len(got.Elements()) != 1 {
		t.Errorf("import (null prior): %v", got)
	}
}
