package screening

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// statsRecords are n varied records: months, set versions, ages, levels, domains, indicators,
// actions and questions, some common and some rare, so that tables have small counts.
func statsRecords(n int, seed uint64) []Record {
	r := rand.New(rand.NewPCG(seed, 16))
	pick := func(xs []string, weights ...int) string {
		total := 0
		for _, w := range weights {
			total += w
		}
		k := r.IntN(total)
		for i, w := range weights {
			if k < w {
				return xs[i]
			}
			k -= w
		}
		return xs[len(xs)-1]
	}
	var out []Record
	for i := range n {
		rec := Record{
			ScreeningID:   fmt.Sprintf("%064x", i),
			SetID:         "post-return",
			SetVersion:    pick([]string{"1.0.0", "2.0.0"}, 1, 6),
			ScreenedMonth: pick([]string{"2026-09", "2026-10", "2026-11", "2026-12", ""}, 8, 10, 10, 3, 1),
			AgeBand:       pick(AgeBands, 1, 8, 14, 3, 2),
			Concern:       Level(pick(concernRows, 10, 6, 4, 2)),
			Language:      "en", Interpreter: InterpreterNo, Complete: r.IntN(5) > 0,
			Mode: pick([]string{"in-person", "phone", "video", "text-message", FactUnknown, ""}, 20, 6, 3, 1, 3, 1),
		}
		if rec.SetVersion == "1.0.0" && rec.Concern == LevelIncomplete {
			rec.Concern = LevelNone
		}
		if h := r.IntN(100) - 2; h < 90 {
			rec.HoursToScreening = &h
		}
		if rec.SetVersion == "2.0.0" {
			for _, d := range []string{"criminal", "sexual", "vulnerability"} {
				rec.Domains = append(rec.Domains, RecordDomain{ID: d, Level: Level(pick(concernRows, 12, 4, 2, 1))})
			}
		}
		for _, ind := range []struct {
			id  string
			per int
		}{{"hotel-stays", 3}, {"older-partner", 5}, {"exchange", 12}, {"branding", 60}} {
			if r.IntN(ind.per) == 0 {
				rec.Indicators = append(rec.Indicators, ind.id)
			}
		}
		rec.Actions = append(rec.Actions, RecordAction{ID: "give-hotline", InTime: InTimeNoDeadline})
		if r.IntN(4) == 0 {
			rec.Actions = append(rec.Actions, RecordAction{ID: "report-now", InTime: pick([]string{InTimeYes, InTimeNo, InTimeUnknown}, 4, 1, 3)})
		}
		if r.IntN(5) == 0 {
			rec.Actions = append(rec.Actions, RecordAction{ID: "medical-window", InTime: pick([]string{InTimeYes, InTimeNo, InTimeUnknown}, 2, 1, 2)})
		}
		if r.IntN(15) == 0 {
			rec.Actions = append(rec.Actions, RecordAction{ID: "call-911", InTime: InTimeNoDeadline})
		}
		for _, q := range []string{"age", "slept-where", "paid", "offered"} {
			switch r.IntN(9) {
			case 0:
				rec.DeclinedQuestions = append(rec.DeclinedQuestions, q)
			case 1:
				rec.DontKnowQuestions = append(rec.DontKnowQuestions, q)
			case 2:
				rec.NotAskedQuestions = append(rec.NotAskedQuestions, q)
			}
		}
		out = append(out, rec)
	}
	return out
}

// tallyRows is, independently of the builder, the rows a record is counted in for a table, and
// for the actions table the in-time column each of them goes to.
func tallyRows(t *StatsTable, r *Record) []string {
	switch t.ID {
	case TableMonth:
		if r.ScreenedMonth == "" {
			return []string{"unknown"}
		}
		return []string{r.ScreenedMonth}
	case TableSet:
		return []string{r.SetID + "@" + r.SetVersion}
	case TableAgeBand:
		return []string{r.AgeBand}
	case TableConcern:
		return []string{string(r.Concern)}
	case TableDomainLevel:
		for _, d := range r.Domains {
			if d.ID == t.Of {
				return []string{string(d.Level)}
			}
		}
		return []string{"not-in-set"}
	case TableDomainConcern:
		var out []string
		for _, d := range r.Domains {
			if d.Level == "possible" || d.Level == "clear" {
				out = append(out, d.ID)
			}
		}
		return out
	case TableCompleteness:
		if r.Complete {
			return []string{"complete"}
		}
		return []string{"incomplete"}
	case TableScreenedWithin:
		switch h := r.HoursToScreening; {
		case h == nil:
			return []string{"return-not-recorded"}
		case *h < 0:
			return []string{"return-after-start"}
		case *h < 24:
			return []string{"under-24h"}
		case *h < 72:
			return []string{"24h-to-72h"}
		default:
			return []string{"72h-or-more"}
		}
	case TableIndicators:
		return r.Indicators
	case TableActions:
		var out []string
		for _, a := range r.Actions {
			out = append(out, a.ID)
		}
		return out
	case TableMode:
		if r.Mode == "" {
			return []string{"unknown"}
		}
		return []string{r.Mode}
	case TableReportsInTime:
		var states []string
		for _, a := range r.Actions {
			if a.InTime != InTimeNoDeadline {
				states = append(states, a.InTime)
			}
		}
		switch {
		case len(states) == 0:
			return []string{"no-deadlines"}
		case slices.Contains(states, "no"):
			return []string{"some-late"}
		case slices.Contains(states, "unknown"):
			return []string{"some-not-recorded"}
		}
		return []string{"all-in-time"}
	}
	return nil
}

