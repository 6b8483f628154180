package screening

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// CheckOptions are what the checks of a set need beyond the set itself.
type CheckOptions struct {
	// Contacts the set may refer to. Nil skips the contact references check.
	Contacts *ContactDirectory
	// Wording lists the terms to avoid. Nil skips the language check.
	Wording *Wording
}

// ReservedValues are answers the interview accepts at every question; no option may take them.
var ReservedValues = []string{"declined", "dont-know", "skip"}

var (
	statuses   = []Status{StatusDraft, StatusActive, StatusRetired}
	modes      = []Mode{ModeAsk, ModeObserve, ModeRecord}
	types      = []Type{TypeYesNo, TypeSingle, TypeMulti, TypeNumber, TypeText, TypeDateTime}
	priorities = []Priority{PriorityUrgent, PriorityRequired, PriorityRecommended}
	levelNames = []Level{LevelPossible, LevelClear}
	yesNo      = []string{"yes", "no"}
)

// The official semver 2.0.0 pattern (semver.org), without a leading "v".
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// IsSemver reports whether v is a full semantic version, MAJOR.MINOR.PATCH with optional
// pre-release and build parts.
func IsSemver(v string) bool { return semverRE.MatchString(v) }

// IsID reports whether id is lower-case kebab-case: letters a-z and digits, in groups joined by
// single hyphens. Ids are typed in answers files and compared across versions, so they are kept
// plain.
func IsID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// IsLanguageTag reports whether tag has the shape of a BCP 47 tag: a 2-3 letter language and
// optional subtags of 1-8 letters or digits ("en", "es-US", "zh-Hant-TW").
func IsLanguageTag(tag string) bool {
	parts := strings.Split(tag, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 || !isLetters(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 8 || !isAlnum(p) {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9') && !isLetters(s[i:i+1]) {
			return false
		}
	}
	return true
}

// CheckSet runs every semantic check on a decoded set. The findings are in no particular order.
func CheckSet(s *QuestionSet, opt CheckOptions) Findings {
	c := checker{set: s, opt: opt}
	c.header()
	c.sources()
	c.domains()
	c.indicators()
	c.levelNeeds()
	c.steps(s.Opening)
	c.steps(s.Closing)
	c.sections()
	c.completeness()
	c.actions()
	c.contacts()
	c.coverage()
	return c.out
}

type checker struct {
	set *QuestionSet
	opt CheckOptions
	out Findings

	sourceIDs    map[string]Pos
	domainIDs    map[string]Pos
	indicatorIDs map[string]Pos
	questionAt   map[string]int // question id -> order in the set
	questions    []*Question
	raisedBy     map[string][]int // indicator id -> orders of the questions that can raise it
	factBy       map[Fact]*Question
	// sectionWhen: the condition being checked is a section's, decided at its first question
	// (order), so that question is not before it.
	sectionWhen bool
}

func (c *checker) header() {
	s := c.set
	c.requireID(s.ID, s.IDPos, s.Pos, "the set")
	switch {
	case s.Version == "":
		c.out.Errorf(s.Pos, RuleMissingField, "the set has no version: add `version: 1.0.0`")
	case !IsSemver(s.Version):
		c.out.Errorf(s.VersionPos, RuleInvalidVersion, "version %q is not a semantic version: write MAJOR.MINOR.PATCH, such as 1.0.0", s.Version)
	}
	switch {
	case s.Status == "":
		c.out.Errorf(s.Pos, RuleMissingField, "the set has no status: add `status:` with %s", quoteList(statuses))
	case !slices.Contains(statuses, s.Status):
		c.out.Errorf(s.StatusPos, RuleUnknownValue, "unknown status %q: want %s%s", s.Status, quoteList(statuses), DidYouMean(s.Status, statuses))
	}
	if strings.TrimSpace(s.Title) == "" {
		c.out.Errorf(s.Pos, RuleMissingField, "the set has no title")
	}
	switch {
	case s.Language == "":
		c.out.Errorf(s.Pos, RuleMissingField, "the set has no language: add `language: en` (a BCP 47 tag)")
	case !IsLanguageTag(s.Language):
		c.out.Errorf(s.LangPos, RuleInvalidLanguage, "language %q is not a BCP 47 tag such as \"en\" or \"es-US\"", s.Language)
	}
	l := s.Levels
	// A level written as a mapping without its score is reported where it is decoded.
	unscored := func(score int, needs Needs) bool { return score == 0 && !needs.Pos.IsZero() }
	switch {
	case unscored(l.Possible, l.PossibleNeeds) || unscored(l.Clear, l.ClearNeeds):
	case s.LevelsPos.IsZero():
		c.out.Errorf(s.Pos, RuleLevels, "the set has no levels: add `levels: {possible: N, clear: M}` with 0 < N < M")
	case l.Possible <= 0:
		c.out.Errorf(pick(l.PossiblePos, s.LevelsPos), RuleLevels, "levels.possible must be a whole number above 0, not %d", l.Possible)
	case l.Clear <= l.Possible:
		c.out.Errorf(pick(l.ClearPos, s.LevelsPos), RuleLevels, "levels.clear (%d) must be above levels.possible (%d)", l.Clear, l.Possible)
	}
	if len(s.Sections) == 0 {
		c.out.Errorf(pick(s.SectionsPos, s.Pos), RuleMissingField, "the set has no sections, so nothing would be asked")
	}
}

func (c *checker) sources() {
	c.sourceIDs = make(map[string]Pos)
	for _, src := range c.set.Sources {
		if c.requireID(src.ID, src.IDPos, src.Pos, "a source") {
			c.unique(c.sourceIDs, "source", src.ID, src.IDPos)
		}
		if src.URL != "" {
			if p := URLProblem(src.URL); p != "" {
				c.out.Errorf(src.URLPos, RuleInvalidURL, "source %q: url %q %s", src.ID, src.URL, p)
			}
		}
		if strings.TrimSpace(src.Title) == "" {
			c.out.Errorf(src.Pos, RuleMissingField, "source %q has no title: cite the document by its title", src.ID)
		}
	}
}

func (c *checker) domains() {
	c.domainIDs = make(map[string]Pos)
	for _, d := range c.set.Domains {
		if c.requireID(d.ID, d.IDPos, d.Pos, "a domain") {
			c.unique(c.domainIDs, "domain", d.ID, d.IDPos)
		}
		if strings.TrimSpace(d.Label) == "" {
			c.out.Errorf(d.Pos, RuleMissingText, "domain %q has no label: the summary shows its level under it", d.ID)
		}
		c.summaryWords(d.Label, d.LabelPos, "domain label")
	}
}

// refDomain checks a reference to a domain.
func (c *checker) refDomain(r Ref, where string) bool {
	if _, ok := c.domainIDs[r.ID]; ok {
		return true
	}
	if len(c.set.Domains) == 0 {
		c.out.Errorf(r.Pos, RuleUnknownReference, "%s names domain %q, but the set declares no domains: list them under `domains:`", where, r.ID)
		return false
	}
	c.out.Errorf(r.Pos, RuleUnknownReference, "%s names unknown domain %q%s", where, r.ID, DidYouMean(r.ID, keys(c.domainIDs)))
	return false
}

func (c *checker) indicators() {
	c.indicatorIDs = make(map[string]Pos)
	ids := keys(c.sourceIDs)
	used := make(map[string]bool)
	for _, ind := range c.set.Indicators {
		switch {
		case ind.Domain.ID != "":
			used[ind.Domain.ID] = true
			c.refDomain(ind.Domain, fmt.Sprintf("indicator %q", ind.ID))
		case len(c.set.Domains) > 0:
			c.out.Errorf(ind.Pos, RuleMissingDomain, "indicator %q has no domain: the set declares domains, so give it one (`domain:` with %s)", ind.ID, quoteList(keys(c.domainIDs)))
		}
		if c.requireID(ind.ID, ind.IDPos, ind.Pos, "an indicator") {
			c.unique(c.indicatorIDs, "indicator", ind.ID, ind.IDPos)
		}
		if strings.TrimSpace(ind.Label) == "" {
			c.out.Errorf(ind.Pos, RuleMissingText, "indicator %q has no label: the summary shows it", ind.ID)
		}
		if ind.Weight <= 0 {
			c.out.Errorf(pick(ind.WeightPos, ind.Pos), RuleInvalidNumber, "indicator %q needs a weight, a whole number above 0 (has %d)", ind.ID, ind.Weight)
		}
		if len(ind.Sources) == 0 {
			c.out.Errorf(pick(ind.SrcsPos, ind.Pos), RuleMissingSource, "indicator %q cites no source: list the documents it is drawn from under `sources:`", ind.ID)
		}
		for _, r := range ind.Sources {
			if _, ok := c.sourceIDs[r.ID]; !ok {
				c.out.Errorf(r.Pos, RuleUnknownReference, "indicator %q cites unknown source %q%s", ind.ID, r.ID, DidYouMean(r.ID, ids))
			}
		}
		c.summaryWords(ind.Label, ind.LabelPos, "indicator label")
	}
	for _, d := range c.set.Domains {
		if d.ID != "" && !used[d.ID] {
			c.out.Warnf(d.IDPos, RuleUnusedDomain, "domain %q has no indicators, so its level is always none", d.ID)
		}
	}
}

// levelNeeds checks what a level needs besides its score: a weight some indicator can have,
// domains the set declares, and at least one indicator that meets it all.
func (c *checker) levelNeeds() {
	for _, lv := range []struct {
		name  Level
		needs Needs
	}{{LevelPossible, c.set.Levels.PossibleNeeds}, {LevelClear, c.set.Levels.ClearNeeds}} {
		n := lv.needs
		if n.MinWeight < 0 || (n.MinWeight == 0 && !n.MinWeightPos.IsZero()) {
			c.out.Errorf(pick(n.MinWeightPos, n.Pos), RuleLevels, "levels.%s.min_weight must be a whole number above 0, not %d", lv.name, n.MinWeight)
			continue
		}
		if n.IsZero() {
			continue
		}
		known := true
		for _, d := range n.Domains {
			known = c.refDomain(d, "levels."+string(lv.name)) && known
		}
		if !known {
			continue
		}
		met := false
		for i := range c.set.Indicators {
			met = met || n.MetBy(&c.set.Indicators[i])
		}
		if !met && len(c.set.Indicators) > 0 {
			c.out.Warnf(n.Pos, RuleUnreachableLevel, "levels.%s needs an indicator that no indicator of the set is (%s), so no interview can reach it", lv.name, describeNeeds(n))
		}
	}
}

// describeNeeds says what a level needs, for messages.
func describeNeeds(n Needs) string {
	var parts []string
	if n.MinWeight > 0 {
		parts = append(parts, fmt.Sprintf("weight %d or more", n.MinWeight))
	}
	if len(n.Domains) > 0 {
		ds := make([]string, len(n.Domains))
		for i, d := range n.Domains {
			ds[i] = d.ID
		}
		parts = append(parts, "domain "+strings.Join(ds, " or "))
	}
	return strings.Join(parts, ", ")
}

// completeness checks the rule that calls a screening incomplete.
func (c *checker) completeness() {
	r := c.set.Complete
	if r == nil {
		return
	}
	if r.MinAnswered == 0 && len(r.KeyQuestions) == 0 {
		c.out.Errorf(r.Pos, RuleCompleteness, "completeness says nothing: give `min_answered:` (how many questions read aloud must be answered) or `key_questions:`, or both")
	}
	readAloud := 0
	for _, q := range c.questions {
		if q.Mode.ReadAloud() {
			readAloud++
		}
	}
	switch {
	case r.MinAnswered < 0:
		c.out.Errorf(pick(r.MinAnsweredPos, r.Pos), RuleCompleteness, "completeness.min_answered must be a whole number above 0, not %d", r.MinAnswered)
	case r.MinAnswered > readAloud:
		c.out.Errorf(pick(r.MinAnsweredPos, r.Pos), RuleCompleteness, "completeness.min_answered is %d, but the set has %d questions read aloud, so every screening would be incomplete", r.MinAnswered, readAloud)
	}
	seen := make(map[string]Pos)
	for _, k := range r.KeyQuestions {
		if _, ok := c.questionAt[k.ID]; !ok {
			c.out.Errorf(k.Pos, RuleUnknownReference, "completeness.key_questions names unknown question %q%s", k.ID, DidYouMean(k.ID, keys(c.questionPos())))
			continue
		}
		c.unique(seen, "key question", k.ID, k.Pos)
	}
}

// questionPos maps each question id to its position, for suggestions.
func (c *checker) questionPos() map[string]Pos {
	m := make(map[string]Pos, len(c.questions))
	for _, q := range c.questions {
		m[q.ID] = q.IDPos
	}
	return m
}

func (c *checker) steps(steps []Step) {
	for _, st := range steps {
		switch st.Kind {
		case StepSay, StepDo:
		default:
			// The decoder reports steps that are neither say nor do.
			continue
		}
		if strings.TrimSpace(st.Text) == "" {
			c.out.Errorf(st.Pos, RuleMissingText, "a %q step has no text", st.Kind)
			continue
		}
		if st.Kind == StepSay {
			c.readAloud(st.Text, st.Pos, "read aloud", true)
		}
	}
}

func (c *checker) sections() {
	c.questionAt = make(map[string]int)
	c.raisedBy = make(map[string][]int)
	sectionIDs := make(map[string]Pos)
	questionIDs := make(map[string]Pos)
	indIDs := keys(c.indicatorIDs)

	// First pass: ids and order, so a when can tell an earlier question from a later one.
	for i := range c.set.Sections {
		for j := range c.set.Sections[i].Questions {
			q := &c.set.Sections[i].Questions[j]
			if _, dup := c.questionAt[q.ID]; !dup && q.ID != "" {
				c.questionAt[q.ID] = len(c.questions)
			}
			c.questions = append(c.questions, q)
		}
	}

	order := 0
	for _, sec := range c.set.Sections {
		if c.requireID(sec.ID, sec.IDPos, sec.Pos, "a section") {
			c.unique(sectionIDs, "section", sec.ID, sec.IDPos)
		}
		if strings.TrimSpace(sec.Title) == "" {
			c.out.Errorf(sec.Pos, RuleMissingField, "section %q has no title", sec.ID)
		}
		if len(sec.Questions) == 0 {
			c.out.Errorf(sec.Pos, RuleEmptySection, "section %q has no questions: add some or remove the section", sec.ID)
		}
		if sec.When != nil {
			// Decided at the section's first question: it may depend only on what comes before.
			c.sectionWhen = true
			c.condition(sec.When, order, false, fmt.Sprintf("section %q", sec.ID))
			c.sectionWhen = false
		}
		for j := range sec.Questions {
			q := &sec.Questions[j]
			if c.requireID(q.ID, q.IDPos, q.Pos, "a question") {
				c.unique(questionIDs, "question", q.ID, q.IDPos)
			}
			c.question(q, order, indIDs)
			order++
		}
	}
}

func (c *checker) question(q *Question, order int, indIDs []string) {
	switch {
	case q.Mode == "":
		c.out.Errorf(q.Pos, RuleMissingField, "question %q has no mode: add `mode:` with %s", q.ID, quoteList(modes))
	case !slices.Contains(modes, q.Mode):
		c.out.Errorf(q.ModePos, RuleUnknownValue, "question %q: unknown mode %q: want %s%s", q.ID, q.Mode, quoteList(modes), DidYouMean(string(q.Mode), strs(modes)))
	}
	typeKnown := slices.Contains(types, q.Type)
	switch {
	case q.Type == "":
		c.out.Errorf(q.Pos, RuleMissingField, "question %q has no type: add `type:` with %s", q.ID, quoteList(types))
	case !typeKnown:
		c.out.Errorf(q.TypePos, RuleUnknownValue, "question %q: unknown type %q: want %s%s", q.ID, q.Type, quoteList(types), DidYouMean(string(q.Type), strs(types)))
	}
	if strings.TrimSpace(q.Text) == "" {
		c.out.Errorf(q.Pos, RuleMissingText, "question %q has no text: write the words the worker reads or notes", q.ID)
	} else if q.Mode.ReadAloud() {
		c.readAloud(q.Text, q.TextPos, "question", true)
	}

	if typeKnown {
		switch {
		case q.Type.HasOptions() && len(q.Options) == 0:
			c.out.Errorf(pick(q.OptionsPos, q.Pos), RuleOptionsRequired, "question %q is of type %s but has no options", q.ID, q.Type)
		case !q.Type.HasOptions() && len(q.Options) > 0:
			c.out.Errorf(q.OptionsPos, RuleOptionsNotAllowed, "question %q is of type %s, which takes no options (single and multi do)", q.ID, q.Type)
		}
		if q.Type != TypeNumber {
			for _, f := range []struct {
				set  bool
				pos  Pos
				name string
			}{{q.Min != nil, q.MinPos, "min"}, {q.Max != nil, q.MaxPos, "max"}, {q.Unit != "", q.Pos, "unit"}} {
				if f.set {
					c.out.Errorf(f.pos, RuleMisplacedField, "question %q: %s applies only to number questions", q.ID, f.name)
				}
			}
		} else if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			c.out.Errorf(q.MinPos, RuleInvalidNumber, "question %q: min %v is above max %v", q.ID, *q.Min, *q.Max)
		}
		if q.Indicator.ID != "" && q.Type != TypeYesNo {
			c.out.Errorf(q.Indicator.Pos, RuleMisplacedField, "question %q: `indicator` on a question is for yesno questions (a yes raises it); on a %s question put it on the options", q.ID, q.Type)
		}
	}
	if q.Indicator.ID != "" {
		c.refIndicator(q.Indicator, order, fmt.Sprintf("question %q", q.ID), indIDs)
	}

	values := make(map[string]Pos)
	for _, o := range q.Options {
		switch {
		case o.Value == "":
			c.out.Errorf(o.Pos, RuleMissingField, "question %q: an option has no value", q.ID)
		case slices.Contains(ReservedValues, o.Value):
			c.out.Errorf(o.ValuePos, RuleReservedValue, "question %q: option value %q is kept for every question (%s); choose another value", q.ID, o.Value, quoteList(ReservedValues))
		case !IsID(o.Value):
			c.out.Errorf(o.ValuePos, RuleInvalidID, "question %q: option value %q must be lower-case kebab-case (a-z, 0-9 and single hyphens), such as %q", q.ID, o.Value, kebab(o.Value))
		default:
			c.unique(values, fmt.Sprintf("option value in question %q", q.ID), o.Value, o.ValuePos)
		}
		if strings.TrimSpace(o.Label) == "" {
			c.out.Errorf(o.Pos, RuleMissingText, "question %q: option %q has no label", q.ID, o.Value)
		} else if q.Mode.ReadAloud() {
			c.readAloud(o.Label, o.LabelPos, "option", false)
		}
		if o.Indicator.ID != "" {
			c.refIndicator(o.Indicator, order, fmt.Sprintf("question %q, option %q", q.ID, o.Value), indIDs)
		}
	}

	if q.When != nil {
		c.condition(q.When, order, false, fmt.Sprintf("question %q", q.ID))
	}
	if q.NotBefore.ID != "" {
		c.notBefore(q, order, typeKnown)
	}
	c.fact(q, typeKnown)
}

