package notify

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"rota/internal/backend"
)

// TestMain lets the test binary act as a rota notify process that the
// crash test kills mid-send (ROTA_NOTIFY_HELPER=send).
func TestMain(m *testing.M) {
	if os.Getenv("ROTA_NOTIFY_HELPER") == "send" {
		os.Exit(helperSend())
	}
	os.Exit(m.Run())
}

func helperSend() int {
	now := at(os.Getenv("ROTA_NOTIFY_NOW"))
	b, err := backend.Open(os.Getenv("ROTA_NOTIFY_DB"), backend.WithClock(func() time.Time { return now }))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	host, port, _ := ParseServer(os.Getenv("ROTA_NOTIFY_SMTP"))
	c := SMTP{Host: host, Port: port, Security: Plain, From: "rota@example.gov.uk", Timeout: time.Minute}
	_, err = Run(ctx, b.As(backend.Local("cron")), "cccs", now, Settings{}, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// A rota notify killed (SIGKILL) while the server holds a message it has
// not yet answered: the message stays claimed, so a run within the lease
// sends nothing; after the lease it goes again with the same Message-ID,
// then never again.
func TestSIGKILLMidSend(t *testing.T) {
	mb := newMailbox(t)
	path := filepath.Join(t.TempDir(), "rota.db")
	clk := &clock{}
	clk.set("2022-09-27T08:00:00Z")
	b, err := backend.Open(path, backend.WithClock(clk.now))
	if err != nil {
		t.Fatal(err)
	}
	s := b.As(backend.Local("ann"))
	defer s.Close()
	if _, err := s.Import(ctx, "cccs", "cccs.toml", cumbria(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	clocks[s] = clk

	mb.set("hold")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ROTA_NOTIFY_HELPER=send", "ROTA_NOTIFY_DB="+path,
		"ROTA_NOTIFY_NOW=2022-09-27T08:00:00Z", "ROTA_NOTIFY_SMTP="+mb.addr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-mb.holding:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the helper never reached DATA")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	held := mb.delivered()
	if len(held) != 1 {
		t.Fatalf("the server holds %d messages, want the one being sent", len(held))
	}
	mb.set("")

	rep := run(t, s, mb.smtp(t), "2022-09-27T08:05:00Z")
	if len(rep.Sent) != 1 {
		t.Fatalf("within the lease: sent %v, want only the message not claimed", rep.Sent)
	}
	rep = run(t, s, mb.smtp(t), "2022-09-27T08:20:00Z")
	if len(rep.Sent) != 1 {
		t.Fatalf("after the lease: sent %v, want the claimed message again", rep.Sent)
	}
	if rep := run(t, s, mb.smtp(t), "2022-09-27T09:00:00Z"); len(rep.Sent) != 0 {
		t.Fatalf("a later run sent %v", rep.Sent)
	}
	got := mb.delivered()
	ids := map[string]int{}
	for _, d := range got {
		ids[d.msg.Header.Get("Message-Id")]++
	}
	if len(got) != 3 || len(ids) != 2 || ids[held[0].msg.Header.Get("Message-Id")] != 2 {
		t.Fatalf("deliveries %d, Message-IDs %v: want the held message twice under one Message-ID and the other once", len(got), ids)
	}
}