// tallyColumn reports whether a record counts in a column of a table (for rows it is in).
func tallyColumn(st *Stats, t *StatsTable, col string, r *Record, row string) bool {
	if col == "all" {
		return true
	}
	statuses := map[string]string{"in-time": "yes", "late": "no", "not-recorded": "unknown", "no-deadline": "no-deadline"}
	if want, ok := statuses[col]; ok && t.ID == TableActions {
		for _, a := range r.Actions {
			if a.ID == row {
				return a.InTime == want
			}
		}
		return false
	}
	for _, g := range st.Groups {
		if g.ID != col {
			continue
		}
		values := tallyRows(&StatsTable{ID: st.By}, r)
		if st.By == ByDomain {
			values = tallyRows(&StatsTable{ID: TableDomainConcern}, r)
		}
		for _, v := range values {
			if v == g.ID || g.ID == OtherGroup && slices.Contains(g.Members, v) {
				return true
			}
		}
	}
	return false
}

// tally is the true count of a cell, counted afresh.
func tally(st *Stats, t *StatsTable, records []Record, row, col string) int {
	n := 0
	for i := range records {
		r := &records[i]
		if t.ID == TableQuestions {
			if r.SetID+"@"+r.SetVersion != t.Of {
				continue
			}
			ids := map[string][]string{"declined": r.DeclinedQuestions, "dont-know": r.DontKnowQuestions, "not-asked": r.NotAskedQuestions}[col]
			if slices.Contains(ids, row) {
				n++
			}
			continue
		}
		if slices.Contains(tallyRows(t, r), row) && tallyColumn(st, t, col, r, row) {
			n++
		}
	}
	return n
}

// Every published count is the true count; every count below the minimum is hidden; and no
// hidden count can be worked out from what is published, in any table, by any breakdown.
func TestStatsCountsAndSuppression(t *testing.T) {
	records := statsRecords(260, 7)
	for _, by := range append([]string{""}, ByDimensions...) {
		t.Run("by "+by, func(t *testing.T) {
			st := ComputeStats(records, StatsOptions{By: by, MinCell: 11})
			if st.Screenings != len(records) || st.TooFew {
				t.Fatalf("screenings %d, too few %v", st.Screenings, st.TooFew)
			}
			if by != "" && len(st.Groups) < 2 {
				t.Fatalf("groups %+v", st.Groups)
			}
			for _, g := range st.Groups {
				if g.Size < 11 {
					t.Errorf("group %s has %d screenings, a small count", g.ID, g.Size)
				}
			}
			small, protecting := 0, 0
			for ti := range st.Tables {
				tb := &st.Tables[ti]
				name := tb.ID + " " + tb.Of
				if tb.Withheld {
					t.Errorf("%s withheld", name)
					continue
				}
				truth := make([]int, 0, len(tb.Rows)*len(tb.Columns))
				state := make([]Suppression, 0, cap(truth))
				for ri, row := range tb.Rows {
					for ci, col := range tb.Columns {
						want := tally(&st, tb, records, row, col.ID)
						c := tb.Cells[ri][ci]
						truth = append(truth, want)
						state = append(state, c.Suppressed)
						switch {
						case c.Suppressed == Published && c.Count != want:
							t.Errorf("%s %s/%s: published %d, the tally is %d", name, row, col.ID, c.Count, want)
						case c.Suppressed == Published && want < 11:
							t.Errorf("%s %s/%s: %d published", name, row, col.ID, want)
						case c.Suppressed != Published && c.Count != 0:
							t.Errorf("%s %s/%s: a suppressed count carries %d", name, row, col.ID, c.Count)
						case c.Suppressed == Small:
							small++
							if want >= 11 {
								t.Errorf("%s %s/%s: %d called small", name, row, col.ID, want)
							}
						case c.Suppressed == Protecting:
							protecting++
						}
					}
				}
				if bad := recoverable(truth, tb.lines, tb.caps, state, 11); len(bad) > 0 {
					for _, i := range bad {
						t.Errorf("%s: the hidden count %s/%s can be worked out", name, tb.Rows[i/len(tb.Columns)], tb.Columns[i%len(tb.Columns)].ID)
					}
				}
			}
			if small != st.Small || protecting != st.Protecting || small == 0 || protecting == 0 {
				t.Errorf("small %d (said %d), protecting %d (said %d)", small, st.Small, protecting, st.Protecting)
			}
		})
	}
}

