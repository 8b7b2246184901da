package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/plan"
	"rota/internal/termtext"
)

// modal is a small dialog over the view (a form, a picker, a prompt): while
// one is open it gets every key.
type modal interface {
	Init() tea.Cmd
	// Update handles a message; done closes the dialog.
	Update(msg tea.Msg) (cmd tea.Cmd, done bool)
	View(width int) string
	Help() []key.Binding
}

// choice is one line of a picker.
type choice struct {
	label   string
	note    string // shown after the label, muted
	value   string
	refused string // why the rules would refuse this choice, shown marked; "" for none
}

// picker chooses one of a short list: a person, a month, an absence.
type picker struct {
	c      *common
	title  string
	items  []choice
	cursor int
	pick   func(choice) tea.Cmd
}

func newPicker(c *common, title string, items []choice, selected string, pick func(choice) tea.Cmd) *picker {
	p := &picker{c: c, title: title, items: items, pick: pick}
	for i, it := range items {
		if it.value == selected {
			p.cursor = i
		}
	}
	return p
}

func (p *picker) Init() tea.Cmd { return nil }

func (p *picker) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	keys := p.c.keys
	switch {
	case key.Matches(k, p.c.keys.Dialog.Cancel):
		return nil, true
	case key.Matches(k, p.c.keys.Dialog.Choose):
		if len(p.items) == 0 {
			return nil, true
		}
		return p.pick(p.items[p.cursor]), true
	case key.Matches(k, keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, keys.Down):
		p.cursor = min(p.cursor+1, len(p.items)-1)
	}
	return nil, false
}

func (p *picker) View(width int) string {
	st := p.c.st
	var b strings.Builder
	title := wrapText(p.title, width)
	b.WriteString(styled(st.Title, title))
	rows := max(min(len(p.items), p.c.bodyH-3-len(title)), 1)
	top := scroll(0, p.cursor, rows, len(p.items))
	for i := top; i < min(top+rows, len(p.items)); i++ {
		it := p.items[i]
		label := it.label
		if it.refused != "" {
			label = "✗ " + label
		}
		line := "  " + label
		if i == p.cursor {
			line = "> " + label
		}
		if it.note != "" {
			line += "  " + st.Muted.Render(it.note)
		}
		// Why the rules would refuse someone goes on the line if it fits,
		// else on its own line below: it must be read, not cut.
		below := ""
		if it.refused != "" {
			if ansi.StringWidth(line)+2+ansi.StringWidth(it.refused) <= width {
				line += "  " + st.Error.Render(it.refused)
			} else {
				for _, l := range wrap(it.refused, width-4) {
					below += "\n    " + st.Error.Render(cut(l, width-4))
				}
			}
		}
		line = cut(line, width)
		if i == p.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString("\n" + line + below)
	}
	if len(p.items) == 0 {
		b.WriteString("\n" + st.Muted.Render("(nothing to choose)"))
	}
	return b.String()
}

func (p *picker) Help() []key.Binding {
	return []key.Binding{p.c.keys.Dialog.Move, p.c.keys.Dialog.Choose, p.c.keys.Dialog.Cancel}
}

// prompt asks for one line of text, checked as it is typed.
type prompt struct {
	c      *common
	title  string
	in     textinput.Model
	check  func(string) (ok string, err error)
	submit func(string) tea.Cmd
}

func newPrompt(c *common, title, value string, check func(string) (string, error), submit func(string) tea.Cmd) *prompt {
	in := newInput(c, value)
	in.Focus()
	return &prompt{c: c, title: title, in: in, check: check, submit: submit}
}

func newInput(c *common, value string) textinput.Model {
	in := textinput.New()
	styleInput(&in, c.st)
	in.Prompt = ""
	in.SetValue(value)
	in.CursorEnd()
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 200
	return in
}

func (p *prompt) Init() tea.Cmd { return nil }
func (p *prompt) keepsTyping()  {}

func (p *prompt) Update(msg tea.Msg) (tea.Cmd, bool) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, p.c.keys.Dialog.Cancel):
			return nil, true
		case key.Matches(k, p.c.keys.Dialog.Choose), key.Matches(k, p.c.keys.Dialog.Save):
			if _, err := p.check(p.in.Value()); err != nil {
				return nil, false
			}
			return p.submit(strings.TrimSpace(p.in.Value())), true
		}
	}
	var cmd tea.Cmd
	p.in, cmd = p.in.Update(msg)
	return cmd, false
}

