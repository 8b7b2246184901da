// Package platform knows each operating system's conventions for a
// command-line program: where a user's data lives and who the user is.
//
// Everything here is a pure function of a System (the OS name, its
// environment, the account and which files exist), so the rules for Windows,
// macOS and Linux are tested on any machine.
package platform

import (
	"errors"
	"os"
	"os/user"
	"path"
	"path/filepath"
	"runtime"
	"strings"
)

// System is what the conventions read.
type System struct {
	// GOOS is the operating system, as runtime.GOOS spells it ("windows",
	// "darwin", "linux", …).
	GOOS string
	// Getenv reads an environment variable ("" when unset).
	Getenv func(string) string
	// User is the account running the program (os/user.Current); nil, or an
	// error, when it cannot be told.
	User func() (*user.User, error)
	// Exists tells whether a regular file is at path; nil means none is.
	Exists func(path string) bool
}

// Current is the system rota runs on.
func Current() System {
	return System{GOOS: runtime.GOOS, Getenv: os.Getenv, User: user.Current, Exists: fileExists}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// ErrNoDataFolder is returned by Database when neither the environment nor
// the account says where the user's data lives.
var ErrNoDataFolder = errors.New("no data folder")

// Database is the path of the database of saved plans when no --db is given:
//
//   - $ROTA_DB on every system;
//   - Windows: %LOCALAPPDATA%\rota\rota.db, else under %USERPROFILE%\AppData\Local
//     (the Known Folder LocalAppData: data that stays on this machine);
//   - macOS: ~/Library/Application Support/rota/rota.db (Apple's File System
//     Programming Guide), or $XDG_DATA_HOME/rota/rota.db when that is set;
//   - Linux and other Unix: $XDG_DATA_HOME/rota/rota.db, else
//     ~/.local/share/rota/rota.db (XDG Base Directory Specification).
//
// On Windows and macOS a database at the Linux location, where rota kept it
// before, is used while none exists at the system's own, so nothing saved
// is lost. The home folder is $HOME (%USERPROFILE% on Windows), else the
// account's. The error wraps ErrNoDataFolder and says what to set.
func (s System) Database() (string, error) {
	if p := s.getenv("ROTA_DB"); p != "" {
		return p, nil
	}
	xdg, legacy := s.xdgDatabase()
	switch s.GOOS {
	case "windows":
		dir := s.getenv("LOCALAPPDATA")
		if dir == "" {
			if home := s.home(); home != "" {
				dir = s.join(home, "AppData", "Local")
			}
		}
		if dir == "" {
			return "", s.noFolder("%LOCALAPPDATA%")
		}
		return s.preferExisting(s.join(dir, "rota", "rota.db"), legacy), nil
	case "darwin", "ios":
		if xdg != "" {
			return xdg, nil
		}
		home := s.home()
		if home == "" {
			return "", s.noFolder("$HOME")
		}
		return s.preferExisting(s.join(home, "Library", "Application Support", "rota", "rota.db"), legacy), nil
	}
	if xdg != "" {
		return xdg, nil
	}
	if legacy == "" {
		return "", s.noFolder("$HOME")
	}
	return legacy, nil
}

// xdgDatabase is the Linux location: the one $XDG_DATA_HOME names (an
// absolute path, as the specification requires), and the one under the home
// folder.
func (s System) xdgDatabase() (xdg, home string) {
	if d := s.getenv("XDG_DATA_HOME"); d != "" && (path.IsAbs(d) || filepath.IsAbs(d)) {
		xdg = s.join(d, "rota", "rota.db")
	}
	h := s.getenv("HOME") // what rota read before it knew other systems
	if h == "" {
		h = s.home()
	}
	if h != "" {
		home = s.join(h, ".local", "share", "rota", "rota.db")
	}
	if xdg != "" {
		return xdg, xdg
	}
	return "", home
}

// preferExisting keeps a database rota wrote at the Linux location before
// it followed the system's convention, unless one is already at the new one.
func (s System) preferExisting(native, legacy string) string {
	if legacy != "" && s.Exists != nil && !s.Exists(native) && s.Exists(legacy) {
		return legacy
	}
	return native
}

func (s System) noFolder(variable string) error {
	return &noFolderError{variable: variable, windows: s.GOOS == "windows"}
}

type noFolderError struct {
	variable string
	windows  bool
}

func (e *noFolderError) Error() string {
	rotaDB := "$ROTA_DB"
	if e.windows {
		rotaDB = "%ROTA_DB%"
	}
	return "cannot tell where to keep saved plans: " + e.variable + " is not set; give --db PATH or set " + rotaDB
}

func (e *noFolderError) Unwrap() error { return ErrNoDataFolder }

// home is the user's home folder: $HOME (%USERPROFILE% on Windows, where
// $HOME is set only by Unix-like shells), else the account's.
func (s System) home() string {
	vars := []string{"HOME"}
	if s.GOOS == "windows" {
		vars = []string{"USERPROFILE", "HOME"}
	}
	for _, v := range vars {
		if h := s.getenv(v); h != "" {
			return h
		}
	}
	if u := s.account(); u != nil {
		return u.HomeDir
	}
	return ""
}

// Author is who a change is recorded as by when --author is not given:
//
//   - Windows: the account's name without its domain (DOMAIN\jsmith is
//     jsmith), else %USERNAME%;
//   - elsewhere: $USER, else $LOGNAME (POSIX login name), else the account's
//     name — the environment first, as other Unix tools do, so that one
//     account shared through su or a container still tells people apart.
//
// given is the --author flag's value; blanks are trimmed; "unknown" when
// nothing names anyone.
func (s System) Author(given string) string {
	var candidates []func() string
	env := func(v string) func() string { return func() string { return s.getenv(v) } }
	acct := func() string {
		if u := s.account(); u != nil {
			name := u.Username
			if i := strings.LastIndexByte(name, '\\'); i >= 0 {
				name = name[i+1:]
			}
			return name
		}
		return ""
	}
	if s.GOOS == "windows" {
		candidates = []func() string{acct, env("USERNAME")}
	} else {
		candidates = []func() string{env("USER"), env("LOGNAME"), acct}
	}
	if a := strings.TrimSpace(given); a != "" {
		return a
	}
	for _, c := range candidates {
		if a := strings.TrimSpace(c()); a != "" {
			return a
		}
	}
	return "unknown"
}

// IsPlanFile tells whether path names a plan file: it ends in .toml, in any
// case (Windows and macOS file systems ignore case, and PAs type PLAN.TOML).
func IsPlanFile(p string) bool {
	return len(p) > len(".toml") && strings.EqualFold(p[len(p)-len(".toml"):], ".toml")
}

func (s System) getenv(v string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(v)
}

func (s System) account() *user.User {
	if s.User == nil {
		return nil
	}
	u, err := s.User()
	if err != nil {
		return nil
	}
	return u
}

// join joins path elements with the system's separator, whatever system
// this runs on.
func (s System) join(elem ...string) string {
	if s.GOOS != "windows" {
		return path.Join(elem...)
	}
	parts := make([]string, 0, len(elem))
	for i, e := range elem {
		e = strings.ReplaceAll(e, "/", `\`)
		if i > 0 {
			e = strings.TrimLeft(e, `\`)
		}
		if i < len(elem)-1 {
			e = strings.TrimRight(e, `\`)
		}
		if e != "" {
			parts = append(parts, e)
		}
	}
	return strings.Join(parts, `\`)
}
