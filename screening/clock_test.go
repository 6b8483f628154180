package screening

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDateTime(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 12, 3, 15, 0, 30, 0, ny)
	tests := []struct {
		name string
		text string
		now  time.Time
		want string // RFC 3339; "" for an error
		err  error
	}{
		{"with an offset", "2026-12-03T14:10:00-05:00", now, "2026-12-03T14:10:00-05:00", nil},
		{"with an offset, to the minute", "2026-12-03T09:10Z", now, "2026-12-03T09:10:00Z", nil},
		{"local, read in now's zone", "2026-12-03 14:10", now, "2026-12-03T14:10:00-05:00", nil},
		{"local with a T", "2026-12-02T23:59", now, "2026-12-02T23:59:00-05:00", nil},
		{"local to the second", "2026-12-02 08:05:09", now, "2026-12-02T08:05:09-05:00", nil},
		{"today", "today 14:10", now, "2026-12-03T14:10:00-05:00", nil},
		{"yesterday, one-digit hour", "Yesterday 9:05", now, "2026-12-02T09:05:00-05:00", nil},
		{"Spanish: ayer", "ayer 22:30", now, "2026-12-02T22:30:00-05:00", nil},
		{"Spanish: hoy", "hoy 07:00", now, "2026-12-03T07:00:00-05:00", nil},
		{"now, to the minute", "now", now, "2026-12-03T15:00:00-05:00", nil},
		{"ahora", "AHORA", now, "2026-12-03T15:00:00-05:00", nil},
		{"later than now", "today 18:00", now, "", ErrFutureClock},
		{"tomorrow's date", "2026-12-04 08:00", now, "", ErrFutureClock},
		{"a date alone", "2026-12-03", now, "", ErrNotAClock},
		{"a time alone", "14:10", now, "", ErrNotAClock},
		{"words", "last night", now, "", ErrNotAClock},
		{"no such day", "2026-02-30 10:00", now, "", ErrNotAClock},
		{"no such hour", "today 25:00", now, "", ErrNotAClock},
		{"without a clock: local is UTC", "2026-12-03 14:10", time.Time{}, "2026-12-03T14:10:00Z", nil},
		{"without a clock: no today", "today 14:10", time.Time{}, "", ErrNotAClock},
		{"without a clock: nothing is in the future", "2099-01-01T00:00:00Z", time.Time{}, "2099-01-01T00:00:00Z", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDateTime(tt.text, tt.now)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if tt.err == nil && FormatStoredClock(got) != tt.want {
				t.Errorf("got %s, want %s", FormatStoredClock(got), tt.want)
			}
		})
	}
}

func TestParseWithin(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"24h", 24 * time.Hour, true},
		{"72h", 72 * time.Hour, true},
		{"3d", 72 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{" 5d ", 120 * time.Hour, true},
		{"0h", 0, false},
		{"24", 0, false},
		{"1.5h", 0, false},
		{"24 hours", 0, false},
		{"-1h", 0, false},
		{"2w", 0, false},
		{"1h30m", 0, false},
	} {
		got, ok := ParseWithin(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseWithin(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDateTimeAnswers(t *testing.T) {
	q := &Question{ID: "returned", Mode: ModeRecord, Type: TypeDateTime, Text: "When they came back"}
	for _, tt := range []struct {
		text string
		want string // "" for refused
	}{
		{"2026-12-03T14:10:00-05:00", "2026-12-03T14:10:00-05:00"},
		{"2026-12-03T14:10-05:00", "2026-12-03T14:10:00-05:00"},
		{"2026-12-03 14:10", ""}, // the engine takes a recorded moment: the asker adds the offset
		{"yesterday", ""},
		{"", ""},
	} {
		a, err := normalize(q, Answered(tt.text))
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("%q: accepted as %q", tt.text, a.Text)
		case tt.want != "" && (err != nil || a.Text != tt.want):
			t.Errorf("%q: got %q, %v; want %q", tt.text, a.Text, err, tt.want)
		}
	}
	// Only answered and declined fit a date and time in a condition.
	for _, op := range []Op{OpIs, OpIsNot, OpIncludes, OpLessThan, OpAtLeast} {
		if op.Fits(TypeDateTime) {
			t.Errorf("%s fits a datetime question", op)
		}
	}
	// A written answer: with an offset, or without one in the clock's zone (UTC with none).
	raw := RawAnswer{State: StateAnswered, Text: "2026-12-03 14:10"}
	if a, err := raw.Parse(q); err != nil || a.Text != "2026-12-03T14:10:00Z" {
		t.Errorf("Parse: %q, %v", a.Text, err)
	}
	now := time.Date(2026, 12, 3, 20, 0, 0, 0, time.FixedZone("", -5*3600))
	if a, err := raw.ParseAt(q, now); err != nil || a.Text != "2026-12-03T14:10:00-05:00" {
		t.Errorf("ParseAt: %q, %v", a.Text, err)
	}
	if _, err := (RawAnswer{State: StateAnswered, Text: "2026-12-04 14:10"}).ParseAt(q, now); err == nil || !strings.Contains(err.Error(), "later than now") {
		t.Errorf("a time later than now: %v", err)
	}
	if _, err := (RawAnswer{State: StateAnswered, Text: "soon"}).Parse(q); err == nil || !strings.Contains(err.Error(), "takes a date and time") {
		t.Errorf("words: %v", err)
	}
}

// A date and time is one moment whatever offset it was typed with: a trainee in another time zone
// gave the same answer.
func TestSameMoment(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"2026-12-03T14:10:00-05:00", "2026-12-03T19:10:00Z", true},
		{"2026-12-03T14:10:00-05:00", "2026-12-03T14:10:00Z", false},
	} {
		if got := sameAnswer(Answered(tt.a), Answered(tt.b)); got != tt.same {
			t.Errorf("%s and %s: same %v", tt.a, tt.b, got)
		}
	}
	if sameAnswer(Answered("2026-12-03T14:10:00-05:00"), state(StateDeclined)) {
		t.Error("a moment and a decline are the same")
	}
}

