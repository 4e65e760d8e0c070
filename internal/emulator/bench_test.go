package emulator

import (
	"testing"
)

// BenchmarkSelectOne measures one query round trip through the real driver (the floor of every read).
func BenchmarkSelectOne(b *testing.B) {
	srv := startServer(b, Options{})
	db := openDB(b, srv, nil)
	var n int
	for b.Loop() {
		if err := db.QueryRow("SELECT 1").Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDescribeIntegration measures the provider's whole read of an integration: one DESCRIBE.
func BenchmarkDescribeIntegration(b *testing.B) {
	srv := startServer(b, Options{})
	db := openDB(b, srv, nil)
	if _, err := db.Exec(`CREATE SECURITY INTEGRATION BENCH_INT TYPE = OAUTH OAUTH_CLIENT = CUSTOM
		OAUTH_CLIENT_TYPE = 'CONFIDENTIAL' OAUTH_REDIRECT_URI = 'https://app.example.com/cb'`); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rows, err := db.Query(`DESCRIBE SECURITY INTEGRATION "BENCH_INT"`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Close(); err != nil || n < 20 {
			b.Fatalf("rows %d, %v", n, err)
		}
	}
}
