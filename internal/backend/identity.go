package backend

import (
	"crypto/rand"
	"encoding/hex"

	"rota/internal/plan"
)

// newIdentity is the identity of a plan saved for the first time: the
// [plan] id its file pins, so that the file's exports and the saved plan's
// match, else 128 random bits, so that no two saved plans share one.
func newIdentity(p *plan.Plan) string {
	if p.ID != "" {
		return p.ID
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b)
}
