package screening

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// richSet is validSet (check_test.go) with every key of the second round: domains, a level that
// needs more than its score, a completeness rule, a date-and-time record item, actions that
// interrupt, deadlines, and conditions on completeness and on a domain's level.
func richSet() *QuestionSet {
	s := validSet()
	s.Domains = []Domain{
		{ID: "sexual", Label: "Sexual exploitation", Pos: at(40), IDPos: at(40), LabelPos: at(40)},
		{ID: "vulnerability", Label: "Vulnerability", Pos: at(41), IDPos: at(41), LabelPos: at(41)},
	}
	s.Levels.ClearNeeds = Needs{MinWeight: 2, Domains: []Ref{{"sexual", at(42)}}, Pos: at(42), MinWeightPos: at(42)}
	s.Complete = &CompletenessRule{MinAnswered: 2, KeyQuestions: []Ref{{"traded", at(43)}}, Pos: at(43), MinAnsweredPos: at(43)}
	sec := &s.Sections[0]
	sec.Questions = append([]Question{
		{ID: "returned", Mode: ModeRecord, Type: TypeDateTime, Text: "When they came back", Pos: at(44), IDPos: at(44), TextPos: at(44)},
	}, sec.Questions...)
	sec.Questions = append(sec.Questions,
		Question{ID: "danger", Mode: ModeAsk, Type: TypeYesNo, Text: "Are you worried someone will hurt you today?", Pos: at(45), IDPos: at(45), TextPos: at(45)},
		Question{ID: "put-out", Mode: ModeAsk, Type: TypeYesNo, Text: "Did someone at home tell you to leave?", Indicator: Ref{"put-out", at(46)}, Pos: at(46), IDPos: at(46), TextPos: at(46)},
		Question{ID: "traded", Mode: ModeAsk, Type: TypeYesNo, Text: "Did anyone offer you something for something sexual?", Indicator: Ref{"exchange", at(47)}, Pos: at(47), IDPos: at(47), TextPos: at(47)},
	)
	s.Indicators[0].Domain = Ref{"sexual", at(18)}
	s.Indicators[1].Domain = Ref{"sexual", at(19)}
	s.Indicators[2].Domain = Ref{"vulnerability", at(20)}
	s.Indicators = append(s.Indicators,
		Indicator{ID: "put-out", Label: "Put out of home", Weight: 3, Domain: Ref{"vulnerability", at(48)}, Sources: []Ref{{"guide", at(48)}}, Pos: at(48), IDPos: at(48), LabelPos: at(48), WeightPos: at(48)},
		Indicator{ID: "exchange", Label: "Exchange", Weight: 5, Disclosure: true, Domain: Ref{"sexual", at(49)}, Sources: []Ref{{"guide", at(49)}}, Pos: at(49), IDPos: at(49), LabelPos: at(49), WeightPos: at(49)},
	)
	cond := func(c Condition) *Condition { c.Pos, c.OpPos = at(50), at(50); return &c }
	s.Actions = append(s.Actions,
		Action{ID: "call", Priority: PriorityUrgent, Interrupt: true, Text: "Call 911 now.", When: cond(Condition{Op: OpIs, Question: "danger", Value: "yes"}), Pos: at(51), IDPos: at(51), TextPos: at(51)},
		Action{
			ID: "medical", Priority: PriorityRequired, Interrupt: true, Text: "Offer medical care now.", When: cond(Condition{Op: OpIndicator, Indicator: "exchange"}),
			Due: &Due{From: Ref{"returned", at(52)}, Within: 72 * time.Hour, WithinText: "72h", Pos: at(52), WithinPos: at(52)}, Pos: at(52), IDPos: at(52), TextPos: at(52),
		},
		Action{
			ID: "second", Priority: PriorityRequired, Text: "Talk again within 72 hours.", When: cond(Condition{Op: OpComplete, Flag: false}),
			Due: &Due{From: Ref{"returned", at(53)}, Within: 3 * 24 * time.Hour, WithinText: "3d", Pos: at(53)}, Pos: at(53), IDPos: at(53), TextPos: at(53),
		},
		Action{ID: "sexual-consult", Priority: PriorityRequired, Text: "Consult.", When: cond(Condition{Op: OpLevel, Level: LevelPossible, Domain: "sexual", DomainPos: at(54)}), Pos: at(54), IDPos: at(54), TextPos: at(54)},
		Action{ID: "clear-rule", Priority: PriorityRecommended, Text: "Clear.", When: cond(Condition{Op: OpLevel, Level: LevelClear}), Pos: at(55), IDPos: at(55), TextPos: at(55)},
	)
	return s
}

