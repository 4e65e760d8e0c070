package engine

import "strings"

// showDatabases handles SHOW DATABASES [LIKE 'p'] [STARTS WITH 's'] [LIMIT n [FROM 's']], which the
// acceptance tests' sweep uses to find what a run left behind. Columns and their order as
// https://docs.snowflake.com/en/sql-reference/sql/show-databases lists them (the official provider
// reads them by name); the emulator's sessions have no current or default database, databases are
// never clones or shares (origin ""), and nothing sets options, a retention other than the default
// 1 day, or a budget. Only databases the role owns (through its hierarchy) are listed.
func showDatabases(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := p.optLike()
	if err != nil {
		return nil, err
	}
	startsWith, limit, from, err := parseStartsLimit(p)
	if err != nil {
		return nil, err
	}
	visible := func(n string) bool {
		return x.cat.roleIncludes(x.s.Role, x.cat.Databases[n].Owner) && strings.HasPrefix(n, startsWith) && n >= from
	}
	names := sortedMatching(x.cat.Databases, pattern, hasLike, visible)
	if limit >= 0 && len(names) > limit {
		names = names[:limit]
	}
	res := &Result{StatementTypeID: StatementShow, Rows: [][]*string{}, Columns: []Column{
		createdOnCol(), textCol("name"), textCol("is_default"), textCol("is_current"), textCol("origin"),
		textCol("owner"), textCol("comment"), textCol("options"), textCol("retention_time"), textCol("kind"),
		textCol("budget"), textCol("owner_role_type"),
	}}
	for _, n := range names {
		d := x.cat.Databases[n]
		res.Rows = append(res.Rows, []*string{
			timeCell(d.CreatedOn), str(d.Name), str("N"), str("N"), str(""),
			str(d.Owner), str(""), str(""), str("1"), str("STANDARD"), nil, str("ROLE"),
		})
	}
	return res, nil
}
