package screening

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening/phrases"
)

func TestParseDateTime(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 12, 3, 15, 0, 30, 0, ny)
	en, es := MonthFirst, DayFirst
	tests := []struct {
		name  string
		text  string
		order DateOrder
		now   time.Time
		want  string // RFC 3339; "" for an error
		err   error
	}{
		{"with an offset", "2026-12-03T14:10:00-05:00", en, now, "2026-12-03T14:10:00-05:00", nil},
		{"with an offset, to the minute", "2026-12-03T09:10Z", en, now, "2026-12-03T09:10:00Z", nil},
		{"local, read in now's zone", "2026-12-03 14:10", en, now, "2026-12-03T14:10:00-05:00", nil},
		{"local with a T", "2026-12-02T23:59", en, now, "2026-12-02T23:59:00-05:00", nil},
		{"local to the second", "2026-12-02 08:05:09", en, now, "2026-12-02T08:05:09-05:00", nil},
		{"year first with slashes", "2026/11/28 21:00", en, now, "2026-11-28T21:00:00-05:00", nil},
		{"today", "today 14:10", en, now, "2026-12-03T14:10:00-05:00", nil},
		{"yesterday, one-digit hour", "Yesterday 9:05", en, now, "2026-12-02T09:05:00-05:00", nil},
		{"yesterday 7:45", "yesterday 7:45", en, now, "2026-12-02T07:45:00-05:00", nil},
		{"Spanish: ayer", "ayer 23:15", es, now, "2026-12-02T23:15:00-05:00", nil},
		{"Spanish: hoy", "hoy 9:40", es, now, "2026-12-03T09:40:00-05:00", nil},
		{"now, to the minute", "now", en, now, "2026-12-03T15:00:00-05:00", nil},
		{"ahora", "AHORA", es, now, "2026-12-03T15:00:00-05:00", nil},
		{"English words in Spanish", "today 10:30", es, now, "2026-12-03T10:30:00-05:00", nil},
		{"Spanish words in English", "hoy 10:30", en, now, "2026-12-03T10:30:00-05:00", nil},

		// A 12-hour clock, and a 24-hour one without its colon.
		{"yesterday 9pm", "yesterday 9pm", en, now, "2026-12-02T21:00:00-05:00", nil},
		{"at, 12-hour", "yesterday at 9 PM", en, now, "2026-12-02T21:00:00-05:00", nil},
		{"year first, 12-hour", "2026-11-28 9:00pm", en, now, "2026-11-28T21:00:00-05:00", nil},
		{"today 0930", "today 0930", en, now, "2026-12-03T09:30:00-05:00", nil},
		{"hoy 10:30 am", "hoy 10:30 am", es, now, "2026-12-03T10:30:00-05:00", nil},
		{"a. m. as Spanish writes it", "hoy 10:30 a. m.", es, now, "2026-12-03T10:30:00-05:00", nil},
		{"p.m.", "ayer 10:30 p.m.", es, now, "2026-12-02T22:30:00-05:00", nil},
		{"hoy a las 10:30", "hoy a las 10:30", es, now, "2026-12-03T10:30:00-05:00", nil},
		{"ayer a la 1:15", "ayer a la 1:15", es, now, "2026-12-02T01:15:00-05:00", nil},
		{"midnight is 12 am", "yesterday 12:05 am", en, now, "2026-12-02T00:05:00-05:00", nil},
		{"noon is 12 pm", "today 12 pm", en, now, "2026-12-03T12:00:00-05:00", nil},
		{"no hour 0 am", "today 0:30 am", en, now, "", ErrNotAClock},
		{"no hour 13 pm", "today 13:00 pm", en, now, "", ErrNotAClock},
		{"an hour alone is not a time", "today 14", en, now, "", ErrNotAClock},
		{"0930 with pm is not a time", "today 0930 pm", en, now, "", ErrNotAClock},

		// A date in numbers, in the worker's order.
		{"month first", "11/28/2026 21:00", en, now, "2026-11-28T21:00:00-05:00", nil},
		{"month first, no year", "11/28 9:00 PM", en, now, "2026-11-28T21:00:00-05:00", nil},
		{"day first", "29/11/2026 10:30", es, now, "2026-11-29T10:30:00-05:00", nil},
		{"11/12 in English is November", "11/12/2026 08:00", en, now, "2026-11-12T08:00:00-05:00", nil},
		{"11/12 in Spanish is December", "1/12/2026 08:00", es, now, "2026-12-01T08:00:00-05:00", nil},
		{"11/12 in Spanish, later than now", "11/12/2026 08:00", es, now, "", ErrFutureClock},
		{"two-digit year", "11/28/26 21:00", en, now, "2026-11-28T21:00:00-05:00", nil},
		{"dashes and dots with a year", "28-11-2026 21:00", es, now, "2026-11-28T21:00:00-05:00", nil},
		{"dots", "28.11.2026 21:00", es, now, "2026-11-28T21:00:00-05:00", nil},
		{"no month 13", "13/28/2026 21:00", en, now, "", ErrNotAClock},
		{"day first read month first", "29/11/2026 10:30", en, now, "", ErrNotAClock},
		{"mixed separators", "11/28-2026 21:00", en, now, "", ErrNotAClock},
		{"two parts with a dash", "11-28 21:00", en, now, "", ErrNotAClock},
		{"a file has no order", "11/28/2026 21:00", "", now, "", ErrDateOrder},

		// A date without its year: this year's, or last year's just after New Year.
		{"no year, this year's", "12/1 10:00", en, now, "2026-12-01T10:00:00-05:00", nil},
		{"no year, later than now", "12/24 10:00", en, now, "", ErrFutureClock},
		{"no year, just after New Year", "12/31 23:00", en, time.Date(2027, 1, 2, 9, 0, 0, 0, ny), "2026-12-31T23:00:00-05:00", nil},
		{"no year, in words", "31 Dec 23:00", en, time.Date(2027, 1, 2, 9, 0, 0, 0, ny), "2026-12-31T23:00:00-05:00", nil},

		// What the tool prints, typed back.
		{"as a summary prints it", "Sat 28 Nov 2026, 22:00 -0500", en, now, "2026-11-28T22:00:00-05:00", nil},
		{"year first with an offset", "2026-11-28 22:00 -0500", en, now, "2026-11-28T22:00:00-05:00", nil},
		{"an offset with a colon", "2026-11-28 22:00 -05:00", en, now, "2026-11-28T22:00:00-05:00", nil},
		{"an offset on the time", "2026-11-28 22:00-05:00", en, now, "2026-11-28T22:00:00-05:00", nil},
		{"another offset is kept", "Sat 28 Nov 2026, 21:00 -0600", en, now, "2026-11-28T21:00:00-06:00", nil},
		{"UTC", "Sat 28 Nov 2026, 22:00 UTC", en, now, "2026-11-28T22:00:00Z", nil},
		{"this computer's zone by name", "Thu 3 Dec 2026, 14:10 EST", en, now, "2026-12-03T14:10:00-05:00", nil},
		{"another zone by name", "Thu 3 Dec 2026, 14:10 CST", en, now, "", ErrUnknownZone},
		{"as the Spanish summary prints it", "sáb 28 de nov de 2026, 22:00 -0500", es, now, "2026-11-28T22:00:00-05:00", nil},
		{"mar is Tuesday before the day", "mar 1 de dic de 2026, 9:00", es, now, "2026-12-01T09:00:00-05:00", nil},
		{"full names", "Saturday, November 28, 2026 at 10 pm", en, now, "2026-11-28T22:00:00-05:00", nil},
		{"full Spanish names", "sábado 28 de noviembre de 2026 a las 22:00", es, now, "2026-11-28T22:00:00-05:00", nil},
		{"a month in words needs no order", "28 Nov 2026 22:00", "", now, "2026-11-28T22:00:00-05:00", nil},
		{"the wrong day of the week", "Fri 28 Nov 2026, 22:00 -0500", en, now, "", ErrWrongWeekday},

		{"later than now", "today 18:00", en, now, "", ErrFutureClock},
		{"tomorrow's date", "2026-12-04 08:00", en, now, "", ErrFutureClock},
		{"a date alone", "2026-12-03", en, now, "", ErrNotAClock},
		{"a time alone", "14:10", en, now, "", ErrNotAClock},
		{"a 12-hour time alone", "9pm", en, now, "", ErrNotAClock},
		{"words", "last night", en, now, "", ErrNotAClock},
		{"no such day", "2026-02-30 10:00", en, now, "", ErrNotAClock},
		{"no such hour", "today 25:00", en, now, "", ErrNotAClock},
		{"no such offset", "2026-11-28 22:00 +1500", en, now, "", ErrNotAClock},
		{"two zones", "2026-11-28 22:00-05:00 UTC", en, now, "", ErrNotAClock},
		{"too long to be a date", "today " + strings.Repeat(" ", 80) + "10:00", en, now, "", ErrNotAClock},
		{"without a clock: local is UTC", "2026-12-03 14:10", "", time.Time{}, "2026-12-03T14:10:00Z", nil},
		{"without a clock: no today", "today 14:10", "", time.Time{}, "", ErrNotAClock},
		{"without a clock: no year to take", "28 Nov 14:10", "", time.Time{}, "", ErrNotAClock},
		{"without a clock: nothing is in the future", "2099-01-01T00:00:00Z", "", time.Time{}, "2099-01-01T00:00:00Z", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDateTime(tt.text, tt.order, tt.now)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v (read as %s)", err, tt.err, FormatStoredClock(got))
			}
			if tt.err == nil && FormatStoredClock(got) != tt.want {
				t.Errorf("got %s, want %s", FormatStoredClock(got), tt.want)
			}
		})
	}
}

