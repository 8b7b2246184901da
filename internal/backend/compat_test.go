package backend

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"rota/internal/change"
	"strconv"
	"strings"
	"testing"

	"rota/internal/report"
)

// openCompat opens a copy of testdata/compat/compat.db: a database written
// by the rota before the service layer (gen.sh says how), standing for the
// databases users already have. Opening writes to a file (WAL), so never
// the checked-in one.
func openCompat(t *testing.T) *Store {
	t.Helper()
	src, err := os.Open("testdata/compat/compat.db")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "compat.db")
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func parseRef(s string) Ref {
	p, sc, _ := strings.Cut(s, "/")
	return Ref{Plan: p, Scenario: sc}
}

// TestOldDatabaseEvaluatesUnchanged loads every version of every line of the
// old database and checks that each computes to the very JSON that the
// old rota printed for it (rota show --json, by its SHA-256).
func TestOldDatabaseEvaluatesUnchanged(t *testing.T) {
	s := openCompat(t)
	f, err := os.Open("testdata/compat/show.sha256")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		name, want, _ := strings.Cut(sc.Text(), " ")
		line, ver, _ := strings.Cut(name, "@")
		v, _ := strconv.Atoi(ver)
		snap, err := s.Load(ctx, parseRef(line), v)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rep := snap.Report()
		// Fields added since (plan-format.md section 7: more may be added)
		// are left out: the old rota printed none of them.
		rep.Totals = nil
		rep.UnconfirmedCover = nil
		for i := range rep.Days {
			rep.Days[i].PresenceAway, rep.Days[i].SuggestedPresence = false, nil
		}
		b, err := report.JSON(rep)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s computes differently from the rota that wrote it", name)
		}
		n++
	}
	if n != 87 {
		t.Fatalf("checked %d versions, want 87", n)
	}
}

// TestOldDatabaseHistoryUnchanged checks each line's history as rota log
// --json printed it, and the scenario list.
func TestOldDatabaseHistoryUnchanged(t *testing.T) {
	s := openCompat(t)
	type logEntry struct {
		VersionInfo
		What string `json:"what"`
	}
	for file, ref := range map[string]Ref{
		"log-cccs.json":           {Plan: "cccs"},
		"log-small.json":          {Plan: "small"},
		"log-cccs-paul-sick.json": {Plan: "cccs", Scenario: "paul-sick"},
		"log-cccs-old-idea.json":  {Plan: "cccs", Scenario: "old-idea"},
		"log-cccs-kept.json":      {Plan: "cccs", Scenario: "kept"},
		"log-cccs-rebased.json":   {Plan: "cccs", Scenario: "rebased"},
	} {
		h, err := s.History(ctx, ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		out := make([]logEntry, len(h))
		for i, v := range h {
			v.Time = v.Time.UTC()
			out[i] = logEntry{v, v.Change.Describe()}
		}
		compareJSON(t, file, out)
	}
	list, err := s.Scenarios(ctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	for i := range list {
		list[i].Created = list[i].Created.UTC()
	}
	compareJSON(t, "scenarios-cccs.json", list)
}

func compareJSON(t *testing.T, file string, v any) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata/compat", file))
	if err != nil {
		t.Fatal(err)
	}
	got, err := report.JSON(v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: got\n%s\nwant\n%s", file, got, want)
	}
}

// TestOldDatabaseRecordsReencodeByteForByte reads every stored change and
// effect into today's types and writes them back: the bytes must be those
// stored, so that what this rota writes, an older one still reads, and the
// other way round.
func TestOldDatabaseRecordsReencodeByteForByte(t *testing.T) {
	s := openCompat(t)
	rows, err := s.db().Query("SELECT line_id, number, change, effect FROM version ORDER BY line_id, number")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	kinds := map[string]bool{}
	for rows.Next() {
		var line, n int
		var cj, ej []byte
		if err := rows.Scan(&line, &n, &cj, &ej); err != nil {
			t.Fatal(err)
		}
		var c change.Change
		if err := json.Unmarshal(cj, &c); err != nil {
			t.Fatal(err)
		}
		kinds[c.Kind] = true
		if got, _ := json.Marshal(c); !bytes.Equal(got, cj) {
			t.Errorf("line %d version %d: change %s re-encodes as %s", line, n, cj, got)
		}
		var e change.Effect
		if err := json.Unmarshal(ej, &e); err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(e); !bytes.Equal(got, ej) {
			t.Errorf("line %d version %d: effect %.200s re-encodes as %.200s", line, n, ej, got)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{change.KindImport, change.KindReimport, change.KindSPOC, change.KindSwap, change.KindBuddy, change.KindPresent, change.KindAbsent, change.KindUnabsent,
		change.KindOwner, change.KindCover, change.KindEventDate, change.KindNoEventDate, change.KindUnpin, change.KindReplan, change.KindUndo} {
		if !kinds[k] {
			t.Errorf("the old database has no %s change", k)
		}
	}
}

// TestOldDatabaseTakesNewChanges writes on the old database: a change, its
// undo, and a scenario rebased and adopted.
func TestOldDatabaseTakesNewChanges(t *testing.T) {
	s := openCompat(t)
	ref := Ref{Plan: "cccs"}
	v, err := s.Apply(ctx, ref, 22, change.SetPresence(d("2022-11-16"), "simon"), "pam", "")
	if err != nil || v != 23 {
		t.Fatalf("Apply = %d, %v", v, err)
	}
	if v, err = s.Undo(ctx, ref, 23, "pam", ""); err != nil || v != 24 {
		t.Fatalf("Undo = %d, %v", v, err)
	}
	if _, _, err := s.Rebase(ctx, "cccs", "paul-sick"); err != nil {
		t.Fatal(err)
	}
	// Its absence and cover are made again; the SPOC it set and undid is not.
	if v, err = s.Adopt(ctx, "cccs", "paul-sick"); err != nil || v != 26 {
		t.Fatalf("Adopt = %d, %v", v, err)
	}
	snap, err := s.Load(ctx, ref, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, du := range snap.Plan.Duties {
		if du.ID == "siro" && (du.Owner != "jo" || len(du.Cover) != 1 || du.Cover[0] != "tracy") {
			t.Errorf("siro: owner %s, cover %v; want jo, [tracy]", du.Owner, du.Cover)
		}
	}
}
