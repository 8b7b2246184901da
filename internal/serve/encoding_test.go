package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"pgregory.net/rapid"

	"rota/internal/backend"
)

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                         false,
		"gzip":                     true,
		"gzip, deflate, br":        true,
		"deflate, GZIP;q=0.5":      true,
		"x-gzip":                   true,
		"gzip;q=0":                 false,
		"gzip; q=0.0, identity":    false,
		"br, deflate":              false,
		"identity":                 false,
		"*":                        true,
		"*;q=0":                    false,
		"gzip;q=0, *":              false, // gzip named: its weight decides
		"br;q=1.0, *;q=0.1":        true,
		"gzip;q=0.001":             true,
		"gzip;level=1;q=0.5, br":   true,
		"gzip;q=nonsense, br;q=.3": true, // a weight that cannot be read is 1
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if header != "" {
			r.Header.Set("Accept-Encoding", header)
		}
		if got := acceptsGzip(r); got != want {
			t.Errorf("Accept-Encoding %q: %v, want %v", header, got, want)
		}
	}
}

// Whatever the body, its gzip coding reads back to it.
func TestGzippedReadsBack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		body := rapid.SliceOf(rapid.Byte()).Draw(t, "body")
		gz, err := gzipped(body)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		back, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(back, body) {
			t.Fatalf("read back %d bytes of %d: %v", len(back), len(body), err)
		}
	})
}

// rawGet asks without the Go client's own gzip handling, so that the
// answer is seen as sent.
func rawGet(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// A client that asks for gzip gets the same calendar gzipped, under its
// own ETag; one that does not gets it as is. Either ETag makes a repeat
// request 304.
func TestFeedIsGzippedWhenAsked(t *testing.T) {
	f := newFeedFixture(t, 1000)
	_, token, err := f.admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	url := f.web.URL + FeedPath + token + ".ics"
	plain, body := rawGet(t, url)
	if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" || !bytes.Contains(body, []byte("BEGIN:VCALENDAR")) {
		t.Fatalf("asked nothing: %d, Content-Encoding %q", plain.StatusCode, plain.Header.Get("Content-Encoding"))
	}
	zipped, gz := rawGet(t, url, "Accept-Encoding", "gzip, deflate")
	if zipped.StatusCode != 200 || zipped.Header.Get("Content-Encoding") != "gzip" || zipped.Header.Get("Content-Length") == "" {
		t.Fatalf("asked gzip: %d, Content-Encoding %q", zipped.StatusCode, zipped.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if back, err := io.ReadAll(zr); err != nil || !bytes.Equal(back, body) {
		t.Fatalf("the gzipped calendar is not the calendar (%v)", err)
	}
	if len(gz) >= len(body) {
		t.Errorf("gzip: %d bytes for %d", len(gz), len(body))
	}
	for _, r := range []*http.Response{plain, zipped} {
		if r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Vary %q", r.Header.Get("Vary"))
		}
	}
	plainTag, gzTag := plain.Header.Get("ETag"), zipped.Header.Get("ETag")
	if plainTag == gzTag {
		t.Errorf("the same ETag %s for both codings", plainTag)
	}
	for _, tag := range []string{plainTag, gzTag} {
		for _, coding := range []string{"", "gzip"} {
			if r, _ := rawGet(t, url, "If-None-Match", tag, "Accept-Encoding", coding); r.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match %s, Accept-Encoding %q: %d, want 304", tag, coding, r.StatusCode)
			}
		}
	}
}
