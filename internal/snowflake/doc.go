// Package snowflake is the provider's SQL layer and the only place that builds SQL.
//
// Every object name is an Identifier (see DESIGN.md: plain names fold to upper case, quoted names are
// exact, anything else is exact) and is always emitted double-quoted. Every other value is emitted as a
// string literal through Literal, so no input can leave its token. Statement builders are pure functions
// (*SQL suffix); Client runs them and parses DESCRIBE/SHOW output by column name into typed structs;
// failures become *Error values that keep Snowflake's code and can be tested with errors.Is.
package snowflake
