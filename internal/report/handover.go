package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
)

// Handover statuses of a month (configs/plan-format.md, [[handover]]).
const (
	HandoverAcknowledged    = "acknowledged"
	HandoverNotAcknowledged = "not acknowledged"
	HandoverNotYetDue       = "not yet due"
)

// Handover is a month's handover sheet from its outgoing SPOC to its
// incoming one, made from the plan alone: what the incoming SPOC must know
// to take the month on. People are ids; names are in Names. It is the JSON
// of `rota handover --json`.
type Handover struct {
	Plan        string            `json:"plan,omitempty"`
	Version     int               `json:"version,omitempty"`
	Month       calendar.Month    `json:"month"`
	Outgoing    string            `json:"outgoing_spoc"` // last month's SPOC; "" for the plan's first month
	SPOC        string            `json:"spoc"`
	Buddy       string            `json:"buddy"`
	WorkingDays int               `json:"working_days"`
	Presence    []PresenceDays    `json:"presence"`
	Events      []HandoverEvent   `json:"events"`
	Gaps        []HandoverGap     `json:"gaps"`
	Away        []AwaySpan        `json:"away"`
	CoverMoves  []CoverMove       `json:"cover_moves"`
	Unaccepted  []UnacceptedDuty  `json:"statutory_without_accepted_cover"`
	WhatIfs     []string          `json:"open_what_ifs"`
	Notes       []HandoverNote    `json:"notes"`
	Ack         *HandoverNote     `json:"acknowledged_by"` // null until the incoming SPOC acknowledges
	Status      string            `json:"status"`          // acknowledged, not acknowledged, not yet due
	NoticeFrom  calendar.Date     `json:"notice_from"`     // from this day an unacknowledged handover is shown as such
	Names       map[string]string `json:"names"`           // person id → name
}

// PresenceDays is who is present in the county on which working days.
type PresenceDays struct {
	Person string          `json:"person"` // "" for days nobody is
	Dates  []calendar.Date `json:"dates"`
}

// HandoverEvent is one occurrence of an event and who must attend.
type HandoverEvent struct {
	Date    calendar.Date `json:"date"`
	Event   string        `json:"event"`
	Title   string        `json:"title"`
	Attends string        `json:"attends"` // "" for nobody: a gap
}

// HandoverGap is a run of gap days and who could fill it.
type HandoverGap struct {
	From      calendar.Date `json:"from"`
	To        calendar.Date `json:"to"`
	Days      int           `json:"days"`
	Title     string        `json:"title"`
	Critical  bool          `json:"critical"`
	Why       string        `json:"why"`
	CouldFill []string      `json:"could_fill"` // people of the plan who are not away on its first day and could be asked
}

// AwaySpan is part of an absence inside the month; Reason only when asked.
type AwaySpan struct {
	Person string        `json:"person"`
	From   calendar.Date `json:"from"`
	To     calendar.Date `json:"to"`
	Reason string        `json:"reason,omitempty"`
}

// CoverMove is a run of days on which a duty moves from its away owner to
// cover: Status coverage.Held, or coverage.Unconfirmed when the cover has
// not accepted.
type CoverMove struct {
	Duty   string        `json:"duty"`
	Title  string        `json:"title"`
	Owner  string        `json:"owner"`
	Holder string        `json:"holder"`
	Status string        `json:"status"`
	From   calendar.Date `json:"from"`
	To     calendar.Date `json:"to"`
	Days   int           `json:"days"`
}

// UnacceptedDuty is a duty needing accepted cover that nobody in its cover
// has accepted for any day of the month.
type UnacceptedDuty struct {
	Duty  string   `json:"duty"`
	Title string   `json:"title"`
	Owner string   `json:"owner"`
	Cover []string `json:"cover"`
}

// HandoverNote is a note, or the acknowledgement, with who wrote it and,
// when a PA recorded it for them, By.
type HandoverNote struct {
	Person string `json:"person"`
	By     string `json:"by,omitempty"`
	Note   string `json:"note,omitempty"`
}