// fact checks what a question records for records and statistics: a known fact, of a type that
// holds it, and no fact recorded by two questions.
func (c *checker) fact(q *Question, typeKnown bool) {
	switch {
	case q.Fact == "":
		return
	case !q.Fact.Known():
		c.out.Errorf(q.FactPos, RuleUnknownValue, "question %q: unknown fact %q: want %s%s", q.ID, q.Fact, quoteList(Facts), DidYouMean(string(q.Fact), strs(Facts)))
		return
	case typeKnown && q.Type != q.Fact.Type():
		c.out.Errorf(q.FactPos, RuleFact, "question %q is of type %s, but the fact %s is held by a %s question", q.ID, q.Type, q.Fact, q.Fact.Type())
		return
	case q.Fact == FactInterpreterLanguage:
		// A record carries the value chosen: a language tag means the same in every agency's data.
		for _, o := range q.Options {
			if o.Value != "" && o.Value != OtherLanguage && !IsLanguageTag(o.Value) {
				c.out.Errorf(o.ValuePos, RuleFact, "question %q records the fact %s, so its option values are language tags (BCP 47, such as es or ase) or %q, not %q", q.ID, q.Fact, OtherLanguage, o.Value)
			}
		}
	}
	if c.factBy == nil {
		c.factBy = make(map[Fact]*Question)
	}
	if first, dup := c.factBy[q.Fact]; dup {
		c.out.Errorf(q.FactPos, RuleFact, "questions %q and %q both record the fact %s, and a record takes it from one: first marked at line %d, column %d", first.ID, q.ID, q.Fact, first.FactPos.Line, first.FactPos.Column)
		return
	}
	c.factBy[q.Fact] = q
}

