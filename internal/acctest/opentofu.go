package acctest

import (
	"os"
	"os/exec"
	"strings"
	"sync"
)

var openTofu = sync.OnceValue(func() bool {
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		return false
	}
	out, err := exec.Command(bin, "version").Output()
	return err == nil && strings.HasPrefix(string(out), "OpenTofu")
})

// OpenTofu reports whether the acceptance tests run under OpenTofu (`make test-opentofu` points
// TF_ACC_TERRAFORM_PATH at tofu). A test whose expectation legitimately differs between the two tools
// asks it, and says why where it does.
func OpenTofu() bool { return openTofu() }