func TestFormatClock(t *testing.T) {
	at := time.Date(2026, 12, 3, 14, 10, 0, 0, time.FixedZone("EST", -5*3600))
	for lang, want := range map[string]string{
		"en":    "Thu 3 Dec 2026, 14:10 EST",
		"es":    "jue 3 de dic de 2026, 14:10 EST",
		"es-US": "jue 3 de dic de 2026, 14:10 EST",
		"vi":    "Thu 3 Dec 2026, 14:10 EST",
	} {
		if got := FormatClock(at, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

func TestDeadlines(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	returned := Answered("2026-12-01T10:00:00-05:00")
	tests := []struct {
		name     string
		returned Answer
		finished time.Time
		zone     *time.Location
		due      string // RFC 3339 of At, "" when not recorded
		overdue  bool
		text     string
	}{
		{"counted from the return", returned, time.Date(2026, 12, 1, 12, 0, 0, 0, est), nil, "2026-12-04T10:00:00-05:00", false, "Due by Fri 4 Dec 2026, 10:00 -0500 (72 hours from Tue 1 Dec 2026, 10:00 -0500: When they came back)."},
		{"shown in the worker's zone", returned, time.Date(2026, 12, 1, 12, 0, 0, 0, est), time.UTC, "2026-12-04T15:00:00Z", false, "Due by Fri 4 Dec 2026, 15:00 UTC (72 hours from Tue 1 Dec 2026, 15:00 UTC: When they came back)."},
		{"passed before the summary", returned, time.Date(2026, 12, 5, 9, 0, 0, 0, est), est, "2026-12-04T10:00:00-05:00", true, "OVERDUE: it was due by Fri 4 Dec 2026, 10:00 EST (72 hours from Tue 1 Dec 2026, 10:00 EST: When they came back)."},
		{"not recorded", state(StateDeclined), time.Date(2026, 12, 1, 12, 0, 0, 0, est), nil, "", false, "The time to count 72 hours from was not recorded (When they came back): find it out and count from it."},
		{"never asked", Answer{}, time.Time{}, nil, "", false, "The time to count 72 hours from was not recorded (When they came back): find it out and count from it."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(richSet())
			if tt.returned.State != "" {
				if err := s.Answer("returned", tt.returned); err != nil {
					t.Fatal(err)
				}
			}
			for _, st := range []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}} {
				if err := s.Answer(st.id, st.a); err != nil {
					t.Fatal(err)
				}
			}
			var medical *Action
			for i := range s.set.Actions {
				if s.set.Actions[i].ID == "medical" {
					medical = &s.set.Actions[i]
				}
			}
			sa := s.ResolveAction(medical, SummaryMeta{Finished: tt.finished, Zone: tt.zone})
			d := sa.Due
			if d == nil {
				t.Fatal("no deadline")
			}
			at := ""
			if d.Recorded() {
				at = FormatStoredClock(d.At)
			}
			if at != tt.due || d.Overdue != tt.overdue {
				t.Errorf("due %q, overdue %v; want %q, %v", at, d.Overdue, tt.due, tt.overdue)
			}
			if got := d.Describe("en"); got != tt.text {
				t.Errorf("Describe:\n got %s\nwant %s", got, tt.text)
			}
		})
	}
}

func TestDeadlineWords(t *testing.T) {
	d := Deadline{FromText: "Cuándo volvió", Within: 24 * time.Hour, WithinText: "24h"}
	if got := d.Describe("es"); got != "No se registró la hora desde la que se cuentan 24 horas (Cuándo volvió): averíguala y cuenta desde ella." {
		t.Errorf("es: %s", got)
	}
	for _, tt := range []struct {
		written string
		within  time.Duration
		want    string
	}{
		{"1h", time.Hour, "1 hour"},
		{"24h", 24 * time.Hour, "24 hours"},
		{"1d", 24 * time.Hour, "1 day"},
		{"3d", 72 * time.Hour, "3 days"},
		{"90m", 90 * time.Minute, "90 minutes"},
		{"1m", time.Minute, "1 minute"},
	} {
		if got := DescribeWithin(&Due{WithinText: tt.written, Within: tt.within}, "en"); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.written, got, tt.want)
		}
	}
}
