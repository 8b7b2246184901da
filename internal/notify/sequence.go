package notify

import (
	"context"

	"rota/internal/backend"
	"rota/internal/export"
)

// number fills the ICS of each message that has a calendar, each event
// with the SEQUENCE the calendar feeds and exports give it: its revisions
// over the plan's versions up to the message's (export.Sequences, RFC 5545
// section 3.8.7.4). A calendar that imported the reminder's attachment
// then takes a later "your plan changed" attachment's entries, which have
// the same UIDs, as updates instead of keeping the older ones. One walk
// over the history serves every person and version; a run with nothing to
// attach walks nothing.
func number(ctx context.Context, s *backend.Session, ref backend.Ref, identity string, msgs []Message) error {
	at := map[string]map[int]*export.Sequences{} // person → version → the numbering as at that version
	upto := 0
	for _, m := range msgs {
		if m.calendar == nil {
			continue
		}
		if at[m.Person] == nil {
			at[m.Person] = map[int]*export.Sequences{}
		}
		at[m.Person][m.seqAt] = nil
		upto = max(upto, m.seqAt)
	}
	if upto == 0 {
		return nil
	}
	running := map[string]*export.Sequences{}
	for person := range at {
		running[person] = export.NewSequences()
	}
	p := Plan{Identity: identity}
	err := s.Walk(ctx, ref, upto, func(snap *backend.Snapshot) error {
		for person, seq := range running {
			var events []export.Event
			if snap.Result != nil {
				events, _ = export.CalendarEvents(snap.Result, calendarOptions(p, person)) // a version without the person has none
			}
			seq.Add(events)
			if _, ok := at[person][snap.Version]; ok {
				at[person][snap.Version] = seq.Clone()
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, m := range msgs {
		if m.calendar != nil {
			msgs[i].ICS = m.calendar(at[m.Person][m.seqAt].Of)
		}
	}
	return nil
}
