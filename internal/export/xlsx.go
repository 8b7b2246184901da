package export

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rota/internal/coverage"
	"rota/internal/report"
)

// The sheets of the workbook, in order.
const (
	RotaSheet   = "Rota"
	DaysSheet   = "Days"
	DutiesSheet = "Duties"
	GapsSheet   = "Gaps"
)

// XLSXSheets lists the workbook's sheets in the order Excel shows their tabs.
var XLSXSheets = []string{RotaSheet, DaysSheet, DutiesSheet, GapsSheet}

// GapsHeader is the header row of the Gaps sheet.
var GapsHeader = []string{"from", "to", "working days", "nobody holds", "kind", "critical", "why"}

// writeXLSX writes the rota as an Excel workbook (Office Open XML,
// ECMA-376) with four sheets:
//
//   - Rota: the paper's table, months across: SPOC, buddy, working days,
//     gap days and whether the month is covered;
//   - Days: one row per working day, as the CSV days table;
//   - Duties: one row per duty, as the CSV duties table;
//   - Gaps: one row per run of days a duty, the SPOC or an event is held by
//     nobody, critical ones marked.
//
// Every cell is typed: dates are dates shown dd/mm/yyyy, counts are numbers,
// and everything from the plan (ids, names, titles) is an inline string, so
// "mar-1", "3/4" or "007" stay as typed and "=cmd" is text, never a formula.
// Headers are frozen and filtered, columns fit their text, gaps are said in
// the cell and filled red, and each sheet prints on A4 landscape, one page
// wide, its header repeated. The Days and Gaps sheets are streamed, so a
// decade of days costs little memory.
//
// Options.Person keeps the person's days, the duties they own or cover and
// the gaps they could fill; the Rota sheet stays whole with their months in
// bold, as in the paper.
func writeXLSX(w io.Writer, v *view) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", RotaSheet); err != nil {
		return err
	}
	for _, name := range XLSXSheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	note := ""
	if v.opt.Draft != "" {
		note = v.draftTag() + " This is " + oneLine(v.opt.Draft) + ", not the agreed plan."
	}
	sheets := []xsheet{v.xlsxRota(st), v.xlsxDays(st), v.xlsxDuties(st), v.xlsxGaps(st)}
	for _, s := range sheets {
		if err := writeSheet(f, st, s, note); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", s.name, err)
		}
	}
	// The stamp, not the clock, so that SOURCE_DATE_EPOCH gives the same
	// bytes twice.
	when := v.stamp.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: oneLine(v.paperTitle()), Creator: "rota", Created: when, Modified: when}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return err
	}
	return sortedZip(w, b.Bytes())
}

// sortedZip copies a zip with its entries in a fixed order, [Content_Types].xml
// first as Office writes it, then by name: excelize writes streamed sheets
// in map order, and the same export must give the same bytes. The entries
// are copied compressed, so this costs the size of the file, not of its
// sheets.
func sortedZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	rank := func(f *zip.File) int {
		if f.Name == "[Content_Types].xml" {
			return 0
		}
		return 1
	}
	slices.SortFunc(files, func(a, b *zip.File) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Name, b.Name))
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		fw, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}

// xsheet is one sheet: its header, and its rows as a sequence that can be
// walked twice, once to measure the columns and once to write them, so that
// no sheet is held in memory whole.
type xsheet struct {
	name       string
	header     []string
	rows       iter.Seq[[]any] // cells: string, int, calendar.Date, calendar.Month or xcell
	headerCols int             // leading columns frozen beside the header (Rota: 1)
	filter     bool            // an autofilter over the header and rows
}

// xcell is a value with its own style: a gap, a critical item or the
// exported person's name.
type xcell struct {
	value any
	style int
}

// maxCellChars is Excel's limit on the text of one cell.
const maxCellChars = 32767

// maxColWidth bounds a column's width (in characters) so that one long
// title does not push the rest off the page; longer text wraps.
const maxColWidth = 60

// writeSheet writes one sheet through excelize's stream writer. A draft's
// note, when there is one, comes first, above the header, on every sheet, as
// the CSV's does: a what-if must not pass for the plan.
func writeSheet(f *excelize.File, st xlsxStyles, s xsheet, note string) error {
	top := 1 // the header's row
	if note != "" {
		top = 2
	}
	widths := make([]int, len(s.header))
	for i, h := range s.header {
		widths[i] = utf8.RuneCountInString(h)
	}
	n := 0
	for row := range s.rows {
		n++
		for i, c := range row {
			if i < len(widths) {
				widths[i] = max(widths[i], cellWidth(c))
			}
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, top)
	last, _ := excelize.CoordinatesToCellName(len(s.header), n+top)
	if s.filter && n > 0 {
		if err := f.AutoFilter(s.name, first+":"+last, nil); err != nil {
			return err
		}
	}
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	titles := fmt.Sprintf("'%s'!$1:$%d", s.name, top)
	if s.headerCols > 0 {
		titles = fmt.Sprintf("'%s'!$A:$A", s.name)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: s.name}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(wd+2, maxColWidth))); err != nil {
			return err
		}
	}
	below, _ := excelize.CoordinatesToCellName(1, top+1)
	pane := &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: below, ActivePane: "bottomLeft"}
	if s.headerCols > 0 {
		cell, _ := excelize.CoordinatesToCellName(s.headerCols+1, top+1)
		pane = &excelize.Panes{Freeze: true, XSplit: s.headerCols, YSplit: top, TopLeftCell: cell, ActivePane: "bottomRight"}
	}
	if err := sw.SetPanes(pane); err != nil {
		return err
	}
	header := make([]any, len(s.header))
	for i, h := range s.header {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if note != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.critical, Value: xlsxText(note)}}); err != nil {
			return err
		}
	}
	if err := sw.SetRow(first, header, excelize.RowOpts{StyleID: st.header}); err != nil {
		return err
	}
	r := top + 1
	for row := range s.rows {
		cells := make([]any, len(row))
		for i, c := range row {
			cells[i] = st.cell(c)
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
		r++
	}
	return sw.Flush()
}

