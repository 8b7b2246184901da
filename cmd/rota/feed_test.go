package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// rota feed new takes a window (--past, --ahead) or --whole, refuses
// numbers outside 0..120 and both at once with exit 2, and says what the
// feed shows; rota feed list and its JSON show each feed's window and the
// months it shows now. The bundled plan is finished, so a window of two
// months shows its last two.
func TestFeedWindowFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, errs, code := rota(t, "save", "--db", db, cumbriaFile, "--name", "cccs"); code != 0 {
		t.Fatalf("save: exit %d: %s", code, errs)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--past", "121"}, "--past 121: give a number of months from 0 to 120"},
		{[]string{"--ahead", "-1"}, "--ahead -1: give a number of months from 0 to 120"},
		{[]string{"--whole", "--ahead", "3"}, "give --whole for the whole plan, or --past/--ahead for a window of months, not both"},
		{[]string{"--team"}, "give --person ID or --team, not both"},
	} {
		out, errs, code := rota(t, append([]string{"feed", "new", "cccs", "--person", "paul", "--db", db}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 saying %q", c.args, code, out, errs, c.want)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "paul's calendar of plan cccs, 12 months back, 24 ahead, now Jul 2022 to Mar 2023."},
		{[]string{"--past", "0", "--ahead", "1"}, "paul's calendar of plan cccs, 0 months back, 1 ahead, now Feb 2023 to Mar 2023."},
		{[]string{"--whole"}, "paul's calendar of plan cccs, whole plan, now Jul 2022 to Mar 2023."},
		{[]string{"--past", "1", "--ahead", "0"}, "paul's calendar of plan cccs, 1 month back, 0 ahead, now Feb 2023 to Mar 2023."},
	} {
		out, errs, code := rota(t, append([]string{"feed", "new", "cccs", "--person", "paul", "--db", db}, c.args...)...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", c.args, code, out, errs, c.want)
		}
	}
	out, _, code := rota(t, "feed", "list", "--db", db)
	for _, want := range []string{"WINDOW", "SHOWS NOW", "12 months back, 24 ahead", "0 months back, 1 ahead", "Feb 2023 to Mar 2023", "whole plan"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("rota feed list lacks %q (exit %d):\n%s", want, code, out)
		}
	}
	out, _, code = rota(t, "feed", "list", "--db", db, "--json")
	var list []struct {
		Window struct {
			Whole       bool
			Past, Ahead int
		}
		Shows struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 4 {
		t.Fatalf("rota feed list --json: exit %d, %v:\n%s", code, err, out)
	}
	if w, s := list[1].Window, list[1].Shows; w.Whole || w.Past != 0 || w.Ahead != 1 || s.From != "2023-02" || s.To != "2023-03" {
		t.Errorf("the second feed in JSON: %+v, %+v", w, s)
	}
	if w := list[2].Window; !w.Whole {
		t.Errorf("the --whole feed in JSON: %+v", w)
	}
}
