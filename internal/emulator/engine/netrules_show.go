package engine

import (
	"sort"
	"strconv"
	"strings"
)

// ruleScope is SHOW NETWORK RULES' IN clause: no database = the whole account.
type ruleScope struct {
	db, schema string
}

func (s ruleScope) holds(r *NetworkRule) bool {
	return (s.db == "" || r.Database == s.db) && (s.schema == "" || r.Schema == s.schema)
}

// showNetworkRules handles SHOW NETWORK RULES [LIKE 'p'] [IN ACCOUNT | IN DATABASE db | IN [SCHEMA]
// db.sc] [STARTS WITH 's'] [LIMIT n [FROM 's']]; only rules the role owns are listed.
func showNetworkRules(x *execCtx) (*Result, *SQLError) {
	p := x.p
	pattern, hasLike, err := p.optLike()
	if err != nil {
		return nil, err
	}
	scope, err := x.parseRuleScope()
	if err != nil {
		return nil, err
	}
	startsWith, limit, from, err := parseStartsLimit(p)
	if err != nil {
		return nil, err
	}
	var rules []*NetworkRule
	for _, r := range x.cat.NetworkRules {
		if scope.holds(r) && x.cat.roleIncludes(x.s.Role, r.Owner) && (!hasLike || likeMatch(pattern, r.Name)) &&
			strings.HasPrefix(r.Name, startsWith) && r.Name >= from {
			rules = append(rules, r)
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].key() < rules[j].key() })
	if limit >= 0 && len(rules) > limit {
		rules = rules[:limit]
	}
	res := &Result{StatementTypeID: StatementShow, Columns: append(ruleColumns(fixedCol("entries_in_valuelist")), textCol("owner_role_type")), Rows: [][]*string{}}
	for _, r := range rules {
		res.Rows = append(res.Rows, append(ruleRow(r, intCell(len(r.ValueList))), str("ROLE")))
	}
	return res, nil
}

// parseRuleScope reads the optional IN clause; the database or schema must exist.
func (x *execCtx) parseRuleScope() (ruleScope, *SQLError) {
	p := x.p
	if !p.acceptKeyword("IN") {
		return ruleScope{}, nil
	}
	if p.acceptKeyword("ACCOUNT") {
		return ruleScope{}, nil
	}
	wantDB := p.acceptKeyword("DATABASE")
	if !wantDB {
		p.acceptKeyword("SCHEMA")
	}
	parts, err := p.qualifiedParts()
	if err != nil {
		return ruleScope{}, err
	}
	switch {
	case wantDB && len(parts) == 1:
		if err := x.lookupObjectContainer(parts[0], nil); err != nil {
			return ruleScope{}, err
		}
		return ruleScope{db: parts[0]}, nil
	case !wantDB && len(parts) == 2:
		if _, err := x.lookupSchema(parts[0], parts[1]); err != nil {
			return ruleScope{}, err
		}
		return ruleScope{db: parts[0], schema: parts[1]}, nil
	}
	return ruleScope{}, errNoCurrent("SHOW NETWORK RULES", "DATABASE")
}

// parseStartsLimit reads [STARTS WITH 's'] [LIMIT n [FROM 's']] and the end of the statement; limit
// -1 means none. STARTS WITH and FROM compare case-sensitively, as Snowflake does.
func parseStartsLimit(p *parser) (startsWith string, limit int, from string, err *SQLError) {
	limit = -1
	if p.acceptKeyword("STARTS", "WITH") {
		if startsWith, err = p.stringLiteral(); err != nil {
			return
		}
	}
	if p.acceptKeyword("LIMIT") {
		t := p.peek()
		n, convErr := strconv.Atoi(t.Value)
		if t.Kind != tokNumber || convErr != nil {
			return "", 0, "", p.unexpected()
		}
		p.next()
		limit = n
		if p.acceptKeyword("FROM") {
			if from, err = p.stringLiteral(); err != nil {
				return
			}
		}
	}
	err = p.expectEOF()
	return
}
