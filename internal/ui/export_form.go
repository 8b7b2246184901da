package ui

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/export"
)

// The export form's fields, in tab order.
const (
	exFormat = iota
	exWho
	exFrom
	exTo
	exGaps
	exFile
	exFields
)

var exportLabels = [exFields]string{"Format", "Who", "From", "To", "Gaps", "File"}

// formatNotes say what each format is for, in a PA's words.
var formatNotes = map[export.Format]string{
	export.ICS:      "iCalendar: all-day events for Outlook and phones",
	export.CSV:      "two tables for Excel: the days and the duties",
	export.Markdown: "Markdown tables for a committee paper",
	export.HTML:     "one printable page with calendars and a heat-map",
	export.XLSX:     "an Excel workbook: rota, days, duties and gaps sheets",
	export.DOCX:     "the committee paper as a Word document",
}

// exportForm writes the rota on screen (the latest version, an earlier one
// opened to read, or a what-if) to a file with export.WriteFiles. Every
// field is checked as it is typed, so a PA sees a wrong month or a missing
// folder before pressing enter; the file is written in a command and the
// status bar says what was written or why nothing was.
type exportForm struct {
	c       *common
	format  int // index into export.Formats
	who     int // 0 is the whole team, i is persons[i-1]
	persons []string
	gaps    bool
	from    textinput.Model
	to      textinput.Model
	file    textinput.Model
	focus   int
	typed   bool // the file name was typed: stop naming it after the other fields
	writing bool

	// What the fields say, worked out in Update after each key so View
	// only draws: an error or a note for each field, and the export they
	// describe when there is no error.
	errs   [exFields]error
	notes  [exFields]string
	warn   bool   // the file note is a warning: the file is there already
	folder string // where the file goes, as the note under it shows it
	opt    export.Options
	path   string // the file to write, absolute
	home   string // the user's home folder, shown as ~
}

// exportedMsg reports an export: what was written, or why nothing was.
type exportedMsg struct {
	text  string
	isErr bool
}

// newExportForm opens the form for person ("" for the whole team) and the
// months from..to. Relative file names are taken in c.dir.
func newExportForm(c *common, person string, from, to calendar.Month) *exportForm {
	p := c.plan()
	f := &exportForm{c: c, persons: p.PersonIDs()}
	f.home, _ = os.UserHomeDir()
	for i, id := range f.persons {
		if id == person {
			f.who = i + 1
		}
	}
	f.from = newInput(c, from.String())
	f.to = newInput(c, to.String())
	f.file = newInput(c, "")
	f.file.CharLimit = 4096 // PATH_MAX: a folder's path can be long
	f.from.Width, f.to.Width = 8, 8
	f.update()
	return f
}

func (f *exportForm) Init() tea.Cmd { return nil }

func (f *exportForm) kind() export.Format { return export.Formats[f.format] }

func (f *exportForm) person() string {
	if f.who == 0 {
		return ""
	}
	return f.persons[f.who-1]
}

// input is the text field at i, nil for a field that is chosen.
func (f *exportForm) input(i int) *textinput.Model {
	switch i {
	case exFrom:
		return &f.from
	case exTo:
		return &f.to
	case exFile:
		return &f.file
	}
	return nil
}

// move goes d fields on, past Gaps when the format is not iCalendar, since
// only a calendar can leave the gaps out.
func (f *exportForm) move(d int) {
	if in := f.input(f.focus); in != nil {
		in.Blur()
	}
	for {
		f.focus = (f.focus + d + exFields) % exFields
		if f.focus != exGaps || f.kind() == export.ICS {
			break
		}
	}
	if in := f.input(f.focus); in != nil {
		in.Focus()
	}
}

