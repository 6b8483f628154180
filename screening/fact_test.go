package screening

import (
	"maps"
	"testing"
)

func TestFactsByQuestion(t *testing.T) {
	q := func(id string, typ Type, fact Fact) Question {
		return Question{ID: id, Mode: ModeRecord, Type: typ, Text: id, Fact: fact}
	}
	tests := []struct {
		name      string
		questions []Question
		want      map[string]Fact
	}{
		{
			name:      "by id, when the type fits",
			questions: []Question{q("age", TypeNumber, ""), q("returned-at", TypeDateTime, ""), q("learned-at", TypeDateTime, ""), q("interpreter", TypeYesNo, "")},
			want:      map[string]Fact{"age": FactAge, "returned-at": FactReturnedAt, "learned-at": FactLearnedAt, "interpreter": FactInterpreter},
		},
		{
			name:      "an id whose type does not fit records nothing",
			questions: []Question{q("age", TypeText, ""), q("interpreter", TypeText, "")},
			want:      map[string]Fact{},
		},
		{
			name:      "a marked question wins over the id",
			questions: []Question{q("age", TypeNumber, ""), q("youth-age", TypeNumber, FactAge)},
			want:      map[string]Fact{"youth-age": FactAge},
		},
		{
			name:      "marking one fact leaves the others to their ids",
			questions: []Question{q("years", TypeNumber, FactAge), q("returned-at", TypeDateTime, "")},
			want:      map[string]Fact{"years": FactAge, "returned-at": FactReturnedAt},
		},
		{
			name:      "of two marked, the first (validate refuses the second)",
			questions: []Question{q("a", TypeNumber, FactAge), q("b", TypeNumber, FactAge)},
			want:      map[string]Fact{"a": FactAge},
		},
		{
			name:      "a mark of the wrong type records nothing, and a question marked otherwise is not taken by its id",
			questions: []Question{q("age", TypeNumber, FactReturnedAt), q("when", TypeText, FactReturnedAt)},
			want:      map[string]Fact{},
		},
		{
			name:      "the facts added since are taken from a mark only, never from an id",
			questions: []Question{q("mode", TypeSingle, ""), q("worker-role", TypeSingle, ""), q("interpreter-trained", TypeYesNo, ""), q("how", TypeSingle, FactMode), q("lang", TypeSingle, FactInterpreterLanguage)},
			want:      map[string]Fact{"how": FactMode, "lang": FactInterpreterLanguage},
		},
		{
			name:      "each newer fact with the type that holds it",
			questions: []Question{q("a", TypeSingle, FactInterpreterLanguage), q("b", TypeYesNo, FactInterpreterTrained), q("c", TypeSingle, FactMode), q("d", TypeSingle, FactWorkerRole), q("e", TypeYesNo, FactMode)},
			want:      map[string]Fact{"a": FactInterpreterLanguage, "b": FactInterpreterTrained, "c": FactMode, "d": FactWorkerRole},
		},
		{
			name:      "no facts",
			questions: []Question{q("slept", TypeText, "")},
			want:      map[string]Fact{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &QuestionSet{Sections: []Section{{ID: "s", Questions: tt.questions}}}
			if got := s.FactsByQuestion(); !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFactByConvention(t *testing.T) {
	for id, want := range map[string]Fact{"age": FactAge, "returned-at": FactReturnedAt, "learned-at": FactLearnedAt, "interpreter": FactInterpreter, "mode": "", "worker-role": "", "interpreter-language": "", "slept": "", "": ""} {
		if got := FactByConvention(id); got != want {
			t.Errorf("FactByConvention(%q) = %q, want %q", id, got, want)
		}
	}
}