func TestStatsTables(t *testing.T) {
	records := statsRecords(260, 7)
	st := ComputeStats(records, StatsOptions{MinCell: 11})
	var ids []string
	for _, tb := range st.Tables {
		ids = append(ids, strings.TrimSpace(tb.ID+" "+tb.Of))
	}
	want := []string{
		"month", "set", "age-band", "concern", "mode", "domain-level criminal", "domain-level sexual", "domain-level vulnerability",
		"completeness", "screened-within", "indicators", "actions", "reports-in-time", "questions post-return@1.0.0", "questions post-return@2.0.0",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("tables %v\nwant %v", ids, want)
	}
	// Grouped by month, the months are the columns, and the month table is the groups' own.
	byMonth := ComputeStats(records, StatsOptions{By: ByMonth, MinCell: 11})
	if byMonth.Tables[0].ID != TableMonth || slices.ContainsFunc(byMonth.Tables[1:], func(t StatsTable) bool { return t.ID == TableMonth }) {
		t.Errorf("grouped by month, the tables are %v", byMonth.Tables)
	}
	var groups []string
	for _, g := range byMonth.Groups {
		groups = append(groups, fmt.Sprintf("%s:%d%v", g.ID, g.Size, g.Members))
	}
	// December (few) and the unknown month are gathered as "other", with the smallest month to
	// make it large enough.
	if got := strings.Join(groups, " "); !strings.HasSuffix(got, "other:") && !strings.Contains(got, "other:") {
		t.Errorf("groups %s", got)
	}
	if last := byMonth.Groups[len(byMonth.Groups)-1]; last.ID != OtherGroup || !slices.Contains(last.Members, "unknown") || !slices.Contains(last.Members, "2026-12") {
		t.Errorf("other is %+v", last)
	}
	// "other" names only what it gathers, in the dimension's order.
	byAge := ComputeStats(statsRecords(60, 7), StatsOptions{By: ByAgeBand, MinCell: 11})
	if last := byAge.Groups[len(byAge.Groups)-1]; last.ID != OtherGroup || !slices.Equal(last.Members, []string{AgeUnder12, Age18OrOver, AgeBandUnset}) {
		t.Errorf("grouped by age band, other is %+v", last)
	}
	if !slices.Equal(AgeBands, []string{AgeUnder12, Age12To14, Age15To17, Age18OrOver, AgeBandUnset}) {
		t.Errorf("counting changed the list of age bands: %v", AgeBands)
	}
}

func TestStatsTooFew(t *testing.T) {
	st := ComputeStats(statsRecords(10, 1), StatsOptions{MinCell: 11})
	if !st.TooFew || len(st.Tables) != 0 || st.Screenings != 10 {
		t.Errorf("%+v", st)
	}
	// Without a minimum, everything is published.
	st = ComputeStats(statsRecords(10, 1), StatsOptions{})
	if st.TooFew || st.Small+st.Protecting != 0 || len(st.Tables) == 0 {
		t.Errorf("with no minimum: too few %v, suppressed %d", st.TooFew, st.Small+st.Protecting)
	}
}

// An action listed on every screening, never with a deadline: a reader knows no count is more
// than the screenings, so hiding its "all" (which cannot be more) would give it and the zeros
// beside it away; what is hidden must not be.
func TestStatsCountsNoMoreThanTheScreenings(t *testing.T) {
	records := statsRecords(42, 3)
	for i := range records {
		records[i].Actions = []RecordAction{{ID: "give-hotline", InTime: InTimeNoDeadline}}
	}
	st := ComputeStats(records, StatsOptions{MinCell: 11})
	for _, tb := range st.Tables {
		if tb.ID != TableActions {
			continue
		}
		truth := []int{42, 0, 0, 0, 42}
		var state []Suppression
		for _, c := range tb.Cells[0] {
			state = append(state, c.Suppressed)
		}
		if bad := recoverable(truth, tb.lines, tb.caps, state, 11); len(bad) > 0 {
			t.Errorf("hidden %v: counts %v can be worked out", state, bad)
		}
		return
	}
	t.Fatal("no actions table")
}
