package export

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"iter"
	"slices"
	"sort"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

//go:embed page.html.tmpl
var pageSource string

// page is the HTML page's template. html/template escapes every value for
// the place it lands (text, attribute, CSS), so names and titles cannot
// inject markup or script.
var page = template.Must(template.New("page").Funcs(template.FuncMap{"dateRange": report.DateRange}).Parse(pageSource))

// writeHTML writes one self-contained printable page: the SPOC rota, month
// calendars of presence with gaps, a coverage heat-map (duties × working
// days: held by the owner, by cover, or nobody), the gaps, the load per
// person and the warnings. It loads nothing from elsewhere, so it can be
// mailed or printed as it is.
//
// With Options.Person the page is about that person: their months, presence
// days and row are highlighted, the heat-map keeps the duties they own or
// cover and the gaps list keeps those they could fill.
func writeHTML(w io.Writer, v *view) error {
	return page.Execute(w, buildPage(v))
}

type htmlPage struct {
	Title, Org, Period, Stamp, Person string
	Draft, DraftTag                   string // what the page is when not the agreed plan
	Stats                             []htmlStat
	Rota                              [][]rotaCol
	SPOCDuties                        string
	Presence                          bool
	Weekdays                          []string
	Months                            []htmlMonth
	Heat                              htmlHeat
	Gaps                              []gapGroup
	Load                              []loadRow
	Warnings                          []coverage.Warning
	Summary                           []yearSummary // a long plan's years (detail.go)
	Whole, DetailNote                 string
}

type htmlStat struct {
	Value int
	Label string
	Bad   bool
}

type rotaCol struct {
	Label, SPOC, Buddy     string
	SPOCTitle, BuddyTitle  string
	SPOCMine, BuddyMine    bool
	WorkingDays, GapDays   int
	ActingDays, NobodyDays int // days the buddy acts; days nobody does
}

type htmlMonth struct {
	Label, SPOC, Buddy string
	Weeks              [][]htmlDay
}

type htmlDay struct {
	Blank           bool
	Day             int
	Name, Note, Gap string
	Class, Title    string
}

type htmlHeat struct {
	N      int
	Months []heatMonth
	Seps   []int
	Groups []heatGroup
}

type heatMonth struct {
	Label string
	Days  int
}

// heatGroup is an area's rows. They are made as the page is written, one
// at a time: a council's 3,000 duties over ten years are millions of runs,
// which the page need never hold at once.
type heatGroup struct {
	Area string
	Rows iter.Seq[heatRow]
}

type heatRow struct {
	Label, Note string
	Statutory   bool
	Runs        []heatRun
}

type heatRun struct {
	X, W         int
	Class, Title string
}

type loadRow struct {
	Name, Title                 string
	Mine, Rota                  bool
	Led, Buddy, Presence, Away  int
	Spread                      []int
	Owned, Statutory, Covered   int
	LedMonths, BuddyMonths, Own string
}

