package acctest

import (
	"os"
	"testing"
)

// TestMain sweeps the target after the package's tests (Main).
func TestMain(m *testing.M) { os.Exit(Main(m)) }
