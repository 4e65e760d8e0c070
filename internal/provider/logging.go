package provider

import (
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var pemKeyRegex = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`)

// withMasking returns a context whose tflog output hides every secret: by field name, by PEM
// shape, and by the resolved secret values wherever they appear.
func withMasking(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, secretAttrs...)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, pemKeyRegex)
	ctx = tflog.MaskMessageRegexes(ctx, pemKeyRegex)
	if len(secrets) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
	}
	return ctx
}

// redact removes secrets from text shown to the user, such as a driver error.
func redact(s string, secrets []string) string {
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, "***")
	}
	return pemKeyRegex.ReplaceAllString(s, "***")
}