func TestRichSetIsValid(t *testing.T) {
	if fs := CheckSet(richSet(), testOptions()); len(fs) > 0 {
		t.Fatalf("findings on the rich set: %+v", fs)
	}
	s := richSet()
	withLearned(s, Ref{"returned", at(73)})
	if fs := CheckSet(s, testOptions()); len(fs) > 0 {
		t.Fatalf("findings on the rich set with not_before: %+v", fs)
	}
}

// withLearned adds a last question to richSet: when the agency learned of the return, held not
// to be earlier than the answer notBefore names.
func withLearned(s *QuestionSet, notBefore Ref) {
	sec := &s.Sections[0]
	sec.Questions = append(sec.Questions, Question{ID: "learned", Mode: ModeRecord, Type: TypeDateTime, Text: "When the agency learned of it", NotBefore: notBefore, Pos: at(74), IDPos: at(74), TextPos: at(74)})
}

func TestLevelsReach(t *testing.T) {
	ind := func(id string, w int, domain string) *Indicator {
		return &Indicator{ID: id, Weight: w, Domain: Ref{ID: domain}}
	}
	plain := Levels{Possible: 2, Clear: 5}
	needs := Levels{Possible: 2, Clear: 5, ClearNeeds: Needs{MinWeight: 2, Domains: []Ref{{ID: "sexual"}, {ID: "labor"}}}}
	weightOnly := Levels{Possible: 2, Clear: 5, ClearNeeds: Needs{MinWeight: 4}}
	possibleNeeds := Levels{Possible: 2, Clear: 5, PossibleNeeds: Needs{Domains: []Ref{{ID: "sexual"}}}}
	tests := []struct {
		name     string
		levels   Levels
		raised   []*Indicator
		want     Level
		score    int
		metBy    string
		heldBack Level
	}{
		{"nothing raised", plain, nil, LevelNone, 0, "", ""},
		{"score alone, possible", plain, []*Indicator{ind("a", 2, "")}, LevelPossible, 2, "", ""},
		{"score alone, clear", plain, []*Indicator{ind("a", 2, ""), ind("b", 3, "")}, LevelClear, 5, "", ""},
		{"vulnerabilities alone are held at possible", needs, []*Indicator{ind("put-out", 2, "vulnerability"), ind("couch", 2, "vulnerability"), ind("outside", 3, "vulnerability")}, LevelPossible, 7, "", LevelClear},
		{"a light sign in the domain is not enough", needs, []*Indicator{ind("v", 4, "vulnerability"), ind("s", 1, "sexual")}, LevelPossible, 5, "", LevelClear},
		{"a sign of weight in a named domain reaches clear", needs, []*Indicator{ind("v", 3, "vulnerability"), ind("s", 2, "sexual")}, LevelClear, 5, "s", ""},
		{"the heaviest meeting the need is named", needs, []*Indicator{ind("s", 2, "sexual"), ind("l", 4, "labor")}, LevelClear, 6, "l", ""},
		{"below the score the need does not matter", needs, []*Indicator{ind("s", 4, "sexual")}, LevelPossible, 4, "", ""},
		{"weight only: met", weightOnly, []*Indicator{ind("a", 1, ""), ind("b", 4, "")}, LevelClear, 5, "b", ""},
		{"weight only: held", weightOnly, []*Indicator{ind("a", 3, ""), ind("b", 3, "")}, LevelPossible, 6, "", LevelClear},
		{"possible held back too: none", possibleNeeds, []*Indicator{ind("v", 3, "vulnerability")}, LevelNone, 3, "", LevelPossible},
		{"clear held back, first held is reported", Levels{Possible: 2, Clear: 5, PossibleNeeds: Needs{MinWeight: 9}, ClearNeeds: Needs{MinWeight: 9}}, []*Indicator{ind("a", 6, "")}, LevelNone, 6, "", LevelClear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.levels.Reach(tt.raised)
			if r.Level != tt.want || r.Score != tt.score || r.MetBy != tt.metBy || r.HeldBack != tt.heldBack {
				t.Errorf("Reach = %+v; want level %s, score %d, met by %q, held back %q", r, tt.want, tt.score, tt.metBy, tt.heldBack)
			}
		})
	}
}

