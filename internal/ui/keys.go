package ui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key the planner answers to, with the help text the help
// bar and the full help (?) show. Arrows and vim keys both work throughout.
type KeyMap struct {
	// Everywhere.
	Views    key.Binding // 1–6, only for help
	View     [6]key.Binding
	Next     key.Binding
	Prev     key.Binding
	Help     key.Binding
	Quit     key.Binding
	Undo     key.Binding
	Scenario key.Binding
	Export   key.Binding
	Back     key.Binding

	// Moving.
	Up, Down, Left, Right key.Binding
	PrevMonth, NextMonth  key.Binding
	Today                 key.Binding
	Enter                 key.Binding
	PageUp, PageDown      key.Binding

	// Editing.
	Absent   key.Binding
	Unabsent key.Binding
	SPOC     key.Binding
	Buddy    key.Binding
	Swap     key.Binding
	Present  key.Binding
	Accept   key.Binding
	Owner    key.Binding
	Cover    key.Binding
	Filter   key.Binding
	DiffMark key.Binding
	// Rota: the selected month's handover sheet, a note on it, and the
	// incoming SPOC's acknowledgement.
	Handover     key.Binding
	HandoverNote key.Binding
	HandoverAck  key.Binding
	// Duties: the covering person's answer on the selected duty's cover.
	CoverAccept  key.Binding
	CoverDecline key.Binding

	// Where a view names a key above by what it does there, for its help.
	ShowDay     key.Binding // Gaps: enter shows the day
	OpenVersion key.Binding // History: enter opens a version
	KeepFilter  key.Binding // Duties, while filtering
	ClearFilter key.Binding
	DayStep     key.Binding // the day: ←→ move a day
	DayScroll   key.Binding // the day: ↑↓ scroll its duties
	SheetScroll key.Binding // Rota: ↑↓ scroll the handover sheet
	MonthStep   key.Binding // Month: arrows move a day or a week
	CloseHelp   key.Binding
	Interrupt   key.Binding // quits even while a dialog takes typed text

	Dialog     DialogKeys
	WhatIf     WhatIfKeys
	ExportForm ExportKeys
}

// DialogKeys are the keys of forms, pickers and prompts.
type DialogKeys struct {
	Choose    key.Binding // enter: choose, or save a one-line prompt
	Cancel    key.Binding
	NextField key.Binding // tab/↓
	PrevField key.Binding // shift+tab/↑
	Save      key.Binding // ctrl+s, or enter on a form's last field
	SaveNow   key.Binding // ctrl+s, named before the last field
	EnterNext key.Binding // enter before a form's last field, for its help
	PromptOK  key.Binding // enter in a one-line prompt, for its help
	Move      key.Binding // ↑↓ in a picker, for its help
}

// WhatIfKeys end a what-if.
type WhatIfKeys struct {
	Adopt, Rebase, Keep, Drop, Stay key.Binding
}

// ExportKeys are the export form's own keys.
type ExportKeys struct {
	Change key.Binding // ←/→ through a choice, for its help
	Prev   key.Binding // ← alone
	Next   key.Binding // → alone
	Toggle key.Binding
	Write  key.Binding
	Fields key.Binding // NextField and PrevField in one, for its help
}

