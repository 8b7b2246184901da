package backend

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"rota/internal/change"
	"rota/internal/store"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/diff"
	"rota/internal/plan"
)

func TestOpenCreatesPrivateWALDatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "rota")
	path := filepath.Join(dir, "rota.db")
	s, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, st.Mode(), want)
		}
	}
	var mode string
	var user, app int
	if err := s.db().QueryRow("SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)").Scan(&mode, &user, &app); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || user != store.SchemaVersion() || app != 0x726f7461 {
		t.Errorf("journal %s, schema %d, application id %x", mode, user, app)
	}
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Mode() != 0o600 {
		t.Errorf("the write-ahead log is not private: %v %v", st.Mode(), err)
	}
	s.Close()
	// Opening again finds the plan and migrates nothing.
	s2, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if ps, err := s2.Plans(ctx); err != nil || len(ps) != 1 || ps[0].Name != "cccs" || ps[0].Title != "CCCS distributed leadership 2022/23" {
		t.Errorf("plans after reopening: %+v %v", ps, err)
	}
}

func TestOpenRefusesForeignFilesUnchanged(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("not a database\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{text, other} {
		before, _ := os.ReadFile(path)
		_, err := openS(path)
		var nr *NotRotaError
		if !errors.As(err, &nr) {
			t.Errorf("%s: got %v, want a NotRotaError", path, err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was modified", path)
		}
	}
	if _, err := openS(dir); err == nil {
		t.Error("a folder was opened as a database")
	}
}

func TestOpenRefusesNewerSchemaUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rota.db")
	s, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db().Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	_, err = openS(path)
	var ne *NewerError
	if !errors.As(err, &ne) || ne.Schema != 99 || !strings.Contains(err.Error(), "newer rota") {
		t.Fatalf("got %v, want a NewerError", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the newer database was modified")
	}
}

func TestDamagedDatabaseIsReportedNotPanicked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rota.db")
	s, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, _ := os.ReadFile(path)
	if len(data) < 3*4096 {
		t.Fatalf("database of %d bytes is too small to damage", len(data))
	}
	for i := 4096; i < len(data); i++ { // keep the header page, scramble the rest
		data[i] ^= 0x5a
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = openS(path)
	if err == nil {
		defer s.Close()
		_, err = s.Load(ctx, Ref{Plan: "cccs"}, 0)
	}
	var de *DamagedError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "restore it from a backup") {
		t.Fatalf("got %v, want a DamagedError", err)
	}
}

func TestImportSavesTheComputedRota(t *testing.T) {
	s, ref := withCCCS(t)
	snap := load(t, s, ref, 0)
	p, err := plan.Parse("cccs.toml", reference(t))
	if err != nil {
		t.Fatal(err)
	}
	want := coverage.Compute(p)
	if !reflect.DeepEqual(snap.Result.Assign, want.Assign) || !reflect.DeepEqual(snap.Result.Gaps, want.Gaps) {
		t.Error("the saved rota differs from the file's")
	}
	if got := strings.Join(snap.Result.Assign.SPOC, " "); got != "simon jo paul tracy simon jo paul tracy simon" {
		t.Errorf("SPOCs %s", got)
	}
	if snap.Version != 1 || snap.Head != 1 || snap.PinnedMonth(m("2022-10")) || snap.PinnedDay(d("2022-10-04")) {
		t.Errorf("version %d head %d, or something pinned", snap.Version, snap.Head)
	}
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); !errors.As(err, new(*ExistsError)) {
		t.Errorf("importing under a used name: %v", err)
	}
	if _, err := s.Import(ctx, "Bad Name", "x.toml", reference(t), "ann", ""); !isRefused(err) {
		t.Errorf("importing under a bad name: %v", err)
	}
	if _, err := s.Import(ctx, "bad", "bad.toml", []byte("[plan]\nname = 1\n"), "ann", ""); !isRefused(err) || !strings.Contains(err.Error(), "bad.toml:2") {
		t.Errorf("importing a bad file: %v", err)
	}
	if ps, _ := s.Plans(ctx); len(ps) != 1 {
		t.Errorf("refused imports left plans: %+v", ps)
	}
}

