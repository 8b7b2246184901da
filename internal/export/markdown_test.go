package export

import (
	"fmt"
	"strings"
	"testing"

	"rota/internal/coverage"
	"rota/internal/plan"
)

// mdTables splits Markdown into its pipe tables, each a list of rows of
// cells, checking that every row has as many cells as the header and that the
// second line is the delimiter row.
func mdTables(md string) ([][][]string, error) {
	var tables [][][]string
	var cur [][]string
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "|") {
			if cur != nil {
				tables = append(tables, cur)
				cur = nil
			}
			continue
		}
		cells := mdSplit(l)
		if cur == nil {
			cur = [][]string{cells}
			continue
		}
		if len(cur) == 1 {
			if strings.Trim(l, "|-") != "" || len(cells) != len(cur[0]) {
				return nil, fmt.Errorf("line %d: %q is not the delimiter row of a %d-column table", i+1, l, len(cur[0]))
			}
			cur = append(cur, nil)
			continue
		}
		if len(cells) != len(cur[0]) {
			return nil, fmt.Errorf("line %d: %d cells, the header has %d: %q", i+1, len(cells), len(cur[0]), l)
		}
		cur = append(cur, cells)
	}
	if cur != nil {
		tables = append(tables, cur)
	}
	return tables, nil
}

// mdSplit splits a table row on the pipes that are not escaped, as GitHub
// reads it, and trims each cell.
func mdSplit(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimPrefix(l, "|")
	var cells []string
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		switch {
		case l[i] == '\\' && i+1 < len(l):
			b.WriteByte(l[i])
			b.WriteByte(l[i+1])
			i++
		case l[i] == '|':
			cells = append(cells, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(l[i])
		}
	}
	if rest := strings.TrimSpace(b.String()); rest != "" {
		cells = append(cells, rest) // a row that does not end in a pipe
	}
	return cells
}

// mdUnescape undoes backslash escapes of ASCII punctuation, as CommonMark does.
func mdUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func mustTables(t *testing.T, md string) [][][]string {
	t.Helper()
	tables, err := mdTables(md)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

func TestMarkdownPaperTables(t *testing.T) {
	r := cumbria(t)
	md := export(t, Markdown, r, Options{})
	if !strings.HasPrefix(md, "# CCCS distributed leadership 2022/23\n\nCumbria County Council, Corporate, Customer & Community Services\n\nFri 1 Jul 2022 to Fri 31 Mar 2023: 191 working days.\n") {
		t.Errorf("heading:\n%s", md[:200])
	}
	tables := mustTables(t, md)
	if len(tables) != 3 {
		t.Fatalf("%d tables, want responsibilities, rota and delegation (no gaps)", len(tables))
	}
	resp, rota, deleg := tables[0], tables[1], tables[2]

	if got := strings.Join(resp[0], ","); got != "Area,Jo,Paul,Simon,Tracy,Pam,Chief Executive" {
		t.Errorf("responsibilities header %s", got)
	}
	if len(resp) != 2+5 {
		t.Errorf("%d areas, want 5", len(resp)-2)
	}
	last := resp[len(resp)-1]
	if last[0] != "Scheme of delegation" || last[1] != "Contract procedure rules, exemptions and modifications<br>Financial delegations<br>Key decisions<br>Decisions referred to members" || last[5] != "Audit and Assurance Committee responsibilities" {
		t.Errorf("scheme of delegation row %q", last)
	}

	// The rota as the reference paper lays it out.
	if got := strings.Join(rota[2], " "); got != "SPOC Simon Jo Paul Tracy Simon Jo Paul Tracy Simon" {
		t.Errorf("SPOC row %s", got)
	}
	if got := strings.Join(rota[3], " "); got != "Buddy Jo Paul Tracy Simon Jo Paul Tracy Simon Jo" {
		t.Errorf("buddy row %s", got)
	}
	if rota[0][1] != "Jul 2022" || rota[0][9] != "Mar 2023" {
		t.Errorf("months %q", rota[0])
	}

	if len(deleg) != 2+12 {
		t.Errorf("%d delegations, want the 12 statutory duties", len(deleg)-2)
	}
	if got := strings.Join(deleg[6], "|"); got != "SIRO delegation (ICT security exemptions, data breaches, ICO reporting)|Paul Robinson|none|0" {
		t.Errorf("SIRO delegation row %s", got)
	}
	if !strings.Contains(md, "## Gaps\n\nNo gaps from Fri 1 Jul 2022 to Fri 31 Mar 2023.\n") {
		t.Errorf("no-gaps line missing")
	}
}

func TestMarkdownGaps(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "simon:2022-11-14:2022-11-15")
	tables := mustTables(t, export(t, Markdown, r, Options{}))
	gaps := tables[len(tables)-1]
	if strings.Join(gaps[0], ",") != "When,Working days,Nobody holds,Why" {
		t.Fatalf("last table is not the gaps: %q", gaps[0])
	}
	if len(gaps) != 2+2 {
		t.Fatalf("%d gap rows, want Paul's and Simon's", len(gaps)-2)
	}
	paul := gaps[2]
	if paul[0] != "3–14 Oct 2022" || paul[1] != "10" || paul[3] != "Paul Robinson away" {
		t.Errorf("Paul's gaps %q", paul)
	}
	if !strings.HasPrefix(paul[2], "**SIRO delegation (ICT security exemptions, data breaches, ICO reporting)** (critical); ") ||
		!strings.Contains(paul[2], "; Senior Information Risk Owner (SIRO)") {
		t.Errorf("Paul's duties %q", paul[2])
	}
	if gaps[3][0] != "14–15 Nov 2022" || gaps[3][1] != "2" {
		t.Errorf("Simon's gaps %q", gaps[3])
	}
	deleg := tables[2]
	if deleg[6][3] != "10" {
		t.Errorf("SIRO delegation uncovered %q, want 10", deleg[6][3])
	}
}

