package notify

import (
	"strconv"
	"strings"
	"testing"

	"rota/internal/backend"
	"rota/internal/export"
)

// icsEvents reads an attachment: each event's UID and SEQUENCE.
func icsEvents(t *testing.T, ics []byte) map[string]int {
	t.Helper()
	text := strings.ReplaceAll(string(ics), "\r\n ", "") // unfold (RFC 5545 section 3.1)
	out := map[string]int{}
	uid, seq := "", -1
	for _, l := range strings.Split(text, "\r\n") {
		switch {
		case l == "BEGIN:VEVENT":
			uid, seq = "", -1
		case strings.HasPrefix(l, "UID:"):
			uid = l[len("UID:"):]
		case strings.HasPrefix(l, "SEQUENCE:"):
			n, err := strconv.Atoi(l[len("SEQUENCE:"):])
			if err != nil {
				t.Fatalf("SEQUENCE %q", l)
			}
			seq = n
		case l == "END:VEVENT":
			if uid == "" || seq < 0 {
				t.Fatalf("an event without UID or SEQUENCE in\n%s", text)
			}
			out[uid] = seq
		}
	}
	return out
}

// The attachment of "your plan changed" updates the entries the reminder's
// attachment made: the same UIDs with a higher SEQUENCE, the one the
// person's calendar feed gives them at that version.
func TestChangedAttachmentUpdatesReminder(t *testing.T) {
	s, apply := scripted(t)
	reminder := byPerson(filter(due(t, s, "2022-09-26T08:00:00Z"), KindReminder))["tracy"]
	if len(reminder) != 1 {
		t.Fatalf("Tracy's reminders: %v", keys(reminder))
	}
	before := icsEvents(t, reminder[0].ICS)
	for uid, n := range before {
		if n != 0 {
			t.Fatalf("the first version's %s has SEQUENCE %d", uid, n)
		}
	}
	apply("2022-09-26T10:00:00Z", words("absent tracy 2022-10-10 2022-10-14"))
	changed := byPerson(filter(due(t, s, "2022-09-26T11:00:00Z"), KindChanged))["tracy"]
	if len(changed) != 1 {
		t.Fatalf("Tracy's change messages: %v", keys(changed))
	}
	after := icsEvents(t, changed[0].ICS)

	// Tracy's feed: her calendar without the gaps, numbered over versions 1 and 2.
	snap, err := s.Load(ctx, backend.Ref{Plan: "cccs"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	opt := export.Options{Person: "tracy", Identity: snap.Identity}
	feed := export.NewSequences()
	err = s.Walk(ctx, backend.Ref{Plan: "cccs"}, snap.Version, func(v *backend.Snapshot) error {
		events, _ := export.CalendarEvents(v.Result, opt)
		feed.Add(events)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	events, _ := export.CalendarEvents(snap.Result, opt)
	feedSeq := map[string]int{}
	for _, e := range events {
		feedSeq[e.Key] = feed.Of(e.Key)
	}

	updated, compared := 0, 0
	for uid, n := range after {
		old, ok := before[uid]
		if !ok {
			continue
		}
		if n <= old {
			t.Errorf("%s: SEQUENCE %d after the change, %d in the reminder", uid, n, old)
		}
		updated++
		key, _, _ := strings.Cut(uid, "@")
		if f, ok := feedSeq[key]; ok {
			compared++
			if f != n {
				t.Errorf("%s: SEQUENCE %d in the attachment, %d in the feed", uid, n, f)
			}
		}
	}
	if updated == 0 || compared == 0 {
		t.Fatalf("the change's attachment updates none of the reminder's entries:\nreminder %v\nchange %v", before, after)
	}
}
