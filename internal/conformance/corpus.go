// Package conformance holds response shapes recorded from real Snowflake (or, where no real output is
// public, from Snowflake's documentation), each with its source, as data files in testdata/. Two
// kinds of tests use them: the provider's parsers (internal/snowflake) are run on them, so the
// provider is checked against Snowflake rather than against the emulator; and the emulator's answers
// to the same statements are compared with them (this package's tests). See
// internal/emulator/FIDELITY.md for the behaviours and their evidence.
package conformance

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed testdata/*.json
var files embed.FS

// Result is a recorded result set (kind "result").
type Result struct {
	File     string `json:"-"`
	Evidence string `json:"evidence"` // live, doc, 3p: see FIDELITY.md
	Source   string `json:"source"`
	// Setup is SQL that brings an empty account to the state the recording was made in; Statement
	// is the statement whose answer was recorded.
	Setup       []string    `json:"setup"`
	Statement   string      `json:"statement"`
	Columns     []string    `json:"columns"`
	ColumnTypes []string    `json:"column_types"` // the wire types: text, boolean, fixed, timestamp_ltz
	Rows        [][]*string `json:"rows"`         // nil is NULL
	// KeyColumn identifies a row; recorded rows are looked up by it in another answer.
	KeyColumn string `json:"key_column"`
	// Vary lists keys (or column names) whose values differ between accounts or runs (client ids,
	// endpoints, timestamps): they are compared by shape, not by value.
	Vary []string `json:"vary"`
	// ExactRows says the answer has exactly the recorded rows, no others.
	ExactRows bool `json:"exact_rows"`
}

// Secrets is a recorded SYSTEM$SHOW_OAUTH_CLIENT_SECRETS answer (kind "secrets").
type Secrets struct {
	File      string   `json:"-"`
	Evidence  string   `json:"evidence"`
	Source    string   `json:"source"`
	Setup     []string `json:"setup"`
	Statement string   `json:"statement"`
	Value     string   `json:"value"` // the single cell
}

// ErrorCase is one recorded Snowflake error.
type ErrorCase struct {
	Name      string   `json:"name"`
	Evidence  string   `json:"evidence"`
	Source    string   `json:"source"`
	Setup     []string `json:"setup"`
	Statement string   `json:"statement"`
	Code      string   `json:"code"`
	SQLState  string   `json:"sql_state"`
	// Message is the exact text, or MessagePattern a regular expression where parts vary.
	Message        string `json:"message"`
	MessagePattern string `json:"message_pattern"`
	// Kind is how the provider must classify it: not_found, already_exists, in_use, invalid_value,
	// privileges or syntax (no kind).
	Kind string `json:"kind"`
}

type header struct {
	Kind  string      `json:"kind"`
	Cases []ErrorCase `json:"cases"`
}

// Corpus is every recorded shape.
type Corpus struct {
	Results []Result
	Secrets []Secrets
	Errors  []ErrorCase
}

// Load reads testdata/*.json. Every file must name its source.
func Load() (Corpus, error) {
	var c Corpus
	entries, err := files.ReadDir("testdata")
	if err != nil {
		return c, err
	}
	for _, e := range entries {
		name := path.Join("testdata", e.Name())
		b, err := files.ReadFile(name)
		if err != nil {
			return c, err
		}
		if err := c.add(e.Name(), b); err != nil {
			return c, fmt.Errorf("%s: %w", name, err)
		}
	}
	sort.Slice(c.Results, func(i, j int) bool { return c.Results[i].File < c.Results[j].File })
	return c, nil
}

func (c *Corpus) add(file string, b []byte) error {
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return err
	}
	switch h.Kind {
	case "result":
		var r Result
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		r.File = file
		if r.Source == "" || len(r.Columns) == 0 || len(r.Columns) != len(r.ColumnTypes) {
			return fmt.Errorf("a result needs a source and one type per column")
		}
		c.Results = append(c.Results, r)
	case "secrets":
		var s Secrets
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s.File = file
		c.Secrets = append(c.Secrets, s)
	case "errors":
		for _, e := range h.Cases {
			if e.Source == "" || e.Code == "" {
				return fmt.Errorf("error case %q needs a source and a code", e.Name)
			}
		}
		c.Errors = append(c.Errors, h.Cases...)
	default:
		return fmt.Errorf("unknown kind %q", h.Kind)
	}
	return nil
}

// Cell returns a row's value in the named column ("" for NULL).
func (r Result) Cell(row []*string, column string) string {
	for i, c := range r.Columns {
		if strings.EqualFold(c, column) && i < len(row) && row[i] != nil {
			return *row[i]
		}
	}
	return ""
}

// Varies reports whether a key or column is compared by shape only.
func (r Result) Varies(name string) bool {
	for _, v := range r.Vary {
		if strings.EqualFold(v, name) {
			return true
		}
	}
	return false
}
