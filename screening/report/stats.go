package report

import (
	"bufio"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// The renderers of an agency's statistics: text and markdown tables to read, CSV and JSON for a
// data team, and one HTML page with charts to print. Each says that small counts are
// suppressed, and shows none of them: the counts it is given are only the published ones.

// StatsFormat names the version of the JSON form of the statistics.
const StatsFormat = "safeharbor-stats/v1"

// StatsReport is the statistics with what was read to make them.
type StatsReport struct {
	screening.Stats
	Files      int // files read
	Skipped    int // files that could not be read or used
	Duplicates int // screenings read more than once, counted once
	Training   int // mock interviews left out
}

// statsView is the report in words: what every format shows.
type statsView struct {
	r      *StatsReport
	Title  string
	Facts  []string // what was counted, from what
	Tables []tableView
	Notes  []string
}

type tableView struct {
	ID, Of   string
	Title    string
	Corner   string // the heading of the rows' column
	Columns  []string
	Rows     []rowView
	Total    *rowView // a partition's column totals
	Withheld bool
	Chart    []bar // the "all" column, for the page's chart
}

type rowView struct {
	ID, Label string
	Cells     []cellView
}

type cellView struct {
	Count      int
	Share      float64 // -1: none
	Suppressed screening.Suppression
}

type bar struct {
	Label string
	Share float64 // -1: suppressed
	Text  string
}

// text is a cell as the tables show it: the count and its share, "<11", or "hidden".
func (v *statsView) text(c cellView) string {
	switch c.Suppressed {
	case screening.Small:
		return v.smallMark()
	case screening.Protecting:
		return hiddenMark
	}
	if c.Share < 0 {
		return strconv.Itoa(c.Count)
	}
	return fmt.Sprintf("%d (%s)", c.Count, percent(c.Share))
}

// hiddenMark is a count that is not small, hidden so that a small one cannot be worked out.
const hiddenMark = "hidden"

func (v *statsView) smallMark() string { return "<" + strconv.Itoa(v.r.MinCell) }

func percent(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) + "%" }

var tableTitles = map[string]string{
	screening.TableMonth:          "Screenings by month (UTC)",
	screening.TableSet:            "Screenings by question set and version",
	screening.TableAgeBand:        "Screenings by age band",
	screening.TableConcern:        "Concern level",
	screening.TableDomainLevel:    "Level in the domain %s",
	screening.TableDomainConcern:  "Screenings with concern (possible or clear) in each domain",
	screening.TableCompleteness:   "Complete and incomplete screenings",
	screening.TableScreenedWithin: "Time from the return to the screening",
	screening.TableIndicators:     "Indicators raised",
	screening.TableActions:        "Actions listed, and whether each was done in time",
	screening.TableQuestions:      "Questions declined, not known and not asked: %s",
	screening.TableMode:           "Screenings by how the conversation was held",
	screening.TableReportsInTime:  "Screenings by whether their actions with a deadline were done in time",
}

var tableCorners = map[string]string{
	screening.TableMonth: "Month", screening.TableSet: "Set", screening.TableAgeBand: "Age band",
	screening.TableConcern: "Concern", screening.TableDomainLevel: "Level", screening.TableDomainConcern: "Domain",
	screening.TableCompleteness: "Screening", screening.TableScreenedWithin: "Screened",
	screening.TableIndicators: "Indicator", screening.TableActions: "Action", screening.TableQuestions: "Question",
	screening.TableMode: "Held", screening.TableReportsInTime: "Actions with a deadline",
}

var rowWords = map[string]string{
	screening.RowUnknown: "not recorded", screening.RowNotInSet: "not in the set",
	screening.RowComplete: "complete",
	screening.RowUnder24h: "within 24 hours", screening.Row24To72h: "24 to 72 hours",
	screening.Row72hOrMore: "72 hours or more", screening.RowReturnAfter: "return recorded after the screening began",
	screening.RowReturnUnknown:  "return time not recorded",
	string(screening.LevelNone): "none", string(screening.LevelPossible): "possible", string(screening.LevelClear): "clear",
	string(screening.LevelIncomplete): "incomplete: could not screen",
	screening.AgeUnder12:              "under 12", screening.Age12To14: "12-14", screening.Age15To17: "15-17",
	screening.Age18OrOver:  "18 or over",
	screening.RowAllInTime: "all done in time", screening.RowSomeLate: "one or more done late",
	screening.RowSomeUnknown: "none late, one or more not recorded as done",
	screening.RowNoDeadlines: "none listed",
}

