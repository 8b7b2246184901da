package plan

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse: no input makes the loader panic; it either returns a plan that
// validates or problems that each name the file and say something.
// The seed corpus is in testdata/fuzz/FuzzParse: the bundled plans, the
// template and broken variants of them.
func FuzzParse(f *testing.F) {
	f.Add([]byte(base))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("fuzz.toml", data)
		if err == nil {
			if p == nil {
				t.Fatal("no plan and no error")
			}
			c := p.Clone()
			if verr := p.Validate(); verr != nil {
				t.Fatalf("loaded plan does not validate: %v", verr)
			}
			if !reflect.DeepEqual(c, p) {
				t.Fatal("validating a loaded plan again changed it")
			}
			if len(p.SPOC.Order) < 2 || len(p.Presence.Order) < 1 || p.Start > p.End || len(p.Workdays) == 0 {
				t.Fatalf("loaded plan breaks the rules: %+v", p)
			}
			return
		}
		if p != nil {
			t.Fatal("a plan and an error")
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("error %T %v, want non-empty Problems", err, err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, pr := range ps {
			msg := pr.Error()
			if !strings.HasPrefix(msg, "fuzz.toml") || strings.TrimSpace(pr.Msg) == "" {
				t.Fatalf("message %q does not start with the file or says nothing", msg)
			}
			if pr.Line < 0 || pr.Line > lines {
				t.Fatalf("message %q: line %d outside the file's %d lines", msg, pr.Line, lines)
			}
		}
		_, err2 := Parse("fuzz.toml", data)
		if err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("second read differs:\n%v\n---\n%v", err, err2)
		}
	})
}

// FuzzParseAbsent: --absent never panics; what it accepts names a person of
// the plan, runs forwards, and reads back the same when written out again.
func FuzzParseAbsent(f *testing.F) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAbsent(p, s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--absent ") {
				t.Fatalf("error %q does not start with --absent", err)
			}
			return
		}
		if _, ok := p.Person(a.Person); !ok {
			t.Fatalf("accepted unknown person %q", a.Person)
		}
		if a.From > a.To {
			t.Fatalf("accepted %s after %s", a.From, a.To)
		}
		again, err := ParseAbsent(p, fmt.Sprintf("%s:%s:%s", a.Person, a.From, a.To))
		if err != nil || again != a {
			t.Fatalf("%q read as %+v; written out and read again: %+v, %v", s, a, again, err)
		}
	})
}
