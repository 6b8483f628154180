package screening

import (
	"slices"
	"strings"
	"testing"
)

func TestScenarioImpact(t *testing.T) {
	scenario := func(answers map[string]RawAnswer) *Scenario {
		sc := &Scenario{ID: "s", Set: "test@1.0.0"}
		for _, id := range []string{"slept", "partner", "phones", "days"} {
			if a, ok := answers[id]; ok {
				sc.Responses = append(sc.Responses, Response{QuestionID: id, Answer: a, HasAnswer: true})
			}
		}
		return sc
	}
	hotelAndPartner := map[string]RawAnswer{"slept": {State: StateAnswered, Choices: []string{"hotel"}, IsList: true}, "partner": {State: StateAnswered, Text: "yes"}}
	for _, tt := range []struct {
		name    string
		answers map[string]RawAnswer
		edit    func(s *QuestionSet)
		changed bool
		before  *ScenarioOutcome
		after   *ScenarioOutcome
		note    string
	}{
		{
			name: "the same", answers: hotelAndPartner, edit: func(s *QuestionSet) { q(s, "slept").Text = "Where did you stay?" },
			before: &ScenarioOutcome{Concern: LevelPossible, Indicators: []string{"hotel", "older"}, Actions: []string{"assess"}},
			after:  &ScenarioOutcome{Concern: LevelPossible, Indicators: []string{"hotel", "older"}, Actions: []string{"assess"}},
		},
		{
			name: "a weight raised", answers: hotelAndPartner, edit: func(s *QuestionSet) { ind(s, "older").Weight = 3 }, changed: true,
			before: &ScenarioOutcome{Concern: LevelPossible, Indicators: []string{"hotel", "older"}, Actions: []string{"assess"}},
			after:  &ScenarioOutcome{Concern: LevelClear, Indicators: []string{"hotel", "older"}, Actions: []string{"assess"}},
		},
		{
			name: "an option no longer raises", answers: hotelAndPartner, edit: func(s *QuestionSet) { q(s, "slept").Options[1].Indicator = Ref{} }, changed: true,
			after: &ScenarioOutcome{Concern: LevelPossible, Indicators: []string{"older"}, Actions: []string{"assess"}},
		},
		{
			name: "a question the new version lacks", answers: hotelAndPartner, edit: func(s *QuestionSet) {
				s.Sections[0].Questions = slices.DeleteFunc(s.Sections[0].Questions, func(q Question) bool { return q.ID == "partner" })
				s.Sections[0].Questions[1].When = nil // phones asked of everyone
			},
			changed: true, note: "test 1.0.0 has no question partner: that answer is left out there",
			after: &ScenarioOutcome{Concern: LevelPossible, Indicators: []string{"hotel"}, Actions: []string{"assess"}},
		},
		{
			name: "an answer the new version refuses", answers: hotelAndPartner, edit: func(s *QuestionSet) { q(s, "slept").Options = q(s, "slept").Options[:1] },
			changed: true, note: "cannot be run on test 1.0.0: invalid answer",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, new := validSet(), validSet()
			tt.edit(new)
			im := scenario(tt.answers).Impact(old, new)
			if im.Changed() != tt.changed {
				t.Errorf("changed %t, want %t: %+v -> %+v", im.Changed(), tt.changed, im.Before, im.After)
			}
			check := func(which string, got, want *ScenarioOutcome) {
				if want == nil {
					return
				}
				if got == nil || got.Concern != want.Concern || !slices.Equal(got.Indicators, want.Indicators) || !slices.Equal(got.Actions, want.Actions) {
					t.Errorf("%s: %+v, want %+v", which, got, want)
				}
			}
			check("before", im.Before, tt.before)
			check("after", im.After, tt.after)
			if tt.note == "" && len(im.Notes) > 0 || tt.note != "" && !slices.ContainsFunc(im.Notes, func(n string) bool { return strings.Contains(n, tt.note) }) {
				t.Errorf("notes %q, want one with %q", im.Notes, tt.note)
			}
			if strings.HasPrefix(tt.note, "cannot be run") && im.After != nil {
				t.Errorf("run on a version that refuses its answer: %+v", im.After)
			}
		})
	}
}
