package screening

import (
	"fmt"
	"testing"
)

// benchSet is a set of n questions as a long screening has them: sections of ten, each opened
// by a yes/no question whose follow-up asks only after a yes, single and multi choices that raise
// indicators, an observation that applies only once a level is reached, and actions, two of
// which interrupt.
func benchSet(n int) *QuestionSet {
	s := &QuestionSet{ID: "bench", Version: "1.0.0", Language: "en", Levels: Levels{Possible: 2, Clear: 5}}
	for i := range 20 {
		s.Indicators = append(s.Indicators, Indicator{ID: fmt.Sprintf("ind-%d", i), Label: "An indicator", Weight: 1 + i%4, Disclosure: i == 19})
	}
	for sec := 0; sec*10 < n; sec++ {
		section := Section{ID: fmt.Sprintf("s%d", sec), Title: "A section"}
		for k := 0; k < 10 && sec*10+k < n; k++ {
			id := fmt.Sprintf("q%d", sec*10+k)
			q := Question{ID: id, Mode: ModeAsk, Type: TypeYesNo, Text: "A question?", Indicator: Ref{ID: fmt.Sprintf("ind-%d", (sec*10+k)%19)}}
			switch k {
			case 1: // a follow-up of the section's first question
				q.When = &Condition{Op: OpIs, Question: fmt.Sprintf("q%d", sec*10), Value: "yes"}
			case 4:
				q.Type, q.Indicator = TypeSingle, Ref{}
				q.Options = []Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B", Indicator: Ref{ID: "ind-3"}}}
			case 6:
				q.Type, q.Indicator = TypeMulti, Ref{}
				q.Options = []Option{{Value: "a", Label: "A", Indicator: Ref{ID: "ind-5"}}, {Value: "b", Label: "B"}}
			case 8: // an observation once concern is possible
				q.Mode, q.When = ModeObserve, &Condition{Op: OpLevel, Level: LevelPossible}
			case 9: // asked once an earlier answer raised an indicator
				q.When = &Condition{Op: OpIndicator, Indicator: "ind-5"}
			}
			section.Questions = append(section.Questions, q)
		}
		s.Sections = append(s.Sections, section)
	}
	s.Actions = []Action{
		{ID: "now", Priority: PriorityUrgent, Interrupt: true, When: &Condition{Op: OpIndicator, Indicator: "ind-19"}, Text: "Now."},
		{ID: "clear", Priority: PriorityRequired, Interrupt: true, When: &Condition{Op: OpLevel, Level: LevelClear}, Text: "Report."},
		{ID: "later", Priority: PriorityRecommended, Text: "Later."},
	}
	return s
}

// answerFor answers a question of benchSet: mostly no, now and then yes, as a screening goes.
func answerFor(q *Question, i int) Answer {
	switch q.Type {
	case TypeSingle:
		return Answered("a")
	case TypeMulti:
		return Answer{State: StateAnswered, Choices: []string{"b"}}
	}
	if i%7 == 0 {
		return Answered("yes")
	}
	return Answered("no")
}

// BenchmarkAnswer is the cost of one answer in a conversation, as the interview pays it: what
// to ask next, where it stands, what the answer sets off, and recording it. Each iteration is a
// whole interview over a set of 100, 1,000 or 10,000 questions; ns/answer should not grow with
// the set.
func BenchmarkAnswer(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		set := benchSet(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			answers := 0
			for b.Loop() {
				b.StopTimer()
				s := NewSession(set)
				b.StartTimer()
				for i := 0; ; i++ {
					q, ok := s.Next()
					if !ok {
						break
					}
					s.Progress(q)
					if _, err := s.Record(q.ID, answerFor(q, i)); err != nil {
						b.Fatal(err)
					}
					answers++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(answers), "ns/answer")
		})
	}
}

// BenchmarkAnswerSectionWhen is BenchmarkAnswer over a set whose every section but the first is
// asked on a condition on the set's first question, as post-return asks its sections only at 11
// or older: ns/answer should still not grow with the set.
func BenchmarkAnswerSectionWhen(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		set := benchSet(n)
		for i := 1; i < len(set.Sections); i++ {
			set.Sections[i].When = &Condition{Op: OpAny, Sub: []Condition{
				{Op: OpIs, Question: "q0", Value: "yes"},
				{Op: OpAnswered, Question: "q0", Flag: false},
			}}
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			answers := 0
			for b.Loop() {
				b.StopTimer()
				s := NewSession(set)
				b.StartTimer()
				for i := 0; ; i++ {
					q, ok := s.Next()
					if !ok {
						break
					}
					s.Progress(q)
					if _, err := s.Record(q.ID, answerFor(q, i)); err != nil {
						b.Fatal(err)
					}
					answers++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(answers), "ns/answer")
		})
	}
}
