package plan

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReferenceDocumentsEveryKey: configs/plan-format.md has a section for
// each table the loader reads and a row for each key it accepts there, and
// documents no key the loader would refuse.
func TestReferenceDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "configs", "plan-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]string{} // table name → its section's text
	parts := regexp.MustCompile("(?m)^### `\\[\\[?([a-z]+)\\]\\]?`").Split(string(data), -1)
	names := regexp.MustCompile("(?m)^### `\\[\\[?([a-z]+)\\]\\]?`").FindAllStringSubmatch(string(data), -1)
	for i, n := range names {
		text := parts[i+1]
		if end := strings.Index(text, "\n## "); end >= 0 {
			text = text[:end]
		}
		sections[n[1]] = text
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|")
	for _, tb := range Schema {
		text, ok := sections[tb.Name]
		if !ok {
			t.Errorf("the reference has no section for [%s]", tb.Name)
			continue
		}
		heading := "[" + tb.Name + "]"
		if tb.Many {
			heading = "[" + heading + "]"
		}
		if !strings.Contains(string(data), "### `"+heading+"`") {
			t.Errorf("the reference writes [%s] with the wrong brackets; want %s", tb.Name, heading)
		}
		var documented []string
		for _, m := range row.FindAllStringSubmatch(text, -1) {
			documented = append(documented, m[1])
		}
		for _, k := range tb.Keys {
			if !slices.Contains(documented, k) {
				t.Errorf("the reference does not document %s.%s", tb.Name, k)
			}
		}
		for _, k := range documented {
			if !slices.Contains(tb.Keys, k) {
				t.Errorf("the reference documents %s.%s, which the loader refuses", tb.Name, k)
			}
		}
	}
	for name := range sections {
		if !slices.ContainsFunc(Schema, func(tb Table) bool { return tb.Name == name }) {
			t.Errorf("the reference documents a table [%s] the loader refuses", name)
		}
	}
}

// TestDocsStayInTheProject: the README and the files in configs point to the
// reference inside the project, never to a file outside it.
func TestDocsStayInTheProject(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "configs", "*"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "README.md"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "shared/") {
			t.Errorf("%s points to shared/, which is not part of the project", f)
		}
	}
	readme, _ := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if !strings.Contains(string(readme), "(configs/plan-format.md)") {
		t.Error("the README does not link to configs/plan-format.md")
	}
}
