package screening

import "slices"

// Reached is the level some raised indicators reach, and which rule decided it, so a summary can
// say how it was reached.
type Reached struct {
	Level Level // none, possible or clear
	Score int   // the total weight of the indicators, each counted once
	// MetBy is the indicator that met the needs of the level reached, when that level has any.
	MetBy string
	// HeldBack is a higher level the score alone reached, which its needs (HeldBy) kept from
	// being reached: no raised indicator met them. "" when nothing was held back.
	HeldBack Level
	HeldBy   Needs
}

// Reach returns the level the raised indicators reach: the highest level whose score they reach
// and whose needs one of them meets.
func (l Levels) Reach(raised []*Indicator) Reached {
	r := Reached{Level: LevelNone}
	for _, ind := range raised {
		r.Score += ind.Weight
	}
	for _, lv := range []struct {
		name  Level
		score int
		needs Needs
	}{{LevelClear, l.Clear, l.ClearNeeds}, {LevelPossible, l.Possible, l.PossibleNeeds}} {
		if lv.score <= 0 || r.Score < lv.score {
			continue
		}
		if lv.needs.IsZero() {
			r.Level = lv.name
			return r
		}
		if ind := strongestMeeting(lv.needs, raised); ind != nil {
			r.Level, r.MetBy = lv.name, ind.ID
			return r
		}
		if r.HeldBack == "" {
			r.HeldBack, r.HeldBy = lv.name, lv.needs
		}
	}
	return r
}

// strongestMeeting returns the heaviest raised indicator that meets n (the first of equals), or
// nil: the one a reader is most helped to see named.
func strongestMeeting(n Needs, raised []*Indicator) *Indicator {
	var best *Indicator
	for _, ind := range raised {
		if n.MetBy(ind) && (best == nil || ind.Weight > best.Weight) {
			best = ind
		}
	}
	return best
}

// levelRank orders the levels; incomplete ranks with none, since it reached no level.
func levelRank(level Level) int {
	switch level {
	case LevelClear:
		return 2
	case LevelPossible:
		return 1
	}
	return 0
}

// Completeness is how much of a screening was done, over the questions that applied, and whether
// the set's rule calls it incomplete.
type Completeness struct {
	Applied, Answered, Declined, DontKnow, NotAsked int
	// The questions read aloud that applied, and how many of them were answered.
	ReadAloud, ReadAloudAnswered int
	Ruled                        bool // the set declares when a screening is incomplete
	MinAnswered                  int  // the set's minimum of questions read aloud answered; 0: none
	// KeyMissing are the key questions that applied and have no answer: declined, not known
	// ("doesn't know" leaves the question as open as a decline does), or not asked.
	KeyMissing []string
	Incomplete bool
}

// TooFewAnswered reports whether fewer questions read aloud were answered than the set needs.
func (c Completeness) TooFewAnswered() bool {
	return c.MinAnswered > 0 && c.ReadAloudAnswered < c.MinAnswered
}

// completeness counts the states of the questions that applied. A question that applies and has
// no answer yet counts as not asked: by the summary, it was not.
func (v *view) completeness() Completeness {
	rule := v.s.set.Complete
	c := Completeness{Ruled: rule != nil}
	if rule != nil {
		c.MinAnswered = rule.MinAnswered
	}
	for i, q := range v.s.questions[:v.upto] {
		st := v.states[i].State
		if st == StateNotApplicable {
			continue
		}
		c.Applied++
		if q.Mode.ReadAloud() {
			c.ReadAloud++
		}
		switch st {
		case StateAnswered:
			c.Answered++
			if q.Mode.ReadAloud() {
				c.ReadAloudAnswered++
			}
		case StateDeclined:
			c.Declined++
		case StateDontKnow:
			c.DontKnow++
		default:
			c.NotAsked++
		}
		if rule != nil && st != StateAnswered && slices.ContainsFunc(rule.KeyQuestions, func(r Ref) bool { return r.ID == q.ID }) {
			c.KeyMissing = append(c.KeyMissing, q.ID)
		}
	}
	c.Incomplete = rule != nil && (c.TooFewAnswered() || len(c.KeyMissing) > 0)
	return c
}

// concern is what the summary reports: the level reached, or incomplete when none was reached
// and the set calls the screening incomplete. A level reached stands, however little was asked.
func concern(level Level, c Completeness) Level {
	if level == LevelNone && c.Incomplete {
		return LevelIncomplete
	}
	return level
}

// DomainLevel is the concern in one domain: the set's levels applied to the domain's indicators
// alone.
type DomainLevel struct {
	ID, Label string
	Level     Level // none, possible, clear, or incomplete when the screening is
	Reached   Reached
}
