package backend

import (
	"math/rand/v2"
	"rota/internal/change"
	"testing"

	"rota/internal/coverage"
	"rota/internal/plan"
)

// historyOf1000 builds the reference plan with 1,000 changes after its
// import, of the kinds a PA makes over a year: absences recorded and taken
// back, presence days and SPOC months set, covers and owners changed, event
// dates added, undos. The changes are drawn from a fixed seed.
func historyOf1000(b *testing.B) (*Store, Ref) {
	b.Helper()
	s, ref := withCCCS(b)
	// Durability is not what is measured here: skip the syncs to build
	// the history quickly, on one connection so the setting holds.
	s.db().SetMaxOpenConns(1)
	if _, err := s.db().Exec("PRAGMA synchronous = OFF"); err != nil {
		b.Fatal(err)
	}
	defer s.db().Exec("PRAGMA synchronous = FULL")
	rng := rand.New(rand.NewPCG(1, 2))
	snap := load(b, s, ref, 1)
	days, months := snap.Frame.Days, snap.Frame.Months
	rota := []string{"simon", "jo", "paul", "tracy"}
	people := append(rota, "pam", "catherine")
	v := 1
	for v < 1001 {
		pick := func(l []string) string { return l[rng.IntN(len(l))] }
		var c change.Change
		switch r := rng.IntN(20); {
		case r < 7:
			from := days[rng.IntN(len(days))]
			c = change.AddAbsence(plan.Absence{Person: pick(people), From: from, To: from.AddDays(rng.IntN(10)), Reason: "annual leave"})
		case r < 9:
			from := days[rng.IntN(len(days))]
			c = change.RemoveAbsence(pick(people), from, from.AddDays(rng.IntN(10)))
		case r < 13:
			c = change.SetPresence(days[rng.IntN(len(days))], pick(rota))
		case r < 15:
			c = change.SetSPOC(months[rng.IntN(len(months))], pick(rota))
		case r == 15:
			c = change.Swap(months[rng.IntN(len(months))], months[rng.IntN(len(months))])
		case r == 16:
			c = change.SetCover(snap.Plan.Duties[rng.IntN(len(snap.Plan.Duties))].ID, []string{pick(people)})
		case r == 17:
			c = change.AddEventDate("dmt", days[rng.IntN(len(days))])
		default:
			n, err := s.Undo(ctx, ref, v, "ann", "")
			if err == nil {
				v = n
			}
			continue
		}
		if n, err := s.Apply(ctx, ref, v, c, "ann", ""); err == nil {
			v = n
		}
	}
	return s, ref
}

// BenchmarkLoad1000 loads and computes the latest version of a plan with
// 1,000 changes in its history; compare with BenchmarkComputeFromFile1000.
// The cache of evaluated versions is emptied each time: this is the first
// load of a version.
func BenchmarkLoad1000(b *testing.B) {
	s, ref := historyOf1000(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.b.cache = newCache(cacheSize)
		load(b, s, ref, 1001)
	}
}

// BenchmarkLoad1000Cached loads the same version again, as a second front
// end on the same plan does: the backend hands out the snapshot it made.
func BenchmarkLoad1000Cached(b *testing.B) {
	s, ref := historyOf1000(b)
	load(b, s, ref, 1001)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		load(b, s, ref, 1001)
	}
}

// BenchmarkLoad1000Manager is BenchmarkLoad1000 for a manager, who is
// handed a copy without the absences' reasons (reasonView.redact): the
// copy's cost over the whole version's is what leaving reasons out costs.
func BenchmarkLoad1000Manager(b *testing.B) {
	s, ref := historyOf1000(b)
	m := s.b.As(Actor{Name: "mo", Role: RoleManager})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.b.cache = newCache(cacheSize)
		load(b, m, ref, 1001)
	}
}

// BenchmarkComputeFromFile1000 computes the same plan as BenchmarkLoad1000
// from its plan file: read, validate, optimise, evaluate.
func BenchmarkComputeFromFile1000(b *testing.B) {
	s, ref := historyOf1000(b)
	text := load(b, s, ref, 1001).Export()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := plan.Parse("plan.toml", text)
		if err != nil {
			b.Fatal(err)
		}
		coverage.Compute(p)
	}
}

// BenchmarkApply measures saving one change: the transaction, rebuilding the
// latest state, checking the change and writing it durably (fsync).
func BenchmarkApply(b *testing.B) {
	s, ref := withCCCS(b)
	v := 1
	day := load(b, s, ref, 1).Frame.Days[5]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := absence("jo", day.String(), day.String(), "")
		if i%2 == 1 {
			c = change.RemoveAbsence("jo", day, day)
		}
		var err error
		if v, err = s.Apply(ctx, ref, v, c, "ann", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply1000 is BenchmarkApply on a plan with 1,000 changes in its
// history: the state to change is rebuilt from a checkpoint first.
func BenchmarkApply1000(b *testing.B) {
	s, ref := historyOf1000(b)
	v := 1001
	day := load(b, s, ref, v).Frame.Days[5]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := absence("jo", day.String(), day.String(), "bench")
		if i%2 == 1 {
			c = change.RemoveAbsence("jo", day, day)
		}
		var err error
		if v, err = s.Apply(ctx, ref, v, c, "ann", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBytesPerChange reports how much the database grows per change
// over 1,000 changes (pages in use, checkpoints included).
func BenchmarkBytesPerChange(b *testing.B) {
	used := func(s *Store) int64 {
		var pages, free, size int64
		if err := s.db().QueryRow("SELECT (SELECT page_count FROM pragma_page_count), (SELECT freelist_count FROM pragma_freelist_count), (SELECT page_size FROM pragma_page_size)").Scan(&pages, &free, &size); err != nil {
			b.Fatal(err)
		}
		return (pages - free) * size
	}
	for i := 0; i < b.N; i++ {
		imported, _ := withCCCS(b)
		full, _ := historyOf1000(b)
		b.ReportMetric(float64(used(full)-used(imported))/1000, "bytes/change")
	}
}
