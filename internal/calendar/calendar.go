package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Calendar decides which dates are working days: a weekday in the working
// week that is neither a public holiday of its region nor a closure.
type Calendar struct {
	region   string
	closures map[Date]bool
	workdays [7]bool
	extra    map[Date]string
	holidays map[int]map[Date]string // by year, filled on first use
}

// New returns the calendar of a holiday region (one of Regions; an unknown
// region has no holidays), extra closure dates, the working weekdays and
// extra public holidays (a one-off holiday announced after this binary was
// built, read from gov.uk's file or the plan). An extra holiday on a date the
// built-in list already has keeps the built-in name.
func New(region string, closures []Date, workdays []time.Weekday, extra []Holiday) *Calendar {
	c := &Calendar{region: region, closures: map[Date]bool{}, extra: map[Date]string{}, holidays: map[int]map[Date]string{}}
	for _, h := range extra {
		c.extra[h.Date] = h.Name
	}
	for _, d := range closures {
		c.closures[d] = true
	}
	for _, w := range workdays {
		c.workdays[w] = true
	}
	return c
}

func (c *Calendar) yearHolidays(y int) map[Date]string {
	if h, ok := c.holidays[y]; ok {
		return h
	}
	h := map[Date]string{}
	if list, err := Holidays(c.region, y); err == nil {
		for _, x := range list {
			h[x.Date] = x.Name
		}
	}
	for d, name := range c.extra {
		if _, ok := h[d]; !ok && d.Year() == y {
			h[d] = name
		}
	}
	c.holidays[y] = h
	return h
}

// Holiday returns the name of the public holiday on d, if it is one.
func (c *Calendar) Holiday(d Date) (string, bool) {
	name, ok := c.yearHolidays(d.Year())[d]
	return name, ok
}

// IsWorkday reports whether d's weekday is in the working week.
func (c *Calendar) IsWorkday(d Date) bool { return c.workdays[d.Weekday()] }

// IsWorking reports whether d is a working day.
func (c *Calendar) IsWorking(d Date) bool {
	if !c.workdays[d.Weekday()] || c.closures[d] {
		return false
	}
	_, hol := c.Holiday(d)
	return !hol
}

// WorkingDays returns the working days from..to inclusive, in order.
func (c *Calendar) WorkingDays(from, to Date) []Date {
	var out []Date
	for d := from; d <= to; d++ {
		if c.IsWorking(d) {
			out = append(out, d)
		}
	}
	return out
}

// WhyClosed explains why a date is not a working day ("" when it is one).
func (c *Calendar) WhyClosed(d Date) string {
	if name, ok := c.Holiday(d); ok {
		return name
	}
	if c.closures[d] {
		return "office closure"
	}
	if !c.workdays[d.Weekday()] {
		return d.Weekday().String()
	}
	return ""
}

// WeekdayNames are the spellings plan files use for weekdays, Sunday first
// as time.Weekday counts them.
var WeekdayNames = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads a weekday written as in plan files: "mon" … "sun".
func ParseWeekday(s string) (time.Weekday, error) {
	for i, n := range WeekdayNames {
		if s == n {
			return time.Weekday(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not a weekday: write one of mon, tue, wed, thu, fri, sat, sun", s)
}

// WeekdayName returns the plan-file spelling of w.
func WeekdayName(w time.Weekday) string { return WeekdayNames[w] }

// JoinWeekdays formats weekdays as a plan file would list them.
func JoinWeekdays(ws []time.Weekday) string {
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = WeekdayNames[w]
	}
	return strings.Join(names, ", ")
}
