// Package termtext makes text from plans, databases and other people safe
// to print on a terminal: control characters and bidirectional overrides are
// refused on the way in (Check) and shown as escapes on the way out (Escape,
// Writer), and long messages are shortened (Shorten).
package termtext
