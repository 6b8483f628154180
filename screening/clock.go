package screening

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
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
	// ErrWrongWeekday is a date typed with a day of the week that is not its own: one of the
	// two is a slip, and which one cannot be known.
	ErrWrongWeekday = errors.New("the day of the week is not the date's")
	// ErrUnknownZone is a time zone named by letters that are neither UTC nor this computer's
	// zone at that date: letters such as CST name different zones in different countries.
	ErrUnknownZone = errors.New("a time zone this computer does not know")
	// ErrDateOrder is a date in numbers, such as 11/12/2026, read where no language says
	// whether the month or the day comes first (a file).
	ErrDateOrder = errors.New("a date in numbers, whose order is not known")
)

// DateOrder is how a date written in numbers alone is read: 11/12/2026 is 12 November in the
// United States and 11 December in Spanish-speaking countries. The worker's language decides
// (phrases.Interview.DateOrder); the zero DateOrder, for files, reads only the year first.
type DateOrder string

// The orders of a date in numbers.
const (
	MonthFirst DateOrder = "m/d/y"
	DayFirst   DateOrder = "d/m/y"
)

// DateOrderFor returns how a worker in lang types a date in numbers.
func DateOrderFor(lang string) DateOrder {
	c, _ := phrases.For(lang)
	return DateOrder(c.Interview.DateOrder)
}

// storedLayouts are the forms a datetime answer is recorded in: with a UTC offset, to the second
// or the minute.
var storedLayouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00"}

// localLayouts are the ISO 8601 forms without an offset, read in the time zone of the clock
// they are given.
var localLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05"}

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

// maxTypedClock bounds what is read as a date and time: anything longer is not one.
const maxTypedClock = 80

// ParseDateTime reads a date and time as a person writes it, and as the tool prints it, so that
// what a summary or a case file says can be typed back:
//
//   - with a UTC offset: 2026-12-03T14:10:00-05:00;
//   - a date year first, in numbers in the order of the worker's language (12/3/2026 month first,
//     3/12/2026 day first; the year may be left out, or written with two digits), or with the
//     month in words and an optional day of the week (Thu 3 Dec 2026, jue 3 de dic de 2026);
//   - "today", "yesterday" (in any language the tool speaks) or "now";
//   - then a clock time, 24-hour (14:10, 1410) or 12-hour (2:10 pm, 2pm, 2:10 p. m.), after an
//     optional "at" ("a las"), and an optional time zone: an offset (-0500, -05:00), UTC, or
//     the letters of now's zone at that date (EST).
//
// Without a zone the time is in now's. A date without a year is in now's year, or in the year
// before when that one would be later than now and the date is under three months ago (12/31
// typed on 2 January). With now known, a time later than now is refused: it cannot have
// happened yet. With now zero (a file), the zone is UTC and the words that need today's date,
// or its year, are refused. What is refused is said by the error: ErrNotAClock,
// ErrFutureClock (with the time read), ErrWrongWeekday (with the date read), ErrUnknownZone or
// ErrDateOrder.
func ParseDateTime(text string, order DateOrder, now time.Time) (time.Time, error) {
	text = strings.TrimSpace(text)
	if len(text) > maxTypedClock {
		return time.Time{}, ErrNotAClock
	}
	t, err := readClock(text, order, now)
	if err != nil {
		return t, err
	}
	if !now.IsZero() && t.After(now.Add(time.Minute)) {
		return t, ErrFutureClock
	}
	return t, nil
}

func readClock(text string, order DateOrder, now time.Time) (time.Time, error) {
	if t, err := parseStoredClock(text); err == nil {
		return t, nil
	}
	loc := now.Location()
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, text, loc); err == nil {
			return t, nil
		}
	}
	toks := clockTokens(text)
	if isWord(toks, func(w *phrases.Interview) string { return w.Now }) {
		if now.IsZero() {
			return time.Time{}, ErrNotAClock
		}
		return now.Truncate(time.Minute), nil
	}
	c, rest, err := clockAtEnd(toks)
	if err != nil {
		return time.Time{}, err
	}
	rest = withoutAt(rest)
	day, err := dayOf(rest, order, now)
	if err != nil {
		return time.Time{}, err
	}
	zone := loc
	switch {
	case c.offset != nil:
		zone = c.offset
	case c.zoneName != "":
		wall := time.Date(day.y, day.m, day.d, c.hour, c.min, c.sec, 0, loc)
		if name, _ := wall.Zone(); !strings.EqualFold(name, c.zoneName) {
			return time.Time{}, ErrUnknownZone
		}
	}
	at := func(y int) time.Time { return time.Date(y, day.m, day.d, c.hour, c.min, c.sec, 0, zone) }
	t := at(day.y)
	if t.Day() != day.d || t.Month() != day.m {
		return time.Time{}, ErrNotAClock // 30 February, 31 April
	}
	if day.yearless && t.After(now.Add(time.Minute)) {
		if before := at(day.y - 1); before.Day() == day.d && now.Sub(before) < yearTurn {
			t = before
		}
	}
	if day.weekday >= 0 && t.Weekday() != day.weekday {
		return t, ErrWrongWeekday
	}
	return t, nil
}

