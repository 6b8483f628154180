package screening

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening/phrases"
)

// Clocks: a datetime answer is a moment, kept as RFC 3339 text with its UTC offset, so a draft, a
// summary and an answers file all say exactly when; a deadline counts from it.

// The errors of ParseDateTime, for the caller to say in the worker's words.
var (
	ErrNotAClock   = errors.New("not a date and time")
	ErrFutureClock = errors.New("later than now")
)

// storedLayouts are the forms a datetime answer is recorded in: with a UTC offset, to the second
// or the minute.
var storedLayouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00"}

// localLayouts are the forms a person writes a date and time in, without an offset: read in the
// time zone of the clock they are given.
var localLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

func parseStoredClock(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range storedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, ErrNotAClock
}

// FormatStoredClock is how a datetime answer is recorded: RFC 3339, to the second, with the
// offset of t's own zone.
func FormatStoredClock(t time.Time) string { return t.Format(time.RFC3339) }

// StoredClock returns the moment a datetime answer records.
func StoredClock(a Answer) (time.Time, bool) {
	if !a.IsAnswered() {
		return time.Time{}, false
	}
	t, err := parseStoredClock(a.Text)
	return t, err == nil
}

// relativeRE is a clock time after "today" or "yesterday" (in any language the tool speaks).
var relativeRE = regexp.MustCompile(`^(\p{L}+)\s+(\d{1,2}:\d{2})$`)

// ParseDateTime reads a date and time as a person writes it: with a UTC offset
// (2026-12-03T14:10:00-05:00), or without one in now's time zone (2026-12-03 14:10); and, when now
// is known, "today 14:10", "yesterday 22:30" or "now", in any language the tool speaks. With now
// known, a time later than now is refused: it cannot have happened yet. With now zero, the
// time zone is UTC and the words that need today's date are refused.
func ParseDateTime(text string, now time.Time) (time.Time, error) {
	text = strings.TrimSpace(text)
	loc := now.Location()
	var t time.Time
	found := false
	if st, err := parseStoredClock(text); err == nil {
		t, found = st, true
	}
	for _, l := range localLayouts {
		if found {
			break
		}
		if lt, err := time.ParseInLocation(l, text, loc); err == nil {
			t, found = lt, true
		}
	}
	if !found && !now.IsZero() {
		t, found = relativeClock(text, now)
	}
	if !found {
		return time.Time{}, ErrNotAClock
	}
	if !now.IsZero() && t.After(now.Add(time.Minute)) {
		return t, ErrFutureClock
	}
	return t, nil
}

// relativeClock reads "now", "today HH:MM" and "yesterday HH:MM" against now.
func relativeClock(text string, now time.Time) (time.Time, bool) {
	fold := strings.ToLower(text)
	is := func(word func(*phrases.Interview) string, s string) bool {
		for _, c := range phrases.All() {
			if s == strings.ToLower(word(&c.Interview)) {
				return true
			}
		}
		return false
	}
	if is(func(w *phrases.Interview) string { return w.Now }, fold) {
		return now.Truncate(time.Minute), true
	}
	m := relativeRE.FindStringSubmatch(fold)
	if m == nil {
		return time.Time{}, false
	}
	days := 0
	switch {
	case is(func(w *phrases.Interview) string { return w.Today }, m[1]):
	case is(func(w *phrases.Interview) string { return w.Yesterday }, m[1]):
		days = -1
	default:
		return time.Time{}, false
	}
	clock, err := time.Parse("15:04", m[2])
	if err != nil {
		return time.Time{}, false
	}
	y, mo, d := now.Date()
	return time.Date(y, mo, d+days, clock.Hour(), clock.Minute(), 0, 0, now.Location()), true
}

// FormatClock says a moment the way a person reads it, in lang: "Tue 3 Dec 2026, 14:10 EST".
func FormatClock(t time.Time, lang string) string {
	c, _ := phrases.For(lang)
	return formatClock(t, c.Answers)
}

func formatClock(t time.Time, words phrases.Answers) string {
	days, months := strings.Fields(words.Weekdays), strings.Fields(words.Months)
	day, month := t.Weekday().String()[:3], t.Month().String()[:3]
	if len(days) == 7 && len(months) == 12 {
		day, month = days[t.Weekday()], months[t.Month()-1]
	}
	return fmt.Sprintf(words.DateTime, day, t.Day(), month, t.Year(), t.Format("15:04 MST"))
}

var withinRE = regexp.MustCompile(`^([1-9][0-9]{0,5})(m|h|d)$`)

// ParseWithin reads a deadline's length: a whole number of minutes, hours or days, such as 90m,
// 24h or 5d.
func ParseWithin(s string) (time.Duration, bool) {
	m := withinRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	unit := map[string]time.Duration{"m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}[m[2]]
	return time.Duration(n) * unit, true
}

// Deadline is an action's deadline in a summary: when it falls due, or that the time it counts
// from was not recorded.
type Deadline struct {
	From       string // the datetime question it counts from
	FromText   string // that question, as written
	Within     time.Duration
	WithinText string    // as the set writes it: 24h
	Start      time.Time // the time recorded; zero when it was not
	At         time.Time // Start + Within; zero when Start is
	Overdue    bool      // At had passed when the summary was made
}

// Recorded reports whether the time the deadline counts from was recorded.
func (d Deadline) Recorded() bool { return !d.Start.IsZero() }

// Describe says the deadline in lang: "Due by Tue 3 Dec 2026, 14:10 EST (24 hours from ...)".
func (d Deadline) Describe(lang string) string {
	c, _ := phrases.For(lang)
	r := &c.Report
	span := durationWords(r, d.WithinText, d.Within)
	switch {
	case !d.Recorded():
		return fmt.Sprintf(r.DueUnknown, span, d.FromText)
	case d.Overdue:
		return fmt.Sprintf(r.DuePassed, formatClock(d.At, c.Answers), span, formatClock(d.Start, c.Answers), d.FromText)
	}
	return fmt.Sprintf(r.DueBy, formatClock(d.At, c.Answers), span, formatClock(d.Start, c.Answers), d.FromText)
}

// DescribeWithin says a deadline's length in lang, in the unit the set wrote it in: "24 hours".
func DescribeWithin(due *Due, lang string) string {
	c, _ := phrases.For(lang)
	return durationWords(&c.Report, due.WithinText, due.Within)
}

func durationWords(r *phrases.Report, written string, d time.Duration) string {
	one, many, unit := r.Hour, r.Hours, time.Hour
	switch strings.TrimLeft(strings.TrimSpace(written), "0123456789") {
	case "m":
		one, many, unit = r.Minute, r.Minutes, time.Minute
	case "d":
		one, many, unit = r.Day, r.Days, 24*time.Hour
	}
	n := int(d / unit)
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// deadline works out an action's deadline from the answers, shown in zone when it is given.
func (v *view) deadline(due *Due, zone *time.Location, finished time.Time) *Deadline {
	d := &Deadline{From: due.From.ID, Within: due.Within, WithinText: due.WithinText}
	i, ok := v.s.index[due.From.ID]
	if !ok {
		return d
	}
	d.FromText = v.s.questions[i].Text
	if i >= v.upto {
		return d
	}
	start, ok := StoredClock(v.states[i])
	if !ok {
		return d
	}
	if zone != nil {
		start = start.In(zone)
	}
	d.Start, d.At = start, start.Add(due.Within)
	d.Overdue = !finished.IsZero() && finished.After(d.At)
	return d
}
