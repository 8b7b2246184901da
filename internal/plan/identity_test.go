package plan

import (
	"strings"
	"testing"
)

func TestIdentitySurvivesRenameAndTellsPlansApart(t *testing.T) {
	base := func() *Plan {
		return &Plan{Name: "Leadership rota", Organisation: "Cumbria County Council", Directorate: "CCCS", Start: date("2022-07-01")}
	}
	a := base()
	renamed := base()
	renamed.Name = "CCCS rota 2022/23"
	if Identity(a) != Identity(renamed) {
		t.Error("renaming the plan changed its identity")
	}
	other := base()
	other.Directorate = "Children's Services" // same name, another directorate
	if Identity(a) == Identity(other) {
		t.Error("two directorates' plans of the same name share an identity")
	}
	pinned := base()
	pinned.ID = "cccs-2022"
	if Identity(pinned) != "cccs-2022" {
		t.Errorf("a [plan] id is kept: %q", Identity(pinned))
	}
	bare, bare2 := &Plan{Name: "A", Start: date("2022-07-01")}, &Plan{Name: "B", Start: date("2022-07-01")}
	if Identity(bare) == Identity(bare2) {
		t.Error("plans with neither organisation nor directorate fall back on their names")
	}
}

func TestPlanIDIsCheckedAndKept(t *testing.T) {
	src := "[plan]\nid = \"CCCS 2022\"\nname = \"x\"\nstart = 2022-07-01\nend = 2022-12-31\n[[person]]\nid = \"a\"\nname = \"A\"\n[[person]]\nid = \"b\"\nname = \"B\"\n"
	_, err := Parse("plan.toml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), `plan.toml:2: [plan]: id: "CCCS 2022" is not a usable plan id`) {
		t.Fatalf("bad id: %v", err)
	}
	p, err := Parse("plan.toml", []byte(strings.Replace(src, "CCCS 2022", "cccs-2022", 1)))
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("again.toml", Encode(p))
	if err != nil || back.ID != "cccs-2022" {
		t.Fatalf("id does not survive Encode: %v, %q", err, back.ID)
	}
}