// yearTurn is how far back a date typed without its year may be taken to be in the year before.
const yearTurn = 92 * 24 * time.Hour

// clockTokens folds typed text for reading a date and time: lower case, no accents, no commas,
// the ways of writing a.m. and p.m. made one ("2:10 p. m." is "2:10 pm"), split at spaces.
func clockTokens(text string) []string {
	s := Fold(text)
	s = strings.ReplaceAll(s, ",", " ")
	s = meridiemRE.ReplaceAllString(s, "$1 ${2}m ")
	return strings.Fields(s)
}

// meridiemRE finds a.m. and p.m. after a number, however written: am, a.m., a. m., p.m.
var meridiemRE = regexp.MustCompile(`(\d)\s*([ap])\.?\s?m\.?(?:\s|$)`)

// clock is a time of day as typed, with its zone if one was written.
type clock struct {
	hour, min, sec int
	offset         *time.Location // a zone written as an offset, or UTC
	zoneName       string         // a zone written in letters: now's, or refused
}

var (
	clockRE  = regexp.MustCompile(`^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?([+-]\d{2}(?::?\d{2})?|z)?$`)
	fourRE   = regexp.MustCompile(`^(\d{2})(\d{2})$`) // 0930: a 24-hour clock without its colon
	offsetRE = regexp.MustCompile(`^([+-])(\d{2})(?::?(\d{2}))?$`)
	// zoneLettersRE is a time zone's abbreviation, as Go names zones: EST, CEST, AEDT.
	zoneLettersRE = regexp.MustCompile(`^[a-z]{3,5}$`)
)

// clockAtEnd reads the time of day at the end of toks: the clock, then am or pm, then a zone.
// It returns what comes before it.
func clockAtEnd(toks []string) (clock, []string, error) {
	var c clock
	i := len(toks) - 1
	if i < 1 {
		return c, nil, ErrNotAClock // a date alone, or a time alone
	}
	zone := ""
	if z := toks[i]; offsetRE.MatchString(z) || z == "z" || z == "utc" || z == "gmt" || zoneLettersRE.MatchString(z) && !isMeridiem(z) {
		zone, i = z, i-1
	}
	meridiem := ""
	if i >= 1 && isMeridiem(toks[i]) {
		meridiem, i = toks[i], i-1
	}
	if i < 1 {
		return c, nil, ErrNotAClock
	}
	written := toks[i]
	attached := ""
	if m := fourRE.FindStringSubmatch(written); m != nil && meridiem == "" {
		c.hour, _ = strconv.Atoi(m[1])
		c.min, _ = strconv.Atoi(m[2])
	} else if m := clockRE.FindStringSubmatch(written); m != nil {
		c.hour, _ = strconv.Atoi(m[1])
		if m[2] == "" && meridiem == "" {
			return c, nil, ErrNotAClock // "14" alone is not a time; "2 pm" is
		}
		c.min, _ = strconv.Atoi(m[2])
		c.sec, _ = strconv.Atoi(m[3])
		attached = m[4]
	} else {
		return c, nil, ErrNotAClock
	}
	switch meridiem {
	case "am", "pm":
		if c.hour < 1 || c.hour > 12 {
			return c, nil, ErrNotAClock // 0 am, 14:00 pm
		}
		c.hour %= 12
		if meridiem == "pm" {
			c.hour += 12
		}
	}
	if c.hour > 23 || c.min > 59 || c.sec > 59 {
		return c, nil, ErrNotAClock
	}
	if attached != "" && zone != "" {
		return c, nil, ErrNotAClock // two zones
	}
	if err := c.setZone(attached + zone); err != nil {
		return c, nil, err
	}
	return c, toks[:i], nil
}

func isMeridiem(s string) bool { return s == "am" || s == "pm" }

// setZone reads a zone as written: an offset, UTC, or letters that must name now's zone.
func (c *clock) setZone(z string) error {
	switch {
	case z == "":
	case z == "z" || z == "utc" || z == "gmt":
		c.offset = time.UTC
	case offsetRE.MatchString(z):
		m := offsetRE.FindStringSubmatch(z)
		h, _ := strconv.Atoi(m[2])
		mins, _ := strconv.Atoi(m[3])
		if h > 14 || mins > 59 {
			return ErrNotAClock
		}
		secs := (h*60 + mins) * 60
		if m[1] == "-" {
			secs = -secs
		}
		c.offset = time.FixedZone("", secs)
	default:
		c.zoneName = z
	}
	return nil
}

