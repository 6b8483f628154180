package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// SetCoverage is what scenarios exercised in one set, and the file the set is read from, as a
// reader and a coverage service name it: the path given, or questions/<id>/v<version>.yaml for a
// built-in set.
type SetCoverage struct {
	File string
	*screening.Coverage
}

// Percent is covered of total as a percentage with one decimal, rounded down: 79.99% is
// "79.9%", never "80.0%".
func Percent(covered, total int) string {
	if total == 0 {
		return "100.0%"
	}
	tenths := covered * 1000 / total
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}

// coverageKinds says, for each kind of item, what exercising it is.
var coverageKinds = map[screening.CoverageKind]string{
	screening.CoverQuestion:  "questions asked",
	screening.CoverOption:    "options chosen",
	screening.CoverCondition: "conditions, each true and false",
	screening.CoverIndicator: "indicators raised",
	screening.CoverLevel:     "concerns reached",
	screening.CoverLevelRule: "level rules, each met and holding back",
	screening.CoverAction:    "actions listed",
	screening.CoverInterrupt: "interrupts shown",
}

// WriteCoverageText writes, for each set, the share of it the scenarios exercise, kind by kind,
// and each thing they leave untested with its file, line and column.
func WriteCoverageText(w io.Writer, sets []SetCoverage) error {
	bw := bufio.NewWriter(w)
	line := func(format string, args ...any) {
		bw.WriteString(screening.Printable(fmt.Sprintf(format, args...)))
		bw.WriteByte('\n')
	}
	for i, sc := range sets {
		if i > 0 {
			bw.WriteByte('\n')
		}
		covered, total := sc.Count()
		line("Coverage of %s %s (%s) by %s: %s, %d of %d", sc.Set.ID, sc.Set.Version, sc.File, scenarioCount(sc.Scenarios), Percent(covered, total), covered, total)
		width := 0
		for _, words := range coverageKinds {
			width = max(width, len(words))
		}
		for _, k := range screening.CoverageKinds {
			if c, n := sc.CountKind(k); n > 0 {
				line("  %-*s  %3d of %d", width, coverageKinds[k], c, n)
			}
		}
		gaps := sc.Uncovered()
		if len(gaps) == 0 {
			line("  Nothing is left untested.")
			continue
		}
		line("  Not covered:")
		for _, it := range gaps {
			line("    %s:%d:%d: %s: %s", sc.File, it.Pos.Line, it.Pos.Column, it, it.Gap())
		}
	}
	return bw.Flush()
}

func scenarioCount(n int) string {
	if n == 1 {
		return "1 scenario"
	}
	return fmt.Sprintf("%d scenarios", n)
}

// WriteCoverageLCOV writes the coverage as an LCOV tracefile (the format of geninfo(1)), one
// record per set file, for coverage services and genhtml:
//
//   - each section is a function (FN, FNDA): hit in the scenarios that ask one of its questions;
//   - each line that holds an item has a DA count: the scenarios that exercised it (a question
//     asked, an option chosen, ...), or for a condition or a level rule the scenarios that
//     decided it; a line holding several items counts as the least exercised of them, so a line
//     is never shown covered while a part of it is not;
//   - each condition and level rule is a branch pair (BRDA): 0 true or met, 1 false or holding
//     its level back, numbered by block among the decisions on its line; "-" when never decided.
func WriteCoverageLCOV(w io.Writer, sets []SetCoverage) error {
	bw := bufio.NewWriter(w)
	for _, sc := range sets {
		if strings.ContainsAny(sc.File, "\n\r") {
			return fmt.Errorf("the file name %q cannot be written in LCOV, which is one record a line", sc.File)
		}
		fmt.Fprintf(bw, "TN:\nSF:%s\n", sc.File)
		hit := 0
		for _, sec := range sc.Sections {
			fmt.Fprintf(bw, "FN:%d,%s\n", sec.Pos.Line, sec.ID)
		}
		for _, sec := range sc.Sections {
			fmt.Fprintf(bw, "FNDA:%d,%s\n", sec.Hits, sec.ID)
			if sec.Hits > 0 {
				hit++
			}
		}
		fmt.Fprintf(bw, "FNF:%d\nFNH:%d\n", len(sc.Sections), hit)

		type decision struct{ yes, no screening.CoverageItem }
		var decisions []decision
		lines := map[int]int{} // line -> the least count of its items
		count := func(line, n int) {
			if old, ok := lines[line]; !ok || n < old {
				lines[line] = n
			}
		}
		for i := 0; i < len(sc.Items); i++ {
			// An item from no file has no line to point at; every decoded item has one.
			it := sc.Items[i]
			if it.Branch != screening.NoBranch {
				i++ // a decision's two items are adjacent: true or met first
				if it.Pos.Line > 0 {
					decisions = append(decisions, decision{it, sc.Items[i]})
					count(it.Pos.Line, it.Reached)
				}
				continue
			}
			if it.Pos.Line > 0 {
				count(it.Pos.Line, it.Hits)
			}
		}
		slices.SortStableFunc(decisions, func(a, b decision) int {
			return cmp.Or(cmp.Compare(a.yes.Pos.Line, b.yes.Pos.Line), cmp.Compare(a.yes.Pos.Column, b.yes.Pos.Column))
		})
		taken := func(it screening.CoverageItem) string {
			if it.Reached == 0 {
				return "-"
			}
			return fmt.Sprint(it.Hits)
		}
		hit, block := 0, 0
		for i, d := range decisions {
			if i > 0 && d.yes.Pos.Line == decisions[i-1].yes.Pos.Line {
				block++
			} else {
				block = 0
			}
			fmt.Fprintf(bw, "BRDA:%d,%d,0,%s\nBRDA:%d,%d,1,%s\n", d.yes.Pos.Line, block, taken(d.yes), d.no.Pos.Line, block, taken(d.no))
			for _, it := range []screening.CoverageItem{d.yes, d.no} {
				if it.Hits > 0 {
					hit++
				}
			}
		}
		fmt.Fprintf(bw, "BRF:%d\nBRH:%d\n", 2*len(decisions), hit)

		numbers := make([]int, 0, len(lines))
		for n := range lines {
			numbers = append(numbers, n)
		}
		slices.Sort(numbers)
		hit = 0
		for _, n := range numbers {
			fmt.Fprintf(bw, "DA:%d,%d\n", n, lines[n])
			if lines[n] > 0 {
				hit++
			}
		}
		fmt.Fprintf(bw, "LF:%d\nLH:%d\nend_of_record\n", len(numbers), hit)
	}
	return bw.Flush()
}