// Spec §9: an absence changes who acts and the gaps, never who is assigned.
func TestAbsenceKeepsTheSavedRota(t *testing.T) {
	s, ref := withCCCS(t)
	before := load(t, s, ref, 1)
	// Tracy leads October; away for most of it, which a fresh optimisation
	// would avoid.
	v := apply(t, s, ref, 1, absence("tracy", "2022-10-03", "2022-10-28", "sick"))
	after := load(t, s, ref, v)
	if !reflect.DeepEqual(before.Result.Assign, after.Result.Assign) {
		t.Fatal("recording an absence moved assignments")
	}
	fresh := coverage.Compute(after.Plan)
	if reflect.DeepEqual(fresh.Assign.SPOC, after.Result.Assign.SPOC) {
		t.Fatal("the test is void: a fresh rota keeps tracy in October too")
	}
	oct := d("2022-10-04")
	if got := after.Result.ActingSPOC(oct); got != "simon" {
		t.Errorf("acting SPOC on %s is %q, want the buddy simon", oct, got)
	}
	// Tracy's own presence days in October keep her, with a presence gap.
	var kept int
	for k, day := range after.Frame.Days {
		if day.Month() == m("2022-10") && day >= d("2022-10-03") && after.Result.Assign.Presence[k] == "tracy" {
			kept++
			if !slices.Contains(after.Result.GapsOn(day), coverage.Gap{Date: day, Kind: coverage.KindPresence}) {
				t.Errorf("%s: tracy is away and assigned, but there is no presence gap", day)
			}
			if sug := after.SuggestPresence(day); sug == "" || sug == "tracy" {
				t.Errorf("%s: suggested %q", day, sug)
			}
		}
	}
	if kept == 0 {
		t.Fatal("the test is void: tracy has no presence day in October")
	}
	dd := diff.Compare(before.Result, after.Result)
	if dd.Assignments() || len(dd.NewGaps) == 0 || len(dd.ResolvedGaps) != 0 {
		t.Errorf("diff: assignments %v, %d new gaps, %d resolved", dd.Assignments(), len(dd.NewGaps), len(dd.ResolvedGaps))
	}
}

func TestExplicitChangesPinAndMoveBuddies(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, change.SetSPOC(m("2022-10"), "jo"))
	snap := load(t, s, ref, v)
	a := snap.Result.Assign
	if a.SPOC[3] != "jo" || !snap.PinnedMonth(m("2022-10")) {
		t.Fatalf("October: SPOC %s, pinned %v", a.SPOC[3], snap.PinnedMonth(m("2022-10")))
	}
	// Buddy "next": September's buddy is October's SPOC; October keeps simon.
	if a.Buddy[2] != "jo" || a.Buddy[3] != "simon" {
		t.Errorf("buddies of Sep and Oct: %s, %s; want jo, simon", a.Buddy[2], a.Buddy[3])
	}
	if snap.PinnedMonth(m("2022-09")) {
		t.Error("September was pinned by a change to October")
	}
	v = apply(t, s, ref, v, change.Swap(m("2022-07"), m("2022-08")))
	a = load(t, s, ref, v).Result.Assign
	if a.SPOC[0] != "jo" || a.SPOC[1] != "simon" || a.Buddy[0] != "simon" {
		t.Errorf("after swapping July and August: SPOCs %v, buddies %v", a.SPOC[:3], a.Buddy[:3])
	}
	v = apply(t, s, ref, v, change.SetBuddy(m("2022-11"), "tracy"))
	day := load(t, s, ref, v).Frame.Days[10]
	v = apply(t, s, ref, v, change.SetPresence(day, "paul"))
	snap = load(t, s, ref, v)
	if snap.Result.Presence(day) != "paul" || !snap.PinnedDay(day) || snap.Result.Assign.Buddy[4] != "tracy" {
		t.Error("buddy or presence not set")
	}
	rep := snap.Report()
	if rep.Plan != "cccs" || rep.Version != v || rep.Months[4].Pinned == nil || !*rep.Months[4].Pinned || *rep.Months[5].Pinned || !*rep.Days[10].Pinned || *rep.Days[11].Pinned {
		t.Errorf("report: plan %q version %d, pins wrong", rep.Plan, rep.Version)
	}
}

