package screening

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening/phrases"
)

// SummaryFormat names the version of the summary's shape; the JSON form carries it.
const SummaryFormat = "safeharbor-summary/v1"

// SummaryMeta is what the engine cannot know: which file the set came from, and when.
type SummaryMeta struct {
	SetSHA256 string
	Started   time.Time
	Finished  time.Time
	Language  string // the language the questions were asked in; the set's when empty
	Training  bool
	// CaseRef is the case reference the worker gave the interview (a draft's label), printed on
	// the summary so a page can be filed; never the young person's name. "": none.
	CaseRef  string
	Contacts *ContactDirectory
	// WorkerID is the worker's own id, printed on the summary; never in a record. "": none.
	WorkerID string
	// Made is when the worker recorded each action done, by action id (safeharbor report-made).
	Made map[string]time.Time
	// Zone is the time zone clock times (datetime answers, deadlines) are shown in: where the
	// worker is. nil: each as it was recorded.
	Zone *time.Location
}

// Summary is the referral summary of one interview: data only, rendered by package report.
type Summary struct {
	Format     string
	Set        SetRef
	Started    time.Time
	Finished   time.Time
	Language   string
	Training   bool
	EndedEarly bool   // the worker ended the interview after a disclosure
	CaseRef    string // the worker's case reference for the interview; "" when none was given
	WorkerID   string // the worker's id; "" when none was given

	Concern Level // none, possible, clear, or incomplete: no level, and the set calls it incomplete
	Level   Level // the level the answers reached: none, possible or clear
	Reached Reached
	Score   int
	Levels  Levels
	// Domains is the level in each of the set's domains, in the set's order; empty when the set
	// declares none.
	Domains      []DomainLevel
	Completeness Completeness
	Sections     []SectionScore
	Indicators   []RaisedIndicator
	Actions      []SummaryAction
	Contacts     []Contact
	Answers      []QuestionAnswer // every question, in order, with its state
	Notes        []SectionNote
}

// SetRef identifies the exact question set an interview used.
type SetRef struct {
	ID, Version, SHA256, Title string
}

// SectionScore is the weight a section's answers contributed: an indicator counts in the section
// of the first question that raised it, so the sections add up to the total.
type SectionScore struct {
	ID, Title string
	Score     int
}

// RaisedIndicator is an indicator with the answers that raised it.
type RaisedIndicator struct {
	ID         string
	Label      string
	Weight     int
	Disclosure bool
	Sources    []Source
	Evidence   []QuestionAnswer
}

// SummaryAction is an action the worker must take, with its contacts resolved.
type SummaryAction struct {
	ID        string
	Priority  Priority
	Text      string
	Contacts  []Contact
	Interrupt bool      // it was shown to the worker the moment it applied
	Due       *Deadline // nil: no deadline
	Made      *Made     // nil: not recorded as done
}

// QuestionAnswer is one question and what became of it.
type QuestionAnswer struct {
	QuestionID string
	SectionID  string
	Text       string // the question as written
	Mode       Mode
	Type       Type
	State      State
	Value      string   // the answer as a person reads it: option labels, "Yes", the youth's words
	Values     []string // the answer as data: "yes"/"no", option values, the number, the words
	Language   string   // the language it was asked in, when the interview used a translation
	Fact       Fact     // what the answer records for records and statistics; "" for most questions
}

// SectionNote is the worker's note on a section.
type SectionNote struct {
	SectionID, Title, Text string
}

// Declined returns the questions the young person preferred not to answer.
func (s *Summary) Declined() []QuestionAnswer { return s.withState(StateDeclined) }

// DontKnow returns the questions the young person did not know the answer to.
func (s *Summary) DontKnow() []QuestionAnswer { return s.withState(StateDontKnow) }

// NotAsked returns the questions that applied but were not asked.
func (s *Summary) NotAsked() []QuestionAnswer { return s.withState(StateNotAsked) }

