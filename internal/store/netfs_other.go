//go:build !linux && !windows

package store

// networkFS cannot tell a network drive here; "" lets the database open.
func networkFS(string) string { return "" }
