package screening

import (
	"fmt"
	"strings"
	"testing"
)

// coverSet is richSet with a clear level that needs an indicator weighing 5 (so that hotel, an
// older partner and being put out reach clear's score and are held back), and an action on
// either of two indicators (so that an `any` can leave its second part undecided).
func coverSet() *QuestionSet {
	s := richSet()
	s.Levels.ClearNeeds = Needs{MinWeight: 5, Pos: at(42), MinWeightPos: at(42)}
	s.Actions = append(s.Actions, Action{
		ID: "either", Priority: PriorityRecommended, Text: "Either.", Pos: at(60), IDPos: at(60), TextPos: at(60),
		When: &Condition{Op: OpAny, Pos: at(61), Sub: []Condition{
			{Op: OpIndicator, Indicator: "hotel", Pos: at(62)},
			{Op: OpIndicator, Indicator: "older", Pos: at(63)},
		}},
	})
	return s
}

func TestCoverSetIsValid(t *testing.T) {
	if fs := CheckSet(coverSet(), testOptions()); len(fs) > 0 {
		t.Fatalf("findings on the coverage set: %+v", fs)
	}
}

// says is a scenario's response: a word, or a list for a multi question.
func says(id string, answer ...string) Response {
	r := Response{QuestionID: id, HasAnswer: true}
	switch {
	case len(answer) == 1 && (answer[0] == string(StateDeclined) || answer[0] == string(StateDontKnow)):
		r.Answer = RawAnswer{State: State(answer[0])}
	case len(answer) == 1:
		r.Answer = RawAnswer{State: StateAnswered, Text: answer[0]}
	default:
		r.Answer = RawAnswer{State: StateAnswered, Choices: answer, IsList: true}
	}
	return r
}

// label names an item and, for a decision, the branch: what the table below expects.
func label(it CoverageItem) string {
	branch := map[Branch]string{BranchTrue: " [true]", BranchFalse: " [false]", BranchMet: " [met]", BranchHeldBack: " [held back]"}
	return it.String() + branch[it.Branch]
}