func TestRefusedChangesWriteNothing(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, absence("jo", "2022-10-03", "2022-10-14", "annual leave"))
	cases := []struct {
		c    change.Change
		want string
	}{
		{change.SetPresence(d("2022-10-04"), "jo"), "Jo Atkinson is away on Tue 4 Oct 2022"},
		{change.SetPresence(d("2022-10-08"), "paul"), "2022-10-08 is not a working day (Saturday)"},
		{change.SetPresence(d("2022-12-26"), "paul"), "not a working day (Boxing Day)"},
		{change.SetPresence(d("2022-10-04"), "pam"), "pam is not in the presence order (simon, jo, paul, tracy)"},
		{change.SetSPOC(m("2022-10"), "pam"), "pam is not in the SPOC order"},
		{change.SetSPOC(m("2022-10"), "pual"), `"pual" is not a person of this plan`},
		{change.SetSPOC(m("2023-04"), "jo"), "2023-04 is outside the plan (2022-07 to 2023-03)"},
		{change.SetBuddy(m("2022-10"), "tracy"), "tracy is the SPOC of 2022-10; the buddy must be someone else"},
		{change.Swap(m("2022-10"), m("2022-10")), "two different months"},
		{change.SetOwner("sirro", "simon"), `"sirro" is not a duty`},
		{change.SetCover("siro", []string{"paul"}), "paul owns siro and cannot also cover it"},
		{change.SetCover("siro", []string{"jo", "jo"}), "jo is listed twice"},
		{change.AddEventDate("dmt", d("2023-05-01")), "outside the plan"},
		{change.RemoveEventDate("dmt", d("2022-10-03")), "dmt meets every mon"},
		{change.AddEventDate("agm", d("2022-10-03")), `"agm" is not an event of this plan (events: dmt)`},
		{change.RemoveAbsence("paul", d("2022-10-01"), d("2022-10-30")), "paul has no absence recorded"},
		{change.RemoveAbsence("jo", d("2022-11-01"), d("2022-11-30")), "jo has no absence between 2022-11-01 and 2022-11-30 (their absences: jo 2022-10-03 to 2022-10-14 (annual leave))"},
		{absence("jo", "2022-10-14", "2022-10-03", ""), "ends (2022-10-03) before it starts"},
		{absence("nobody", "2022-10-03", "2022-10-03", ""), `"nobody" is not a person`},
		{change.Change{Kind: "frobnicate"}, "not a change"},
		{change.Reimport("bad.toml", []byte("[plan]\nnam = 1\n")), "bad.toml:2"},
	}
	for _, tc := range cases {
		_, err := s.Apply(ctx, ref, v, tc.c, "ann", "")
		if !isRefused(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want a refusal saying %q", tc.c, err, tc.want)
		}
	}
	if h, _ := s.History(ctx, ref); len(h) != v {
		t.Errorf("refused changes wrote versions: %d", len(h))
	}
	if _, err := s.Apply(ctx, ref, v, change.SetSPOC(m("2022-10"), "tracy"), "ann", ""); err != nil {
		t.Errorf("pinning October's SPOC as it is: %v", err)
	}
	_, err := s.Apply(ctx, ref, v+1, change.SetSPOC(m("2022-10"), "tracy"), "ann", "")
	var u *change.UnchangedError
	if !errors.As(err, &u) {
		t.Errorf("setting it again: %v, want change.UnchangedError", err)
	}
}

func TestConflictNamesTheNewVersion(t *testing.T) {
	s, ref := withCCCS(t)
	apply(t, s, ref, 1, absence("jo", "2022-10-03", "2022-10-14", ""))
	if _, err := s.Apply(ctx, ref, 2, change.SetSPOC(m("2022-11"), "jo"), "bob", ""); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, ref, 2, change.SetSPOC(m("2022-10"), "jo"), "ann", "")
	var c *ConflictError
	if !errors.As(err, &c) || c.Base != 2 || c.Head != 3 || c.By != "bob" {
		t.Fatalf("got %v, want a conflict with version 3 by bob", err)
	}
	if !strings.HasPrefix(err.Error(), "plan changed since version 2: now version 3 by bob at ") || !strings.HasSuffix(err.Error(), "(SPOC of 2022-11: jo)") {
		t.Errorf("message: %s", err)
	}
	if _, err := s.Undo(ctx, ref, 1, "ann", ""); !errors.As(err, &c) {
		t.Errorf("undo on an old version: %v", err)
	}
	if h, _ := s.History(ctx, ref); len(h) != 3 {
		t.Errorf("%d versions after the conflicts, want 3", len(h))
	}
}