func (p *prompt) View(width int) string {
	st := p.c.st
	p.in.Width = max(width-4, 10)
	ok, err := p.check(p.in.Value())
	line := styled(st.Muted, wrapText(ok, width))
	if err != nil {
		line = styled(st.Error, wrapText("! "+err.Error(), width))
	}
	return styled(st.Title, wrapText(p.title, width)) + "\n> " + p.in.View() + "\n" + line
}

func (p *prompt) Help() []key.Binding {
	return []key.Binding{p.c.keys.Dialog.PromptOK, p.c.keys.Dialog.Cancel}
}

// absenceForm records an absence: person, from, to, reason, each checked as
// it is typed so a PA sees a mistake before saving. For an actor who may
// record only their own (an AD), the person is fixed to them and is not a
// field: nobody else is offered (issue #11).
type absenceForm struct {
	c      *common
	fields [4]textinput.Model
	focus  int
	own    bool // the person is fixed to the actor
}

var absenceLabels = [4]string{"Person", "From", "To", "Reason"}

func newAbsenceForm(c *common, person string, from, to calendar.Date) *absenceForm {
	f := &absenceForm{c: c}
	if me, only := c.ownAbsencesOnly(); only {
		f.own, person = true, me
	}
	f.fields[0] = newInput(c, person)
	f.fields[1] = newInput(c, from.String())
	f.fields[2] = newInput(c, to.String())
	f.fields[3] = newInput(c, "")
	f.fields[3].Placeholder = "e.g. annual leave, sick"
	if person != "" || f.own {
		f.focus = 1
	}
	f.fields[f.focus].Focus()
	return f
}

func (f *absenceForm) Init() tea.Cmd { return nil }
func (f *absenceForm) keepsTyping()  {}

func (f *absenceForm) move(d int) {
	f.fields[f.focus].Blur()
	f.focus = (f.focus + d + len(f.fields)) % len(f.fields)
	if f.own && f.focus == 0 {
		f.focus = (f.focus + d + len(f.fields)) % len(f.fields)
	}
	f.fields[f.focus].Focus()
}

func (f *absenceForm) Update(msg tea.Msg) (tea.Cmd, bool) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, f.c.keys.Dialog.Cancel):
			return nil, true
		case key.Matches(k, f.c.keys.Dialog.Save), key.Matches(k, f.c.keys.Dialog.Choose) && f.focus == len(f.fields)-1:
			c, errs := f.change()
			for i, err := range errs {
				if err != nil && !(f.own && i == 0) {
					f.fields[f.focus].Blur()
					f.focus = i
					f.fields[i].Focus()
					return nil, false
				}
			}
			if errs[0] != nil { // an own-only actor whose user names no person
				return failure(errs[0]), true
			}
			return apply(c), true
		case key.Matches(k, f.c.keys.Dialog.Choose), key.Matches(k, f.c.keys.Dialog.NextField):
			f.move(1)
			return nil, false
		case key.Matches(k, f.c.keys.Dialog.PrevField):
			f.move(-1)
			return nil, false
		}
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	return cmd, false
}

// change reads the form, with an error for each field that is wrong.
func (f *absenceForm) change() (change.Change, [4]error) {
	p := f.c.snap.Result.Frame.Plan
	var errs [4]error
	c := change.Change{Kind: change.KindAbsent, Reason: strings.TrimSpace(f.fields[3].Value())}
	c.Person, errs[0] = findPerson(p, f.fields[0].Value())
	if f.own {
		c.Person, errs[0] = f.fields[0].Value(), nil
		if _, ok := p.Person(c.Person); !ok {
			errs[0] = fmt.Errorf("your user names no person of this plan, so you may record no absence: ask an admin to give it one (rota user add --person)")
		}
	}
	var err error
	if c.Date, err = calendar.ParseDate(strings.TrimSpace(f.fields[1].Value())); err != nil {
		errs[1] = dateErr(f.fields[1].Value())
	}
	if c.To, err = calendar.ParseDate(strings.TrimSpace(f.fields[2].Value())); err != nil {
		errs[2] = dateErr(f.fields[2].Value())
	}
	if why := termtext.Check(c.Reason); why != "" {
		errs[3] = fmt.Errorf("has %s: remove it", why)
	}
	if errs[1] == nil && errs[2] == nil && c.To < c.Date {
		errs[2] = fmt.Errorf("ends before it starts (%s)", c.Date.Short())
	}
	return c, errs
}

