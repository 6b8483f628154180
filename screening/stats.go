package screening

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/mod/semver"
)

// Statistics for an agency: counts of screenings from their de-identified records, broken down
// by a dimension when asked, every small count suppressed with what protects it.

// The dimensions the counts can be broken down by.
const (
	ByMonth   = "month"    // the month the screening started
	BySet     = "set"      // the question set and version
	ByAgeBand = "age-band" // the age band
	ByConcern = "concern"  // the concern level
	ByDomain  = "domain"   // the domains of concern (possible or clear): a screening may be in several
	ByMode    = "mode"     // how the conversation was held
)

// ByDimensions lists them.
var ByDimensions = []string{ByMonth, BySet, ByAgeBand, ByConcern, ByDomain, ByMode}

// StatsOptions say how to count.
type StatsOptions struct {
	By      string // "": no breakdown, only all the screenings
	MinCell int    // counts below it are suppressed (0 too); 0: nothing is
}

// Stats are the published counts.
type Stats struct {
	Screenings int
	MinCell    int
	By         string
	// TooFew: fewer screenings than the minimum cell size. Nothing is published but that.
	TooFew bool
	// Groups are the columns the tables are broken down into (before "all"): each published
	// value of By; "other" gathers those whose counts are suppressed, and any more needed to
	// make it not small itself.
	Groups []StatsGroup
	Tables []StatsTable
	// Small and Protecting count the suppressed counts, to say that suppression was applied.
	Small, Protecting int
}

// StatsGroup is one column of a breakdown.
type StatsGroup struct {
	ID      string   // the value of By, or OtherGroup
	Members []string // for OtherGroup: the values it gathers
	Size    int      // screenings in it
}

// OtherGroup is the group of values too small to publish alone.
const OtherGroup = "other"

// The ids of the tables, and of their rows and columns that are not the data's own ids.
const (
	TableMonth          = "month"
	TableSet            = "set"
	TableAgeBand        = "age-band"
	TableConcern        = "concern"
	TableDomainLevel    = "domain-level" // one for each domain: Of is its id
	TableDomainConcern  = "domain"       // the screenings of concern in each domain, when grouped by domain
	TableCompleteness   = "completeness"
	TableScreenedWithin = "screened-within"
	TableIndicators     = "indicators"
	TableActions        = "actions"
	TableQuestions      = "questions" // one for each set version: Of is id@version
	TableMode           = "mode"
	// TableReportsInTime is each screening's actions with a deadline, together: all done in
	// time, one or more late, or one or more whose time done is not recorded.
	TableReportsInTime = "reports-in-time"

	RowUnknown        = "unknown"
	RowNotInSet       = "not-in-set"
	RowComplete       = "complete"
	RowIncomplete     = "incomplete"
	RowUnder24h       = "under-24h"
	Row24To72h        = "24h-to-72h"
	Row72hOrMore      = "72h-or-more"
	RowReturnAfter    = "return-after-start" // the return was recorded as after the screening began
	RowReturnUnknown  = "return-not-recorded"
	ColumnAll         = "all"
	ColumnInTime      = "in-time"
	ColumnLate        = "late"
	ColumnNotRecorded = "not-recorded"
	ColumnNoDeadline  = "no-deadline"
	ColumnDeclined    = "declined"
	ColumnDontKnow    = "dont-know"
	ColumnNotAsked    = "not-asked"

	RowAllInTime   = "all-in-time"
	RowSomeLate    = "some-late"
	RowSomeUnknown = "some-not-recorded"
	RowNoDeadlines = "no-deadlines"
)

// TableKind says what a table's counts are of.
type TableKind int

// The kinds of tables.
const (
	// Partition: each screening is in one row; a column's counts add up to its total.
	Partition TableKind = iota
	// Counts: how many screenings had each row (an indicator raised, an action listed); a
	// screening can be in many rows or none.
	Counts
)

// StatsTable is one table of counts.
type StatsTable struct {
	ID      string
	Of      string // the domain or set version a table of many is about
	Kind    TableKind
	Rows    []string
	Columns []StatsColumn
	Cells   [][]StatsCell // by row, then column
	// Withheld: no hiding could keep its small counts from being worked out; it is not shown.
	Withheld bool

	lines []cellLines // what adds up in it, by cell, row by row: for the tests' audit
	caps  []int       // what each cell cannot be more than
}

// StatsColumn is a column of a table: a group, all the screenings, or what the counts are of.
type StatsColumn struct {
	ID string
	// Total is what a count in the column is a share of (the screenings in the group); 0 when
	// it has no share to show.
	Total int
}

