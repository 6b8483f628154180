package screening

import (
	"math/rand/v2"
	"testing"
)

// recoverable returns the suppressed counts that a reader of the published table can work out
// exactly. For each hidden count it looks for another table that fits everything published
// (the published counts, every line's sum, each hidden count's bounds) in which that count is
// different, trying values one by one with each line's reachable range to cut the search short.
// It shares nothing with the suppressor but the bounds a reader knows.
func recoverable(values []int, lines []cellLines, caps []int, state []Suppression, minCell int) []int {
	total := 0
	for _, v := range values {
		total += v
	}
	type member struct{ cell, sign int }
	byLine := map[int][]member{}
	sums := map[int]int{}
	for c, l := range lines {
		for _, r := range l {
			byLine[r.line] = append(byLine[r.line], member{c, r.sign})
			sums[r.line] += r.sign * values[c]
		}
	}
	var hidden []int
	for c, st := range state {
		if st != Published {
			hidden = append(hidden, c)
		}
	}
	bounds := func(c int) (int, int) {
		hi := total // no count is more than all the screenings, which are published
		if caps != nil {
			hi = caps[c]
		}
		switch state[c] {
		case Published:
			return values[c], values[c]
		case Small:
			return 0, min(minCell-1, hi)
		}
		return minCell, hi
	}
	var out []int
	for _, target := range hidden {
		lo, hi := make([]int, len(values)), make([]int, len(values))
		for c := range values {
			lo[c], hi[c] = bounds(c)
		}
		// fits reports whether every line can still reach its sum within the bounds.
		fits := func() bool {
			for line, ms := range byLine {
				min, max := 0, 0
				for _, m := range ms {
					if m.sign > 0 {
						min, max = min+lo[m.cell], max+hi[m.cell]
					} else {
						min, max = min-hi[m.cell], max-lo[m.cell]
					}
				}
				if sums[line] < min || sums[line] > max {
					return false
				}
			}
			return true
		}
		var solve func(k int) bool
		solve = func(k int) bool {
			if !fits() {
				return false
			}
			if k == len(hidden) {
				return true
			}
			c := hidden[k]
			l, h := lo[c], hi[c]
			defer func() { lo[c], hi[c] = l, h }()
			for v := l; v <= h; v++ {
				if c == target && v == values[c] {
					continue
				}
				lo[c], hi[c] = v, v
				if solve(k + 1) {
					return true
				}
			}
			return false
		}
		if !solve(0) {
			out = append(out, target)
		}
	}
	return out
}

// minCellForTables is the minimum cell size the random tables are made for.
const minCellForTables = 4

// randomTable is a small table of one of the shapes stats publishes, with many small counts.
func randomTable(r *rand.Rand) (values []int, lines []cellLines, caps []int, shape string) {
	rows, groups := 2+r.IntN(3), 1+r.IntN(3)
	shapes := []string{"partition by groups", "partition by overlapping groups", "counts by groups", "one column"}
	shape = shapes[r.IntN(len(shapes))]
	if shape == "one column" {
		rows, groups = 2+r.IntN(4), 0
	}
	cols := groups + 1
	grid := make([][]int, rows)
	for i := range grid {
		grid[i] = make([]int, cols)
		sum := 0
		for g := range groups {
			v := r.IntN(4)
			if r.IntN(3) == 0 {
				v = 4 + r.IntN(8)
			}
			grid[i][g] = v
			sum += v
		}
		if groups == 0 {
			sum = r.IntN(12)
		}
		if shape == "partition by overlapping groups" {
			sum += r.IntN(3) // the groups overlap: "all" is not their sum
		}
		grid[i][groups] = sum
	}
	// A known total is the screenings in a group: published only when it is not small itself.
	if shape != "counts by groups" {
		for c := range cols {
			sum := 0
			for i := range rows {
				sum += grid[i][c]
			}
			if sum < minCellForTables {
				grid[r.IntN(rows)][c] += minCellForTables - sum
			}
		}
		if shape == "partition by groups" { // keep each row's all the sum of its groups
			for i := range grid {
				sum := 0
				for g := range groups {
					sum += grid[i][g]
				}
				grid[i][groups] = sum
			}
		}
	}
	for _, row := range grid {
		values = append(values, row...)
	}
	// What a reader knows a count cannot be more than: the screenings in its column (for a
	// partition, the column's total; for counts, at least the most in any row, and not small).
	colCap := make([]int, cols)
	for c := range cols {
		for i := range rows {
			if shape == "counts by groups" {
				colCap[c] = max(colCap[c], grid[i][c])
			} else {
				colCap[c] += grid[i][c]
			}
		}
		if shape == "counts by groups" {
			colCap[c] = max(colCap[c]+r.IntN(4), minCellForTables)
		}
	}
	for range rows {
		caps = append(caps, colCap...)
	}
	rowLines := shape == "partition by groups" || shape == "counts by groups"
	colLines := shape != "counts by groups"
	lines = gridLines(rows, cols, colLines, rowLines)
	return values, lines, caps, shape
}

