package platform

import (
	"errors"
	"os/user"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// sys builds a System from an environment, an account (nil: none can be
// told) and the files that exist.
func sys(goos string, env map[string]string, acct *user.User, files ...string) System {
	return System{
		GOOS:   goos,
		Getenv: func(k string) string { return env[k] },
		User: func() (*user.User, error) {
			if acct == nil {
				return nil, errors.New("no such account")
			}
			return acct, nil
		},
		Exists: func(p string) bool {
			for _, f := range files {
				if f == p {
					return true
				}
			}
			return false
		},
	}
}

func TestDatabase(t *testing.T) {
	jo := &user.User{Username: "jo", HomeDir: "/home/acct"}
	winJo := &user.User{Username: `CORP\jsmith`, HomeDir: `C:\Users\jsmith`}
	macJo := &user.User{Username: "jo", HomeDir: "/Users/acct"}
	for _, c := range []struct {
		name string
		s    System
		want string // "" when an error is wanted
		err  string
	}{
		// Linux and other Unix: XDG Base Directory Specification.
		{"linux ROTA_DB", sys("linux", map[string]string{"ROTA_DB": "/srv/team.db", "HOME": "/home/jo"}, jo), "/srv/team.db", ""},
		{"linux XDG", sys("linux", map[string]string{"XDG_DATA_HOME": "/data/jo", "HOME": "/home/jo"}, jo), "/data/jo/rota/rota.db", ""},
		{"linux XDG relative is ignored", sys("linux", map[string]string{"XDG_DATA_HOME": "data", "HOME": "/home/jo"}, jo), "/home/jo/.local/share/rota/rota.db", ""},
		{"linux HOME", sys("linux", map[string]string{"HOME": "/home/jo"}, jo), "/home/jo/.local/share/rota/rota.db", ""},
		{"linux no HOME: the account's", sys("linux", nil, jo), "/home/acct/.local/share/rota/rota.db", ""},
		{"linux nothing", sys("linux", nil, nil), "", "cannot tell where to keep saved plans: $HOME is not set; give --db PATH or set $ROTA_DB"},
		{"freebsd like linux", sys("freebsd", map[string]string{"HOME": "/usr/home/jo"}, nil), "/usr/home/jo/.local/share/rota/rota.db", ""},

		// macOS: Application Support.
		{"mac HOME", sys("darwin", map[string]string{"HOME": "/Users/jo"}, macJo), "/Users/jo/Library/Application Support/rota/rota.db", ""},
		{"mac no HOME: the account's", sys("darwin", nil, macJo), "/Users/acct/Library/Application Support/rota/rota.db", ""},
		{"mac XDG set on purpose", sys("darwin", map[string]string{"HOME": "/Users/jo", "XDG_DATA_HOME": "/Users/jo/xdg"}, macJo), "/Users/jo/xdg/rota/rota.db", ""},
		{"mac ROTA_DB", sys("darwin", map[string]string{"HOME": "/Users/jo", "ROTA_DB": "/Volumes/team/rota.db"}, macJo), "/Volumes/team/rota.db", ""},
		{"mac keeps the database of earlier versions", sys("darwin", map[string]string{"HOME": "/Users/jo"}, macJo,
			"/Users/jo/.local/share/rota/rota.db"), "/Users/jo/.local/share/rota/rota.db", ""},
		{"mac prefers its own once it exists", sys("darwin", map[string]string{"HOME": "/Users/jo"}, macJo,
			"/Users/jo/.local/share/rota/rota.db", "/Users/jo/Library/Application Support/rota/rota.db"), "/Users/jo/Library/Application Support/rota/rota.db", ""},
		{"mac nothing", sys("darwin", nil, nil), "", "$HOME is not set"},

		// Windows: the LocalAppData known folder.
		{"windows LOCALAPPDATA", sys("windows", map[string]string{"LOCALAPPDATA": `C:\Users\jsmith\AppData\Local`, "USERPROFILE": `C:\Users\jsmith`}, winJo),
			`C:\Users\jsmith\AppData\Local\rota\rota.db`, ""},
		{"windows LOCALAPPDATA with a trailing backslash", sys("windows", map[string]string{"LOCALAPPDATA": `D:\Local\`}, winJo), `D:\Local\rota\rota.db`, ""},
		{"windows no HOME needed", sys("windows", map[string]string{"LOCALAPPDATA": `C:\Users\jsmith\AppData\Local`}, nil), `C:\Users\jsmith\AppData\Local\rota\rota.db`, ""},
		{"windows USERPROFILE only", sys("windows", map[string]string{"USERPROFILE": `C:\Users\jsmith`}, nil), `C:\Users\jsmith\AppData\Local\rota\rota.db`, ""},
		{"windows the account's home only", sys("windows", nil, winJo), `C:\Users\jsmith\AppData\Local\rota\rota.db`, ""},
		{"windows ROTA_DB", sys("windows", map[string]string{"ROTA_DB": `\\server\team\rota.db`, "LOCALAPPDATA": `C:\L`}, winJo), `\\server\team\rota.db`, ""},
		{"windows keeps a database made under Git Bash's HOME", sys("windows", map[string]string{"LOCALAPPDATA": `C:\Users\jsmith\AppData\Local`, "HOME": `C:\Users\jsmith`}, winJo,
			`C:\Users\jsmith\.local\share\rota\rota.db`), `C:\Users\jsmith\.local\share\rota\rota.db`, ""},
		{"windows nothing", sys("windows", nil, nil), "", `cannot tell where to keep saved plans: %LOCALAPPDATA% is not set; give --db PATH or set %ROTA_DB%`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.s.Database()
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrNoDataFolder) {
					t.Fatalf("got %q, %v; want an error saying %q", got, err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestAuthor(t *testing.T) {
	acct := &user.User{Username: "acct"}
	for _, c := range []struct {
		name  string
		s     System
		given string
		want  string
	}{
		{"the flag first", sys("linux", map[string]string{"USER": "jo"}, acct), "  pa ", "pa"},
		{"linux USER", sys("linux", map[string]string{"USER": "jo", "LOGNAME": "lo"}, acct), "", "jo"},
		{"linux LOGNAME", sys("linux", map[string]string{"USER": "  ", "LOGNAME": "lo"}, acct), "", "lo"},
		{"linux the account", sys("linux", nil, acct), "", "acct"},
		{"linux nothing", sys("linux", nil, nil), "", "unknown"},
		{"mac USER", sys("darwin", map[string]string{"USER": "jo"}, acct), "", "jo"},
		{"mac the account", sys("darwin", nil, acct), "", "acct"},
		{"windows the account without its domain", sys("windows", map[string]string{"USERNAME": "other"}, &user.User{Username: `CORP\jsmith`}), "", "jsmith"},
		{"windows a local account", sys("windows", nil, &user.User{Username: `PC-12\Jo Smith`}), "", "Jo Smith"},
		{"windows USERNAME when the account cannot be told", sys("windows", map[string]string{"USERNAME": "jsmith", "USER": "bash"}, nil), "", "jsmith"},
		{"windows no USER read", sys("windows", map[string]string{"USER": "bash"}, nil), "", "unknown"},
		{"windows the flag first", sys("windows", nil, &user.User{Username: `CORP\jsmith`}), "pa", "pa"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.s.Author(c.given); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestIsPlanFile(t *testing.T) {
	for p, want := range map[string]bool{
		"plan.toml": true, "PLAN.TOML": true, `C:\Rotas\Cumbria.Toml`: true, "a.tOmL": true,
		".toml": false, "toml": false, "plan.tom": false, "plans": false, "plan.toml.bak": false, "": false,
	} {
		if got := IsPlanFile(p); got != want {
			t.Errorf("IsPlanFile(%q) = %v", p, got)
		}
	}
}

// Whatever the environment, Database names ROTA_DB or a rota.db in a folder
// named rota, with the system's separators; or says that nothing tells
// where.
func TestDatabaseProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		goos := rapid.SampledFrom([]string{"linux", "darwin", "windows", "freebsd"}).Draw(t, "goos")
		sep := "/"
		if goos == "windows" {
			sep = `\`
		}
		dir := rapid.Custom(func(t *rapid.T) string {
			parts := rapid.SliceOfN(rapid.StringMatching(`[A-Za-z0-9 ._-]{1,8}`), 0, 3).Draw(t, "parts")
			root := "/"
			if goos == "windows" {
				root = `C:\`
			}
			return root + strings.Join(parts, sep)
		})
		env := map[string]string{}
		for _, k := range []string{"HOME", "XDG_DATA_HOME", "LOCALAPPDATA", "USERPROFILE"} {
			if rapid.Bool().Draw(t, "set "+k) {
				env[k] = dir.Draw(t, k)
			}
		}
		var acct *user.User
		if rapid.Bool().Draw(t, "account") {
			acct = &user.User{Username: "u", HomeDir: dir.Draw(t, "account home")}
		}
		got, err := sys(goos, env, acct).Database()
		if err != nil {
			if !errors.Is(err, ErrNoDataFolder) {
				t.Fatalf("error %v is not ErrNoDataFolder", err)
			}
			return
		}
		if !strings.HasSuffix(got, sep+"rota"+sep+"rota.db") {
			t.Fatalf("%s: %q is not a rota.db in a rota folder", goos, got)
		}
		if goos == "windows" && strings.Contains(got, "/") {
			t.Fatalf("windows path %q has a slash", got)
		}
		if strings.Contains(got, sep+sep) {
			t.Fatalf("%q has an empty part", got)
		}
	})
}
