package screening

import (
	"cmp"
	"fmt"
	"slices"
)

// Coverage is what scenarios exercise in one question set, and what they leave untested. Each
// thing a scenario can exercise is an item with its place in the file: a question asked, an
// option chosen, each condition both true and false, an indicator raised, each concern reached,
// each level rule both met and holding its level back, an action listed, an interrupt shown.
//
// A scenario is counted as the interview it plays decides things: a question's `when` as it
// stood when the question was reached, an action's as the summary lists it, and a part of an
// `all` or `any` only when the parts before it left the outcome open.
type Coverage struct {
	Set       *QuestionSet
	Scenarios int            // the scenarios counted
	Items     []CoverageItem // levels and level rules, then the set's parts in file order
	Sections  []SectionCoverage

	conditions map[*Condition]int // a condition -> its true item; its false item follows
	questions  []int              // by question order (the session's): the question's item
	options    [][]int            // by question order: each option's item
	indicators []int              // by the set's indicators
	levels     map[Level]int      // concern -> its item
	rules      map[Level]int      // level -> its rule's met item; held back follows
	actions    []int              // by the set's actions
	interrupts []int              // by the set's actions: the interrupt's item, or -1
}

// CoverageKind is a kind of thing scenarios exercise.
type CoverageKind string

// The kinds of item, in the order a report lists them.
const (
	CoverQuestion  CoverageKind = "question"   // asked: answered, declined or dont-know
	CoverOption    CoverageKind = "option"     // chosen in an answer
	CoverCondition CoverageKind = "condition"  // a `when` or a part of one: an item when true, one when false
	CoverIndicator CoverageKind = "indicator"  // raised
	CoverLevel     CoverageKind = "level"      // the concern a screening ends with
	CoverLevelRule CoverageKind = "level-rule" // what a level needs besides its score: an item met, one holding it back
	CoverAction    CoverageKind = "action"     // listed in the summary
	CoverInterrupt CoverageKind = "interrupt"  // shown during the interview
)

// CoverageKinds are the kinds, in report order.
var CoverageKinds = []CoverageKind{CoverQuestion, CoverOption, CoverCondition, CoverIndicator, CoverLevel, CoverLevelRule, CoverAction, CoverInterrupt}

// Branch is the outcome of a decision (a condition, a level rule) that an item stands for.
type Branch int

// The branches. A decision's items come in pairs, true before false and met before held back.
const (
	NoBranch       Branch = iota
	BranchTrue            // the condition held
	BranchFalse           // the condition did not hold
	BranchMet             // a raised indicator met the level's needs: the level was reached
	BranchHeldBack        // the score reached the level, and no raised indicator met its needs
)

// CoverageItem is one thing scenarios can exercise.
type CoverageItem struct {
	Kind CoverageKind
	// ID is the question's, option's, indicator's or action's id, or the level. Of is an
	// option's question, or a condition's owner (`section "x"`, `question "x"`, `action "x"`).
	ID, Of string
	Cond   *Condition // a condition item's condition
	Part   bool       // the condition is a part of an all, any or not
	Needs  Needs      // a level rule's needs
	// HasWhen: the question, or its section, has a condition.
	HasWhen bool
	Branch  Branch
	Pos     Pos
	// Hits is how many scenarios exercised the item. Reached is how many could have: those in
	// which the question applied, the option's question was answered, the condition or the rule
	// was decided; for the rest, every scenario.
	Hits, Reached int
}

// Covered reports whether a scenario exercised the item.
func (it CoverageItem) Covered() bool { return it.Hits > 0 }

// SectionCoverage is how many scenarios asked a question of a section.
type SectionCoverage struct {
	ID   string
	Pos  Pos
	Hits int
}

