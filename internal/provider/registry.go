package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/resources"
)

// The provider serves exactly what these lists hold. Resources receive the *snowflake.Client as their
// provider data, so package resources does not import this one.
var (
	resourceFactories = []func() resource.Resource{
		resources.NewCustomClientIntegrationResource,
		resources.NewPartnerIntegrationResource,
		resources.NewNetworkPolicyResource,
		resources.NewNetworkRuleResource,
		resources.NewIntegrationNetworkPolicyResource,
		resources.NewDelegatedAuthorizationResource,
		resources.NewClientSecretRotationResource,
		resources.NewLocalApplicationIntegrationResource,
	}
	dataSourceFactories = []func() datasource.DataSource{
		resources.NewIntegrationDataSource,
		resources.NewClientSecretsDataSource,
		resources.NewDelegatedAuthorizationsDataSource,
	}
	ephemeralResourceFactories = []func() ephemeral.EphemeralResource{
		resources.NewClientSecretsEphemeralResource,
	}
)