// StatsCell is one count. A suppressed count is 0 here: it is never passed on.
type StatsCell struct {
	Count      int
	Suppressed Suppression
}

// ComputeStats counts the records. Each record is one screening (the caller has left out
// duplicates and mock interviews).
func ComputeStats(records []Record, opt StatsOptions) Stats {
	st := Stats{Screenings: len(records), MinCell: opt.MinCell, By: opt.By}
	if opt.MinCell > 0 && len(records) < opt.MinCell {
		st.TooFew = true
		return st
	}
	b := &statsBuilder{records: records, min: opt.MinCell, st: &st}
	b.groups(opt.By)

	// The screenings by each dimension; the one the counts are broken down by is the groups'
	// own table, already made.
	sets := b.setTable()
	for _, t := range []struct {
		id   string
		make func() StatsTable
	}{
		{TableMonth, func() StatsTable {
			return b.partition(TableMonth, "", func(r *Record) string { return cmp.Or(r.ScreenedMonth, RowUnknown) }, sortedMonths)
		}},
		{TableSet, func() StatsTable { return sets }},
		{TableAgeBand, func() StatsTable {
			return b.partition(TableAgeBand, "", func(r *Record) string { return r.AgeBand }, fixedRows(AgeBands))
		}},
		{TableConcern, func() StatsTable {
			return b.partition(TableConcern, "", func(r *Record) string { return string(r.Concern) }, fixedRows(concernRows))
		}},
		{TableMode, func() StatsTable { return b.partition(TableMode, "", modeOf, modeRows) }},
	} {
		if t.id != opt.By {
			b.add(t.make())
		}
	}
	for _, d := range b.domainIDs() {
		b.add(b.partition(TableDomainLevel, d, func(r *Record) string {
			for _, rd := range r.Domains {
				if rd.ID == d {
					return string(rd.Level)
				}
			}
			return RowNotInSet
		}, fixedRows(append(slices.Clone(concernRows), RowNotInSet))))
	}
	b.add(b.partition(TableCompleteness, "", func(r *Record) string {
		if r.Complete {
			return RowComplete
		}
		return RowIncomplete
	}, fixedRows([]string{RowComplete, RowIncomplete})))
	b.add(b.partition(TableScreenedWithin, "", screenedWithin, fixedRows([]string{RowUnder24h, Row24To72h, Row72hOrMore, RowReturnAfter, RowReturnUnknown})))
	b.add(b.counts(TableIndicators, func(r *Record) []string { return r.Indicators }))
	b.add(b.actions())
	b.add(b.partition(TableReportsInTime, "", reportsInTime, fixedRows([]string{RowAllInTime, RowSomeLate, RowSomeUnknown, RowNoDeadlines})))
	for _, t := range b.questions(sets) {
		b.add(t)
	}
	return st
}

var concernRows = []string{string(LevelNone), string(LevelPossible), string(LevelClear), string(LevelIncomplete)}

func modeOf(r *Record) string { return cmp.Or(r.Mode, FactUnknown) }

// modeRows are the modes in the shipped sets' order, then an agency's own, then unknown.
func modeRows(seen []string) []string {
	rows := []string{"in-person", "phone", "video"}
	var rest []string
	for _, v := range seen {
		if !slices.Contains(rows, v) && v != FactUnknown {
			rest = append(rest, v)
		}
	}
	slices.Sort(rest)
	rows = slices.DeleteFunc(rows, func(v string) bool { return !slices.Contains(seen, v) })
	rows = append(rows, rest...)
	if slices.Contains(seen, FactUnknown) {
		rows = append(rows, FactUnknown)
	}
	return rows
}

// reportsInTime says, of a screening's actions with a deadline, whether all were done in time:
// one done late makes it late; otherwise one whose time done is not recorded (or whose deadline
// is not known) makes it not recorded, never in time.
func reportsInTime(r *Record) string {
	row := RowNoDeadlines
	for _, a := range r.Actions {
		switch a.InTime {
		case InTimeNo:
			return RowSomeLate
		case InTimeUnknown:
			row = RowSomeUnknown
		case InTimeYes:
			if row == RowNoDeadlines {
				row = RowAllInTime
			}
		}
	}
	return row
}

// screenedWithin is how long after the return the screening began.
func screenedWithin(r *Record) string {
	switch h := r.HoursToScreening; {
	case h == nil:
		return RowReturnUnknown
	case *h < 0:
		return RowReturnAfter
	case *h < 24:
		return RowUnder24h
	case *h < 72:
		return Row24To72h
	}
	return Row72hOrMore
}

