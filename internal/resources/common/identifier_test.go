package common

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

func TestIdentifierSemanticEquality(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"analyst", "ANALYST", true},
		{"analyst", `"ANALYST"`, true},
		{`"Mixed"`, "MIXED", false},
		{`"Mixed"`, `"Mixed"`, true},
		{"Legacy App", `"Legacy App"`, true},
		{"a", "b", false},
	} {
		got, d := NewIdentifierValue(c.a).StringSemanticEquals(ctx, NewIdentifierValue(c.b))
		if d.HasError() || got != c.want {
			t.Errorf("%q ~ %q = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestIdentifierValidatorNamesAttribute(t *testing.T) {
	for _, bad := range []string{"", strings.Repeat("x", 256), `"unterminated`} {
		var resp validator.StringResponse
		IdentifierValidator().ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("name"), ConfigValue: types.StringValue(bad)}, &resp)
		if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "name") {
			t.Errorf("%q: want an error naming the attribute, got %v", bad, resp.Diagnostics)
		}
	}
}

func TestKeepIdentifierSet(t *testing.T) {
	ctx := context.Background()
	prior := types.SetValueMust(IdentifierType{}, []attr.Value{NewIdentifierValue("analyst")})
	read := []snowflake.Identifier{snowflake.NewIdentifier("ANALYST")}
	if got := KeepIdentifierSet(ctx, prior, read); !got.Equal(prior) {
		t.Errorf("same set: got %v, want prior spelling kept", got)
	}
	read = append(read, snowflake.NewIdentifier("Mixed"))
	got := KeepIdentifierSet(ctx, prior, read)
	if len(got.Elements()) != 2 || got.Equal(prior) {
		t.Errorf("changed set: got %v", got)
	}
}