func (s *Summary) withState(st State) []QuestionAnswer {
	var out []QuestionAnswer
	for _, a := range s.Answers {
		if a.State == st {
			out = append(out, a)
		}
	}
	return out
}

// Summary builds the referral summary. Questions that applied but have no answer (the worker
// ended early, or an answers file left them out) are recorded as not asked, never filled in.
func (s *Session) Summary(meta SummaryMeta) Summary {
	v := s.viewUpTo(len(s.questions))
	sum := Summary{
		Format:     SummaryFormat,
		Set:        SetRef{ID: s.set.ID, Version: s.set.Version, SHA256: meta.SetSHA256, Title: s.set.Title},
		Started:    meta.Started,
		Finished:   meta.Finished,
		Language:   cmp.Or(meta.Language, s.set.Language),
		Training:   meta.Training,
		EndedEarly: s.ended,
		CaseRef:    meta.CaseRef,
		WorkerID:   meta.WorkerID,
		Levels:     s.set.Levels,
	}
	sum.Reached = v.reach()
	sum.Score = sum.Reached.Score
	sum.Level = sum.Reached.Level
	sum.Completeness = v.completeness()
	sum.Concern = concern(sum.Level, sum.Completeness)
	sum.Domains = v.domains(sum.Completeness)
	c, _ := phrases.For(sum.Language)
	words := c.Answers

	// Every answer, and which indicators each raised first.
	firstSection := make(map[string]int) // indicator -> section index
	evidence := make(map[string][]QuestionAnswer)
	facts := s.set.FactsByQuestion()
	for i, q := range s.questions {
		a := v.states[i]
		if a.State == "" {
			a.State = StateNotAsked
		}
		qa := QuestionAnswer{
			QuestionID: q.ID, SectionID: s.set.Sections[s.section[i]].ID, Text: q.Text,
			Mode: q.Mode, Type: q.Type, State: a.State, Fact: facts[q.ID],
		}
		if a.IsAnswered() {
			qa.Value, qa.Values = display(q, a, words, meta.Zone)
		}
		sum.Answers = append(sum.Answers, qa)
		for _, id := range raisedBy(q, a) {
			if _, seen := firstSection[id]; !seen {
				firstSection[id] = s.section[i]
			}
			evidence[id] = append(evidence[id], qa)
		}
	}

	bySection := make([]int, len(s.set.Sections))
	sources := make(map[string]Source)
	for _, src := range s.set.Sources {
		sources[src.ID] = src
	}
	for _, ind := range s.set.Indicators {
		if !v.isRaised(ind.ID) {
			continue
		}
		bySection[firstSection[ind.ID]] += ind.Weight
		ri := RaisedIndicator{ID: ind.ID, Label: ind.Label, Weight: ind.Weight, Disclosure: ind.Disclosure, Evidence: evidence[ind.ID]}
		for _, r := range ind.Sources {
			ri.Sources = append(ri.Sources, sources[r.ID])
		}
		sum.Indicators = append(sum.Indicators, ri)
	}
	// Strongest first, so the reader meets disclosures and control before vulnerabilities.
	slices.SortStableFunc(sum.Indicators, func(a, b RaisedIndicator) int { return b.Weight - a.Weight })
	for i, sec := range s.set.Sections {
		if bySection[i] > 0 {
			sum.Sections = append(sum.Sections, SectionScore{ID: sec.ID, Title: sec.Title, Score: bySection[i]})
		}
	}

	var contactIDs []string
	addContact := func(id string) {
		if !slices.Contains(contactIDs, id) {
			contactIDs = append(contactIDs, id)
		}
	}
	// Every summary carries the national hotline and NCMEC, whatever the set lists.
	addContact(ContactHotline)
	addContact(ContactNCMEC)
	for _, r := range s.set.Contacts {
		addContact(r.ID)
	}
	meta.Language = sum.Language
	for _, a := range s.Actions() {
		for _, r := range a.Contacts {
			addContact(r.ID)
		}
		sum.Actions = append(sum.Actions, v.resolve(a, meta))
	}
	for _, id := range contactIDs {
		if c, ok := lookupContact(meta, id); ok {
			sum.Contacts = append(sum.Contacts, c)
		}
	}

	for _, sec := range s.set.Sections {
		if n := s.notes[sec.ID]; n != "" {
			sum.Notes = append(sum.Notes, SectionNote{SectionID: sec.ID, Title: sec.Title, Text: n})
		}
	}
	return sum
}