// xlsxRota is the paper's table with months across.
func (v *view) xlsxRota(st xlsxStyles) xsheet {
	r := v.r
	f := r.Frame
	header := []string{"month"}
	for _, i := range v.months {
		header = append(header, f.Months[i].Label())
	}
	person := func(id string) any {
		if id != "" && id == v.opt.Person {
			return xcell{v.name(id), st.mine}
		}
		return v.nameOrBlank(id)
	}
	rows := func(yield func([]any) bool) {
		lines := []struct {
			label string
			cell  func(i int) any
		}{
			{"SPOC", func(i int) any { return person(r.Assign.SPOC[i]) }},
			{"buddy", func(i int) any { return person(r.Assign.Buddy[i]) }},
			{"working days", func(i int) any {
				from, to := v.monthSpan(i)
				n := 0
				for d := from; d <= to; d++ {
					if _, ok := f.DayIndex(d); ok {
						n++
					}
				}
				return n
			}},
			{"gap days", func(i int) any {
				if n := r.GapDays(i); n > 0 {
					return xcell{n, st.gapNum}
				}
				return 0
			}},
			{"coverage", func(i int) any {
				if n := r.GapDays(i); n > 0 {
					return xcell{fmt.Sprintf("GAPS on %d %s", n, plural(n, "day", "days")), st.gapText}
				}
				return "covered"
			}},
		}
		for _, l := range lines {
			row := []any{l.label}
			for _, i := range v.months {
				row = append(row, l.cell(i))
			}
			if !yield(row) {
				return
			}
		}
	}
	return xsheet{name: RotaSheet, header: header, rows: rows, headerCols: 1}
}

// xlsxDays is one row per working day: the CSV days table, typed, with the
// number of gaps beside their titles.
func (v *view) xlsxDays(st xlsxStyles) xsheet {
	rows := func(yield func([]any) bool) {
		for _, k := range v.days {
			if v.opt.Person != "" && !v.dayConcerns(k) {
				continue
			}
			d := v.r.Frame.Days[k]
			cells, gaps := v.dayCells(k)
			row := []any{d}
			for _, c := range cells[1:] {
				row = append(row, c)
			}
			row = append(row, len(gaps), strings.Join(gaps, "; "))
			if unconf := v.dayUnconfirmed(k); len(unconf) > 0 {
				row = append(row, xcell{"UNCONFIRMED COVER: " + strings.Join(unconf, "; "), st.gapText})
			} else {
				row = append(row, "")
			}
			if strings.HasPrefix(cells[2], "gap: ") { // presence for someone away
				row[2] = xcell{cells[2], st.gapText}
			}
			if len(gaps) > 0 {
				row[6] = xcell{len(gaps), st.gapNum}
				row[7] = xcell{"GAP: " + strings.Join(gaps, "; "), st.gapText}
				row[0] = xcell{d, st.gapText}
			}
			if !yield(row) {
				return
			}
		}
	}
	header := append(append([]string{}, DaysHeader[:6]...), "gap count", "gaps", "unconfirmed cover")
	return xsheet{name: DaysSheet, header: header, rows: rows, filter: true}
}

// xlsxDuties is one row per duty, as the CSV duties table.
func (v *view) xlsxDuties(st xlsxStyles) xsheet {
	rows := func(yield func([]any) bool) {
		for _, du := range v.duties() {
			gaps := v.uncovered(du.ID)
			var row []any
			for _, c := range v.dutyCells(du) {
				row = append(row, c)
			}
			unconf := v.unconfirmedDays(du.ID)
			row = append(row, len(gaps), dateRuns(v, gaps), len(unconf), dateRuns(v, unconf))
			if len(gaps) > 0 {
				row[6] = xcell{len(gaps), st.gapNum}
				row[7] = xcell{"GAP: " + dateRuns(v, gaps), st.gapText}
			}
			if len(unconf) > 0 {
				row[8] = xcell{len(unconf), st.gapNum}
				row[9] = xcell{"UNCONFIRMED: " + dateRuns(v, unconf), st.gapText}
			}
			if !yield(row) {
				return
			}
		}
	}
	return xsheet{name: DutiesSheet, header: DutiesHeader, rows: rows, filter: true}
}

// xlsxGaps is one row per run of gap days of one duty, the SPOC or an
// event, in date order.
func (v *view) xlsxGaps(st xlsxStyles) xsheet {
	rows := func(yield func([]any) bool) {
		for _, rg := range report.Ranges(v.r, v.gaps()) {
			critical, style := "no", st.gapText
			if rg.Critical {
				critical, style = "yes", st.critical
			}
			why := v.why(coverage.Gap{Date: rg.From, Kind: rg.Kind, ID: rg.ID})
			if !yield([]any{xcell{rg.From, style}, xcell{rg.To, style}, rg.Days, xcell{rg.Title, style}, rg.Kind, critical, why}) {
				return
			}
		}
	}
	return xsheet{name: GapsSheet, header: GapsHeader, rows: rows, filter: true}
}
