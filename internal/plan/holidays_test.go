package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rota/internal/calendar"
)

// govUKFile is gov.uk's bank-holidays.json for Scotland, cut to 2022 and
// with one holiday the built-in list lacks (as if announced after release).
const govUKFile = `{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2022-12-27","notes":"Substitute day","bunting":true}]},
"scotland":{"division":"scotland","events":[
{"title":"St Andrew’s Day","date":"2022-11-30","notes":"","bunting":true},
{"title":"A one-off bank holiday","date":"2022-10-14","notes":"","bunting":true}]}}
`

// writePlan writes a plan and, when holidays is not "", a bank-holidays file
// in a folder of its own below a fresh directory, and returns the plan's path.
func writePlan(t *testing.T, text, holidays string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "plans", "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if holidays != "" {
		if err := os.WriteFile(filepath.Join(dir, "plans", "data", "bank-holidays.json"), []byte(holidays), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "plans", "plan.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func withPlanKeys(keys string) string {
	return strings.Replace(base, "end = 2022-12-31\n", "end = 2022-12-31\n"+keys, 1)
}

func TestHolidaysFile(t *testing.T) {
	path := writePlan(t, withPlanKeys("holidays = \"scotland\"\nholidays_file = \"data/bank-holidays.json\"\n"), govUKFile)
	p, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	oneOff := calendar.NewDate(2022, 10, 14)
	if len(p.ExtraHolidays) != 1 || p.ExtraHolidays[0] != (calendar.Holiday{Date: oneOff, Name: "A one-off bank holiday"}) {
		t.Fatalf("extra holidays: %+v; want only the one the built-in list lacks", p.ExtraHolidays)
	}
	c := p.Calendar()
	if c.IsWorking(oneOff) {
		t.Error("the file's one-off holiday is a working day")
	}
	if c.IsWorking(calendar.NewDate(2022, 12, 27)) {
		t.Error("the built-in list was lost")
	}
	// England's division is not the plan's nation: its days are not added.
	if name, _ := c.Holiday(calendar.NewDate(2022, 11, 30)); name != "St Andrew's Day" {
		t.Errorf("St Andrew's Day is %q", name)
	}

	// Saved, the plan keeps the file's holidays without the file.
	again, err := Parse("saved plan", Encode(p))
	if err != nil {
		t.Fatal(err)
	}
	if again.Calendar().IsWorking(oneOff) {
		t.Error("Encode lost the file's holiday")
	}
	text, err := Inline(path, mustRead(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(text), "\nholidays_file") || !strings.Contains(string(text), "[[holiday]]\ndate = 2022-10-14\n") {
		t.Errorf("inlined text:\n%s", text)
	}
	inl, err := Parse("saved plan", text)
	if err != nil {
		t.Fatalf("inlined text does not read on its own: %v", err)
	}
	if string(Encode(inl)) != string(Encode(p)) {
		t.Error("the inlined text is another plan")
	}
}

func TestHolidayEntries(t *testing.T) {
	text := base + "\n[[holiday]]\ndate = 2022-10-14\nname = \"One-off\"\n"
	p, err := Parse("plan.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if p.Calendar().IsWorking(calendar.NewDate(2022, 10, 14)) {
		t.Error("a [[holiday]] is a working day")
	}
	same, err := Inline("plan.toml", []byte(text))
	if err != nil || string(same) != text {
		t.Errorf("a plan without holidays_file was changed by Inline: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHolidaysFileBad: a missing or wrong file is a problem naming the file,
// its line, entry and key.
func TestHolidaysFileBad(t *testing.T) {
	keys := "holidays = \"scotland\"\nholidays_file = \"data/bank-holidays.json\"\n"
	cases := []struct {
		name, keys, file string
		want             []string
	}{
		{"missing", keys, "", []string{"plans/plan.toml:6: [plan]: holidays_file: cannot read ", "plans/data/bank-holidays.json: no such file or directory; download gov.uk's file"}},
		{"not json", keys, "<html>\n</html>", []string{"data/bank-holidays.json:1: JSON syntax"}},
		{"bad date", keys, "{\"scotland\": {\"events\": [\n{\"title\": \"A\", \"date\": \"14/10/2022\"}]}}", []string{`data/bank-holidays.json:2: scotland event 1: date: "14/10/2022" is not a date`}},
		{"no division", keys, `{"england-and-wales": {"events": []}}`, []string{`data/bank-holidays.json:1: scotland: no "scotland" division`}},
		{"none", "holidays = \"none\"\nholidays_file = \"data/bank-holidays.json\"\n", govUKFile, []string{`plan.toml:6: [plan]: holidays_file: holidays = "none" takes no bank holidays`}},
		{"not text", "holidays_file = 3\n", govUKFile, []string{`plan.toml:5: [plan]: holidays_file: want text in quotes`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writePlan(t, withPlanKeys(c.keys), c.file)
			_, err := Load(path)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := filepath.ToSlash(err.Error())
			for _, part := range c.want {
				if !strings.Contains(msg, part) {
					t.Errorf("got %q, want it to contain %q", msg, part)
				}
			}
		})
	}
	t.Run("twice", func(t *testing.T) {
		text := base + "\n[[holiday]]\ndate = 2022-10-14\nname = \"A\"\n\n[[holiday]]\ndate = 2022-10-14\nname = \"B\"\n"
		_, err := Parse("plan.toml", []byte(text))
		if err == nil || !strings.Contains(err.Error(), "holiday 2: date: 2022-10-14 is already a holiday in holiday 1") {
			t.Errorf("a date given twice: %v", err)
		}
	})
}
