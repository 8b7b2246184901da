package ui

import "testing"

// Planners on the same version share what is derived from it, escaped
// text included: rota serve's sessions hold one copy between them.
func TestPlannersOnOneVersionShareItsDerivedData(t *testing.T) {
	src := newSource(t, "cumbria", cumbria(t))
	a, b := mustCurrent(t, src), mustCurrent(t, src)
	if a == b {
		t.Fatal("the test wants two loads")
	}
	if a.Result != b.Result {
		t.Fatal("two loads of a version do not share its escaped result")
	}
	if derive(a, nil) != derive(b, nil) {
		t.Fatal("two loads of a version do not share its runs")
	}
}