func TestCoverage(t *testing.T) {
	const (
		whenPhones = `the when of question "phones": partner is "yes"`
		anyOf      = `the when of action "either": any of (indicator hotel is raised; indicator older is raised)`
		olderPart  = `part of the when of action "either": indicator older is raised`
		clearRule  = `what clear needs besides its score (an indicator of weight 5 or more)`
	)
	tests := []struct {
		name      string
		scenarios [][]Response
		// want maps an item's label to what the report says of it: "" when it is covered.
		want map[string]string
	}{
		{
			"a condition true in one scenario and false in another is both branches",
			[][]Response{{says("partner", "yes")}, {says("partner", "no")}},
			map[string]string{whenPhones + " [true]": "", whenPhones + " [false]": ""},
		},
		{
			"a condition only ever true leaves its false branch untested",
			[][]Response{{says("partner", "yes")}, {says("partner", "yes"), says("slept", "hotel")}},
			map[string]string{whenPhones + " [true]": "", whenPhones + " [false]": "never false (true in 2 scenarios)"},
		},
		{
			"a question whose condition never holds is never asked",
			[][]Response{{says("partner", "no")}},
			map[string]string{`question "phones"`: "never asked: its condition never holds", whenPhones + " [true]": "never true (false in 1 scenario)"},
		},
		{
			"a question that applies but that no scenario answers is not covered",
			[][]Response{{says("partner", "no")}, {says("danger", "no")}},
			map[string]string{`question "days"`: "never asked: it applies in 2 scenarios, and none answers it", `question "danger"`: ""},
		},
		{
			"declined and dont-know count as asked",
			[][]Response{{says("partner", "declined"), says("days", "dont-know")}},
			map[string]string{`question "partner"`: "", `question "days"`: "", `indicator "older"`: "never raised"},
		},
		{
			"an option counts when it is chosen, not when its question is answered",
			[][]Response{{says("slept", "friend", "friend")}},
			map[string]string{`option "friend" of question "slept"`: "", `option "hotel" of question "slept"`: "never chosen", `question "slept"`: ""},
		},
		{
			"an option of a question never answered says so",
			[][]Response{{says("partner", "no")}},
			map[string]string{`option "hotel" of question "slept"`: "never chosen: the question is never answered"},
		},
		{
			"concerns reached: none, possible, incomplete",
			[][]Response{
				{says("partner", "no"), says("danger", "no"), says("traded", "no")},
				{says("slept", "hotel"), says("traded", "no"), says("danger", "no")},
				{says("traded", "declined")},
			},
			map[string]string{"concern none": "", "concern possible": "", "concern incomplete": "", "concern clear": "never reached"},
		},
		{
			"a level rule holding clear back, and met",
			[][]Response{
				{says("slept", "hotel"), says("partner", "yes"), says("put-out", "yes"), says("traded", "no"), says("danger", "no")},
				{says("traded", "yes"), says("danger", "no")},
			},
			map[string]string{clearRule + " [held back]": "", clearRule + " [met]": "", "concern clear": "", "concern possible": ""},
		},
		{
			"a level rule that is never decided says so",
			[][]Response{{says("slept", "hotel")}},
			map[string]string{clearRule + " [met]": "never decides: no score reaches clear", clearRule + " [held back]": "never decides: no score reaches clear"},
		},
		{
			"a level rule only met",
			[][]Response{{says("traded", "yes")}},
			map[string]string{clearRule + " [met]": "", clearRule + " [held back]": "never holds clear back (met in 1 scenario)"},
		},
		{
			"a part of an any that the first part decided is never decided",
			[][]Response{{says("slept", "hotel")}},
			map[string]string{anyOf + " [true]": "", anyOf + " [false]": "never false (true in 1 scenario)", olderPart + " [true]": "never decided", olderPart + " [false]": "never decided"},
		},
		{
			"a part of an any decided when the first part is false",
			[][]Response{{says("partner", "yes")}, {says("partner", "no")}},
			map[string]string{olderPart + " [true]": "", olderPart + " [false]": "", anyOf + " [true]": "", anyOf + " [false]": ""},
		},
		{
			"actions listed and interrupts shown",
			[][]Response{{says("danger", "yes"), says("traded", "no")}},
			map[string]string{
				`action "call"`: "", `action "call", which interrupts`: "",
				`action "medical"`: "never listed", `action "medical", which interrupts`: "never shown during the interview",
				`action "second"`: "never listed",
			},
		},
		{
			"an indicator raised by a later answer",
			[][]Response{{says("put-out", "yes")}},
			map[string]string{`indicator "put-out"`: "", `indicator "hotel"`: "never raised"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCoverage(coverSet())
			for i, rs := range tc.scenarios {
				if _, err := c.Test(&Scenario{ID: "s", Responses: rs}); err != nil {
					t.Fatalf("scenario %d: %v", i, err)
				}
			}
			got := map[string]string{}
			for _, it := range c.Items {
				if _, dup := got[label(it)]; dup {
					t.Errorf("two items are labelled %s", label(it))
				}
				got[label(it)] = ""
			}
			for _, it := range c.Uncovered() {
				got[label(it)] = it.Gap()
			}
			for item, want := range tc.want {
				gap, ok := got[item]
				switch {
				case !ok:
					t.Errorf("no item %s; the items are:\n%s", item, labels(c.Items))
				case gap != want && want == "":
					t.Errorf("%s: not covered (%s), want covered", item, gap)
				case gap != want:
					t.Errorf("%s: %q, want %q", item, gap, want)
				}
			}
		})
	}
}

func labels(items []CoverageItem) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("  " + label(it) + "\n")
	}
	return b.String()
}