// NewHandover builds month m's handover sheet from r: whatIfs are the open
// scenarios' names, today decides Status, reasons adds absence reasons
// (personal data, left out unless asked). ok is false for a month outside
// the plan.
func NewHandover(r *coverage.Result, m calendar.Month, whatIfs []string, today calendar.Date, reasons bool) (Handover, bool) {
	f := r.Frame
	p := f.Plan
	i, ok := f.MonthIndex(m)
	if !ok {
		return Handover{}, false
	}
	days := f.MonthDays(i)
	h := Handover{Month: m, SPOC: r.Assign.SPOC[i], Buddy: r.Assign.Buddy[i], WorkingDays: len(days),
		Presence: []PresenceDays{}, Events: []HandoverEvent{}, Gaps: []HandoverGap{}, Away: []AwaySpan{},
		CoverMoves: []CoverMove{}, Unaccepted: []UnacceptedDuty{}, WhatIfs: append([]string{}, whatIfs...),
		Notes: []HandoverNote{}, Names: map[string]string{}}
	if i > 0 {
		h.Outgoing = r.Assign.SPOC[i-1]
	}
	first, last := m.First(), m.Last()

	if p.Presence.Enabled {
		by := map[string]int{}
		for _, d := range days {
			k, _ := f.DayIndex(d)
			who := r.Assign.Presence[k]
			if r.PresenceAway(k) {
				who = ""
			}
			j, seen := by[who]
			if !seen {
				j = len(h.Presence)
				by[who] = j
				h.Presence = append(h.Presence, PresenceDays{Person: who})
			}
			h.Presence[j].Dates = append(h.Presence[j].Dates, d)
		}
	}

	for _, e := range p.Events {
		for _, d := range r.EventDates(e) {
			if d >= first && d <= last {
				h.Events = append(h.Events, HandoverEvent{Date: d, Event: e.ID, Title: e.Title, Attends: r.EventHolder(e, d)})
			}
		}
	}
	slices.SortStableFunc(h.Events, func(a, b HandoverEvent) int { return int(a.Date) - int(b.Date) })

	var gaps []coverage.Gap
	for d := first; d <= last; d++ {
		gaps = append(gaps, r.GapsOn(d)...)
	}
	for _, g := range RangesWith(r, gaps, reasons) {
		hg := HandoverGap{From: g.From, To: g.To, Days: g.Days, Title: g.Title, Critical: g.Critical, Why: g.Why, CouldFill: []string{}}
		chain := r.Chain(coverage.Gap{Date: g.From, Kind: g.Kind, ID: g.ID})
		for _, x := range p.Persons {
			if !slices.Contains(chain, x.ID) && !f.Absent(x.ID, g.From) && x.Rota {
				hg.CouldFill = append(hg.CouldFill, x.ID)
			}
		}
		h.Gaps = append(h.Gaps, hg)
	}

	for _, a := range p.Absences {
		if a.To < first || a.From > last {
			continue
		}
		s := AwaySpan{Person: a.Person, From: max(a.From, first), To: min(a.To, last)}
		if reasons {
			s.Reason = a.Reason
		}
		h.Away = append(h.Away, s)
	}
	slices.SortStableFunc(h.Away, func(a, b AwaySpan) int { return int(a.From) - int(b.From) })

	for _, du := range p.Duties {
		var cur *CoverMove
		prev := -2
		for _, d := range days {
			k, _ := f.DayIndex(d)
			who, st := r.HolderStatus(du.ID, d)
			if st == coverage.Nobody || who == du.Owner {
				continue
			}
			if cur != nil && k == prev+1 && who == cur.Holder && st == cur.Status {
				cur.To, cur.Days = d, cur.Days+1
			} else {
				if cur != nil {
					h.CoverMoves = append(h.CoverMoves, *cur)
				}
				cur = &CoverMove{Duty: du.ID, Title: du.Title, Owner: du.Owner, Holder: who, Status: st, From: d, To: d, Days: 1}
			}
			prev = k
		}
		if cur != nil {
			h.CoverMoves = append(h.CoverMoves, *cur)
		}
		if p.NeedsAcceptance(du) && du.Statutory && !acceptedIn(p, du, first, last) {
			h.Unaccepted = append(h.Unaccepted, UnacceptedDuty{Duty: du.ID, Title: du.Title, Owner: du.Owner, Cover: append([]string{}, du.Cover...)})
		}
	}

	for _, x := range p.HandoversOf(m) {
		n := HandoverNote{Person: x.Person, By: x.By, Note: x.Note}
		if x.Ack {
			if h.Ack == nil && x.Person == h.SPOC {
				h.Ack = &n
			}
			continue
		}
		h.Notes = append(h.Notes, n)
	}
	h.NoticeFrom = noticeFrom(f, i)
	h.Status = handoverStatus(h.Ack != nil, h.NoticeFrom, today)
	for _, x := range p.Persons {
		h.Names[x.ID] = x.Name
	}
	return h, true
}

