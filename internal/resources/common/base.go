package common

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/snowflake"
)

// ResourceBase, embedded in a resource, stores the provider's SQL client in Configure.
type ResourceBase struct{ Client *snowflake.Client }

func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase, embedded in a data source, stores the provider's SQL client in Configure.
type DataSourceBase struct{ Client *snowflake.Client }

func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// EphemeralResourceBase, embedded in an ephemeral resource, stores the provider's SQL client in Configure.
type EphemeralResourceBase struct{ Client *snowflake.Client }

func (b *EphemeralResourceBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}
