package calendar

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The official lists below are typed in from the gov.uk bank-holiday pages,
// not generated, so that they check the rules rather than repeat them.

var officialEnglandAndWales = map[int][]string{
	2002: {"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25", "2002-12-26"},
	2011: {"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"},
	2012: {"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"},
	2018: {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"},
	2019: {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"},
	2020: {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"},
	2021: {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"},
	2022: {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"},
	2023: {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"},
	2024: {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"},
	2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
	2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
	2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
}

var officialScotland = map[int][]string{
	// 2002 is before St Andrew's Day became a bank holiday (2007).
	2002: {"2002-01-01", "2002-01-02", "2002-03-29", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-05", "2002-12-25", "2002-12-26"},
	2011: {"2011-01-03", "2011-01-04", "2011-04-22", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-01", "2011-11-30", "2011-12-26", "2011-12-27"},
	2012: {"2012-01-02", "2012-01-03", "2012-04-06", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-06", "2012-11-30", "2012-12-25", "2012-12-26"},
	2018: {"2018-01-01", "2018-01-02", "2018-03-30", "2018-05-07", "2018-05-28", "2018-08-06", "2018-11-30", "2018-12-25", "2018-12-26"},
	2019: {"2019-01-01", "2019-01-02", "2019-04-19", "2019-05-06", "2019-05-27", "2019-08-05", "2019-12-02", "2019-12-25", "2019-12-26"},
	2020: {"2020-01-01", "2020-01-02", "2020-04-10", "2020-05-08", "2020-05-25", "2020-08-03", "2020-11-30", "2020-12-25", "2020-12-28"},
	2021: {"2021-01-01", "2021-01-04", "2021-04-02", "2021-05-03", "2021-05-31", "2021-08-02", "2021-11-30", "2021-12-27", "2021-12-28"},
	2022: {"2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"},
	2023: {"2023-01-02", "2023-01-03", "2023-04-07", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-07", "2023-11-30", "2023-12-25", "2023-12-26"},
	2024: {"2024-01-01", "2024-01-02", "2024-03-29", "2024-05-06", "2024-05-27", "2024-08-05", "2024-12-02", "2024-12-25", "2024-12-26"},
	2025: {"2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26"},
	2026: {"2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"},
	2027: {"2027-01-01", "2027-01-04", "2027-03-26", "2027-05-03", "2027-05-31", "2027-08-02", "2027-11-30", "2027-12-27", "2027-12-28"},
}

var officialNorthernIreland = map[int][]string{
	2002: {"2002-01-01", "2002-03-18", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-07-12", "2002-08-26", "2002-12-25", "2002-12-26"},
	2011: {"2011-01-03", "2011-03-17", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-07-12", "2011-08-29", "2011-12-26", "2011-12-27"},
	2012: {"2012-01-02", "2012-03-19", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-07-12", "2012-08-27", "2012-12-25", "2012-12-26"},
	2018: {"2018-01-01", "2018-03-19", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-07-12", "2018-08-27", "2018-12-25", "2018-12-26"},
	2019: {"2019-01-01", "2019-03-18", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-07-12", "2019-08-26", "2019-12-25", "2019-12-26"},
	2020: {"2020-01-01", "2020-03-17", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-07-13", "2020-08-31", "2020-12-25", "2020-12-28"},
	2021: {"2021-01-01", "2021-03-17", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-07-12", "2021-08-30", "2021-12-27", "2021-12-28"},
	2022: {"2022-01-03", "2022-03-17", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-07-12", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"},
	2023: {"2023-01-02", "2023-03-17", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-07-12", "2023-08-28", "2023-12-25", "2023-12-26"},
	2024: {"2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-07-12", "2024-08-26", "2024-12-25", "2024-12-26"},
	2025: {"2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26"},
	2026: {"2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"},
	2027: {"2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28"},
}

func mustHolidays(t *testing.T, region string, year int) []Holiday {
	t.Helper()
	hs, err := Holidays(region, year)
	if err != nil {
		t.Fatalf("Holidays(%q, %d): %v", region, year, err)
	}
	return hs
}

func dateStrings(hs []Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Date.String()
	}
	return out
}

func TestOfficialLists(t *testing.T) {
	for region, byYear := range map[string]map[int][]string{
		"england-and-wales": officialEnglandAndWales,
		"scotland":          officialScotland,
		"northern-ireland":  officialNorthernIreland,
	} {
		for year, want := range byYear {
			t.Run(fmt.Sprintf("%s/%d", region, year), func(t *testing.T) {
				got := dateStrings(mustHolidays(t, region, year))
				if !slices.IsSorted(got) {
					t.Errorf("not sorted: %v", got)
				}
				wantSorted := slices.Sorted(slices.Values(want))
				gotSorted := slices.Sorted(slices.Values(got))
				if !slices.Equal(gotSorted, wantSorted) {
					var missing, extra []string
					for _, d := range wantSorted {
						if !slices.Contains(gotSorted, d) {
							missing = append(missing, d)
						}
					}
					for _, d := range gotSorted {
						if !slices.Contains(wantSorted, d) {
							extra = append(extra, d)
						}
					}
					t.Errorf("missing %v, unexpected %v (got %v)", missing, extra, got)
				}
			})
		}
	}
}

func TestOfficialListsCoverEveryYear(t *testing.T) {
	for y := 2018; y <= 2027; y++ {
		for _, m := range []map[int][]string{officialEnglandAndWales, officialScotland, officialNorthernIreland} {
			if _, ok := m[y]; !ok {
				t.Errorf("no official list typed in for %d", y)
			}
		}
	}
}

func TestNames(t *testing.T) {
	cases := []struct {
		region, date, name string
	}{
		{"england-and-wales", "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{"england-and-wales", "2022-12-26", "Boxing Day"},
		{"england-and-wales", "2022-12-27", "Christmas Day (substitute day)"},
		{"england-and-wales", "2021-12-27", "Christmas Day (substitute day)"},
		{"england-and-wales", "2021-12-28", "Boxing Day (substitute day)"},
		{"england-and-wales", "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{"england-and-wales", "2020-05-08", "Early May bank holiday (VE day)"},
		{"england-and-wales", "2012-06-05", "Diamond Jubilee of Queen Elizabeth II"},
		// 1 January 2023 was a Sunday: Scotland's pair of New Year holidays
		// both move, New Year's Day first.
		{"scotland", "2023-01-02", "New Year's Day (substitute day)"},
		{"scotland", "2023-01-03", "2nd January (substitute day)"},
		{"scotland", "2019-12-02", "St Andrew's Day (substitute day)"},
		{"northern-ireland", "2024-03-18", "St Patrick's Day (substitute day)"},
		{"northern-ireland", "2025-07-14", "Battle of the Boyne (Orangemen's Day) (substitute day)"},
	}
	for _, c := range cases {
		d, err := ParseDate(c.date)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range mustHolidays(t, c.region, d.Year()) {
			if h.Date == d {
				got = append(got, h.Name)
			}
		}
		if len(got) != 1 || got[0] != c.name {
			t.Errorf("%s %s: got names %q, want %q", c.region, c.date, got, c.name)
		}
	}
}

func TestPropertiesAllPromisedYears(t *testing.T) {
	for y := 2000; y <= 2040; y++ {
		ew := mustHolidays(t, "england-and-wales", y)
		sc := mustHolidays(t, "scotland", y)
		ni := mustHolidays(t, "northern-ireland", y)

		minScotland := 9
		if y < 2007 {
			minScotland = 8 // no St Andrew's Day yet
		}
		for _, c := range []struct {
			region string
			hs     []Holiday
			min    int
		}{{"england-and-wales", ew, 8}, {"scotland", sc, minScotland}, {"northern-ireland", ni, 10}} {
			if len(c.hs) < c.min {
				t.Errorf("%s %d: %d holidays, want at least %d", c.region, y, len(c.hs), c.min)
			}
			for i, h := range c.hs {
				if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Errorf("%s %d: %s %q falls on a %s", c.region, y, h.Date, h.Name, wd)
				}
				if h.Date.Year() != y {
					t.Errorf("%s %d: %s is in another year", c.region, y, h.Date)
				}
				if h.Name == "" {
					t.Errorf("%s %d: %s has no name", c.region, y, h.Date)
				}
				if i > 0 && c.hs[i-1].Date >= h.Date {
					t.Errorf("%s %d: not strictly sorted at %s", c.region, y, h.Date)
				}
			}
		}

		// Northern Ireland is England and Wales plus two days: one in March, one in July.
		ewDates, niDates := dateStrings(ew), dateStrings(ni)
		var niOnly []string
		for _, d := range ewDates {
			if !slices.Contains(niDates, d) {
				t.Errorf("%d: %s is a holiday in England and Wales but not Northern Ireland", y, d)
			}
		}
		for _, d := range niDates {
			if !slices.Contains(ewDates, d) {
				niOnly = append(niOnly, d)
			}
		}
		if len(niOnly) != 2 || niOnly[0][5:7] != "03" || niOnly[1][5:7] != "07" {
			t.Errorf("%d: Northern Ireland's own days are %v, want one in March and one in July", y, niOnly)
		}

		// Scotland has no Easter Monday; it has the first Monday of August.
		for _, h := range sc {
			if strings.Contains(h.Name, "Easter Monday") {
				t.Errorf("scotland %d: has %s %s", y, h.Date, h.Name)
			}
		}
		hasStAndrew := slices.ContainsFunc(sc, func(h Holiday) bool { return strings.HasPrefix(h.Name, "St Andrew's Day") })
		if hasStAndrew != (y >= 2007) {
			t.Errorf("scotland %d: St Andrew's Day present = %v", y, hasStAndrew)
		}
	}
}

func TestNone(t *testing.T) {
	for y := 2000; y <= 2040; y++ {
		if hs := mustHolidays(t, "none", y); len(hs) != 0 {
			t.Fatalf("none %d: got %v", y, hs)
		}
	}
}

func TestUnknownRegion(t *testing.T) {
	for _, r := range []string{"", "england", "England-and-Wales", "wales", "uk"} {
		hs, err := Holidays(r, 2024)
		if err == nil {
			t.Errorf("Holidays(%q): no error, got %v", r, hs)
			continue
		}
		for _, known := range Regions() {
			if !strings.Contains(err.Error(), known) {
				t.Errorf("Holidays(%q) error %q does not name %q", r, err, known)
			}
		}
		if KnownRegion(r) {
			t.Errorf("KnownRegion(%q) = true", r)
		}
	}
}

func TestRegions(t *testing.T) {
	want := []string{"england-and-wales", "scotland", "northern-ireland", "none"}
	got := Regions()
	if !slices.Equal(got, want) {
		t.Fatalf("Regions() = %v, want %v", got, want)
	}
	for _, r := range want {
		if !KnownRegion(r) {
			t.Errorf("KnownRegion(%q) = false", r)
		}
	}
	got[0] = "mutated"
	if Regions()[0] != "england-and-wales" {
		t.Error("Regions() exposes its backing array")
	}
}

func TestCallersCannotMutateCache(t *testing.T) {
	first := mustHolidays(t, "england-and-wales", 2024)
	want := slices.Clone(first)
	first[0] = Holiday{Date: 0, Name: "mutated"}
	_ = append(first[:1], Holiday{Name: "appended"})
	if again := mustHolidays(t, "england-and-wales", 2024); !slices.Equal(again, want) {
		t.Errorf("cache changed by a caller: got %v, want %v", again, want)
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := 2018; y <= 2027; y++ {
				hs, err := Holidays("northern-ireland", y)
				if err != nil {
					t.Error(err)
					return
				}
				if got, want := dateStrings(hs), officialNorthernIreland[y]; !slices.Equal(got, want) {
					t.Errorf("%d: got %v, want %v", y, got, want)
				}
				for i := range hs {
					hs[i].Name = "scribbled"
				}
			}
		}()
	}
	wg.Wait()
}

func TestOddYearsDoNotPanic(t *testing.T) {
	for _, y := range []int{math.MinInt, -1_000_000, -1, 0, 1, 1582, 1899, 1999, 2041, 2100, 2101, 9999, 1_000_000, math.MaxInt} {
		for _, r := range Regions() {
			if _, err := Holidays(r, y); err != nil {
				t.Errorf("Holidays(%q, %d): %v", r, y, err)
			}
		}
	}
}

func TestEasterSunday(t *testing.T) {
	// Known Easter Sundays, including the earliest (23 March 2008) and the
	// latest (25 April 2038) in the promised range.
	for _, s := range []string{"2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31", "2025-04-20", "2038-04-25", "2040-04-01"} {
		d, _ := ParseDate(s)
		if got := easterSunday(d.Year()); got != d {
			t.Errorf("easterSunday(%d) = %s, want %s", d.Year(), got, s)
		}
	}
}
