package screening

import "container/heap"

// Small-cell suppression. A count below the minimum cell size could pick out a child, so it is
// not published: it is suppressed (shown as "<11"). That alone is not enough when totals are
// published too: a suppressed count that is the only one hidden in its row is the row's total
// less the rest. Complementary suppression hides further counts, the smallest that will do,
// until no hidden count can be worked out from what is published.
//
// The published relations are lines: the counts of a line add up to a known total (a column of
// a table of screenings adds up to the screenings in it) or to another count (the groups of a
// row add up to its "all"). Every count lies on at most two lines (its row's and its column's),
// so a table is a graph: the lines are its nodes and the hidden counts its edges. Whoever reads
// the table knows each hidden count's bounds: at most the minimum less one for a small count, at
// least the minimum for one hidden to protect it (it would have been small otherwise). A hidden
// count is protected when the table's published numbers are as true with it one more or one
// less: when a cycle of hidden counts through it, or a path to a count that no line holds, can
// move by one, each count on it staying within its bounds and every line keeping its sum. When
// no such move exists the count is fixed by what is published (its other values break a sum or
// a bound), which is what the search guarantees never to publish.

// Suppression says whether a count is published, and if not why.
type Suppression int

// The reasons a count is not published.
const (
	Published  Suppression = iota
	Small                  // below the minimum cell size
	Protecting             // not small, hidden so that a small count cannot be worked out
)

// lineRef is a count's place on a line, with the sign it is added with (+1, or -1 for a total
// the line's parts add up to).
type lineRef struct {
	line, sign int
}

// cellLines are the lines a count lies on: at most two.
type cellLines []lineRef

// suppressCells decides which counts to publish. lines[i] are the lines count i lies on; a
// line's known total (the screenings in a column) is not a count here: it is published, and a
// line's sum only ever matters as unchanged. caps[i] is what count i cannot be more than, as a
// reader knows (the screenings in its column); nil, none. It returns each count's suppression,
// and false when some small count cannot be protected, in which case nothing of the table may
// be published.
func suppressCells(values []int, lines []cellLines, caps []int, minCell int) ([]Suppression, bool) {
	s := &suppressor{values: values, lines: lines, caps: caps, min: minCell, state: make([]Suppression, len(values)), protected: make([]bool, len(values))}
	for _, l := range lines {
		for _, r := range l {
			s.nLines = max(s.nLines, r.line+1)
		}
	}
	s.onLine = make([][]int, s.nLines)
	for c, l := range lines {
		for _, r := range l {
			s.onLine[r.line] = append(s.onLine[r.line], c)
		}
	}
	for i, v := range values {
		if v < minCell {
			s.state[i] = Small
		}
	}
	for i := range values {
		if s.state[i] == Published || s.protected[i] {
			continue
		}
		if !s.protect(i) {
			return s.state, false
		}
	}
	return s.state, true
}

type suppressor struct {
	values    []int
	lines     []cellLines
	caps      []int
	min       int
	nLines    int
	onLine    [][]int // the counts on each line
	state     []Suppression
	protected []bool
}

// canMove reports whether count c, hidden or hidden from now on, can be d more (d is +1 or -1)
// as far as a reader can tell, and what hiding it costs.
func (s *suppressor) canMove(c, d int) (ok bool, cost int) {
	v := s.values[c] + d
	if s.caps != nil && v > s.caps[c] {
		return false, 0
	}
	switch s.state[c] {
	case Small:
		return v >= 0 && v < s.min, 0
	case Protecting:
		return v >= s.min, 0
	}
	// Published now: hidden, it would protect; the bigger it is, the more it costs to hide.
	return v >= s.min, s.values[c] + 1
}

// ends are the two ends of count c in the graph: its lines, and free for each line it lacks.
func (s *suppressor) ends(c int) (a, b lineRef) {
	free := lineRef{line: s.nLines, sign: 1}
	a, b = free, free
	if len(s.lines[c]) > 0 {
		a = s.lines[c][0]
	}
	if len(s.lines[c]) > 1 {
		b = s.lines[c][1]
	}
	return a, b
}

// protect finds the cheapest move through hidden count e and hides what it needs, marking every
// count on it protected.
func (s *suppressor) protect(e int) bool {
	a, b := s.ends(e)
	if a.line == s.nLines && b.line == s.nLines {
		s.protected[e] = true // on no line: nothing published relates to it
		return true
	}
	var best map[int]int
	bestCost := -1
	for _, d := range []int{1, -1} {
		if ok, _ := s.canMove(e, d); !ok {
			continue
		}
		move, cost, found := s.findMove(e, d)
		if found && (bestCost < 0 || cost < bestCost) {
			best, bestCost = move, cost
		}
	}
	if best == nil {
		return false
	}
	for c := range best {
		if s.state[c] == Published {
			s.state[c] = Protecting
		}
		s.protected[c] = true
	}
	return true
}