// errDate is the form's short word on a date it cannot read.
var errDate = fmt.Errorf("not a date: write it YYYY-MM-DD")

// dateErr is the form's word on a date it cannot read: one written right
// that does not exist (2023-02-29) is said so.
func dateErr(s string) error {
	if why := calendar.Nonexistent(strings.TrimSpace(s)); why != "" {
		return errors.New(why)
	}
	return errDate
}

// findPerson reads a person as a PA would type them: id, first name or
// full name, in any case.
func findPerson(p *plan.Plan, s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", fmt.Errorf("who? one of %s", strings.Join(p.PersonIDs(), ", "))
	}
	var hits []string
	for _, x := range p.Persons {
		name := strings.ToLower(x.Name)
		if s == x.ID || s == name {
			return x.ID, nil
		}
		if first := strings.Fields(name); len(first) > 0 && first[0] == s {
			hits = append(hits, x.ID)
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	return "", fmt.Errorf("%q is not a person: one of %s", s, strings.Join(p.PersonIDs(), ", "))
}

func (f *absenceForm) View(width int) string {
	st := f.c.st
	p := f.c.snap.Result.Frame.Plan
	c, errs := f.change()
	var b strings.Builder
	b.WriteString(st.Title.Render("Record an absence"))
	for i := range f.fields {
		f.fields[i].Width = [4]int{16, 10, 10, 28}[i]
		mark := "  "
		if i == f.focus {
			mark = "> "
		}
		if f.own && i == 0 { // not a field: the actor's own absence
			who := st.Muted.Render("you")
			if errs[0] == nil {
				who = p.PersonName(c.Person) + " " + st.Muted.Render("(you: your role records only your own)")
			}
			head := fmt.Sprintf("  %-7s %s", absenceLabels[i], who)
			if errs[0] != nil {
				head = noteAfter(head, "! "+errs[0].Error(), st.Error, width, absenceIndent)
			}
			b.WriteString("\n" + head)
			continue
		}
		head := fmt.Sprintf("%s%-7s %s", mark, absenceLabels[i], f.fields[i].View())
		var note string
		switch i {
		case 0:
			if errs[0] == nil {
				note = p.PersonName(c.Person)
			}
		case 1:
			if errs[1] == nil {
				note = c.Date.Short()
			}
		case 2:
			if errs[2] == nil && errs[1] == nil {
				days := f.c.snap.Result.Frame.CountWorkingDays(c.Date, c.To)
				note = fmt.Sprintf("%s · %d working %s in the plan", c.To.Short(), days, plural(days, "day", "days"))
			}
		}
		switch {
		case errs[i] != nil && (i == f.focus || f.fields[i].Value() != ""):
			head = noteAfter(head, "! "+errs[i].Error(), st.Error, width, absenceIndent)
		case note != "":
			head = noteAfter(head, note, st.Muted, width, absenceIndent)
		}
		b.WriteString("\n" + head)
	}
	return b.String()
}

// absenceIndent is where the absence form's values start ("> Person  "):
// a message that does not fit after its field goes under the value.
const absenceIndent = 10

// Help says what enter does where the focus is: it saves on the last field
// and moves to the next one elsewhere.
func (f *absenceForm) Help() []key.Binding {
	if f.focus == len(f.fields)-1 {
		return []key.Binding{f.c.keys.Dialog.NextField, f.c.keys.Dialog.PrevField, f.c.keys.Dialog.Save, f.c.keys.Dialog.Cancel}
	}
	return []key.Binding{f.c.keys.Dialog.EnterNext, f.c.keys.Dialog.PrevField, f.c.keys.Dialog.SaveNow, f.c.keys.Dialog.Cancel}
}

// endScenario asks what to do with a what-if: adopt, rebase, keep or drop it.
type endScenario struct {
	c    *common
	snap *Snapshot
}

func newEndScenario(c *common, snap *Snapshot) *endScenario { return &endScenario{c: c, snap: snap} }

func (e *endScenario) Init() tea.Cmd { return nil }

func (e *endScenario) Update(msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil, false
	}
	snap := e.snap
	switch {
	case key.Matches(k, e.c.keys.WhatIf.Stay):
		return nil, true
	case key.Matches(k, e.c.keys.WhatIf.Adopt):
		return onSource(func(s Source) loadedMsg {
			cur, err := s.AdoptScenario(snap)
			if errors.Is(err, ErrConflict) {
				return loadedMsg{err: fmt.Errorf("cannot adopt: the plan moved on since the what-if started; s then r rebases it onto the latest version: %w", err)}
			}
			if err != nil {
				return loadedMsg{err: fmt.Errorf("cannot adopt: %w", err)}
			}
			return loadedMsg{snap: cur, note: fmt.Sprintf("adopted what-if %s: the plan is now version %d", snap.Scenario, cur.Version)}
		}), true
	case key.Matches(k, e.c.keys.WhatIf.Rebase):
		return onSource(func(s Source) loadedMsg {
			cur, err := s.RebaseScenario(snap.Scenario)
			if err != nil {
				return loadedMsg{err: fmt.Errorf("cannot move the what-if: %w", err)}
			}
			base, err := s.At(cur.Base)
			if err != nil {
				return loadedMsg{err: err}
			}
			return loadedMsg{snap: cur, base: base, note: fmt.Sprintf("what-if %s now starts from version %d, its changes made again; s then a adopts it", snap.Scenario, cur.Base)}
		}), true
	case key.Matches(k, e.c.keys.WhatIf.Drop):
		return onSource(func(s Source) loadedMsg {
			if err := s.DropScenario(snap.Scenario); err != nil {
				return loadedMsg{err: err}
			}
			cur, err := s.Current()
			return loadedMsg{snap: cur, err: err, note: fmt.Sprintf("dropped what-if %s", snap.Scenario)}
		}), true
	case key.Matches(k, e.c.keys.WhatIf.Keep):
		check := func(v string) (string, error) {
			name := scenarioName(v)
			if err := backend.CheckName("what-if", name); err != nil {
				return "", err
			}
			for _, s := range e.c.scenarios {
				if s.Name == name && name != snap.Scenario {
					return "", fmt.Errorf("there is already a what-if called %q", name)
				}
			}
			return "enter keeps it as " + name, nil
		}
		return openModal(newPrompt(e.c, "Keep the what-if as", snap.Scenario, check, func(typed string) tea.Cmd {
			name := scenarioName(typed)
			return onSource(func(s Source) loadedMsg {
				if err := s.RenameScenario(snap.Scenario, name); err != nil {
					return loadedMsg{err: err}
				}
				cur, err := s.Current()
				return loadedMsg{snap: cur, err: err, note: fmt.Sprintf("kept what-if %s; back on the plan; History (6) opens it again", name)}
			})
		})), true
	}
	return nil, false
}

