package screening

import "slices"

// Fact is what a question's answer says about the screening itself, beyond the concern: the
// young person's age, when they came back, when the agency learned of it, how the conversation
// was held and by whom, whether an interpreter helped. Records and statistics read these (as an
// age band, a month, hours from the return to the screening, an option's value), so they must
// know which question holds each one.
type Fact string

// The facts a question can record, each with the one type of answer that can hold it.
const (
	FactAge         Fact = "age"         // a number question: the age in years
	FactReturnedAt  Fact = "returned-at" // a datetime question: when the young person came back
	FactLearnedAt   Fact = "learned-at"  // a datetime question: when the agency learned of it
	FactInterpreter Fact = "interpreter" // a yesno question: an interpreter is helping
	// FactInterpreterLanguage is a single question whose option values are language tags (and
	// "other"): the language the interpreter interprets into.
	FactInterpreterLanguage Fact = "interpreter-language"
	FactInterpreterTrained  Fact = "interpreter-trained" // a yesno question: the interpreter is trained
	// FactMode is a single question: how the conversation is held (in person, by phone, by
	// video), as the set's option values name it.
	FactMode Fact = "mode"
	// FactWorkerRole is a single question: the role of the worker holding the conversation, as
	// the set's option values name it. Never who the worker is.
	FactWorkerRole Fact = "worker-role"
)

// Facts lists every fact, in the order the format documents them.
var Facts = []Fact{FactAge, FactReturnedAt, FactLearnedAt, FactInterpreter, FactInterpreterLanguage, FactInterpreterTrained, FactMode, FactWorkerRole}

// conventionFacts are the facts a question holds by its id alone: those of sets written before
// the fact key. A fact added since is recorded only by a question marked with it, so a question
// an agency happened to call "mode" is never read as one without its author saying so.
var conventionFacts = []Fact{FactAge, FactReturnedAt, FactLearnedAt, FactInterpreter}

// OtherLanguage is the option value an interpreter-language question may have besides language
// tags: a language the set does not list.
const OtherLanguage = "other"

// Type is the question type that can hold the fact.
func (f Fact) Type() Type {
	switch f {
	case FactAge:
		return TypeNumber
	case FactReturnedAt, FactLearnedAt:
		return TypeDateTime
	case FactInterpreter, FactInterpreterTrained:
		return TypeYesNo
	case FactInterpreterLanguage, FactMode, FactWorkerRole:
		return TypeSingle
	}
	return ""
}

// Known reports whether f is one of the facts.
func (f Fact) Known() bool { return slices.Contains(Facts, f) }

// FactsByQuestion returns which question records each fact, by question id. A question marked
// `fact:` records it; for one of the first four facts that no question is marked with, the
// question whose id is the fact's name records it when its type fits, so sets written before the
// key (post-return's `age`, `returned-at`, `learned-at` and `interpreter`) need no change.
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
	for _, f := range conventionFacts {
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
	if f := Fact(questionID); slices.Contains(conventionFacts, f) {
		return f
	}
	return ""
}
