package main

import (
	stdcsv "encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// uidSet returns the UIDs of an iCalendar text.
func uidSet(ics string) map[string]bool {
	out := map[string]bool{}
	for _, l := range strings.Split(ics, "\r\n") {
		if uid, ok := strings.CutPrefix(l, "UID:"); ok {
			out[uid] = true
		}
	}
	return out
}

func overlap(a, b map[string]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// icsText undoes TEXT escaping (RFC 5545 section 3.3.11).
var icsText = strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`)

// calName is the calendar's X-WR-CALNAME, unfolded and unescaped.
func calName(ics string) string {
	for _, l := range strings.Split(strings.ReplaceAll(ics, "\r\n ", ""), "\r\n") {
		if v, ok := strings.CutPrefix(l, "X-WR-CALNAME:"); ok {
			return icsText.Replace(v)
		}
	}
	return ""
}

// vevents splits an iCalendar text into its events, each as its unfolded
// property lines.
func vevents(ics string) []map[string]string {
	ics = strings.ReplaceAll(ics, "\r\n ", "") // unfold
	var out []map[string]string
	var cur map[string]string
	for _, l := range strings.Split(ics, "\r\n") {
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
		case l == "END:VEVENT":
			out = append(out, cur)
			cur = nil
		case cur != nil:
			k, v, _ := strings.Cut(l, ":")
			cur[strings.SplitN(k, ";", 2)[0]] = icsText.Replace(v)
		}
	}
	return out
}

func savedCumbria(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "rota.db")
	if code, _, stderr := exportRun(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != exitOK {
		t.Fatalf("save: exit %d: %s", code, stderr)
	}
	return db
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, stderr := exportRun(t, args...)
	if code != exitOK {
		t.Fatalf("rota %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return out
}

// Unchanged events keep their UIDs across edits and a rename of the plan.
func TestSavedPlanUIDsSurviveEditsAndRename(t *testing.T) {
	db := savedCumbria(t)
	before := uidSet(mustRun(t, "export", "cccs", "--format", "ics", "--db", db))
	mustRun(t, "edit", "cccs@1", "absent", "paul", "2022-10-03", "2022-10-14", "--db", db)
	renamed := filepath.Join(t.TempDir(), "renamed.toml")
	text := mustRun(t, "export-toml", "cccs", "--db", db)
	text = strings.Replace(text, `name = "CCCS distributed leadership 2022/23"`, `name = "CCCS rota (renamed)"`, 1)
	writeTo(t, renamed, text)
	mustRun(t, "save", renamed, "--name", "cccs@2", "--db", db)
	after := mustRun(t, "export", "cccs", "--format", "ics", "--db", db)
	if !strings.Contains(after, "X-WR-CALNAME:CCCS rota (renamed)") {
		t.Fatal("the rename did not reach the export")
	}
	a := uidSet(after)
	for uid := range before {
		if !a[uid] {
			t.Errorf("UID %s is gone after an absence and a rename", uid)
		}
	}
}

// A what-if or an earlier version says so wherever a reader looks, and its
// UIDs never equal the live plan's.
func TestDraftsAreMarkedEverywhere(t *testing.T) {
	db := savedCumbria(t)
	mustRun(t, "edit", "cccs@1", "spoc", "2022-07", "jo", "--db", db)
	mustRun(t, "scenario", "new", "cccs", "paul-sick", "--db", db)
	mustRun(t, "scenario", "edit", "cccs", "paul-sick", "absent", "paul", "2022-10-03", "2022-10-14", "--db", db)
	live := uidSet(mustRun(t, "export", "cccs", "--format", "ics", "--db", db))
	for _, c := range []struct{ target, tag string }{
		{"cccs/paul-sick", "[What-if paul-sick]"},
		{"cccs@1", "[Version 1, not the latest]"},
		{"cccs --absent tracy:2022-11-01:2022-11-04", "[What-if]"},
	} {
		args := append(strings.Fields(c.target), "--db", db)
		ics := mustRun(t, append([]string{"export", "--format", "ics"}, args...)...)
		if got := calName(ics); got != "CCCS distributed leadership 2022/23 "+c.tag {
			t.Errorf("%s: calendar name %q does not say %s", c.target, got, c.tag)
		}
		for _, e := range vevents(ics) {
			if !strings.HasPrefix(e["SUMMARY"], c.tag+" ") {
				t.Fatalf("%s: summary %q does not start %s", c.target, e["SUMMARY"], c.tag)
			}
		}
		if n := overlap(uidSet(ics), live); n != 0 {
			t.Errorf("%s: %d UIDs equal the live plan's", c.target, n)
		}
		html := mustRun(t, append([]string{"export", "--format", "html"}, args...)...)
		if !strings.Contains(html, "<title>"+c.tag+" CCCS") || !strings.Contains(html, "<h1>"+c.tag+" CCCS") {
			t.Errorf("%s: page title or heading does not say %s", c.target, c.tag)
		}
		md := mustRun(t, append([]string{"export", "--format", "md"}, args...)...)
		if !strings.HasPrefix(md, "# CCCS distributed leadership 2022/23 \\"+c.tag[:len(c.tag)-1]+"\\]") && !strings.HasPrefix(md, "# CCCS distributed leadership 2022/23 "+c.tag) {
			t.Errorf("%s: paper title %.80q does not say %s", c.target, md, c.tag)
		}
		for _, table := range []string{"days", "duties"} {
			csv := mustRun(t, append([]string{"export", "--format", "csv", "--table", table}, args...)...)
			rd := stdcsv.NewReader(strings.NewReader(strings.TrimPrefix(csv, "\uFEFF")))
			rd.FieldsPerRecord = -1
			first, err := rd.Read()
			if err != nil || len(first) != 1 || !strings.HasPrefix(first[0], c.tag+" This is ") {
				t.Errorf("%s: the %s table's first line is %q", c.target, table, first)
			}
		}
	}
	// The live plan says nothing of the kind.
	csv := mustRun(t, "export", "cccs", "--format", "csv", "--db", db)
	if !strings.HasPrefix(csv, "\uFEFFdate,weekday,") {
		t.Errorf("the live plan's CSV starts %.40q", csv)
	}
}

var cancelledRE = regexp.MustCompile(`STATUS:CANCELLED`)

// --since cancels what the earlier version's export had and this one has
// not; SEQUENCE rises when an event's content changes, the same on every
// export of a version.
func TestSinceCancelsAndSequenceCounts(t *testing.T) {
	db := savedCumbria(t)
	mustRun(t, "edit", "cccs@1", "absent", "paul", "2022-10-03", "2022-10-14", "--db", db)   // v2: gaps, presence gaps
	mustRun(t, "edit", "cccs@2", "unabsent", "paul", "2022-10-10", "2022-10-14", "--db", db) // v3: the second week's go
	// What was published at version 2 (then the latest): the keys of its
	// events, which an export of cccs@2 now has under a draft's domain.
	v2 := vevents(mustRun(t, "export", "cccs@2", "--format", "ics", "--gaps", "--db", db))
	ics := mustRun(t, "export", "cccs", "--format", "ics", "--gaps", "--since", "2", "--db", db)
	if again := mustRun(t, "export", "cccs", "--format", "ics", "--gaps", "--since", "2", "--db", db); again != ics {
		t.Fatal("two exports of the same version differ")
	}
	now := vevents(ics)
	byKey := func(es []map[string]string) map[string]map[string]string {
		out := map[string]map[string]string{}
		for _, e := range es {
			k, _, _ := strings.Cut(e["UID"], "@")
			out[k] = e
		}
		return out
	}
	old, cur := byKey(v2), byKey(now)
	cancelled := 0
	for k, e := range cur {
		if e["SEQUENCE"] == "" {
			t.Fatalf("%s has no SEQUENCE", k)
		}
		if e["STATUS"] == "CANCELLED" {
			cancelled++
			if !strings.HasPrefix(k, "gaps-team-202210") {
				t.Errorf("%s cancelled", k)
			}
			if e["SEQUENCE"] != "1" {
				t.Errorf("cancelled %s has SEQUENCE %s, want 1 (it vanished once)", k, e["SEQUENCE"])
			}
		}
	}
	for k := range old {
		if _, ok := cur[k]; !ok {
			t.Errorf("%s was in version 2's export and is neither kept nor cancelled", k)
		}
	}
	if cancelled == 0 || cancelled != len(cancelledRE.FindAllString(ics, -1)) {
		t.Errorf("%d events cancelled", cancelled)
	}
	if cancelled != 5 {
		t.Errorf("%d days' gaps cancelled, want 10–14 Oct", cancelled)
	}
	// Paul's presence day 11 Oct became a gap in version 2 and his again in
	// version 3; 5 Oct stayed a gap after version 2.
	if got := cur["presence-20221005"]; got["SEQUENCE"] != "1" || !strings.HasPrefix(got["SUMMARY"], "Presence gap: Paul Robinson is away") {
		t.Errorf("5 Oct: %v", got)
	}
	if got := cur["presence-20221011"]; got["SEQUENCE"] != "2" || got["SUMMARY"] != "In county: Paul Robinson" {
		t.Errorf("11 Oct: %v", got)
	}
	if cur["spoc-202207"]["SEQUENCE"] != "0" {
		t.Errorf("July's SPOC never changed, SEQUENCE %s", cur["spoc-202207"]["SEQUENCE"])
	}

	for _, bad := range [][]string{
		{"export", cumbriaFile, "--format", "ics", "--since", "1"},
		{"export", "cccs", "--format", "csv", "--since", "1", "--db", db},
		{"export", "cccs@2", "--format", "ics", "--since", "3", "--db", db},
	} {
		if code, _, stderr := exportRun(t, bad...); code != exitBadInput || !strings.Contains(stderr, "--since") {
			t.Errorf("rota %s: exit %d, %s", strings.Join(bad, " "), code, stderr)
		}
	}
}

func writeTo(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
