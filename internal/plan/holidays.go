package plan

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"rota/internal/calendar"
)

var holidayKeys = []string{"date", "name"}

// holiday reads one [[holiday]] entry: a public holiday the built-in list
// lacks, such as a one-off day announced after this binary was built.
func (d *decoder) holiday(t map[string]any, i int) calendar.Holiday {
	w := where{table: "holiday", index: i, entry: fmt.Sprintf("holiday %d", i+1)}
	d.unknownKeys(w, t, holidayKeys)
	return calendar.Holiday{
		Date: d.date(w, t, "date", true),
		Name: d.str(w, t, "name", true),
	}
}

// holidaysFile reads the gov.uk bank-holidays file the plan names, relative
// to the plan file's folder, and adds its holidays for the plan's nation that
// the built-in list lacks to p.ExtraHolidays. It also checks [[holiday]]
// entries for dates given twice. A file that cannot be read or is not gov.uk's
// format is a problem naming that file, its line, entry and key.
func (d *decoder) holidaysFile(p *Plan) {
	seen := map[calendar.Date]int{}
	for i, h := range p.ExtraHolidays {
		if h.Date == 0 {
			continue
		}
		if j, ok := seen[h.Date]; ok {
			d.keyErr(where{table: "holiday", index: i, entry: fmt.Sprintf("holiday %d", i+1)}, "date",
				"%s is already a holiday in holiday %d (line %d); list each date once", h.Date, j+1, d.loc.key("holiday", j, "date"))
			continue
		}
		seen[h.Date] = i
	}
	defer func() {
		p.ExtraHolidays = slices.DeleteFunc(p.ExtraHolidays, func(h calendar.Holiday) bool { return h.Date == 0 })
		slices.SortStableFunc(p.ExtraHolidays, func(a, b calendar.Holiday) int { return cmp.Compare(a.Date, b.Date) })
		p.ExtraHolidays = slices.CompactFunc(p.ExtraHolidays, func(a, b calendar.Holiday) bool { return a.Date == b.Date })
	}()
	if p.HolidaysFile == "" || !calendar.KnownRegion(p.Holidays) {
		return
	}
	w := where{table: "plan", entry: "[plan]"}
	if p.Holidays == "none" {
		d.keyErr(w, "holidays_file", `holidays = "none" takes no bank holidays: set holidays to the nation whose list the file should add to (%s), or remove holidays_file`, strings.Join(quoteAll(calendar.Regions()[:3]), ", "))
		return
	}
	path := HolidaysPath(d.file, p.HolidaysFile)
	data, err := readBounded(path, calendar.MaxOfficialBytes)
	if err != nil {
		d.keyErr(w, "holidays_file", "cannot read %s: %v; download gov.uk's file from https://www.gov.uk/bank-holidays.json and save it there (the path is relative to the plan file)", path, err)
		return
	}
	divisions, err := calendar.ReadOfficial(data)
	if err != nil {
		var oe *calendar.OfficialError
		if errors.As(err, &oe) {
			d.bad[field{"plan", 0, "holidays_file"}] = true
			d.probs = append(d.probs, Problem{File: path, Line: oe.Line, Entry: oe.Entry, Key: oe.Key, Msg: oe.Msg})
		} else {
			d.keyErr(w, "holidays_file", "%s: %v", path, err)
		}
		return
	}
	events, ok := divisions[p.Holidays]
	if !ok {
		d.bad[field{"plan", 0, "holidays_file"}] = true
		d.probs = append(d.probs, Problem{File: path, Line: 1, Key: p.Holidays,
			Msg: fmt.Sprintf("no %q division, the plan's holidays; gov.uk's file has england-and-wales, scotland and northern-ireland", p.Holidays)})
		return
	}
	builtin := map[int]map[calendar.Date]bool{}
	for _, e := range events {
		y := e.Date.Year()
		if builtin[y] == nil {
			builtin[y] = map[calendar.Date]bool{}
			hs, _ := calendar.Holidays(p.Holidays, y)
			for _, h := range hs {
				builtin[y][h.Date] = true
			}
		}
		if _, listed := seen[e.Date]; builtin[y][e.Date] || listed {
			continue
		}
		seen[e.Date] = -1
		p.ExtraHolidays = append(p.ExtraHolidays, e.Holiday())
	}
}

// HolidaysPath resolves a plan's holidays_file: an absolute path as it is,
// a relative one from the plan file's folder (planPath is the plan file's
// path as given on the command line).
func HolidaysPath(planPath, file string) string {
	if filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(filepath.Dir(planPath), file)
}
