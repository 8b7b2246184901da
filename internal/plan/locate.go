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
	keyLine  map[keyID]int     // the first line setting a key in a section, so that finding one is not a walk
}

type keyID struct {
	section int // index into sections
	key     string
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
// three levels at most (duty = [{cover = [...]}]); the TOML decoder recurses
// once per level and its cost grows with the depth, so a file of millions of
// "[" would exhaust the stack, and of thousands, take minutes.
const maxNesting = 8

// shapeProblem reports the first place where src is shaped to make the TOML
// decoder take more time, memory or stack than any plan needs: arrays or
// inline tables nested deeper than maxNesting, or a key or table name of
// more than maxKeyParts dotted parts. It returns the line and what is wrong,
// or 0 and "". It runs in one pass and in memory bounded by maxNesting.
func shapeProblem(src string) (int, string) {
	return scan(src, nil)
}

func newLocator(src string) *locator { return &locator{src: src} }

func (l *locator) build() {
	scan(l.src, l)
	l.byName = make(map[sectionID]int, len(l.sections))
	l.keyLine = map[keyID]int{}
	for i, s := range l.sections {
		id := sectionID{s.name, s.index}
		if _, dup := l.byName[id]; !dup {
			l.byName[id] = i
		}
		for j := s.line; j < s.end && j < len(l.keys); j++ {
			k := keyID{i, l.keys[j]}
			if _, seen := l.keyLine[k]; !seen && k.key != "" {
				l.keyLine[k] = j + 1
			}
		}
	}
}

// scan walks src as TOML's lexer does, recording headers and keys in l when
// it is not nil, and returns the first shape problem (see shapeProblem).
func scan(src string, l *locator) (int, string) {
	counts := map[string]int{}
	cur := section{}
	depth, line := 0, 1
	badLine, bad := 0, ""
	// Dotted keys are counted while in a key: from the start of a line,
	// of an inline table or after its commas, to the "=" (or a header's "]").
	// A key's depth is its parts plus those of the table it is in: the
	// header's, and the keys of the inline tables around it.
	inKey, parts := false, 0
	headerParts, valueDepth, afterEq := 0, 0, false
	deep := 0 // key parts deeper than a plan needs, in the whole file
	tooDeep := func(depth int) bool {
		if depth > planKeyDepth {
			deep++
		}
		return depth > maxKeyParts || deep > maxDeepParts
	}
	type bracket struct {
		c     byte
		depth int // the key depth of what it holds
	}
	var open []bracket // the brackets open, innermost last, up to maxNesting+1
	keyBase := func() int {
		if depth > 0 && len(open) == depth {
			return open[depth-1].depth
		}
		return headerParts
	}
	problem := func(msg string) bool {
		if badLine == 0 {
			badLine, bad = line, msg
		}
		return l == nil
	}
	tooManyParts := func() string {
		if deep > maxDeepParts {
			return fmt.Sprintf("TOML syntax: more than %d keys nested deeper than a plan needs, in dotted keys (a.b.c…), table names or inline tables; a plan file has no key deeper than %d", maxDeepParts, planKeyDepth)
		}
		return fmt.Sprintf("TOML syntax: keys nested more than %d deep, in dotted keys (a.b.c…), table names or inline tables; a plan file needs %d at most", maxKeyParts, planKeyDepth)
	}
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
						headerParts = keyParts(m[2])
						deeper := false
						for p := 1; p <= headerParts; p++ {
							deeper = tooDeep(p) || deeper
						}
						if deeper && problem(tooManyParts()) {
							return badLine, bad
						}
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
				}
				if c != '#' {
					inKey, parts = true, 1
					if tooDeep(keyBase()+1) && problem(tooManyParts()) {
						return badLine, bad
					}
				}
				if c != '[' && l != nil {
					if m := keyRE.FindStringSubmatch(text); m != nil {
						l.keys[line-1] = m[1] + m[2] + m[3]
					}
				}
			}
		}
		switch c {
		case '\n':
			newline()
			inKey, afterEq = false, false
		case '.':
			if inKey {
				parts++
				if tooDeep(keyBase()+parts) && problem(tooManyParts()) {
					return badLine, bad
				}
			}
		case '=':
			if inKey {
				inKey, afterEq, valueDepth = false, true, keyBase()+parts
			}
		case ',':
			afterEq = false
			if len(open) > 0 && len(open) == depth && open[depth-1].c == '{' {
				inKey, parts = true, 1
				if tooDeep(keyBase()+1) && problem(tooManyParts()) {
					return badLine, bad
				}
			}
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
			holds := keyBase()
			if afterEq {
				holds = valueDepth
			}
			afterEq = false
			depth++
			if len(open) < maxNesting+1 {
				open = append(open, bracket{c, holds})
			}
			if c == '{' {
				inKey, parts = true, 1
				if tooDeep(holds+1) && problem(tooManyParts()) {
					return badLine, bad
				}
			}
			if depth > maxNesting && problem(fmt.Sprintf("TOML syntax: lists or inline tables nested more than %d deep; a plan file needs three levels at most", maxNesting)) {
				return badLine, bad
			}
		case ']', '}':
			if depth > 0 {
				if len(open) == depth {
					open = open[:depth-1]
				}
				depth--
			}
			if depth == 0 {
				inKey = false // the end of a header
			}
		}
	}
	if l != nil {
		cur.end = line
		l.sections = append(l.sections, cur)
	}
	return badLine, bad
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
	if line, ok := l.keyLine[keyID{l.byName[sectionID{name, index}], key}]; ok {
		return line
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