// withoutAt drops the word that may come between a day and a clock time: "yesterday at 9pm",
// "hoy a las 10:30", in any language the tool speaks.
func withoutAt(toks []string) []string {
	for _, c := range phrases.All() {
		for _, at := range strings.Split(c.Interview.At, "|") {
			words := strings.Fields(Fold(at))
			if n := len(words); n > 0 && len(toks) > n && slices.Equal(toks[len(toks)-n:], words) {
				return toks[:len(toks)-n]
			}
		}
	}
	return toks
}

// isWord reports whether toks are the word of some language the tool speaks.
func isWord(toks []string, word func(*phrases.Interview) string) bool {
	for _, c := range phrases.All() {
		if slices.Equal(toks, strings.Fields(Fold(word(&c.Interview)))) {
			return true
		}
	}
	return false
}

var (
	numericDateRE = regexp.MustCompile(`^(\d{1,4})([/.-])(\d{1,2})(?:([/.-])(\d{1,4}))?$`)
	dayRE         = regexp.MustCompile(`^\d{1,2}$`)
	yearRE        = regexp.MustCompile(`^\d{4}$`)
)

// day is a date as typed.
type day struct {
	y        int
	m        time.Month
	d        int
	yearless bool         // no year was written: now's is taken
	weekday  time.Weekday // the day of the week written with it; -1 when none was
}

// dayOf reads the day before the clock time: today or yesterday; a date in numbers; or a date
// with its month in words, after an optional day of the week.
func dayOf(toks []string, order DateOrder, now time.Time) (day, error) {
	today := isWord(toks, func(w *phrases.Interview) string { return w.Today })
	yesterday := isWord(toks, func(w *phrases.Interview) string { return w.Yesterday })
	switch {
	case len(toks) == 0:
		return day{}, ErrNotAClock
	case today || yesterday:
		if now.IsZero() {
			return day{}, ErrNotAClock
		}
		on := now
		if yesterday {
			on = now.AddDate(0, 0, -1)
		}
		y, m, d := on.Date()
		return day{y: y, m: m, d: d, weekday: -1}, nil
	}
	if wd, ok := nameOf(toks[0], func(a *phrases.Answers) (string, string) { return a.Weekdays, a.WeekdayNames }); ok && len(toks) > 1 {
		if dt, err := dateWritten(toks[1:], order, now); err == nil {
			dt.weekday = time.Weekday(wd)
			return dt, nil
		}
	}
	return dateWritten(toks, order, now)
}

// dateWritten reads a date without a day of the week: in numbers, or with the month in words,
// day first or month first ("3 Dec 2026", "3 de dic de 2026", "December 3 2026").
func dateWritten(toks []string, order DateOrder, now time.Time) (day, error) {
	if len(toks) == 1 {
		if m := numericDateRE.FindStringSubmatch(toks[0]); m != nil {
			return numericDate(m, order, now)
		}
		return day{}, ErrNotAClock
	}
	var words []string
	for _, t := range toks {
		if t != "de" && t != "del" { // "3 de dic de 2026"
			words = append(words, t)
		}
	}
	if len(words) < 2 || len(words) > 3 {
		return day{}, ErrNotAClock
	}
	dayWord, monthName := words[0], words[1]
	if _, ok := monthOf(dayWord); ok {
		dayWord, monthName = monthName, dayWord
	}
	mo, ok := monthOf(monthName)
	if !ok || !dayRE.MatchString(dayWord) {
		return day{}, ErrNotAClock
	}
	d, _ := strconv.Atoi(dayWord)
	if len(words) == 2 {
		return yearless(mo, d, now)
	}
	if !yearRE.MatchString(words[2]) {
		return day{}, ErrNotAClock
	}
	y, _ := strconv.Atoi(words[2])
	return day{y: y, m: mo, d: d, weekday: -1}, nil
}

