package store

import (
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	for path, want := range map[string]string{
		"configs/cumbria-cccs-2022.toml": "cumbria-cccs-2022",
		"My Plan.toml":                   "my-plan",
		"/x/ÉTÉ.toml":                    "t",
		"---.toml":                       "plan",
	} {
		if got := NameFor(path); got != want {
			t.Errorf("NameFor(%q) = %q, want %q", path, got, want)
		}
		if err := CheckName("plan", NameFor(path)); err != nil {
			t.Errorf("NameFor(%q) is not usable: %v", path, err)
		}
	}
	for _, bad := range []string{"", "Upper", "a b", "-x", "a/b", "a@1", strings.Repeat("x", 65)} {
		if CheckName("plan", bad) == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
