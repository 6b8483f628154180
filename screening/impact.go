package screening

import (
	"fmt"
	"slices"
	"strings"
)

// ScenarioOutcome is what a scenario's answers come to on one version of a set: what a worker
// would read on the summary.
type ScenarioOutcome struct {
	Concern    Level
	Score      int
	Domains    []DomainOutcome // in the set's order
	Indicators []string        // raised, in the set's order
	Actions    []string        // listed, most pressing first
	Interrupts []string        // the actions that interrupted the interview, in order
}

// DomainOutcome is the level a scenario reaches in one domain.
type DomainOutcome struct {
	ID    string
	Level Level
}

// ScenarioImpact is a scenario run on two versions of a set: what it came to on each, and what
// kept it from running as written (a question one version lacks, an answer it refuses).
type ScenarioImpact struct {
	Scenario      *Scenario
	File          string           // where the scenario was read from
	Before, After *ScenarioOutcome // nil: it could not be run on that version
	Notes         []string
}

// Changed reports whether the scenario comes to something else on the new version: another
// concern, another level in a domain, other indicators, actions or interrupts; or it could be
// run on one version only.
func (im ScenarioImpact) Changed() bool {
	b, a := im.Before, im.After
	if b == nil || a == nil {
		return b != a
	}
	return b.Concern != a.Concern || !slices.Equal(b.Domains, a.Domains) || !slices.Equal(b.Indicators, a.Indicators) ||
		!slices.Equal(b.Actions, a.Actions) || !slices.Equal(b.Interrupts, a.Interrupts)
}

// Impact runs the scenario on both versions. A scenario is written for one version; on the
// other, an answer to a question that version lacks is left out, and said so, and an answer it
// refuses keeps the scenario from running there, and is said so: it never fails the comparison.
func (sc *Scenario) Impact(old, new *QuestionSet) ScenarioImpact {
	im := ScenarioImpact{Scenario: sc}
	var notes []string
	im.Before, notes = sc.outcome(old)
	im.Notes = append(im.Notes, notes...)
	im.After, notes = sc.outcome(new)
	im.Notes = append(im.Notes, notes...)
	return im
}

// outcome runs the scenario on set, saying what kept it from running as written.
func (sc *Scenario) outcome(set *QuestionSet) (*ScenarioOutcome, []string) {
	var notes, lacks []string
	s := NewSession(set)
	for _, r := range sc.Responses {
		if _, ok := s.Question(r.QuestionID); !ok && r.HasAnswer {
			lacks = append(lacks, r.QuestionID)
		}
	}
	if len(lacks) > 0 {
		notes = append(notes, fmt.Sprintf("%s %s has no question %s: %s left out there", set.ID, set.Version, strings.Join(lacks, ", "), plural(len(lacks), "that answer is", "those answers are")))
	}
	s, _, interrupted, err := sc.run(set)
	if err != nil {
		return nil, append(notes, fmt.Sprintf("cannot be run on %s %s: %v", set.ID, set.Version, err))
	}
	o := &ScenarioOutcome{Concern: s.Concern(), Score: s.Score(), Interrupts: interrupted}
	for _, d := range s.Domains() {
		o.Domains = append(o.Domains, DomainOutcome{ID: d.ID, Level: d.Level})
	}
	for _, ind := range s.Raised() {
		o.Indicators = append(o.Indicators, ind.ID)
	}
	for _, a := range s.Actions() {
		o.Actions = append(o.Actions, a.ID)
	}
	return o, notes
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// DiffSide is one of the two files compared.
type DiffSide struct {
	File     string
	Kind     SideKind
	ID       string // the set's id (a translation's set's); "" for contacts
	Version  string // the set's version (a translation's set's); "" for contacts
	Language string // a set's or a translation's; "" for contacts
	SHA256   string
}

// SideKind is what the files compared hold.
type SideKind string

// The kinds of file diff compares.
const (
	SideSet         SideKind = "set"
	SideTranslation SideKind = "translation"
	SideContacts    SideKind = "contacts"
)

// Diff is the comparison of two versions: what changed, what that does to the scenarios, what
// translations must be done again, and the version bump it needs.
type Diff struct {
	From, To    DiffSide
	Differences []Difference
	Scenarios   []ScenarioImpact // every scenario run; Changed says which came out otherwise
	// A scenario is run when it tests OLD's or NEW's version; OtherVersions counts the set's
	// scenarios written for other versions, which were not. When none tests either version,
	// every scenario of the set is run, as 'test --file' runs them, and AnyVersion says so.
	OtherVersions int
	AnyVersion    bool
	Translations  []TranslationRedo
	Required      Bump
}

// TranslationRedo is what one language's translation must do again for the new version.
type TranslationRedo struct {
	Language string
	File     string // the new version's translation; "" when there is none yet
	From     string // the old version's translation, if there is one
	Strings  []Redo
	// Unrecorded counts the translation's strings that record no source: whether they are
	// stale cannot be told.
	Unrecorded int
}

// RedoOf is what the translation tr of set must translate again.
func RedoOf(tr *Translation, set *QuestionSet, file string) TranslationRedo {
	r := TranslationRedo{Language: tr.Language, File: file, Strings: RedoTranslation(tr, set)}
	for p := range tr.Strings() {
		if _, ok := tr.From[p]; !ok {
			r.Unrecorded++
		}
	}
	return r
}

// NewDiff assembles the comparison of two files from their differences: two question sets of
// the same version whose files differ in nothing a screening uses differ in their bytes, which
// every summary records, and that is a difference too.
func NewDiff(from, to DiffSide, ds []Difference) *Diff {
	d := &Diff{From: from, To: to, Differences: ds}
	if len(ds) == 0 && from.Kind == SideSet && to.Kind == SideSet && from.Version == to.Version && from.SHA256 != to.SHA256 {
		x := Difference{Kind: DiffChanged, Item: ItemFile, ID: to.ID, Field: "sha256", Path: "", Before: from.SHA256, After: to.SHA256, OldPos: Pos{Line: 1, Column: 1}, NewPos: Pos{Line: 1, Column: 1}}
		x.Bump, x.Why = ruleLayout.Bump, ruleLayout.Why
		d.Differences = append(d.Differences, x)
	}
	d.Required = RequiredBump(d.Differences)
	return d
}

// Versioned reports whether the two sides carry versions to check: two question sets.
func (d *Diff) Versioned() bool { return d.From.Kind == SideSet && d.To.Kind == SideSet }

// Bumped is the part of the version the new side raises over the old one, and whether it is
// lower instead.
func (d *Diff) Bumped() (Bump, bool) { return VersionBump(d.From.Version, d.To.Version) }

// NeedMore returns the differences that need a larger bump than the new version makes, in
// order; all of them when the new version is lower than the old.
func (d *Diff) NeedMore() []Difference {
	b, lower := d.Bumped()
	var out []Difference
	for _, x := range d.Differences {
		if lower || x.Bump > b {
			out = append(out, x)
		}
	}
	return out
}

// VersionOK reports whether the new version is raised enough for what changed.
func (d *Diff) VersionOK() bool {
	b, lower := d.Bumped()
	return !lower && b >= d.Required
}