// numericDate reads the parts of a date in numbers: year first, or in the worker's order.
func numericDate(m []string, order DateOrder, now time.Time) (day, error) {
	first, sep, second, sep2, third := m[1], m[2], m[3], m[4], m[5]
	a, _ := strconv.Atoi(first)
	b, _ := strconv.Atoi(second)
	switch {
	case third != "" && sep2 != sep:
		return day{}, ErrNotAClock // 11/28-2026
	case len(first) == 4:
		if third == "" || len(third) > 2 {
			return day{}, ErrNotAClock
		}
		c, _ := strconv.Atoi(third)
		return day{y: a, m: time.Month(b), d: c, weekday: -1}, checkDate(b, c)
	case len(first) == 3:
		return day{}, ErrNotAClock
	case third == "" && sep != "/":
		return day{}, ErrNotAClock // 11-28 and 11.28 look like other things
	case order != MonthFirst && order != DayFirst:
		return day{}, ErrDateOrder
	}
	month, dayOfMonth := a, b
	if order == DayFirst {
		month, dayOfMonth = b, a
	}
	if err := checkDate(month, dayOfMonth); err != nil {
		return day{}, err
	}
	dt := day{m: time.Month(month), d: dayOfMonth, weekday: -1}
	switch len(third) {
	case 0:
		return yearless(dt.m, dt.d, now)
	case 2:
		y, _ := strconv.Atoi(third)
		dt.y = 2000 + y
	case 4:
		dt.y, _ = strconv.Atoi(third)
	default:
		return day{}, ErrNotAClock
	}
	return dt, nil
}

func checkDate(month, d int) error {
	if month < 1 || month > 12 || d < 1 || d > 31 {
		return ErrNotAClock
	}
	return nil
}

// yearless is a date typed without its year: in now's year (readClock may take it back one).
func yearless(m time.Month, d int, now time.Time) (day, error) {
	if now.IsZero() {
		return day{}, ErrNotAClock
	}
	return day{y: now.Year(), m: m, d: d, yearless: true, weekday: -1}, nil
}

// monthOf reads a month's name in any language the tool speaks: "nov", "nov.", "november",
// "noviembre". It returns the month.
func monthOf(tok string) (time.Month, bool) {
	i, ok := nameOf(tok, func(a *phrases.Answers) (string, string) { return a.Months, a.MonthNames })
	return time.Month(i + 1), ok
}

// nameOf finds tok among short and full names (each a list split at spaces), in any language
// the tool speaks, and returns its place in the list.
func nameOf(tok string, names func(*phrases.Answers) (short, full string)) (int, bool) {
	tok = strings.TrimSuffix(tok, ".")
	for _, c := range phrases.All() {
		short, full := names(&c.Answers)
		for _, list := range []string{short, full} {
			if i := slices.Index(strings.Fields(Fold(list)), tok); i >= 0 {
				return i, true
			}
		}
	}
	return 0, false
}

// ClockOrderError is a date and time refused because it would put two answers out of order: an
// answer earlier than the one its question's not_before names (the agency learned of a return
// before it happened), or a change to that one that puts it after an answer held not to be
// earlier than it. Neither can be true, and a deadline counted from the wrong one falls at the
// wrong time; which of the two is wrong only the worker can tell.
type ClockOrderError struct {
	Question *Question // the question answered
	At       time.Time // the answer refused
	Other    *Question // the question whose answer it is out of order with
	OtherAt  time.Time
	// Earlier: At is earlier than Other's answer, which Question's not_before names. Otherwise
	// At is later than the answer of Other, whose not_before names Question.
	Earlier bool
}

func (e *ClockOrderError) Error() string {
	if e.Earlier {
		return fmt.Sprintf("%v to %q: %s is earlier than the answer to %q (%s), and its not_before says it may not be", ErrInvalidAnswer, e.Question.ID, FormatStoredClock(e.At), e.Other.ID, FormatStoredClock(e.OtherAt))
	}
	return fmt.Sprintf("%v to %q: %s is later than the answer to %q (%s), whose not_before says it may not be earlier", ErrInvalidAnswer, e.Question.ID, FormatStoredClock(e.At), e.Other.ID, FormatStoredClock(e.OtherAt))
}

func (e *ClockOrderError) Unwrap() error { return ErrInvalidAnswer }

// checkClockOrder refuses a datetime answer to question i that would be out of order with
// another answer: earlier than the answer its not_before names, or later than an answer whose
// question's not_before names it. An answer that is not a moment (declined, not known) holds
// nothing to compare.
func (s *Session) checkClockOrder(i int, a Answer) error {
	q := s.questions[i]
	at, ok := StoredClock(a)
	if q.Type != TypeDateTime || !ok {
		return nil
	}
	if j, known := s.index[q.NotBefore.ID]; known && j < i {
		if other, ok := StoredClock(s.t.states[j]); ok && at.Before(other) {
			return &ClockOrderError{Question: q, At: at, Other: s.questions[j], OtherAt: other, Earlier: true}
		}
	}
	for k := i + 1; k < len(s.questions); k++ {
		if s.questions[k].NotBefore.ID != q.ID {
			continue
		}
		if other, ok := StoredClock(s.t.states[k]); ok && other.Before(at) {
			return &ClockOrderError{Question: q, At: at, Other: s.questions[k], OtherAt: other}
		}
	}
	return nil
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
