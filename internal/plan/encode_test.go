package plan_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"pgregory.net/rapid"

	"rota/internal/plan"
	"rota/internal/plan/plantest"
)

// normal makes empty lists nil, since a plan file cannot tell `cover = []`
// from no cover at all and nothing downstream does either.
func normal(p *plan.Plan) *plan.Plan {
	c := p.Clone()
	if len(c.Closures) == 0 {
		c.Closures = nil
	}
	if len(c.SPOC.Duties) == 0 {
		c.SPOC.Duties = nil
	}
	for i := range c.Duties {
		if len(c.Duties[i].Cover) == 0 {
			c.Duties[i].Cover = nil
		}
	}
	for i := range c.Events {
		if len(c.Events[i].Dates) == 0 {
			c.Events[i].Dates = nil
		}
	}
	if len(c.Absences) == 0 {
		c.Absences = nil
	}
	if len(c.Duties) == 0 {
		c.Duties = nil
	}
	if len(c.Events) == 0 {
		c.Events = nil
	}
	return c
}

func TestEncodeRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := plantest.Plan(t)
		text := plan.Encode(p)
		q, err := plan.Parse("encoded.toml", text)
		if err != nil {
			t.Fatalf("the encoded plan does not parse: %v\n%s", err, text)
		}
		if !reflect.DeepEqual(normal(p), normal(q)) {
			t.Fatalf("the plan read back differs\nwant %+v\n got %+v\n%s", normal(p), normal(q), text)
		}
		if again := plan.Encode(q); string(again) != string(text) {
			t.Fatalf("encoding is not stable:\n%s\n---\n%s", text, again)
		}
	})
}

// The reference plan survives the trip with every duty, and its file's
// defaults are not written out.
func TestEncodeReferencePlan(t *testing.T) {
	data, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse("cccs.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	text := plan.Encode(p)
	q, err := plan.Parse("encoded.toml", text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if !reflect.DeepEqual(normal(p), normal(q)) {
		t.Fatal("the reference plan differs after encoding")
	}
	if strings.Contains(string(text), "workdays") {
		t.Error("the default working week was written out")
	}
	if got := strings.Count(string(text), "[[duty]]"); got != len(p.Duties) {
		t.Errorf("%d duties written, want %d", got, len(p.Duties))
	}
}

func TestQuoteEscapes(t *testing.T) {
	for _, s := range []string{`a "quoted" name`, `back\slash`, "tab\there", "line\nbreak", "bell\a", "del\x7f", "nul\x00"} {
		text := "[x]\nv = " + plan.QuoteForTest(s) + "\n"
		var got map[string]map[string]string
		if _, err := toml.Decode(text, &got); err != nil {
			t.Fatalf("%q: %v (%s)", s, err, text)
		}
		if got["x"]["v"] != s {
			t.Errorf("%q read back as %q", s, got["x"]["v"])
		}
	}
}
