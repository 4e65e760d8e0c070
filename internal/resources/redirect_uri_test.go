package resources

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func TestIntegValidateRedirectURI(t *testing.T) {
	p := path.Root("oauth_redirect_uri")
	for _, c := range []struct {
		uri    string
		nonTLS bool
		want   string // "" = valid, else a fragment of the error summary
	}{
		{"https://example.com/cb", false, ""},
		{"https://example.com/cb?x=1", false, ""},
		{"http://localhost:8080/cb", true, ""},
		{"https://example.com/cb#frag", false, "fragment"},
		{"https://example.com/cb#", false, "fragment"},
		{"http://localhost/cb#x", true, "fragment"},
		{"http://example.com/cb", false, "https"},
		{"/relative", false, "Invalid redirect URI"},
	} {
		var d diag.Diagnostics
		integValidateRedirectURI(&d, p, c.uri, c.nonTLS)
		switch {
		case c.want == "" && d.HasError():
			t.Errorf("%q: unexpected error %v", c.uri, d)
		case c.want != "" && (!d.HasError() || !strings.Contains(d.Errors()[0].Summary(), c.want)):
			t.Errorf("%q: want an error about %q, got %v", c.uri, c.want, d)
		case c.want != "" && !strings.Contains(d.Errors()[0].Detail(), "oauth_redirect_uri"):
			t.Errorf("%q: the error does not name the attribute: %s", c.uri, d.Errors()[0].Detail())
		}
	}
}
