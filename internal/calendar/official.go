package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The gov.uk bank-holidays file (https://www.gov.uk/bank-holidays.json) is
// the UK government's own list, published by the Cabinet Office. Its shape:
//
//	{"england-and-wales": {"division": "england-and-wales",
//	                       "events": [{"title": "Christmas Day", "date": "2022-12-27",
//	                                   "notes": "Substitute day", "bunting": true}, …]},
//	 "scotland": {…}, "northern-ireland": {…}}
//
// The divisions' keys are the names Regions uses. A PA downloads it to bring in
// a holiday announced after this binary was built.

// MaxOfficialBytes bounds the bank-holidays file read, so that a wrong file
// (a video, a disk image) is refused rather than read into memory. gov.uk's
// own file is about 20 KB.
const MaxOfficialBytes = 1 << 20

// OfficialEvent is one event of the gov.uk bank-holidays file.
type OfficialEvent struct {
	Title   string // e.g. "New Year’s Day", with gov.uk's typographic apostrophe
	Date    Date
	Notes   string // "" or "Substitute day"
	Bunting bool   // whether gov.uk shows bunting; not used by the rota
	Line    int    // line of the file where the event starts, from 1
}

// Holiday returns the event as the built-in lists name it: an ASCII
// apostrophe, and " (substitute day)" for gov.uk's "Substitute day" note.
func (e OfficialEvent) Holiday() Holiday {
	name := strings.ReplaceAll(strings.TrimSpace(e.Title), "’", "'")
	if strings.EqualFold(strings.TrimSpace(e.Notes), "substitute day") {
		name += " (substitute day)"
	}
	return Holiday{Date: e.Date, Name: name}
}

// OfficialError is a fault in a bank-holidays file: where it is (Line from 1,
// 0 when unknown; Entry such as `scotland event 3`; Key such as "date") and
// what would be right.
type OfficialError struct {
	Line  int
	Entry string
	Key   string
	Msg   string
}

func (e *OfficialError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Entry != "" {
		b.WriteString(e.Entry + ": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ReadOfficial reads a gov.uk bank-holidays file: each division's events, in
// file order, by division key. Divisions it does not know are kept (the
// caller picks its nation); keys it does not know are ignored, so that a new
// field gov.uk adds does not break old binaries. A file that is not of this
// shape, a missing or empty title, a date not written YYYY-MM-DD, or more than
// MaxOfficialBytes, is an *OfficialError naming line, entry and key.
func ReadOfficial(data []byte) (map[string][]OfficialEvent, error) {
	if len(data) > MaxOfficialBytes {
		return nil, &OfficialError{Msg: fmt.Sprintf("%d bytes is too big for a bank-holidays file (at most %d); download https://www.gov.uk/bank-holidays.json again", len(data), MaxOfficialBytes)}
	}
	r := &officialReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	out, err := r.file()
	if err != nil {
		return nil, err
	}
	return out, nil
}

type officialReader struct {
	data []byte
	dec  *json.Decoder
}

// lineAt returns the line of the first value at or after byte offset off,
// skipping the blanks and separators the decoder has not consumed.
func (r *officialReader) lineAt(off int64) int {
	i := int(min(max(off, 0), int64(len(r.data))))
	for i < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[i]) >= 0 {
		i++
	}
	return 1 + bytes.Count(r.data[:i], []byte("\n"))
}

func (r *officialReader) fail(off int64, entry, key, format string, args ...any) error {
	return &OfficialError{Line: r.lineAt(off), Entry: entry, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// decodeErr turns the decoder's error into one naming the line.
func (r *officialReader) decodeErr(err error, entry, key string) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &OfficialError{Line: r.lineAt(int64(len(r.data))), Entry: entry, Key: key, Msg: "the file ends too early: it is cut short, download it again"}
	case errors.As(err, &se):
		return &OfficialError{Line: r.lineAt(se.Offset - 1), Entry: entry, Key: key, Msg: "JSON syntax: " + se.Error()}
	case errors.As(err, &te):
		if te.Field != "" {
			key = te.Field
		}
		return &OfficialError{Line: r.lineAt(te.Offset - 1), Entry: entry, Key: key, Msg: fmt.Sprintf("want %s, got a JSON %s", jsonWant(te.Type.Kind().String()), te.Value)}
	}
	return &OfficialError{Line: r.lineAt(r.dec.InputOffset()), Entry: entry, Key: key, Msg: err.Error()}
}

func jsonWant(kind string) string {
	switch kind {
	case "string":
		return "text in quotes"
	case "bool":
		return "true or false"
	case "slice":
		return "a list in square brackets"
	case "struct", "map":
		return "an object in braces"
	}
	return kind
}

// open reads the next token, which must be the delimiter want.
func (r *officialReader) open(want json.Delim, entry, key, what string) error {
	off := r.dec.InputOffset()
	tok, err := r.dec.Token()
	if err != nil {
		return r.decodeErr(err, entry, key)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return r.fail(off, entry, key, "want %s; this is not gov.uk's bank-holidays.json (%s)", what, `{"england-and-wales": {"division": …, "events": [{"title": …, "date": "YYYY-MM-DD", …}]}, …}`)
	}
	return nil
}

func (r *officialReader) key(entry string) (string, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return "", r.decodeErr(err, entry, "")
	}
	return tok.(string), nil // inside an object the decoder only yields string keys
}

func (r *officialReader) file() (map[string][]OfficialEvent, error) {
	if err := r.open('{', "", "", "an object in braces holding the divisions"); err != nil {
		return nil, err
	}
	out := map[string][]OfficialEvent{}
	for r.dec.More() {
		division, err := r.key("")
		if err != nil {
			return nil, err
		}
		evs, err := r.division(division)
		if err != nil {
			return nil, err
		}
		out[division] = evs
	}
	if _, err := r.dec.Token(); err != nil {
		return nil, r.decodeErr(err, "", "")
	}
	if off := r.dec.InputOffset(); len(bytes.TrimSpace(r.data[off:])) > 0 {
		return nil, r.fail(off, "", "", "text after the end of the JSON object; the file holds one object")
	}
	if len(out) == 0 {
		return nil, r.fail(0, "", "", "no divisions; want england-and-wales, scotland and northern-ireland")
	}
	return out, nil
}

func (r *officialReader) division(name string) ([]OfficialEvent, error) {
	if err := r.open('{', name, "", "an object in braces with division and events"); err != nil {
		return nil, err
	}
	var evs []OfficialEvent
	sawEvents := false
	for r.dec.More() {
		k, err := r.key(name)
		if err != nil {
			return nil, err
		}
		if k != "events" {
			var skip json.RawMessage
			if err := r.dec.Decode(&skip); err != nil {
				return nil, r.decodeErr(err, name, k)
			}
			continue
		}
		sawEvents = true
		if evs, err = r.events(name); err != nil {
			return nil, err
		}
	}
	off := r.dec.InputOffset()
	if _, err := r.dec.Token(); err != nil {
		return nil, r.decodeErr(err, name, "")
	}
	if !sawEvents {
		return nil, r.fail(off, name, "events", "missing; each division lists its holidays as \"events\": [{\"title\": …, \"date\": \"YYYY-MM-DD\"}, …]")
	}
	return evs, nil
}

func (r *officialReader) events(division string) ([]OfficialEvent, error) {
	if err := r.open('[', division, "events", "a list of events in square brackets"); err != nil {
		return nil, err
	}
	var evs []OfficialEvent
	for i := 1; r.dec.More(); i++ {
		entry := fmt.Sprintf("%s event %d", division, i)
		off := r.dec.InputOffset()
		var raw struct {
			Title   *string `json:"title"`
			Date    *string `json:"date"`
			Notes   string  `json:"notes"`
			Bunting bool    `json:"bunting"`
		}
		if err := r.dec.Decode(&raw); err != nil {
			return nil, r.decodeErr(err, entry, "")
		}
		ev := OfficialEvent{Notes: raw.Notes, Bunting: raw.Bunting, Line: r.lineAt(off)}
		switch {
		case raw.Title == nil:
			return nil, r.fail(off, entry, "title", `missing; each event has "title": "…"`)
		case strings.TrimSpace(*raw.Title) == "":
			return nil, r.fail(off, entry, "title", "is empty; each holiday has a name")
		case raw.Date == nil:
			return nil, r.fail(off, entry, "date", `missing; each event has "date": "YYYY-MM-DD"`)
		}
		ev.Title = *raw.Title
		d, err := ParseDate(*raw.Date)
		if err != nil {
			return nil, r.fail(off, entry, "date", "%v", err)
		}
		ev.Date = d
		evs = append(evs, ev)
	}
	if _, err := r.dec.Token(); err != nil {
		return nil, r.decodeErr(err, division, "events")
	}
	return evs, nil
}