func TestUnabsentShortensAndSplits(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, absence("jo", "2022-10-03", "2022-10-14", "leave"))
	v = apply(t, s, ref, v, absence("paul", "2022-10-10", "2022-10-11", ""))
	v = apply(t, s, ref, v, change.RemoveAbsence("jo", d("2022-10-06"), d("2022-10-07")))
	got := load(t, s, ref, v).Plan.Absences
	want := []plan.Absence{
		{Person: "jo", From: d("2022-10-03"), To: d("2022-10-05"), Reason: "leave"},
		{Person: "jo", From: d("2022-10-08"), To: d("2022-10-14"), Reason: "leave"},
		{Person: "paul", From: d("2022-10-10"), To: d("2022-10-11")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("absences %+v", got)
	}
	v = apply(t, s, ref, v, change.RemoveAbsence("jo", d("2022-10-01"), d("2022-10-31")))
	if got := load(t, s, ref, v).Plan.Absences; len(got) != 1 || got[0].Person != "paul" {
		t.Errorf("absences %+v", got)
	}
}

func TestDutyAndEventChanges(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, change.SetCover("siro", []string{"simon", "jo"}))
	v = apply(t, s, ref, v, change.SetOwner("siro", "simon"))
	v = apply(t, s, ref, v, change.AddEventDate("dmt", d("2022-10-05")))
	snap := load(t, s, ref, v)
	du, _ := snap.Plan.Duty("siro")
	if du.Owner != "simon" || !slices.Equal(du.Cover, []string{"jo"}) {
		t.Errorf("siro: owner %s cover %v; the new owner should leave the cover", du.Owner, du.Cover)
	}
	if ev := snap.Plan.Events[0]; !slices.Equal(ev.Dates, []calendar.Date{d("2022-10-05")}) {
		t.Errorf("dmt dates %v", ev.Dates)
	}
	v = apply(t, s, ref, v, change.AddEventDate("dmt", d("2022-09-07")))
	if got := load(t, s, ref, v).Plan.Events[0].Dates; !slices.Equal(got, []calendar.Date{d("2022-09-07"), d("2022-10-05")}) {
		t.Errorf("dates are not kept in order: %v", got)
	}
	v = apply(t, s, ref, v, change.RemoveEventDate("dmt", d("2022-10-05")))
	if got := load(t, s, ref, v).Plan.Events[0].Dates; !slices.Equal(got, []calendar.Date{d("2022-09-07")}) {
		t.Errorf("dates %v", got)
	}
}

func TestUndoWalksBack(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, absence("jo", "2022-10-03", "2022-10-14", ""))
	v = apply(t, s, ref, v, change.SetSPOC(m("2022-10"), "paul"))
	v = apply(t, s, ref, v, change.SetCover("siro", []string{"simon"}))
	undo := func(base int) int {
		t.Helper()
		n, err := s.Undo(ctx, ref, base, "ann", "")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	same := func(a, b int) {
		t.Helper()
		if x, y := fingerprint(load(t, s, ref, a).st), fingerprint(load(t, s, ref, b).st); x != y {
			t.Errorf("version %d differs from version %d", a, b)
		}
	}
	v = undo(v) // 5 undoes 4
	same(5, 3)
	v = undo(v) // 6 undoes 3
	same(6, 2)
	v = apply(t, s, ref, v, change.SetSPOC(m("2022-11"), "jo")) // 7
	v = undo(v)                                                 // 8 undoes 7
	same(8, 2)
	v = undo(v) // 9 undoes 2
	same(9, 1)
	if _, err := s.Undo(ctx, ref, v, "ann", ""); !isRefused(err) || !strings.Contains(err.Error(), "import") {
		t.Errorf("undoing the import: %v", err)
	}
	h, _ := s.History(ctx, ref)
	var of []int
	for _, x := range h {
		if x.Change.Kind == change.KindUndo {
			of = append(of, x.Change.Of)
		}
	}
	if !slices.Equal(of, []int{4, 3, 7, 2}) {
		t.Errorf("undid %v", of)
	}
}

