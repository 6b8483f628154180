package screening

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// reference is the interview recomputed from scratch, as the engine did before it kept its
// state up to date: each question in order, its condition evaluated against the questions
// before it; answers to questions that no longer apply dropped until nothing changes.
type reference struct {
	s       *Session // for the set, the index and the conditions
	answers map[string]Answer
}

func (r *reference) states() ([]Answer, map[string]bool) {
	qs := r.s.questions
	for {
		states := make([]Answer, len(qs))
		raised := map[string]bool{}
		for i, q := range qs {
			if q.When != nil && !r.holds(q.When, states, raised, i) {
				states[i] = Answer{State: StateNotApplicable}
				continue
			}
			a := r.answers[q.ID]
			states[i] = a
			for _, id := range raisedBy(q, a) {
				raised[id] = true
			}
		}
		dropped := false
		for i, q := range qs {
			if _, ok := r.answers[q.ID]; ok && states[i].State == StateNotApplicable {
				delete(r.answers, q.ID)
				dropped = true
			}
		}
		if !dropped {
			return states, raised
		}
	}
}

// holds is the engine's rule for a condition, written again from the format's text, over the
// questions before upto and the indicators they raised.
func (r *reference) holds(c *Condition, states []Answer, raised map[string]bool, upto int) bool {
	set := r.s.set
	reach := func(domain string) Level {
		var in []*Indicator
		for i := range set.Indicators {
			if ind := &set.Indicators[i]; raised[ind.ID] && (domain == "" || ind.Domain.ID == domain) {
				in = append(in, ind)
			}
		}
		return set.Levels.Reach(in).Level
	}
	switch c.Op {
	case OpAll:
		for i := range c.Sub {
			if !r.holds(&c.Sub[i], states, raised, upto) {
				return false
			}
		}
		return true
	case OpAny:
		for i := range c.Sub {
			if r.holds(&c.Sub[i], states, raised, upto) {
				return true
			}
		}
		return false
	case OpNot:
		return !r.holds(&c.Sub[0], states, raised, upto)
	case OpIndicator:
		return raised[c.Indicator]
	case OpLevel:
		return levelRank(reach(c.Domain)) >= levelRank(c.Level)
	}
	i := r.s.index[c.Question]
	if i >= upto {
		return false
	}
	a := states[i]
	switch c.Op {
	case OpAnswered:
		return a.IsAnswered() == c.Flag
	case OpDeclined:
		return (a.State == StateDeclined) == c.Flag
	}
	if !a.IsAnswered() {
		return false
	}
	switch c.Op {
	case OpIs:
		return a.Text == c.Value
	case OpIsNot:
		return a.Text != c.Value
	case OpIncludes:
		return slices.Contains(a.Choices, c.Value)
	case OpLessThan:
		return a.Number < c.Number
	case OpAtLeast:
		return a.Number >= c.Number
	}
	return false
}

// The engine keeps its state up to date answer by answer; whatever the order of answers,
// changes and takings back, what it says is what a recomputation from scratch says.
func TestIncrementalMatchesRecomputing(t *testing.T) {
	for name, set := range map[string]*QuestionSet{"engine": engineSet(), "bench": benchSet(60)} {
		for seed := uint64(1); seed <= 30; seed++ {
			t.Run(fmt.Sprintf("%s/%d", name, seed), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(seed, 7))
				s := NewSession(set)
				ref := &reference{s: NewSession(set), answers: map[string]Answer{}}
				for step := range 200 {
					q := s.questions[rng.IntN(len(s.questions))]
					if rng.IntN(4) == 0 {
						if s.Applies(q.ID) {
							s.Clear(q.ID)
							delete(ref.answers, q.ID)
						}
					} else if s.Applies(q.ID) {
						a := randomAnswer(rng, q)
						if err := s.Answer(q.ID, a); err != nil {
							t.Fatalf("step %d: %v", step, err)
						}
						na, _ := normalize(q, a)
						ref.answers[q.ID] = na
					}
					want, raised := ref.states()
					for i, qq := range s.questions {
						if got := s.AnswerOf(qq.ID); !sameEffective(got, want[i]) {
							t.Fatalf("step %d: %s is %+v, recomputed %+v", step, qq.ID, got, want[i])
						}
					}
					var gotRaised []string
					for _, ind := range s.Raised() {
						gotRaised = append(gotRaised, ind.ID)
					}
					wantRaised := slices.Sorted(maps.Keys(raised))
					slices.Sort(gotRaised)
					if !slices.Equal(gotRaised, wantRaised) {
						t.Fatalf("step %d: raised %v, recomputed %v", step, gotRaised, wantRaised)
					}
					next, _ := s.Next()
					for i, qq := range s.questions {
						if want[i].State == "" {
							if next != qq {
								t.Fatalf("step %d: next %v, recomputed %s", step, next, qq.ID)
							}
							break
						}
					}
					applying := 0
					for i := range want {
						if want[i].State != StateNotApplicable {
							applying++
						}
					}
					if _, total := s.Progress(s.questions[0]); total != applying {
						t.Fatalf("step %d: %d apply, recomputed %d", step, total, applying)
					}
				}
			})
		}
	}
}

