package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// words are the summary's and the printable form's phrases in one language (package phrases
// holds them all), with the helpers that put them together.
type words struct {
	*phrases.Report
	lang   string
	answer phrases.Answers
	yesNo  map[string]bool // yes/no questions, whose values a condition says in words
}

func wordsFor(lang string) *words {
	c, _ := phrases.For(lang)
	return &words{Report: &c.Report, lang: lang, answer: c.Answers}
}

// endedEarly says why the worker ended the screening early, as far as the summary shows it:
// after a disclosure, after an urgent step shown at once, or for a reason of their own.
// What was left unasked is said only when something was: an end after the last question asked
// leaves nothing.
func (w *words) endedEarly(s *screening.Summary) string {
	why := w.EndedEarlyPlain
	if slices.ContainsFunc(s.Actions, func(a screening.SummaryAction) bool { return a.Interrupt }) {
		why = w.EndedEarlyUrgent
	}
	if slices.ContainsFunc(s.Indicators, func(ind screening.RaisedIndicator) bool { return ind.Disclosure }) {
		why = w.EndedEarly
	}
	if len(s.NotAsked()) > 0 {
		why += " " + w.EndedLeftNotAsked
	}
	return why
}

// status names a set's status in the form's language.
func (w *words) status(s screening.Status) string {
	switch s {
	case screening.StatusDraft:
		return w.StatusDraft
	case screening.StatusActive:
		return w.StatusActive
	case screening.StatusRetired:
		return w.StatusRetired
	}
	return string(s)
}

// value is a compared value as the form shows it: yes and no in its language.
func (w *words) value(c *screening.Condition) string {
	if w.yesNo[c.Question] {
		switch c.Value {
		case "yes":
			return strings.ToLower(w.answer.Yes)
		case "no":
			return strings.ToLower(w.answer.No)
		}
	}
	return c.Value
}

// concern says what the summary's concern means, in words that never call the young person a
// victim or not a victim. "None" says only what is true of it: that indicators raised did not
// reach a level, when some were; and, when something urgent had to be done (911, 988), that it is
// about signs of exploitation and does not mean the young person is safe.
func (w *words) concern(s *screening.Summary) string {
	switch s.Concern {
	case screening.LevelClear:
		return w.ConcernClear
	case screening.LevelPossible:
		return w.ConcernPossible
	case screening.LevelIncomplete:
		if s.Completeness.Ruled && s.Completeness.ReadAloud == 0 {
			// A child too young for the set: no conversation of this kind is to follow.
			return w.ConcernNoneApplies
		}
		return w.ConcernIncomplete
	}
	if slices.ContainsFunc(s.Actions, func(a screening.SummaryAction) bool { return a.Priority == screening.PriorityUrgent }) {
		return w.ConcernNoneUrgent
	}
	if len(s.Indicators) > 0 {
		return w.ConcernNoneBelow
	}
	return w.ConcernNone
}

// levelWord names a level in a sentence: none, possible, clear, incomplete.
func (w *words) levelWord(level screening.Level) string {
	switch level {
	case screening.LevelClear:
		return w.Clear
	case screening.LevelPossible:
		return w.Possible
	case screening.LevelIncomplete:
		return w.Incomplete
	}
	return w.None
}

// reached explains the level: "score 7 = Hotel stays 2 + Older partner 2 + ...; possible from 2,
// clear from 5", and which rule decided it when a level needs more than its score. An incomplete
// screening never says that no indicators were found: only that the answers given raised none.
func (w *words) reached(s *screening.Summary) string {
	parts := make([]string, len(s.Indicators))
	for i, ind := range s.Indicators {
		parts[i] = fmt.Sprintf("%s %d", ind.Label, ind.Weight)
	}
	sum := w.NoIndicators
	if s.Completeness.Incomplete {
		sum = w.NothingFromAnswers
	}
	if len(parts) > 0 {
		sum = strings.Join(parts, " + ")
	}
	out := fmt.Sprintf(w.Score, s.Score, sum, s.Levels.Possible, s.Levels.Clear)
	r := s.Reached
	if r.MetBy != "" {
		out += "; " + fmt.Sprintf(w.LevelMet, w.levelWord(r.Level), w.needs(s, levelNeeds(s.Levels, r.Level)), indicatorLabel(s, r.MetBy))
	}
	if r.HeldBack != "" {
		out += "; " + fmt.Sprintf(w.LevelHeld, w.levelWord(r.HeldBack), w.levelWord(r.HeldBack), w.needs(s, r.HeldBy))
	}
	return out
}

func levelNeeds(l screening.Levels, level screening.Level) screening.Needs {
	if level == screening.LevelClear {
		return l.ClearNeeds
	}
	return l.PossibleNeeds
}

func indicatorLabel(s *screening.Summary, id string) string {
	for _, ind := range s.Indicators {
		if ind.ID == id {
			return ind.Label
		}
	}
	return id
}

