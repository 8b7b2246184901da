package export

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"

	"rota/internal/coverage"
)

// openXLSX exports r as a workbook and opens it with excelize, as Excel
// would read it.
func openXLSX(t testing.TB, r *coverage.Result, opt Options) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(export(t, XLSX, r, opt))))
	if err != nil {
		t.Fatalf("excelize cannot open the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func rows(t testing.TB, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rs
}

func TestXLSXSheetsAndPrintSetup(t *testing.T) {
	f := openXLSX(t, cumbria(t, "paul:2022-10-03:2022-10-14"), Options{})
	if got := f.GetSheetList(); !slices.Equal(got, XLSXSheets) {
		t.Fatalf("sheets %q, want %q", got, XLSXSheets)
	}
	filters := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters[dn.Scope] = true
		}
	}
	for _, s := range XLSXSheets {
		pl, err := f.GetPageLayout(s)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" {
			t.Errorf("%s: page size %v orientation %v, want A4 (9) landscape", s, deref(pl.Size), deref(pl.Orientation))
		}
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v (%v), want the header row frozen", s, panes, err)
		}
		if want := s != RotaSheet; filters[s] != want {
			t.Errorf("%s: autofilter %v, want %v", s, filters[s], want)
		}
		header := rows(t, f, s)[0]
		for i, h := range header {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, _ := f.GetColWidth(s, col)
			if w < float64(len(h)) {
				t.Errorf("%s column %s %q is %.0f wide, narrower than its header", s, col, h, w)
			}
		}
	}
}

// The Days sheet holds what the CSV days table holds, with real dates.
func TestXLSXDaysAreTheCSVDays(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	for _, opt := range []Options{{}, {Person: "paul"}, {From: month("2022-10"), To: month("2022-11")}} {
		f := openXLSX(t, r, opt)
		csvRows := readCSV(t, export(t, CSV, r, opt))
		got := rows(t, f, DaysSheet)
		if len(got) != len(csvRows) {
			t.Fatalf("%+v: %d rows, the CSV has %d", opt, len(got), len(csvRows))
		}
		for k := 1; k < len(got); k++ {
			want := csvRows[k]
			d, _ := time.Parse("2006-01-02", want[0])
			if got[k][0] != d.Format("02/01/2006") {
				t.Fatalf("row %d: date %q, want %s as dd/mm/yyyy", k, got[k][0], want[0])
			}
			raw, _ := f.GetCellValue(DaysSheet, "A"+strconv.Itoa(k+1), excelize.Options{RawCellValue: true})
			if serial, err := strconv.Atoi(raw); err != nil || serial < 40000 {
				t.Fatalf("row %d: the date is stored as %q, not a date serial", k, raw)
			}
			for i := 1; i < 6; i++ {
				if cell(got[k], i) != want[i] {
					t.Fatalf("row %d column %d: %q, the CSV has %q", k, i, cell(got[k], i), want[i])
				}
			}
			gaps := strings.TrimPrefix(cell(got[k], 7), "GAP: ")
			if gaps != want[6] {
				t.Fatalf("row %d gaps %q, the CSV has %q", k, gaps, want[6])
			}
			if n := strconv.Itoa(len(strings.Split(want[6], "; "))); want[6] != "" && cell(got[k], 6) != n {
				t.Fatalf("row %d gap count %q, want %s", k, cell(got[k], 6), n)
			}
		}
	}
}

func cell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// A gap is said in the cell and shown by its fill, so it survives printing
// in black and white and reading by a screen reader.
func TestXLSXGapsMarkedInTextAndFill(t *testing.T) {
	f := openXLSX(t, cumbria(t, "paul:2022-10-03:2022-10-14"), Options{})
	got := rows(t, f, DaysSheet)
	marked := 0
	for k, row := range got[1:] {
		ref := "H" + strconv.Itoa(k+2)
		id, _ := f.GetCellStyle(DaysSheet, ref)
		st, _ := f.GetStyle(id)
		filled := len(st.Fill.Color) > 0
		gap := strings.HasPrefix(cell(row, 7), "GAP: ")
		if gap != filled {
			t.Fatalf("%s %q: filled %v", ref, cell(row, 7), filled)
		}
		if gap {
			marked++
		}
	}
	if marked != 10 {
		t.Errorf("%d days marked as gaps, want Paul's 10", marked)
	}
	rota := rows(t, f, RotaSheet)
	var oct int
	for i, h := range rota[0] {
		if h == "Oct 2022" {
			oct = i
		}
	}
	if oct == 0 || rota[4][0] != "gap days" || rota[4][oct] != "10" || rota[5][oct] != "GAPS on 10 days" {
		t.Errorf("Rota sheet October: header %q, rows %q %q", rota[0], rota[4], rota[5])
	}
	gaps := rows(t, f, GapsSheet)
	if !slices.Equal(gaps[0], GapsHeader) || len(gaps) < 2 || gaps[1][0] != "03/10/2022" || gaps[1][1] != "14/10/2022" || gaps[1][2] != "10" {
		t.Errorf("Gaps sheet %q", gaps)
	}
}

