package backend

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
)

// A backup taken while another goroutine writes is the database at one
// moment: it opens, and its plan is one of the versions written.
func TestBackupWhileWriting(t *testing.T) {
	s, ref := withCCCS(t)
	dir := t.TempDir()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		v := 1
		for i := range 10 {
			c := absence("paul", "2022-10-03", "2022-10-14", "")
			if i%2 == 1 {
				c = absence("jo", "2022-11-07", "2022-11-08", "")
			}
			if n, err := s.Apply(ctx, ref, v, c, "ann", ""); err == nil {
				v = n
			}
		}
	}()
	for i := range 3 {
		path := filepath.Join(dir, "copy"+string(rune('a'+i))+".db")
		if err := s.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		c, err := openS(path)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := c.Load(ctx, ref, 0)
		if err != nil || snap.Version < 1 {
			t.Fatalf("the copy: %v", err)
		}
		c.Close()
	}
	wg.Wait()
	var exists *ExistsError
	if err := s.Backup(ctx, filepath.Join(dir, "copya.db")); !errors.As(err, &exists) {
		t.Fatalf("over an existing file: %v", err)
	}
	var f *ForbiddenError
	if err := s.b.As(Actor{Name: "jo", Role: RolePA}).Backup(ctx, filepath.Join(dir, "x.db")); !errors.As(err, &f) {
		t.Fatalf("a pa's backup: %v", err)
	}
}
