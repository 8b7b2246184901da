package plan

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestEmailLoadsAndRoundTrips(t *testing.T) {
	src := edit(t, base, `name = "Jo Atkinson"`, "name = \"Jo Atkinson\"\nemail = \"jo.atkinson@example.gov.uk\"")
	p, err := Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Persons[0].Email; got != "jo.atkinson@example.gov.uk" {
		t.Fatalf("Email = %q", got)
	}
	if p.Persons[1].Email != "" {
		t.Fatalf("a person without the key has email %q", p.Persons[1].Email)
	}
	again, err := Parse("plan.toml", []byte(Encode(p)))
	if err != nil {
		t.Fatal(err)
	}
	if again.Persons[0].Email != p.Persons[0].Email {
		t.Fatalf("encoded and read again: %q", again.Persons[0].Email)
	}
}

func TestEmailBadInput(t *testing.T) {
	for _, c := range []struct{ email, why string }{
		{`jo`, `"jo" is not an email address`},
		{`jo@`, `"jo@" is not an email address`},
		{`Jo <jo@example.gov.uk>`, `has a name or angle brackets`},
		{`jo@localhost`, `has "localhost" after the @, not a domain`},
		{`jo@example,gov.uk`, `is not an email address`},
		{`jo@exam_ple.gov.uk`, `not a domain`},
		{`jo@example..uk`, `not an email address`},
		{` jo@example.gov.uk`, `has spaces around it`},
		{`jo@exa mple.gov.uk`, `not an email address`},
		{``, `is empty; write the address`},
	} {
		src := edit(t, base, `name = "Jo Atkinson"`, fmt.Sprintf("name = \"Jo Atkinson\"\nemail = %q", c.email))
		msgs := problems(t, src)
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0], `plan.toml:9: person "jo": email: `) || !strings.Contains(msgs[0], c.why) {
			t.Errorf("email %q: got %q, want one problem on line 9 for person \"jo\" saying %q", c.email, msgs, c.why)
		}
	}
	msgs := problems(t, edit(t, base, `name = "Jo Atkinson"`, "name = \"Jo Atkinson\"\nemail = 3"))
	if len(msgs) != 1 || !strings.Contains(msgs[0], "email: want text in quotes") {
		t.Errorf("email = 3: %q", msgs)
	}
}

// An address CheckEmail accepts is one net/mail reads back to itself, and
// one the plan file round-trips.
func TestCheckEmailProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.StringMatching(`[a-zA-Z0-9.+_@<>" -]{0,30}`).Draw(t, "s")
		if CheckEmail(s) != "" {
			return
		}
		if strings.Count(s, "@") != 1 || strings.ContainsAny(s, " <>\"") {
			t.Fatalf("accepted %q", s)
		}
	})
}
