package export

import (
	"fmt"
	"strings"

	"rota/internal/plan"
	"rota/internal/report"
)

// Draft says what an export of a saved plan is, for Options.Draft: "" for
// the plan's latest version, "what-if paul-sick" for a scenario (with its
// version when that is not its latest), "version 3, not the latest" for an
// earlier version of the plan. More, such as WhatIfAbsences, is joined with
// "; ".
func Draft(scenario string, version, latest int, more ...string) string {
	var parts []string
	switch {
	case scenario != "" && version != latest:
		parts = append(parts, fmt.Sprintf("what-if %s, version %d", scenario, version))
	case scenario != "":
		parts = append(parts, "what-if "+scenario)
	case version != latest:
		parts = append(parts, fmt.Sprintf("version %d, not the latest", version))
	}
	for _, m := range more {
		if m != "" {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, "; ")
}

// WhatIfAbsences names absences added for a what-if (rota export --absent):
// "what-if Paul Robinson away 3–14 Oct 2022"; "" for none.
func WhatIfAbsences(p *plan.Plan, absences []plan.Absence) string {
	if len(absences) == 0 {
		return ""
	}
	parts := make([]string, len(absences))
	for i, a := range absences {
		parts[i] = clean(p.PersonName(a.Person)) + " away " + report.DateRange(a.From, a.To)
	}
	return "what-if " + strings.Join(parts, ", ")
}
