package screening

import (
	"fmt"
	"strings"
)

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to got, or "" when none
// is close enough to be a likely slip: a typo (a few edits), or the start of one candidate
// only ("gang" for "gang-boyfriend").
func DidYouMean(got string, candidates []string) string {
	if best, ok := closest(got, candidates); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// maxSuggestLen bounds the work of a suggestion: ids are short, and a long typo is not a slip.
const maxSuggestLen = 128

func closest(got string, candidates []string) (string, bool) {
	if len(got) == 0 || len(got) > maxSuggestLen {
		return "", false
	}
	low := strings.ToLower(got)
	// A third of the word, at least one edit: close enough to be a typo, far enough to avoid noise.
	limit := max(len(got)/3, 1)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == got || len(c) > maxSuggestLen || abs(len(c)-len(got)) > limit {
			continue
		}
		if d := editDistance(low, strings.ToLower(c), limit); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best, true
	}
	// The start of a longer id, when only one candidate starts so.
	if len(got) < 3 {
		return "", false
	}
	var starts []string
	for _, c := range candidates {
		if n := commonPrefix(low, strings.ToLower(c)); n >= 3 && n*2 >= len(got) && n < len(c) {
			starts = append(starts, c)
		}
	}
	if len(starts) == 1 {
		return starts[0], true
	}
	return "", false
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
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
// Bytes: ids and keys are ASCII. It keeps three rows, not the whole matrix, and stops as soon
// as every path is over limit (returning limit+1): a long id costs time in its length, never
// memory in its square.
func editDistance(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
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
