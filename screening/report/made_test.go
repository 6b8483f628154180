package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// Writing a summary again with nothing changed gives it back byte for byte: the layout
// RecordMade writes is WriteSummaryJSON's.
func TestSummaryRewrittenAsItWas(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*.summary.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden JSON summaries: %v", err)
	}
	for _, name := range goldens {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := editMembers(data, func([]member) error { return nil })
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is not written back as it was", name)
		}
	}
}

// An action recorded done after the summary was written reads exactly as if the time had been
// known when it was written: the same bytes WriteSummaryJSON gives with the time in its meta.
func TestRecordMadeAsTheWriterWouldHave(t *testing.T) {
	written := writeJSON(t, newerClear(t))
	now := time.Date(2026, 12, 10, 9, 0, 0, 0, est)
	for _, tc := range []struct {
		action, inTime string
		at             time.Time
	}{
		{"report-now", screening.InTimeYes, time.Date(2026, 12, 3, 16, 5, 0, 0, est)},
		{"report-now", screening.InTimeNo, time.Date(2026, 12, 4, 9, 0, 0, 0, est)},
		{"medical-window", screening.InTimeYes, time.Date(2026, 12, 3, 14, 0, 0, 0, est)}, // the minute it started
		{"criminal-exploitation", screening.InTimeNoDeadline, time.Date(2026, 12, 9, 9, 0, 0, 0, est)},
	} {
		got, made, err := RecordMade(written, tc.action, tc.at, now, false)
		if err != nil {
			t.Fatalf("%s at %s: %v", tc.action, tc.at, err)
		}
		if made.InTime != tc.inTime {
			t.Errorf("%s at %s: in time %q, want %q", tc.action, tc.at, made.InTime, tc.inTime)
		}
		want := writeJSON(t, newerClearWith(t, "", screening.SummaryMeta{Made: map[string]time.Time{tc.action: tc.at}}))
		if !bytes.Equal(got, want) {
			t.Errorf("%s at %s: not what the writer writes\n got %s\nwant %s", tc.action, tc.at, got, want)
		}
		checkSummaryJSON(t, tc.action, got)
	}
}

func TestRecordMadeRefuses(t *testing.T) {
	written := writeJSON(t, newerClear(t)) // started Thu 3 Dec 2026, 14:00 EST
	now := time.Date(2026, 12, 10, 9, 0, 0, 0, est)
	after := time.Date(2026, 12, 3, 16, 0, 0, 0, est)
	done, _, err := RecordMade(written, "report-now", after, now, false)
	if err != nil {
		t.Fatal(err)
	}
	record := bytes.SplitN(writeRecordNDJSON(t, written), []byte("\n"), 2)[0]
	tests := []struct {
		name    string
		summary []byte
		action  string
		at      time.Time
		replace bool
		want    string
		is      error
	}{
		{"an action the summary does not list", written, "report-no", after, false, `the summary lists no action "report-no" (did you mean "report-now"?); it lists medical-window, report-now, criminal-exploitation`, nil},
		{"a time before the interview started", written, "report-now", time.Date(2026, 12, 3, 13, 59, 0, 0, est), false, "earlier than the interview started (2026-12-03T14:00:00-05:00)", screening.ErrMadeBeforeStart},
		{"a time later than now", written, "report-now", now.Add(time.Hour), false, "later than now", screening.ErrFutureClock},
		{"a time already recorded", done, "report-now", after.Add(time.Hour), false, "action report-now: already recorded as done, at Thu 3 Dec 2026, 16:00 EST", ErrAlreadyMade},
		{"a record, not a summary", record, "report-now", after, false, `not a JSON summary (format "safeharbor-record/v1", where a summary says safeharbor-summary/v1)`, nil},
		{"JSON cut off", written[:200], "report-now", after, false, "line 10, column 7: the JSON is cut off here", nil},
		{"not JSON", []byte("{\n  \"format\": x\n}"), "report-now", after, false, "line 2, column 13: not JSON", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := RecordMade(tt.summary, tt.action, tt.at, now, tt.replace)
			if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
			if out != nil {
				t.Error("a refused time still wrote a summary")
			}
		})
	}
	// A mistake is put right only when asked: the new time replaces the old, nothing else moves.
	fixed, made, err := RecordMade(done, "report-now", after.Add(time.Hour), now, true)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := RecordMade(written, "report-now", after.Add(time.Hour), now, false)
	if !bytes.Equal(fixed, want) || made.At != after.Add(time.Hour) {
		t.Errorf("replaced:\n%s\nwant\n%s", fixed, want)
	}
}

// Keys a later version added, at the top and in the action, are kept as they are.
func TestRecordMadeKeepsWhatItDoesNotKnow(t *testing.T) {
	written := writeJSON(t, newerClear(t))
	later := bytes.Replace(written, []byte(`"id": "report-now",`), []byte(`"id": "report-now", "escalated_to": {"unit": "CSEC team", "n": 1.50},`), 1)
	later = bytes.Replace(later, []byte(`"concern": "clear",`), []byte(`"concern": "clear", "review": ["a", "\u003cb\u003e"],`), 1)
	got, _, err := RecordMade(later, "report-now", time.Date(2026, 12, 3, 16, 5, 0, 0, est), time.Date(2026, 12, 10, 9, 0, 0, 0, est), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{`"escalated_to": {`, `"unit": "CSEC team",`, `"n": 1.50`, `"review": [`, `"\u003cb\u003e"`, `"made": {`} {
		if !bytes.Contains(got, []byte(kept)) {
			t.Errorf("%s was not kept:\n%s", kept, got)
		}
	}
}

func writeRecordNDJSON(t *testing.T, summary []byte) []byte {
	t.Helper()
	var recs []screening.Record
	if err := ReadScreenings(summary, func(r screening.Record) { recs = append(recs, r) }); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteRecordsNDJSON(&b, RecordHeader(recs), recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
