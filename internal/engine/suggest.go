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
	count := map[string]int{}
	for _, who := range a.Presence {
		count[who]++
	}
	return SuggestPresenceCounted(f, a, d, count)
}

// SuggestPresenceCounted is SuggestPresence with each person's presence
// days already counted, for callers that keep the counts (the planner asks
// on every frame that shows such a day).
func SuggestPresenceCounted(f *Frame, a Assignment, d calendar.Date, count map[string]int) string {
	k, ok := f.DayIndex(d)
	if !ok || !f.Plan.Presence.Enabled {
		return ""
	}
	order := f.Plan.Presence.Order
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
