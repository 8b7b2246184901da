package ui

import (
	"bytes"
	"fmt"
	"rota/internal/change"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestGolden runs the planner as a program at 80×24 and 120×40, drives it
// with keys to each view and compares the screen with testdata/TestGolden.
// The plan is Cumbria with Paul off sick 3–14 October 2022 (version 2) and a
// saved what-if in which Tracy is also on leave 10–12 October. Regenerate
// with go test ./internal/ui -run TestGolden -update, and read the diff.
func TestGolden(t *testing.T) {
	// Each state is steps of keys, each waited for by a text the screen shows
	// once they have taken effect, so no key races a change being loaded.
	type step struct {
		keys []string
		wait string
	}
	whatIf := step{[]string{"6", "j", "j", "enter"}, "what-if tracy-leave on v2"}
	states := []struct {
		name  string
		steps []step
	}{
		{"rota", []step{{nil, "October 2022: SPOC Tracy Boustead"}}},
		{"month", []step{{[]string{"2"}, "October 2022 · handover not acknowledged · SPOC Tracy"}}},
		{"day", []step{{[]string{"2", "enter"}, "Wednesday 5 October 2022"}}},
		{"people", []step{{[]string{"3", "j"}, "Paul Robinson, Assistant Director"}}},
		{"duties", []step{{[]string{"4", "j", "j", "j"}, "Senior Information Risk Owner (SIRO): Paul Robinson"}}},
		{"gaps", []step{{[]string{"5"}, "in 16 runs"}}},
		{"history", []step{{[]string{"6"}, "2 versions, 1 saved what-if"}}},
		{"form", []step{{[]string{"2", "a"}, "Record an absence"}}},
		{"export", []step{{[]string{"3", "j", "e"}, "Export version 2 of cumbria"}}},
		{"help", []step{{[]string{"?"}, "Keys in Rota"}}},
		{"whatif-rota", []step{whatIf, {[]string{"1"}, "[1 Rota]"}}},
		{"whatif-month", []step{whatIf, {[]string{"2", "l", "l", "l", "l"}, "Tue 11 Oct 2022 · present"}}},
		{"whatif-gaps", []step{whatIf, {[]string{"5"}, "What-if against version 2"}}},
		{"whatif-end", []step{whatIf, {[]string{"s"}, "carry on with it"}}},
	}
	t.Setenv("HOME", "/home/pa") // the export form shows the home folder as ~
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			for _, s := range states {
				t.Run(s.name, func(t *testing.T) {
					m, src := newModel(t, size[0], size[1])
					v2, err := src.Apply(m.c.snap, paulSick)
					if err != nil {
						t.Fatal(err)
					}
					sc, err := src.NewScenario(v2, "tracy-leave")
					if err != nil {
						t.Fatal(err)
					}
					if _, err := src.Apply(sc, change.Change{Kind: change.KindAbsent, Person: "tracy", Date: date("2022-10-10"), To: date("2022-10-12"), Reason: "annual leave"}); err != nil {
						t.Fatal(err)
					}
					reload(t, m)
					m.status = ""
					// The export form shows its folder: one that is the
					// same on every machine, and nothing is written there.
					m.c.dir = "/"
					tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]))
					for _, st := range s.steps {
						for _, k := range st.keys {
							tm.Send(keyMsg(k))
						}
						teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
							return bytes.Contains(b, []byte(st.wait))
						}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
					}
					wait := s.steps[len(s.steps)-1].wait
					if err := tm.Quit(); err != nil {
						t.Fatal(err)
					}
					final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
					out := final.View()
					if !strings.Contains(out, wait) {
						t.Fatalf("the final screen lacks %q:\n%s", wait, out)
					}
					golden.RequireEqual(t, []byte(out+"\n"))
				})
			}
		})
	}
}
