package ui

import "testing"

// TestHandoverPanel: in Rota, H shows the selected month's handover sheet;
// N adds a note, K records the incoming SPOC's acknowledgement, and the
// sheet says so at once.
func TestHandoverPanel(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "1", "H")
	s := screen(m)
	mustContain(t, s, "Handover of", "Presence in county")
	press(m, "N")
	typeText(m, "ICO deadline 12 Oct")
	press(m, "enter")
	mustContain(t, screen(m), "Notes", "ICO deadline 12 Oct")
	press(m, "K")
	mustContain(t, screen(m), "acknowledged")
	mustNotContain(t, screen(m), "not acknowledged")
	press(m, "H")
	mustNotContain(t, screen(m), "Handover of")
}
