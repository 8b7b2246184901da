package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"

	"pgregory.net/rapid"
)

// TestLoadRefusesWhatIsNotAFile: a device, a FIFO or a link to one would be
// read for ever or wait for ever; each is refused at once with what it is.
func TestLoadRefusesWhatIsNotAFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no devices or FIFOs in the file system")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "plan.toml")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero.toml")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "it is a pipe (FIFO), not a file",
		"/dev/zero": "it is a device, not a file",
		link:        "it is a device, not a file",
	} {
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("Load(%s) = %v, want %q", path, err, want)
		}
	}
}

// TestLoadRefusesHugeFiles: a file over MaxFileSize is refused from its size,
// before any of it is read.
func TestLoadRefusesHugeFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.toml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	_, err = Load(path)
	if want := "larger than a plan file can be (1 MB at most)"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v, want %q", err, want)
	}
}

// TestUTF16 recognises a plan saved as UTF-16, as Windows PowerShell 5.1's >
// writes it, with or without a byte-order mark, and says how to save UTF-8.
func TestUTF16(t *testing.T) {
	le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFF, 0xFE)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	be := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = append(b, 0xFE, 0xFF)
		}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u>>8), byte(u))
		}
		return b
	}
	for name, data := range map[string][]byte{
		"LE with BOM": le(base, true), "BE with BOM": be(base, true),
		"LE without BOM": le(base, false), "BE without BOM": be(base, false),
	} {
		_, err := Parse("plan.toml", data)
		if err == nil || !strings.Contains(err.Error(), "saved as UTF-16") || !strings.Contains(err.Error(), "Encoding: UTF-8") {
			t.Errorf("%s: %v, want UTF-16 recognised with how to save as UTF-8", name, err)
		}
	}
	if _, err := Parse("plan.toml", []byte("[plan]\x00\x01\x02\x03")); err == nil || !strings.Contains(err.Error(), "not a text file") {
		t.Errorf("binary: %v", err)
	}
}

// TestDeepKeys: dotted keys, headers and inline tables deeper than a plan
// needs are refused before decoding, on their line, in one pass.
func TestDeepKeys(t *testing.T) {
	const deepMsg = "TOML syntax: "
	for name, c := range map[string]struct {
		src  string
		line int
	}{
		"16,000 parts":       {"[plan]\nname = \"x\"\n" + strings.Repeat("a.", 16000) + "a = 1\n", 3},
		"40 lines of 2,000":  {strings.Repeat("x = 1 # ok\n", 4) + strings.Repeat(strings.Repeat("a.", 2000)+"a = 1\n", 40), 5},
		"header":             {"[plan]\n\n[" + strings.Repeat("t.", 9) + "t]\n", 3},
		"array header":       {"[[" + strings.Repeat("t.", 9) + "t]]\n", 1},
		"unclosed header":    {"[" + strings.Repeat("t.", 20) + "\n", 1},
		"header then key":    {"[a.b.c.d.e]\nf.g.h.i = 1\n", 2},
		"inline tables":      {"a = {b = {c = {d = {e = {f.g.h.i = 1}}}}}\n", 1},
		"inline after comma": {"a = {x = 1, b.c.d.e.f.g.h.i = 2}\n", 1},
		"many a little deep": {strings.Repeat("a.b.c = 1\n", 1001), 1001},
		"many inline":        {strings.Repeat("a = {b = {c = 1}}\n", 1001), 1001},
	} {
		line, msg := shapeProblem(c.src)
		if line != c.line || !strings.Contains(msg, "nested") {
			t.Errorf("%s: line %d %q, want line %d %q", name, line, msg, c.line, deepMsg)
		}
		_, err := Parse("plan.toml", []byte(c.src))
		if want := fmt.Sprintf("plan.toml:%d: %s", c.line, deepMsg); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: Parse = %v, want %q", name, err, want)
		}
	}
	for name, src := range map[string]string{
		"dots in values":  "[plan]\nname = \"a.b.c.d.e.f.g.h.i.j\"\nmostly = 0.5\nstart = 2022-01-01\nx = [1.5, 2.5, 'a.b.c.d.e.f.g.h.i']\n",
		"dots in comment": "# a.b.c.d.e.f.g.h.i.j.k\n",
		"quoted parts":    "\"a.b.c.d.e.f.g.h.i\".x = 1\n['t.t.t.t.t.t.t.t.t.t']\n",
		"plan depth":      "duty = [{id = \"x\", cover = [\"a\"], dates = [2022-01-01]}]\n[spoc]\norder.x = 1\n",
		"multi-line":      "x = \"\"\"\na.b.c.d.e.f.g.h.i.j = 1\n\"\"\"\n",
	} {
		if line, msg := shapeProblem(src); line != 0 {
			t.Errorf("%s: refused on line %d: %s", name, line, msg)
		}
	}
}