// ResolveAction is an action as a summary or an interrupting screen shows it: its contacts looked
// up in meta's directory and language, its deadline worked out from the answers so far (overdue
// when it had passed by meta.Finished).
func (s *Session) ResolveAction(a *Action, meta SummaryMeta) SummaryAction {
	meta.Language = cmp.Or(meta.Language, s.set.Language)
	return s.viewUpTo(len(s.questions)).resolve(a, meta)
}

func (v *view) resolve(a *Action, meta SummaryMeta) SummaryAction {
	sa := SummaryAction{ID: a.ID, Priority: a.Priority, Text: a.Text, Interrupt: a.Interrupt}
	for _, r := range a.Contacts {
		if c, ok := lookupContact(meta, r.ID); ok {
			sa.Contacts = append(sa.Contacts, c)
		}
	}
	if a.Due != nil {
		sa.Due = v.deadline(a.Due, meta.Zone, meta.Finished)
	}
	if at, ok := meta.Made[a.ID]; ok {
		if meta.Zone != nil {
			at = at.In(meta.Zone)
		}
		sa.Made = &Made{At: at, InTime: JudgeMade(sa.Due, at)}
	}
	return sa
}

// lookupContact finds a contact in meta's directory, in meta's language; with no directory, a
// contact is its id.
func lookupContact(meta SummaryMeta, id string) (Contact, bool) {
	if meta.Contacts == nil {
		return Contact{ID: id, Name: id}, true
	}
	c, ok := meta.Contacts.Lookup(id)
	return c.In(meta.Language), ok
}

// display renders an answered value for people, and as data. A yes, a no and "none of these"
// are in the words given; everything else an answer says comes from the set, translated with it.
// A date and time is shown in zone, when it is given.
func display(q *Question, a Answer, words phrases.Answers, zone *time.Location) (string, []string) {
	label := func(value string) string {
		for _, o := range q.Options {
			if o.Value == value {
				return o.Label
			}
		}
		return value
	}
	switch q.Type {
	case TypeYesNo:
		if a.Text == "yes" {
			return words.Yes, []string{"yes"}
		}
		return words.No, []string{"no"}
	case TypeSingle:
		return label(a.Text), []string{a.Text}
	case TypeMulti:
		if len(a.Choices) == 0 {
			return words.None, []string{}
		}
		labels := make([]string, len(a.Choices))
		for i, c := range a.Choices {
			labels[i] = label(c)
		}
		return strings.Join(labels, "; "), slices.Clone(a.Choices)
	case TypeDateTime:
		t, err := parseStoredClock(a.Text)
		if err != nil {
			return a.Text, []string{a.Text}
		}
		if zone != nil {
			t = t.In(zone)
		}
		return formatClock(t, words), []string{a.Text}
	case TypeNumber:
		n := strconv.FormatFloat(a.Number, 'f', -1, 64)
		shown := strings.Replace(n, ".", words.DecimalMark, 1) // "15,5 años"; the data keeps "15.5"
		if q.Unit != "" {
			return fmt.Sprintf("%s %s", shown, q.Unit), []string{n}
		}
		return shown, []string{n}
	default:
		return a.Text, []string{a.Text}
	}
}

// DisplayAnswer says an answered value the way a person reads it, in lang: option labels, "Yes",
// the number with its unit, the young person's words.
func DisplayAnswer(q *Question, a Answer, lang string, zone *time.Location) string {
	c, _ := phrases.For(lang)
	v, _ := display(q, a, c.Answers, zone)
	return v
}