// Every item is found in the set and counted once per scenario that exercised it; the share is
// over every item, a decision counting once for each way it can go.
func TestCoverageCounts(t *testing.T) {
	set := coverSet()
	c := NewCoverage(set)
	questions := len(set.Questions())
	options := 2                  // slept's
	conditions := 2 * (1 + 6 + 3) // phones; assess and the five of richSet; either and its two parts
	indicators := len(set.Indicators)
	levels, rules := 4, 2
	actions := len(set.Actions)
	interrupts := 2
	want := map[CoverageKind]int{
		CoverQuestion: questions, CoverOption: options, CoverCondition: conditions, CoverIndicator: indicators,
		CoverLevel: levels, CoverLevelRule: rules, CoverAction: actions, CoverInterrupt: interrupts,
	}
	total := 0
	for _, k := range CoverageKinds {
		if _, n := c.CountKind(k); n != want[k] {
			t.Errorf("%s: %d items, want %d", k, n, want[k])
		}
		total += want[k]
	}
	if covered, n := c.Count(); covered != 0 || n != total {
		t.Errorf("before any scenario: %d of %d covered, want 0 of %d", covered, n, total)
	}
	for range 3 {
		if _, err := c.Test(&Scenario{ID: "s", Responses: []Response{says("slept", "hotel")}}); err != nil {
			t.Fatal(err)
		}
	}
	if c.Scenarios != 3 {
		t.Errorf("%d scenarios counted, want 3", c.Scenarios)
	}
	for _, it := range c.Items {
		if it.Kind == CoverOption && it.ID == "hotel" && (it.Hits != 3 || it.Reached != 3) {
			t.Errorf("option hotel: hits %d, reached %d; want 3 and 3", it.Hits, it.Reached)
		}
		if it.Kind == CoverQuestion && it.ID == "partner" && (it.Hits != 0 || it.Reached != 3) {
			t.Errorf("question partner: hits %d, reached %d; want 0 and 3", it.Hits, it.Reached)
		}
	}
	if c.Sections[0].Hits != 3 {
		t.Errorf("section %s asked in %d scenarios, want 3", c.Sections[0].ID, c.Sections[0].Hits)
	}
	covered, n := c.Count()
	exact := float64(covered) * 100 / float64(n)
	if c.Below(exact) || !c.Below(exact+0.001) || c.Below(exact-0.001) {
		t.Errorf("%d of %d is %.4f%%: Below is not exact", covered, n, exact)
	}
}

// A scenario that cannot be run counts nothing.
func TestCoverageUnrunnable(t *testing.T) {
	c := NewCoverage(coverSet())
	if _, err := c.Test(&Scenario{ID: "s", Responses: []Response{says("partner", "maybe")}}); err == nil {
		t.Fatal("a scenario answering maybe to a yes/no question ran")
	}
	if covered, _ := c.Count(); covered != 0 || c.Scenarios != 0 {
		t.Errorf("an unrunnable scenario counted: %d items, %d scenarios", covered, c.Scenarios)
	}
}

// BenchmarkScenario is a scenario run over benchSet as `safeharbor test` runs it: alone, and
// counted for coverage. What coverage adds is one pass over the finished interview.
func BenchmarkScenario(b *testing.B) {
	for _, n := range []int{100, 1000} {
		set := benchSet(n)
		sc := &Scenario{ID: "bench"}
		for i, q := range set.Questions() {
			switch a := answerFor(q, i); q.Type {
			case TypeMulti:
				sc.Responses = append(sc.Responses, Response{QuestionID: q.ID, HasAnswer: true, Answer: RawAnswer{State: StateAnswered, Choices: a.Choices, IsList: true}})
			default:
				sc.Responses = append(sc.Responses, Response{QuestionID: q.ID, HasAnswer: true, Answer: RawAnswer{State: StateAnswered, Text: a.Text}})
			}
		}
		b.Run(fmt.Sprintf("%d/alone", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := sc.Test(set); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("%d/coverage", n), func(b *testing.B) {
			c := NewCoverage(set)
			for b.Loop() {
				if _, err := c.Test(sc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A question's own condition in a section that is not asked is never decided: the interview
// does not look at it, so a scenario in which the section is skipped tests neither branch.
func TestCoverageSkippedSectionDecidesNothingInIt(t *testing.T) {
	partnerYes := func() *Condition { return &Condition{Op: OpIs, Question: "partner", Value: "yes", Pos: at(5)} }
	set := &QuestionSet{ID: "s", Version: "1.0.0", Language: "en", Levels: Levels{Possible: 1, Clear: 2}, Sections: []Section{
		{ID: "a", Title: "A", Pos: at(1), Questions: []Question{{ID: "partner", Mode: ModeAsk, Type: TypeYesNo, Text: "P?", Pos: at(2)}}},
		{ID: "b", Title: "B", Pos: at(3), When: partnerYes(), Questions: []Question{
			{ID: "extra", Mode: ModeAsk, Type: TypeYesNo, Text: "E?", Pos: at(4), When: partnerYes()},
		}},
	}}
	c := NewCoverage(set)
	if _, err := c.Test(&Scenario{ID: "no", Responses: []Response{says("partner", "no")}}); err != nil {
		t.Fatal(err)
	}
	for _, it := range c.Items {
		if it.Kind == CoverCondition && it.Of == `question "extra"` && (it.Hits != 0 || it.Reached != 0) {
			t.Errorf("%s: hits %d, reached %d; want 0 and 0, as the section was not asked", label(it), it.Hits, it.Reached)
		}
	}
}