// TestKeyPartsProperty: a key of n parts under a header of h parts is
// refused exactly when n+h passes maxKeyParts, whatever its parts are.
func TestKeyPartsProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		part := rapid.OneOf(rapid.StringMatching(`[a-z0-9_-]{1,5}`), rapid.StringMatching(`"[a-z. ]{0,5}"`))
		h := rapid.IntRange(0, 6).Draw(t, "header parts")
		n := rapid.IntRange(1, 12).Draw(t, "key parts")
		var src strings.Builder
		if h > 0 {
			hp := rapid.SliceOfN(part, h, h).Draw(t, "header")
			src.WriteString("[" + strings.Join(hp, ".") + "]\n")
		}
		kp := rapid.SliceOfN(part, n, n).Draw(t, "key")
		src.WriteString(strings.Join(kp, " . ") + " = 1.5\n")
		line, _ := shapeProblem(src.String())
		if refused := line > 0; refused != (h+n > maxKeyParts) {
			t.Fatalf("%q: refused %v, want %v", src.String(), refused, h+n > maxKeyParts)
		}
	})
}

// TestSyntaxErrorLine: the decoder reports a mistake at the end of a line
// on the next one; the message names the line that holds it.
func TestSyntaxErrorLine(t *testing.T) {
	for src, want := range map[string]string{
		"[plan":                        "plan.toml:1: TOML syntax:",
		"[plan\nname = \"x\"\n":        "plan.toml:1: TOML syntax:",
		"x = 1\n[[duty]\nid = \"a\"\n": "plan.toml:2: TOML syntax:",
		"x = \"open\n":                 "plan.toml:1: TOML syntax:",
	} {
		if _, err := Parse("plan.toml", []byte(src)); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

// TestNonexistentDate: 2023-02-29 is written right but is no day.
func TestNonexistentDate(t *testing.T) {
	got := problems(t, edit(t, base, "start = 2022-07-01", "start = 2023-02-29"))
	if want := "plan.toml:3: 2023-02-29 does not exist: February 2023 has 28 days"; len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestProblemsCapped: a file with thousands of problems lists the first
// MaxProblems and counts the rest, so messages stay readable and small.
func TestProblemsCapped(t *testing.T) {
	got := problems(t, base+strings.Repeat("[[duty]]\n", 1000))
	if len(got) != MaxProblems+1 || got[MaxProblems] != "plan.toml: and 2900 more problems; fix these first" {
		t.Errorf("%d messages, last %q", len(got), got[len(got)-1])
	}
}

// adversarial returns files of MaxFileSize built of the shapes that cost the
// TOML decoder and the checks most per byte while passing the shape checks.
func adversarial() map[string][]byte {
	fill := func(line func(i int) string) []byte {
		var b []byte
		for i := 0; ; i++ {
			l := line(i)
			if len(b)+len(l) > MaxFileSize {
				return b
			}
			b = append(b, l...)
		}
	}
	return map[string][]byte{
		"dotted keys":   fill(func(i int) string { return fmt.Sprintf("k%d.a.b.c.d.e.f.g = 1\n", i) }),
		"shared prefix": fill(func(i int) string { return fmt.Sprintf("a.b.c.d.e.f.g.k%d = 1\n", i) }),
		"headers":       fill(func(i int) string { return fmt.Sprintf("[a.b.c.d.e.f.g.h%d]\n", i) }),
		"inline tables": fill(func(i int) string { return fmt.Sprintf("x%d = {a = {b = {c = {d = {e = {f = {g = 1}}}}}}}\n", i) }),
		"nested arrays": fill(func(i int) string { return fmt.Sprintf("x%d = [[[[[[[[1]]]]]]]]\n", i) }),
		"empty duties":  fill(func(int) string { return "[[duty]]\n" }),
		"unknown keys":  fill(func(i int) string { return fmt.Sprintf("[[duty]]\nk%d = 1\n", i) }),
		"bad absences": fill(func(i int) string {
			return fmt.Sprintf("[[absence]]\nperson=\"zz%d\"\nfrom=2022-01-01\nto=2021-01-01\n", i)
		}),
		"long key":        fill(func(int) string { return strings.Repeat("a.", 7) + "a = 1\n" }),
		"one long string": []byte("x = \"" + strings.Repeat("a", MaxFileSize-10) + "\"\n"),
	}
}

// BenchmarkAdversarial parses the worst files under MaxFileSize; the README
// gives the figures (-benchmem for the memory).
func BenchmarkAdversarial(b *testing.B) {
	for name, data := range adversarial() {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Parse("plan.toml", data); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