func buildPage(v *view) htmlPage {
	r := v.r
	f := r.Frame
	p := v.p
	pg := htmlPage{Title: clean(p.Name), Presence: p.Presence.Enabled, Stamp: v.stamp.Format("2 Jan 2006"),
		Draft: oneLine(v.opt.Draft), DraftTag: v.draftTag()}
	var org []string
	for _, s := range []string{p.Organisation, p.Directorate} {
		if strings.TrimSpace(s) != "" {
			org = append(org, clean(s))
		}
	}
	pg.Org = strings.Join(org, " · ")
	if v.opt.Person != "" {
		pg.Person = v.name(v.opt.Person)
	}
	from, to := p.Start, p.End
	if len(v.months) > 0 {
		from, _ = v.monthSpan(v.months[0])
		_, to = v.monthSpan(v.months[len(v.months)-1])
	}
	pg.Period = fmt.Sprintf("%s to %s", from.Short(), to.Short())
	if v.long {
		pg.Summary = v.summary()
		pg.Whole = p.Start.Month().Label() + " to " + p.End.Month().Label()
		pg.DetailNote = v.detailNote()
	}
	for _, wd := range v.workdaysMondayFirst() {
		pg.Weekdays = append(pg.Weekdays, wd.String()[:3])
	}

	gaps := v.gaps()
	ranges := report.Ranges(r, gaps)
	gapDates := map[calendar.Date][]coverage.Gap{}
	for _, g := range gaps {
		gapDates[g.Date] = append(gapDates[g.Date], g)
	}
	critical := 0
	for _, g := range ranges {
		if g.Critical {
			critical += g.Days
		}
	}
	totals := report.Count(r, gaps)
	duties := v.duties()
	statutory := 0
	for _, du := range duties {
		if du.Statutory {
			statutory++
		}
	}
	pg.Stats = []htmlStat{
		{Value: len(v.days), Label: "working days"},
		{Value: len(v.months), Label: plural(len(v.months), "month", "months")},
		{Value: len(duties), Label: plural(len(duties), "duty", "duties")},
		{Value: statutory, Label: "statutory"},
		{Value: totals.Gaps, Label: plural(totals.Gaps, "gap", "gaps"), Bad: totals.Gaps > 0},
		{Value: totals.Days, Label: plural(totals.Days, "day with gaps", "days with gaps"), Bad: totals.Days > 0},
		{Value: totals.Runs, Label: plural(totals.Runs, "run", "runs") + " of gaps", Bad: totals.Runs > 0},
		{Value: critical, Label: "critical " + plural(critical, "gap", "gaps"), Bad: critical > 0},
	}

	// SPOC rota, months across, twelve to a row.
	for start := 0; start < len(v.months); start += 12 {
		var cols []rotaCol
		for _, i := range v.months[start:min(start+12, len(v.months))] {
			m := f.Months[i]
			spoc, buddy := r.Assign.SPOC[i], r.Assign.Buddy[i]
			c := rotaCol{Label: m.First().Time().Format("Jan 2006"), SPOC: v.shortName(spoc), Buddy: v.shortName(buddy),
				SPOCTitle: v.name(spoc), BuddyTitle: v.name(buddy),
				SPOCMine: spoc != "" && spoc == v.opt.Person, BuddyMine: buddy != "" && buddy == v.opt.Person,
				WorkingDays: len(f.MonthDays(i))}
			seen := map[calendar.Date]bool{}
			for _, g := range gaps {
				if g.Date.Month() == m {
					seen[g.Date] = true
				}
			}
			c.GapDays = len(seen)
			c.ActingDays, c.NobodyDays = r.SPOCAway(i)
			cols = append(cols, c)
		}
		pg.Rota = append(pg.Rota, cols)
	}
	for _, s := range p.SPOC.Duties {
		if pg.SPOCDuties != "" {
			pg.SPOCDuties += ", "
		}
		pg.SPOCDuties += clean(s)
	}

	for _, i := range v.months {
		pg.Months = append(pg.Months, v.htmlMonth(i, gapDates))
	}
	pg.Heat = v.heat(duties)
	pg.Gaps = v.gapGroups()
	pg.Load = v.load()
	for _, w := range r.Warnings {
		w.Message = clean(w.Message)
		pg.Warnings = append(pg.Warnings, w)
	}
	// Most severe first, as rota check lists them: a reader acts on those.
	rank := map[string]int{coverage.Critical: 0, coverage.Warn: 1, coverage.Advice: 2}
	sort.SliceStable(pg.Warnings, func(i, j int) bool { return rank[pg.Warnings[i].Severity] < rank[pg.Warnings[j].Severity] })
	return pg
}

// htmlMonth lays month i out as weeks of the working weekdays.
func (v *view) htmlMonth(i int, gapDates map[calendar.Date][]coverage.Gap) htmlMonth {
	r := v.r
	f := r.Frame
	m := f.Months[i]
	spoc, buddy := r.Assign.SPOC[i], r.Assign.Buddy[i]
	hm := htmlMonth{Label: m.First().Time().Format("January 2006"), SPOC: v.shortName(spoc), Buddy: v.shortName(buddy)}
	wds := v.workdaysMondayFirst()
	col := map[time.Weekday]int{}
	for j, wd := range wds {
		col[wd] = j
	}
	var week []htmlDay
	for d := m.First(); d <= m.Last(); d++ {
		j, ok := col[d.Weekday()]
		if !ok {
			continue
		}
		if week == nil || j == 0 {
			if week != nil {
				hm.Weeks = append(hm.Weeks, week)
			}
			week = make([]htmlDay, len(wds))
			for x := range week {
				week[x].Blank = true
			}
		}
		week[j] = v.htmlDay(d, gapDates[d])
	}
	if week != nil {
		hm.Weeks = append(hm.Weeks, week)
	}
	// Drop weeks that lie wholly outside the plan.
	hm.Weeks = slices.DeleteFunc(hm.Weeks, func(w []htmlDay) bool {
		for _, d := range w {
			if !d.Blank {
				return false
			}
		}
		return true
	})
	return hm
}