// What the tool prints is what a worker can type back, in every language it speaks, whatever
// the zone: a case file's times, a summary's, the interview's echo of an answer.
func TestPrintedClockTypesBack(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("EST", -5*3600), time.FixedZone("", -6*3600), time.FixedZone("", 5*3600+1800)}
	for _, c := range []string{"en", "es"} {
		for _, zone := range zones {
			for _, at := range []time.Time{time.Date(2026, 11, 28, 22, 0, 0, 0, zone), time.Date(2026, 3, 3, 0, 5, 0, 0, zone), time.Date(2025, 5, 11, 12, 59, 0, 0, zone)} {
				printed := FormatClock(at, c)
				got, err := ParseDateTime(printed, DateOrderFor(c), time.Date(2026, 12, 1, 0, 0, 0, 0, zone))
				if err != nil || !got.Equal(at) {
					t.Errorf("%s: %q read as %v, %v; want %v", c, printed, got, err, at)
				}
			}
		}
	}
}

// Each language's example of a date and time is read back in its own order.
func TestDateExamples(t *testing.T) {
	at := time.Date(2026, 11, 9, 19, 17, 0, 0, time.UTC)
	for _, c := range phrases.All() {
		order := DateOrder(c.Interview.DateOrder)
		if order != MonthFirst && order != DayFirst {
			t.Fatalf("%s: date order %q", c.Tag, order)
		}
		example := at.Format(c.Interview.DateExample)
		if got, err := ParseDateTime(example, order, at); err != nil || !got.Equal(at) {
			t.Errorf("%s: example %q read as %v, %v", c.Tag, example, got, err)
		}
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

// BenchmarkParseDateTime reads what a worker types, once per answer: it must cost nothing a
// worker could notice.
func BenchmarkParseDateTime(b *testing.B) {
	now := time.Date(2026, 12, 3, 15, 0, 30, 0, time.FixedZone("EST", -5*3600))
	for _, text := range []string{"2026-12-03T14:10:00-05:00", "yesterday 9pm", "sáb 28 de nov de 2026, 22:00 -0500", "last tuesday"} {
		b.Run(text, func(b *testing.B) {
			for b.Loop() {
				_, _ = ParseDateTime(text, DayFirst, now)
			}
		})
	}
}

// A datetime question with not_before is never recorded earlier than the answer it names, and
// that answer is never changed to after it: the agency cannot learn of a return before it.
func TestNotBefore(t *testing.T) {
	const (
		returned  = "2026-11-28T21:00:00-05:00"
		before    = "2026-11-27T10:00:00-05:00"
		sameTime  = "2026-11-29T02:00:00Z" // 21:00 in New York, written in UTC
		after     = "2026-11-29T09:00:00-05:00"
		minuteOff = "2026-11-29T14:59:00+01:00" // a minute before after, written an hour ahead of UTC
	)
	tests := []struct {
		name    string
		steps   []step // recorded in order; the last is the one checked
		earlier *bool  // nil: recorded; else refused, and whether as earlier than its not_before
		other   string // the question the refused answer is out of order with
	}{
		{"learned after the return", []step{{"returned", Answered(returned)}, {"learned", Answered(after)}}, nil, ""},
		{"learned at the same moment, in another offset", []step{{"returned", Answered(returned)}, {"learned", Answered(sameTime)}}, nil, ""},
		{"learned earlier than the return", []step{{"returned", Answered(returned)}, {"learned", Answered(before)}}, ptr(true), "returned"},
		{"earlier by a minute, in another offset", []step{{"returned", Answered(after)}, {"learned", Answered(minuteOff)}}, ptr(true), "returned"},
		{"the return declined: nothing to hold to", []step{{"returned", state(StateDeclined)}, {"learned", Answered(before)}}, nil, ""},
		{"the return not known", []step{{"returned", state(StateDontKnow)}, {"learned", Answered(before)}}, nil, ""},
		{"learned declined", []step{{"returned", Answered(returned)}, {"learned", state(StateDeclined)}}, nil, ""},
		{"the return changed to after learned", []step{{"returned", Answered(returned)}, {"learned", Answered(after)}, {"returned", Answered("2026-11-30T08:00:00-05:00")}}, ptr(false), "learned"},
		{"the return changed, still before", []step{{"returned", Answered(returned)}, {"learned", Answered(after)}, {"returned", Answered(before)}}, nil, ""},
		{"the return changed, learned declined", []step{{"returned", Answered(returned)}, {"learned", state(StateDeclined)}, {"returned", Answered("2026-11-30T08:00:00-05:00")}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := richSet()
			withLearned(set, Ref{ID: "returned"})
			s := NewSession(set)
			for _, st := range tt.steps[:len(tt.steps)-1] {
				if err := s.Answer(st.id, st.a); err != nil {
					t.Fatal(err)
				}
			}
			last := tt.steps[len(tt.steps)-1]
			kept := s.AnswerOf(last.id)
			checked := s.Check(last.id, last.a) // says what Record would, recording nothing
			if got := s.AnswerOf(last.id); got.State != kept.State || got.Text != kept.Text {
				t.Fatalf("Check recorded %+v", got)
			}
			_, err := s.Record(last.id, last.a)
			if (checked == nil) != (err == nil) {
				t.Errorf("Check said %v, Record %v", checked, err)
			}
			var order *ClockOrderError
			switch {
			case tt.earlier == nil && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.earlier == nil:
				return
			case !errors.As(err, &order) || !errors.Is(err, ErrInvalidAnswer):
				t.Fatalf("err = %v, want a ClockOrderError", err)
			case order.Earlier != *tt.earlier || order.Question.ID != last.id || order.Other.ID != tt.other:
				t.Errorf("refused %+v", order)
			}
			if got := s.AnswerOf(last.id); got.State != kept.State || got.Text != kept.Text {
				t.Errorf("the answer was changed to %+v", got)
			}
		})
	}
	// A draft holding two times out of order is not restored as if they were right.
	set := richSet()
	withLearned(set, Ref{ID: "returned"})
	_, err := Restore(set, Snapshot{Answers: map[string]Answer{"returned": Answered(returned), "learned": Answered(before)}})
	if !errors.Is(err, ErrInvalidAnswer) || !strings.Contains(err.Error(), `"learned": 2026-11-27T10:00:00-05:00 is earlier than the answer to "returned" (2026-11-28T21:00:00-05:00)`) {
		t.Errorf("restore: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
