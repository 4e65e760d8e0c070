package engine

import "strings"

// describeIntegration handles DESC[RIBE] [SECURITY] INTEGRATION <name>: one row per property the
// client kind shows, in the table's order, four text columns that are never NULL (FIDELITY.md, "DESCRIBE SECURITY INTEGRATION").
func describeIntegration(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, err := parseNameEOF(p)
	if err != nil {
		return nil, err
	}
	in := x.visibleIntegration(name)
	if in == nil {
		return nil, errNotExist("Integration", name)
	}
	res := &Result{StatementTypeID: StatementDesc, Columns: []Column{
		textCol("property"), textCol("property_type"), textCol("property_value"), textCol("property_default"),
	}}
	for _, d := range integrationProps {
		if !d.row.has(in.Client) || x.e.unknownProps[d.name] {
			continue
		}
		res.Rows = append(res.Rows, []*string{str(d.name), str(d.typ), str(describeValue(x, in, d)), str(d.def(in.Client))})
	}
	return res, nil
}

// describeValue renders a property's current value: lists comma-joined without spaces ("" when empty),
// booleans lower case, the comment "" when unset.
func describeValue(x *execCtx, in *Integration, d *propDef) string {
	switch {
	case d.show != nil:
		return d.show(x, in)
	case d.name == "COMMENT":
		if in.Comment == nil {
			return ""
		}
		return *in.Comment
	case d.roles:
		return strings.Join(liveRoles(x.cat, in.Lists[d.name]), ",")
	case d.typ == typList:
		return strings.Join(in.Lists[d.name], ",")
	}
	if v, ok := in.Props[d.name]; ok {
		return v
	}
	return d.def(in.Client)
}

// showIntegrations handles SHOW [SECURITY] INTEGRATIONS [LIKE '<pattern>'], sorted by name: the
// integrations the current role owns, or all of them for a role with MANAGE GRANTS (SECURITYADMIN and
// the roles that inherit it).
func showIntegrations(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := parseShowLike(p)
	if err != nil {
		return nil, err
	}
	res := &Result{StatementTypeID: StatementShow, Columns: []Column{
		textCol("name"), textCol("type"), textCol("category"), boolCol("enabled"), textCol("comment"), createdOnCol(),
	}}
	manageGrants := x.cat.roleIncludes(x.s.Role, roleSecurityAdmin)
	names := sortedMatching(x.cat.Integrations, pattern, hasLike, func(name string) bool {
		return manageGrants || x.visibleIntegration(name) != nil
	})
	for _, name := range names {
		in := x.cat.Integrations[name]
		res.Rows = append(res.Rows, []*string{
			str(in.Name), str("OAUTH - " + in.Client), str("SECURITY"),
			boolCell(in.Props["ENABLED"] == "true"), strOrNil(in.Comment), timeCell(in.CreatedOn),
		})
	}
	return res, nil
}

// dropIntegration handles DROP [SECURITY] INTEGRATION [IF EXISTS] <name>. Delegated authorizations to
// the integration go with it.
func dropIntegration(x *execCtx) (*Result, *SQLError) {
	p := x.p
	name, ifExists, err := parseDropName(p)
	if err != nil {
		return nil, err
	}
	in := x.visibleIntegration(name)
	if in == nil {
		return dropMissing(name, ifExists, "Integration")
	}
	if in.Client == clientLocal {
		return nil, errSystemIntegration()
	}
	delete(x.cat.Integrations, name)
	dropDelegations(x.cat, name)
	return x.dropped(name), nil
}