// needs says what a level needs besides its score: "an indicator weighing 2 or more in Sexual
// exploitation or Labor exploitation".
func (w *words) needs(s *screening.Summary, n screening.Needs) string {
	label := func(id string) string {
		for _, d := range s.Domains {
			if d.ID == id {
				return d.Label
			}
		}
		return id
	}
	return w.needsIn(n, label)
}

func (w *words) needsIn(n screening.Needs, label func(id string) string) string {
	names := make([]string, len(n.Domains))
	for i, d := range n.Domains {
		names[i] = label(d.ID)
	}
	domains := w.orList(names)
	switch {
	case n.MinWeight > 0 && len(names) > 0:
		return fmt.Sprintf(w.NeedsWeightDomains, n.MinWeight, domains)
	case len(names) > 0:
		return fmt.Sprintf(w.NeedsDomains, domains)
	}
	return fmt.Sprintf(w.NeedsWeight, n.MinWeight)
}

// orList joins names as a sentence does: "a, b or c".
func (w *words) orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + w.Or + " " + names[len(names)-1]
}

// howMuch says how much of the screening was done.
func (w *words) howMuch(s *screening.Summary) string {
	c := s.Completeness
	return fmt.Sprintf(w.HowMuch, c.Answered, c.Applied, c.ReadAloudAnswered, c.ReadAloud, c.Declined, c.DontKnow, c.NotAsked)
}

// incomplete says why the set calls the screening incomplete; nothing when it does not.
func (w *words) incomplete(s *screening.Summary) []string {
	c := s.Completeness
	if !c.Incomplete {
		return nil
	}
	var out []string
	switch {
	case c.TooFewAnswered() && c.ReadAloud == 0:
		out = append(out, fmt.Sprintf(w.NoneReadAloud, c.MinAnswered))
	case c.TooFewAnswered():
		out = append(out, fmt.Sprintf(w.TooFewAnswered, c.ReadAloudAnswered, c.ReadAloud, c.MinAnswered))
	}
	if len(c.KeyMissing) > 0 {
		texts := make([]string, len(c.KeyMissing))
		for i, id := range c.KeyMissing {
			texts[i] = id
			for _, a := range s.Answers {
				if a.QuestionID == id {
					texts[i] = fmt.Sprintf("%s %s", a.Text, w.answerValue(a))
				}
			}
		}
		out = append(out, fmt.Sprintf(w.KeyMissing, strings.Join(texts, "; ")))
	}
	if s.Concern != screening.LevelIncomplete {
		out = append(out, w.IncompleteToo)
	}
	return out
}

// domains says the level in each domain: "Sexual exploitation: clear (score 9); ...".
func (w *words) domains(s *screening.Summary) string {
	parts := make([]string, len(s.Domains))
	for i, d := range s.Domains {
		parts[i] = fmt.Sprintf(w.DomainLine, d.Label, w.levelWord(d.Level), d.Reached.Score)
	}
	return strings.Join(parts, "; ")
}

// due says when an action falls due, in the summary's language.
func (w *words) due(s *screening.Summary, a screening.SummaryAction) string {
	if a.Due == nil {
		return ""
	}
	return a.Due.Describe(s.Language)
}

// made says when an action was recorded done, and whether in time; "" when it was not.
func (w *words) made(s *screening.Summary, a screening.SummaryAction) string {
	if a.Made == nil {
		return ""
	}
	return a.Made.Describe(s.Language)
}

func (w *words) priority(p screening.Priority) string {
	switch p {
	case screening.PriorityUrgent:
		return w.Urgent
	case screening.PriorityRequired:
		return w.Required
	case screening.PriorityRecommended:
		return w.Recommended
	}
	return string(p)
}

func (w *words) evidenceVerb(m screening.Mode) string {
	switch m {
	case screening.ModeObserve:
		return w.Observed
	case screening.ModeRecord:
		return w.FromRecord
	default:
		return w.Asked
	}
}

// answerValue is an answer after a question: "— Yes".
func (w *words) answerValue(a screening.QuestionAnswer) string { return "— " + w.answerCell(a) }

// answerCell is an answer as the summary's list of every answer shows it.
func (w *words) answerCell(a screening.QuestionAnswer) string {
	switch a.State {
	case screening.StateAnswered:
		return a.Value
	case screening.StateDeclined:
		return w.DeclinedValue
	case screening.StateDontKnow:
		return w.DontKnowValue
	default:
		return w.NotAskedValue
	}
}

func (w *words) when(t time.Time) string {
	if t.IsZero() {
		return w.Unknown
	}
	return t.Format("2006-01-02 15:04 MST")
}

func (w *words) contactLine(c screening.Contact) string {
	parts := []string{c.Name}
	if c.Phone != "" {
		parts = append(parts, fmt.Sprintf(w.Call, c.Phone))
	}
	if c.Text != "" {
		parts = append(parts, fmt.Sprintf(w.Text, c.Text))
	}
	if c.TTY != "" {
		parts = append(parts, fmt.Sprintf(w.TTY, c.TTY))
	}
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	if c.Hours != "" {
		parts = append(parts, c.Hours)
	}
	return strings.Join(parts, "; ")
}

