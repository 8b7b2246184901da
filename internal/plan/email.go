package plan

import (
	"fmt"
	"net/mail"
	"strings"
)

// maxEmail is the longest address SMTP carries: RFC 5321 section 4.5.3.1.3
// limits a path to 256 octets including the angle brackets.
const maxEmail = 254

// CheckEmail says why s is not an address rota notify can send to, or ""
// when it is one. It wants a bare addr-spec (RFC 5322 section 3.4.1), as a
// PA copies it from Outlook: jo.atkinson@example.gov.uk, without a display
// name or angle brackets, with a domain of at least two labels.
func CheckEmail(s string) string {
	if strings.TrimSpace(s) != s {
		return "has spaces around it"
	}
	if len(s) > maxEmail {
		return fmt.Sprintf("is %d characters long; an address has at most %d", len(s), maxEmail)
	}
	if strings.ContainsAny(s, "<>\"") {
		return "has a name or angle brackets; write the address alone"
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return "is not an email address"
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if local == "" || len(local) > 64 {
		return "has no part before the @, or one over 64 characters"
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return fmt.Sprintf("has %q after the @, not a domain such as example.gov.uk", domain)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") || !domainLabel(l) {
			return fmt.Sprintf("has %q after the @, not a domain such as example.gov.uk", domain)
		}
	}
	return ""
}

// domainLabel is true for letters, digits and hyphens (RFC 1035 section
// 2.3.1), so that a typo such as jo@example,gov.uk is caught here.
func domainLabel(l string) bool {
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func (d *decoder) email(w where, t map[string]any) string {
	s := d.str(w, t, "email", false)
	if s == "" {
		if _, set := t["email"]; set {
			if v, ok := t["email"].(string); ok && v == "" {
				d.keyErr(w, "email", "is empty; write the address, e.g. %s, or leave the key out", examples["person.email"])
			}
		}
		return ""
	}
	if why := CheckEmail(s); why != "" {
		d.keyErr(w, "email", "%q %s; write it as %s", s, why, examples["person.email"])
		return ""
	}
	return s
}
