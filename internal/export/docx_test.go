package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"rota/internal/coverage"
)

// wdoc is a Word document's body as a reader sees it: its paragraphs and
// tables in order.
type wdoc struct {
	Body struct {
		Items []witem `xml:",any"`
		Sect  struct {
			Size struct {
				W      int    `xml:"w,attr"`
				H      int    `xml:"h,attr"`
				Orient string `xml:"orient,attr"`
			} `xml:"pgSz"`
		} `xml:"sectPr"`
	} `xml:"body"`
}

type witem struct {
	XMLName xml.Name
	Style   struct {
		Val string `xml:"val,attr"`
	} `xml:"pPr>pStyle"`
	Runs []wrun `xml:"r"`
	Rows []struct {
		Header *struct{} `xml:"trPr>tblHeader"`
		Cells  []struct {
			Paras []struct {
				Runs []wrun `xml:"r"`
			} `xml:"p"`
		} `xml:"tc"`
	} `xml:"tr"`
}

type wrun struct {
	Bold *struct{} `xml:"rPr>b"`
	Text string    `xml:"t"`
}

func (it witem) text() string {
	var b strings.Builder
	for _, r := range it.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// readDOCX exports r as a Word document and reads its body back, checking
// that the package holds the parts Word needs and that each is well-formed.
func readDOCX(t testing.TB, r *coverage.Result, opt Options) wdoc {
	t.Helper()
	b := []byte(export(t, DOCX, r, opt))
	return parseDOCX(t, b)
}

// fataler is what parseDOCX needs of a test, a plain or a rapid one.
type fataler interface {
	Helper()
	Fatal(...any)
	Fatalf(string, ...any)
}

func parseDOCX(t fataler, b []byte) wdoc {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var doc wdoc
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" {
			if err := xml.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, want := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"} {
		if !slices.Contains(names, want) {
			t.Fatalf("the package lacks %s (has %q)", want, names)
		}
	}
	return doc
}

func (d wdoc) headings(style string) []string {
	var out []string
	for _, it := range d.Body.Items {
		if it.XMLName.Local == "p" && it.Style.Val == style {
			out = append(out, it.text())
		}
	}
	return out
}

func (d wdoc) tables() []witem {
	var out []witem
	for _, it := range d.Body.Items {
		if it.XMLName.Local == "tbl" {
			out = append(out, it)
		}
	}
	return out
}

func TestDOCXPaper(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	doc := readDOCX(t, r, Options{})
	if s := doc.Body.Sect.Size; s.W != a4Long || s.H != a4Short || s.Orient != "landscape" {
		t.Errorf("page %+v, want A4 landscape", s)
	}
	want := []string{"Responsibilities", "Single point of contact (SPOC) rota", "Scheme of delegation", "Gaps"}
	if got := doc.headings("Heading1"); !slices.Equal(got, want) {
		t.Errorf("Heading 1s %q, want %q", got, want)
	}
	if got := doc.headings("Title"); len(got) != 1 || got[0] != r.Frame.Plan.Name {
		t.Errorf("title %q", got)
	}
	tables := doc.tables()
	if len(tables) != 4 {
		t.Fatalf("%d tables, want responsibilities, rota, delegation and gaps", len(tables))
	}
	for i, tb := range tables {
		if tb.Rows[0].Header == nil {
			t.Errorf("table %d: the first row is not a repeated header row", i)
		}
		for _, row := range tb.Rows[1:] {
			if row.Header != nil {
				t.Errorf("table %d: a body row repeats as a header", i)
			}
		}
	}
	// One duty per line: each cell of the responsibilities table holds as
	// many paragraphs as the Markdown paper's cell has <br>-separated items.
	md := strings.Split(export(t, Markdown, r, Options{}), "\n")
	var mdRows []string
	for _, l := range md {
		if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "|---") {
			mdRows = append(mdRows, l)
		}
	}
	resp := tables[0]
	for k, row := range resp.Rows[1:] {
		l := mdRows[k+1]
		cells := strings.Split(l[2:len(l)-2], " | ")
		for i, c := range row.Cells[1:] {
			n := len(strings.Split(cells[i+1], "<br>"))
			if len(c.Paras) != n {
				t.Errorf("row %d cell %d: %d lines, the Markdown has %d items", k+1, i+1, len(c.Paras), n)
			}
		}
	}
	rota := tables[1]
	if got := rota.Rows[1].Cells[4].Paras[0].Runs[0].Text; got != "Tracy" {
		t.Errorf("October's SPOC %q, want Tracy (Paul is away)", got)
	}
	gaps := tables[3]
	if len(gaps.Rows) < 2 || gaps.Rows[1].Cells[0].Paras[0].Runs[0].Text != "3–7 Oct 2022" {
		t.Errorf("first gap row %+v", gaps.Rows[1])
	}
	critical := false
	for _, row := range gaps.Rows[1:] {
		for _, p := range row.Cells[2].Paras {
			if p.Runs[0].Bold != nil && len(p.Runs) > 1 && p.Runs[1].Text == " (critical)" {
				critical = true
			}
		}
	}
	if !critical {
		t.Error("no critical gap in bold")
	}
}

func TestDOCXPerson(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14")
	doc := readDOCX(t, r, Options{Person: "paul"})
	if got := doc.headings("Title"); len(got) != 1 || !strings.HasSuffix(got[0], "Paul Robinson") {
		t.Errorf("title %q", got)
	}
	bold := 0
	for _, c := range doc.tables()[1].Rows[1].Cells[1:] {
		if r := c.Paras[0].Runs[0]; r.Bold != nil {
			bold++
			if !strings.HasPrefix(r.Text, "Paul") {
				t.Errorf("%q in bold", r.Text)
			}
		}
	}
	if bold != 2 {
		t.Errorf("%d of Paul's SPOC months in bold, want 2", bold)
	}
}

// Whatever the names, every part is well-formed and the names read back as
// typed, on one line.
func TestDOCXHostileProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := hostilePlan(t)
		r := coverage.Compute(p)
		var b bytes.Buffer
		if err := Write(&b, DOCX, r, Options{Stamp: stamp}); err != nil {
			t.Fatal(err)
		}
		doc := parseDOCX(t, b.Bytes())
		title := doc.headings("Title")
		if len(title) != 1 || title[0] != xmlRoundTrip(oneLine(p.Name)) {
			t.Fatalf("title %q, want %q", title, oneLine(p.Name))
		}
	})
}

// xmlRoundTrip is what an XML reader gets back for text: characters XML
// cannot carry are U+FFFD.
func xmlRoundTrip(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	var out string
	_ = xml.Unmarshal([]byte("<t>"+b.String()+"</t>"), &out)
	return out
}

// exportText is an export as text to search: the file itself, or for the
// zipped Office formats every part unzipped, one after another.
func exportText(t testing.TB, format Format, r *coverage.Result, opt Options) string {
	t.Helper()
	out := export(t, format, r, opt)
	if !format.Binary() {
		return out
	}
	zr, err := zip.NewReader(strings.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("%s is not a zip: %v", format, err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
