package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// The provider serves exactly what these lists hold. Register a type by appending its
// constructor, e.g. in this package:
//
//	func init() { resourceFactories = append(resourceFactories, resources.NewCustomClientIntegration) }
//
// or list them literally here.
var (
	resourceFactories          []func() resource.Resource
	dataSourceFactories        []func() datasource.DataSource
	ephemeralResourceFactories []func() ephemeral.EphemeralResource
)
