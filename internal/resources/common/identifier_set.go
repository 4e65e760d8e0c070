package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// IdentifierSetType is the type of a role list: a set of IdentifierType elements.
var IdentifierSetType = types.SetType{ElemType: IdentifierType{}}

// IdentifiersFromSet resolves every element of a set of identifiers. A null or unknown set gives nil.
func IdentifiersFromSet(ctx context.Context, s types.Set, diags *diag.Diagnostics) []snowflake.Identifier {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var vals []IdentifierValue
	diags.Append(s.ElementsAs(ctx, &vals, false)...)
	out := make([]snowflake.Identifier, 0, len(vals))
	for _, v := range vals {
		if id := v.Identifier(); !id.IsZero() {
			out = append(out, id)
		}
	}
	return out
}

// IdentifierSetValue builds a set of canonical names (never null: an empty list is an empty set).
func IdentifierSetValue(ids []snowflake.Identifier) types.Set {
	elems := make([]attr.Value, 0, len(ids))
	for _, id := range ids {
		elems = append(elems, IdentifierValueOf(id))
	}
	return types.SetValueMust(IdentifierType{}, elems)
}

// KeepIdentifierSet returns prior when it names the same set of objects as read (so the user's
// spelling survives a refresh), otherwise the canonical form of read.
func KeepIdentifierSet(ctx context.Context, prior types.Set, read []snowflake.Identifier) types.Set {
	if !prior.IsNull() && !prior.IsUnknown() {
		var d diag.Diagnostics
		if snowflake.SameIdentifierSet(IdentifiersFromSet(ctx, prior, &d), read) && !d.HasError() {
			return prior
		}
	}
	return IdentifierSetValue(read)
}

// KeepIdentifier returns prior when it names the same object as read, otherwise read's canonical form.
func KeepIdentifier(prior IdentifierValue, read snowflake.Identifier) IdentifierValue {
	if p := prior.Identifier(); !p.IsZero() && p.Equal(read) {
		return prior
	}
	return IdentifierValueOf(read)
}
