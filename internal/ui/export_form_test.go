package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/export"
)

// exportOpen presses keys that end with e and returns the export form.
func exportOpen(t *testing.T, m *Model, keys ...string) *exportForm {
	t.Helper()
	press(m, keys...)
	f, ok := m.modal.(*exportForm)
	if !ok {
		t.Fatalf("%v opened %T, want the export form", keys, m.modal)
	}
	return f
}

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestExportDefaultsFollowTheView(t *testing.T) {
	for _, c := range []struct {
		name     string
		keys     []string
		person   string
		from, to string
		file     string
	}{
		// The Rota shows the whole plan: the whole plan, for the team.
		{"rota", []string{"1", "e"}, "", "2022-07", "2023-03", "cumbria.ics"},
		// A PA looking at October who exports wants October.
		{"month", []string{"2", "e"}, "", "2022-10", "2022-10", "cumbria-2022-10.ics"},
		{"day", []string{"2", "]", "enter", "e"}, "", "2022-11", "2022-11", "cumbria-2022-11.ics"},
		// The People view exports the person chosen.
		{"people", []string{"3", "j", "e"}, "paul", "2022-07", "2023-03", "cumbria-paul.ics"},
		{"duties", []string{"4", "e"}, "", "2022-07", "2023-03", "cumbria.ics"},
		{"gaps", []string{"5", "e"}, "", "2022-07", "2023-03", "cumbria.ics"},
		{"history", []string{"6", "e"}, "", "2022-07", "2023-03", "cumbria.ics"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, _ := newModel(t, 80, 24)
			f := exportOpen(t, m, c.keys...)
			if f.person() != c.person || f.from.Value() != c.from || f.to.Value() != c.to {
				t.Errorf("person %q months %s..%s, want %q %s..%s", f.person(), f.from.Value(), f.to.Value(), c.person, c.from, c.to)
			}
			if f.kind() != export.ICS || f.gaps {
				t.Errorf("format %s gaps %v, want ics without gaps", f.kind(), f.gaps)
			}
			if f.file.Value() != c.file || f.path != filepath.Join(m.c.dir, c.file) {
				t.Errorf("file %q (%s), want %q in %s", f.file.Value(), f.path, c.file, m.c.dir)
			}
			if f.folder != m.c.dir {
				t.Errorf("the file goes in %q, want %q", f.folder, m.c.dir)
			}
			mustContain(t, screen(m), "Export version 1 of cumbria", "in "+m.c.dir)
		})
	}
}

func TestExportIsNotTypedIntoAFilter(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "4", "/", "e")
	if m.modal != nil {
		t.Fatalf("e while typing the Duties filter opened %T", m.modal)
	}
	if v := m.fresh(viewDuties).(*dutiesView); v.filter.Value() != "e" {
		t.Fatalf("filter %q, want the e typed", v.filter.Value())
	}
}

// An earlier version or a what-if exports what is on screen, under a name
// that says which, so it does not replace the plan's own export.
func TestExportOfAnEarlierVersionAndAWhatIf(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	drain(m, apply(paulSick))
	press(m, "6", "j", "enter") // version 1, read-only
	f := exportOpen(t, m, "e")
	if f.file.Value() != "cumbria-v1.ics" {
		t.Errorf("read-only version 1: file %q, want cumbria-v1.ics", f.file.Value())
	}
	mustContain(t, screen(m), "Export version 1 of cumbria (read-only)")
	// With the gaps: version 2 has Paul's, version 1 none.
	press(m, "tab", "tab", "tab", "tab", "space", "enter")
	data, err := os.ReadFile(filepath.Join(m.c.dir, "cumbria-v1.ics"))
	if err != nil {
		t.Fatalf("the read-only version was not exported: %v (status %q)", err, m.status)
	}
	if !strings.Contains(string(data), "BEGIN:VEVENT") || strings.Contains(string(data), "gaps-team-") {
		t.Error("version 1's export has no events, or has version 2's gaps")
	}
	press(m, "esc", "e", "tab", "tab", "tab", "tab", "space", "enter") // the latest, version 2
	data, err = os.ReadFile(filepath.Join(m.c.dir, "cumbria.ics"))
	if err != nil || !strings.Contains(string(data), "gaps-team-20221003") {
		t.Errorf("version 2's export lacks the gaps of 3 October: %v", err)
	}
	// As rota export numbers them: Paul's presence day of 5 October became a
	// gap in version 2, its first revision.
	if !regexp.MustCompile(`UID:presence-20221005@[^\r]*\r\nDTSTAMP:[^\r]*\r\nSEQUENCE:1\r\n`).Match(data) {
		t.Error("the planner's calendar does not number the revision of 5 October's presence")
	}

	press(m, "s") // a what-if on version 2
	f = exportOpen(t, m, "e")
	if f.file.Value() != "cumbria-what-if-1.ics" {
		t.Errorf("what-if: file %q, want cumbria-what-if-1.ics", f.file.Value())
	}
	mustContain(t, screen(m), "Export what-if what-if-1 (on version 2 of cumbria)")
}