type statsBuilder struct {
	records []Record
	min     int
	st      *Stats
	// groupOf gives a record's groups (indexes into st.Groups); nil with no breakdown.
	groupOf  func(r *Record) []int
	disjoint bool // the groups divide the screenings: a row's groups add up to its "all"
}

func (b *statsBuilder) add(t StatsTable) {
	b.st.Tables = append(b.st.Tables, t)
}

// rowOrder gives a table's rows from the values its records have.
type rowOrder func(seen []string) []string

func fixedRows(rows []string) rowOrder { return func([]string) []string { return slices.Clone(rows) } }

func sortedMonths(seen []string) []string {
	out := slices.Clone(seen)
	slices.SortFunc(out, func(a, b string) int {
		if (a == RowUnknown) != (b == RowUnknown) {
			if a == RowUnknown {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	return out
}

func sortedSets(seen []string) []string {
	out := slices.Clone(seen)
	slices.SortFunc(out, func(a, b string) int {
		ai, av, _ := strings.Cut(a, "@")
		bi, bv, _ := strings.Cut(b, "@")
		if ai != bi {
			return cmp.Compare(ai, bi)
		}
		if c := semver.Compare("v"+av, "v"+bv); c != 0 {
			return c
		}
		return cmp.Compare(av, bv)
	})
	return out
}

func setOf(r *Record) string { return r.SetID + "@" + r.SetVersion }

// domainsOfConcern are the domains in which a screening reached possible or clear.
func domainsOfConcern(r *Record) []string {
	var out []string
	for _, d := range r.Domains {
		if d.Level == LevelPossible || d.Level == LevelClear {
			out = append(out, d.ID)
		}
	}
	return out
}

func (b *statsBuilder) domainIDs() []string {
	var ids []string
	for i := range b.records {
		for _, d := range b.records[i].Domains {
			if !slices.Contains(ids, d.ID) {
				ids = append(ids, d.ID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// groups works out the breakdown's columns: the table of the dimension itself is suppressed
// first, and each value published there is a group; the rest are gathered in "other", with the
// smallest published ones too while "other" would be small, so no group's size is a small count.
func (b *statsBuilder) groups(by string) {
	var of func(r *Record) []string
	var order rowOrder
	switch by {
	case "":
		return
	case ByMonth:
		of, order = func(r *Record) []string { return []string{cmp.Or(r.ScreenedMonth, RowUnknown)} }, sortedMonths
	case BySet:
		of, order = func(r *Record) []string { return []string{setOf(r)} }, sortedSets
	case ByAgeBand:
		of, order = func(r *Record) []string { return []string{r.AgeBand} }, fixedRows(AgeBands)
	case ByConcern:
		of, order = func(r *Record) []string { return []string{string(r.Concern)} }, fixedRows(concernRows)
	case ByDomain:
		of, order = domainsOfConcern, func(seen []string) []string { return b.domainIDs() }
	case ByMode:
		of, order = func(r *Record) []string { return []string{modeOf(r)} }, modeRows
	default:
		return
	}
	b.disjoint = by != ByDomain
	// The dimension's own table, with "all" only: its rows are the groups.
	var t StatsTable
	if b.disjoint {
		t = b.partition(by, "", func(r *Record) string { return of(r)[0] }, order)
	} else {
		t = b.counts(TableDomainConcern, domainsOfConcern)
	}
	b.add(t)
	index := map[string]int{}
	var other []string
	for i, row := range t.Rows {
		c := t.Cells[i][0]
		if t.Withheld || c.Suppressed != Published {
			other = append(other, row)
			continue
		}
		index[row] = len(b.st.Groups)
		b.st.Groups = append(b.st.Groups, StatsGroup{ID: row, Size: c.Count})
	}
	if b.disjoint && len(other) > 0 {
		size := len(b.records)
		for _, g := range b.st.Groups {
			size -= g.Size
		}
		// "other" holds what is not published alone; while it would be small, the smallest group
		// joins it.
		for size < b.min && len(b.st.Groups) > 0 {
			k := 0
			for i, g := range b.st.Groups {
				if g.Size < b.st.Groups[k].Size {
					k = i
				}
			}
			size += b.st.Groups[k].Size
			other = append(other, b.st.Groups[k].ID)
			b.st.Groups = slices.Delete(b.st.Groups, k, k+1)
		}
		clear(index)
		for i, g := range b.st.Groups {
			index[g.ID] = i
		}
		if len(b.st.Groups) > 0 {
			members := slices.DeleteFunc(slices.Clone(order(other)), func(v string) bool { return !slices.Contains(other, v) })
			b.st.Groups = append(b.st.Groups, StatsGroup{ID: OtherGroup, Members: members, Size: size})
		}
	}
	if len(b.st.Groups) == 0 || len(b.st.Groups) == 1 && b.st.Groups[0].Size == len(b.records) {
		b.st.Groups = nil
		return // one group would be all the screenings: no breakdown
	}
	otherAt := -1
	if g := b.st.Groups[len(b.st.Groups)-1]; g.ID == OtherGroup {
		otherAt = len(b.st.Groups) - 1
	}
	b.groupOf = func(r *Record) []int {
		var out []int
		for _, v := range of(r) {
			if i, ok := index[v]; ok {
				out = append(out, i)
			} else if otherAt >= 0 && !slices.Contains(out, otherAt) {
				out = append(out, otherAt)
			}
		}
		return out
	}
}

// columns are a table's columns: the groups, then all.
func (b *statsBuilder) columns() []StatsColumn {
	var cols []StatsColumn
	if b.groupOf != nil {
		for _, g := range b.st.Groups {
			cols = append(cols, StatsColumn{ID: g.ID, Total: g.Size})
		}
	}
	return append(cols, StatsColumn{ID: ColumnAll, Total: len(b.records)})
}

// grouped counts, for each record, the rows it is in, in each of its groups and in "all".
func (b *statsBuilder) grouped(rowsOf func(r *Record) []string, order rowOrder, extra int) ([]string, [][]int) {
	var seen []string
	for i := range b.records {
		for _, v := range rowsOf(&b.records[i]) {
			if !slices.Contains(seen, v) {
				seen = append(seen, v)
			}
		}
	}
	rows := order(seen)
	at := make(map[string]int, len(rows))
	for i, r := range rows {
		at[r] = i
	}
	cols := len(b.columns()) + extra
	counts := make([][]int, len(rows))
	for i := range counts {
		counts[i] = make([]int, cols)
	}
	all := len(b.columns()) - 1
	for i := range b.records {
		r := &b.records[i]
		var groups []int
		if b.groupOf != nil {
			groups = b.groupOf(r)
		}
		for _, v := range rowsOf(r) {
			row, ok := at[v]
			if !ok {
				continue
			}
			for _, g := range groups {
				counts[row][g]++
			}
			counts[row][all]++
		}
	}
	return rows, counts
}

// partition is a table in which each screening is in one row.
func (b *statsBuilder) partition(id, of string, rowOf func(r *Record) string, order rowOrder) StatsTable {
	rows, counts := b.grouped(func(r *Record) []string { return []string{rowOf(r)} }, order, 0)
	cols := b.columns()
	t := StatsTable{ID: id, Of: of, Kind: Partition, Rows: rows, Columns: cols}
	rowTotals := b.groupOf != nil && b.disjoint
	b.suppress(&t, counts, gridLines(len(rows), len(cols), true, rowTotals))
	return t
}

// counts is a table of how many screenings had each row.
func (b *statsBuilder) counts(id string, rowsOf func(r *Record) []string) StatsTable {
	rows, counts := b.grouped(rowsOf, func(seen []string) []string { s := slices.Clone(seen); slices.Sort(s); return s }, 0)
	cols := b.columns()
	t := StatsTable{ID: id, Kind: Counts, Rows: rows, Columns: cols}
	rowTotals := b.groupOf != nil && b.disjoint
	b.suppress(&t, counts, gridLines(len(rows), len(cols), false, rowTotals))
	return t
}

// actions is the table of actions listed, and, of those listed, whether each was done in time:
// a row's "all" is both the sum of its groups and the sum of its in-time columns.
func (b *statsBuilder) actions() StatsTable {
	statuses := InTimeValues // each with its column, in this order
	statusCols := []string{ColumnInTime, ColumnLate, ColumnNotRecorded, ColumnNoDeadline}
	rows, counts := b.grouped(func(r *Record) []string {
		ids := make([]string, len(r.Actions))
		for i, a := range r.Actions {
			ids[i] = a.ID
		}
		return ids
	}, func(seen []string) []string { s := slices.Clone(seen); slices.Sort(s); return s }, len(statuses))
	cols := b.columns()
	all := len(cols) - 1
	for _, s := range statusCols {
		cols = append(cols, StatsColumn{ID: s})
	}
	at := make(map[string]int, len(rows))
	for i, r := range rows {
		at[r] = i
	}
	for i := range b.records {
		for _, a := range b.records[i].Actions {
			if k := slices.Index(statuses, a.InTime); k >= 0 {
				counts[at[a.ID]][all+1+k]++
			}
		}
	}
	rowTotals := b.groupOf != nil && b.disjoint
	width := len(cols)
	lines := make([]cellLines, len(rows)*width)
	for r := range rows {
		groupLine, statusLine := 2*r, 2*r+1
		for c := range width {
			i := r*width + c
			switch {
			case c < all && rowTotals:
				lines[i] = cellLines{{line: groupLine, sign: 1}}
			case c == all:
				lines[i] = cellLines{{line: statusLine, sign: -1}}
				if rowTotals {
					lines[i] = append(lines[i], lineRef{line: groupLine, sign: -1})
				}
			case c > all:
				lines[i] = cellLines{{line: statusLine, sign: 1}}
			}
		}
	}
	t := StatsTable{ID: TableActions, Kind: Counts, Rows: rows, Columns: cols}
	b.suppress(&t, counts, lines)
	return t
}

// setTable is the screenings by set version: also what each version's question rates are of.
func (b *statsBuilder) setTable() StatsTable {
	if b.st.By == BySet {
		return b.st.Tables[0]
	}
	return b.partition(TableSet, "", setOf, sortedSets)
}

// questions are, for each set version whose number of screenings is published, how many times
// each question was declined, not known and not asked. The counts are of nothing that adds up,
// so only the small ones are hidden.
func (b *statsBuilder) questions(sets StatsTable) []StatsTable {
	var out []StatsTable
	all := len(sets.Columns) - 1
	for i, v := range sets.Rows {
		cell := sets.Cells[i][all]
		if sets.Withheld || cell.Suppressed != Published {
			continue
		}
		var rows []string
		counts := map[string][3]int{}
		for k := range b.records {
			r := &b.records[k]
			if setOf(r) != v {
				continue
			}
			for s, ids := range [][]string{r.DeclinedQuestions, r.DontKnowQuestions, r.NotAskedQuestions} {
				for _, q := range ids {
					if _, ok := counts[q]; !ok {
						rows = append(rows, q)
					}
					c := counts[q]
					c[s]++
					counts[q] = c
				}
			}
		}
		grid := make([][]int, len(rows))
		for k, q := range rows {
			c := counts[q]
			grid[k] = c[:]
		}
		cols := []StatsColumn{{ID: ColumnDeclined, Total: cell.Count}, {ID: ColumnDontKnow, Total: cell.Count}, {ID: ColumnNotAsked, Total: cell.Count}}
		t := StatsTable{ID: TableQuestions, Of: v, Kind: Counts, Rows: rows, Columns: cols}
		b.suppress(&t, grid, make([]cellLines, len(rows)*len(cols)))
		out = append(out, t)
	}
	return out
}

// suppress fills the table's cells from counts, suppressed on the table's lines; a table that
// cannot be protected is withheld whole.
func (b *statsBuilder) suppress(t *StatsTable, counts [][]int, lines []cellLines) {
	t.lines = lines
	width := len(t.Columns)
	values := make([]int, 0, len(counts)*width)
	for _, row := range counts {
		values = append(values, row...)
	}
	// No count is more than the screenings its column is of; a column with no total (whether
	// actions were done in time) is of all of them.
	caps := make([]int, len(values))
	for i := range caps {
		caps[i] = t.Columns[i%width].Total
		if caps[i] == 0 {
			caps[i] = len(b.records)
		}
	}
	t.caps = caps
	state := make([]Suppression, len(values))
	ok := true
	if b.min > 0 {
		state, ok = suppressCells(values, lines, caps, b.min)
	}
	t.Cells = make([][]StatsCell, len(counts))
	for r := range counts {
		t.Cells[r] = make([]StatsCell, width)
		for c := range width {
			i := r*width + c
			switch {
			case !ok:
				t.Cells[r][c] = StatsCell{Suppressed: Small}
			case state[i] == Published:
				t.Cells[r][c] = StatsCell{Count: values[i]}
			default:
				t.Cells[r][c] = StatsCell{Suppressed: state[i]}
			}
		}
	}
	if !ok {
		t.Withheld = true
		return
	}
	for _, s := range state {
		switch s {
		case Small:
			b.st.Small++
		case Protecting:
			b.st.Protecting++
		}
	}
}
