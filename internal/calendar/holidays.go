package calendar

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// The rules below are our own code rather than github.com/rickar/cal/v2/gb.
// That package only models England and Wales; it lacks the 2002, 2011 and
// 2012 one-off days and the 2022 State Funeral, and it knows nothing of
// 2 January, St Andrew's Day, St Patrick's Day or the Boyne. Its substitute
// days are fixed weekday offsets that keep the original name, so it cannot
// say "next weekday not already a holiday" (which Scotland's New Year and
// every Christmas that falls on a weekend need). Working round all of that
// would have been more code than the rules themselves. The one thing it would
// have given us, the date of Easter, is a short, well-known formula.

// Holiday is one public holiday.
type Holiday struct {
	Date Date
	Name string // e.g. "Christmas Day (substitute day)", "Bank Holiday for the State Funeral of Queen Elizabeth II"
}

var regions = []string{"england-and-wales", "scotland", "northern-ireland", "none"}

// Regions lists the holiday calendars a plan may name, in this order:
// "england-and-wales", "scotland", "northern-ireland", "none".
func Regions() []string { return slices.Clone(regions) }

// KnownRegion reports whether name is one of Regions().
func KnownRegion(name string) bool { return slices.Contains(regions, name) }

// Holidays returns the public holidays of region in year, sorted by date. "none" has none.
// An unknown region is an error naming the known ones. Years outside 2000–2040 are
// computed by the same rules (never a panic), but only 2000–2040 are promised.
func Holidays(region string, year int) ([]Holiday, error) {
	if !KnownRegion(region) {
		return nil, fmt.Errorf("unknown holiday region %q: use one of %s", region, strings.Join(regions, ", "))
	}
	if region == "none" {
		return nil, nil
	}
	// Only plausible plan years are cached, so a caller probing odd years
	// cannot grow the cache without bound.
	if year < minCachedYear || year > maxCachedYear {
		return buildHolidays(region, year), nil
	}
	key := cacheKey{region, year}
	if v, ok := holidayCache.Load(key); ok {
		return slices.Clone(v.([]Holiday)), nil
	}
	v, _ := holidayCache.LoadOrStore(key, buildHolidays(region, year))
	// The cached slice is shared between callers, so each gets its own copy.
	return slices.Clone(v.([]Holiday)), nil
}

const (
	minCachedYear = 1970
	maxCachedYear = 2100
)

type cacheKey struct {
	region string
	year   int
}

var holidayCache sync.Map // cacheKey -> []Holiday, never modified once stored

// entry is a holiday before substitute days are settled. Only days that are
// defined by a date of the month (not by a weekday) can fall on a weekend, and
// only those are moved; movable is false for the rest.
type entry struct {
	date    Date
	name    string
	movable bool
}

