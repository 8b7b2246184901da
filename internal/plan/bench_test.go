package plan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// councilDecade writes a plan file the size of a large council's decade: 20
// people in the order, 3,000 duties, 5,000 absences and 300 events. With
// bad, every absence names someone who is not in the plan, so the file has
// 5,000 problems to place.
func councilDecade(bad bool) []byte {
	var b strings.Builder
	b.WriteString("[plan]\nname = \"Council decade\"\nstart = 2025-04-01\nend = 2035-03-31\n\n")
	for i := range 20 {
		fmt.Fprintf(&b, "[[person]]\nid = \"p%d\"\nname = \"Person %d\"\n\n", i, i)
	}
	for i := range 3000 {
		fmt.Fprintf(&b, "[[duty]]\nid = \"d%d\"\ntitle = \"Duty %d\"\narea = \"Area %d\"\nowner = \"p%d\"\ncover = [\"p%d\", \"p%d\"]\nstatutory = %v\n\n",
			i, i, i%12, i%20, (i+1)%20, (i+7)%20, i%10 == 0)
	}
	for i := range 5000 {
		who := fmt.Sprintf("p%d", i%20)
		if bad {
			who = fmt.Sprintf("q%d", i%20)
		}
		day := 1 + i%28
		fmt.Fprintf(&b, "[[absence]]\nperson = %q\nfrom = %d-%02d-%02d\nto = %d-%02d-%02d\nreason = \"leave\"\n\n",
			who, 2026+i%9, 1+i%12, day, 2026+i%9, 1+i%12, min(day+3, 28))
	}
	for i := range 300 {
		fmt.Fprintf(&b, "[[event]]\nid = \"e%d\"\ntitle = \"Event %d\"\nneeds = \"d%d\"\ndates = [2027-%02d-%02d]\n\n", i, i, i*7, 1+i%12, 1+i%28)
	}
	return []byte(b.String())
}

func BenchmarkParseCumbria(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "configs", "cumbria-cccs-2022.toml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("cumbria.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCouncilDecade(b *testing.B) {
	data := councilDecade(false)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("decade.toml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCouncilDecade5000Problems(b *testing.B) {
	data := councilDecade(true)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_, err := Parse("decade.toml", data)
		if ps, ok := err.(Problems); !ok || len(ps) != 5000 {
			b.Fatalf("want 5000 problems, got %v", len(ps))
		}
	}
}