// No hidden count can be worked out from what is published: every table from many random ones
// is checked by trying every table that fits it.
func TestSuppressionCannotBeRecovered(t *testing.T) {
	const minCell = minCellForTables
	r := rand.New(rand.NewPCG(16, 11))
	withheld, complementary := 0, 0
	for n := range 2000 {
		values, lines, caps, shape := randomTable(r)
		state, ok := suppressCells(values, lines, caps, minCell)
		if !ok {
			withheld++
			continue
		}
		for c, st := range state {
			if values[c] < minCell && st != Small {
				t.Fatalf("table %d (%s): count %d of %d is published", n, shape, c, values[c])
			}
			if st == Protecting {
				complementary++
			}
		}
		if bad := recoverable(values, lines, caps, state, minCell); len(bad) > 0 {
			t.Errorf("table %d (%s) %v, hidden %v: counts %v can be worked out", n, shape, values, state, bad)
		}
	}
	if complementary == 0 {
		t.Error("no table needed complementary suppression: the test tests nothing")
	}
	// A table is withheld when no hiding protects it: a column of known total 4 holding a 4 and a
	// 0 gives the 0 away however it is shown. Such tables are few.
	if withheld > 200 {
		t.Errorf("%d tables of 2000 withheld", withheld)
	}
}

// Hiding the small counts alone is not enough: the audit finds counts worked out from totals,
// so the test above can fail.
func TestSmallCountsAloneCanBeRecovered(t *testing.T) {
	const minCell = minCellForTables
	r := rand.New(rand.NewPCG(16, 11))
	found := 0
	for range 200 {
		values, lines, caps, _ := randomTable(r)
		state := make([]Suppression, len(values))
		for c, v := range values {
			if v < minCell {
				state[c] = Small
			}
		}
		found += len(recoverable(values, lines, caps, state, minCell))
	}
	if found == 0 {
		t.Fatal("no small count could be worked out without complementary suppression")
	}
}

func TestSuppressCells(t *testing.T) {
	tests := []struct {
		name         string
		values       []int
		rows, cols   int
		colTotals    bool
		rowTotals    bool
		want         string
		withheldWant bool
	}{
		{
			name:   "nothing small",
			values: []int{20, 30, 50, 12, 40, 52}, rows: 2, cols: 3, colTotals: true, rowTotals: true,
			want: "...|...",
		},
		{
			name:   "two small counts in one column protect each other",
			values: []int{5, 30, 3, 40}, rows: 4, cols: 1, colTotals: true,
			want: "s|.|s|.",
		},
		{
			name:   "one small count in a column: the smallest other is hidden",
			values: []int{5, 30, 12, 40}, rows: 4, cols: 1, colTotals: true,
			want: "s|.|p|.",
		},
		{
			name: "a small count in a table with margins: a rectangle",
			// rows: two groups and all; columns add up to known totals
			values: []int{5, 20, 25, 30, 40, 70}, rows: 2, cols: 3, colTotals: true, rowTotals: true,
			want: "sp.|pp.",
		},
		{
			name:   "a zero is a small count",
			values: []int{0, 30, 40}, rows: 3, cols: 1, colTotals: true,
			want: "s|p|.",
		},
		{
			name:   "counts on no line are only hidden when small",
			values: []int{3, 30, 0}, rows: 3, cols: 1,
			want: "s|.|s",
		},
		{
			name:   "a column all of small counts whose total is known",
			values: []int{3, 4}, rows: 2, cols: 1, colTotals: true,
			want: "s|s",
		},
		{
			name:   "one small count alone in a column of known total cannot be protected",
			values: []int{3}, rows: 1, cols: 1, colTotals: true,
			withheldWant: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := gridLines(tt.rows, tt.cols, tt.colTotals, tt.rowTotals)
			state, ok := suppressCells(tt.values, lines, nil, 11)
			if ok == tt.withheldWant {
				t.Fatalf("protected %v, want %v", ok, !tt.withheldWant)
			}
			if !ok {
				return
			}
			got := ""
			for i, st := range state {
				if i > 0 && i%tt.cols == 0 {
					got += "|"
				}
				got += map[Suppression]string{Published: ".", Small: "s", Protecting: "p"}[st]
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if bad := recoverable(tt.values, lines, nil, state, 11); len(bad) > 0 {
				t.Errorf("counts %v can be worked out", bad)
			}
		})
	}
}
