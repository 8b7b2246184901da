package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportRun runs rota in-process with SOURCE_DATE_EPOCH set, so exports are
// reproducible.
func exportRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), user: noAccount, getenv: func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1654075800" // 2022-06-01 09:30 UTC
		}
		return ""
	}}
	code = run(args, e)
	return code, out.String(), errb.String()
}

func TestExportToStdout(t *testing.T) {
	code, out, stderr := exportRun(t, "export", cumbriaFile, "--format", "ics", "--person", "paul")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || !strings.Contains(out, "X-WR-CALNAME:CCCS distributed leadership 2022/23 — Paul Robinson\r\n") {
		t.Errorf("not Paul's calendar:\n%.300s", out)
	}
	if !strings.Contains(out, "DTSTAMP:20220601T093000Z\r\n") {
		t.Errorf("SOURCE_DATE_EPOCH not used as DTSTAMP")
	}
	if strings.Contains(out, "SUMMARY:In county: Jo Atkinson") {
		t.Errorf("Paul's calendar has Jo's presence days")
	}
	// Flags may come before the file, and --absent adds what-ifs.
	code, out, _ = exportRun(t, "export", "--format", "md", "--absent", "paul:2022-10-03:2022-10-14", cumbriaFile)
	if code != exitOK || !strings.Contains(out, "| 3–14 Oct 2022 | 10 |") {
		t.Errorf("exit %d; the what-if gap is missing:\n%s", code, out)
	}
	// The same export twice is the same bytes.
	_, a, _ := exportRun(t, "export", cumbriaFile, "--format", "html")
	_, b, _ := exportRun(t, "export", cumbriaFile, "--format", "html")
	if a != b || !strings.Contains(a, "Exported by rota on 1 Jun 2022") {
		t.Errorf("HTML export is not reproducible under SOURCE_DATE_EPOCH")
	}
}

func TestExportCSVToFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rota.csv")
	code, out, stderr := exportRun(t, "export", cumbriaFile, "-o", path, "--from", "2022-10", "--to", "2022-10")
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, stderr)
	}
	duties := filepath.Join(dir, "rota-duties.csv")
	if want := "Wrote " + path + " and " + duties + ".\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	days, _ := os.ReadFile(path)
	if n := strings.Count(string(days), "\r\n"); n != 1+21 {
		t.Errorf("%d lines in the days table, want a header and October's 21 days", n)
	}
	d, _ := os.ReadFile(duties)
	if !strings.Contains(string(d), "siro,Senior Information Risk Owner (SIRO),County Council lead responsibility,Paul Robinson,,no,0,,0,\r\n") {
		t.Errorf("duties table:\n%s", d)
	}
	// On stdout, one table: days unless --table duties.
	_, out, _ = exportRun(t, "export", cumbriaFile, "--format", "csv", "--table", "duties")
	if !strings.HasPrefix(out, "\ufeffid,duty,area,owner,cover,statutory,uncovered days,uncovered dates,unconfirmed cover days,unconfirmed cover dates\r\n") {
		t.Errorf("duties on stdout:\n%.200s", out)
	}
}

func TestExportFormatFromFileName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "paper.md")
	if code, _, stderr := exportRun(t, "export", cumbriaFile, "-o", path); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "# CCCS distributed leadership 2022/23\n") {
		t.Errorf("paper.md is not Markdown:\n%.200s", b)
	}
}

func TestExportBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", cumbriaFile}, "--format is needed: ics, csv, md, html, xlsx or docx"},
		{[]string{"export", cumbriaFile, "--format", "pdf"}, `--format: "pdf" is not an export format`},
		{[]string{"export", cumbriaFile, "-o", filepath.Join(dir, "rota.txt")}, "cannot tell the format from"},
		{[]string{"export", cumbriaFile, "--format", "ics", "--person", "pual"}, `--person: "pual" is not a person of this plan`},
		{[]string{"export", cumbriaFile, "--format", "ics", "--from", "2022-13"}, `--from: "2022-13" is not a month`},
		{[]string{"export", cumbriaFile, "--format", "ics", "--from", "2022-12", "--to", "2022-10"}, "--from 2022-12 is after --to 2022-10"},
		{[]string{"export", cumbriaFile, "--format", "ics", "--to", "2024-01"}, "--to 2024-01 is outside the plan (2022-07 to 2023-03)"},
		{[]string{"export", cumbriaFile, "--format", "ics", "--table", "duties"}, "--table is for --format csv, not ics"},
		{[]string{"export", cumbriaFile, "--format", "csv", "--table", "weeks"}, `--table: "weeks" is not a CSV table`},
		{[]string{"export", cumbriaFile, "--format", "ics", "--absent", "pual:2022-10-03:2022-10-04"}, `"pual" is not a person`},
		{[]string{"export", "no-such-plan", "--format", "ics"}, "give --db PATH"},
		{[]string{"export", "no-such-plan", "--format", "ics", "--db", filepath.Join(dir, "none.db")}, "no saved plans: there is no database at"},
		{[]string{"export", filepath.Join(dir, "missing.toml"), "--format", "ics"}, "cannot read the plan file"},
		{[]string{"export", "--format", "ics"}, "want PLAN|FILE"},
		{[]string{"export", cumbriaFile, "--format", "ics", "--bogus"}, "rota export: unknown flag: --bogus (see rota export --help)"},
	} {
		code, out, stderr := exportRun(t, c.args...)
		if code != exitBadInput || out != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stdout %.60q, stderr %q; want exit 2 and %q", c.args, code, out, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("bad input left files: %v", entries)
	}
}

