package screening

import "slices"

// Fact is what a question's answer says about the screening itself, beyond the concern: the
// young person's age, when they came back, when the agency learned of it, whether an
// interpreter helped. Records and statistics read these (as an age band, a month, hours from
// the return to the screening), so they must know which question holds each one.
type Fact string

// The facts a question can record, each with the one type of answer that can hold it.
const (
	FactAge         Fact = "age"         // a number question: the age in years
	FactReturnedAt  Fact = "returned-at" // a datetime question: when the young person came back
	FactLearnedAt   Fact = "learned-at"  // a datetime question: when the agency learned of it
	FactInterpreter Fact = "interpreter" // a yesno question: an interpreter is helping
)

// Facts lists every fact, in the order the format documents them.
var Facts = []Fact{FactAge, FactReturnedAt, FactLearnedAt, FactInterpreter}

// Type is the question type that can hold the fact.
func (f Fact) Type() Type {
	switch f {
	case FactAge:
		return TypeNumber
	case FactReturnedAt, FactLearnedAt:
		return TypeDateTime
	case FactInterpreter:
		return TypeYesNo
	}
	return ""
}

// Known reports whether f is one of the facts.
func (f Fact) Known() bool { return slices.Contains(Facts, f) }

// FactsByQuestion returns which question records each fact, by question id. A question marked
// `fact:` records it; for a fact no question is marked with, the question whose id is the
// fact's name records it when its type fits, so sets written before the key (post-return's
// `age`, `returned-at`, `learned-at` and `interpreter`) need no change.
func (s *QuestionSet) FactsByQuestion() map[string]Fact {
	out := make(map[string]Fact)
	marked := make(map[Fact]bool)
	qs := s.Questions()
	for _, q := range qs {
		if q.Fact.Known() && q.Type == q.Fact.Type() && !marked[q.Fact] {
			out[q.ID] = q.Fact
			marked[q.Fact] = true
		}
	}
	for _, f := range Facts {
		if marked[f] {
			continue
		}
		for _, q := range qs {
			if q.ID == string(f) && q.Type == f.Type() && q.Fact == "" {
				out[q.ID] = f
				break
			}
		}
	}
	return out
}

// FactByConvention is the fact a question id records when nothing says otherwise: for a summary
// written before summaries named the facts, the question whose id is the fact's name.
func FactByConvention(questionID string) Fact {
	if f := Fact(questionID); f.Known() {
		return f
	}
	return ""
}