func (f *exportForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if msg, ok := msg.(exportedMsg); ok {
		if !f.writing {
			return nil, false
		}
		f.writing = false
		// A written file closes the form; a failure leaves it open to
		// change the file name and try again.
		return nil, !msg.isErr
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	if key.Matches(k, f.c.keys.Dialog.Cancel) {
		return nil, true
	}
	if f.writing {
		return nil, false
	}
	switch {
	case key.Matches(k, f.c.keys.ExportForm.Write):
		f.update()
		for i, err := range f.errs {
			if err != nil {
				f.move(i - f.focus)
				return nil, false
			}
		}
		f.writing = true
		var walk export.Walk
		if h, ok := f.c.src.(calendarWalker); ok && f.kind() == export.ICS {
			walk = h.CalendarWalk(f.c.snap)
		}
		return writeExport(f.c.result(), f.path, strings.TrimSpace(f.file.Value()), f.kind(), f.opt, walk), false
	case key.Matches(k, f.c.keys.Dialog.NextField):
		f.move(1)
		return nil, false
	case key.Matches(k, f.c.keys.Dialog.PrevField):
		f.move(-1)
		return nil, false
	}
	var cmd tea.Cmd
	switch f.focus {
	case exFormat:
		f.choose(k, &f.format, len(export.Formats), func(i int) string { return string(export.Formats[i]) })
		f.retype()
	case exWho:
		f.choose(k, &f.who, len(f.persons)+1, func(i int) string {
			if i == 0 {
				return "whole team"
			}
			return f.c.plan().PersonName(f.persons[i-1])
		})
	case exGaps:
		if key.Matches(k, f.c.keys.ExportForm.Change) || key.Matches(k, f.c.keys.ExportForm.Toggle) {
			f.gaps = !f.gaps
		}
	default:
		in := f.input(f.focus)
		before := in.Value()
		*in, cmd = in.Update(msg)
		if f.focus == exFile && in.Value() != before {
			f.typed = true
			if ff, ok := export.FormatOf(strings.TrimSpace(in.Value())); ok {
				f.format = indexOf(ff)
			}
		}
	}
	f.update()
	return cmd, false
}

// choose moves a choice with ←/→, or to the next one whose name starts with
// the letter typed ("c" for csv, "p" for Paul).
func (f *exportForm) choose(k tea.KeyMsg, at *int, n int, name func(int) string) {
	switch {
	case key.Matches(k, f.c.keys.ExportForm.Prev):
		*at = (*at + n - 1) % n
	case key.Matches(k, f.c.keys.ExportForm.Next):
		*at = (*at + 1) % n
	case k.Type == tea.KeyRunes && len(k.Runes) == 1:
		r := strings.ToLower(string(k.Runes))
		for d := 1; d <= n; d++ {
			if i := (*at + d) % n; strings.HasPrefix(strings.ToLower(name(i)), r) {
				*at = i
				return
			}
		}
	}
}

// retype gives a typed file name the extension of the format chosen, when
// it had one of an export format or none.
func (f *exportForm) retype() {
	if !f.typed {
		return
	}
	v := strings.TrimSpace(f.file.Value())
	ext := filepath.Ext(v)
	if _, ok := export.FormatOf(v); ok || ext == "" {
		f.file.SetValue(strings.TrimSuffix(v, ext) + "." + string(f.kind()))
		f.file.CursorEnd()
	}
}

func indexOf(ff export.Format) int {
	for i, x := range export.Formats {
		if x == ff {
			return i
		}
	}
	return 0
}

// update checks every field and works out the export they describe.
func (f *exportForm) update() {
	c := f.c
	p := c.plan()
	first, last := p.Start.Month(), p.End.Month()
	f.errs, f.notes, f.warn = [exFields]error{}, [exFields]string{}, false
	f.opt = export.Options{Person: f.person(), Gaps: f.gaps && f.kind() == export.ICS,
		Identity: c.snap.Identity, Draft: export.Draft(c.snap.Scenario, c.snap.Version, c.snap.Latest)}

	f.notes[exFormat] = formatNotes[f.kind()]
	if f.who == 0 {
		f.notes[exWho] = fmt.Sprintf("%d people", len(f.persons))
	} else if x, ok := p.Person(f.person()); ok && x.Title != "" {
		f.notes[exWho] = x.Title
	}
	month := func(i int, in textinput.Model) calendar.Month {
		m, err := calendar.ParseMonth(strings.TrimSpace(in.Value()))
		switch {
		case err != nil:
			f.errs[i] = errors.New("not a month: write it YYYY-MM")
		case m < first:
			f.errs[i] = fmt.Errorf("before the plan, which starts %s", first.Label())
		case m > last:
			f.errs[i] = fmt.Errorf("after the plan, which ends %s", last.Label())
		default:
			f.notes[i] = m.First().Time().Format("January 2006")
		}
		return m
	}
	f.opt.From = month(exFrom, f.from)
	f.opt.To = month(exTo, f.to)
	if f.errs[exFrom] == nil && f.errs[exTo] == nil {
		if f.opt.To < f.opt.From {
			f.errs[exTo] = fmt.Errorf("before From (%s)", f.opt.From.Label())
		} else {
			n := int(f.opt.To-f.opt.From) + 1
			f.notes[exTo] += fmt.Sprintf(" · %d %s", n, plural(n, "month", "months"))
		}
	}
	if f.kind() == export.ICS {
		f.notes[exGaps] = "add each day with gaps as an event"
	} else {
		f.notes[exGaps] = "(" + string(f.kind()) + " always lists the gaps)"
	}

	// While a month is half typed the name keeps the last good months.
	if !f.typed && (f.errs[exFrom] == nil && f.errs[exTo] == nil || f.file.Value() == "") {
		f.file.SetValue(f.defaultName())
		f.file.CursorEnd()
	}
	f.path, f.notes[exFile], f.warn, f.errs[exFile] = f.where()
	f.folder = ""
	if f.errs[exFile] == nil {
		f.folder = filepath.Dir(f.path)
		if rest, ok := strings.CutPrefix(f.folder, f.home+string(filepath.Separator)); ok && f.home != "" {
			f.folder = filepath.Join("~", rest)
		} else if f.folder == f.home && f.home != "" {
			f.folder = "~"
		}
	}
}

// defaultName names the file after what it holds, so exports of different
// things do not overwrite each other: the plan, the version when it is an
// earlier one, the what-if, the person and the months when not all of them,
// as cumbria-paul-2022-10.ics.
func (f *exportForm) defaultName() string {
	snap := f.c.snap
	parts := []string{snap.Plan}
	switch {
	case snap.Scenario != "":
		parts = append(parts, snap.Scenario)
	case snap.ReadOnly:
		parts = append(parts, fmt.Sprintf("v%d", snap.Version))
	}
	if id := f.person(); id != "" {
		parts = append(parts, id)
	}
	p := f.c.plan()
	if f.errs[exFrom] == nil && f.errs[exTo] == nil && (f.opt.From != p.Start.Month() || f.opt.To != p.End.Month()) {
		parts = append(parts, f.opt.From.String())
		if f.opt.To != f.opt.From {
			parts = append(parts, "to", f.opt.To.String())
		}
	}
	return strings.Join(parts, "-") + "." + string(f.kind())
}

// where checks the file name: the folder it goes in must exist and the name
// must not be a folder. The note says where the file goes, and warns when
// it replaces one.
func (f *exportForm) where() (path, note string, warn bool, err error) {
	name := strings.TrimSpace(f.file.Value())
	if name == "" {
		return "", "", false, errors.New("a file name is needed")
	}
	path = name
	if rest, ok := strings.CutPrefix(name, "~/"); ok && f.home != "" {
		path = filepath.Join(f.home, rest)
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(f.c.dir, path)
	}
	path = filepath.Clean(path)
	dir := filepath.Dir(path)
	if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
		shown := filepath.Dir(name) // as typed: the folder's full path may not fit
		if shown == "." {
			shown = dir
		}
		return path, "", false, fmt.Errorf("there is no folder %q", shown)
	}
	files := []string{path}
	if f.kind() == export.CSV {
		files = append(files, export.DutiesPath(path))
	}
	for _, p := range files {
		if st, serr := os.Stat(p); serr == nil {
			if st.IsDir() {
				return path, "", false, fmt.Errorf("%s is a folder", filepath.Base(p))
			}
			warn = true
		}
	}
	if len(files) == 2 {
		note = "and " + filepath.Base(files[1]) + ", "
	}
	if warn {
		note = "replaces the file " + note
	}
	return path, note, warn, nil
}

