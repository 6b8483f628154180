// Package screening is the domain of safeharbor: question sets, conditions, the checks behind
// `safeharbor validate`, and (later) the interview engine, answers, scoring and the summary.
//
// It is pure: no files, no terminal, no YAML. Every value that came from a file carries the
// position it came from, so a check can point an analyst at the exact line and column.
package screening

import "time"

// Pos is a position in a source file, 1-based. The zero Pos means "no position known".
type Pos struct {
	Line, Column int
}

// IsZero reports whether p carries no position.
func (p Pos) IsZero() bool { return p.Line == 0 }

// Ref is a reference by id to something defined elsewhere (an indicator, a source, a contact),
// with the position of the reference itself.
type Ref struct {
	ID  string
	Pos Pos
}

// QuestionSet is one published version of a question set (file format safeharbor/v1).
type QuestionSet struct {
	Format      string
	ID          string
	Version     string
	Status      Status
	Title       string
	Description string
	Language    string
	Sources     []Source
	Levels      Levels
	Domains     []Domain          // the areas indicators belong to; none: one overall level only
	Complete    *CompletenessRule // when a screening counts as incomplete; nil: never
	Opening     []Step
	Closing     []Step
	Sections    []Section
	Indicators  []Indicator
	Actions     []Action
	Contacts    []Ref

	Pos                                               Pos // the top-level mapping
	IDPos, VersionPos, StatusPos, TitlePos, LangPos   Pos
	SourcesPos, LevelsPos, SectionsPos, IndicatorsPos Pos
	DomainsPos, CompletePos, DescriptionPos           Pos
}

// Status is where a question set is in its life.
type Status string

// Statuses of a question set, in the order of its life.
const (
	StatusDraft   Status = "draft"
	StatusActive  Status = "active"
	StatusRetired Status = "retired"
)

// Source is a document the set's indicators are drawn from.
type Source struct {
	ID        string
	Title     string
	Publisher string
	Year      int
	URL       string
	Pos       Pos
	IDPos     Pos
	URLPos    Pos
}

// Levels are the total indicator weights at which concern becomes possible and clear, and what
// else each level needs besides its score.
type Levels struct {
	Possible, Clear           int
	PossibleNeeds, ClearNeeds Needs
	PossiblePos, ClearPos     Pos
}

// Needs is what a level asks for besides its score: at least one raised indicator that weighs
// MinWeight or more and, when Domains are named, belongs to one of them. It lets a set keep
// vulnerabilities alone, however many, below "clear". The zero Needs asks for nothing.
type Needs struct {
	MinWeight    int
	Domains      []Ref
	Pos          Pos // the level's mapping
	MinWeightPos Pos
}

// IsZero reports whether n asks for nothing beyond the score.
func (n Needs) IsZero() bool { return n.MinWeight == 0 && len(n.Domains) == 0 }

// MetBy reports whether the raised indicator ind meets n.
func (n Needs) MetBy(ind *Indicator) bool {
	if ind.Weight < n.MinWeight {
		return false
	}
	if len(n.Domains) == 0 {
		return true
	}
	for _, d := range n.Domains {
		if d.ID == ind.Domain.ID {
			return true
		}
	}
	return false
}

// Domain is an area of exploitation or vulnerability that indicators belong to (sexual, labor,
// criminal, online exploitation; vulnerability). The summary gives each its own level, so that
// drug-running reads as criminal exploitation and a sextortion demand as online exploitation.
type Domain struct {
	ID       string
	Label    string
	Pos      Pos
	IDPos    Pos
	LabelPos Pos
}

// CompletenessRule says when a screening is incomplete: fewer questions read aloud answered than
// MinAnswered, or any key question without an answer (declined, not known, or not asked). An
// incomplete screening that raised no level is reported as "incomplete", never as "none".
type CompletenessRule struct {
	MinAnswered    int   // 0: no minimum
	KeyQuestions   []Ref // each must be answered, when it applies
	Pos            Pos
	MinAnsweredPos Pos
}

// Step is one thing the worker says (read aloud) or does (guidance only) in the opening or closing.
type Step struct {
	Kind StepKind
	Text string
	Pos  Pos
}

// StepKind tells whether a step is read aloud or is guidance for the worker.
type StepKind string

// The step kinds.
const (
	StepSay StepKind = "say"
	StepDo  StepKind = "do"
)

// Section groups questions under a title, in the order a conversation flows.
type Section struct {
	ID    string
	Title string
	Help  string
	// When: the section's questions are asked only if it holds, besides their own conditions
	// (a conversation written for 11 and older is not put to a younger child). It may refer only
	// to what comes before the section. nil: always.
	When      *Condition
	Questions []Question
	Pos       Pos
	IDPos     Pos
	TitlePos  Pos
	WhenPos   Pos
}

