package ask

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/safeharbor/safeharbor/screening"
)

// atClock sets the clock a typed date and time is read against, for one test.
func atClock(t *testing.T, now time.Time) {
	t.Helper()
	saved := clock
	clock = func() time.Time { return now }
	t.Cleanup(func() { clock = saved })
}

var est = time.FixedZone("EST", -5*3600)

func TestTypedDateTime(t *testing.T) {
	atClock(t, time.Date(2026, 12, 3, 15, 0, 0, 0, est))
	q := question(screening.TypeDateTime)
	for _, tt := range []struct {
		lang, in string
		state    screening.State
		want     string
		problem  string
	}{
		{"en", "2026-12-03 14:10", screening.StateAnswered, "2026-12-03T14:10:00-05:00", ""},
		{"en", "yesterday 22:30", screening.StateAnswered, "2026-12-02T22:30:00-05:00", ""},
		{"en", "today 9:05", screening.StateAnswered, "2026-12-03T09:05:00-05:00", ""},
		{"en", "now", screening.StateAnswered, "2026-12-03T15:00:00-05:00", ""},
		{"es", "ayer 22:30", screening.StateAnswered, "2026-12-02T22:30:00-05:00", ""},
		{"en", "2026-12-03T19:10:00Z", screening.StateAnswered, "2026-12-03T19:10:00Z", ""},
		{"en", "declined", screening.StateDeclined, "", ""},
		{"en", "no sabe", screening.StateDontKnow, "", ""},
		{"en", "tomorrow", "", "", `"tomorrow" is not a date and time. Type it month first, such as 12/3/2026 3:00 pm or 2026-12-03 15:00`},
		{"en", "2026-12-03", "", "", "is not a date and time"},
		{"en", "today 16:00", "", "", "2026-12-03 16:00 is later than now"},
		{"es", "hoy 16:00", "", "", "2026-12-03 16:00 es más tarde que ahora"},
		// The worker's language decides the order of a date in numbers.
		{"en", "11/12/2026 9:30 pm", screening.StateAnswered, "2026-11-12T21:30:00-05:00", ""},
		{"es", "11/12/2026 9:30 pm", "", "", "2026-12-11 21:30 es más tarde que ahora"},
		{"es", "29/11/2026 10:30", screening.StateAnswered, "2026-11-29T10:30:00-05:00", ""},
		{"es", "hoy a las 10:30", screening.StateAnswered, "2026-12-03T10:30:00-05:00", ""},
		{"es", "today 10:30", screening.StateAnswered, "2026-12-03T10:30:00-05:00", ""},
		{"es", "29 de noviembre", "", "", `"29 de noviembre" no es una fecha y hora. Escríbela con el día primero, por ejemplo 3/12/2026 15:00 o 2026-12-03 15:00`},
		// What the tool prints can be typed back.
		{"en", "Sat 28 Nov 2026, 22:00 -0500", screening.StateAnswered, "2026-11-28T22:00:00-05:00", ""},
		{"en", "Fri 28 Nov 2026, 22:00 -0500", "", "", `"Fri 28 Nov 2026, 22:00 -0500": the day of the week is not that date's. Check the date, and type it again without the day, such as 2026-11-28 22:00.`},
		{"en", "2026-11-28 22:00 CST", "", "", `"2026-11-28 22:00 CST": this computer does not know that time zone. Leave it out for this computer's (EST)`},
	} {
		a, problem := parseAnswer(words(tt.lang), q, nil, "en", tt.in)
		if problem == "" {
			problem = checkProblem(&words(tt.lang).Interview, q, a)
		}
		switch {
		case tt.problem != "" && !strings.Contains(problem, tt.problem):
			t.Errorf("%q: problem %q, want %q", tt.in, problem, tt.problem)
		case tt.problem == "" && (problem != "" || a.State != tt.state || a.Text != tt.want):
			t.Errorf("%q: %+v, %q; want %s %q", tt.in, a, problem, tt.state, tt.want)
		}
	}
	// The answer to start from when it is typed again is in the worker's zone.
	if got := describeValue(q, screening.Answered("2026-12-03T19:10:00Z")); got != "2026-12-03 14:10" {
		t.Errorf("describeValue = %q", got)
	}
}

func TestPlainAsksForADateTime(t *testing.T) {
	atClock(t, time.Date(2026, 12, 3, 15, 0, 0, 0, est))
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("last night\ntoday 14:10\n"), &out, nil, PlainOptions{})
	r, err := p.Ask(context.Background(), prompt(question(screening.TypeDateTime)))
	if err != nil || r.Answer.Text != "2026-12-03T14:10:00-05:00" {
		t.Fatalf("%+v %v", r, err)
	}
	for _, want := range []string{
		"Type the date and time, month first, such as 12/3/2026 3:00 pm or 2026-12-03 15:00; or today 14:10, yesterday 9:30 pm, or now.",
		`"last night" is not a date and time.`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plain lines lack %q:\n%s", want, out.String())
		}
	}
}

func TestTUIAsksForADateTime(t *testing.T) {
	atClock(t, time.Date(2026, 12, 3, 15, 0, 0, 0, est))
	h := hostFor(t)
	s := newTypedAnswer(words("en"), prompt(question(screening.TypeDateTime)))
	showing(h, s)
	if !strings.Contains(h.render(), "Type the date and time, month first, such as 12/3/2026 3:00 pm") {
		t.Errorf("no hint:\n%s", h.render())
	}
	for _, m := range typed("today 18:00") {
		h.Update(m)
	}
	h.Update(enter)
	if h.screen == nil || !strings.Contains(h.render(), "is later than now") {
		t.Fatalf("a time later than now was taken:\n%s", h.render())
	}
	for range len("18:00") {
		h.Update(press(tea.KeyBackspace))
	}
	for _, m := range typed("14:10") {
		h.Update(m)
	}
	h.Update(enter)
	if h.screen != nil || s.reply().Answer.Text != "2026-12-03T14:10:00-05:00" {
		t.Errorf("reply %+v:\n%s", s.reply(), h.render())
	}
}