// richRun answers the rich set in order.
func richRun(t *testing.T, steps ...step) *Session {
	t.Helper()
	s := NewSession(richSet())
	for _, st := range steps {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatalf("answer %s: %v", st.id, err)
		}
	}
	return s
}

func TestCompletenessAndConcern(t *testing.T) {
	tests := []struct {
		name       string
		steps      []step
		concern    Level
		incomplete bool
		keyMissing []string
		tooFew     bool
		applied    int
		declined   int
	}{
		{
			name:    "everything answered, nothing raised: none",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}, {"traded", no()}},
			concern: LevelNone, applied: 7,
		},
		{
			name:    "nearly everything declined: incomplete, never none",
			steps:   []step{{"slept", state(StateDeclined)}, {"partner", state(StateDeclined)}, {"danger", no()}, {"put-out", state(StateDeclined)}, {"traded", state(StateDeclined)}},
			concern: LevelIncomplete, incomplete: true, keyMissing: []string{"traded"}, tooFew: true, applied: 7, declined: 4,
		},
		{
			name:    "the key question declined alone: incomplete",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}, {"traded", state(StateDeclined)}},
			concern: LevelIncomplete, incomplete: true, keyMissing: []string{"traded"}, applied: 7, declined: 1,
		},
		{
			name:    "the key question not reached counts as not asked",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}},
			concern: LevelIncomplete, incomplete: true, keyMissing: []string{"traded"}, applied: 7,
		},
		{
			name:    "doesn't know to the key question leaves it unanswered: incomplete, never none",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}, {"traded", state(StateDontKnow)}},
			concern: LevelIncomplete, incomplete: true, keyMissing: []string{"traded"}, applied: 7,
		},
		{
			name:    "doesn't know to the key question, with a level reached: the level stands, incomplete",
			steps:   []step{{"slept", multi("hotel")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}, {"traded", state(StateDontKnow)}},
			concern: LevelPossible, incomplete: true, keyMissing: []string{"traded"}, applied: 7,
		},
		{
			name:    "doesn't know to a question that is not key: complete",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", state(StateDontKnow)}, {"put-out", no()}, {"traded", no()}},
			concern: LevelNone, applied: 7,
		},
		{
			name:    "a level reached stands however little was answered",
			steps:   []step{{"slept", multi("hotel")}, {"partner", state(StateDeclined)}, {"danger", state(StateDeclined)}, {"put-out", state(StateDeclined)}, {"traded", state(StateDeclined)}},
			concern: LevelPossible, incomplete: true, keyMissing: []string{"traded"}, tooFew: true, applied: 7, declined: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := richRun(t, tt.steps...)
			c := s.Completeness()
			if got := s.Concern(); got != tt.concern {
				t.Errorf("concern %s, want %s", got, tt.concern)
			}
			if c.Incomplete != tt.incomplete || c.TooFewAnswered() != tt.tooFew || !slices.Equal(c.KeyMissing, tt.keyMissing) || c.Applied != tt.applied || c.Declined != tt.declined {
				t.Errorf("completeness %+v (too few %v); want incomplete %v, too few %v, key missing %v, applied %d, declined %d", c, c.TooFewAnswered(), tt.incomplete, tt.tooFew, tt.keyMissing, tt.applied, tt.declined)
			}
			acted := map[string]bool{}
			for _, a := range s.Actions() {
				acted[a.ID] = true
			}
			if acted["second"] != tt.incomplete {
				t.Errorf("the action on {complete: false} listed %v, want %v", acted["second"], tt.incomplete)
			}
		})
	}
}

func TestCompletenessWithoutARule(t *testing.T) {
	// A set that declares no rule counts what was done, and is never incomplete.
	s := run(t, step{"slept", state(StateDeclined)}, step{"partner", state(StateDeclined)})
	c := s.Completeness()
	if c.Ruled || c.Incomplete || s.Concern() != LevelNone || c.Declined != 2 {
		t.Errorf("completeness %+v, concern %s", c, s.Concern())
	}
}

