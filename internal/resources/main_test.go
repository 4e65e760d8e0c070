package resources_test

import (
	"os"
	"testing"

	"github.com/snowflakeoauth/terraform-provider-snowflakeoauth/internal/acctest"
)

// TestMain drops, after a real-account run, every object the tests created (acctest.Main).
func TestMain(m *testing.M) { os.Exit(acctest.Main(m)) }