// findMove looks for a move of e by d that keeps every line's sum: from e's second end, a path of
// counts that evens out each line it enters, ending where it evens out e's first end or at a
// free end; from a free end onward, the first end is evened out by a path of its own.
func (s *suppressor) findMove(e, d int) (map[int]int, int, bool) {
	move := map[int]int{e: d}
	a, b := s.ends(e)
	if b.line == s.nLines {
		a, b = b, a // the free end first, so the search starts at a line
	}
	// e adds sign*d to each of its lines; the search must take that back.
	path, cost, closed, ok := s.search(b.line, b.sign*d, a.line, a.sign*d, move)
	if !ok {
		return nil, 0, false
	}
	for c, dc := range path {
		move[c] = dc
	}
	if !closed && a.line != s.nLines {
		more, moreCost, _, ok := s.search(a.line, a.sign*d, -1, 0, move)
		if !ok {
			return nil, 0, false
		}
		for c, dc := range more {
			move[c] = dc
		}
		cost += moreCost
	}
	if !s.valid(move) {
		return nil, 0, false
	}
	return move, cost, true
}

// search is a cheapest-path search from line `from`, whose sum is off by `off`, along counts not
// yet in `used`, to a free end, or to line `close` arriving with the sum it is off by
// (closeOff) taken back. It returns the counts on the path and how each moves, its cost, and
// whether it ended at `close`.
func (s *suppressor) search(from, off, close, closeOff int, used map[int]int) (map[int]int, int, bool, bool) {
	type state struct{ line, off int }
	type step struct {
		from state
		cell int
		d    int
	}
	index := func(st state) int {
		if st.off > 0 {
			return 2 * st.line
		}
		return 2*st.line + 1
	}
	dist := make([]int, 2*(s.nLines+1))
	for i := range dist {
		dist[i] = -1
	}
	back := make(map[int]step)
	var ends []step // the last step of each path found to an end, by item.end
	pq := &queue{}
	start := state{from, off}
	dist[index(start)] = 0
	heap.Push(pq, item{line: from, off: off, end: -1})
	seq := 1
	for pq.Len() > 0 {
		it := heap.Pop(pq).(item)
		if it.end >= 0 {
			// The cheapest path to an end: walk back to the start.
			last := ends[it.end]
			path := map[int]int{last.cell: last.d}
			for cur := last.from; cur != start; {
				p := back[index(cur)]
				path[p.cell] = p.d
				cur = p.from
			}
			return path, it.cost, it.closed, true
		}
		st := state{it.line, it.off}
		if it.cost != dist[index(st)] {
			continue
		}
		for _, c := range s.onLine[st.line] {
			if _, in := used[c]; in {
				continue
			}
			here, there := s.lines[c][0], lineRef{line: s.nLines, sign: 1}
			if len(s.lines[c]) > 1 {
				there = s.lines[c][1]
			}
			if here.line != st.line {
				here, there = there, here
			}
			dc := -st.off * here.sign // evens out this line
			ok, cost := s.canMove(c, dc)
			if !ok {
				continue
			}
			next := state{there.line, there.sign * dc}
			total := it.cost + cost
			switch {
			case next.line == s.nLines || next.line == close && next.off == -closeOff:
				ends = append(ends, step{from: st, cell: c, d: dc})
				heap.Push(pq, item{cost: total, seq: seq, end: len(ends) - 1, closed: next.line == close})
				seq++
				continue
			case next.line == close:
				continue // it would put the first end further off
			}
			if d := dist[index(next)]; d >= 0 && d <= total {
				continue
			}
			dist[index(next)] = total
			back[index(next)] = step{from: st, cell: c, d: dc}
			heap.Push(pq, item{cost: total, seq: seq, line: next.line, off: next.off, end: -1})
			seq++
		}
	}
	return nil, 0, false, false
}

// valid checks a move as a reader would: each count moves once, within its bounds, and every
// line keeps its sum.
func (s *suppressor) valid(move map[int]int) bool {
	sums := make(map[int]int)
	for c, d := range move {
		if ok, _ := s.canMove(c, d); !ok {
			return false
		}
		for _, r := range s.lines[c] {
			sums[r.line] += r.sign * d
		}
	}
	for _, v := range sums {
		if v != 0 {
			return false
		}
	}
	return len(move) > 0
}

type item struct {
	cost, seq int
	line, off int
	end       int  // a path found to an end: its index in ends; -1 for a state to go on from
	closed    bool // that end is the line the search was to close at
}

// queue is a priority queue of search states, cheapest first, then first found.
type queue []item

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].cost != q[j].cost {
		return q[i].cost < q[j].cost
	}
	return q[i].seq < q[j].seq
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(item)) }
func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// gridLines are the lines of a table of rows by cols, counted row by row, whose last column is
// "all": with colTotals, each column's counts add up to a known total (the screenings in its
// group); with rowTotals, each row's groups add up to its "all" (the groups divide the
// screenings between them, so nothing is counted twice).
func gridLines(rows, cols int, colTotals, rowTotals bool) []cellLines {
	lines := make([]cellLines, rows*cols)
	for r := range rows {
		for c := range cols {
			i := r*cols + c
			if colTotals {
				lines[i] = append(lines[i], lineRef{line: rows + c, sign: 1})
			}
			if rowTotals {
				sign := 1
				if c == cols-1 {
					sign = -1
				}
				lines[i] = append(lines[i], lineRef{line: r, sign: sign})
			}
		}
	}
	return lines
}
