package export

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDutiesPath(t *testing.T) {
	for in, want := range map[string]string{
		"rota.csv":        "rota-duties.csv",
		"out/Rota.CSV":    "out/Rota-duties.CSV",
		"rota":            "rota-duties",
		"a.b/rota.v2.csv": "a.b/rota.v2-duties.csv",
	} {
		if got := DutiesPath(in); got != want {
			t.Errorf("DutiesPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFilesCSVWritesBothTables(t *testing.T) {
	dir := t.TempDir()
	r := cumbria(t)
	path := filepath.Join(dir, "rota.csv")
	got, err := WriteFiles(path, CSV, r, Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{path, filepath.Join(dir, "rota-duties.csv")}; !slices.Equal(got, want) {
		t.Errorf("wrote %q, want %q", got, want)
	}
	days, _ := os.ReadFile(path)
	duties, _ := os.ReadFile(filepath.Join(dir, "rota-duties.csv"))
	if string(days) != export(t, CSV, r, Options{}) || string(duties) != export(t, CSV, r, Options{Table: DutiesTable}) {
		t.Errorf("files differ from the tables")
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	assertOnly(t, dir, "rota-duties.csv", "rota.csv")

	// With a table named, only that one is written.
	path = filepath.Join(dir, "duties-only.csv")
	if got, err := WriteFiles(path, CSV, r, Options{Table: DutiesTable}); err != nil || len(got) != 1 {
		t.Fatalf("wrote %q, %v", got, err)
	}
	assertOnly(t, dir, "duties-only.csv", "rota-duties.csv", "rota.csv")
}

func TestWriteFilesFailureLeavesFilesAlone(t *testing.T) {
	dir := t.TempDir()
	r := cumbria(t)
	path := filepath.Join(dir, "rota.ics")
	if err := os.WriteFile(path, []byte("the previous export"), 0o600); err != nil {
		t.Fatal(err)
	}
	// An unknown format fails after the temporary file is made.
	if _, err := WriteFiles(path, Format("pdf"), r, Options{}); err == nil {
		t.Fatal("no error for an unknown format")
	}
	// A bad option fails before anything is written.
	if _, err := WriteFiles(path, ICS, r, Options{Person: "nobody"}); err == nil || !strings.Contains(err.Error(), "--person") {
		t.Fatalf("error %v, want one about --person", err)
	}
	// A folder where the duties table would go.
	if err := os.Mkdir(filepath.Join(dir, "out-duties.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFiles(filepath.Join(dir, "out.csv"), CSV, r, Options{}); err == nil {
		t.Fatal("no error when the duties table's path is a folder")
	}
	// A folder that does not exist.
	if _, err := WriteFiles(filepath.Join(dir, "missing", "rota.ics"), ICS, r, Options{}); err == nil {
		t.Fatal("no error for a missing folder")
	}
	b, _ := os.ReadFile(path)
	if string(b) != "the previous export" {
		t.Errorf("the previous export was changed to %.40q", b)
	}
	assertOnly(t, dir, "out-duties.csv", "rota.ics")

	// A successful export replaces it and keeps its mode.
	if _, err := WriteFiles(path, ICS, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the replaced file's 0600", st.Mode().Perm())
	}
}

// assertOnly checks that dir holds exactly the names given: no temporary
// file is left behind.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

func TestOptionsCheck(t *testing.T) {
	r := cumbria(t)
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{Person: "pual"}, `--person: "pual" is not a person of this plan (persons: jo, paul,`},
		{Options{From: month("2022-06")}, "--from 2022-06 is outside the plan (2022-07 to 2023-03)"},
		{Options{To: month("2023-04")}, "--to 2023-04 is outside the plan"},
		{Options{From: month("2022-12"), To: month("2022-10")}, "--from 2022-12 is after --to 2022-10"},
		{Options{Table: "weeks"}, `--table: "weeks" is not a CSV table: write days or duties`},
	} {
		err := c.opt.Check(r)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opt, err, c.want)
		}
	}
	if err := (Options{Person: "pam", From: month("2022-07"), To: month("2022-07"), Table: DutiesTable}).Check(r); err != nil {
		t.Errorf("good options refused: %v", err)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"ics": ICS, "ICS": ICS, "ical": ICS, "csv": CSV, "md": Markdown, "markdown": Markdown, "html": HTML, "htm": HTML} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "ics, csv, md, html") {
		t.Errorf("pdf: %v", err)
	}
	for in, want := range map[string]Format{"x/rota.ics": ICS, "paper.md": Markdown, "page.HTML": HTML} {
		if got, ok := FormatOf(in); !ok || got != want {
			t.Errorf("FormatOf(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"rota", "rota.pdf", "-"} {
		if _, ok := FormatOf(in); ok {
			t.Errorf("FormatOf(%q) guessed a format", in)
		}
	}
}