// calendarWalker is a Source that keeps versions: a calendar exported from
// it numbers its events' revisions over them, as rota export does.
type calendarWalker interface {
	CalendarWalk(s *Snapshot) export.Walk
}

// writeExport writes r to path in a command, away from the keys; shown is
// the name as the PA typed it, for the status bar. walk, when not nil, gives
// a calendar its events' SEQUENCE (export.History).
func writeExport(r *coverage.Result, path, shown string, format export.Format, opt export.Options, walk export.Walk) tea.Cmd {
	return func() tea.Msg {
		var err error
		if walk != nil {
			var seq *export.Sequences
			if seq, _, err = export.History(walk, opt, 0); err == nil {
				opt.Sequence = seq.Of
			}
		}
		var written []string
		if err == nil {
			written, err = export.WriteFiles(path, format, r, opt)
		}
		if err != nil {
			var pe *fs.PathError
			var fe *export.FolderError
			switch {
			case errors.As(err, &fe):
				err = errors.New("no such folder")
			case errors.As(err, &pe):
				err = pe.Err // the path is a temporary file's: name the one asked for
			}
			msg := fmt.Sprintf("export failed, nothing written: cannot write %s: %v", shown, err)
			if len(written) > 0 {
				msg = fmt.Sprintf("export failed after writing %s: %v", strings.Join(written, " and "), err)
			}
			return exportedMsg{text: msg, isErr: true}
		}
		names := []string{shown}
		if len(written) == 2 {
			names = append(names, export.DutiesPath(shown))
		}
		var parts []string
		for i, w := range written {
			parts = append(parts, names[i]+" ("+describe(w, format, i)+")")
		}
		return exportedMsg{text: "wrote " + strings.Join(parts, " and ")}
	}
}

