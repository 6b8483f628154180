package screening

import (
	"maps"
	"math"
	"math/bits"
	"slices"
)

// The session keeps the interview as it stands up to date answer by answer, so that one answer
// costs the same whatever the set's size: what to ask next comes from a bit set, where a
// question stands from a Fenwick tree, and a changed answer re-decides only the questions whose
// conditions name it (or name an indicator or a level it changes), in question order.

// track is what the session keeps up to date.
type track struct {
	states    []Answer         // each question's effective answer: not-applicable, none yet (""), or its answer
	raisers   map[string][]int // indicator -> the questions raising it, ascending
	first     []int            // by the indicator's place in the set: its first raiser, or MaxInt
	indPos    map[string]int   // indicator -> its place in the set
	deps      [][]int          // question -> later questions whose when names it
	indDeps   map[string][]int // indicator -> questions whose when names it, ascending
	levelDeps []int            // questions whose when names a level, ascending
	// interrupting are the set's actions marked to interrupt, with a condition: found once, as
	// every answer asks which of them hold.
	interrupting []*Action
	applies      fenwick  // 1 for each question that applies
	open         bitset   // questions that apply and have no answer yet
	openNotRA    bitset   // the same, of those not read aloud
	queued       []uint32 // the update (gen) that last queued each question
	gen          uint32
	queue        []int        // kept between updates, so an update allocates nothing
	scratch      []*Indicator // the same, for the indicators a level is reached with
}

func (s *Session) initTrack() {
	n := len(s.questions)
	t := &s.t
	t.states = make([]Answer, n)
	t.raisers = make(map[string][]int)
	t.first = make([]int, len(s.set.Indicators))
	t.indPos = make(map[string]int, len(s.set.Indicators))
	for k, ind := range s.set.Indicators {
		t.first[k] = math.MaxInt
		t.indPos[ind.ID] = k
	}
	t.deps = make([][]int, n)
	for k := range s.set.Actions {
		if act := &s.set.Actions[k]; act.Interrupt && act.When != nil {
			t.interrupting = append(t.interrupting, act)
		}
	}
	t.indDeps = make(map[string][]int)
	t.applies = newFenwick(n)
	t.queued = make([]uint32, n)
	t.open, t.openNotRA = newBitset(n), newBitset(n)
	for j, q := range s.questions {
		names := conditionNames{}
		if w := s.set.Sections[s.section[j]].When; w != nil {
			names.collect(w)
		}
		if q.When != nil {
			names.collect(q.When)
		}
		for _, id := range names.questions {
			if i, ok := s.index[id]; ok && i < j && !slices.Contains(t.deps[i], j) {
				t.deps[i] = append(t.deps[i], j)
			}
		}
		for _, id := range names.indicators {
			if !slices.Contains(t.indDeps[id], j) {
				t.indDeps[id] = append(t.indDeps[id], j)
			}
		}
		if names.level {
			t.levelDeps = append(t.levelDeps, j)
		}
	}
	// With no answers, a question applies when its conditions hold of nothing answered before it.
	for j, q := range s.questions {
		if !s.applies(j) {
			t.states[j] = Answer{State: StateNotApplicable}
			continue
		}
		t.applies.add(j, 1)
		t.open.set(j, true)
		t.openNotRA.set(j, !q.Mode.ReadAloud())
	}
}

// conditionNames are what a condition depends on.
type conditionNames struct {
	questions, indicators []string
	level                 bool
}

func (n *conditionNames) collect(c *Condition) {
	switch c.Op {
	case OpAll, OpAny, OpNot:
		for i := range c.Sub {
			n.collect(&c.Sub[i])
		}
	case OpIndicator:
		n.indicators = append(n.indicators, c.Indicator)
	case OpLevel, OpComplete:
		n.level = true
	default:
		n.questions = append(n.questions, c.Question)
	}
}

// setState sets question j's effective answer, and keeps what follows from it: the indicators it
// raises, whether it applies, whether it is open. It returns the indicators whose first raiser
// changed (the ones a later condition may see differently), and whether anything changed.
func (s *Session) setState(j int, st Answer) (changed []string, any bool) {
	t := &s.t
	old := t.states[j]
	t.states[j] = st
	if sameEffective(old, st) {
		return nil, false
	}
	q := s.questions[j]
	oldR, newR := raisedBy(q, old), raisedBy(q, st)
	for _, id := range oldR {
		if slices.Contains(newR, id) {
			continue
		}
		rs := t.raisers[id]
		k, found := slices.BinarySearch(rs, j)
		if !found {
			continue
		}
		t.raisers[id] = slices.Delete(rs, k, k+1)
		if k == 0 {
			changed = append(changed, id)
			s.noteFirst(id)
		}
	}
	for _, id := range newR {
		if slices.Contains(oldR, id) {
			continue
		}
		rs := t.raisers[id]
		k, _ := slices.BinarySearch(rs, j)
		t.raisers[id] = slices.Insert(rs, k, j)
		if k == 0 {
			changed = append(changed, id)
			s.noteFirst(id)
		}
	}
	wasA, isA := old.State != StateNotApplicable, st.State != StateNotApplicable
	if wasA != isA {
		if isA {
			t.applies.add(j, 1)
		} else {
			t.applies.add(j, -1)
		}
	}
	isOpen := isA && st.State == ""
	t.open.set(j, isOpen)
	t.openNotRA.set(j, isOpen && !q.Mode.ReadAloud())
	return changed, true
}

