package resources_test

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/provider"
)

// rpcRender renders one state attribute for comparison: sets and lists sorted and joined with ",",
// null as "<null>".
func rpcRender(v tftypes.Value) string {
	if v.IsNull() {
		return "<null>"
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return fmt.Sprint(b)
	case v.Type().Is(tftypes.Number):
		var n big.Float
		_ = v.As(&n)
		return n.Text('f', -1)
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return "<unrenderable>"
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		out = append(out, rpcRender(e))
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// TestMoveFromOfficial_rpc calls MoveResourceState on a provider configured against the emulator,
// with raw states shaped like the official provider's, and checks the translation value by value
// and that the move itself runs no statement at all. It is not parallel, so no other test's
// statements are in the emulator's log while it runs.
func TestMoveFromOfficial_rpc(t *testing.T) {
	tg := acctest.EmulatorOnly(t, "the statement log is the emulator's")
	ctx := context.Background()
	srv, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rpcConfigure(t, srv, schemas)
	cases := []struct {
		source, target, json string
		want                 map[string]string
	}{
		{
			source: "snowflake_oauth_integration_for_custom_clients", target: "snowflakeoauth_custom_client_integration",
			json: `{"id":"my_app","name":"my_app","oauth_client_type":"public","oauth_redirect_uri":"https://x.example/cb",
				"enabled":"default","oauth_allow_non_tls_redirect_uri":"true","oauth_enforce_pkce":"false","oauth_use_secondary_roles":"",
				"pre_authorized_roles_list":["ANALYST"],"allowed_roles_list":["ANALYST","Mixed Role"],"blocked_roles_list":["sysadmin"],
				"oauth_issue_refresh_tokens":"false","oauth_refresh_token_validity":-1,"network_policy":"OFFICE_NP",
				"oauth_client_rsa_public_key":"","oauth_client_rsa_public_key_2":"","comment":"",
				"fully_qualified_name":"\"my_app\"","show_output":[{"name":"my_app"}],"describe_output":[],"related_parameters":[]}`,
			want: map[string]string{
				"id": `"my_app"`, "name": `"my_app"`, "oauth_client_type": "PUBLIC", "oauth_redirect_uri": "https://x.example/cb",
				"enabled": "true", "oauth_allow_non_tls_redirect_uri": "true", "oauth_enforce_pkce": "false",
				"oauth_use_secondary_roles": "NONE", "pre_authorized_roles_list": "ANALYST", "allowed_roles_list": "ANALYST,Mixed Role",
				"blocked_roles_list": `"sysadmin"`, "oauth_issue_refresh_tokens": "false", "oauth_refresh_token_validity": "7776000",
				"oauth_access_token_validity": "600", "oauth_single_use_refresh_tokens_required": "false",
				"oauth_client_rsa_public_key": "<null>", "oauth_client_rsa_public_key_fp": "", "network_policy": "OFFICE_NP",
				"oauth_alternate_redirect_uris": "", "comment": "", "oauth_client_id": "<null>",
			},
		},
		{
			source: "snowflake_oauth_integration_for_partner_applications", target: "snowflakeoauth_partner_integration",
			json: `{"id":"TABLEAU","name":"\"TABLEAU\"","oauth_client":"TABLEAU_SERVER","oauth_redirect_uri":"","enabled":"false",
				"oauth_issue_refresh_tokens":"default","oauth_refresh_token_validity":86400,"oauth_use_secondary_roles":"implicit",
				"allowed_roles_list":[],"blocked_roles_list":null,"comment":"bi"}`,
			want: map[string]string{
				"id": "TABLEAU", "name": `"TABLEAU"`, "oauth_client": "TABLEAU_SERVER", "oauth_redirect_uri": "<null>",
				"enabled": "false", "oauth_issue_refresh_tokens": "true", "oauth_refresh_token_validity": "86400",
				"oauth_use_secondary_roles": "IMPLICIT", "allowed_roles_list": "", "blocked_roles_list": "", "comment": "bi",
			},
		},
		{
			source: "snowflake_network_policy", target: "snowflakeoauth_network_policy",
			json: `{"id":"Office NP","name":"Office NP","allowed_ip_list":["10.0.0.0/8"],"blocked_ip_list":[],
				"allowed_network_rule_list":["\"DB\".\"SC\".\"R1\"","db.sc.r2"],"blocked_network_rule_list":null,"comment":""}`,
			want: map[string]string{
				"id": `"Office NP"`, "name": "Office NP", "allowed_ip_list": "10.0.0.0/8", "blocked_ip_list": "",
				"allowed_network_rule_list": `"DB"."SC"."R1","db"."sc"."r2"`, "blocked_network_rule_list": "", "comment": "",
			},
		},
	}
	start := time.Now()
	for _, c := range cases {
		got := rpcMove(t, srv, schemas, c.source, c.target, c.json)
		for k, w := range c.want {
			if got[k] != w {
				t.Errorf("%s -> %s: %s = %q, want %q", c.source, c.target, k, got[k], w)
			}
		}
	}
	n := 0
	for _, e := range tg.Emulator.StatementLog() {
		if !e.Time.Before(start) {
			n++
			t.Errorf("statement during the moves: %s", e.SQL)
		}
	}
	t.Logf("statements sent by %d moves: %d", len(cases), n)
}

// rpcConfigure configures the provider from the environment acctest set (every attribute null).
func rpcConfigure(t *testing.T, srv tfprotov6.ProviderServer, schemas *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	typ, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("provider schema type %T is not an object", schemas.Provider.ValueType())
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &dv, TerraformVersion: "1.11.4"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("configure: %s: %s", d.Summary, d.Detail)
		}
	}
}

// rpcMove moves one raw official state and returns the target state rendered attribute by attribute.
func rpcMove(t *testing.T, srv tfprotov6.ProviderServer, schemas *tfprotov6.GetProviderSchemaResponse, source, target, json string) map[string]string {
	t.Helper()
	resp, err := srv.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: "registry.terraform.io/snowflake-labs/snowflake",
		SourceTypeName:        source,
		SourceState:           &tfprotov6.RawState{JSON: []byte(json)},
		TargetTypeName:        target,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("move %s: %s: %s", source, d.Summary, d.Detail)
	}
	typ := schemas.ResourceSchemas[target].ValueType()
	v, err := resp.TargetState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, a := range attrs {
		out[k] = rpcRender(a)
	}
	return out
}
