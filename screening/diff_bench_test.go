package screening

import (
	"fmt"
	"testing"
)

// edited is benchSet(n) as a new version: every tenth question reworded, every fiftieth option
// relabelled, one indicator's weight changed, and the last section's first question moved first.
func edited(n int) *QuestionSet {
	s := benchSet(n)
	for i, q := range s.Questions() {
		if i%10 == 3 {
			q.Text = "A question, reworded?"
		}
		if i%50 == 4 {
			q.Options[0].Label = "A, relabelled"
		}
	}
	s.Indicators[3].Weight++
	last := &s.Sections[len(s.Sections)-1]
	last.Questions = append([]Question{last.Questions[len(last.Questions)-1]}, last.Questions[:len(last.Questions)-1]...)
	return s
}

// BenchmarkDiffSets compares two versions of sets of realistic size, and of a pathological one:
// a single section of 20,000 questions, about what fits under the 2 MiB limit, with its order
// reversed, which an O(n·m) comparison of the order could not hold in memory.
func BenchmarkDiffSets(b *testing.B) {
	for _, n := range []int{100, 1000} {
		old, new := benchSet(n), edited(n)
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				DiffSets(old, new)
			}
		})
	}
	one := func(n int, reversed bool) *QuestionSet {
		s := &QuestionSet{ID: "big", Version: "1.0.0", Levels: Levels{Possible: 2, Clear: 5}}
		sec := Section{ID: "all", Title: "All"}
		for i := range n {
			k := i
			if reversed {
				k = n - 1 - i
			}
			sec.Questions = append(sec.Questions, Question{ID: fmt.Sprintf("q%d", k), Mode: ModeAsk, Type: TypeYesNo, Text: "A question?"})
		}
		s.Sections = []Section{sec}
		return s
	}
	old, new := one(20000, false), one(20000, true)
	b.Run("one-section-20000-reversed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if got := len(DiffSets(old, new)); got != 19999 {
				b.Fatalf("%d moved, want 19999", got)
			}
		}
	})
}
