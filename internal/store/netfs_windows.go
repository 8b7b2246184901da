package store

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// networkFS says "a network share" when dir is on a mapped network drive or
// a UNC path (GetDriveType: DRIVE_REMOTE), or "".
func networkFS(dir string) string {
	root := filepath.VolumeName(dir) + `\`
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return ""
	}
	if windows.GetDriveType(p) == windows.DRIVE_REMOTE {
		return "a network share"
	}
	return ""
}
