package plan

import (
	"crypto/sha256"
	"encoding/hex"
)

// maxPlanID bounds a [plan] id: it goes into every calendar UID.
const maxPlanID = 64

// Identity returns what tells this plan apart from every other, for a plan
// file: calendar UIDs are made of it, so importing a newer export updates
// events rather than duplicating them, and two directorates' plans never
// overwrite each other's events.
//
// It is the [plan] id when the file sets one. Otherwise it is derived from
// the organisation, the directorate and the start date, so renaming the plan
// (its name) keeps it; a plan with neither organisation nor directorate
// falls back on its name and start date. A saved plan does not use this: it
// keeps the identity made when it was first saved (see store).
func Identity(p *Plan) string {
	if p.ID != "" {
		return p.ID
	}
	who := p.Organisation + "\x00" + p.Directorate
	if p.Organisation == "" && p.Directorate == "" {
		who = "\x00name\x00" + p.Name
	}
	h := sha256.Sum256([]byte(who + "\x00" + p.Start.String()))
	return hex.EncodeToString(h[:16])
}