func TestReimportKeepsSavedMonthsAndComputesNewOnes(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, change.SetSPOC(m("2022-10"), "jo"))
	v = apply(t, s, ref, v, absence("tracy", "2022-11-01", "2022-11-30", ""))
	longer := strings.Replace(string(reference(t)), "end = 2023-03-31", "end = 2023-06-30", 1)
	longer = strings.Replace(longer, `id = "catherine"`, `id = "cath"`, 1)
	longer = strings.Replace(longer, `owner = "pam"`, `owner = "cath"`, 1)
	before := load(t, s, ref, v)
	v = apply(t, s, ref, v, change.Reimport("cccs.toml", []byte(longer)))
	after := load(t, s, ref, v)
	if got := len(after.Frame.Months); got != 12 {
		t.Fatalf("%d months after extending to June", got)
	}
	a, b := before.Result.Assign, after.Result.Assign
	if !slices.Equal(a.SPOC, b.SPOC[:9]) || !slices.Equal(a.Buddy, b.Buddy[:9]) || !slices.Equal(a.Presence, b.Presence[:len(a.Presence)]) {
		t.Error("re-importing moved saved assignments")
	}
	if !after.PinnedMonth(m("2022-10")) || after.PinnedMonth(m("2023-04")) {
		t.Error("pins were not kept")
	}
	if b.SPOC[9] == "" || b.Presence[len(b.Presence)-1] == "" {
		t.Error("new months and days were not computed")
	}
	rules := strings.Join(diff.Rules(before.Plan, after.Plan), "\n")
	for _, want := range []string{"period: 2022-07-01 to 2023-03-31 → 2022-07-01 to 2023-06-30", "person added: cath", "person removed: catherine", "absence removed: tracy 2022-11-01 to 2022-11-30", "duty audit-assurance-committee: owner pam → cath"} {
		if !strings.Contains(rules, want) {
			t.Errorf("the summary lacks %q:\n%s", want, rules)
		}
	}
	_, err := s.Apply(ctx, ref, v, change.Reimport("cccs.toml", []byte(longer+"\n# a comment\n")), "ann", "")
	if !errors.As(err, new(*change.UnchangedError)) {
		t.Errorf("re-importing the same rules: %v", err)
	}
	// Undoing a re-import restores the plan before it, absence included.
	v, err = s.Undo(ctx, ref, v, "ann", "")
	if err != nil {
		t.Fatal(err)
	}
	if x, y := fingerprint(load(t, s, ref, v).st), fingerprint(before.st); x != y {
		t.Error("undoing the re-import did not restore the plan")
	}
}

func TestReplanMovesOnlyUnpinnedFromTheDate(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, change.SetPresence(d("2022-11-01"), "paul"))
	v = apply(t, s, ref, v, absence("tracy", "2022-10-03", "2023-02-28", "secondment"))
	before := load(t, s, ref, v)
	v = apply(t, s, ref, v, change.Replan(d("2022-10-12")))
	after := load(t, s, ref, v)
	a, b := before.Result.Assign, after.Result.Assign
	if !slices.Equal(a.SPOC[:3], b.SPOC[:3]) || b.SPOC[3] == "tracy" || b.SPOC[7] == "tracy" {
		t.Errorf("SPOCs %v → %v: months before October must stay; tracy must lose October and February", a.SPOC, b.SPOC)
	}
	for k, day := range after.Frame.Days {
		switch {
		case day < d("2022-10-12") && a.Presence[k] != b.Presence[k]:
			t.Errorf("%s moved though before the date", day)
		case day == d("2022-11-01") && b.Presence[k] != "paul":
			t.Errorf("the pinned day moved to %s", b.Presence[k])
		case day >= d("2022-10-12") && day <= d("2023-02-28") && b.Presence[k] == "tracy":
			t.Errorf("%s: tracy is away and still present", day)
		}
	}
	if len(after.Result.Gaps) >= len(before.Result.Gaps) {
		t.Errorf("re-planning left %d gaps of %d", len(after.Result.Gaps), len(before.Result.Gaps))
	}
	if _, err := s.Apply(ctx, ref, v, change.Replan(d("2022-10-12")), "ann", ""); !errors.As(err, new(*change.UnchangedError)) {
		t.Errorf("re-planning twice: %v", err)
	}
	v = apply(t, s, ref, v, change.UnpinDay(d("2022-11-01")))
	if load(t, s, ref, v).PinnedDay(d("2022-11-01")) {
		t.Error("unpin left the day pinned")
	}
}

