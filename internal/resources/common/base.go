package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// The bases below give every resource, data source and ephemeral resource its Metadata (the type
// name is the provider's name + "_" + the name given to the base's constructor) and its Configure
// (the provider's SQL client, with ClientFrom's diagnostics), written once.

// ResourceBase, embedded in a resource, names it and stores the provider's SQL client in Configure.
type ResourceBase struct {
	Client *snowflake.Client
	name   string
}

// NewResourceBase is the base of the resource <provider>_<name>.
func NewResourceBase(name string) ResourceBase { return ResourceBase{name: name} }

func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase, embedded in a data source, names it and stores the provider's SQL client in Configure.
type DataSourceBase struct {
	Client *snowflake.Client
	name   string
}

// NewDataSourceBase is the base of the data source <provider>_<name>.
func NewDataSourceBase(name string) DataSourceBase { return DataSourceBase{name: name} }

func (b *DataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// EphemeralResourceBase, embedded in an ephemeral resource, names it and stores the provider's SQL
// client in Configure.
type EphemeralResourceBase struct {
	Client *snowflake.Client
	name   string
}

// NewEphemeralResourceBase is the base of the ephemeral resource <provider>_<name>.
func NewEphemeralResourceBase(name string) EphemeralResourceBase {
	return EphemeralResourceBase{name: name}
}

func (b *EphemeralResourceBase) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.name
}

func (b *EphemeralResourceBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}