// HandoverStatus is month m's handover status as of today, as its sheet
// (NewHandover) says it: HandoverAcknowledged once the month's SPOC has,
// else HandoverNotAcknowledged from handover_notice working days before
// the month (plan-format section on handovers), else HandoverNotYetDue.
// ok is false for a month outside the plan. It reads only the
// acknowledgements, so views may ask it for every month.
func HandoverStatus(r *coverage.Result, m calendar.Month, today calendar.Date) (status string, ok bool) {
	f := r.Frame
	i, ok := f.MonthIndex(m)
	if !ok {
		return "", false
	}
	acked := false
	for _, x := range f.Plan.HandoversOf(m) {
		acked = acked || (x.Ack && x.Person == r.Assign.SPOC[i])
	}
	return handoverStatus(acked, noticeFrom(f, i), today), true
}

// noticeFrom is the working day handover_notice working days before month
// i's first, the plan's first when earlier.
func noticeFrom(f *engine.Frame, i int) calendar.Date {
	if len(f.Days) == 0 {
		return 0
	}
	k0 := 0
	if days := f.MonthDays(i); len(days) > 0 {
		k0, _ = f.DayIndex(days[0])
	}
	return f.Days[max(0, k0-f.Plan.Notice())]
}

func handoverStatus(acked bool, from, today calendar.Date) string {
	switch {
	case acked:
		return HandoverAcknowledged
	case today >= from:
		return HandoverNotAcknowledged
	}
	return HandoverNotYetDue
}

// acceptedIn reports whether someone of du's cover has accepted it for a
// day between from and to.
func acceptedIn(p *plan.Plan, du plan.Duty, from, to calendar.Date) bool {
	for _, a := range p.Acceptances {
		if a.Duty == du.ID && slices.Contains(du.Cover, a.Person) && (a.Whole() || (a.From <= to && a.To >= from)) {
			return true
		}
	}
	return false
}

// Name is a person's name on the sheet, "nobody" for "".
func (h Handover) Name(id string) string {
	if id == "" {
		return "nobody"
	}
	if n, ok := h.Names[id]; ok && n != "" {
		return n
	}
	return id
}

func (h Handover) names(ids []string) string {
	if len(ids) == 0 {
		return "nobody"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = h.Name(id)
	}
	return strings.Join(out, ", ")
}