func (v *view) htmlDay(d calendar.Date, gaps []coverage.Gap) htmlDay {
	r := v.r
	f := r.Frame
	if d < v.p.Start || d > v.p.End {
		return htmlDay{Blank: true}
	}
	day := htmlDay{Day: d.Time().Day(), Title: d.Short()}
	if why := f.Cal.WhyClosed(d); why != "" {
		day.Class = "off"
		day.Name = "closed"
		if _, hol := f.Cal.Holiday(d); hol {
			day.Name = "holiday"
		}
		day.Title += " — " + clean(why)
		return day
	}
	k, _ := f.DayIndex(d)
	var classes, parts []string
	if v.p.Presence.Enabled {
		who, away, suggested := v.presence(k)
		switch {
		case away:
			// The gap it is, never the name alone.
			day.Name = "? " + v.shortName(who) + " away"
			day.Note = "→ " + v.shortName(suggested)
			parts = append(parts, "present: nobody ("+v.name(who)+" is away"+suggestNote(v, suggested)+")")
		default:
			day.Name = v.shortName(who)
			parts = append(parts, "present: "+v.name(who))
			if who != "" && who == v.opt.Person {
				classes = append(classes, "mine")
			}
		}
	}
	spoc, _ := r.SPOC(d)
	if acting := r.Acting[k]; acting != spoc {
		if day.Note != "" {
			day.Note += " · "
		}
		day.Note += "SPOC " + v.shortName(acting)
		parts = append(parts, "acting SPOC: "+v.name(acting)+" (for "+v.name(spoc)+")")
		classes = append(classes, "acting")
	}
	if len(gaps) > 0 {
		classes = append(classes, "gap")
		day.Gap = fmt.Sprintf("! %d %s", len(gaps), plural(len(gaps), "gap", "gaps"))
		titles := make([]string, len(gaps))
		for i, g := range gaps {
			titles[i] = r.Title(g)
		}
		parts = append(parts, "gaps: "+strings.Join(titles, ", "))
	}
	day.Class = strings.Join(classes, " ")
	if len(parts) > 0 {
		day.Title += " — " + clean(strings.Join(parts, "; "))
	}
	return day
}

