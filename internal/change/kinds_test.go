package change

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"rota/internal/plan"
)

func cumbria(t *testing.T) []byte {
	t.Helper()
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// base is the Cumbria plan with a pinned month and day, an absence and an
// event date: every example below applies to it.
func base(t *testing.T) *State {
	t.Helper()
	_, st, err := Edit(NewState(), Import("cccs.toml", cumbria(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, words := range []string{"spoc 2022-10 tracy", "present 2022-10-04 jo", "absent paul 2022-10-03 2022-10-14", "event-date dmt 2022-10-05",
		"cover siro-delegation simon,jo", "cover-accept siro-delegation jo 2022-10-03 2022-10-14"} {
		c, err := Parse(strings.Fields(words), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, st, err = Edit(st, c); err != nil {
			t.Fatalf("%s: %v", words, err)
		}
	}
	return st
}

// TestEveryKind walks every kind in the table through parse → apply →
// encode → replay → invert: a kind added without one of its pieces, or
// without an example here, fails.
func TestEveryKind(t *testing.T) {
	revised := bytes.Replace(cumbria(t), []byte(`name = "Jo Atkinson"`), []byte(`name = "Jo Atkinson-Smith"`), 1)
	examples := map[string]Change{
		KindSPOC:         SetSPOC(m("2022-11"), "tracy"),
		KindSwap:         Swap(m("2022-11"), m("2022-12")),
		KindBuddy:        SetBuddy(m("2023-01"), "jo"),
		KindPresent:      SetPresence(d("2022-10-06"), "simon"),
		KindAbsent:       {Kind: KindAbsent, Person: "jo", Date: d("2022-12-05"), To: d("2022-12-09"), Reason: `sick, "flu"`},
		KindUnabsent:     RemoveAbsence("paul", d("2022-10-10"), d("2022-10-11")),
		KindOwner:        SetOwner("siro", "simon"),
		KindCover:        SetCover("siro", []string{"jo", "tracy"}),
		KindEventDate:    AddEventDate("dmt", d("2022-11-09")),
		KindNoEventDate:  RemoveEventDate("dmt", d("2022-10-05")),
		KindUnpin:        UnpinMonth(m("2022-10")),
		KindReimport:     Reimport("revised.toml", revised),
		KindImport:       Import("cccs.toml", cumbria(t)),
		KindReplan:       Replan(d("2022-07-01")),
		KindUndo:         Undo(2),
		KindCoverAccept:  AcceptCover("siro-delegation", "simon", 0, 0, ""),
		KindCoverDecline: DeclineCover("siro-delegation", "jo", d("2022-10-05"), d("2022-10-06"), ""),
		KindHandoverNote: HandoverNote(m("2022-11"), "tracy", `Budget papers due 12 Nov; "DMT" moved`, "pa"),
		KindHandoverAck:  HandoverAck(m("2022-11"), "simon", ""),
		KindDecision: RecordDecision(plan.Decision{Duty: "siro-delegation", Date: d("2022-10-05"), Person: "jo",
			Decision: "Report the breach to the ICO", Reasons: "Personal data of 40 people", Alternatives: "Not reporting: refused", By: "pat"}),
	}
	st := base(t)
	for _, name := range Kinds() {
		t.Run(name, func(t *testing.T) {
			k := kinds[name]
			c, ok := examples[name]
			if !ok {
				t.Fatalf("kind %s has no example in TestEveryKind", name)
			}
			if k.text == nil || k.describe == nil {
				t.Fatalf("kind %s cannot be written or described", name)
			}
			if c.Describe() == name || c.String() == "" {
				t.Errorf("kind %s: String %q, Describe %q", name, c.String(), c.Describe())
			}
			if k.parse != nil {
				words := strings.Fields(c.String())
				reason := ""
				if c.Reason != "" { // the words carry it quoted: give it as --reason does
					words, reason = strings.Fields(strings.SplitN(c.String(), " --reason", 2)[0]), c.Reason
				}
				got, err := Parse(words, reason)
				got.Text = c.Text
				if err != nil || !reflect.DeepEqual(got, c) {
					t.Fatalf("%q parses as %+v, %v; want %+v", c.String(), got, err, c)
				}
			}
			if name == KindUndo {
				// An undo is made from the history: the effect of version 2
				// (spoc 2022-10 tracy), reverted on the state after it.
				_, one, _ := Edit(NewState(), Import("cccs.toml", cumbria(t)))
				fx, two, err := Edit(one, SetSPOC(m("2022-10"), "tracy"))
				if err != nil {
					t.Fatal(err)
				}
				_, back, err := Revert(two, &fx, one)
				if err != nil || back.Fingerprint() != one.Fingerprint() {
					t.Fatalf("undo of version 2 does not restore version 1: %v", err)
				}
				roundTrip(t, c, nil)
				return
			}
			from := st
			if name == KindImport {
				from = NewState()
			}
			fx, next, err := Edit(from, c)
			if err != nil {
				t.Fatalf("%s: %v", c, err)
			}
			got := roundTrip(t, c, &fx)
			replayed := from.Clone()
			if err := replayed.Replay(got); err != nil || replayed.Fingerprint() != next.Fingerprint() {
				t.Fatalf("%s: its effect, stored and read back, replays differently: %v", c, err)
			}
			if name == KindImport {
				return // an import is never undone
			}
			_, back, err := Revert(next, got, from)
			if err != nil || back.Fingerprint() != from.Fingerprint() {
				t.Fatalf("%s: undoing it does not restore the plan: %v", c, err)
			}
		})
	}
}

// roundTrip encodes a change and its effect as the store does, reads them
// back and encodes them again: the bytes must not move.
func roundTrip(t *testing.T, c Change, fx *Effect) *Effect {
	t.Helper()
	cj, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var c2 Change
	if err := json.Unmarshal(cj, &c2); err != nil {
		t.Fatal(err)
	}
	c2.Text = c.Text
	if again, _ := json.Marshal(c2); !bytes.Equal(again, cj) || !reflect.DeepEqual(c2, c) {
		t.Fatalf("change %s does not survive its JSON: %s", c, cj)
	}
	if fx == nil {
		return nil
	}
	ej, err := json.Marshal(fx)
	if err != nil {
		t.Fatal(err)
	}
	var fx2 Effect
	if err := json.Unmarshal(ej, &fx2); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(fx2); !bytes.Equal(again, ej) {
		t.Fatalf("the effect of %s does not survive its JSON", c)
	}
	return &fx2
}
