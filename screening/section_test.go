package screening

import (
	"slices"
	"strings"
	"testing"
)

// sectionSet is validSet with a first section recording the age, and its "away" section asked
// only of someone 11 or older, or whose age is not known.
func sectionSet() *QuestionSet {
	s := validSet()
	s.Sections = append([]Section{{
		ID: "about", Title: "About", Pos: at(30), IDPos: at(30),
		Questions: []Question{{ID: "age", Mode: ModeRecord, Type: TypeNumber, Text: "Age", Pos: at(31), IDPos: at(31), TextPos: at(31)}},
	}}, s.Sections...)
	s.Sections[1].When = &Condition{Op: OpAny, Pos: at(32), OpPos: at(32), Sub: []Condition{
		{Op: OpAtLeast, Question: "age", Number: 11, Pos: at(33), OpPos: at(33), QuestionPos: at(33)},
		{Op: OpAnswered, Question: "age", Flag: false, Pos: at(34), OpPos: at(34), QuestionPos: at(34)},
	}}
	s.Sections[1].WhenPos = at(32)
	return s
}

func TestSectionSetIsValid(t *testing.T) {
	if fs := CheckSet(sectionSet(), testOptions()); len(fs) > 0 {
		t.Fatalf("findings on the section set: %+v", fs)
	}
}

func number(n float64) Answer { return Answer{State: StateAnswered, Number: n} }

// A section's when decides whether each of its questions applies, with their own conditions;
// what does not apply is neither asked, counted, nor listed as not asked.
func TestSectionWhen(t *testing.T) {
	tests := []struct {
		name    string
		steps   []step
		applies []string // of slept, partner, phones, days
		next    string   // the next question asked; "" when none is left
		applied int
	}{
		{"age not yet recorded: the section applies", nil, []string{"slept", "partner", "days"}, "age", 4},
		{"a child of 9: none of the section applies", []step{{"age", number(9)}}, nil, "", 1},
		{"11 exactly: it applies", []step{{"age", number(11)}}, []string{"slept", "partner", "days"}, "slept", 4},
		{"age declined: treated as old enough to be asked", []step{{"age", state(StateDeclined)}}, []string{"slept", "partner", "days"}, "slept", 4},
		{"age not known: the same", []step{{"age", state(StateDontKnow)}}, []string{"slept", "partner", "days"}, "slept", 4},
		{"the section's when and a question's own both hold", []step{{"age", number(15)}, {"slept", multi("friend")}, {"partner", yes()}}, []string{"slept", "partner", "phones", "days"}, "phones", 5},
		{"the age corrected to 9: the answers given are dropped", []step{{"age", number(15)}, {"slept", multi("hotel")}, {"partner", yes()}, {"age", number(9)}}, nil, "", 1},
		{"corrected back to 15: the section applies again, with no answers", []step{{"age", number(9)}, {"age", number(15)}}, []string{"slept", "partner", "days"}, "slept", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(sectionSet())
			for _, st := range tt.steps {
				if err := s.Answer(st.id, st.a); err != nil {
					t.Fatalf("answer %s: %v", st.id, err)
				}
			}
			var applies []string
			for _, id := range []string{"slept", "partner", "phones", "days"} {
				if s.Applies(id) {
					applies = append(applies, id)
				}
			}
			if !slices.Equal(applies, tt.applies) {
				t.Errorf("applies %v, want %v", applies, tt.applies)
			}
			next := ""
			if q, ok := s.Next(); ok {
				next = q.ID
			}
			if next != tt.next {
				t.Errorf("next %q, want %q", next, tt.next)
			}
			if c := s.Completeness(); c.Applied != tt.applied {
				t.Errorf("%d questions applied, want %d", c.Applied, tt.applied)
			}
			if tt.applies == nil {
				if s.Score() != 0 {
					t.Errorf("score %d: an answer to a question that no longer applies still counts", s.Score())
				}
				sum := s.Summary(SummaryMeta{})
				for _, a := range sum.NotAsked() {
					if a.SectionID == "away" {
						t.Errorf("%s is listed as not asked, though its section does not apply", a.QuestionID)
					}
				}
			}
		})
	}
}