func TestScenarios(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, absence("jo", "2022-08-01", "2022-08-05", ""))
	if _, err := s.NewScenario(ctx, "cccs", 0, "paul-sick", "mo"); err != nil {
		t.Fatal(err)
	}
	sc := Ref{Plan: "cccs", Scenario: "paul-sick"}
	if snap := load(t, s, sc, 0); snap.Version != 2 || snap.Base != 2 {
		t.Errorf("a new scenario is at version %d, base %d", snap.Version, snap.Base)
	}
	w := apply(t, s, sc, 2, absence("paul", "2022-10-03", "2022-10-14", "sick"))
	w = apply(t, s, sc, w, change.SetOwner("siro", "simon"))
	if w != 4 {
		t.Fatalf("scenario at version %d", w)
	}
	if snap := load(t, s, ref, 0); snap.Version != 2 || len(snap.Plan.Absences) != 1 {
		t.Error("the scenario touched its plan")
	}
	base, what := load(t, s, ref, 2), load(t, s, sc, 0)
	dd := diff.Compare(base.Result, what.Result)
	if len(dd.Rules) != 2 || dd.Assignments() {
		t.Errorf("scenario diff: %v", dd.Rules)
	}
	if list, _ := s.Scenarios(ctx, "cccs"); len(list) != 1 || list[0].Version != 4 || list[0].Base != 2 || list[0].Author != "mo" {
		t.Errorf("scenarios %+v", list)
	}
	if _, err := s.NewScenario(ctx, "cccs", 0, "paul-sick", "mo"); !errors.As(err, new(*ExistsError)) {
		t.Errorf("a second scenario of that name: %v", err)
	}
	// A second scenario cannot be adopted once the first one is.
	if _, err := s.NewScenario(ctx, "cccs", 0, "other", "mo"); err != nil {
		t.Fatal(err)
	}
	apply(t, s, Ref{Plan: "cccs", Scenario: "other"}, 2, change.SetSPOC(m("2022-12"), "tracy"))
	if n, err := s.Adopt(ctx, "cccs", "paul-sick"); err != nil || n != 4 {
		t.Fatalf("adopt: %d %v", n, err)
	}
	if x, y := fingerprint(load(t, s, ref, 4).st), fingerprint(what.st); x != y {
		t.Error("the adopted plan differs from the scenario")
	}
	h, _ := s.History(ctx, ref)
	if len(h) != 4 || h[3].Note != "scenario paul-sick" || h[2].Change.Kind != change.KindAbsent {
		t.Errorf("history after adopting: %+v", h)
	}
	_, err := s.Adopt(ctx, "cccs", "other")
	var c *ConflictError
	if !errors.As(err, &c) || c.Adopting != "other" || c.Base != 2 || c.Head != 4 {
		t.Errorf("adopting a stale scenario: %v", err)
	}
	if err := s.Drop(ctx, "cccs", "other"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Scenarios(ctx, "cccs"); len(list) != 0 {
		t.Errorf("scenarios left: %+v", list)
	}
	if _, err := s.Load(ctx, Ref{Plan: "cccs", Scenario: "other"}, 0); !errors.As(err, new(*NotFoundError)) {
		t.Errorf("loading a dropped scenario: %v", err)
	}
	_ = v
}

func TestCheckpointsLoadAsReplay(t *testing.T) {
	s, ref := withCCCS(t)
	v := 1
	days := load(t, s, ref, v).Frame.Days
	for i := 0; i < 50*2+5; i++ {
		v = apply(t, s, ref, v, absence("jo", days[i].String(), days[i].String(), ""))
	}
	var n int
	if err := s.db().QueryRow("SELECT count(*) FROM checkpoint").Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d checkpoints (%v), want 3: versions 1, %d and %d", n, err, 50, 2*50)
	}
	var with []string
	for _, x := range []int{1, 50 - 1, 50, 50 + 1, v} {
		with = append(with, fingerprint(load(t, s, ref, x).st))
	}
	if _, err := s.db().Exec("DELETE FROM checkpoint"); err != nil {
		t.Fatal(err)
	}
	for i, x := range []int{1, 50 - 1, 50, 50 + 1, v} {
		if fingerprint(load(t, s, ref, x).st) != with[i] {
			t.Errorf("version %d loads differently from its checkpoint", x)
		}
	}
	// A checkpoint of an unknown format is ignored, not trusted.
	if _, err := s.db().Exec("INSERT INTO checkpoint (line_id, number, format, data) SELECT line_id, number, 99, x'00' FROM version WHERE number = ?", 50); err != nil {
		t.Fatal(err)
	}
	if fingerprint(load(t, s, ref, v).st) != with[4] {
		t.Error("an unknown checkpoint format was used")
	}
}

