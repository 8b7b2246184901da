package plan

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Problem is one thing wrong with a plan, placed as precisely as is known so a
// PA can find it: the file, the line, the entry and the key.
type Problem struct {
	File  string // path as given; "" for plans not read from a file
	Line  int    // 1-based; 0 when unknown
	Entry string // e.g. `duty "siro"`, `person 3`, `[spoc]`
	Key   string // e.g. "cover"
	Msg   string // what is wrong and what would be right
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Entry != "" {
		b.WriteString(p.Entry)
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is every problem found in one plan; a plan with any is refused
// whole. It is an error so that callers can return it as one.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted orders problems by line, those without a line last, keeping the
// order of discovery otherwise, so a PA can fix a file from top to bottom.
func (ps Problems) sorted() Problems {
	key := func(p Problem) int {
		if p.Line == 0 {
			return math.MaxInt
		}
		return p.Line
	}
	sort.SliceStable(ps, func(i, j int) bool { return key(ps[i]) < key(ps[j]) })
	return ps
}

// MaxProblems is how many problems of one file are listed. A PA fixes a
// file from the top; a generated or damaged file can have a million, and
// listing them all would take minutes and megabytes of messages.
const MaxProblems = 100

// first keeps the first n problems and says how many more there are.
func (ps Problems) first(n int) Problems {
	if len(ps) <= n {
		return ps
	}
	more := len(ps) - n
	out := append(ps[:n:n], Problem{File: ps[0].File, Msg: fmt.Sprintf("and %d more %s; fix these first", more, map[bool]string{true: "problem", false: "problems"}[more == 1])})
	return out
}

// suggest returns `; did you mean "x"?` when word is a near miss of one of
// the known words, so typos such as "ownr" point to their fix. Case is
// ignored when comparing, as keys and ids differ from a typo only in case.
func suggest(word string, known []string) string {
	if best := nearest(word, known); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// nearest returns the known word that word is a typo of, or "".
func nearest(word string, known []string) string {
	if len(word) > 64 {
		return ""
	}
	limit := 0 // one or two letters: any other word is one edit away, so only case
	switch n := len([]rune(word)); {
	case n > 4:
		limit = 2
	case n > 2:
		limit = 1
	}
	best, bestD := "", limit+1
	lw := strings.ToLower(word)
	for _, k := range known {
		if k == word {
			continue
		}
		if d := editDistance(lw, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance counts the edits (insert, delete, change, or swap of two
// neighbours, the commonest typo) that turn a into b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// suggestID turns what someone wrote as an id into one that is valid, for
// the example in the message: "Jo Atkinson" becomes "jo-atkinson".
func suggestID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '_' || r == '-' || r == '.':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "jo"
	}
	return out
}