// Question is one item of the interview.
type Question struct {
	ID        string
	Mode      Mode
	Type      Type
	Text      string
	Help      string
	Options   []Option
	Min, Max  *float64 // number questions only; nil when not set
	Unit      string   // number questions only, e.g. "days"
	Indicator Ref      // yesno questions: the indicator a "yes" raises
	When      *Condition
	// NotBefore names an earlier datetime question this one's answer may not be earlier than:
	// the agency cannot learn of a return before it happened (learned-at, not_before returned-at).
	NotBefore Ref
	Fact      Fact // what the answer records for records and statistics (the age, ...); "": see FactsByQuestion

	Pos                                 Pos
	IDPos, ModePos, TypePos, TextPos    Pos
	OptionsPos, MinPos, MaxPos, WhenPos Pos
	FactPos                             Pos
}

// Mode says how a question is put: read aloud, observed by the worker, or taken from records.
type Mode string

// The question modes.
const (
	ModeAsk     Mode = "ask"
	ModeObserve Mode = "observe"
	ModeRecord  Mode = "record"
)

// ReadAloud reports whether the question's text is said to the young person.
func (m Mode) ReadAloud() bool { return m == ModeAsk }

// Type is the kind of answer a question takes.
type Type string

// The question types.
const (
	TypeYesNo  Type = "yesno"
	TypeSingle Type = "single"
	TypeMulti  Type = "multi"
	TypeNumber Type = "number"
	TypeText   Type = "text"
	// TypeDateTime is a date and time, such as when the young person returned or when the
	// agency learned of it. An answer holds it as RFC 3339 text with its UTC offset.
	TypeDateTime Type = "datetime"
)

// HasOptions reports whether questions of type t list their options.
func (t Type) HasOptions() bool { return t == TypeSingle || t == TypeMulti }

// Option is one choice of a single or multi question.
type Option struct {
	Value     string
	Label     string
	Indicator Ref // the indicator choosing this option raises
	Pos       Pos
	ValuePos  Pos
	LabelPos  Pos
}

// Indicator is a sign of concern with a weight toward the concern level.
type Indicator struct {
	ID         string
	Label      string
	Weight     int
	Sources    []Ref
	Disclosure bool // raising it means the youth has disclosed: stop probing and refer
	Help       string
	Domain     Ref // the domain it belongs to, one of the set's; empty when the set has none

	Pos                                 Pos
	IDPos, LabelPos, WeightPos, SrcsPos Pos
}

// Action is something the summary tells the worker to do, when its condition holds.
type Action struct {
	ID       string
	Priority Priority
	When     *Condition // nil: always
	Text     string
	Contacts []Ref
	// Interrupt: the worker is shown the action the moment its condition becomes true during
	// the interview, not only in the summary (call 911 now; 988; the 72-hour medical window).
	Interrupt bool
	Due       *Due // a deadline counted from a date-and-time answer; nil: none
	// Sources are the documents the action's advice rests on (a statute, clinical guidance),
	// cited as indicators cite theirs.
	Sources []Ref

	Pos                                  Pos
	IDPos, PriorityPos, TextPos, WhenPos Pos
	InterruptPos                         Pos
}

// Due is an action's deadline: Within after the time a datetime question records.
type Due struct {
	From       Ref           // the datetime question the time comes from
	Within     time.Duration // 0 when WithinText is not a duration (reported by the checks)
	WithinText string        // as written: 24h, 72h, 5d, 90m
	Pos        Pos
	WithinPos  Pos
}

// Priority orders actions in the summary.
type Priority string

// The action priorities, most pressing first.
const (
	PriorityUrgent      Priority = "urgent"
	PriorityRequired    Priority = "required"
	PriorityRecommended Priority = "recommended"
)

// Level is a level of concern: what the answers reached (none, possible, clear), or, for a
// screening the set calls incomplete that reached none, incomplete.
type Level string

// Concern levels reached by the total indicator weight.
const (
	LevelNone     Level = "none"
	LevelPossible Level = "possible"
	LevelClear    Level = "clear"
	// LevelIncomplete is the concern of a screening the set calls incomplete that reached no
	// level: it could not screen, which is not the same as finding nothing.
	LevelIncomplete Level = "incomplete"
)

// Domain returns the domain with the given id.
func (s *QuestionSet) Domain(id string) (*Domain, bool) {
	for i := range s.Domains {
		if s.Domains[i].ID == id {
			return &s.Domains[i], true
		}
	}
	return nil, false
}

// Questions returns every question in file order.
func (s *QuestionSet) Questions() []*Question {
	var qs []*Question
	for i := range s.Sections {
		for j := range s.Sections[i].Questions {
			qs = append(qs, &s.Sections[i].Questions[j])
		}
	}
	return qs
}
