package change

import (
	"reflect"
	"rota/internal/calendar"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := []struct {
		words  string
		reason string
		want   Change
	}{
		{"spoc 2022-10 tracy", "", SetSPOC(m("2022-10"), "tracy")},
		{"swap 2022-10 2022-11", "", Swap(m("2022-10"), m("2022-11"))},
		{"buddy 2022-10 jo", "", SetBuddy(m("2022-10"), "jo")},
		{"present 2022-10-04 jo", "", SetPresence(d("2022-10-04"), "jo")},
		{"presence 2022-10-04 jo", "", SetPresence(d("2022-10-04"), "jo")},
		{"absent jo 2022-10-03 2022-10-14", "sick", Change{Kind: KindAbsent, Person: "jo", Date: d("2022-10-03"), To: d("2022-10-14"), Reason: "sick"}},
		{"absent jo 2022-10-03", "", Change{Kind: KindAbsent, Person: "jo", Date: d("2022-10-03"), To: d("2022-10-03")}},
		{"unabsent jo 2022-10-03 2022-10-14", "", RemoveAbsence("jo", d("2022-10-03"), d("2022-10-14"))},
		{"owner siro simon", "", SetOwner("siro", "simon")},
		{"cover siro simon,jo", "", SetCover("siro", []string{"simon", "jo"})},
		{"cover siro -", "", SetCover("siro", nil)},
		{"event-date dmt 2022-10-05", "", AddEventDate("dmt", d("2022-10-05"))},
		{"no-event-date dmt 2022-10-05", "", RemoveEventDate("dmt", d("2022-10-05"))},
		{"unpin 2022-10", "", UnpinMonth(m("2022-10"))},
		{"unpin 2022-10-04", "", UnpinDay(d("2022-10-04"))},
		{"reimport plan.toml", "", Change{Kind: KindReimport, Path: "plan.toml"}},
	}
	for _, tc := range good {
		got, err := Parse(strings.Fields(tc.words), tc.reason)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %+v, %v; want %+v", tc.words, got, err, tc.want)
		}
		if tc.want.Kind != KindReimport && tc.reason == "" {
			if again, err := Parse(strings.Fields(got.String()), ""); err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("%q: String %q reads back as %+v, %v", tc.words, got.String(), again, err)
			}
		}
	}
	bad := []struct{ words, reason, want string }{
		{"", "", "no change given"},
		{"spoc 2022-10", "", "spoc: want spoc MONTH PERSON, e.g. spoc 2022-10 tracy"},
		{"spoc october tracy", "", `spoc: "october" is not a month`},
		{"present 2022-10-32 jo", "", `present: 2022-10-32 does not exist: October 2022 has 31 days`},
		{"absent jo", "", "absent: want absent PERSON FROM [TO]"},
		{"spoc 2022-10 jo", "sick", "--reason goes with absent, not spoc"},
		{"holiday jo", "", `"holiday" is not a change: write one of spoc, swap`},
	}
	for _, tc := range bad {
		_, err := Parse(strings.Fields(tc.words), tc.reason)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error saying %q", tc.words, err, tc.want)
		}
	}
}

func d(s string) calendar.Date {
	v, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func m(s string) calendar.Month {
	v, err := calendar.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return v
}