// notBefore checks a datetime question's not_before: it names an earlier datetime question, so
// the answer it is held to is known when it is asked.
func (c *checker) notBefore(q *Question, order int, typeKnown bool) {
	r := q.NotBefore
	if typeKnown && q.Type != TypeDateTime {
		c.out.Errorf(r.Pos, RuleNotBefore, "question %q: not_before is for datetime questions, and this one is of type %s", q.ID, q.Type)
		return
	}
	at, ok := c.questionAt[r.ID]
	switch {
	case !ok:
		ids := make([]string, 0, len(c.questions))
		for _, other := range c.questions {
			ids = append(ids, other.ID)
		}
		c.out.Errorf(r.Pos, RuleUnknownReference, "question %q: not_before names unknown question %q%s", q.ID, r.ID, DidYouMean(r.ID, ids))
	case at == order:
		c.out.Errorf(r.Pos, RuleNotBefore, "question %q: not_before names the question itself", q.ID)
	case at > order:
		c.out.Errorf(r.Pos, RuleForwardReference, "question %q: not_before names question %q, which comes later; name one asked before it, whose answer is known when this one is asked", q.ID, r.ID)
	case c.questions[at].Type != TypeDateTime:
		c.out.Errorf(r.Pos, RuleNotBefore, "question %q: not_before names question %q, which is of type %s; it must name a datetime question", q.ID, r.ID, c.questions[at].Type)
	}
}

