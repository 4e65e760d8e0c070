package emulator

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Session parameters sent in the `parameters` list of every login and query-request answer.
//
// Real Snowflake returns about 33 {name, value} entries with JSON-typed values on every answer (the
// gosnowflake driver's recorded fixtures test_data/wiremock/mappings/select1.json and
// auth/password/successful_flow.json). Clients depend on some of them: the Node.js driver
// (snowflake-sdk, lib/connection/result/column.js) formats timestamp, date and time columns with the
// *_OUTPUT_FORMAT entries and converts TIMESTAMP_LTZ/TZ values into TIMEZONE, and crashes on a
// timestamp column when they are missing; gosnowflake reads TIMEZONE for timestamp_ltz columns and
// CLIENT_SESSION_KEEP_ALIVE[_HEARTBEAT_FREQUENCY] for its heartbeat. The emulator sends the entries
// clients read, with the defaults a live account shows (SHOW PARAMETERS as asserted by the official
// Terraform provider's live tests), except TIMEZONE: the emulator's sessions are always in UTC.
//
// Deliberately absent: CLIENT_STAGE_ARRAY_BINDING_THRESHOLD (a positive value makes drivers upload
// large array binds to a stage, which the emulator has not got).

// Heartbeat frequency bounds and default, in seconds: Snowflake accepts 900..3600 for
// CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY and defaults to 3600.
const (
	heartbeatMin     = 900
	heartbeatMax     = 3600
	heartbeatDefault = 3600
)

// clientParams are the session parameters a client chose at login (SESSION_PARAMETERS) that the
// emulator echoes back.
type clientParams struct {
	keepAlive          bool
	heartbeatFrequency int // seconds, within heartbeatMin..heartbeatMax
}

// clientParamsFrom reads the login body's SESSION_PARAMETERS. gosnowflake sends every value as a
// string ("true", "1800"); the Node.js driver sends JSON booleans and numbers: accept both.
func clientParamsFrom(sp map[string]any) clientParams {
	cp := clientParams{heartbeatFrequency: heartbeatDefault}
	for k, v := range sp {
		switch strings.ToUpper(k) {
		case "CLIENT_SESSION_KEEP_ALIVE":
			cp.keepAlive = strings.EqualFold(paramString(v), "true")
		case "CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY":
			if n, err := strconv.ParseFloat(paramString(v), 64); err == nil {
				cp.heartbeatFrequency = min(max(int(n), heartbeatMin), heartbeatMax)
			}
		}
	}
	return cp
}

// paramString renders a JSON-decoded parameter value (string, float64, bool) as text.
func paramString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return x.String()
	}
	return ""
}

// nameValue is one entry of a `parameters` list.
type nameValue struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// sessionParameters is the `parameters` list of a login or query answer for a session whose client
// chose cp.
func sessionParameters(cp clientParams) []nameValue {
	return []nameValue{
		{"TIMEZONE", "UTC"},
		{"TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"},
		{"TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3"},
		{"TIMESTAMP_LTZ_OUTPUT_FORMAT", ""},
		{"TIMESTAMP_TZ_OUTPUT_FORMAT", ""},
		{"DATE_OUTPUT_FORMAT", "YYYY-MM-DD"},
		{"TIME_OUTPUT_FORMAT", "HH24:MI:SS"},
		{"BINARY_OUTPUT_FORMAT", "HEX"},
		{"CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_LTZ"},
		{"AUTOCOMMIT", true},
		{"CLIENT_SESSION_KEEP_ALIVE", cp.keepAlive},
		{"CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY", cp.heartbeatFrequency},
	}
}
