package plan

import (
	"regexp"
	"strings"
)

// locator finds the line of a table, an entry of an array of tables, or a key
// in one, by reading the file's text. The TOML decoder keeps no positions for
// values, and a message without a line sends a PA hunting through the file.
type locator struct {
	sections []section
	lines    []string
}

type section struct {
	name  string // "" for the keys before any header
	index int    // for [[name]]: which entry, from 0
	line  int    // 1-based line of the header (0 for the top)
	end   int    // last line, inclusive
}

var (
	headerRE = regexp.MustCompile(`^\s*(\[\[?)\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(#.*)?$`)
	keyRE    = regexp.MustCompile(`^\s*("?)([A-Za-z0-9_\-]+)("?)\s*=`)
)

func newLocator(src string) *locator {
	l := &locator{lines: strings.Split(src, "\n")}
	counts := map[string]int{}
	cur := section{name: "", line: 0}
	for i, text := range l.lines {
		m := headerRE.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		cur.end = i
		l.sections = append(l.sections, cur)
		name := strings.Trim(m[2], `"' `)
		cur = section{name: name, line: i + 1}
		if m[1] == "[[" {
			cur.index = counts[name]
			counts[name]++
		}
	}
	cur.end = len(l.lines)
	l.sections = append(l.sections, cur)
	return l
}

// section returns the section for a table (index 0) or an array entry.
func (l *locator) section(name string, index int) (section, bool) {
	if l == nil {
		return section{}, false
	}
	for _, s := range l.sections {
		if s.name == name && s.index == index {
			return s, true
		}
	}
	return section{}, false
}

// header returns the line of a table's header or an entry's [[header]].
func (l *locator) header(name string, index int) int {
	s, _ := l.section(name, index)
	return s.line
}

// key returns the line where key is set in a section, or the section's
// header line when the key is not written there (as for a missing key).
func (l *locator) key(name string, index int, key string) int {
	s, ok := l.section(name, index)
	if !ok {
		return 0
	}
	from := s.line // header line is 1-based, so this is the next line's index
	for i := from; i < s.end && i < len(l.lines); i++ {
		if m := keyRE.FindStringSubmatch(l.lines[i]); m != nil && m[2] == key {
			return i + 1
		}
	}
	return s.line
}