// NewCoverage starts counting what scenarios exercise in set, which must have passed CheckSet
// without errors.
func NewCoverage(set *QuestionSet) *Coverage {
	c := &Coverage{Set: set, conditions: map[*Condition]int{}, levels: map[Level]int{}, rules: map[Level]int{}}
	add := func(it CoverageItem) int {
		c.Items = append(c.Items, it)
		return len(c.Items) - 1
	}
	l := set.Levels
	c.levels[LevelNone] = add(CoverageItem{Kind: CoverLevel, ID: string(LevelNone), Pos: set.LevelsPos})
	for _, lv := range []struct {
		name  Level
		score int
		pos   Pos
		needs Needs
	}{{LevelPossible, l.Possible, l.PossiblePos, l.PossibleNeeds}, {LevelClear, l.Clear, l.ClearPos, l.ClearNeeds}} {
		if lv.score <= 0 {
			continue
		}
		c.levels[lv.name] = add(CoverageItem{Kind: CoverLevel, ID: string(lv.name), Pos: lv.pos})
		if !lv.needs.IsZero() {
			c.rules[lv.name] = add(CoverageItem{Kind: CoverLevelRule, ID: string(lv.name), Needs: lv.needs, Branch: BranchMet, Pos: lv.needs.Pos})
			add(CoverageItem{Kind: CoverLevelRule, ID: string(lv.name), Needs: lv.needs, Branch: BranchHeldBack, Pos: lv.needs.Pos})
		}
	}
	if set.Complete != nil {
		c.levels[LevelIncomplete] = add(CoverageItem{Kind: CoverLevel, ID: string(LevelIncomplete), Pos: set.CompletePos})
	}
	addWhen := func(when *Condition, owner string) {
		when.Walk(func(cond *Condition) {
			part := cond != when
			c.conditions[cond] = add(CoverageItem{Kind: CoverCondition, Of: owner, Cond: cond, Part: part, Branch: BranchTrue, Pos: cond.Pos})
			add(CoverageItem{Kind: CoverCondition, Of: owner, Cond: cond, Part: part, Branch: BranchFalse, Pos: cond.Pos})
		})
	}
	for i := range set.Sections {
		sec := &set.Sections[i]
		c.Sections = append(c.Sections, SectionCoverage{ID: sec.ID, Pos: sec.Pos})
		addWhen(sec.When, fmt.Sprintf("section %q", sec.ID))
		for j := range sec.Questions {
			q := &sec.Questions[j]
			c.questions = append(c.questions, add(CoverageItem{Kind: CoverQuestion, ID: q.ID, HasWhen: q.When != nil || sec.When != nil, Pos: q.Pos}))
			addWhen(q.When, fmt.Sprintf("question %q", q.ID))
			var opts []int
			for _, o := range q.Options {
				opts = append(opts, add(CoverageItem{Kind: CoverOption, ID: o.Value, Of: q.ID, Pos: o.Pos}))
			}
			c.options = append(c.options, opts)
		}
	}
	for _, ind := range set.Indicators {
		c.indicators = append(c.indicators, add(CoverageItem{Kind: CoverIndicator, ID: ind.ID, Pos: ind.Pos}))
	}
	for _, a := range set.Actions {
		c.actions = append(c.actions, add(CoverageItem{Kind: CoverAction, ID: a.ID, Pos: a.Pos}))
		addWhen(a.When, fmt.Sprintf("action %q", a.ID))
		interrupt := -1
		if a.Interrupt {
			interrupt = add(CoverageItem{Kind: CoverInterrupt, ID: a.ID, Pos: cmp.Or(a.InterruptPos, a.Pos)})
		}
		c.interrupts = append(c.interrupts, interrupt)
	}
	return c
}

// Test runs a scenario on the coverage's set, as Scenario.Test does, and counts what it
// exercised. A scenario that cannot be run counts nothing.
func (c *Coverage) Test(sc *Scenario) (Outcome, error) {
	o, s, interrupted, err := sc.test(c.Set)
	if err != nil {
		return o, err
	}
	c.count(s, interrupted)
	return o, nil
}

// count adds what one finished interview exercised.
func (c *Coverage) count(s *Session, interrupted []string) {
	c.Scenarios++
	hit := make([]bool, len(c.Items))
	reached := make([]bool, len(c.Items))
	note := func(cond *Condition, holds bool) {
		k, ok := c.conditions[cond]
		if !ok {
			return
		}
		reached[k], reached[k+1] = true, true
		if holds {
			hit[k] = true
		} else {
			hit[k+1] = true
		}
	}
	sectionHeld := make([]bool, len(c.Set.Sections))
	for i, sec := range c.Set.Sections {
		sectionHeld[i] = true
		if sec.When != nil {
			// Decided at the section's first question, as the interview decides it.
			v := s.viewUpTo(s.secStart[i])
			v.note = note
			sectionHeld[i] = v.holds(sec.When)
		}
	}
	for j, q := range s.questions {
		// A question's own condition is decided only in a section that is asked: the interview
		// never looks at it otherwise.
		if q.When != nil && sectionHeld[s.section[j]] {
			// Decided against the questions before it only, as when the interview reached it.
			v := s.viewUpTo(j)
			v.note = note
			v.holds(q.When)
		}
		a, k := s.t.states[j], c.questions[j]
		if a.State == StateNotApplicable {
			continue
		}
		reached[k] = true
		switch a.State {
		case StateAnswered, StateDeclined, StateDontKnow:
			hit[k] = true
		}
		if !a.IsAnswered() {
			continue
		}
		for o, opt := range q.Options {
			reached[c.options[j][o]] = true
			if a.Text == opt.Value || slices.Contains(a.Choices, opt.Value) {
				hit[c.options[j][o]] = true
			}
		}
	}
	raised := s.Raised()
	for i, ind := range c.Set.Indicators {
		reached[c.indicators[i]] = true
		hit[c.indicators[i]] = slices.ContainsFunc(raised, func(r *Indicator) bool { return r.ID == ind.ID })
	}
	for _, k := range c.levels {
		reached[k] = true
	}
	if k, ok := c.levels[s.Concern()]; ok {
		hit[k] = true
	}
	r := s.Reached()
	for level, k := range c.rules {
		if !c.ruleDecided(level, r) {
			continue
		}
		reached[k], reached[k+1] = true, true
		if r.Level == level {
			hit[k] = true
		} else {
			hit[k+1] = true
		}
	}
	end := s.viewUpTo(len(s.questions))
	end.note = note
	for i := range c.Set.Actions {
		a := &c.Set.Actions[i]
		reached[c.actions[i]] = true
		hit[c.actions[i]] = a.When == nil || end.holds(a.When)
		if k := c.interrupts[i]; k >= 0 {
			reached[k] = true
			hit[k] = slices.Contains(interrupted, a.ID)
		}
	}
	for k := range c.Items {
		if hit[k] {
			c.Items[k].Hits++
		}
		if reached[k] {
			c.Items[k].Reached++
		}
	}
	for i := range c.Sections {
		for _, q := range c.Set.Sections[i].Questions {
			if j, ok := s.index[q.ID]; ok && hit[c.questions[j]] {
				c.Sections[i].Hits++
				break
			}
		}
	}
}