// DefaultKeyMap returns the planner's keys.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	km := &KeyMap{
		Views:    b([]string{"1", "2", "3", "4", "5", "6"}, "1-6", "views"),
		Next:     b([]string{"tab"}, "tab", "next view"),
		Prev:     b([]string{"shift+tab"}, "shift+tab", "previous view"),
		Help:     b([]string{"?"}, "?", "help"),
		Quit:     b([]string{"q", "ctrl+c"}, "q", "quit"),
		Undo:     b([]string{"u"}, "u", "undo"),
		Scenario: b([]string{"s"}, "s", "what-if"),
		Export:   b([]string{"e"}, "e", "export"),
		Back:     b([]string{"esc"}, "esc", "back"),

		Up:        b([]string{"up", "k"}, "↑/k", "up"),
		Down:      b([]string{"down", "j"}, "↓/j", "down"),
		Left:      b([]string{"left", "h"}, "←/h", "left"),
		Right:     b([]string{"right", "l"}, "→/l", "right"),
		PrevMonth: b([]string{"[", "pgup"}, "[/pgup", "previous month"),
		NextMonth: b([]string{"]", "pgdown"}, "]/pgdn", "next month"),
		Today:     b([]string{"t"}, "t", "today"),
		Enter:     b([]string{"enter"}, "enter", "open"),
		PageUp:    b([]string{"pgup", "ctrl+u"}, "pgup", "scroll up"),
		PageDown:  b([]string{"pgdown", "ctrl+d"}, "pgdn", "scroll down"),

		Absent:   b([]string{"a"}, "a", "add absence"),
		Unabsent: b([]string{"x"}, "x", "remove absence"),
		// o as in Duties, where it sets the owner: the SPOC owns the month.
		// e is export, which works in every view.
		SPOC:     b([]string{"o"}, "o", "set SPOC"),
		Buddy:    b([]string{"b"}, "b", "set buddy"),
		Swap:     b([]string{"w"}, "w", "swap months"),
		Present:  b([]string{"p"}, "p", "set presence"),
		Accept:   b([]string{"y"}, "y", "accept suggestion"),
		Owner:    b([]string{"o"}, "o", "set owner"),
		Cover:    b([]string{"c"}, "c", "set cover"),
		Filter:   b([]string{"/"}, "/", "filter"),
		DiffMark: b([]string{"d"}, "d", "diff"),
		// Capitals: h and k move, n is free but N reads as "note" beside H.
		Handover:     b([]string{"H"}, "H", "handover"),
		HandoverNote: b([]string{"N"}, "N", "handover note"),
		HandoverAck:  b([]string{"K"}, "K", "acknowledge handover"),
		CoverAccept:  b([]string{"A"}, "A", "accept cover"),
		CoverDecline: b([]string{"D"}, "D", "decline cover"),

		ShowDay:     b([]string{"enter"}, "enter", "show day"),
		OpenVersion: b([]string{"enter"}, "enter", "open"),
		KeepFilter:  b([]string{"enter"}, "enter", "keep filter"),
		ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
		DayStep:     b([]string{"left", "right", "h", "l"}, "←→/hl", "day"),
		DayScroll:   b([]string{"up", "down", "k", "j"}, "↑↓/jk", "scroll"),
		SheetScroll: b([]string{"up", "down", "k", "j"}, "↑↓/jk", "scroll the sheet"),
		MonthStep:   b([]string{"left", "down", "up", "right", "h", "j", "k", "l"}, "←↓↑→/hjkl", "day/week"),
		CloseHelp:   b([]string{"esc"}, "any key", "close help"),
		Interrupt:   b([]string{"ctrl+c"}, "ctrl+c", "quit"),

		Dialog: DialogKeys{
			Choose:    b([]string{"enter"}, "enter", "choose"),
			Cancel:    b([]string{"esc"}, "esc", "cancel"),
			NextField: b([]string{"tab", "down"}, "tab/↓", "next field"),
			PrevField: b([]string{"shift+tab", "up"}, "shift+tab/↑", "previous field"),
			Save:      b([]string{"ctrl+s"}, "enter/ctrl+s", "save"),
			SaveNow:   b([]string{"ctrl+s"}, "ctrl+s", "save"),
			EnterNext: b([]string{"enter", "tab", "down"}, "enter/tab", "next field"),
			PromptOK:  b([]string{"enter"}, "enter", "save"),
			Move:      b([]string{"up", "k", "down", "j"}, "↑↓/jk", "move"),
		},
		WhatIf: WhatIfKeys{
			Adopt:  b([]string{"a"}, "a", "adopt"),
			Rebase: b([]string{"r"}, "r", "rebase"),
			Keep:   b([]string{"k"}, "k", "keep"),
			Drop:   b([]string{"d"}, "d", "drop"),
			Stay:   b([]string{"esc"}, "esc", "carry on"),
		},
		ExportForm: ExportKeys{
			Change: b([]string{"left", "right"}, "←/→", "change"),
			Prev:   b([]string{"left"}, "←", "previous choice"),
			Next:   b([]string{"right"}, "→", "next choice"),
			Toggle: b([]string{" ", "x"}, "space", "toggle"),
			Write:  b([]string{"enter", "ctrl+s"}, "enter", "write"),
			Fields: b([]string{"tab", "down", "shift+tab", "up"}, "tab/↑↓", "fields"),
		},
	}
	names := [6]string{"Rota", "Month", "People", "Duties", "Gaps", "History"}
	for i := range km.View {
		k := string(rune('1' + i))
		km.View[i] = b([]string{k}, k, names[i])
	}
	return km
}

// global returns the keys that work in every view, for the help screens.
func (k *KeyMap) global() []key.Binding {
	return []key.Binding{k.Views, k.Next, k.Undo, k.Scenario, k.Export, k.Help, k.Quit}
}