// describe says how much a written export holds: events in a calendar, rows
// in a table, else its size.
func describe(path string, format export.Format, table int) string {
	// Read as a stream: a decade's calendar is larger than the planner.
	fh, err := os.Open(path)
	if err != nil {
		return "written"
	}
	defer fh.Close()
	switch format {
	case export.ICS:
		n := 0
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "BEGIN:VEVENT" {
				n++
			}
		}
		if sc.Err() != nil {
			return "written"
		}
		return fmt.Sprintf("%d %s", n, plural(n, "event", "events"))
	case export.CSV:
		rd := csv.NewReader(bufio.NewReader(fh))
		rd.FieldsPerRecord = -1
		rd.ReuseRecord = true
		n := -1 // the header
		for {
			if _, err := rd.Read(); err == io.EOF {
				break
			} else if err != nil {
				return "written"
			}
			n++
		}
		what := [2][2]string{{"day", "days"}, {"duty", "duties"}}[min(table, 1)]
		return fmt.Sprintf("%d %s", n, plural(n, what[0], what[1]))
	}
	st, err := fh.Stat()
	if err != nil {
		return "written"
	}
	if st.Size() < 1024 {
		return fmt.Sprintf("%d bytes", st.Size())
	}
	return fmt.Sprintf("%d KB", (st.Size()+512)/1024)
}

// title says what is exported: what is on screen.
func (f *exportForm) title() string {
	snap := f.c.snap
	switch {
	case snap.Scenario != "":
		return fmt.Sprintf("Export what-if %s (on version %d of %s)", snap.Scenario, snap.Base, snap.Plan)
	case snap.ReadOnly:
		return fmt.Sprintf("Export version %d of %s (read-only)", snap.Version, snap.Plan)
	}
	return fmt.Sprintf("Export version %d of %s", snap.Version, snap.Plan)
}

// exportValueW is the width of the values, so the notes after them line up.
const exportValueW = 10

func (f *exportForm) View(width int) string {
	st := f.c.st
	var b strings.Builder
	b.WriteString(st.Title.Render(cut(f.title(), width)))
	for i := range exFields {
		mark := "  "
		if i == f.focus {
			mark = "> "
		}
		var value string
		switch i {
		case exFormat:
			value = st.Title.Render("‹ " + string(f.kind()) + " ›")
		case exWho:
			name := "whole team"
			if id := f.person(); id != "" {
				name = f.c.plan().PersonName(id)
			}
			value = st.Title.Render("‹ " + name + " ›")
		case exGaps:
			switch {
			case f.kind() != export.ICS:
				value = st.Muted.Render("—")
			case f.gaps:
				value = "[x]"
			default:
				value = "[ ]"
			}
		case exFile:
			f.file.Width = max(width-11, 10)
			value = f.file.View()
		default:
			value = f.input(i).View()
		}
		if gap := exportValueW - ansi.StringWidth(value); gap > 0 {
			value += strings.Repeat(" ", gap)
		}
		line := fmt.Sprintf("%s%-7s %s", mark, exportLabels[i], value)
		if i == exFile {
			// The file name takes the line; its note goes under it.
			b.WriteString("\n" + line)
			line = strings.Repeat(" ", 9)
		}
		note := f.notes[i]
		if i == exFile && f.folder != "" {
			// The folder's end says most: cut its start to fit.
			note += "in " + cutLeft(f.folder, width-10-ansi.StringWidth(note)-3)
		}
		switch {
		case f.errs[i] != nil:
			line += " " + st.Error.Render("! "+f.errs[i].Error())
		case i == exFile && f.warn:
			line += " " + st.Warning.Render(note)
		case note != "":
			line += " " + st.Muted.Render(note)
		}
		b.WriteString("\n" + line)
	}
	if f.writing {
		b.WriteString("\n" + st.Muted.Render(cut("writing "+strings.TrimSpace(f.file.Value())+"…", width)))
	}
	return b.String()
}

func (f *exportForm) Help() []key.Binding {
	if f.writing {
		return []key.Binding{f.c.keys.Dialog.Cancel}
	}
	h := []key.Binding{f.c.keys.ExportForm.Fields}
	switch f.focus {
	case exFormat, exWho:
		h = append(h, f.c.keys.ExportForm.Change)
	case exGaps:
		h = append(h, f.c.keys.ExportForm.Toggle)
	}
	return append(h, f.c.keys.ExportForm.Write, f.c.keys.Dialog.Cancel)
}