// A section's when may depend only on what comes before the section.
func TestCheckSectionWhen(t *testing.T) {
	tests := []struct {
		name    string
		when    Condition
		rule    string
		message string
	}{
		{"a question in the section", Condition{Op: OpAnswered, Question: "partner", Flag: true, QuestionPos: at(70)}, RuleForwardReference, `section "away": when refers to question "partner", which is in the section or after it`},
		{"its first question", Condition{Op: OpAnswered, Question: "slept", Flag: true, QuestionPos: at(70)}, RuleForwardReference, "a section's when can depend only on questions before the section"},
		{"an unknown question", Condition{Op: OpAnswered, Question: "agee", Flag: true, QuestionPos: at(70)}, RuleUnknownReference, `did you mean "age"`},
		{"an operator that does not fit", Condition{Op: OpIs, Question: "age", Value: "9", OpPos: at(70)}, RuleOperatorType, `does not fit question "age"`},
		{"an indicator only the section raises", Condition{Op: OpIndicator, Indicator: "hotel", IndicatorPos: at(70)}, RuleForwardReference, `refers to indicator "hotel", which no question before it can raise`},
		{"completeness", Condition{Op: OpComplete, Flag: false, OpPos: at(70)}, RuleEndOnlyCondition, "known only after the last question"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sectionSet()
			w := tt.when
			w.Pos = at(70)
			s.Sections[1].When = &w
			fs := CheckSet(s, testOptions())
			for _, f := range fs {
				if f.Rule == tt.rule && f.Pos.Line == 70 && strings.Contains(f.Message, tt.message) {
					return
				}
			}
			t.Errorf("want %s at line 70 containing %q; got %+v", tt.rule, tt.message, fs)
		})
	}
}

// Scenarios exercise a section's when both ways, as a question's.
func TestCoverageOfASectionWhen(t *testing.T) {
	const item = `the when of section "away": any of (age is at least 11; age is not answered)`
	c := NewCoverage(sectionSet())
	if _, err := c.Test(&Scenario{ID: "older", Responses: []Response{says("age", "15")}}); err != nil {
		t.Fatal(err)
	}
	gaps := map[string]string{}
	for _, it := range c.Uncovered() {
		gaps[label(it)] = it.Gap()
	}
	if gaps[item+" [true]"] != "" || gaps[item+" [false]"] == "" {
		t.Fatalf("after a scenario of 15: %v", gaps)
	}
	if _, err := c.Test(&Scenario{ID: "younger", Responses: []Response{says("age", "9")}}); err != nil {
		t.Fatal(err)
	}
	for _, it := range c.Uncovered() {
		if strings.HasPrefix(label(it), item) {
			t.Errorf("after scenarios of 15 and 9, %s: %s", label(it), it.Gap())
		}
	}
}

// ReadAloud says whether questions read aloud are left, and whether any was put: what tells the
// interview that the conversation with the young person is over.
func TestReadAloud(t *testing.T) {
	tests := []struct {
		name      string
		steps     []step
		left, put bool
	}{
		{"nothing asked yet", nil, true, false},
		{"the first asked", []step{{"age", number(15)}, {"slept", multi("friend")}}, true, true},
		{"a decline is put", []step{{"age", number(15)}, {"slept", state(StateDeclined)}}, true, true},
		{"every one put", []step{{"age", number(15)}, {"slept", multi("friend")}, {"partner", state(StateNotAsked)}}, false, true},
		{"a follow-up opened", []step{{"age", number(15)}, {"slept", multi("friend")}, {"partner", yes()}}, false, true},
		{"none applies", []step{{"age", number(9)}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(sectionSet())
			for _, st := range tt.steps {
				if err := s.Answer(st.id, st.a); err != nil {
					t.Fatalf("answer %s: %v", st.id, err)
				}
			}
			if left, put := s.ReadAloud(); left != tt.left || put != tt.put {
				t.Errorf("ReadAloud = %v, %v; want %v, %v", left, put, tt.left, tt.put)
			}
		})
	}
}
