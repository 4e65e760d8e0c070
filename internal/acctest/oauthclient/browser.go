package oauthclient

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// browser is the user's browser: it fetches pages, fills forms and submits them, and stops at
// redirects (the final redirect goes to the client's redirect URI, which nothing serves in tests).
type browser struct{ hc *http.Client }

func newBrowser(hc *http.Client) *browser {
	c := &http.Client{}
	if hc != nil {
		*c = *hc
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &browser{hc: c}
}

// page is one response: its URL (to resolve form actions), status, redirect location and parsed HTML.
type page struct {
	url      *url.URL
	status   int
	location string
	doc      *html.Node
}

func (b *browser) get(rawURL string) (*page, error) {
	resp, err := b.hc.Get(rawURL)
	if err != nil {
		return nil, err
	}
	return readPage(resp)
}

// submit posts a form as application/x-www-form-urlencoded to its action, relative to the page.
func (b *browser) submit(p *page, f *form) (*page, error) {
	action, err := p.url.Parse(f.action)
	if err != nil {
		return nil, fmt.Errorf("form action %q: %w", f.action, err)
	}
	resp, err := b.hc.PostForm(action.String(), f.values)
	if err != nil {
		return nil, err
	}
	return readPage(resp)
}

func readPage(resp *http.Response) (*page, error) {
	body, err := readBody(resp)
	if err != nil {
		return nil, err
	}
	p := &page{url: resp.Request.URL, status: resp.StatusCode, location: resp.Header.Get("Location")}
	if p.location == "" {
		if p.doc, err = html.Parse(bytes.NewReader(body)); err != nil {
			return nil, fmt.Errorf("HTTP %d page is not HTML: %w", resp.StatusCode, err)
		}
	}
	return p, nil
}

// outcome records how the authorize step ended on this page.
func (p *page) outcome(res *AuthorizeResult) error {
	res.Status = p.status
	if p.location != "" {
		return redirectOutcome(p.location, res)
	}
	if code := p.text(byClass("code")); code != "" {
		res.ErrorCode, res.ErrorMessage = code, p.text(byClass("message"))
		return nil
	}
	if f := p.form("consent"); f != nil {
		res.ConsentPage, res.ConsentRoles = true, f.options["role"]
		if len(res.ConsentRoles) == 0 {
			res.ConsentRoles = p.texts(byClass("role"))
		}
		return nil
	}
	if p.form("signin") != nil {
		res.SignInError = p.text(byClass("error"))
		if res.SignInError == "" {
			return fmt.Errorf("the sign-in page came back without an error message")
		}
		return nil
	}
	return fmt.Errorf("HTTP %d: neither a redirect, an error page, a consent page nor a sign-in page", p.status)
}

// form is a parsed HTML form: its action, the values it would submit as it stands (hidden, text and
// password inputs, ticked checkboxes), and the values each checkbox group offers.
type form struct {
	action  string
	values  url.Values
	options map[string][]string
}

func (f *form) set(name, value string) { f.values.Set(name, value) }

func (f *form) hasOption(name, value string) bool { return slices.Contains(f.options[name], value) }

// form finds the form with this id.
func (p *page) form(id string) *form {
	n := find(p.doc, func(n *html.Node) bool { return n.Data == "form" && attr(n, "id") == id })
	if n == nil {
		return nil
	}
	f := &form{action: attr(n, "action"), values: url.Values{}, options: map[string][]string{}}
	walk(n, func(in *html.Node) {
		if in.Type != html.ElementNode || in.Data != "input" || attr(in, "name") == "" {
			return
		}
		name, value := attr(in, "name"), attr(in, "value")
		switch strings.ToLower(attr(in, "type")) {
		case "checkbox", "radio":
			f.options[name] = append(f.options[name], value)
			if hasAttr(in, "checked") {
				f.values.Add(name, value)
			}
		case "submit", "button", "reset", "image":
		default:
			f.values.Add(name, value)
		}
	})
	return f
}

// text is the text of the first element matching, "" if none; texts is that of every one.
func (p *page) text(match func(*html.Node) bool) string {
	if n := find(p.doc, match); n != nil {
		return textOf(n)
	}
	return ""
}

func (p *page) texts(match func(*html.Node) bool) []string {
	var out []string
	walk(p.doc, func(n *html.Node) {
		if match(n) {
			out = append(out, textOf(n))
		}
	})
	return out
}

func byClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
	}
}

func walk(n *html.Node, fn func(*html.Node)) {
	if n == nil {
		return
	}
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) {
		if found == nil && c.Type == html.ElementNode && match(c) {
			found = c
		}
	})
	return found
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.TrimSpace(b.String())
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
