package plan

import (
	"fmt"
	"regexp"
	"strings"
)

// locator finds the line of a table, an entry of an array of tables, or a key
// in one, by reading the file's text. The TOML decoder keeps no positions for
// values, and a message without a line sends a PA hunting through the file.
//
// It follows TOML's strings, comments and brackets, so a line inside a
// multi-line string or array is never taken for a header or a key.
//
// It reads the text only when first asked: a file without problems never is.
type locator struct {
	src      string
	sections []section
	byName   map[sectionID]int // index into sections, so a file with thousands of problems stays fast
	keys     []string          // keys[i]: the (first part of the) key set on line i+1 at the top of a table, or ""
}

type sectionID struct {
	name  string
	index int
}

type section struct {
	name  string // "" for the keys before any header
	index int    // for [[name]]: which entry, from 0
	line  int    // 1-based line of the header (0 for the top)
	end   int    // last line of the section, inclusive
}

var (
	headerRE = regexp.MustCompile(`^\s*(\[\[?)\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(#.*)?$`)
	keyRE    = regexp.MustCompile(`^\s*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_\-]+))\s*[=.]`)
)

// maxNesting is how deep arrays and inline tables may nest. A plan file needs
// two levels at most; the TOML decoder recurses once per level, and a file of
// millions of "[" would otherwise exhaust the stack and crash.
const maxNesting = 32

// nestingProblem reports the line where src nests arrays or inline tables
// deeper than maxNesting, or 0 when it does not.
func nestingProblem(src string) int {
	return scan(src, nil)
}

func newLocator(src string) *locator { return &locator{src: src} }

func (l *locator) build() {
	scan(l.src, l)
	l.byName = make(map[sectionID]int, len(l.sections))
	for i, s := range l.sections {
		id := sectionID{s.name, s.index}
		if _, dup := l.byName[id]; !dup {
			l.byName[id] = i
		}
	}
}

// scan walks src as TOML's lexer does, recording headers and keys in l when
// it is not nil, and returns the line where nesting first passes maxNesting
// (0 when it never does).
func scan(src string, l *locator) int {
	counts := map[string]int{}
	cur := section{}
	depth, line, deepLine := 0, 1, 0
	lineStart := true
	n := len(src)
	lineText := func(i int) string {
		j := strings.IndexByte(src[i:], '\n')
		if j < 0 {
			return src[i:]
		}
		return src[i : i+j]
	}
	newline := func() {
		line++
		lineStart = true
		if l != nil {
			for len(l.keys) < line {
				l.keys = append(l.keys, "")
			}
		}
	}
	if l != nil {
		l.keys = []string{""}
	}
	for i := 0; i < n; i++ {
		c := src[i]
		if lineStart && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			lineStart = false
			if depth == 0 {
				text := lineText(i)
				if c == '[' {
					if m := headerRE.FindStringSubmatch(text); m != nil {
						if l != nil {
							cur.end = line - 1
							l.sections = append(l.sections, cur)
							name := headerName(m[2])
							cur = section{name: name, line: line}
							if m[1] == "[[" {
								cur.index = counts[name]
								counts[name]++
							}
						}
						// The header is the whole line; skip to its end.
						i += len(text) - 1
						continue
					}
				} else if l != nil {
					if m := keyRE.FindStringSubmatch(text); m != nil {
						l.keys[line-1] = m[1] + m[2] + m[3]
					}
				}
			}
		}
		switch c {
		case '\n':
			newline()
		case '#':
			for i+1 < n && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			multi := i+2 < n && src[i+1] == c && src[i+2] == c
			if multi {
				i += 3
				for i < n && !(i+2 < n && src[i] == c && src[i+1] == c && src[i+2] == c) {
					if c == '"' && src[i] == '\\' && i+1 < n && src[i+1] != '\n' {
						i++
					} else if src[i] == '\n' {
						newline()
						lineStart = false
					}
					i++
				}
				// Up to two more quotes may close the string ("""a"""" is a + `"`).
				i += 2
				for i+1 < n && src[i+1] == c {
					i++
				}
				continue
			}
			i++
			for i < n && src[i] != c && src[i] != '\n' {
				if c == '"' && src[i] == '\\' && i+1 < n && src[i+1] != '\n' {
					i++
				}
				i++
			}
			if i < n && src[i] == '\n' {
				newline()
			}
		case '[', '{':
			depth++
			if depth > maxNesting && deepLine == 0 {
				deepLine = line
				if l == nil {
					return deepLine
				}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	if l != nil {
		cur.end = line
		l.sections = append(l.sections, cur)
	}
	return deepLine
}

// headerName normalises a header's dotted name: [ duty . "extra" ] is duty.extra.
func headerName(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(p, `"' `)
	}
	return strings.Join(parts, ".")
}

// section returns the section for a table (index 0) or an array entry.
func (l *locator) section(name string, index int) (section, bool) {
	if l == nil {
		return section{}, false
	}
	if l.byName == nil {
		l.build()
	}
	i, ok := l.byName[sectionID{name, index}]
	if !ok {
		return section{}, false
	}
	return l.sections[i], true
}

// header returns the line of a table's header or an entry's [[header]]; for a
// table written inline (name = {…} or name = [{…}]), the line of that key.
func (l *locator) header(name string, index int) int {
	if s, ok := l.section(name, index); ok {
		return s.line
	}
	if name != "" && !strings.Contains(name, ".") {
		if line := l.key("", 0, name); line > 0 {
			return line
		}
	}
	return 0
}

// key returns the line where key is set in a section, or the line of a
// [table.key] header that belongs to it, or else the section's header line
// (as for a missing key).
func (l *locator) key(name string, index int, key string) int {
	s, ok := l.section(name, index)
	if !ok {
		if name != "" {
			return l.header(name, index)
		}
		return 0
	}
	for i := s.line; i < s.end && i < len(l.keys); i++ {
		if l.keys[i] == key {
			return i + 1
		}
	}
	// A sub-table written as its own header, e.g. [duty.extra] under [[duty]].
	sub := key
	if name != "" {
		sub = name + "." + key
	}
	for _, t := range l.sections[l.byName[sectionID{name, index}]+1:] {
		if t.name == name {
			break // the next entry of the same array: not ours
		}
		if t.name == sub || strings.HasPrefix(t.name, sub+".") {
			return t.line
		}
	}
	return s.line
}

// String describes the sections, for test failure messages.
func (l *locator) String() string {
	l.section("", 0)
	var b strings.Builder
	for _, s := range l.sections {
		fmt.Fprintf(&b, "%q[%d] lines %d-%d\n", s.name, s.index, s.line, s.end)
	}
	return b.String()
}