// columnWords are the columns that are not groups.
var columnWords = map[string]string{
	screening.OtherGroup: "other", screening.ColumnAll: "All",
	screening.ColumnInTime: "in time", screening.ColumnLate: "late", screening.ColumnNotRecorded: "time done not recorded",
	screening.ColumnNoDeadline: "no deadline", screening.ColumnDeclined: "declined",
	screening.ColumnDontKnow: "doesn't know", screening.ColumnNotAsked: "not asked",
}

// label is a row's or a group's words: ids from the data (months, sets, indicators, questions)
// are shown as they are, the tool's own in words.
func label(tableID, id string) string {
	switch tableID {
	case screening.TableIndicators, screening.TableActions, screening.TableQuestions, screening.TableDomainConcern, screening.TableMonth:
		if id != screening.RowUnknown {
			return id
		}
	case screening.TableSet:
		return strings.Replace(id, "@", " ", 1)
	case screening.TableCompleteness:
		if id == screening.RowIncomplete {
			return "incomplete (by the set's rule)"
		}
	}
	if w, ok := rowWords[id]; ok {
		return w
	}
	return id
}

func newStatsView(r *StatsReport) *statsView {
	v := &statsView{r: r, Title: "Screening statistics"}
	n := strconv.Itoa(r.Screenings)
	if r.TooFew {
		n = v.smallMark()
	}
	if r.TooFew {
		// How many files, copies and mock interviews there were would give the number away.
		v.Facts = append(v.Facts, fmt.Sprintf("Screenings counted: %s.", n))
	} else {
		v.Facts = append(v.Facts, fmt.Sprintf("Screenings counted: %s, from %s.", n, plural(r.Files, "file")))
		if r.Duplicates > 0 {
			v.Facts = append(v.Facts, fmt.Sprintf("Counted once: %s read more than once.", plural(r.Duplicates, "screening")))
		}
		if r.Training > 0 {
			v.Facts = append(v.Facts, fmt.Sprintf("Left out: %s.", plural(r.Training, "mock interview")))
		}
	}
	if r.Skipped > 0 {
		v.Facts = append(v.Facts, fmt.Sprintf("Not counted: %s that could not be read or used (named where the command was run).", plural(r.Skipped, "file")))
	}
	if r.By != "" {
		by := fmt.Sprintf("Broken down by %s", r.By)
		if len(r.Groups) == 0 && !r.TooFew {
			by += ": no value has enough screenings to show alone, so only all are shown"
		}
		v.Facts = append(v.Facts, by+".")
	}
	switch {
	case r.MinCell == 0:
		v.Notes = append(v.Notes, "No counts are suppressed (--min-cell 0): these counts may identify young people. Do not publish them.")
	case r.TooFew:
		v.Notes = append(v.Notes, fmt.Sprintf("Suppression applied: there are fewer than %d screenings, so no count can be published.", r.MinCell))
	default:
		v.Notes = append(v.Notes, fmt.Sprintf("Suppression applied: every count under %d is shown as %s (%d of them), and %d more are shown as %q so that none of them can be worked out from the totals or from the other counts in their row or column. No percentage is given for either.",
			r.MinCell, v.smallMark(), r.Small, r.Protecting, hiddenMark))
	}
	for _, g := range r.Groups {
		if g.ID == screening.OtherGroup {
			members := make([]string, len(g.Members))
			for i, m := range g.Members {
				members[i] = label(r.By, m)
			}
			v.Notes = append(v.Notes, fmt.Sprintf("The column \"other\" gathers the values of %s whose counts are suppressed, and as many more as it takes for it to have %d or more screenings: %s.", r.By, r.MinCell, strings.Join(members, ", ")))
		}
	}
	v.Notes = append(v.Notes,
		"How the conversation was held: the set's mode question (in person, by phone, by video); not recorded for a set without one, or a summary or record written before it.",
		"Time from the return: from when the young person came back (the set's returned-at question) to the start of the screening.",
		"Whether an action was done in time is recorded in its summary with safeharbor report-made; until then it is counted as not recorded, never as late. A time after the deadline is late.",
		"Question rates are shares of the screenings on that set version.",
	)
	for i := range r.Tables {
		v.Tables = append(v.Tables, v.table(&r.Tables[i]))
	}
	return v
}

