package store

import (
	"strings"
	"testing"
)

// TestNetworkFileSystems: the statfs magic numbers of linux/magic.h for the
// network file systems PAs' shared drives use, and a local disk is none.
func TestNetworkFileSystems(t *testing.T) {
	for magic, name := range map[int64]string{0x6969: "NFS", 0x517b: "SMB", 0xff534d42: "CIFS", 0xfe534d42: "SMB2"} {
		if networkMagic[magic] != name {
			t.Errorf("%#x: %q, want %q", magic, networkMagic[magic], name)
		}
	}
	if fs := networkFS(t.TempDir()); fs != "" {
		t.Errorf("a temporary folder is on %s", fs)
	}
	if why := writeRefusal(t.TempDir() + "/rota.db"); why != "" {
		t.Errorf("a temporary folder refused: %s", why)
	}
	// What a PA is told: the drive, the risk and what to do instead.
	networkMagic[0x01021994] = "TEST" // tmpfs, standing in for a share
	defer delete(networkMagic, 0x01021994)
	if networkFS("/dev/shm") == "TEST" {
		why := writeRefusal("/dev/shm/rota.db")
		if !strings.Contains(why, "network drive (TEST)") || !strings.Contains(why, "--db") {
			t.Errorf("%q", why)
		}
		if _, err := Open("/dev/shm/rota-test-never-made.db"); err == nil || !strings.Contains(err.Error(), "cannot create it: it is on a network drive") {
			t.Errorf("Open: %v", err)
		}
	}
}