// noteFirst keeps an indicator's first raiser where a view finds it without a map.
func (s *Session) noteFirst(id string) {
	k, ok := s.t.indPos[id]
	if !ok {
		return
	}
	if rs := s.t.raisers[id]; len(rs) > 0 {
		s.t.first[k] = rs[0]
	} else {
		s.t.first[k] = math.MaxInt
	}
}

// sameEffective reports whether two effective answers are the same to everything that follows
// from them.
func sameEffective(a, b Answer) bool {
	return a.State == b.State && a.Text == b.Text && a.Number == b.Number && slices.Equal(a.Choices, b.Choices)
}

// update sets question i's answer as recorded (or none) and re-decides, in question order, every
// later question whose conditions could see the change. A question that no longer applies loses
// its answer; one that applies again has none.
func (s *Session) update(i int, st Answer) {
	changed, any := s.setState(i, st)
	if !any {
		return
	}
	t := &s.t
	queue := minHeap(t.queue[:0])
	defer func() { t.queue = queue[:0] }()
	t.gen++
	push := func(after int, js []int) {
		k, _ := slices.BinarySearch(js, after+1) // js ascend: start past the question changed
		for _, j := range js[k:] {
			if t.queued[j] != t.gen {
				t.queued[j] = t.gen
				queue.push(j)
			}
		}
	}
	follow := func(j int, changed []string) {
		push(j, t.deps[j])
		for _, id := range changed {
			push(j, t.indDeps[id])
		}
		if len(changed) > 0 {
			push(j, t.levelDeps)
		}
	}
	follow(i, changed)
	for len(queue) > 0 {
		j := queue.pop()
		q := s.questions[j]
		next := Answer{State: StateNotApplicable}
		if s.applies(j) {
			next = s.answers[q.ID]
		} else {
			delete(s.answers, q.ID) // a change of mind leaves no answer behind to show or count
		}
		if changed, any := s.setState(j, next); any {
			follow(j, changed)
		}
	}
}

// clone is a copy of the session that can be changed without changing s.
func (s *Session) clone() *Session {
	c := *s
	c.answers = maps.Clone(s.answers)
	c.notes = maps.Clone(s.notes)
	c.t.states = slices.Clone(s.t.states)
	c.t.raisers = make(map[string][]int, len(s.t.raisers))
	for id, rs := range s.t.raisers {
		c.t.raisers[id] = slices.Clone(rs)
	}
	c.t.first = slices.Clone(s.t.first)
	c.t.applies = fenwick(slices.Clone(s.t.applies))
	c.t.queued = slices.Clone(s.t.queued)
	c.t.queue, c.t.scratch = nil, nil // working space: never shared
	c.t.open = s.t.open.clone()
	c.t.openNotRA = s.t.openNotRA.clone()
	return &c
}

// minHeap is a min-heap of question indices: the next to re-decide is the lowest.
type minHeap []int

func (h *minHeap) push(j int) {
	*h = append(*h, j)
	for i := len(*h) - 1; i > 0; {
		parent := (i - 1) / 2
		if (*h)[parent] <= (*h)[i] {
			break
		}
		(*h)[parent], (*h)[i] = (*h)[i], (*h)[parent]
		i = parent
	}
}

func (h *minHeap) pop() int {
	old := *h
	top := old[0]
	last := len(old) - 1
	old[0] = old[last]
	*h = old[:last]
	for i := 0; ; {
		l, r, least := 2*i+1, 2*i+2, i
		if l < last && (*h)[l] < (*h)[least] {
			least = l
		}
		if r < last && (*h)[r] < (*h)[least] {
			least = r
		}
		if least == i {
			return top
		}
		(*h)[i], (*h)[least] = (*h)[least], (*h)[i]
		i = least
	}
}

// fenwick is a binary indexed tree of counts: a prefix sum in O(log n).
type fenwick []int

func newFenwick(n int) fenwick { return make(fenwick, n+1) }

func (f fenwick) add(i, delta int) {
	for i++; i < len(f); i += i & -i {
		f[i] += delta
	}
}

// sum is the count of positions 0 to i.
func (f fenwick) sum(i int) int {
	total := 0
	for i++; i > 0; i -= i & -i {
		total += f[i]
	}
	return total
}

// bitset is a set of question indices. The first member is looked for from the lowest word that
// can hold one (low), so that walking an interview forward costs the same whatever its length.
type bitset struct {
	words []uint64
	low   int
}

func newBitset(n int) bitset { return bitset{words: make([]uint64, (n+63)/64)} }

func (b *bitset) set(i int, on bool) {
	if on {
		b.words[i/64] |= 1 << (i % 64)
		b.low = min(b.low, i/64)
	} else {
		b.words[i/64] &^= 1 << (i % 64)
	}
}

// first returns the lowest member, or -1.
func (b *bitset) first() int {
	for ; b.low < len(b.words); b.low++ {
		if word := b.words[b.low]; word != 0 {
			return b.low*64 + bits.TrailingZeros64(word)
		}
	}
	return -1
}

func (b bitset) clone() bitset { return bitset{words: slices.Clone(b.words), low: b.low} }
