package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Described, embedded in a validator or plan modifier, gives it Description and MarkdownDescription
// from one plain sentence (the framework asks for both; this provider's descriptions need no Markdown).
type Described string

func (d Described) Description(context.Context) string { return string(d) }

func (d Described) MarkdownDescription(context.Context) string { return string(d) }

// StringValidator is a validator.String that runs check on every known, non-null value: a null or
// unknown value is left to Required and to the next plan. check reports problems on the attribute at.
func StringValidator(desc string, check func(at path.Path, value string, diags *diag.Diagnostics)) validator.String {
	return stringValidator{Described(desc), check}
}

type stringValidator struct {
	Described
	check func(at path.Path, value string, diags *diag.Diagnostics)
}

func (v stringValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.check(req.Path, req.ConfigValue.ValueString(), &resp.Diagnostics)
}