// refIndicator checks a reference to an indicator from a question and records that the question
// can raise it.
func (c *checker) refIndicator(r Ref, order int, where string, indIDs []string) {
	if _, ok := c.indicatorIDs[r.ID]; !ok {
		c.out.Errorf(r.Pos, RuleUnknownReference, "%s raises unknown indicator %q%s", where, r.ID, DidYouMean(r.ID, indIDs))
		return
	}
	c.raisedBy[r.ID] = append(c.raisedBy[r.ID], order)
}

// condition checks a condition. order is the position of the question it belongs to, or -1 for
// an action's condition, which is evaluated after every question; interrupting, for an action
// that is also evaluated after each answer.
func (c *checker) condition(cond *Condition, order int, interrupting bool, where string) {
	cond.Walk(func(k *Condition) {
		switch {
		case k.Op.IsQuestionOp():
			c.questionCondition(k, order, where)
		case k.Op == OpIndicator:
			if _, ok := c.indicatorIDs[k.Indicator]; !ok {
				c.out.Errorf(k.IndicatorPos, RuleUnknownReference, "%s: condition refers to unknown indicator %q%s", where, k.Indicator, DidYouMean(k.Indicator, keys(c.indicatorIDs)))
				return
			}
			if order >= 0 && !anyBefore(c.raisedBy[k.Indicator], order) {
				c.out.Errorf(k.IndicatorPos, RuleForwardReference, "%s: when refers to indicator %q, which no question before it can raise; the interview asks in order, so move the question after one that raises it", where, k.Indicator)
			}
		case k.Op == OpLevel:
			if !slices.Contains(levelNames, k.Level) {
				c.out.Errorf(k.LevelPos, RuleUnknownValue, "%s: unknown level %q: want %s%s", where, k.Level, quoteList(levelNames), DidYouMean(k.Level, levelNames))
			}
			if k.Domain != "" {
				c.refDomain(Ref{ID: k.Domain, Pos: k.DomainPos}, where+": a condition")
			}
		case k.Op == OpComplete && order >= 0:
			c.out.Errorf(k.OpPos, RuleEndOnlyCondition, "%s: when tests whether the screening is complete, which is known only after the last question; it can decide an action, not whether a question is asked", where)
		case k.Op == OpComplete && interrupting:
			c.out.Errorf(k.OpPos, RuleEndOnlyCondition, "%s interrupts the interview, but its when tests whether the screening is complete, which is known only at the end; drop `interrupt: true` or the completeness test", where)
		}
	})
}

