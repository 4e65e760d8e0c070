package engine

// Statements apply to a copy of the catalog that replaces the live one only when the statement
// succeeds (Engine.exec), so a failing statement never leaves a partial change behind, in memory or
// in the -state file. clone is that copy: deep for everything a statement may change.

func (c *catalog) clone() *catalog {
	out := &catalog{
		Integrations:         make(map[string]*Integration, len(c.Integrations)),
		NetworkPolicies:      make(map[string]*NetworkPolicy, len(c.NetworkPolicies)),
		Users:                make(map[string]*User, len(c.Users)),
		Roles:                make(map[string]*Role, len(c.Roles)),
		Delegated:            make([]*DelegatedAuthorization, 0, len(c.Delegated)),
		AccountParams:        make(map[string]string, len(c.AccountParams)),
		AccountNetworkPolicy: c.AccountNetworkPolicy,
		Databases:            make(map[string]*Database, len(c.Databases)),
		NetworkRules:         make(map[string]*NetworkRule, len(c.NetworkRules)),
	}
	for k, v := range c.Databases {
		out.Databases[k] = v.clone()
	}
	for k, v := range c.NetworkRules {
		out.NetworkRules[k] = v.clone()
	}
	for k, v := range c.Integrations {
		out.Integrations[k] = cloneIntegration(v)
	}
	for k, v := range c.NetworkPolicies {
		out.NetworkPolicies[k] = v.clone()
	}
	for k, v := range c.Users {
		u := *v
		u.Roles = append([]string{}, v.Roles...)
		u.Comment = strOrNil(v.Comment)
		out.Users[k] = &u
	}
	for k, v := range c.Roles {
		r := *v
		r.Granted = append([]string{}, v.Granted...)
		r.Comment = strOrNil(v.Comment)
		out.Roles[k] = &r
	}
	for _, d := range c.Delegated {
		dd := *d
		out.Delegated = append(out.Delegated, &dd)
	}
	for k, v := range c.AccountParams {
		out.AccountParams[k] = v
	}
	return out
}
