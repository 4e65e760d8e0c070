package engine

import (
	"fmt"
	"strconv"
	"time"
)

// Helpers to build results in the shapes Snowflake returns: SHOW/DESCRIBE columns are lower-case,
// DDL returns one text column `status`.

func textCol(name string) Column {
	return Column{Name: name, Type: "text", Nullable: true, Length: 16777216}
}

func boolCol(name string) Column { return Column{Name: name, Type: "boolean", Nullable: true} }

func fixedCol(name string) Column {
	return Column{Name: name, Type: "fixed", Nullable: true, Precision: 38, Scale: 0}
}

// createdOnCol is the created_on column every SHOW output carries, a TIMESTAMP_LTZ.
func createdOnCol() Column {
	return Column{Name: "created_on", Type: "timestamp_ltz", Nullable: true, Precision: 0, Scale: 3}
}

func str(s string) *string { return &s }

func strOrNil(s *string) *string {
	if s == nil {
		return nil
	}
	return str(*s)
}

func boolCell(b bool) *string { return str(strconv.FormatBool(b)) }

func intCell(n int) *string { return str(strconv.Itoa(n)) }

// timeCell encodes a timestamp as the driver expects: epoch seconds with a 9-digit fraction.
func timeCell(t time.Time) *string {
	return str(fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond()))
}

func statusResult(msg string) *Result {
	return &Result{Columns: []Column{textCol("status")}, Rows: [][]*string{{str(msg)}}, StatementTypeID: StatementDDL}
}

func executedOK() *Result { return statusResult("Statement executed successfully.") }