func (c *checker) questionCondition(k *Condition, order int, where string) {
	at, ok := c.questionAt[k.Question]
	if !ok {
		ids := make([]string, 0, len(c.questions))
		for _, q := range c.questions {
			ids = append(ids, q.ID)
		}
		c.out.Errorf(k.QuestionPos, RuleUnknownReference, "%s: condition refers to unknown question %q%s", where, k.Question, DidYouMean(k.Question, ids))
		return
	}
	switch {
	case c.sectionWhen && at >= order:
		c.out.Errorf(k.QuestionPos, RuleForwardReference, "%s: when refers to question %q, which is in the section or after it; a section's when can depend only on questions before the section", where, k.Question)
		return
	case order >= 0 && at == order:
		c.out.Errorf(k.QuestionPos, RuleForwardReference, "%s: when refers to the question itself", where)
		return
	case order >= 0 && at > order:
		c.out.Errorf(k.QuestionPos, RuleForwardReference, "%s: when refers to question %q, which comes later; the interview asks in order, so a question can depend only on questions before it", where, k.Question)
		return
	}
	target := c.questions[at]
	if !slices.Contains(types, target.Type) {
		return // its unknown type is reported at the question
	}
	if !k.Op.Fits(target.Type) {
		c.out.Errorf(k.OpPos, RuleOperatorType, "%s: %q does not fit question %q of type %s; %s", where, k.Op, k.Question, target.Type, opAdvice(target.Type))
		return
	}
	switch k.Op {
	case OpIs, OpIsNot, OpIncludes:
		var allowed []string
		switch {
		case target.Type == TypeYesNo:
			allowed = yesNo
		case target.Type.HasOptions():
			for _, o := range target.Options {
				allowed = append(allowed, o.Value)
			}
		default:
			return // text: any value
		}
		if !slices.Contains(allowed, k.Value) {
			c.out.Errorf(k.ValuePos, RuleOptionValue, "%s: %q is not a value of question %q: want %s%s", where, k.Value, k.Question, quoteList(allowed), DidYouMean(k.Value, allowed))
		}
	}
}

