package export

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCSVDays(t *testing.T) {
	r := cumbria(t)
	out := export(t, CSV, r, Options{})
	if !strings.Contains(out, "\r\n") || strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Errorf("lines do not all end in CRLF")
	}
	recs := readCSV(t, out)
	if !slices.Equal(recs[0], DaysHeader) {
		t.Errorf("header %q", recs[0])
	}
	days := refWorkingDays()
	if len(recs) != 1+len(days) {
		t.Fatalf("%d rows, want %d working days and a header", len(recs)-1, len(days))
	}
	order := []string{"Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead"}
	for k, d := range days {
		row := recs[k+1]
		day, _ := time.Parse("2006-01-02", d)
		m := int(day.Month()+5) % 12
		want := []string{d, day.Weekday().String()[:3], order[k%4], refSPOC[m], refBuddy[m], refSPOC[m], "", ""}
		if !slices.Equal(row, want) {
			t.Fatalf("row %d: %q, want %q", k+1, row, want)
		}
	}
}

func TestCSVDaysWithGaps(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	recs := readCSV(t, export(t, CSV, r, Options{}))
	var row []string
	for _, rec := range recs {
		if rec[0] == "2022-10-03" {
			row = rec
		}
	}
	if row == nil {
		t.Fatal("no row for 3 Oct 2022")
	}
	if row[3] != "Tracy Boustead" || row[5] != "Simon Higgins" {
		t.Errorf("SPOC %q acting %q, want Tracy acting Simon", row[3], row[5])
	}
	if row[2] == "Paul Robinson" || row[2] == "Tracy Boustead" || row[2] == "" {
		t.Errorf("presence %q on a day Paul and Tracy are away", row[2])
	}
	gaps := strings.Split(row[6], "; ")
	if !slices.Contains(gaps, "Senior Information Risk Owner (SIRO)") || !slices.Contains(gaps, "Scrutiny") {
		t.Errorf("gaps %q lack SIRO (Paul's) or Scrutiny (Tracy's)", row[6])
	}
}

func TestCSVDuties(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "paul:2022-11-07:2022-11-07")
	recs := readCSV(t, export(t, CSV, r, Options{Table: DutiesTable}))
	if !slices.Equal(recs[0], DutiesHeader) {
		t.Errorf("header %q", recs[0])
	}
	if len(recs) != 1+len(r.Frame.Plan.Duties) {
		t.Errorf("%d rows, want one per duty (%d)", len(recs)-1, len(r.Frame.Plan.Duties))
	}
	rows := map[string][]string{}
	for _, rec := range recs[1:] {
		rows[rec[0]] = rec
	}
	if got, want := rows["siro"], []string{"siro", "Senior Information Risk Owner (SIRO)", "County Council lead responsibility", "Paul Robinson", "", "no", "11", "3–14 Oct 2022; 7 Nov 2022", "0", ""}; !slices.Equal(got, want) {
		t.Errorf("siro\n got %q\nwant %q", got, want)
	}
	if got, want := rows["hro1s"], []string{"hro1s", "HRO1s", "Scheme of delegation", "Simon Higgins", "", "yes", "0", "", "0", ""}; !slices.Equal(got, want) {
		t.Errorf("hro1s\n got %q\nwant %q", got, want)
	}
	// --from/--to count only the months exported.
	recs = readCSV(t, export(t, CSV, r, Options{Table: DutiesTable, From: month("2022-11"), To: month("2022-11")}))
	for _, rec := range recs {
		if rec[0] == "siro" && (rec[6] != "1" || rec[7] != "7 Nov 2022") {
			t.Errorf("siro in November: %q", rec)
		}
	}
}

func TestCSVCover(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	recs := readCSV(t, export(t, CSV, r, Options{Table: DutiesTable}))
	seen := map[string]bool{}
	for _, rec := range recs {
		seen[rec[0]] = true
		// The cover list starts with "@SUM(A1:A9)", so the cell is neutralised.
		if rec[0] == "img" && rec[4] != "'@SUM(A1:A9); Zoë \"Zed\" O'Brien, Jr.; \\ <script>alert(1)</script>" {
			t.Errorf("cover cell %q", rec[4])
		}
		if rec[0] == "sum" && (rec[1] != "'=SUM(1,2)" || rec[2] != "Area | with <b>pipe</b>" || rec[4] != "'=1+2") {
			t.Errorf("sum row %q", rec)
		}
	}
	if !seen["img"] || !seen["sum"] {
		t.Fatalf("the duties table lacks the img or sum row: %v", recs)
	}
}

func TestCSVPerson(t *testing.T) {
	r := cumbria(t)
	recs := readCSV(t, export(t, CSV, r, Options{Person: "paul"}))
	want := 0
	for k, d := range refWorkingDays() {
		m := d[5:7]
		if k%4 == 2 || m == "08" || m == "09" || m == "12" || m == "01" {
			want++
		}
	}
	if len(recs)-1 != want {
		t.Errorf("%d days for Paul, want %d (his presence days and his SPOC and buddy months)", len(recs)-1, want)
	}
	recs = readCSV(t, export(t, CSV, r, Options{Person: "paul", Table: DutiesTable}))
	for _, rec := range recs[1:] {
		if rec[3] != "Paul Robinson" {
			t.Errorf("duty %q is not Paul's", rec)
		}
	}
	if len(recs)-1 != 14 {
		t.Errorf("%d duties for Paul, want the 14 he owns", len(recs)-1)
	}
}

func TestCSVFromTo(t *testing.T) {
	recs := readCSV(t, export(t, CSV, cumbria(t), Options{From: month("2022-10"), To: month("2022-12")}))
	if len(recs)-1 != 21+22+20 {
		t.Errorf("%d rows for Oct–Dec, want 63", len(recs)-1)
	}
	if recs[1][0] != "2022-10-03" || recs[len(recs)-1][0] != "2022-12-30" {
		t.Errorf("first %s, last %s", recs[1][0], recs[len(recs)-1][0])
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"Jo Atkinson":   "Jo Atkinson",
		"2022-10-03":    "2022-10-03",
		"12":            "12",
		"":              "",
		"=1+2":          "'=1+2",
		"+44 1228":      "'+44 1228",
		"-Minus":        "'-Minus",
		"@SUM(A1)":      "'@SUM(A1)",
		"\tTabbed":      "'\tTabbed",
		"\rCR":          "'\nCR",
		"\r\nCRLF":      "'\nCRLF",
		"a=b":           "a=b",
		"'Tis":          "'Tis", // the PA's quote is not doubled
		"'=1":           "'=1",
		"O'Brien":       "O'Brien",
		"bell\x07ring":  "bellring",
		"bad \xff byte": "bad \ufffd byte",
		"two\r\nlines":  "two\nlines",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVHostileCellsReadBack(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	recs := readCSV(t, export(t, CSV, r, Options{}))
	for _, rec := range recs {
		if len(rec) != len(DaysHeader) {
			t.Fatalf("row %q has %d cells", rec, len(rec))
		}
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r\n", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	if got, want := recs[1][3], "Zoë \"Zed\" O'Brien, Jr.; \\ <script>alert(1)</script>"; got != want {
		t.Errorf("SPOC cell %q, want %q", got, want)
	}
	if got := recs[1][4]; got != "'=1+2" {
		t.Errorf("buddy cell %q, want the formula neutralised", got)
	}
}
