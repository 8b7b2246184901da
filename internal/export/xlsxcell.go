package export

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rota/internal/calendar"
)

// The workbook's cells: how each kind of value is typed and styled, so that
// dates are dates and plan text is text, never a formula.

// cellWidth is how many characters a cell shows.
func cellWidth(c any) int {
	if x, ok := c.(xcell); ok {
		c = x.value
	}
	switch c := c.(type) {
	case string:
		return utf8.RuneCountInString(c)
	case calendar.Date:
		return len("00/00/0000")
	case calendar.Month:
		return len("Sep 2022")
	default:
		return len(fmt.Sprint(c))
	}
}

// xlsxStyles are the workbook's cell styles, by what they show.
type xlsxStyles struct {
	header, text, date, month, num     int
	gapText, gapDate, gapNum, critical int
	mine                               int
	byBase                             map[[2]int]int // (style, kind) to its date/number twin
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	dateFmt, monthFmt := "dd/mm/yyyy", "mmm yyyy"
	gapFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F8D7DA"}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	for _, x := range []struct {
		id *int
		s  excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}, Alignment: top}},
		{&st.text, excelize.Style{NumFmt: 49, Alignment: top}}, // 49 is "@": text as typed
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: top}},
		{&st.month, excelize.Style{CustomNumFmt: &monthFmt, Font: &excelize.Font{Bold: true}, Alignment: top}},
		{&st.num, excelize.Style{Alignment: top}},
		{&st.gapText, excelize.Style{NumFmt: 49, Fill: gapFill, Font: &excelize.Font{Color: "9C0006"}, Alignment: top}},
		{&st.gapDate, excelize.Style{CustomNumFmt: &dateFmt, Fill: gapFill, Font: &excelize.Font{Color: "9C0006"}, Alignment: top}},
		{&st.gapNum, excelize.Style{Fill: gapFill, Font: &excelize.Font{Color: "9C0006"}, Alignment: top}},
		{&st.critical, excelize.Style{NumFmt: 49, Fill: gapFill, Font: &excelize.Font{Bold: true, Color: "9C0006"}, Alignment: top}},
		{&st.mine, excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}, Alignment: top}},
	} {
		id, err := f.NewStyle(&x.s)
		if err != nil {
			return st, err
		}
		*x.id = id
	}
	// A gap row's dates and numbers take the gap fill as its text does.
	st.byBase = map[[2]int]int{
		{st.gapText, kindDate}: st.gapDate, {st.gapText, kindNum}: st.gapNum,
		{st.critical, kindDate}: st.gapDate, {st.critical, kindNum}: st.gapNum,
	}
	return st, nil
}

const (
	kindText = iota
	kindDate
	kindNum
)

// cell types a value for the stream writer: plan text stays a string (an
// inline string, never a formula), dates become dates.
func (st xlsxStyles) cell(c any) any {
	style := 0
	if x, ok := c.(xcell); ok {
		c, style = x.value, x.style
	}
	pick := func(kind, plain int) int {
		if style == 0 {
			return plain
		}
		if s, ok := st.byBase[[2]int{style, kind}]; ok {
			return s
		}
		return style
	}
	switch c := c.(type) {
	case calendar.Date:
		return excelize.Cell{StyleID: pick(kindDate, st.date), Value: c.Time()}
	case calendar.Month:
		return excelize.Cell{StyleID: st.month, Value: c.First().Time()}
	case int:
		return excelize.Cell{StyleID: pick(kindNum, st.num), Value: c}
	case string:
		return excelize.Cell{StyleID: pick(kindText, st.text), Value: xlsxText(c)}
	}
	return excelize.Cell{StyleID: st.text, Value: fmt.Sprint(c)}
}

// xlsxText is plan text fit for a cell: control characters gone (XML cannot
// carry most of them) and no longer than Excel allows, the cut said.
func xlsxText(s string) string {
	s = clean(s)
	if utf8.RuneCountInString(s) <= maxCellChars {
		return s
	}
	const more = " … (cut: Excel holds 32,767 characters in a cell)"
	r := []rune(s)
	return string(r[:maxCellChars-utf8.RuneCountInString(more)]) + more
}

func ptr[T any](v T) *T { return &v }
