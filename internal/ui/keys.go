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