func buildHolidays(region string, year int) []Holiday {
	var es []entry
	fixed := func(m time.Month, d int, name string) {
		es = append(es, entry{NewDate(year, m, d), name, true})
	}
	on := func(d Date, name string) { es = append(es, entry{d, name, false}) }

	easter := easterSunday(year)

	if region == "scotland" {
		es = append(es, scottishNewYear(year)...)
	} else {
		fixed(time.January, 1, "New Year's Day")
	}
	if region == "northern-ireland" {
		fixed(time.March, 17, "St Patrick's Day")
	}
	on(easter.AddDays(-2), "Good Friday")
	if region != "scotland" {
		on(easter.AddDays(1), "Easter Monday")
	}

	// Early May: moved in 2020 to mark the 75th anniversary of VE Day.
	if year == 2020 {
		on(NewDate(2020, time.May, 8), "Early May bank holiday (VE day)")
	} else {
		on(nthWeekday(year, time.May, time.Monday, 1), "Early May bank holiday")
	}

	// Spring: moved to make a four-day weekend for each royal jubilee.
	switch year {
	case 2002:
		on(NewDate(2002, time.June, 3), "Golden Jubilee of Queen Elizabeth II")
		on(NewDate(2002, time.June, 4), "Spring bank holiday")
	case 2012:
		on(NewDate(2012, time.June, 4), "Spring bank holiday")
		on(NewDate(2012, time.June, 5), "Diamond Jubilee of Queen Elizabeth II")
	case 2022:
		on(NewDate(2022, time.June, 2), "Spring bank holiday")
		on(NewDate(2022, time.June, 3), "Platinum Jubilee bank holiday")
	default:
		on(lastWeekday(year, time.May, time.Monday), "Spring bank holiday")
	}

	if region == "northern-ireland" {
		fixed(time.July, 12, "Battle of the Boyne (Orangemen's Day)")
	}
	// Scotland's summer holiday is the first Monday of August, not the last.
	if region == "scotland" {
		on(nthWeekday(year, time.August, time.Monday, 1), "Summer bank holiday")
	} else {
		on(lastWeekday(year, time.August, time.Monday), "Summer bank holiday")
	}
	// St Andrew's Day became a bank holiday by the St Andrew's Day Bank
	// Holiday (Scotland) Act 2007; before that it was not one.
	if region == "scotland" && year >= 2007 {
		fixed(time.November, 30, "St Andrew's Day")
	}
	fixed(time.December, 25, "Christmas Day")
	fixed(time.December, 26, "Boxing Day")

	switch year {
	case 2011:
		on(NewDate(2011, time.April, 29), "Royal Wedding of Prince William and Catherine Middleton")
	case 2022:
		on(NewDate(2022, time.September, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II")
	case 2023:
		on(NewDate(2023, time.May, 8), "Bank holiday for the coronation of King Charles III")
	}

	return settle(es)
}

// scottishNewYear places Scotland's two New Year holidays as a pair: New
// Year's Day on the first weekday from 1 January, 2nd January on the weekday
// after it. So when 1 January is a Sunday, New Year's Day moves to Monday 2
// and 2nd January to Tuesday 3, as gov.uk lists 2017 and 2023; the general
// rule in settle would have kept 2nd January on the Monday.
func scottishNewYear(year int) []entry {
	first := NewDate(year, time.January, 1)
	for isWeekend(first) {
		first = first.AddDays(1)
	}
	second := first.AddDays(1)
	for isWeekend(second) {
		second = second.AddDays(1)
	}
	name := func(d Date, day int, n string) string {
		if d != NewDate(year, time.January, day) {
			return n + " (substitute day)"
		}
		return n
	}
	return []entry{
		{first, name(first, 1, "New Year's Day"), false},
		{second, name(second, 2, "2nd January"), false},
	}
}

// settle places every holiday and moves those on a weekend to the next
// weekday not already a holiday. Weekday holidays are placed first so that,
// when Christmas is a Sunday, Boxing Day keeps Monday 26 and Christmas's
// substitute takes Tuesday 27, as gov.uk lists it.
func settle(es []entry) []Holiday {
	taken := make(map[Date]bool, len(es))
	out := make([]Holiday, 0, len(es))
	var weekend []entry
	for _, e := range es {
		if e.movable && isWeekend(e.date) {
			weekend = append(weekend, e)
			continue
		}
		taken[e.date] = true
		out = append(out, Holiday{e.date, e.name})
	}
	slices.SortStableFunc(weekend, func(a, b entry) int { return cmp.Compare(a.date, b.date) })
	for _, e := range weekend {
		d := e.date.AddDays(1)
		for isWeekend(d) || taken[d] {
			d = d.AddDays(1)
		}
		taken[d] = true
		out = append(out, Holiday{d, e.name + " (substitute day)"})
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return cmp.Compare(a.Date, b.Date) })
	return out
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// nthWeekday returns the n-th (from 1) weekday wd of month m in year.
func nthWeekday(year int, m time.Month, wd time.Weekday, n int) Date {
	first := NewDate(year, m, 1)
	off := (int(wd) - int(first.Weekday()) + 7) % 7
	return first.AddDays(off + 7*(n-1))
}

// lastWeekday returns the last weekday wd of month m in year.
func lastWeekday(year int, m time.Month, wd time.Weekday) Date {
	last := MonthOf(year, m).Last()
	return last.AddDays(-((int(last.Weekday()) - int(wd) + 7) % 7))
}

// easterSunday returns Western (Gregorian) Easter Sunday by the anonymous
// Gregorian algorithm (Meeus/Jones/Butcher). Integer division here assumes a
// positive year; other years give a harmless, meaningless date.
func easterSunday(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(year, time.Month(month), day)
}
