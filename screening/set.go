// Package screening is the domain of safeharbor: question sets, conditions, the checks behind
// `safeharbor validate`, and (later) the interview engine, answers, scoring and the summary.
//
// It is pure: no files, no terminal, no YAML. Every value that came from a file carries the
// position it came from, so a check can point an analyst at the exact line and column.
package screening

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
	Status      string
	Title       string
	Description string
	Language    string
	Sources     []Source
	Levels      Levels
	Opening     []Step
	Closing     []Step
	Sections    []Section
	Indicators  []Indicator
	Actions     []Action
	Contacts    []Ref

	Pos                                               Pos // the top-level mapping
	IDPos, VersionPos, StatusPos, TitlePos, LangPos   Pos
	SourcesPos, LevelsPos, SectionsPos, IndicatorsPos Pos
}

// Statuses of a question set, in the order of its life.
const (
	StatusDraft   = "draft"
	StatusActive  = "active"
	StatusRetired = "retired"
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
}

// Levels are the total indicator weights at which concern becomes possible and clear.
type Levels struct {
	Possible, Clear       int
	PossiblePos, ClearPos Pos
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
	ID        string
	Title     string
	Help      string
	Questions []Question
	Pos       Pos
	IDPos     Pos
	TitlePos  Pos
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

	Pos                                 Pos
	IDPos, ModePos, TypePos, TextPos    Pos
	OptionsPos, MinPos, MaxPos, WhenPos Pos
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

	Pos                                  Pos
	IDPos, PriorityPos, TextPos, WhenPos Pos
}

// Priority orders actions in the summary.
type Priority string

// The action priorities, most pressing first.
const (
	PriorityUrgent      Priority = "urgent"
	PriorityRequired    Priority = "required"
	PriorityRecommended Priority = "recommended"
)

// Concern levels reached by the total indicator weight.
const (
	LevelNone     = "none"
	LevelPossible = "possible"
	LevelClear    = "clear"
)

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
