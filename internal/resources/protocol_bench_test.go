package resources_test

import (
	"context"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// The provider's own CPU per protocol call, without Terraform: the provider is served in-process and
// called the way Terraform calls it, against the emulator (no added latency). bench/ measures the
// whole of a Terraform run; these isolate the provider's share of it and say which calls dominate.
//
//	TF_ACC=1 go test ./internal/resources/ -run '^$' -bench Protocol -benchmem

const benchType = "snowflakeoauth_custom_client_integration"

// benchServer configures a provider server from the environment acctest set and returns it with the
// custom client resource's type.
func benchServer(b *testing.B) (tfprotov6.ProviderServer, tftypes.Object) {
	b.Helper()
	acctest.Get(b)
	srv, err := acctest.ProtoV6ProviderFactories()["snowflakeoauth"]()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	pty, ok := schemas.Provider.ValueType().(tftypes.Object)
	rty, rok := schemas.ResourceSchemas[benchType].ValueType().(tftypes.Object)
	if !ok || !rok {
		b.Fatal("provider or resource schema is not an object")
	}
	cfg := benchDynamic(b, pty, nil)
	resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	benchNoErrors(b, "configure", err, resp.Diagnostics)
	return srv, rty
}

// benchDynamic is an object of type ty with the given attributes set and every other one null.
func benchDynamic(b *testing.B, ty tftypes.Object, set map[string]tftypes.Value) tfprotov6.DynamicValue {
	b.Helper()
	vals := map[string]tftypes.Value{}
	for k, at := range ty.AttributeTypes {
		vals[k] = tftypes.NewValue(at, nil)
		if v, ok := set[k]; ok {
			vals[k] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(ty, tftypes.NewValue(ty, vals))
	if err != nil {
		b.Fatal(err)
	}
	return dv
}

func benchNoErrors(b *testing.B, what string, err error, diags []*tfprotov6.Diagnostic) {
	b.Helper()
	if err != nil {
		b.Fatalf("%s: %v", what, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			b.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

// BenchmarkProtocolReadCustomClient is one refresh of one custom client: UpgradeResourceState then
// ReadResource, as Terraform sends them for every object of a plan.
func BenchmarkProtocolReadCustomClient(b *testing.B) {
	srv, ty := benchServer(b)
	ctx := context.Background()
	_, val := benchExisting(b, srv, ty)
	raw := benchRawState(b, val)
	b.ReportAllocs()
	for b.Loop() {
		up, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: benchType, Version: 0, RawState: raw})
		benchNoErrors(b, "upgrade", err, up.Diagnostics)
		rd, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: benchType, CurrentState: up.UpgradedState})
		benchNoErrors(b, "read", err, rd.Diagnostics)
	}
}

// benchExisting creates one custom client out of band, imports and reads it through srv, and returns
// its name and state.
func benchExisting(b *testing.B, srv tfprotov6.ProviderServer, ty tftypes.Object) (string, tftypes.Value) {
	b.Helper()
	ctx := context.Background()
	name := acctest.RandomName("BENCHRD")
	tg := acctest.Get(b)
	tg.Exec(b, "CREATE SECURITY INTEGRATION "+name+" TYPE = OAUTH OAUTH_CLIENT = CUSTOM OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://example.com/cb'")
	b.Cleanup(func() { _, _ = tg.DB.Exec("DROP SECURITY INTEGRATION IF EXISTS " + name) })
	imp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: benchType, ID: name})
	benchNoErrors(b, "import", err, imp.Diagnostics)
	first, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: benchType, CurrentState: imp.ImportedResources[0].State})
	benchNoErrors(b, "read", err, first.Diagnostics)
	val, err := first.NewState.Unmarshal(ty)
	if err != nil {
		b.Fatal(err)
	}
	return name, val
}

// BenchmarkProtocolPlanNoChangeCustomClient is the plan of one existing custom client whose
// configuration matches it: what every object costs in every `terraform plan`.
func BenchmarkProtocolPlanNoChangeCustomClient(b *testing.B) {
	srv, ty := benchServer(b)
	ctx := context.Background()
	name, val := benchExisting(b, srv, ty)
	state, err := tfprotov6.NewDynamicValue(ty, val)
	if err != nil {
		b.Fatal(err)
	}
	config := benchDynamic(b, ty, map[string]tftypes.Value{
		"name":               tftypes.NewValue(tftypes.String, name),
		"oauth_client_type":  tftypes.NewValue(tftypes.String, "CONFIDENTIAL"),
		"oauth_redirect_uri": tftypes.NewValue(tftypes.String, "https://example.com/cb"),
	})
	b.ReportAllocs()
	for b.Loop() {
		resp, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: benchType,
			PriorState: &state, ProposedNewState: &state, Config: &config})
		benchNoErrors(b, "plan", err, resp.Diagnostics)
		if len(resp.RequiresReplace) > 0 {
			b.Fatalf("no-change plan requires replacement: %v", resp.RequiresReplace)
		}
	}
}

// BenchmarkProtocolPlanCreateCustomClient is the plan of one new custom client: PlanResourceChange
// with no prior state, the call Terraform makes for every object an apply creates.
func BenchmarkProtocolPlanCreateCustomClient(b *testing.B) {
	srv, ty := benchServer(b)
	ctx := context.Background()
	config := benchDynamic(b, ty, map[string]tftypes.Value{
		"name":               tftypes.NewValue(tftypes.String, "BENCH_PLAN"),
		"oauth_client_type":  tftypes.NewValue(tftypes.String, "CONFIDENTIAL"),
		"oauth_redirect_uri": tftypes.NewValue(tftypes.String, "https://example.com/cb"),
	})
	prior, err := tfprotov6.NewDynamicValue(ty, tftypes.NewValue(ty, nil))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: benchType,
			PriorState: &prior, ProposedNewState: &config, Config: &config})
		benchNoErrors(b, "plan", err, resp.Diagnostics)
	}
}

// benchRawState is val as the JSON Terraform keeps in its state file.
func benchRawState(b *testing.B, val tftypes.Value) *tfprotov6.RawState {
	b.Helper()
	plain, err := benchPlain(val)
	if err != nil {
		b.Fatal(err)
	}
	js, err := json.Marshal(plain)
	if err != nil {
		b.Fatal(err)
	}
	return &tfprotov6.RawState{JSON: js}
}

// benchPlain converts a known tftypes value into what encoding/json writes as Terraform's JSON.
func benchPlain(v tftypes.Value) (any, error) {
	if v.IsNull() {
		return nil, nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		return s, v.As(&s)
	case typ.Is(tftypes.Bool):
		var x bool
		return x, v.As(&x)
	case typ.Is(tftypes.Number):
		n := new(big.Float)
		if err := v.As(&n); err != nil {
			return nil, err
		}
		return json.Number(n.Text('f', -1)), nil
	case typ.Is(tftypes.List{}), typ.Is(tftypes.Set{}):
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil {
			return nil, err
		}
		out := []any{}
		for _, e := range elems {
			p, err := benchPlain(e)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		return out, nil
	default: // objects
		var attrs map[string]tftypes.Value
		if err := v.As(&attrs); err != nil {
			return nil, err
		}
		out := map[string]any{}
		for k, a := range attrs {
			p, err := benchPlain(a)
			if err != nil {
				return nil, err
			}
			out[k] = p
		}
		return out, nil
	}
}