func TestDomainLevels(t *testing.T) {
	tests := []struct {
		name    string
		steps   []step
		overall Level
		domains map[string]Level
		consult bool
	}{
		{
			name:    "an older partner (a sexual sign of weight 2) with vulnerabilities: clear overall, possible in each domain",
			steps:   []step{{"slept", multi("friend")}, {"partner", yes()}, {"phones", yes()}, {"danger", no()}, {"put-out", yes()}, {"traded", no()}},
			overall: LevelClear, domains: map[string]Level{"sexual": LevelPossible, "vulnerability": LevelPossible}, consult: true,
		},
		{
			name:    "a disclosure: clear overall and in its domain",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", yes()}, {"traded", yes()}},
			overall: LevelClear, domains: map[string]Level{"sexual": LevelClear, "vulnerability": LevelPossible}, consult: true,
		},
		{
			name:    "vulnerability alone: possible, and none in the sexual domain",
			steps:   []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", yes()}, {"traded", no()}},
			overall: LevelPossible, domains: map[string]Level{"sexual": LevelNone, "vulnerability": LevelPossible},
		},
		{
			name:    "incomplete: a domain that reached nothing is incomplete too",
			steps:   []step{{"slept", state(StateDeclined)}, {"partner", state(StateDeclined)}, {"danger", no()}, {"put-out", yes()}, {"traded", state(StateDeclined)}},
			overall: LevelPossible, domains: map[string]Level{"sexual": LevelIncomplete, "vulnerability": LevelPossible},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := richRun(t, tt.steps...)
			if got := s.Concern(); got != tt.overall {
				t.Errorf("overall %s, want %s", got, tt.overall)
			}
			for _, d := range s.Domains() {
				if d.Level != tt.domains[d.ID] {
					t.Errorf("domain %s: %s, want %s", d.ID, d.Level, tt.domains[d.ID])
				}
			}
			listed := slices.ContainsFunc(s.Actions(), func(a *Action) bool { return a.ID == "sexual-consult" })
			if listed != tt.consult {
				t.Errorf("{domain: sexual, level: possible} listed %v, want %v", listed, tt.consult)
			}
		})
	}
}