// heat builds the coverage heat-map: per row, runs of consecutive working
// days in the same state, so a row of 190 days that nobody misses is one
// rectangle and the page stays small.
func (v *view) heat(duties []plan.Duty) htmlHeat {
	r := v.r
	f := r.Frame
	h := htmlHeat{N: len(v.days)}
	for n, i := range v.months {
		days := 0
		for _, d := range f.MonthDays(i) {
			if v.inRange(d) {
				days++
			}
		}
		h.Months = append(h.Months, heatMonth{Label: f.Months[i].First().Time().Format("Jan"), Days: days})
		if n > 0 {
			x := 0
			for _, m := range h.Months[:n] {
				x += m.Days
			}
			h.Seps = append(h.Seps, x)
		}
	}
	type state struct{ class, who string }
	row := func(label, note string, statutory bool, at func(k int) state, title func(s state) string) heatRow {
		hr := heatRow{Label: clean(label), Note: note, Statutory: statutory}
		states := make([]state, len(v.days))
		for x, k := range v.days {
			states[x] = at(k)
		}
		for x := 0; x < len(v.days); {
			s := states[x]
			y := x + 1
			for y < len(v.days) && states[y] == s {
				y++
			}
			if s.class != "" {
				from, to := f.Days[v.days[x]], f.Days[v.days[y-1]]
				hr.Runs = append(hr.Runs, heatRun{X: x, W: y - x, Class: s.class,
					Title: clean(title(s) + ", " + report.DateRange(from, to))})
			}
			x = y
		}
		return hr
	}
	held := func(owner, who string) state {
		switch who {
		case "":
			return state{"nobody", ""}
		case owner:
			return state{"owner", who}
		}
		return state{"cover", who}
	}
	whoTitle := func(what string) func(s state) string {
		return func(s state) string {
			switch s.class {
			case "nobody":
				return what + ": nobody"
			case "owner":
				return what + ": " + v.name(s.who)
			case "unconfirmed":
				return what + ": unconfirmed cover, " + v.name(s.who) + " has not accepted"
			}
			return what + ": " + v.name(s.who) + " (cover)"
		}
	}

	var lead []heatRow
	lead = append(lead, row("SPOC", "", false, func(k int) state {
		spoc, _ := r.SPOC(f.Days[k])
		return held(spoc, r.Acting[k])
	}, whoTitle("SPOC")))
	if v.p.Presence.Enabled {
		lead = append(lead, row("Presence in county", "", false, func(k int) state {
			who := r.Assign.Presence[k]
			if who == "" || f.Absent(who, f.Days[k]) {
				return state{"nobody", ""}
			}
			return state{"owner", who}
		}, whoTitle("In county")))
	}
	for _, e := range v.p.Events {
		dates := map[calendar.Date]bool{}
		for _, d := range r.EventDates(e) {
			dates[d] = true
		}
		e := e
		du, needsDuty := f.Duty(e.Needs) // once, not per day: plans have thousands
		lead = append(lead, row(e.Title, "event", false, func(k int) state {
			d := f.Days[k]
			if !dates[d] {
				return state{}
			}
			owner, _ := r.SPOC(d)
			if needsDuty {
				owner = du.Owner
			}
			return held(owner, r.EventHolder(e, d))
		}, whoTitle(e.Title)))
	}
	h.Groups = append(h.Groups, heatGroup{Area: "Single point of contact and presence", Rows: slices.Values(lead)})

	names, by := areas(duties)
	for _, a := range names {
		area := by[a]
		h.Groups = append(h.Groups, heatGroup{Area: clean(a), Rows: func(yield func(heatRow) bool) {
			for _, du := range area {
				if !yield(row(du.Title, v.shortName(du.Owner), du.Statutory, func(k int) state {
					who, st := v.holderStatus(du, f.Days[k])
					if st == coverage.Unconfirmed {
						return state{"unconfirmed", who}
					}
					return held(du.Owner, who)
				}, whoTitle(du.Title))) {
					return
				}
			}
		}})
	}
	return h
}

// load counts each person's share in range: months led and buddied, presence
// days and their spread over the weekdays, duties held, days away.
func (v *view) load() []loadRow {
	r := v.r
	f := r.Frame
	wds := v.workdaysMondayFirst()
	var out []loadRow
	for _, x := range v.p.Persons {
		lr := loadRow{Name: clean(x.Name), Title: clean(x.Title), Rota: x.Rota, Mine: x.ID == v.opt.Person, Spread: make([]int, len(wds))}
		if lr.Name == "" {
			lr.Name = x.ID
		}
		var led, bud []string
		for _, i := range v.months {
			if r.Assign.SPOC[i] == x.ID {
				lr.Led++
				led = append(led, f.Months[i].First().Time().Format("Jan"))
			}
			if r.Assign.Buddy[i] == x.ID {
				lr.Buddy++
				bud = append(bud, f.Months[i].First().Time().Format("Jan"))
			}
		}
		lr.LedMonths, lr.BuddyMonths = strings.Join(led, ", "), strings.Join(bud, ", ")
		for _, k := range v.days {
			d := f.Days[k]
			if r.Assign.Presence[k] == x.ID && v.p.Presence.Enabled && !r.PresenceAway(k) {
				lr.Presence++
				lr.Spread[slices.Index(wds, d.Weekday())]++
			}
			if f.Absent(x.ID, d) {
				lr.Away++
			}
		}
		for _, du := range v.p.Duties {
			if du.Owner == x.ID {
				lr.Owned++
				if du.Statutory {
					lr.Statutory++
				}
			}
			if slices.Contains(du.Cover, x.ID) {
				lr.Covered++
			}
		}
		out = append(out, lr)
	}
	return out
}
