package backend

import (
	"rota/internal/change"
	"rota/internal/termtext"
)

// checkText refuses, as a *change.RefusedError, an author, a note or an
// absence's reason holding a control character or a bidirectional control:
// they are shown by rota log and the planner to everyone who reads the plan,
// where they could rewrite a terminal or reverse what is read (see
// termtext.Bad). Plan files are held to the same rule by plan.Parse.
func checkText(author, note string, changes ...change.Change) error {
	var probs []string
	add := func(what, s string) {
		if why := termtext.Check(s); why != "" {
			probs = append(probs, what+" has "+why+"; "+termtext.Refusal)
		}
	}
	add("--author", author)
	add("--note", note)
	for _, c := range changes {
		add("--reason", c.Reason)
	}
	if len(probs) > 0 {
		return &change.RefusedError{Problems: probs}
	}
	return nil
}