func TestLastUsedAndTouch(t *testing.T) {
	// A clock that moves a minute on every reading: on the real clock the
	// import and the touch can fall in the same millisecond.
	var mu sync.Mutex
	clock := time.Date(2022, 10, 3, 9, 0, 0, 0, time.UTC)
	tick := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Minute)
		return clock
	}
	s, err := openS(filepath.Join(t.TempDir(), "rota.db"), WithClock(tick))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	if name, err := s.LastUsed(ctx); err != nil || name != "cccs" {
		t.Fatalf("last used %q %v", name, err)
	}
	if _, err := s.Import(ctx, "other", "o.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	if name, _ := s.LastUsed(ctx); name != "other" {
		t.Errorf("last used %q after importing other", name)
	}
	if err := s.Touch(ctx, "cccs"); err != nil {
		t.Fatal(err)
	}
	if name, _ := s.LastUsed(ctx); name != "cccs" {
		t.Errorf("last used %q after touching cccs", name)
	}
	if err := s.Touch(ctx, "nope"); !errors.As(err, new(*NotFoundError)) {
		t.Errorf("touching a missing plan: %v", err)
	}
}

func TestWithClockStampsWhatIsWritten(t *testing.T) {
	at := time.Date(2022, 9, 30, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	tick := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(time.Minute)
		return at
	}
	path := filepath.Join(t.TempDir(), "rota.db")
	s, err := openS(path, WithClock(tick))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ref := Ref{Plan: "cccs"}
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	apply(t, s, ref, 1, absence("jo", "2022-10-03", "2022-10-14", ""))
	if _, err := s.NewScenario(ctx, "cccs", 0, "paul-sick", "mo"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx, ref, 2, "ann", ""); err != nil {
		t.Fatal(err)
	}
	minute := func(n int) time.Time { return time.Date(2022, 9, 30, 9, n, 0, 0, time.UTC) }
	h, err := s.History(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []time.Time{minute(1), minute(2), minute(4)} {
		if !h[i].Time.Equal(want) {
			t.Errorf("version %d stamped %s, want %s", h[i].Number, h[i].Time, want)
		}
	}
	if list, _ := s.Scenarios(ctx, "cccs"); len(list) != 1 || !list[0].Created.Equal(minute(3)) {
		t.Errorf("scenarios %+v, want one created at %s", list, minute(3))
	}
	if err := s.Touch(ctx, "cccs"); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Plans(ctx); len(p) != 1 || !p[0].Used.Equal(minute(5)) || !p[0].Changed.Equal(minute(4)) {
		t.Errorf("plans %+v, want used at %s, changed at %s", p, minute(5), minute(4))
	}
	// The times are in the file: a store opened on the system clock reads them.
	other, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if h, _ := other.History(ctx, ref); len(h) != 3 || !h[0].Time.Equal(minute(1)) {
		t.Errorf("history read by another store: %+v", h)
	}
}

func TestRenameKeepsAScenarioWhole(t *testing.T) {
	s, _ := withCCCS(t)
	if _, err := s.NewScenario(ctx, "cccs", 0, "what-if-1", "mo"); err != nil {
		t.Fatal(err)
	}
	old := Ref{Plan: "cccs", Scenario: "what-if-1"}
	v := apply(t, s, old, 1, absence("paul", "2022-10-03", "2022-10-14", "sick"))
	before := load(t, s, old, 0)
	if _, err := s.NewScenario(ctx, "cccs", 0, "taken", "mo"); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, "cccs", "what-if-1", "taken"); !errors.As(err, new(*ExistsError)) {
		t.Errorf("renaming onto another scenario: %v", err)
	}
	if err := s.Rename(ctx, "cccs", "what-if-1", "Paul Sick"); !errors.As(err, new(*change.RefusedError)) {
		t.Errorf("renaming to an unusable name: %v", err)
	}
	if err := s.Rename(ctx, "cccs", "nope", "paul-sick"); !errors.As(err, new(*NotFoundError)) {
		t.Errorf("renaming a missing scenario: %v", err)
	}
	if err := s.Rename(ctx, "cccs", "what-if-1", "paul-sick"); err != nil {
		t.Fatal(err)
	}
	after := load(t, s, Ref{Plan: "cccs", Scenario: "paul-sick"}, 0)
	if after.Version != v || after.Base != before.Base || fingerprint(after.st) != fingerprint(before.st) {
		t.Errorf("renamed scenario at version %d base %d; was %d base %d", after.Version, after.Base, before.Version, before.Base)
	}
	if _, err := s.Load(ctx, old, 0); !errors.As(err, new(*NotFoundError)) {
		t.Errorf("the old name still loads: %v", err)
	}
	if h, _ := s.History(ctx, Ref{Plan: "cccs", Scenario: "paul-sick"}); len(h) == 0 || h[len(h)-1].Change.Kind != change.KindAbsent {
		t.Errorf("history after renaming: %+v", h)
	}
}