func opAdvice(t Type) string {
	switch t {
	case TypeMulti:
		return "use `includes` for a multi question"
	case TypeNumber:
		return "use `less_than` or `at_least` for a number question"
	case TypeDateTime:
		return "a date-and-time question is tested with `answered` or `declined`"
	default:
		return "use `is` or `is_not`"
	}
}

func (c *checker) actions() {
	ids := make(map[string]Pos)
	for i := range c.set.Actions {
		a := &c.set.Actions[i]
		if c.requireID(a.ID, a.IDPos, a.Pos, "an action") {
			c.unique(ids, "action", a.ID, a.IDPos)
		}
		switch {
		case a.Priority == "":
			c.out.Errorf(a.Pos, RuleMissingField, "action %q has no priority: add `priority:` with %s", a.ID, quoteList(priorities))
		case !slices.Contains(priorities, a.Priority):
			c.out.Errorf(a.PriorityPos, RuleUnknownValue, "action %q: unknown priority %q: want %s%s", a.ID, a.Priority, quoteList(priorities), DidYouMean(string(a.Priority), strs(priorities)))
		}
		if strings.TrimSpace(a.Text) == "" {
			c.out.Errorf(a.Pos, RuleMissingText, "action %q has no text: say what the worker should do", a.ID)
		}
		c.summaryWords(a.Text, a.TextPos, "action text")
		c.contactRefs(a.Contacts, fmt.Sprintf("action %q", a.ID))
		for _, r := range a.Sources {
			if _, ok := c.sourceIDs[r.ID]; !ok {
				c.out.Errorf(r.Pos, RuleUnknownReference, "action %q cites unknown source %q%s", a.ID, r.ID, DidYouMean(r.ID, keys(c.sourceIDs)))
			}
		}
		if a.When != nil {
			c.condition(a.When, -1, a.Interrupt, fmt.Sprintf("action %q", a.ID))
		} else if a.Interrupt {
			c.out.Errorf(pick(a.InterruptPos, a.Pos), RuleMissingField, "action %q interrupts the interview but has no `when`: it interrupts the moment its condition becomes true, so give it one", a.ID)
		}
		if a.Due != nil {
			c.due(a)
		}
	}
}

// due checks an action's deadline: a length, counted from a date-and-time question.
func (c *checker) due(a *Action) {
	d := a.Due
	if strings.TrimSpace(d.WithinText) == "" {
		c.out.Errorf(d.Pos, RuleDeadline, "action %q: due has no `within:`, the time allowed, such as 24h", a.ID)
	} else if d.Within <= 0 {
		c.out.Errorf(pick(d.WithinPos, d.Pos), RuleDeadline, "action %q: due within %q is not a length of time: write a whole number of minutes, hours or days, such as 90m, 24h or 3d", a.ID, d.WithinText)
	}
	if d.From.ID == "" {
		c.out.Errorf(d.Pos, RuleDeadline, "action %q: due has no `from:`, the date-and-time question the time counts from", a.ID)
		return
	}
	at, ok := c.questionAt[d.From.ID]
	if !ok {
		c.out.Errorf(d.From.Pos, RuleUnknownReference, "action %q: due counts from unknown question %q%s", a.ID, d.From.ID, DidYouMean(d.From.ID, keys(c.questionPos())))
		return
	}
	if q := c.questions[at]; q.Type != TypeDateTime {
		c.out.Errorf(d.From.Pos, RuleDeadline, "action %q: due counts from question %q, which is of type %s; a deadline counts from a question of type datetime", a.ID, d.From.ID, q.Type)
	}
}

func (c *checker) contacts() {
	c.contactRefs(c.set.Contacts, "the set's contacts")
}