// Ids and titles that look like dates, numbers or formulas stay text as
// typed: LibreOffice turns "mar-1" and "3/4" in a CSV into dates, and "007"
// into 7.
func TestXLSXTextStaysText(t *testing.T) {
	r := load(t, "testdata/office.toml")
	f := openXLSX(t, r, Options{})
	got := rows(t, f, DutiesSheet)
	want := [][]string{{"1-2", "3/4", "007"}, {"007", "=SUM(1,2)", ""}, {"mar-1", "1e5", ""}}
	for i, w := range want {
		if !slices.Equal(got[i+1][:3], w) {
			t.Errorf("duty row %d: %q, want %q", i+1, got[i+1][:3], w)
		}
	}
	for _, s := range XLSXSheets {
		for k, row := range rows(t, f, s) {
			for i := range row {
				ref, _ := excelize.CoordinatesToCellName(i+1, k+1)
				if fm, _ := f.GetCellFormula(s, ref); fm != "" {
					t.Errorf("%s!%s holds a formula %q", s, ref, fm)
				}
			}
		}
	}
	for _, ref := range []string{"A2", "A3", "A4", "B2", "B3", "B4", "C2"} {
		if ty, _ := f.GetCellType(DutiesSheet, ref); ty != excelize.CellTypeInlineString {
			t.Errorf("Duties!%s has type %v, want an inline string", ref, ty)
		}
	}
	days := rows(t, f, DaysSheet)
	for _, row := range days[1:] {
		for _, c := range row[2:6] {
			if c != "" && !slices.Contains([]string{"Mar One", "James Bond", "=1+2"}, c) {
				t.Fatalf("a name came out as %q", c)
			}
		}
	}
}

// The person's workbook keeps their days and duties and shows their months
// in bold on the Rota sheet.
func TestXLSXPerson(t *testing.T) {
	r := cumbria(t)
	f := openXLSX(t, r, Options{Person: "paul"})
	duties := readCSV(t, export(t, CSV, r, Options{Person: "paul", Table: DutiesTable}))
	if got := rows(t, f, DutiesSheet); len(got) != len(duties) {
		t.Errorf("%d duty rows, the CSV has %d", len(got), len(duties))
	}
	rota := rows(t, f, RotaSheet)
	for i, name := range rota[1][1:] {
		ref, _ := excelize.CoordinatesToCellName(i+2, 2)
		id, _ := f.GetCellStyle(RotaSheet, ref)
		st, _ := f.GetStyle(id)
		if bold := st.Font != nil && st.Font.Bold; bold != (name == "Paul Robinson") {
			t.Errorf("Rota!%s %q bold %v", ref, name, bold)
		}
	}
}

// Whatever the names, the workbook opens, holds no formula, and shows each
// name as the CSV does without its formula guard.
func TestXLSXHostileProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := coverage.Compute(hostilePlan(t))
		var b bytes.Buffer
		if err := Write(&b, XLSX, r, Options{Stamp: stamp}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, s := range XLSXSheets {
			rs, err := f.GetRows(s)
			if err != nil {
				t.Fatal(err)
			}
			for k, row := range rs {
				for i := range row {
					ref, _ := excelize.CoordinatesToCellName(i+1, k+1)
					if fm, _ := f.GetCellFormula(s, ref); fm != "" {
						t.Fatalf("%s!%s holds a formula %q", s, ref, fm)
					}
				}
			}
		}
		owner, _ := f.GetCellValue(DutiesSheet, "D2")
		if want := strings.TrimSpace(clean(r.Frame.Plan.PersonName("a"))); strings.TrimSpace(owner) != want {
			t.Fatalf("owner %q, want %q", owner, want)
		}
	})
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// Excel refuses a cell over 32,767 characters; a longer text is cut and
// says so rather than making a file Excel will not open.
func TestXLSXTextLongerThanACell(t *testing.T) {
	long := strings.Repeat("é", maxCellChars+100)
	got := xlsxText(long)
	if n := utf8.RuneCountInString(got); n != maxCellChars || !strings.HasSuffix(got, "(cut: Excel holds 32,767 characters in a cell)") {
		t.Errorf("%d characters, ending %q", n, got[len(got)-60:])
	}
	if xlsxText("=1+2\x07") != "=1+2" {
		t.Errorf("control characters kept")
	}
}

// A what-if's workbook says so above every sheet's header, and its Word
// paper under the title, as the other formats do.
func TestOfficeDraftsSaySo(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14")
	opt := Options{Draft: Draft("paul-sick", 2, 2)}
	f := openXLSX(t, r, opt)
	for _, s := range XLSXSheets {
		rs := rows(t, f, s)
		if len(rs) < 2 || rs[0][0] != "[What-if paul-sick] This is what-if paul-sick, not the agreed plan." {
			t.Fatalf("%s starts %q", s, rs[:min(2, len(rs))])
		}
		if panes, _ := f.GetPanes(s); panes.YSplit != 2 {
			t.Errorf("%s: %d rows frozen, want the note and the header", s, panes.YSplit)
		}
	}
	if got := rows(t, f, DaysSheet)[1]; !slices.Equal(got[:6], DaysHeader[:6]) {
		t.Errorf("Days header %q", got)
	}
	doc := readDOCX(t, r, opt)
	if got := doc.headings("Title"); len(got) != 1 || !strings.HasSuffix(got[0], " [What-if paul-sick]") {
		t.Errorf("title %q", got)
	}
	if got := doc.Body.Items[1].text(); got != "This is what-if paul-sick, not the agreed plan." {
		t.Errorf("under the title: %q", got)
	}
}

// The workbook and the paper are dated by the export's stamp, not the
// clock, so that SOURCE_DATE_EPOCH gives reproducible files.
func TestOfficeDatedByTheStamp(t *testing.T) {
	r := cumbria(t)
	for _, f := range []Format{XLSX, DOCX} {
		text := exportText(t, f, r, Options{})
		if n := strings.Count(text, "2022-06-01T09:30:00Z"); n != 2 {
			t.Errorf("%s: the stamp appears %d times, want created and modified", f, n)
		}
		// excelize writes its parts in map order; the export must not.
		first := export(t, f, r, Options{})
		for range 8 {
			if export(t, f, r, Options{}) != first {
				t.Fatalf("%s: two exports of the same rota differ", f)
			}
		}
	}
}
