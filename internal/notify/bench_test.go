package notify

import (
	"fmt"
	"testing"
	"time"

	"rota/internal/backend"
)

// Due on a Friday, when everyone's digest is due, over a history of n
// versions: the attachments' SEQUENCE walks all of them for each person
// with a message (number). Run with go test -bench Due -run '^$'.
func BenchmarkDue(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("versions=%d", n), func(b *testing.B) {
			s, apply := scripted(b)
			when := at("2022-09-05T10:00:00Z")
			for i := 0; i < 4*n && len(mustHistory(b, s)) < n; i++ {
				day := when.AddDate(0, 0, 30+i)
				who := []string{"jo", "paul", "simon", "tracy"}[i%4]
				apply(when.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), words("absent "+who+" "+day.Format("2006-01-02")+" "+day.Format("2006-01-02")))
			}
			if h := len(mustHistory(b, s)); h < n {
				b.Fatalf("%d versions made, want %d", h, n)
			}
			for b.Loop() {
				if _, err := Due(ctx, s, "cccs", at("2022-09-23T12:00:00Z"), Settings{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustHistory(tb testing.TB, s *backend.Session) []backend.VersionInfo {
	tb.Helper()
	h, err := s.History(ctx, backend.Ref{Plan: "cccs"})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}