func (c *checker) contactRefs(refs []Ref, where string) {
	if c.opt.Contacts == nil {
		return
	}
	for _, r := range refs {
		if _, ok := c.opt.Contacts.Lookup(r.ID); !ok {
			c.out.Errorf(r.Pos, RuleUnknownReference, "%s: unknown contact %q%s; contacts come from the contacts directory (questions/contacts.yaml, or --contacts FILE)", where, r.ID, DidYouMean(r.ID, c.opt.Contacts.IDs()))
		}
	}
}

// coverage warns about indicators nothing raises, sources nobody cites and levels nobody reaches.
func (c *checker) coverage() {
	cited := make(map[string]bool)
	total := 0
	for _, ind := range c.set.Indicators {
		for _, r := range ind.Sources {
			cited[r.ID] = true
		}
		if ind.ID != "" && len(c.raisedBy[ind.ID]) == 0 {
			c.out.Warnf(ind.IDPos, RuleUnraisedIndicator, "indicator %q is raised by no question or option, so it can never count", ind.ID)
		} else if ind.Weight > 0 {
			total += ind.Weight
		}
	}
	for _, a := range c.set.Actions {
		for _, r := range a.Sources {
			cited[r.ID] = true
		}
	}
	for _, src := range c.set.Sources {
		if src.ID != "" && !cited[src.ID] {
			c.out.Warnf(src.IDPos, RuleUncitedSource, "source %q is cited by no indicator or action", src.ID)
		}
	}
	l := c.set.Levels
	if l.Possible > 0 && l.Clear > l.Possible && len(c.set.Indicators) > 0 {
		if total < l.Possible {
			c.out.Warnf(pick(l.PossiblePos, c.set.LevelsPos), RuleUnreachableLevel, "levels.possible is %d but all indicators together weigh %d, so no interview can reach it", l.Possible, total)
		} else if total < l.Clear {
			c.out.Warnf(pick(l.ClearPos, c.set.LevelsPos), RuleUnreachableLevel, "levels.clear is %d but all indicators together weigh %d, so no interview can reach it", l.Clear, total)
		}
	}
}

// readAloud checks words said to the young person. why: whether to check for "why" questions.
func (c *checker) readAloud(text string, pos Pos, what string, why bool) {
	if why && startsWithWhy(text) {
		c.out.Warnf(pos, RuleWhyQuestion, "%s starts a sentence with \"Why\", which can sound like blame; ask what happened instead, such as \"What was going on before you left?\"", what)
	}
	for _, m := range c.opt.Wording.Find(text) {
		switch m.Term.Kind {
		case TermStigmatizing:
			c.out.Errorf(pos, RuleStigmatizing, "%s says %q: %s; instead: %s", what, m.Phrase, m.Term.Why, m.Term.Suggest)
		case TermLabel:
			c.out.Warnf(pos, RuleProfessionalLabel, "%s says %q: %s; instead: %s", what, m.Phrase, m.Term.Why, m.Term.Suggest)
		}
	}
}

// summaryWords checks text that goes into a case record: stigmatizing terms are a warning there.
func (c *checker) summaryWords(text string, pos Pos, what string) {
	for _, m := range c.opt.Wording.Find(text) {
		if m.Term.Kind == TermStigmatizing {
			c.out.Warnf(pos, RuleStigmatizing, "%s says %q: %s; the summary goes into a case record, so write instead: %s", what, m.Phrase, m.Term.Why, m.Term.Suggest)
		}
	}
}

// requireID reports a missing or malformed id and says whether the id is usable.
func (c *checker) requireID(id string, idPos, itemPos Pos, what string) bool {
	switch {
	case id == "":
		c.out.Errorf(itemPos, RuleMissingField, "%s has no id", what)
		return false
	case !IsID(id):
		c.out.Errorf(idPos, RuleInvalidID, "id %q must be lower-case kebab-case (a-z, 0-9 and single hyphens), such as %q", id, kebab(id))
		return false
	}
	return true
}

// unique records id in seen, reporting a duplicate with the place of the first.
func (c *checker) unique(seen map[string]Pos, what, id string, pos Pos) {
	if first, dup := seen[id]; dup {
		c.out.Errorf(pos, RuleDuplicateID, "duplicate %s id %q: first defined at line %d, column %d", what, id, first.Line, first.Column)
		return
	}
	seen[id] = pos
}

