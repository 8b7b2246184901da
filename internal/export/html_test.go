package export

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
)

// pageTags are the elements the page template writes; any other tag in an
// export came from a name or a title that was not escaped.
var pageTags = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true, "main": true,
	"header": true, "h1": true, "h2": true, "p": true, "ul": true, "li": true, "b": true, "section": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "span": true, "div": true,
	"caption": true, "i": true, "svg": true, "rect": true, "line": true, "defs": true, "pattern": true, "abbr": true, "small": true, "footer": true,
}

var (
	tagRE     = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>`)
	quotedRE  = regexp.MustCompile(`"[^"]*"`)
	handlerRE = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	refRE     = regexp.MustCompile(`(?i)\s(src|href|xlink:href|action|srcset)\s*=`)
)

// checkMarkup finds tags the template does not write, event-handler
// attributes, scripts and references to anything outside the page.
func checkMarkup(page string) error {
	if strings.Contains(strings.ToLower(page), "<script") {
		return fmt.Errorf("a <script in the page")
	}
	for _, m := range tagRE.FindAllStringSubmatch(page, -1) {
		if !pageTags[strings.ToLower(m[2])] {
			return fmt.Errorf("unexpected tag %q", m[0])
		}
		attrs := quotedRE.ReplaceAllString(m[3], `""`)
		if strings.ContainsAny(attrs, "<'") || handlerRE.MatchString(attrs) {
			return fmt.Errorf("event handler in %q", m[0])
		}
		if refRE.MatchString(attrs) {
			return fmt.Errorf("the page refers outside itself: %q", m[0])
		}
	}
	style := between(page, "<style>", "</style>")
	if len(style) != 1 {
		return fmt.Errorf("want one style sheet, got %d", len(style))
	}
	// url(#…) names something on the page itself (the gap pattern).
	for _, ref := range []string{"http", "@import", "url("} {
		if strings.Contains(strings.ReplaceAll(style[0], "url(#", "#"), ref) {
			return fmt.Errorf("the style sheet refers outside the page: %q", ref)
		}
	}
	return nil
}

func between(s, from, to string) []string {
	var out []string
	for {
		i := strings.Index(s, from)
		if i < 0 {
			return out
		}
		s = s[i+len(from):]
		j := strings.Index(s, to)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(to):]
	}
}

func TestHTMLPage(t *testing.T) {
	r := cumbria(t)
	page := export(t, HTML, r, Options{})
	if err := checkMarkup(page); err != nil {
		t.Fatal(err)
	}
	if got := between(page, "<h1>", "</h1>"); len(got) != 1 || got[0] != "CCCS distributed leadership 2022/23" {
		t.Errorf("h1 %q", got)
	}
	if n := strings.Count(page, `<table class="month">`); n != 9 {
		t.Errorf("%d month calendars, want 9", n)
	}
	// One heat-map row per duty, plus SPOC, presence and DMT.
	if n, want := strings.Count(page, "<svg viewBox="), len(r.Frame.Plan.Duties)+3; n != want {
		t.Errorf("%d heat-map rows, want %d", n, want)
	}
	if strings.Contains(page, `class="nobody"`) || strings.Contains(page, `class="cover"`) {
		t.Errorf("the heat-map shows gaps or cover in a plan with no absence")
	}
	if !strings.Contains(page, "No gaps in this period.") {
		t.Errorf("no-gaps line missing")
	}
	// The rota table, months across.
	spocRow := between(page, "<tr><th>SPOC</th>", "</tr>")
	if len(spocRow) != 1 {
		t.Fatalf("SPOC row %q", spocRow)
	}
	names := between(spocRow[0], `">`, "</td>")
	if got := strings.Join(names, " "); got != "Simon Jo Paul Tracy Simon Jo Paul Tracy Simon" {
		t.Errorf("SPOC row %s", got)
	}
	// The load table: Paul is present on every fourth working day.
	load := between(page, "<tr class=\"\"><th>Paul Robinson<small>Assistant Director</small></th>", "</tr>")
	if len(load) != 1 || !strings.HasPrefix(load[0], `<td title="Sep, Jan">2</td><td title="Aug, Dec">2</td><td>48</td>`) {
		t.Errorf("Paul's load row %q", load)
	}
	// Holidays are marked in the calendars.
	if !strings.Contains(page, `title="Mon 19 Sep 2022 — State Funeral of Queen Elizabeth II"`) &&
		!strings.Contains(page, `title="Mon 19 Sep 2022 — Bank Holiday for the State Funeral of Queen Elizabeth II"`) {
		t.Errorf("19 Sep 2022 is not marked as the State Funeral holiday")
	}
}

