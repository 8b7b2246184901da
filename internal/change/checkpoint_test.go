package change

import (
	"reflect"
	"strings"
	"testing"

	"rota/internal/plan"
)

// Checkpoints hold plan.Plan as JSON. If its shape changes, old checkpoints
// would load wrong: CheckpointFormat must change with it, and then the shape
// below is updated. A field added whose zero value is right for every older
// checkpoint (ID: no plan file could set it then) needs no new format.
func TestCheckpointFormatFollowsPlanShape(t *testing.T) {
	const want = "Plan{ID string;Name string;Organisation string;Directorate string;Start int32;End int32;Holidays string;HolidaysFile string;" +
		"ExtraHolidays []Holiday{Date int32;Name string};Closures []int32;Workdays []int;" +
		"Persons []Person{ID string;Name string;Title string;Rota bool;Email string};" +
		"SPOC SPOC{Order []string;Buddy string;MostlyAbsent float64;Duties []string;OrderSet bool};" +
		"Presence Presence{Enabled bool;Order []string;OrderSet bool};" +
		"Duties []Duty{ID string;Title string;Area string;Owner string;Cover []string;Statutory bool;AcceptedCover bool};" +
		"Absences []Absence{Person string;From int32;To int32;Reason string};" +
		"Events []Event{ID string;Title string;Needs string;Dates []int32;Weekly *int};" +
		"Acceptances []Acceptance{Duty string;Person string;From int32;To int32;By string};" +
		"Handovers []Handover{Month int32;Person string;Note string;Ack bool;By string};" +
		"Decisions []Decision{Duty string;Date int32;Person string;Decision string;Reasons string;Alternatives string;Conflicts string;Exception string;By string};" +
		"AcceptanceOff bool;HandoverNotice int}"
	if got := shape(reflect.TypeOf(plan.Plan{})); got != want || CheckpointFormat != 5 {
		t.Fatalf("plan.Plan changed shape: bump CheckpointFormat in state.go, then set the shape here to\n%s", got)
	}
}

func shape(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		var fields []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.IsExported() {
				fields = append(fields, f.Name+" "+shape(f.Type))
			}
		}
		return t.Name() + "{" + strings.Join(fields, ";") + "}"
	case reflect.Slice:
		return "[]" + shape(t.Elem())
	case reflect.Pointer:
		return "*" + shape(t.Elem())
	}
	return t.Kind().String()
}