func (v *statsView) table(t *screening.StatsTable) tableView {
	tv := tableView{ID: t.ID, Of: t.Of, Title: tableTitles[t.ID], Corner: tableCorners[t.ID], Withheld: t.Withheld}
	if strings.Contains(tv.Title, "%s") {
		tv.Title = fmt.Sprintf(tv.Title, label(screening.TableSet, t.Of))
	}
	for _, c := range t.Columns {
		w, ok := columnWords[c.ID]
		if !ok {
			w = label(v.r.By, c.ID)
		}
		tv.Columns = append(tv.Columns, w)
	}
	all := -1
	for k, c := range t.Columns {
		if c.ID == screening.ColumnAll {
			all = k
		}
	}
	for ri, row := range t.Rows {
		rv := rowView{ID: row, Label: label(t.ID, row)}
		for ci, c := range t.Cells[ri] {
			cv := cellView{Count: c.Count, Share: -1, Suppressed: c.Suppressed}
			if c.Suppressed == screening.Published && t.Columns[ci].Total > 0 {
				cv.Share = float64(c.Count) / float64(t.Columns[ci].Total)
			}
			rv.Cells = append(rv.Cells, cv)
		}
		tv.Rows = append(tv.Rows, rv)
		if all >= 0 && !t.Withheld {
			c := rv.Cells[all]
			tv.Chart = append(tv.Chart, bar{Label: rv.Label, Share: c.Share, Text: v.text(c)})
		}
	}
	if t.Kind == screening.Partition {
		total := rowView{ID: "total", Label: "Total"}
		for _, c := range t.Columns {
			total.Cells = append(total.Cells, cellView{Count: c.Total, Share: -1})
		}
		tv.Total = &total
	}
	if t.ID == screening.TableQuestions {
		tv.Chart = nil
	}
	return tv
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// withheldText is what a withheld table says instead of its counts.
func withheldText(min int) string {
	return fmt.Sprintf("Not shown: its counts under %d could not be protected from being worked out from the totals.", min)
}

// WriteStatsText writes the statistics as plain text tables, for a terminal or a printer.
func WriteStatsText(w io.Writer, r *StatsReport) error {
	v := newStatsView(r)
	out := &errWriter{w: w}
	out.line(strings.ToUpper(v.Title))
	for _, f := range v.Facts {
		wrapText(out, "", "", screening.Printable(f))
	}
	for _, t := range v.Tables {
		out.line("")
		out.line(strings.ToUpper(screening.Printable(t.Title)))
		if t.Withheld {
			wrapText(out, "", "", withheldText(r.MinCell))
			continue
		}
		rows := [][]string{append([]string{t.Corner}, t.Columns...)}
		for _, rv := range append(t.Rows, derefRows(t.Total)...) {
			cells := []string{rv.Label}
			for _, c := range rv.Cells {
				cells = append(cells, v.text(c))
			}
			rows = append(rows, cells)
		}
		writeAligned(out, rows)
	}
	out.line("")
	for _, n := range v.Notes {
		wrapText(out, "- ", "  ", screening.Printable(n))
	}
	return out.err
}

func derefRows(r *rowView) []rowView {
	if r == nil {
		return nil
	}
	return []rowView{*r}
}

// writeAligned writes rows as columns: the first left-aligned, the rest right-aligned.
func writeAligned(out *errWriter, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for k, c := range row {
			widths[k] = max(widths[k], displayLen(screening.Printable(c)))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for k, c := range row {
			c = screening.Printable(c)
			pad := strings.Repeat(" ", widths[k]-displayLen(c))
			if k == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		out.line(strings.TrimRight(b.String(), " "))
	}
}

// WriteStatsMarkdown writes the statistics as CommonMark with GitHub's tables.
func WriteStatsMarkdown(w io.Writer, r *StatsReport) error {
	v := newStatsView(r)
	d := &doc{}
	d.title(plain(v.Title))
	var facts []inline
	for _, f := range v.Facts {
		facts = append(facts, plain(f))
	}
	d.lines(facts...)
	for _, t := range v.Tables {
		d.heading(plain(t.Title))
		if t.Withheld {
			d.para(plain(withheldText(r.MinCell)))
			continue
		}
		head := []inline{plain(t.Corner)}
		for _, c := range t.Columns {
			head = append(head, plain(c))
		}
		var rows [][]inline
		for _, rv := range append(t.Rows, derefRows(t.Total)...) {
			row := []inline{plain(rv.Label)}
			if rv.ID == "total" {
				row[0] = strong(rv.Label)
			}
			for _, c := range rv.Cells {
				row = append(row, plain(v.text(c)))
			}
			rows = append(rows, row)
		}
		d.table(head, rows)
	}
	d.heading(plain("Notes"))
	var notes []item
	for _, n := range v.Notes {
		notes = append(notes, item{text: plain(n)})
	}
	d.list(notes...)
	return writeMarkdown(w, d)
}

// WriteStatsCSV writes the statistics as one long table, a count a row, for a data team:
// table, of, row, column, count (empty when suppressed), share, and why it is suppressed.
func WriteStatsCSV(w io.Writer, r *StatsReport) error {
	cw := csv.NewWriter(w)
	write := func(rec ...string) {
		for i := range rec {
			rec[i] = screening.Printable(rec[i])
		}
		if cw.Error() == nil {
			_ = cw.Write(rec)
		}
	}
	write("table", "of", "row", "column", "count", "share", "suppressed")
	n := strconv.Itoa(r.Screenings)
	why := ""
	if r.TooFew {
		n, why = "", "under-min-cell"
	}
	write("screenings", "", "all", "all", n, "", why)
	for _, t := range r.Tables {
		for ri, row := range t.Rows {
			for ci, c := range t.Cells[ri] {
				count, share, why := strconv.Itoa(c.Count), "", ""
				switch c.Suppressed {
				case screening.Small:
					count, why = "", "under-min-cell"
				case screening.Protecting:
					count, why = "", "protects-a-small-count"
				default:
					if total := t.Columns[ci].Total; total > 0 {
						share = strconv.FormatFloat(float64(c.Count)/float64(total), 'f', 4, 64)
					}
				}
				if t.Withheld {
					count, why = "", "table-withheld"
				}
				write(t.ID, t.Of, row, t.Columns[ci].ID, count, share, why)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// The JSON form of the statistics.
type jsonStats struct {
	Format      string          `json:"format"`
	MinCell     int             `json:"min_cell"`
	By          string          `json:"by,omitempty"`
	Screenings  *int            `json:"screenings"` // null when too few to publish
	TooFew      bool            `json:"too_few"`
	Files       *int            `json:"files"` // null, with duplicates and training_left_out, when too few: they would give the number away
	Skipped     int             `json:"skipped_files"`
	Duplicates  *int            `json:"duplicates"`
	Training    *int            `json:"training_left_out"`
	Suppression jsonSuppression `json:"suppression"`
	Groups      []jsonGroup     `json:"groups"`
	Tables      []jsonTable     `json:"tables"`
	Notes       []string        `json:"notes"`
}

type jsonSuppression struct {
	Small      int `json:"under_min_cell"`
	Protecting int `json:"protecting"`
}

type jsonGroup struct {
	ID      string   `json:"id"`
	Members []string `json:"members,omitempty"`
	Size    int      `json:"size"`
}

type jsonTable struct {
	ID       string       `json:"id"`
	Of       string       `json:"of,omitempty"`
	Title    string       `json:"title"`
	Kind     string       `json:"kind"`
	Withheld bool         `json:"withheld"`
	Columns  []jsonColumn `json:"columns"`
	Rows     []jsonRow    `json:"rows"`
}

type jsonColumn struct {
	ID    string `json:"id"`
	Total *int   `json:"total"` // what the column's shares are of; null when none
}

type jsonRow struct {
	ID    string     `json:"id"`
	Cells []jsonCell `json:"cells"`
}

type jsonCell struct {
	Count      *int     `json:"count"` // null when suppressed
	Share      *float64 `json:"share"`
	Suppressed string   `json:"suppressed,omitempty"` // under-min-cell or protects-a-small-count
}

// WriteStatsJSON writes the statistics as one JSON object (format safeharbor-stats/v1).
func WriteStatsJSON(w io.Writer, r *StatsReport) error {
	v := newStatsView(r)
	out := jsonStats{
		Format: StatsFormat, MinCell: r.MinCell, By: r.By, TooFew: r.TooFew, Skipped: r.Skipped,
		Suppression: jsonSuppression{r.Small, r.Protecting},
		Groups:      []jsonGroup{}, Tables: []jsonTable{}, Notes: v.Notes,
	}
	if !r.TooFew {
		n, files, dups, training := r.Screenings, r.Files, r.Duplicates, r.Training
		out.Screenings, out.Files, out.Duplicates, out.Training = &n, &files, &dups, &training
	}
	for _, g := range r.Groups {
		out.Groups = append(out.Groups, jsonGroup{g.ID, g.Members, g.Size})
	}
	for i, t := range r.Tables {
		jt := jsonTable{ID: t.ID, Of: t.Of, Title: v.Tables[i].Title, Kind: map[screening.TableKind]string{screening.Partition: "partition", screening.Counts: "counts"}[t.Kind], Withheld: t.Withheld, Columns: []jsonColumn{}, Rows: []jsonRow{}}
		for _, c := range t.Columns {
			jc := jsonColumn{ID: c.ID}
			if c.Total > 0 {
				total := c.Total
				jc.Total = &total
			}
			jt.Columns = append(jt.Columns, jc)
		}
		for ri, row := range t.Rows {
			jr := jsonRow{ID: row, Cells: []jsonCell{}}
			for ci, c := range t.Cells[ri] {
				var jc jsonCell
				switch {
				case t.Withheld:
					jc.Suppressed = "table-withheld"
				case c.Suppressed == screening.Small:
					jc.Suppressed = "under-min-cell"
				case c.Suppressed == screening.Protecting:
					jc.Suppressed = "protects-a-small-count"
				default:
					count := c.Count
					jc.Count = &count
					if total := t.Columns[ci].Total; total > 0 {
						share := float64(c.Count) / float64(total)
						jc.Share = &share
					}
				}
				jr.Cells = append(jr.Cells, jc)
			}
			jt.Rows = append(jt.Rows, jr)
		}
		out.Tables = append(out.Tables, jt)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

//go:embed stats.html.tmpl
var statsHTML string

//go:embed stats.css
var statsCSS string

var statsTemplate = template.Must(template.New("stats").Funcs(template.FuncMap{
	"upper": strings.ToUpper,
	"add":   func(a, b int) int { return a + b },
	"mul":   func(a, b int) int { return a * b },
	"width": func(share float64) string { return strconv.FormatFloat(300*share, 'f', 1, 64) },
}).Parse(statsHTML))

type htmlStats struct {
	*statsView
	Style    template.CSS
	Policy   string
	Withheld string
	Cell     func(c cellView) string
}

// WriteStatsHTML writes the statistics as one self-contained page: tables, and a bar chart of
// each drawn as SVG in the page. No script, nothing loaded; it prints as it shows.
func WriteStatsHTML(w io.Writer, r *StatsReport) error {
	v := newStatsView(r)
	bw := bufio.NewWriter(w)
	if err := statsTemplate.Execute(bw, htmlStats{statsView: v, Style: template.CSS(statsCSS), Policy: stylePolicy(statsCSS), Withheld: withheldText(r.MinCell), Cell: v.text}); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return bw.Flush()
}