func TestHTMLGapsAndCover(t *testing.T) {
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	page := export(t, HTML, r, Options{})
	if err := checkMarkup(page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, `<rect x="64" y="0" width="10" height="1" class="nobody"><title>Senior Information Risk Owner (SIRO): nobody, 3–14 Oct 2022</title></rect>`) {
		t.Errorf("SIRO's gap is not on the heat-map at working days 64–73 (Jul 21, Aug 22, Sep 21 before it)")
	}
	if !strings.Contains(page, `class="cover"><title>SPOC: Simon Higgins (cover), 3–7 Oct 2022</title>`) {
		t.Errorf("Simon acting as SPOC is not on the heat-map")
	}
	if n := strings.Count(page, `<td class="acting gap"`); n != 5 {
		t.Errorf("%d calendar days with acting SPOC and gaps, want 5", n)
	}
	if !strings.Contains(page, `<td class="when">3–7 Oct 2022</td><td class="num">5</td>`) ||
		!strings.Contains(page, `<td>Paul Robinson away</td>`) {
		t.Errorf("gap list lacks Tracy's week or Paul's reason")
	}
	if !strings.Contains(page, `<li class="bad"><b>10</b> days with gaps</li>`) {
		t.Errorf("summary does not count 10 days with gaps")
	}
}

func TestHTMLPersonAndRange(t *testing.T) {
	r := cumbria(t)
	page := export(t, HTML, r, Options{Person: "paul", From: month("2022-09"), To: month("2022-10")})
	if err := checkMarkup(page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, `<p class="for">Rota for Paul Robinson</p>`) {
		t.Errorf("page does not say whose it is")
	}
	if n := strings.Count(page, `<table class="month">`); n != 2 {
		t.Errorf("%d month calendars, want Sep and Oct", n)
	}
	if !strings.Contains(page, `<td class="spoc mine" title="Paul Robinson">Paul</td>`) {
		t.Errorf("Paul's SPOC month is not highlighted")
	}
	if n := strings.Count(page, `<svg viewBox=`); n != 14+3 {
		t.Errorf("%d heat-map rows, want Paul's 14 duties and 3", n)
	}
	if !strings.Contains(page, "Thu 1 Sep 2022 to Mon 31 Oct 2022") {
		t.Errorf("period not narrowed")
	}
}

func TestHTMLEscapesHostileText(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	for _, opt := range []Options{{}, {Person: "zoe"}, {Person: "minus"}} {
		page := export(t, HTML, r, opt)
		if err := checkMarkup(page); err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		h1 := between(page, "<h1>", "</h1>")
		if len(h1) != 1 || html.UnescapeString(h1[0]) != "Rota, \"Quotes\"; semi\\colon\nline two <script>alert('x')</script> & co | pipe" {
			t.Errorf("h1 %q", h1)
		}
	}
}

// The heat-map's three states print apart in greyscale and for red-green
// colour blindness: their lightness differs, and a gap is striped as well.
func TestHeatMapReadsWithoutColour(t *testing.T) {
	luma := func(name string) float64 {
		m := regexp.MustCompile(`--` + name + `: #([0-9a-f]{6});`).FindStringSubmatch(pageSource)
		if m == nil {
			t.Fatalf("no --%s colour", name)
		}
		var r, g, b int
		fmt.Sscanf(m[1], "%02x%02x%02x", &r, &g, &b)
		return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b) // Rec. 601, as greyscale printing
	}
	owner, cover, unconfirmed, nobody := luma("owner"), luma("cover"), luma("unconfirmed"), luma("nobody")
	if owner-cover < 40 || cover-unconfirmed < 40 || unconfirmed-nobody < 30 {
		t.Errorf("greys: owner %.0f, cover %.0f, unconfirmed %.0f, nobody %.0f: want them far apart, lightest first", owner, cover, unconfirmed, nobody)
	}
	for _, want := range []string{"rect.nobody { fill: url(#gap); }", `<pattern id="gap"`, "nobody: a gap (dark, striped)"} {
		if !strings.Contains(pageSource, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Long titles wrap rather than being cut with "…".
	if strings.Contains(pageSource, "text-overflow: ellipsis") {
		t.Error("something is still cut with an ellipsis")
	}
}