func TestNewInterrupts(t *testing.T) {
	tests := []struct {
		name   string
		before []step
		id     string
		a      Answer
		want   []string
	}{
		{"a yes to danger interrupts", []step{{"slept", multi("friend")}, {"partner", no()}}, "danger", yes(), []string{"call"}},
		{"a no does not", []step{{"slept", multi("friend")}, {"partner", no()}}, "danger", no(), nil},
		{"a decline does not", []step{{"slept", multi("friend")}, {"partner", no()}}, "danger", state(StateDeclined), nil},
		{"already true: not again", []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", yes()}}, "danger", yes(), nil},
		{"a disclosure interrupts with its medical window", []step{{"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}}, "traded", yes(), []string{"medical"}},
		{"an answer that does not fit interrupts nothing", nil, "danger", Answered("maybe"), nil},
		{"a question that does not apply interrupts nothing", []step{{"slept", multi("friend")}, {"partner", no()}}, "phones", yes(), nil},
		{"an action that does not interrupt is not shown", []step{{"slept", multi("friend")}, {"partner", yes()}, {"phones", yes()}, {"danger", no()}}, "put-out", yes(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := richRun(t, tt.before...)
			before := s.Snapshot()
			var got []string
			for _, a := range s.NewInterrupts(tt.id, tt.a) {
				got = append(got, a.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("NewInterrupts = %v, want %v", got, tt.want)
			}
			if after := s.Snapshot(); len(after.Answers) != len(before.Answers) {
				t.Errorf("NewInterrupts changed the session: %d answers, had %d", len(after.Answers), len(before.Answers))
			}
		})
	}
}

// Changing an answer back and forth interrupts each time the condition becomes true again.
func TestNewInterruptsAfterAChange(t *testing.T) {
	s := richRun(t, step{"slept", multi("friend")}, step{"partner", no()}, step{"danger", yes()})
	if got := s.NewInterrupts("danger", no()); len(got) != 0 {
		t.Fatalf("changing to no: %v", got)
	}
	if err := s.Answer("danger", no()); err != nil {
		t.Fatal(err)
	}
	if got := s.NewInterrupts("danger", yes()); len(got) != 1 || got[0].ID != "call" {
		t.Fatalf("changing back to yes: %v", got)
	}
}

func TestConditionsOnCompletenessAndDomains(t *testing.T) {
	s := richRun(t, step{"slept", multi("hotel")}, step{"partner", no()}, step{"danger", no()}, step{"put-out", no()}, step{"traded", no()})
	v := s.viewUpTo(len(s.questions))
	for _, tt := range []struct {
		c    Condition
		want bool
	}{
		{Condition{Op: OpComplete, Flag: true}, true},
		{Condition{Op: OpComplete, Flag: false}, false},
		{Condition{Op: OpLevel, Level: LevelPossible, Domain: "sexual"}, true},
		{Condition{Op: OpLevel, Level: LevelClear, Domain: "sexual"}, false},
		{Condition{Op: OpLevel, Level: LevelPossible, Domain: "vulnerability"}, false},
		{Condition{Op: OpLevel, Level: LevelPossible}, true},
	} {
		if got := v.holds(&tt.c); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.c.String(), got, tt.want)
		}
	}
}

func action(s *QuestionSet, id string) *Action {
	for i := range s.Actions {
		if s.Actions[i].ID == id {
			return &s.Actions[i]
		}
	}
	panic("no action " + id)
}

// The checks of the second round's keys, each breaking richSet once.
func TestCheckRichSetRules(t *testing.T) {
	tests := []struct {
		name     string
		break_   func(s *QuestionSet)
		rule     string
		severity Severity
		line     int
		message  string
	}{
		{"indicator without a domain", func(s *QuestionSet) { s.Indicators[0].Domain = Ref{} }, RuleMissingDomain, SeverityError, 18, `indicator "hotel" has no domain`},
		{"indicator in an unknown domain", func(s *QuestionSet) { s.Indicators[0].Domain.ID = "sexul" }, RuleUnknownReference, SeverityError, 18, `did you mean "sexual"`},
		{"a domain with no set domains", func(s *QuestionSet) {
			s.Domains, s.Levels.ClearNeeds.Domains = nil, nil
			for i := range s.Indicators {
				s.Indicators[i].Domain = Ref{}
			}
			s.Indicators[1].Domain = Ref{"sexual", at(60)}
			action(s, "sexual-consult").When.Domain = ""
		}, RuleUnknownReference, SeverityError, 60, "declares no domains"},
		{"a domain nobody is in", func(s *QuestionSet) {
			s.Domains = append(s.Domains, Domain{ID: "labor", Label: "Labor exploitation", Pos: at(61), IDPos: at(61)})
		}, RuleUnusedDomain, SeverityWarning, 61, "always none"},
		{"a domain without a label", func(s *QuestionSet) { s.Domains[1].Label = "" }, RuleMissingText, SeverityError, 41, "no label"},
		{"two domains with one id", func(s *QuestionSet) { s.Domains[1].ID = "sexual" }, RuleDuplicateID, SeverityError, 41, "first defined at line 40"},
		{"level needs an unknown domain", func(s *QuestionSet) { s.Levels.ClearNeeds.Domains[0].ID = "labor" }, RuleUnknownReference, SeverityError, 42, "levels.clear names unknown domain"},
		{"level needs a weight of 0", func(s *QuestionSet) { s.Levels.ClearNeeds.MinWeight = 0 }, RuleLevels, SeverityError, 42, "min_weight must be a whole number above 0"},
		{"level needs what no indicator is", func(s *QuestionSet) { s.Levels.ClearNeeds.MinWeight = 6 }, RuleUnreachableLevel, SeverityWarning, 42, "weight 6 or more, domain sexual"},
		{"condition on an unknown domain", func(s *QuestionSet) { action(s, "sexual-consult").When.Domain = "sex" }, RuleUnknownReference, SeverityError, 54, `did you mean "sexual"`},
		{"completeness that says nothing", func(s *QuestionSet) { s.Complete.MinAnswered, s.Complete.KeyQuestions = 0, nil }, RuleCompleteness, SeverityError, 43, "says nothing"},
		{"completeness no screening can meet", func(s *QuestionSet) { s.Complete.MinAnswered = 9 }, RuleCompleteness, SeverityError, 43, "has 5 questions read aloud"},
		{"completeness below zero", func(s *QuestionSet) { s.Complete.MinAnswered = -1 }, RuleCompleteness, SeverityError, 43, "above 0"},
		{"an unknown key question", func(s *QuestionSet) { s.Complete.KeyQuestions[0].ID = "trade" }, RuleUnknownReference, SeverityError, 43, `did you mean "traded"`},
		{"a key question twice", func(s *QuestionSet) {
			s.Complete.KeyQuestions = append(s.Complete.KeyQuestions, Ref{"traded", at(62)})
		}, RuleDuplicateID, SeverityError, 62, "key question"},
		{"completeness in a question's when", func(s *QuestionSet) {
			q(s, "traded").When = &Condition{Op: OpComplete, Flag: false, OpPos: at(63), Pos: at(63)}
		}, RuleEndOnlyCondition, SeverityError, 63, "known only after the last question"},
		{"completeness in an interrupting action", func(s *QuestionSet) {
			a := action(s, "second")
			a.Interrupt = true
			a.When.OpPos = at(64)
		}, RuleEndOnlyCondition, SeverityError, 64, "drop `interrupt: true`"},
		{"an interrupt with no when", func(s *QuestionSet) { a := action(s, "call"); a.When, a.InterruptPos = nil, at(65) }, RuleMissingField, SeverityError, 65, "interrupts the interview but has no `when`"},
		{"due from a question that is not a date and time", func(s *QuestionSet) { action(s, "medical").Due.From.ID = "days" }, RuleDeadline, SeverityError, 52, "of type number"},
		{"due from an unknown question", func(s *QuestionSet) { action(s, "medical").Due.From.ID = "returnd" }, RuleUnknownReference, SeverityError, 52, `did you mean "returned"`},
		{"due without from", func(s *QuestionSet) { action(s, "medical").Due.From = Ref{} }, RuleDeadline, SeverityError, 52, "no `from:`"},
		{"due within that is not a length", func(s *QuestionSet) { d := action(s, "medical").Due; d.WithinText, d.Within = "72 hours", 0 }, RuleDeadline, SeverityError, 52, `"72 hours" is not a length`},
		{"due without within", func(s *QuestionSet) { d := action(s, "medical").Due; d.WithinText, d.Within = "", 0 }, RuleDeadline, SeverityError, 52, "no `within:`"},
		{"is on a date and time", func(s *QuestionSet) {
			q(s, "danger").When = &Condition{Op: OpIs, Question: "returned", Value: "yes", OpPos: at(66)}
		}, RuleOperatorType, SeverityError, 66, "`answered` or `declined`"},
		{"options on a date and time", func(s *QuestionSet) {
			qq := q(s, "returned")
			qq.Options, qq.OptionsPos = []Option{{Value: "a", Label: "A"}}, at(67)
		}, RuleOptionsNotAllowed, SeverityError, 67, "takes no options"},
		{"a unit on a date and time", func(s *QuestionSet) { q(s, "returned").Unit = "days" }, RuleMisplacedField, SeverityError, 44, "unit applies only to number questions"},
		{"not_before on a question that is not a date and time", func(s *QuestionSet) { q(s, "danger").NotBefore = Ref{"returned", at(68)} }, RuleNotBefore, SeverityError, 68, "is for datetime questions, and this one is of type yesno"},
		{"not_before naming an unknown question", func(s *QuestionSet) { withLearned(s, Ref{"returnd", at(69)}) }, RuleUnknownReference, SeverityError, 69, `not_before names unknown question "returnd" (did you mean "returned"?)`},
		{"not_before naming a later question", func(s *QuestionSet) {
			withLearned(s, Ref{})
			q(s, "returned").NotBefore = Ref{"learned", at(70)}
		}, RuleForwardReference, SeverityError, 70, `not_before names question "learned", which comes later`},
		{"not_before naming the question itself", func(s *QuestionSet) { withLearned(s, Ref{"learned", at(71)}) }, RuleNotBefore, SeverityError, 71, "names the question itself"},
		{"not_before naming a question that is not a date and time", func(s *QuestionSet) { withLearned(s, Ref{"partner", at(72)}) }, RuleNotBefore, SeverityError, 72, `names question "partner", which is of type yesno`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := richSet()
			tt.break_(s)
			fs := CheckSet(s, testOptions())
			for _, f := range fs {
				if f.Rule == tt.rule && f.Severity == tt.severity && f.Pos.Line == tt.line && strings.Contains(f.Message, tt.message) {
					return
				}
			}
			t.Errorf("want %s %s at line %d containing %q; got:", tt.severity, tt.rule, tt.line, tt.message)
			for _, f := range fs {
				t.Errorf("  line %d: %s: %s [%s]", f.Pos.Line, f.Severity, f.Message, f.Rule)
			}
		})
	}
}
