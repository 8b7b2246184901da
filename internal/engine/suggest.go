package engine

import "rota/internal/calendar"

// SuggestPresence returns who could be present on working day d instead of
// the person a assigns: the available person of presence.order with the
// fewest presence days in a, ties going to the first after the day's
// plain-rotation place in the order. A saved rota keeps a presence day whose
// person has since been recorded away (spec §9); this is the one-keystroke fix
// the planner offers. It returns "" when nobody else is available or d is not
// a working day.
func SuggestPresence(f *Frame, a Assignment, d calendar.Date) string {
	k, ok := f.DayIndex(d)
	if !ok || !f.Plan.Presence.Enabled {
		return ""
	}
	order := f.Plan.Presence.Order
	if len(order) == 0 {
		return ""
	}
	count := map[string]int{}
	for _, who := range a.Presence {
		count[who]++
	}
	best := ""
	for step := range order {
		id := order[(k+step)%len(order)]
		if id == a.Presence[k] || f.Absent(id, d) {
			continue
		}
		if best == "" || count[id] < count[best] {
			best = id
		}
	}
	return best
}
