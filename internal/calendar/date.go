// Package calendar knows the dates of a plan: civil dates without time zones,
// months, the public holidays of the UK nations, and which dates are working days.
package calendar

import (
	"errors"
	"fmt"
	"time"
)

// Date is a civil date, counted in days since 1970-01-01. Plans speak of whole
// days in one place, so a time zone would only add ways to be off by one; an
// integer also makes date arithmetic and map keys cheap.
type Date int32

// NewDate returns the date y-m-d; out-of-range days and months are normalised
// as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix() / 86400)
}

// FromTime returns the calendar date of t in t's own location.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// YMD returns the year, month and day of d.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// Year returns d's year.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) }

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Month returns the calendar month that contains d.
func (d Date) Month() Month { y, m, _ := d.YMD(); return MonthOf(y, m) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// Short formats d for people: "Mon 3 Oct 2022".
func (d Date) Short() string { return d.Time().Format("Mon 2 Jan 2006") }

// MarshalText writes d as YYYY-MM-DD, so dates read naturally in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads a date written YYYY-MM-DD and refuses anything else,
// including dates that do not exist such as 2023-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		if why := Nonexistent(s); why != "" {
			return 0, errors.New(why)
		}
		return 0, fmt.Errorf("%q is not a date: write it YYYY-MM-DD, e.g. 2022-10-03", s)
	}
	return FromTime(t), nil
}

// Nonexistent says why s, written YYYY-MM-DD, is a day that does not exist
// ("2023-02-29 does not exist: February 2023 has 28 days"); "" when s is not
// written so, or exists.
func Nonexistent(s string) string {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range s[from:to] {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	switch {
	case y < 0 || m < 0 || d < 0:
		return ""
	case m < 1 || m > 12:
		return fmt.Sprintf("%s does not exist: there is no month %d; write the date YYYY-MM-DD", s, m)
	}
	_, _, days := MonthOf(y, time.Month(m)).Last().YMD()
	if d < 1 || d > days {
		return fmt.Sprintf("%s does not exist: %s %d has %d days", s, time.Month(m), y, days)
	}
	return ""
}

// Month is a calendar month, counted as year*12 + (month-1).
type Month int32

// MonthOf returns the month m of year y.
func MonthOf(y int, m time.Month) Month { return Month(y*12 + int(m) - 1) }

// YM returns the year and month of m.
func (m Month) YM() (int, time.Month) { return int(m) / 12, time.Month(int(m)%12 + 1) }

// First returns the first day of m.
func (m Month) First() Date { y, mm := m.YM(); return NewDate(y, mm, 1) }

// Last returns the last day of m.
func (m Month) Last() Date { return (m + 1).First() - 1 }

// String formats m as YYYY-MM.
func (m Month) String() string { y, mm := m.YM(); return fmt.Sprintf("%04d-%02d", y, int(mm)) }

// Label formats m for people: "Oct 2022".
func (m Month) Label() string { return m.First().Time().Format("Jan 2006") }

// ParseMonth reads a month written YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return 0, fmt.Errorf("%q is not a month: write it YYYY-MM, e.g. 2022-10", s)
	}
	return MonthOf(t.Year(), t.Month()), nil
}

// MarshalText writes m as YYYY-MM, so months read naturally in JSON.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a YYYY-MM month.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