func TestRebaseMakesAScenariosChangesAgainOnTheLatestVersion(t *testing.T) {
	s, ref := withCCCS(t)
	if _, err := s.NewScenario(ctx, "cccs", 0, "what-if", "mo"); err != nil {
		t.Fatal(err)
	}
	sc := Ref{Plan: "cccs", Scenario: "what-if"}
	w := apply(t, s, sc, 1, absence("paul", "2022-10-03", "2022-10-14", "sick"))
	w = apply(t, s, sc, w, change.SetSPOC(m("2022-12"), "tracy"))
	if _, err := s.Undo(ctx, sc, w, "mo", ""); err != nil { // the SPOC change is undone: it must not come back
		t.Fatal(err)
	}
	apply(t, s, sc, w+1, change.SetCover("siro", []string{"simon"}))

	// Meanwhile the plan moves on; one change is the scenario's cover already.
	v := apply(t, s, ref, 1, absence("jo", "2022-08-01", "2022-08-05", ""))
	v = apply(t, s, ref, v, change.SetCover("siro", []string{"simon"}))
	if _, err := s.Adopt(ctx, "cccs", "what-if"); !errors.As(err, new(*ConflictError)) {
		t.Fatalf("adopting before the rebase: %v", err)
	}
	base, head, err := s.Rebase(ctx, "cccs", "what-if")
	if err != nil {
		t.Fatal(err)
	}
	if base != v || head != v+1 {
		t.Fatalf("rebased onto %d with head %d; want onto %d with one change made again", base, head, v)
	}
	h, _ := s.History(ctx, sc)
	last := h[len(h)-1]
	if last.Number != head || last.Change.Kind != change.KindAbsent || last.Author != "ann" {
		t.Fatalf("rebased history %+v", h)
	}
	got := load(t, s, sc, 0)
	if len(got.Plan.Absences) != 2 || got.Result.Assign.SPOC[5] == "tracy" {
		t.Fatalf("after rebasing: absences %v, December SPOC %s", got.Plan.Absences, got.Result.Assign.SPOC[5])
	}
	if n, err := s.Adopt(ctx, "cccs", "what-if"); err != nil || n != head {
		t.Fatalf("adopting after the rebase: %d %v", n, err)
	}
}

func TestRebaseThatNoLongerAppliesChangesNothing(t *testing.T) {
	s, ref := withCCCS(t)
	if _, err := s.NewScenario(ctx, "cccs", 0, "what-if", "mo"); err != nil {
		t.Fatal(err)
	}
	sc := Ref{Plan: "cccs", Scenario: "what-if"}
	day := load(t, s, ref, 0).Frame.Days[70]
	apply(t, s, sc, 1, change.SetPresence(day, "jo"))
	before := load(t, s, sc, 0)
	// Jo is now away that day on the plan: the scenario's change cannot be made again.
	apply(t, s, ref, 1, absence("jo", day.String(), day.String(), "leave"))
	_, _, err := s.Rebase(ctx, "cccs", "what-if")
	var r *change.RefusedError
	if !errors.As(err, &r) || !strings.Contains(err.Error(), "Jo Atkinson is away on") {
		t.Fatalf("rebase: %v", err)
	}
	after := load(t, s, sc, 0)
	if after.Version != before.Version || after.Base != before.Base || fingerprint(after.st) != fingerprint(before.st) {
		t.Fatal("a refused rebase changed the scenario")
	}
}