func TestMarkdownPerson(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "simon:2022-11-14:2022-11-15")
	md := export(t, Markdown, r, Options{Person: "paul"})
	if !strings.HasPrefix(md, "# CCCS distributed leadership 2022/23 — Paul Robinson\n") {
		t.Errorf("title: %s", md[:80])
	}
	tables := mustTables(t, md)
	if strings.Join(tables[0][0], ",") != "Area,Paul" {
		t.Errorf("responsibilities header %q", tables[0][0])
	}
	if got := strings.Join(tables[1][2], " "); got != "SPOC Simon Jo **Paul** Tracy Simon Jo **Paul** Tracy Simon" {
		t.Errorf("SPOC row %s", got)
	}
	if len(tables[2]) != 2+1 {
		t.Errorf("%d delegations for Paul, want 1", len(tables[2])-2)
	}
	gaps := tables[3]
	if len(gaps) != 3 || gaps[2][0] != "3–14 Oct 2022" {
		t.Errorf("Paul's gaps %q", gaps)
	}
}

func TestMarkdownEscapesHostileText(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	md := export(t, Markdown, r, Options{})
	first, _, _ := strings.Cut(md, "\n")
	if got, want := mdUnescape(strings.TrimPrefix(first, "# ")), "Rota, \"Quotes\"; semi\\colon line two <script>alert('x')</script> & co | pipe"; got != want {
		t.Errorf("title\n got %q\nwant %q", got, want)
	}
	if err := rawMarkup(md); err != nil {
		t.Error(err)
	}
	tables := mustTables(t, md)
	resp := tables[0]
	if got := mdUnescape(resp[2][0]); got != "Area | with <b>pipe</b>" {
		t.Errorf("area cell %q", got)
	}
	if got := mdUnescape(tables[2][2][1]); got != "Zoë \"Zed\" O'Brien, Jr.; \\ <script>alert(1)</script>" {
		t.Errorf("owner cell %q", got)
	}
	if got := mdUnescape(tables[2][3][1]); got != "-Minus CRLF Person" {
		t.Errorf("a name with a line break %q", got)
	}
	// A line that starts with the organisation must not turn into markup.
	if !strings.Contains(md, "\n\\=HYPERLINK(\"http://example.invalid\",\"click\"), \\# Not a heading - not a list\n") {
		t.Errorf("organisation line:\n%s", md)
	}
}

func TestMDText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          "plain",
		"# heading":      "\\# heading",
		"- item":         "\\- item",
		"1. first":       "1\\. first",
		"12) twelve":     "12\\) twelve",
		"2022 report":    "2022 report",
		"a|b":            "a\\|b",
		"*x* _y_ `z`":    "\\*x\\* \\_y\\_ \\`z\\`",
		"[l](u) ~s~":     "\\[l\\](u) \\~s\\~",
		"two\nlines\r\n": "two lines",
		"back\\slash":    "back\\\\slash",
	} {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
}

// rawMarkup finds a "<" that Markdown would read as the start of HTML: one
// not escaped by a backslash, other than the "<br>" the tables use.
func rawMarkup(md string) error {
	for i := 0; i < len(md); i++ {
		if md[i] != '<' {
			continue
		}
		n := 0
		for j := i - 1; j >= 0 && md[j] == '\\'; j-- {
			n++
		}
		if n%2 == 0 && !strings.HasPrefix(md[i:], "<br>") {
			return fmt.Errorf("raw markup at %q", md[max(0, i-20):min(len(md), i+20)])
		}
	}
	return nil
}

// Reasons are personal data: no format carries them unless asked.
func TestExportsHideReasonsUnlessAsked(t *testing.T) {
	p, err := plan.Load(cumbriaPath)
	if err != nil {
		t.Fatal(err)
	}
	a, err := plan.ParseAbsent(p, "paul:2022-10-03:2022-10-14")
	if err != nil {
		t.Fatal(err)
	}
	a.Reason = "sick"
	p.Absences = append(p.Absences, a)
	r := coverage.Compute(p)
	for _, f := range Formats {
		for _, reasons := range []bool{false, true} {
			out := exportText(t, f, r, Options{Gaps: true, Reasons: reasons})
			// The CSV tables have no column for why a gap is.
			if got := strings.Contains(out, "sick"); got != (reasons && f != CSV) {
				t.Errorf("%s with Reasons %v: reason shown %v", f, reasons, got)
			}
		}
	}
}