// CheckContacts checks a contacts file's entries.
func CheckContacts(cs []Contact) Findings {
	seen := make(map[string]Pos)
	c := checker{}
	for _, ct := range cs {
		if c.requireID(ct.ID, ct.IDPos, ct.Pos, "a contact") {
			c.unique(seen, "contact", ct.ID, ct.IDPos)
		}
		if strings.TrimSpace(ct.Name) == "" {
			c.out.Errorf(ct.Pos, RuleMissingField, "contact %q has no name", ct.ID)
		}
		if ct.Phone == "" && ct.Text == "" && ct.URL == "" {
			c.out.Errorf(ct.Pos, RuleMissingField, "contact %q has no phone, text or url, so a summary could not say how to reach it", ct.ID)
		}
		if ct.Confirmed != "" {
			if _, err := time.Parse(time.DateOnly, ct.Confirmed); err != nil {
				c.out.Errorf(ct.ConfirmedPos, RuleInvalidDate, "contact %q: confirmed %q is not a date written YYYY-MM-DD, such as 2026-11-22", ct.ID, ct.Confirmed)
			}
		}
		if ct.URL != "" {
			if p := URLProblem(ct.URL); p != "" {
				c.out.Errorf(ct.URLPos, RuleInvalidURL, "contact %q: url %q %s", ct.ID, ct.URL, p)
			}
		}
		if ct.Phone != "" && !IsPhone(ct.Phone) {
			c.out.Errorf(ct.PhonePos, RuleInvalidPhone, "contact %q: phone %q has characters a phone cannot dial; write digits, letters, spaces, hyphens, dots or parentheses, such as \"1-800-THE-LOST (1-800-843-5678)\"", ct.ID, ct.Phone)
		}
		c.contactTranslations(ct)
	}
	return c.out
}

// contactTranslations checks a contact's words in other languages: one entry a language, each
// saying something, and a text that keeps the contact's own text number, digit for digit.
func (c *checker) contactTranslations(ct Contact) {
	seen := make(map[string]Pos)
	for _, tr := range ct.Translations {
		if !IsLanguageTag(tr.Language) {
			c.out.Errorf(tr.LangPos, RuleInvalidLanguage, "contact %q: language %q is not a BCP 47 tag such as \"es\" or \"es-US\"", ct.ID, tr.Language)
		} else if first, dup := seen[strings.ToLower(tr.Language)]; dup {
			c.out.Errorf(tr.LangPos, RuleDuplicateID, "contact %q: a second %q translation; the first is at line %d, column %d", ct.ID, tr.Language, first.Line, first.Column)
		} else {
			seen[strings.ToLower(tr.Language)] = tr.LangPos
		}
		if tr.Name == "" && tr.Text == "" && tr.Hours == "" && tr.Notes == "" {
			c.out.Errorf(tr.Pos, RuleMissingText, "contact %q: the %q translation says nothing; give name, text, hours or notes", ct.ID, tr.Language)
		}
		switch {
		case tr.Text != "" && ct.Text == "":
			c.out.Errorf(tr.TextPos, RuleTranslatedNumber, "contact %q: the %q translation has a text, but the contact has no text number to translate", ct.ID, tr.Language)
		case tr.Text != "" && digits(tr.Text) != digits(ct.Text):
			c.out.Errorf(tr.TextPos, RuleTranslatedNumber, "contact %q: the %q text %q does not keep the number %q; a translation changes words, never a number", ct.ID, tr.Language, tr.Text, ct.Text)
		}
	}
}

// digits are the digits of s, in order.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsPhone reports whether p reads as a dialable number: at least three digits, and otherwise
// only letters (vanity numbers such as 1-800-THE-LOST), spaces, + - . ( ) and "/".
func IsPhone(p string) bool {
	digits := 0
	for i := 0; i < len(p); i++ {
		ch := p[i]
		switch {
		case ch >= '0' && ch <= '9':
			digits++
		case ch >= 'A' && ch <= 'Z', ch >= 'a' && ch <= 'z', strings.IndexByte(" +-.()/", ch) >= 0:
		default:
			return false
		}
	}
	return digits >= 3
}

func anyBefore(orders []int, order int) bool {
	for _, o := range orders {
		if o < order {
			return true
		}
	}
	return false
}

func pick(p, fallback Pos) Pos {
	if p.IsZero() {
		return fallback
	}
	return p
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// keys returns the ids of m, sorted so that "did you mean" is stable among equally close ids.
func keys(m map[string]Pos) []string { return slices.Sorted(maps.Keys(m)) }

// kebab suggests a kebab-case form of s.
func kebab(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "my-id"
	}
	return b.String()
}

// telURL is what follows tel: in a phone link: an optional +, then digits with the separators
// a phone number is written with.
var telURL = regexp.MustCompile(`^\+?[0-9][0-9().\-]*[0-9]$`)

// URLProblem says what is wrong with a url that a summary makes a link of, or "" when nothing is.
// Only a web address (https or http, with a host), a tel: phone and a mailto: address are links a
// reader can trust; anything else (javascript:, data:, file:, a bare name) could run in their
// browser or open something on their machine.
func URLProblem(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return "is not a web address (https://…), a tel: phone or a mailto: address"
	}
	switch strings.ToLower(parsed.Scheme) {
	case "https", "http":
		if strings.ContainsAny(u, " \t\n") {
			return "is not a web address: it has a space in it"
		}
		if parsed.Host == "" || parsed.Opaque != "" {
			return "has no host: write it whole, such as https://example.org/help"
		}
	case "tel":
		if !telURL.MatchString(parsed.Opaque) {
			return "is not a phone number: write tel: and the digits, such as tel:+1-800-843-5678"
		}
	case "mailto":
		if !strings.Contains(parsed.Opaque, "@") {
			return "has no address: write mailto: and the address, such as mailto:intake@example.org"
		}
	default:
		return "is not a web address (https://…), a tel: phone or a mailto: address"
	}
	return ""
}
