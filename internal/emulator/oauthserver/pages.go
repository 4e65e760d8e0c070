package oauthserver

import (
	"html/template"
	"net/http"
	"net/url"
)

// The browser pages: deliberately plain HTML forms, so a test can drive them with POSTs and a person
// with a browser. html/template escapes every value.

type hiddenField struct{ Name, Value string }

func hiddenFields(params url.Values, extra ...hiddenField) []hiddenField {
	var out []hiddenField
	for _, p := range oauthParams {
		for _, v := range params[p] {
			out = append(out, hiddenField{p, v})
		}
	}
	return append(out, extra...)
}

// requestedRoleText describes the role the login will ask consent for before the user is known.
func requestedRoleText(a *authzRequest) string {
	if a.scope.Role != "" {
		return "the role " + a.scope.Role
	}
	return "your default role"
}

var pages = template.Must(template.New("pages").Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.}}</title></head><body>{{end}}

{{define "login"}}{{template "head" "Sign in to Snowflake"}}
<h1>Sign in to Snowflake</h1>
<p><strong>{{.Integration}}</strong> requests access to Snowflake with {{.RoleText}}.</p>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
<form id="signin" method="post" action="authorize">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<label>User <input type="text" name="user" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<label><input type="checkbox" name="consent" value="yes"> Allow {{.Integration}} to access Snowflake with {{.RoleText}}</label>
<button type="submit">Sign in</button>
</form>{{if .Account}}<p class="account">Account: {{.Account}}</p>{{end}}</body></html>{{end}}

{{define "consent"}}{{template "head" "Allow access to Snowflake"}}
<h1>Allow access to Snowflake</h1>
<p><strong>{{.Integration}}</strong> requests access to Snowflake as user <strong>{{.User}}</strong>.</p>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
{{if .Choices}}<p>Choose the roles it may use:</p>{{else}}<p>Role:</p>
<ul><li class="role">{{.Role}}</li></ul>{{end}}
{{if .AnyRole}}<p>It also asks to switch to any of your roles during the session.</p>{{end}}
{{if .Refresh}}<p>It also asks to stay connected (a refresh token).</p>{{end}}
<form id="consent" method="post" action="authorize">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}{{range .Choices}}<label><input type="checkbox" name="role" value="{{.Role}}"{{if .Checked}} checked{{end}}> {{.Role}}</label>
{{end}}<button type="submit" name="consent" value="yes">Allow</button>
<button type="submit" name="consent" value="no">Deny</button>
</form></body></html>{{end}}

{{define "error"}}{{template "head" "Snowflake OAuth error"}}
<h1>OAuth error</h1>
{{if .Code}}<p>Error code: <code class="code">{{.Code}}</code></p>{{end}}
<p class="message">{{.Message}}</p>
</body></html>{{end}}
`))

func render(w http.ResponseWriter, status int, name string, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, name, data)
}

// renderLogin shows the sign-in form (HTTP 200, also after a failed sign-in, with errMsg).
func (s *Server) renderLogin(w http.ResponseWriter, a *authzRequest, errMsg string) {
	render(w, http.StatusOK, "login", map[string]any{
		"Integration": a.in.Name, "RoleText": requestedRoleText(a), "Error": errMsg, "Account": s.accountURL,
		"Hidden": hiddenFields(a.params),
	})
}

// roleChoice is one checkbox of a role-selection consent page.
type roleChoice struct {
	Role    string
	Checked bool
}

// renderConsent shows the consent form for a signed-in user (HTTP 200): the grant's role, or with role
// selection one checkbox per offered role, the user's default role ticked [assumed].
func (s *Server) renderConsent(w http.ResponseWriter, a *authzRequest, ticketID string, g grant, errMsg string) {
	var choices []roleChoice
	if g.Roles != nil {
		u, _ := s.eng.UserByName(g.User)
		for _, r := range g.Roles {
			choices = append(choices, roleChoice{Role: r, Checked: r == u.DefaultRole})
		}
	}
	render(w, http.StatusOK, "consent", map[string]any{
		"Integration": a.in.Name, "User": g.User, "Role": g.Role, "Refresh": a.scope.Refresh, "AnyRole": g.AnyRole,
		"Choices": choices, "Error": errMsg,
		"Hidden": hiddenFields(a.params, hiddenField{paramLoginTicket, ticketID}),
	})
}

// renderError shows a failure page with Snowflake's code and message.
func renderError(w http.ResponseWriter, e *authzError) {
	render(w, e.status, "error", map[string]any{"Code": e.code, "Message": e.message})
}