func TestExportFormChecksAsTyped(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	f := exportOpen(t, m, "e")

	// Format: ←/→ cycle, a letter picks; the file name follows.
	press(m, "right")
	if f.kind() != export.CSV || f.file.Value() != "cumbria.csv" {
		t.Fatalf("→: %s %q, want csv cumbria.csv", f.kind(), f.file.Value())
	}
	mustContain(t, screen(m), "and cumbria-duties.csv, in …", filepath.Base(m.c.dir)+" ", "(csv always lists the gaps)")
	press(m, "left", "left")
	if f.kind() != export.DOCX || f.file.Value() != "cumbria.docx" {
		t.Fatalf("← twice from csv: %s %q, want docx cumbria.docx (wraps)", f.kind(), f.file.Value())
	}
	mustContain(t, screen(m), "the committee paper as a Word document")
	press(m, "x")
	if f.kind() != export.XLSX || f.file.Value() != "cumbria.xlsx" {
		t.Fatalf("x: %s %q, want xlsx cumbria.xlsx", f.kind(), f.file.Value())
	}
	press(m, "m")
	if f.kind() != export.Markdown || f.file.Value() != "cumbria.md" {
		t.Fatalf("m: %s %q, want md cumbria.md", f.kind(), f.file.Value())
	}
	press(m, "i")

	// Who: a letter picks the next person whose name starts with it.
	press(m, "tab", "t")
	if f.person() != "tracy" || f.file.Value() != "cumbria-tracy.ics" {
		t.Fatalf("t: %q %q, want tracy cumbria-tracy.ics", f.person(), f.file.Value())
	}
	mustContain(t, screen(m), "‹ Tracy Boustead ›")
	press(m, "w")
	if f.person() != "" {
		t.Fatalf("w: %q, want the whole team", f.person())
	}

	// Months, checked as typed.
	press(m, "tab", "backspace")
	mustContain(t, screen(m), "! not a month: write it YYYY-MM")
	typeText(m, "6")
	mustContain(t, screen(m), "! before the plan, which starts Jul 2022")
	press(m, "backspace")
	typeText(m, "9")
	mustContain(t, screen(m), "September 2022")
	press(m, "tab", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeText(m, "2023-04")
	mustContain(t, screen(m), "! after the plan, which ends Mar 2023")
	press(m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeText(m, "2022-08")
	mustContain(t, screen(m), "! before From (Sep 2022)")
	press(m, "backspace")
	typeText(m, "9")
	mustContain(t, screen(m), "September 2022 · 1 month")
	if f.file.Value() != "cumbria-2022-09.ics" {
		t.Fatalf("one month: file %q, want cumbria-2022-09.ics", f.file.Value())
	}
	// The file name keeps the last good months while one is half typed.
	press(m, "backspace")
	if f.file.Value() != "cumbria-2022-09.ics" {
		t.Fatalf("a half-typed month renamed the file %q", f.file.Value())
	}
	press(m, "backspace")
	typeText(m, "12")
	if f.file.Value() != "cumbria-2022-09-to-2022-12.ics" {
		t.Fatalf("Sep–Dec: file %q", f.file.Value())
	}

	// Gaps is for calendars only: tab passes it by for the other formats.
	press(m, "tab")
	if f.focus != exGaps {
		t.Fatalf("focus %d after To, want Gaps for ics", f.focus)
	}
	press(m, "space")
	if !f.gaps || !f.opt.Gaps {
		t.Fatal("space did not add the gaps")
	}
	press(m, "shift+tab", "shift+tab", "shift+tab", "shift+tab", "c", "tab", "tab", "tab", "tab")
	if f.focus != exFile {
		t.Fatalf("csv: focus %d four fields on from Format, want File (Gaps passed by)", f.focus)
	}
	if f.opt.Gaps {
		t.Error("a csv export asks for gaps as events")
	}

	// File: a typed name keeps to itself, and its extension picks the format.
	for range 40 {
		press(m, "backspace")
	}
	mustContain(t, screen(m), "! a file name is needed")
	typeText(m, "committee.html")
	if f.kind() != export.HTML {
		t.Fatalf("typed .html: format %s", f.kind())
	}
	press(m, "shift+tab", "shift+tab", "shift+tab", "shift+tab", "left")
	if f.file.Value() != "committee.md" {
		t.Fatalf("format changed to md: typed file %q, want committee.md", f.file.Value())
	}
	press(m, "tab")
	press(m, "p")
	if f.file.Value() != "committee.md" {
		t.Fatalf("choosing Paul renamed the typed file: %q", f.file.Value())
	}

	// A folder that is not there, and a folder in place of the file.
	press(m, "shift+tab", "shift+tab")
	for range 40 {
		press(m, "backspace")
	}
	typeText(m, "missing/rota.md")
	mustContain(t, screen(m), `! there is no folder "missing"`)
	if err := os.Mkdir(filepath.Join(m.c.dir, "rota.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	for range 15 {
		press(m, "backspace")
	}
	typeText(m, "rota.md")
	mustContain(t, screen(m), "! rota.md is a folder")

	// Enter with a field wrong goes to it and writes nothing.
	press(m, "shift+tab", "shift+tab", "shift+tab")
	press(m, "enter")
	if m.modal == nil || f.focus != exFile || f.writing {
		t.Fatalf("enter with a wrong file: open %v focus %d writing %v; want the form open on File", m.modal != nil, f.focus, f.writing)
	}
	if got := files(t, m.c.dir); len(got) != 1 {
		t.Fatalf("a refused export wrote %v", got)
	}
}

func TestExportWarnsBeforeReplacing(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	if err := os.WriteFile(filepath.Join(m.c.dir, "cumbria.ics"), []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	exportOpen(t, m, "e")
	mustContain(t, screen(m), "replaces the file in …", filepath.Base(m.c.dir)+" ")
	press(m, "enter")
	data, err := os.ReadFile(filepath.Join(m.c.dir, "cumbria.ics"))
	if err != nil || !strings.HasPrefix(string(data), "BEGIN:VCALENDAR") {
		t.Fatalf("the file was not replaced: %q %v", data, err)
	}
}

func TestExportCancels(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	exportOpen(t, m, "3", "e")
	press(m, "esc")
	if m.modal != nil {
		t.Fatal("esc did not close the export form")
	}
	if m.active != viewPeople {
		t.Fatalf("esc left view %d, want People", m.active)
	}
	if got := files(t, m.c.dir); len(got) != 0 {
		t.Fatalf("a cancelled export wrote %v", got)
	}
}

// Paul's calendar holds his SPOC months and only his: the months are read
// back from the file written.
func TestExportWritesAPersonsCalendar(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	f := exportOpen(t, m, "3", "j", "e")
	if f.person() != "paul" {
		t.Fatalf("the People view's export is for %q, want paul", f.person())
	}
	press(m, "enter")
	if m.modal != nil || m.isErr {
		t.Fatalf("after enter: form open %v, status %q", m.modal != nil, m.status)
	}
	data, err := os.ReadFile(filepath.Join(m.c.dir, "cumbria-paul.ics"))
	if err != nil {
		t.Fatal(err)
	}
	ics := string(data)
	var spoc []string
	for _, x := range regexp.MustCompile(`(?s)BEGIN:VEVENT.*?END:VEVENT`).FindAllString(ics, -1) {
		if strings.Contains(x, "SUMMARY:SPOC: ") {
			start := regexp.MustCompile(`DTSTART;VALUE=DATE:(\d{6})`).FindStringSubmatch(x)
			spoc = append(spoc, start[1]+" "+regexp.MustCompile(`SUMMARY:(.*)\r`).FindStringSubmatch(x)[1])
		}
	}
	// Paul leads September 2022 and January 2023 (the People view's load).
	if strings.Join(spoc, "; ") != "202209 SPOC: Paul Robinson; 202301 SPOC: Paul Robinson" {
		t.Fatalf("SPOC months in Paul's calendar: %v", spoc)
	}
	n := strings.Count(ics, "BEGIN:VEVENT")
	want := fmt.Sprintf("wrote cumbria-paul.ics (%d events)", n)
	if m.status != want {
		t.Fatalf("status %q, want %q", m.status, want)
	}
	mustContain(t, screen(m), want)
	if n < 2+2+48 { // two months led, two as buddy, 48 presence days
		t.Errorf("only %d events for Paul", n)
	}
}

func TestExportWritesBothCSVTables(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	exportOpen(t, m, "e")
	press(m, "c", "enter")
	if m.isErr {
		t.Fatal(m.status)
	}
	if got := strings.Join(files(t, m.c.dir), " "); got != "cumbria-duties.csv cumbria.csv" {
		t.Fatalf("files written: %s", got)
	}
	days := len(m.c.frame().Days)
	duties := len(m.c.plan().Duties)
	want := fmt.Sprintf("wrote cumbria.csv (%d days) and cumbria-duties.csv (%d duties)", days, duties)
	if m.status != want {
		t.Fatalf("status %q, want %q", m.status, want)
	}
}

// A write that fails although the form found nothing wrong (here a name too
// long for the file system once the temporary file's suffix is added) shows
// why in the status bar, writes nothing and leaves the form open to retry.
func TestExportFailedWriteShowsWhyAndWritesNothing(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	f := exportOpen(t, m, "e", "shift+tab")
	if f.focus != exFile {
		t.Fatalf("shift+tab from Format: focus %d, want File", f.focus)
	}
	for range 40 {
		press(m, "backspace")
	}
	long := strings.Repeat("x", 250) + ".ics"
	typeText(m, long)
	if f.errs != [exFields]error{} {
		t.Fatalf("the form refused %d characters: %v", len(long), f.errs)
	}
	press(m, "enter")
	if !m.isErr || !strings.HasPrefix(m.status, "export failed, nothing written: cannot write "+long+": ") {
		t.Fatalf("status %q (error %v), want the failure", m.status, m.isErr)
	}
	mustContain(t, screen(m), "export failed, nothing written")
	if m.modal != f || f.writing {
		t.Fatal("a failed export closed the form or left it writing")
	}
	if got := files(t, m.c.dir); len(got) != 0 {
		t.Fatalf("a failed export left %v", got)
	}
	// A name that works then writes.
	for range len(long) {
		press(m, "backspace")
	}
	typeText(m, "ok.ics")
	press(m, "enter")
	if m.modal != nil || m.isErr || !strings.HasPrefix(m.status, "wrote ok.ics (") {
		t.Fatalf("retry: status %q", m.status)
	}
}

// The write itself, as the command runs it: into a folder that is not
// there it reports the error and leaves nothing behind.
func TestWriteExportIntoAMissingFolder(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	path := filepath.Join(m.c.dir, "missing", "rota.ics")
	msg := writeExport(m.c.result(), path, "missing/rota.ics", export.ICS, export.Options{}, nil)()
	got, ok := msg.(exportedMsg)
	if !ok || !got.isErr || got.text != "export failed, nothing written: cannot write missing/rota.ics: no such folder" {
		t.Fatalf("%#v", msg)
	}
	if got := files(t, m.c.dir); len(got) != 0 {
		t.Fatalf("a failed write left %v", got)
	}
}

// Closing the form while the file is written still reports it.
func TestExportReportedAfterTheFormCloses(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	exportOpen(t, m, "e")
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter gave no command to write")
	}
	press(m, "esc")
	if m.modal != nil {
		t.Fatal("esc did not close the form while writing")
	}
	drain(m, cmd)
	if !strings.HasPrefix(m.status, "wrote cumbria.ics (") {
		t.Fatalf("status %q", m.status)
	}
}

// The note under the file says where it goes: the home folder as ~, and a
// folder too long for the line cut from the start, since its end says most.
func TestExportShowsWhereTheFileGoes(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	m, _ := newModel(t, 80, 24)
	f := exportOpen(t, m, "e", "shift+tab")
	for range 20 {
		press(m, "backspace")
	}
	typeText(m, "~/rota.ics")
	if f.path != filepath.Join(home, "rota.ics") || f.folder != "~" {
		t.Fatalf("~/rota.ics: path %q shown in %q; want %s/rota.ics in ~", f.path, f.folder, home)
	}
	deep := filepath.Join(home, strings.Repeat("long-folder-name/", 6))
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	m.c.dir = deep
	for range 20 {
		press(m, "backspace")
	}
	typeText(m, "rota.ics")
	if f.folder != filepath.Join("~", strings.Repeat("long-folder-name/", 6)) {
		t.Fatalf("folder shown as %q", f.folder)
	}
	mustContain(t, screen(m), "in …folder-name/long-folder-name/long-folder-name/long-folder-name │")
}

func TestCutLeft(t *testing.T) {
	for _, c := range []struct {
		s    string
		w    int
		want string
	}{
		{"/home/pa", 8, "/home/pa"},
		{"/home/pa", 7, "…ome/pa"},
		{"/home/pa", 1, "…"},
		{"/home/pa", 0, ""},
	} {
		if got := cutLeft(c.s, c.w); got != c.want {
			t.Errorf("cutLeft(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}

func TestExportKeyInTheHelpBarAndFormFits(t *testing.T) {
	m, _ := newModel(t, 200, 40) // the help bar is cut to the width
	for v := range viewCount {
		m.active = v
		mustContain(t, screen(m), "e export")
	}
	m.active = viewRota
	exportOpen(t, m, "e")
	for _, size := range [][2]int{{60, 15}, {80, 24}, {200, 60}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(screen(m), "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d line %d is %d wide: %q", size[0], size[1], i, w, l)
			}
		}
	}
	mustContain(t, screen(m), "> Format", "File    cumbria.ics")
}
