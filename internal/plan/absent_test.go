package plan

import (
	"testing"
)

func TestParseAbsent(t *testing.T) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	good := []struct {
		in   string
		want Absence
	}{
		{"paul:2022-10-03:2022-10-14", Absence{Person: "paul", From: date("2022-10-03"), To: date("2022-10-14"), Reason: "what-if"}},
		{"jo:2022-10-03:2022-10-03", Absence{Person: "jo", From: date("2022-10-03"), To: date("2022-10-03"), Reason: "what-if"}},
		// Outside the period is allowed, as for absences in the file.
		{"simon:2021-12-20:2022-07-04", Absence{Person: "simon", From: date("2021-12-20"), To: date("2022-07-04"), Reason: "what-if"}},
		{"tracy:2024-02-29:2024-02-29", Absence{Person: "tracy", From: date("2024-02-29"), To: date("2024-02-29"), Reason: "what-if"}},
	}
	for _, c := range good {
		got, err := ParseAbsent(p, c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseAbsent(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, want string }{
		{"", `--absent "": write it ID:FROM:TO, e.g. paul:2022-10-03:2022-10-14`},
		{"paul:2022-10-03", `--absent "paul:2022-10-03": write it ID:FROM:TO, e.g. paul:2022-10-03:2022-10-14`},
		{"paul:2022-10-03:2022-10-14:x", `--absent "paul:2022-10-03:2022-10-14:x": write it ID:FROM:TO, e.g. paul:2022-10-03:2022-10-14`},
		{"pual:2022-10-03:2022-10-14", `--absent "pual:2022-10-03:2022-10-14": "pual" is not a person (persons: jo, paul, simon, tracy); did you mean "paul"?`},
		{"Paul:2022-10-03:2022-10-14", `--absent "Paul:2022-10-03:2022-10-14": "Paul" is not a person (persons: jo, paul, simon, tracy); did you mean "paul"?`},
		{"paul:2022-10-3:2022-10-14", `--absent "paul:2022-10-3:2022-10-14": from: "2022-10-3" is not a date: write it YYYY-MM-DD, e.g. 2022-10-03`},
		{"paul:2022-10-03:2022-02-30", `--absent "paul:2022-10-03:2022-02-30": to: 2022-02-30 does not exist: February 2022 has 28 days`},
		{"paul:2022-10-03:", `--absent "paul:2022-10-03:": to: "" is not a date: write it YYYY-MM-DD, e.g. 2022-10-03`},
		{"paul:2022-10-14:2022-10-03", `--absent "paul:2022-10-14:2022-10-03": the absence ends (2022-10-03) before it starts (2022-10-14): TO must be on or after FROM`},
	}
	for _, c := range bad {
		_, err := ParseAbsent(p, c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseAbsent(%q) error = %v\nwant %s", c.in, err, c.want)
		}
	}
}
