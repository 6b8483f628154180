package screening

import (
	"fmt"
	"math"
	"strings"
)

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to got, or "" when none
// is close enough to be a likely slip: a typo (a few edits), or the start of one candidate
// only ("gang" for "gang-boyfriend").
func DidYouMean[S ~string](got S, candidates []S) string {
	if best, ok, _ := closest(string(got), strs(candidates), suggestBudget); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// maxSuggestLen bounds the work of a suggestion: ids are short, and a long typo is not a slip.
const maxSuggestLen = 128

// suggestBudget bounds the work of one suggestion, counted in bytes compared: a file with
// thousands of long ids and as many slips still validates in well under a second. A search that
// runs out gives the closest candidate found so far, or none.
const suggestBudget = 8_000

// closest finds the candidate closest to got within a budget of work, and says how much it used.
func closest(got string, candidates []string, budget int) (best string, ok bool, used int) {
	if len(got) == 0 || len(got) > maxSuggestLen {
		return "", false, 0
	}
	low := strings.ToLower(got)
	// A third of the word, at least one edit: close enough to be a typo, far enough to avoid noise.
	limit := max(len(got)/3, 1)
	bestDist := limit + 1
	rows := newDistanceRows(len(got) + 1)
	for _, c := range candidates {
		if used++; used > budget {
			return best, best != "", used - 1
		}
		if c == got || len(c) > maxSuggestLen || abs(len(c)-len(got)) >= bestDist {
			continue
		}
		// Only a candidate closer than the best so far matters: the bound narrows as it goes.
		if used+2*len(c) > budget {
			return best, best != "", used
		}
		used += 2 * len(c) // lowering and trimming it
		d, cells, done := rows.distance(low, strings.ToLower(c), bestDist-1, budget-used)
		used += cells
		if !done {
			return best, best != "", used
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best, true, used
	}
	// The start of a longer id, when only one candidate starts so.
	if len(got) < 3 {
		return "", false, used
	}
	var starts []string
	for _, c := range candidates {
		if used+len(c)+1 > budget {
			return "", false, used
		}
		n := commonPrefix(low, strings.ToLower(c))
		used += n + 1
		if n >= 3 && n*2 >= len(got) && n < len(c) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return starts[0], true, used
	}
	return "", false, used
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal-string-alignment distance of a and b: insertions, deletions,
// substitutions and swaps of neighbours each count one, since "hotle" for "hotel" is one slip.
// Past limit it returns limit+1.
func editDistance(a, b string, limit int) int {
	d, _, _ := newDistanceRows(len(a)+1).distance(a, b, limit, math.MaxInt)
	return d
}

// distanceRows are the three rows of the edit-distance table a search reuses from one
// candidate to the next: a long id costs time in its length, never memory in its square.
type distanceRows struct{ prev2, prev, cur []int }

func newDistanceRows(n int) *distanceRows {
	return &distanceRows{make([]int, 0, n), make([]int, 0, n), make([]int, 0, n)}
}

// distance is editDistance, and the number of cells it filled. Bytes: ids and keys are ASCII.
// What a and b share at their start and end costs nothing; only cells within limit of the
// diagonal are filled (no path outside that band stays within limit), and it stops as soon as a
// whole row is over limit. Past maxCells it gives up: done is false.
func (r *distanceRows) distance(a, b string, limit, maxCells int) (d, cells int, done bool) {
	if p := commonPrefix(a, b); p > 0 {
		// Keep one shared byte before the difference: a swap across it is one edit.
		a, b = a[p-1:], b[p-1:]
	}
	if s := commonSuffix(a, b); s > 1 {
		a, b = a[:len(a)-s+1], b[:len(b)-s+1]
	}
	if abs(len(a)-len(b)) > limit {
		return limit + 1, 1, true
	}
	over := limit + 1
	grow := func(row []int) []int {
		if cap(row) < len(b)+1 {
			return make([]int, len(b)+1)
		}
		return row[:len(b)+1]
	}
	r.prev2, r.prev, r.cur = grow(r.prev2), grow(r.prev), grow(r.cur)
	for j := range r.prev {
		r.prev[j] = min(j, over)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		if cells+hi-lo+1 > maxCells {
			return over, cells, false
		}
		r.cur[0] = min(i, over)
		if lo > 1 {
			r.cur[lo-1] = over
		}
		rowMin := r.cur[0]
		if lo > 1 {
			rowMin = over
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(r.prev[j]+1, r.cur[j-1]+1, r.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, r.prev2[j-2]+1)
			}
			d = min(d, over)
			r.cur[j] = d
			rowMin = min(rowMin, d)
		}
		if hi < len(b) {
			r.cur[hi+1] = over
		}
		cells += hi - lo + 1
		if rowMin > limit {
			return over, cells, true
		}
		r.prev2, r.prev, r.cur = r.prev, r.cur, r.prev2
	}
	return r.prev[len(b)], cells, true
}

// quoteList writes values as `"a", "b" or "c"`.
func quoteList[T ~string](values []T) string {
	var b strings.Builder
	for i, v := range values {
		switch {
		case i == 0:
		case i == len(values)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", string(v))
	}
	return b.String()
}