func (w *words) contactText(c screening.Contact) string {
	line := w.contactLine(c)
	if c.Notes != "" {
		line += ". " + c.Notes
	}
	return line
}

func (w *words) modeTag(q *screening.Question) string {
	switch q.Mode {
	case screening.ModeObserve:
		return w.Observe
	case screening.ModeRecord:
		return w.Record
	default:
		return w.Ask
	}
}

func (w *words) typeDesc(q *screening.Question) string {
	switch q.Type {
	case screening.TypeYesNo:
		return w.YesOrNo
	case screening.TypeSingle:
		return w.ChooseOne
	case screening.TypeMulti:
		return w.ChooseAny
	case screening.TypeDateTime:
		if q.NotBefore.ID != "" {
			return w.ADateTime + fmt.Sprintf(w.NotBefore, q.NotBefore.ID)
		}
		return w.ADateTime
	case screening.TypeNumber:
		d := w.ANumber
		if q.Unit != "" {
			d += fmt.Sprintf(w.NumberIn, q.Unit)
		}
		if q.Min != nil {
			d += fmt.Sprintf(w.AtLeast, *q.Min)
		}
		if q.Max != nil {
			d += fmt.Sprintf(w.AtMost, *q.Max)
		}
		return d
	default:
		return w.TheirWords
	}
}

type unansweredGroup struct {
	Title     string
	Questions []string
}

// returnLater says what can be done about the questions left: a later conversation can return
// to those for the young person; the worker's own (observations, the record) are filled in.
func (w *words) returnLater(s *screening.Summary) string {
	for _, qs := range [][]screening.QuestionAnswer{s.Declined(), s.DontKnow(), s.NotAsked()} {
		for _, q := range qs {
			if q.Mode.ReadAloud() {
				return w.ReturnLater
			}
		}
	}
	return w.ReturnLaterNone
}

func (w *words) unanswered(s *screening.Summary) []unansweredGroup {
	var out []unansweredGroup
	for _, g := range []struct {
		title string
		qs    []screening.QuestionAnswer
	}{
		{w.Declined, s.Declined()},
		{w.DontKnow, s.DontKnow()},
		{w.NotAsked, s.NotAsked()},
	} {
		if len(g.qs) == 0 {
			continue
		}
		texts := make([]string, len(g.qs))
		for i, q := range g.qs {
			texts[i] = q.Text
		}
		out = append(out, unansweredGroup{g.title, texts})
	}
	return out
}

// condition says when a question is asked or an action applies, as the printable form shows it.
func (w *words) condition(c *screening.Condition) string {
	if c == nil {
		return w.Always
	}
	switch c.Op {
	case screening.OpIs:
		return fmt.Sprintf(w.Is, c.Question, w.value(c))
	case screening.OpIsNot:
		return fmt.Sprintf(w.IsNot, c.Question, w.value(c))
	case screening.OpIncludes:
		return fmt.Sprintf(w.Includes, c.Question, c.Value)
	case screening.OpAnswered:
		return fmt.Sprintf(map[bool]string{true: w.IsAnswered, false: w.IsNotAnswered}[c.Flag], c.Question)
	case screening.OpDeclined:
		return fmt.Sprintf(map[bool]string{true: w.IsDeclined, false: w.IsNotDeclined}[c.Flag], c.Question)
	case screening.OpLessThan:
		return fmt.Sprintf(w.LessThan, c.Question, c.Number)
	case screening.OpAtLeast:
		return fmt.Sprintf(w.AtLeastN, c.Question, c.Number)
	case screening.OpIndicator:
		return fmt.Sprintf(w.Raised, c.Indicator)
	case screening.OpLevel:
		level := map[screening.Level]string{screening.LevelPossible: w.Possible, screening.LevelClear: w.Clear}[c.Level]
		if c.Domain != "" {
			return fmt.Sprintf(w.DomainLevelOr, c.Domain, cmp.Or(level, string(c.Level)))
		}
		return fmt.Sprintf(w.LevelOrMore, cmp.Or(level, string(c.Level)))
	case screening.OpComplete:
		return map[bool]string{true: w.IsComplete, false: w.IsIncomplete}[c.Flag]
	case screening.OpAll, screening.OpAny:
		parts := make([]string, len(c.Sub))
		for i := range c.Sub {
			parts[i] = w.condition(&c.Sub[i])
		}
		return map[bool]string{true: w.AllOf, false: w.AnyOf}[c.Op == screening.OpAll] + " (" + strings.Join(parts, "; ") + ")"
	case screening.OpNot:
		if len(c.Sub) == 1 {
			return w.Not + " (" + w.condition(&c.Sub[0]) + ")"
		}
	}
	return c.String()
}