// Lines returns the sheet as sections of plain lines, headings first, for
// the text, Markdown and HTML forms alike. esc is applied to every piece
// that comes from the plan or a person; the caller's format does the rest.
func (h Handover) Lines(esc func(string) string) []Section {
	n := func(id string) string { return esc(h.Name(id)) }
	var out []Section
	head := Section{Title: "Who"}
	if h.Outgoing != "" {
		head.Lines = append(head.Lines, "Outgoing SPOC: "+n(h.Outgoing))
	}
	head.Lines = append(head.Lines, "SPOC: "+n(h.SPOC), "Buddy: "+n(h.Buddy), fmt.Sprintf("Working days: %d", h.WorkingDays))
	ack := "Handover: " + h.Status
	switch {
	case h.Ack != nil:
		ack += " by " + n(h.Ack.Person)
		if h.Ack.By != "" && h.Ack.By != h.Ack.Person {
			ack += " (recorded by " + esc(h.Ack.By) + ")"
		}
	case h.Status == HandoverNotYetDue:
		ack += fmt.Sprintf(" (shown as not acknowledged from %s)", h.NoticeFrom.Short())
	}
	head.Lines = append(head.Lines, ack)
	out = append(out, head)

	pres := Section{Title: "Presence in county"}
	for _, x := range h.Presence {
		pres.Lines = append(pres.Lines, fmt.Sprintf("%s: %s", n(x.Person), dayList(x.Dates)))
	}
	out = append(out, pres)

	ev := Section{Title: "Events and who attends"}
	for _, e := range h.Events {
		ev.Lines = append(ev.Lines, fmt.Sprintf("%s %s: %s", e.Date.Short(), esc(e.Title), n(e.Attends)))
	}
	out = append(out, ev)

	gp := Section{Title: "Gaps ahead and who could fill them"}
	for _, g := range h.Gaps {
		crit := ""
		if g.Critical {
			crit = " [critical]"
		}
		gp.Lines = append(gp.Lines, fmt.Sprintf("%s: nobody %s (%d %s) — %s%s; could be asked: %s", esc(g.Title), DateRange(g.From, g.To), g.Days, plural(g.Days, "day", "days"), esc(g.Why), crit, esc(h.names(g.CouldFill))))
	}
	out = append(out, gp)

	aw := Section{Title: "Away"}
	for _, a := range h.Away {
		s := fmt.Sprintf("%s: %s", n(a.Person), DateRange(a.From, a.To))
		if a.Reason != "" {
			s += " (" + esc(a.Reason) + ")"
		}
		aw.Lines = append(aw.Lines, s)
	}
	out = append(out, aw)

	cm := Section{Title: "Duties that move to cover"}
	for _, c := range h.CoverMoves {
		s := fmt.Sprintf("%s: %s for %s, %s", esc(c.Title), n(c.Holder), n(c.Owner), DateRange(c.From, c.To))
		if c.Status == coverage.Unconfirmed {
			s += " — UNCONFIRMED COVER: " + n(c.Holder) + " has not accepted"
		}
		cm.Lines = append(cm.Lines, s)
	}
	out = append(out, cm)

	un := Section{Title: "Statutory delegations without accepted cover"}
	for _, u := range h.Unaccepted {
		cover := "no cover"
		if len(u.Cover) > 0 {
			cover = "cover " + esc(h.names(u.Cover)) + ", none accepted"
		}
		un.Lines = append(un.Lines, fmt.Sprintf("%s (owner %s): %s", esc(u.Title), n(u.Owner), cover))
	}
	out = append(out, un)

	wi := Section{Title: "Open what-ifs"}
	for _, w := range h.WhatIfs {
		wi.Lines = append(wi.Lines, esc(w))
	}
	out = append(out, wi)

	no := Section{Title: "Notes"}
	for _, x := range h.Notes {
		who := n(x.Person)
		if x.By != "" && x.By != x.Person {
			who += " (recorded by " + esc(x.By) + ")"
		}
		no.Lines = append(no.Lines, who+": "+esc(x.Note))
	}
	out = append(out, no)
	return out
}

// Section is a heading and its lines; no lines reads "none".
type Section struct {
	Title string
	Lines []string
}

// dayList writes dates of one month compactly: "1, 4–5, 8 Oct 2022".
func dayList(ds []calendar.Date) string {
	if len(ds) == 0 {
		return "none"
	}
	var parts []string
	for i := 0; i < len(ds); {
		j := i
		for j+1 < len(ds) && ds[j+1] == ds[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ds[i].Time().Day(), ds[j].Time().Day()))
		} else {
			parts = append(parts, fmt.Sprint(ds[i].Time().Day()))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ") + " " + ds[0].Time().Format("Jan 2006")
}

// WriteHandover writes the sheet as text for a terminal; every piece from
// the plan or a person goes through esc.
func WriteHandover(w io.Writer, title string, h Handover, esc func(string) string) {
	fmt.Fprintf(w, "Handover of %s: %s\n", h.Month.Label(), esc(title))
	for _, s := range h.Lines(esc) {
		fmt.Fprintf(w, "\n%s\n", s.Title)
		if len(s.Lines) == 0 {
			fmt.Fprintln(w, "  none")
		}
		for _, l := range s.Lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}