func TestExportWriteFailure(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing")
	code, _, stderr := exportRun(t, "export", cumbriaFile, "--format", "ics", "-o", filepath.Join(missing, "rota.ics"))
	if want := "the folder " + missing + " does not exist"; code != exitBadInput || !strings.Contains(stderr, want) || strings.Contains(stderr, ".tmp") {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q, naming no temporary file", code, stderr, want)
	}
}

func TestExportHelp(t *testing.T) {
	code, out, _ := exportRun(t, "export", "--help")
	if code != exitOK || !strings.Contains(out, "rota.csv and rota-duties.csv") || !strings.Contains(out, "--person ID narrows to one person") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
}

func TestExportSavedPlan(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if code, _, stderr := exportRun(t, "save", cumbriaFile, "--db", db); code != exitOK {
		t.Fatalf("save: exit %d: %s", code, stderr)
	}
	if code, _, stderr := exportRun(t, "edit", "cumbria-cccs-2022@1", "spoc", "2022-07", "jo", "--db", db); code != exitOK {
		t.Fatalf("edit: exit %d: %s", code, stderr)
	}
	code, out, stderr := exportRun(t, "export", "cumbria-cccs-2022", "--format", "ics", "--db", db)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "SUMMARY:SPOC: Jo Atkinson\r\n") || !strings.Contains(out, "UID:spoc-202207@") {
		t.Errorf("the saved plan's July SPOC (Jo, set by an edit) is not exported")
	}
	// The saved plan has an identity of its own, made when it was saved:
	// its events never overwrite those of another plan from the same file.
	_, fromFile, _ := exportRun(t, "export", cumbriaFile, "--format", "ics")
	if a, b := uidSet(out), uidSet(fromFile); len(a) != len(b) || overlap(a, b) != 0 {
		t.Errorf("saved and file exports: %d and %d UIDs, %d shared", len(a), len(b), overlap(a, b))
	}
	// A what-if on a saved plan keeps who is assigned: Simon stays on his
	// presence days while away, which become gaps, shown as gaps.
	code, out, stderr = exportRun(t, "export", "cumbria-cccs-2022@2", "--format", "csv", "--absent", "simon:2022-07-04:2022-07-08", "--db", db, "--from", "2022-07", "--to", "2022-07")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "\r\n2022-07-07,Thu,gap: Simon Higgins is away; suggested: Tracy Boustead,Jo Atkinson,Paul Robinson,Jo Atkinson,\"Presence in county; ") {
		t.Errorf("what-if on the saved plan:\n%s", out)
	}
	if code, _, stderr := exportRun(t, "export", "no-such-plan", "--format", "ics", "--db", db); code != exitBadInput || !strings.Contains(stderr, "no-such-plan") {
		t.Errorf("unknown saved plan: exit %d, %s", code, stderr)
	}
}

// The Office formats follow the -o extension like the others, take the same
// options, and are written whole; on a pipe they go to stdout like the rest.
func TestExportOfficeFormats(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ file, magic string }{{"rota.xlsx", "xl/workbook.xml"}, {"paper.docx", "word/document.xml"}} {
		path := filepath.Join(dir, c.file)
		code, _, stderr := exportRun(t, "export", cumbriaFile, "-o", path, "--person", "paul", "--from", "2022-10", "--to", "2022-12", "--absent", "paul:2022-10-03:2022-10-14")
		if code != exitOK || stderr != "Wrote "+path+".\n" {
			t.Fatalf("%s: exit %d: %s", c.file, code, stderr)
		}
		data, _ := os.ReadFile(path)
		if !bytes.HasPrefix(data, []byte("PK\x03\x04")) || !bytes.Contains(data, []byte(c.magic)) {
			t.Errorf("%s is not an Office file holding %s", c.file, c.magic)
		}
		format := strings.TrimPrefix(filepath.Ext(c.file), ".")
		code, out, _ := exportRun(t, "export", cumbriaFile, "--format", format, "--person", "paul", "--from", "2022-10", "--to", "2022-12", "--absent", "paul:2022-10-03:2022-10-14")
		if code != exitOK || out != string(data) {
			t.Errorf("--format %s on stdout: exit %d, %d bytes, the file has %d", format, code, len(out), len(data))
		}
	}
	code, _, stderr := exportRun(t, "export", cumbriaFile, "--format", "xlsx", "--table", "days")
	if code != exitBadInput || !strings.Contains(stderr, "--table is for --format csv, not xlsx") {
		t.Errorf("--table with xlsx: exit %d: %s", code, stderr)
	}
}