// ruleDecided reports whether a level's rule decided the outcome r: the score reached the level,
// and no higher level was reached.
func (c *Coverage) ruleDecided(level Level, r Reached) bool {
	l := c.Set.Levels
	if level == LevelClear {
		return r.Score >= l.Clear
	}
	return r.Score >= l.Possible && r.Level != LevelClear
}

// Count returns how many items scenarios exercised, and how many there are. A condition and a
// level rule count twice: once for each way they can go.
func (c *Coverage) Count() (covered, total int) {
	for _, it := range c.Items {
		if it.Covered() {
			covered++
		}
	}
	return covered, len(c.Items)
}

// CountKind is Count for one kind of item.
func (c *Coverage) CountKind(k CoverageKind) (covered, total int) {
	for _, it := range c.Items {
		if it.Kind != k {
			continue
		}
		total++
		if it.Covered() {
			covered++
		}
	}
	return covered, total
}

// Below reports whether the share of items covered is below min percent. It compares exactly:
// 79.99% is below 80.
func (c *Coverage) Below(min float64) bool {
	covered, total := c.Count()
	return float64(covered)*100 < min*float64(total)
}

// Uncovered returns the items no scenario exercised, in file order.
func (c *Coverage) Uncovered() []CoverageItem {
	var out []CoverageItem
	for _, it := range c.Items {
		if !it.Covered() {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b CoverageItem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Column, b.Pos.Column))
	})
	return out
}

// String names the item for a reader of the set: `option "hotel" of question "slept-where"`,
// `the when of question "phones": partner is "yes"`.
func (it CoverageItem) String() string {
	switch it.Kind {
	case CoverQuestion:
		return fmt.Sprintf("question %q", it.ID)
	case CoverOption:
		return fmt.Sprintf("option %q of question %q", it.ID, it.Of)
	case CoverCondition:
		if it.Part {
			return fmt.Sprintf("part of the when of %s: %s", it.Of, it.Cond)
		}
		return fmt.Sprintf("the when of %s: %s", it.Of, it.Cond)
	case CoverIndicator:
		return fmt.Sprintf("indicator %q", it.ID)
	case CoverLevel:
		return "concern " + it.ID
	case CoverLevelRule:
		return fmt.Sprintf("what %s needs besides its score (an indicator of %s)", it.ID, describeNeeds(it.Needs))
	case CoverAction:
		return fmt.Sprintf("action %q", it.ID)
	case CoverInterrupt:
		return fmt.Sprintf("action %q, which interrupts", it.ID)
	}
	return string(it.Kind)
}

// Gap says, of an item no scenario exercised, what no scenario does.
func (it CoverageItem) Gap() string {
	switch it.Kind {
	case CoverQuestion:
		switch {
		case it.Reached > 0:
			return fmt.Sprintf("never asked: it applies in %s, and none answers it", scenarios(it.Reached))
		case it.HasWhen:
			return "never asked: its condition never holds"
		}
		return "never asked"
	case CoverOption:
		if it.Reached == 0 {
			return "never chosen: the question is never answered"
		}
		return "never chosen"
	case CoverCondition:
		switch {
		case it.Reached == 0:
			return "never decided"
		case it.Branch == BranchTrue:
			return fmt.Sprintf("never true (false in %s)", scenarios(it.Reached))
		}
		return fmt.Sprintf("never false (true in %s)", scenarios(it.Reached))
	case CoverIndicator:
		return "never raised"
	case CoverLevel:
		return "never reached"
	case CoverLevelRule:
		switch {
		case it.Reached == 0:
			return fmt.Sprintf("never decides: no score reaches %s", it.ID)
		case it.Branch == BranchMet:
			return fmt.Sprintf("never met (it holds %s back in %s)", it.ID, scenarios(it.Reached))
		}
		return fmt.Sprintf("never holds %s back (met in %s)", it.ID, scenarios(it.Reached))
	case CoverAction:
		return "never listed"
	case CoverInterrupt:
		return "never shown during the interview"
	}
	return "never exercised"
}

func scenarios(n int) string {
	if n == 1 {
		return "1 scenario"
	}
	return fmt.Sprintf("%d scenarios", n)
}