// scenarioName makes a typed name one the store takes: "Paul off sick"
// becomes "paul-off-sick".
func scenarioName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "-")
}

func (e *endScenario) View(width int) string {
	st := e.c.st
	d := e.c.diff
	lines := []string{
		styled(st.Title, wrapText("What-if "+e.snap.Scenario, width)),
		strings.Join(wrapText(fmt.Sprintf("Started on version %d; %d %s since.", e.snap.Base, e.snap.Changes, plural(e.snap.Changes, "change", "changes")), width), "\n"),
	}
	if d != nil {
		lines = append(lines, wrapText(fmt.Sprintf("Against the plan: %s.", diffSummary(d)), width)...)
	}
	wk := e.c.keys.WhatIf
	for _, l := range []struct {
		b         key.Binding
		key, text string
	}{
		{wk.Adopt, "a", "adopt: write its changes onto the plan as new versions"},
		{wk.Rebase, "r", "rebase: if the plan moved on, make its changes again on the latest version"},
		{wk.Keep, "k", "keep it as a named what-if and go back to the plan"},
		{wk.Drop, "d", "drop it and go back to the plan"},
		{wk.Stay, "esc", "carry on with it"},
	} {
		if e.c.refusal(l.b) == nil {
			lines = append(lines, hang(fmt.Sprintf("  %-4s ", l.key), l.text, width)...)
		}
	}
	return strings.Join(lines, "\n")
}

func (e *endScenario) Help() []key.Binding {
	return []key.Binding{e.c.keys.WhatIf.Adopt, e.c.keys.WhatIf.Rebase, e.c.keys.WhatIf.Keep, e.c.keys.WhatIf.Drop, e.c.keys.WhatIf.Stay}
}
