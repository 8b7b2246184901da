package plan

import (
	"strings"
	"testing"
)

// TestLocator checks lines in a file that uses the TOML a locator could
// trip on: multi-line strings holding header-like lines, multi-line arrays,
// comments with brackets and quotes, quoted and dotted keys.
func TestLocator(t *testing.T) {
	src := `# a comment with [[duty]] and "quotes" in it
[plan] # trailing ] comment
name = """
[[duty]]
owner = "not a key"
"""
start = 2022-07-01

[[duty]]
id = 'a'
cover = [
  "x",  # [[person]]
  "y",
]
"owner" = "jo"
title = '''
[spoc]
'''

[ duty . extra ]
z = 1

[[duty]]
title = "b \" [[event]]"
owner.first = "x"
`
	l := newLocator(src)
	cases := []struct {
		table string
		index int
		key   string
		want  int
	}{
		{"plan", 0, "", 2},
		{"plan", 0, "name", 3},
		{"plan", 0, "start", 7},
		{"duty", 0, "", 9},
		{"duty", 0, "id", 10},
		{"duty", 0, "cover", 11},
		{"duty", 0, "owner", 15},
		{"duty", 0, "title", 16},
		{"duty", 0, "extra", 20}, // a sub-table header of its own
		{"duty", 0, "missing", 9},
		{"duty", 1, "", 23},
		{"duty", 1, "title", 24},
		{"duty", 1, "owner", 25}, // dotted key
		{"duty", 1, "extra", 23}, // duty 0's sub-table is not duty 1's
		{"spoc", 0, "", 0},       // only inside a string
		{"person", 0, "", 0},     // only inside a comment
		{"event", 0, "", 0},
	}
	for _, c := range cases {
		var got int
		if c.key == "" {
			got = l.header(c.table, c.index)
		} else {
			got = l.key(c.table, c.index, c.key)
		}
		if got != c.want {
			t.Errorf("%s[%d] %q: line %d, want %d\nsections:\n%v", c.table, c.index, c.key, got, c.want, l)
		}
	}
}

func TestLocatorCRLF(t *testing.T) {
	src := strings.ReplaceAll(base, "\n", "\r\n")
	p, err := Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatalf("CRLF file refused: %v", err)
	}
	if p.Persons[3].Name != "Tracy Boustead" {
		t.Errorf("name read as %q", p.Persons[3].Name)
	}
	bad := strings.ReplaceAll(edit(t, base, `owner = "paul"`, `owner = "pual"`), "\n", "\r\n")
	got := problems(t, bad)
	want := `plan.toml:28: duty "siro": owner: "pual" is not a person (persons: jo, paul, simon, tracy); did you mean "paul"?`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNesting(t *testing.T) {
	ok := "a = [[[1]]]\nb = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\nc = '''\n" + strings.Repeat("[", 100) + "'''\n# " + strings.Repeat("{", 100) + "\n"
	if line, _ := shapeProblem(ok); line != 0 {
		t.Errorf("brackets in strings and comments counted: line %d", line)
	}
	deep := "x = 1\n\na = " + strings.Repeat("[", 33) + strings.Repeat("]", 33)
	if line, _ := shapeProblem(deep); line != 3 {
		t.Errorf("33 levels: line %d, want 3", line)
	}
	deep = "a = {b = " + strings.Repeat("{c = ", 40)
	if line, _ := shapeProblem(deep); line != 1 {
		t.Errorf("inline tables: line %d, want 1", line)
	}
}
