package plan

import "slices"

// MapText returns a copy of p with f applied to every free text a person
// wrote (names, titles, areas, reasons, the SPOC's duties, holiday names),
// leaving ids and
// rules as they are. The planner uses it to show text from a database
// written before control characters were refused as escapes.
func (p *Plan) MapText(f func(string) string) *Plan {
	q := *p
	q.Name, q.Organisation, q.Directorate = f(p.Name), f(p.Organisation), f(p.Directorate)
	q.Persons = slices.Clone(p.Persons)
	for i := range q.Persons {
		q.Persons[i].Name, q.Persons[i].Title = f(q.Persons[i].Name), f(q.Persons[i].Title)
	}
	q.SPOC.Duties = slices.Clone(p.SPOC.Duties)
	for i := range q.SPOC.Duties {
		q.SPOC.Duties[i] = f(q.SPOC.Duties[i])
	}
	q.Duties = slices.Clone(p.Duties)
	for i := range q.Duties {
		q.Duties[i].Title, q.Duties[i].Area = f(q.Duties[i].Title), f(q.Duties[i].Area)
	}
	q.Absences = slices.Clone(p.Absences)
	for i := range q.Absences {
		q.Absences[i].Reason = f(q.Absences[i].Reason)
	}
	q.ExtraHolidays = slices.Clone(p.ExtraHolidays)
	for i := range q.ExtraHolidays {
		q.ExtraHolidays[i].Name = f(q.ExtraHolidays[i].Name)
	}
	q.Events = slices.Clone(p.Events)
	for i := range q.Events {
		q.Events[i].Title = f(q.Events[i].Title)
	}
	return &q
}
