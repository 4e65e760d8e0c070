package main

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type benchProvider struct{}

func newProvider() provider.Provider { return benchProvider{} }

func (benchProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "benchsleep"
}

func (benchProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (benchProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (benchProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return object{} }}
}

func (benchProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// object is benchsleep_object: name (required, its import ID) and extra_NN attributes that a read
// sets to a fixed value, so a refresh decodes and encodes a full object like a real read does.
type object struct{}

func (object) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "benchsleep_object"
}

func extraName(i int) string { return fmt.Sprintf("extra_%02d", i) }

func (object) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
	}
	for i := range extraAttributes() {
		attrs[extraName(i)] = schema.StringAttribute{Optional: true, Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

// Create stores the plan with every unknown extra attribute set, as a read-back would.
func (object) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	wait(ctx) // CREATE
	wait(ctx) // read-back
	resp.State.Raw = req.Plan.Raw
	for i := range extraAttributes() {
		p := path.Root(extraName(i))
		var v types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, p, &v)...)
		if v.IsUnknown() {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, p, "x")...)
		}
	}
}

func (object) Read(ctx context.Context, _ resource.ReadRequest, _ *resource.ReadResponse) {
	wait(ctx) // DESCRIBE; the state is kept as it is
}

func (object) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	wait(ctx)
	resp.State.Raw = req.Plan.Raw
}

func (object) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	wait(ctx) // DROP
}

func (object) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
	for i := range extraAttributes() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(extraName(i)), "x")...)
	}
}