func randomAnswer(rng *rand.Rand, q *Question) Answer {
	if rng.IntN(6) == 0 {
		return Answer{State: []State{StateDeclined, StateDontKnow, StateNotAsked}[rng.IntN(3)]}
	}
	switch q.Type {
	case TypeYesNo:
		return Answered([]string{"yes", "no"}[rng.IntN(2)])
	case TypeSingle:
		return Answered(q.Options[rng.IntN(len(q.Options))].Value)
	case TypeMulti:
		var cs []string
		for _, o := range q.Options {
			if rng.IntN(2) == 0 {
				cs = append(cs, o.Value)
			}
		}
		return Answer{State: StateAnswered, Choices: cs}
	case TypeNumber:
		return Answer{State: StateAnswered, Number: float64(rng.IntN(30))}
	}
	return Answered("words")
}

// Recording an answer says what it set off: the disclosure indicators raised that were not
// before, and the interrupting actions that apply that did not, as the whole-session views
// (Raised, Actions) tell them apart before and after. The set must set both off, or the test
// proves nothing.
func TestRecordSaysWhatItSetOff(t *testing.T) {
	set := benchSet(40)
	for _, sec := range set.Sections {
		sec.Questions[7].Indicator = Ref{ID: "ind-19"} // the disclosure, which no bench question raises
	}
	s := NewSession(set)
	disclosures := func() map[string]bool {
		out := map[string]bool{}
		for _, ind := range s.Raised() {
			if ind.Disclosure {
				out[ind.ID] = true
			}
		}
		return out
	}
	interrupts := func() map[string]bool {
		out := map[string]bool{}
		for _, a := range s.Actions() {
			if a.Interrupt {
				out[a.ID] = true
			}
		}
		return out
	}
	added := func(before, after map[string]bool) []string {
		var out []string
		for id := range after {
			if !before[id] {
				out = append(out, id)
			}
		}
		slices.Sort(out)
		return out
	}
	var sawD, sawI int
	for i := 0; ; i++ {
		q, ok := s.Next()
		if !ok {
			break
		}
		a := answerFor(q, i)
		beforeD, beforeI := disclosures(), interrupts()
		ch, err := s.Record(q.ID, a)
		if err != nil {
			t.Fatal(err)
		}
		wantD, wantI := added(beforeD, disclosures()), added(beforeI, interrupts())
		var gotD, gotI []string
		for _, ind := range ch.Disclosed {
			gotD = append(gotD, ind.ID)
		}
		for _, act := range ch.Interrupts {
			gotI = append(gotI, act.ID)
		}
		slices.Sort(gotD)
		slices.Sort(gotI)
		if !slices.Equal(gotD, wantD) || !slices.Equal(gotI, wantI) {
			t.Fatalf("%s: recorded disclosures %v and interrupts %v; the session went on to raise %v and apply %v", q.ID, gotD, gotI, wantD, wantI)
		}
		sawD += len(gotD)
		sawI += len(gotI)
	}
	if sawD == 0 || sawI == 0 {
		t.Fatalf("the set set off %d disclosures and %d interrupts: the test proves nothing", sawD, sawI)
	}
}
