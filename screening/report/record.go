package report

import (
	"bufio"
	"cmp"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// RecordSchema is the JSON Schema (draft 2020-12) of a de-identified record, format
// safeharbor-record/v1: one screening as a row, the same columns in CSV and NDJSON.
//
//go:embed schema/record.schema.json
var RecordSchema []byte

//go:embed schema/record-columns.txt
var recordColumnsFile string

// RecordColumns are the record's columns in their published order: the fixed ones, then the
// domains, indicators and actions of the shipped sets. Columns are only ever added at the end.
var RecordColumns = func() []string {
	var out []string
	for _, line := range strings.Split(recordColumnsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

// colKind is how a column's value is written: a CSV cell is text, an NDJSON value is typed.
type colKind int

const (
	textCol colKind = iota
	intCol
	boolCol
)

// fixedColumn is one of the columns every record has.
type fixedColumn struct {
	kind colKind
	// get returns the value as CSV text (booleans 1 or 0); ok false is null.
	get func(r *screening.Record) (v string, ok bool)
	// set reads a value back; it is called only for a value that is not null.
	set func(r *screening.Record, v string) error
}

// The prefixes of the columns each domain, indicator and action has.
const (
	domainPrefix    = "domain_"
	indicatorPrefix = "indicator_"
	actionPrefix    = "action_"
	inTimePrefix    = "in_time_"
)

// columnOf is an id as a column name: ids are lower-case kebab-case, so - written _ is both a
// name a database takes unquoted and one that reads back to the id.
func columnOf(prefix, id string) string { return prefix + strings.ReplaceAll(id, "-", "_") }

func idOf(column, prefix string) string {
	return strings.ReplaceAll(strings.TrimPrefix(column, prefix), "_", "-")
}

func text(f func(r *screening.Record) string) func(*screening.Record) (string, bool) {
	return func(r *screening.Record) (string, bool) { return f(r), true }
}

func nullable(f func(r *screening.Record) string) func(*screening.Record) (string, bool) {
	return func(r *screening.Record) (string, bool) { v := f(r); return v, v != "" }
}

func number(f func(r *screening.Record) int) func(*screening.Record) (string, bool) {
	return func(r *screening.Record) (string, bool) { return strconv.Itoa(f(r)), true }
}

func boolean(f func(r *screening.Record) bool) func(*screening.Record) (string, bool) {
	return func(r *screening.Record) (string, bool) { return boolText(f(r)), true }
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func setOneOf[T ~string](p func(r *screening.Record) *T, values ...T) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		if !slices.Contains(values, T(v)) {
			names := make([]string, len(values))
			for i, x := range values {
				names[i] = string(x)
			}
			return fmt.Errorf("%q is not one of %s", v, strings.Join(names, ", "))
		}
		*p(r) = T(v)
		return nil
	}
}

func setMonth(p func(r *screening.Record) *string) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		if len(v) != 7 || v[4] != '-' || !digits(v[:4]) || !digits(v[5:]) || v[5:] < "01" || v[5:] > "12" {
			return fmt.Errorf("%q is not a month written YYYY-MM", v)
		}
		*p(r) = v
		return nil
	}
}

func digits(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(c rune) bool { return c < '0' || c > '9' })
}

func setInt(p func(r *screening.Record) *int) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a whole number of 0 or more", v)
		}
		*p(r) = n
		return nil
	}
}

func setBool(p func(r *screening.Record) *bool) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		b, err := parseBool(v)
		*p(r) = b
		return err
	}
}

func parseBool(v string) (bool, error) {
	switch v {
	case "1":
		return true, nil
	case "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not 1 or 0", v)
}

func setIDs(p func(r *screening.Record) *[]string) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		ids := strings.Fields(v)
		for _, id := range ids {
			if !screening.IsID(id) {
				return fmt.Errorf("%q is not a question id", id)
			}
		}
		*p(r) = ids
		return nil
	}
}

// fixedColumns are the columns every record has, by name; record-columns.txt gives their order.
var fixedColumns = map[string]fixedColumn{
	"format": {textCol, text(func(*screening.Record) string { return screening.RecordFormat }), func(_ *screening.Record, v string) error {
		if v != screening.RecordFormat {
			return fmt.Errorf("%q is not %s", v, screening.RecordFormat)
		}
		return nil
	}},
	"screening_id": {textCol, text(func(r *screening.Record) string { return r.ScreeningID }), func(r *screening.Record, v string) error {
		if len(v) != 64 || strings.Trim(v, "0123456789abcdef") != "" {
			return fmt.Errorf("%q is not a screening id (64 hexadecimal digits)", v)
		}
		r.ScreeningID = v
		return nil
	}},
	"set_id": {textCol, text(func(r *screening.Record) string { return r.SetID }), func(r *screening.Record, v string) error {
		if !screening.IsID(v) {
			return fmt.Errorf("%q is not a set id", v)
		}
		r.SetID = v
		return nil
	}},
	"set_version": {textCol, text(func(r *screening.Record) string { return r.SetVersion }), func(r *screening.Record, v string) error {
		if !screening.IsSemver(v) {
			return fmt.Errorf("%q is not a version (MAJOR.MINOR.PATCH)", v)
		}
		r.SetVersion = v
		return nil
	}},
	"set_sha256": {textCol, text(func(r *screening.Record) string { return r.SetSHA256 }), func(r *screening.Record, v string) error {
		if strings.Trim(v, "0123456789abcdef") != "" {
			return fmt.Errorf("%q is not a SHA-256 in hexadecimal", v)
		}
		r.SetSHA256 = v
		return nil
	}},
	"training":           {boolCol, boolean(func(r *screening.Record) bool { return r.Training }), setBool(func(r *screening.Record) *bool { return &r.Training })},
	"screened_month":     {textCol, nullable(func(r *screening.Record) string { return r.ScreenedMonth }), setMonth(func(r *screening.Record) *string { return &r.ScreenedMonth })},
	"returned_month":     {textCol, nullable(func(r *screening.Record) string { return r.ReturnedMonth }), setMonth(func(r *screening.Record) *string { return &r.ReturnedMonth })},
	"hours_to_screening": {intCol, hoursText, setHours},
	"age_band":           {textCol, text(func(r *screening.Record) string { return r.AgeBand }), setOneOf(func(r *screening.Record) *string { return &r.AgeBand }, screening.AgeBands...)},
	"concern":            {textCol, text(func(r *screening.Record) string { return string(r.Concern) }), setOneOf(func(r *screening.Record) *screening.Level { return &r.Concern }, concerns...)},
	"score":              {intCol, number(func(r *screening.Record) int { return r.Score }), setInt(func(r *screening.Record) *int { return &r.Score })},
	"complete":           {boolCol, boolean(func(r *screening.Record) bool { return r.Complete }), setBool(func(r *screening.Record) *bool { return &r.Complete })},
	"completeness_rule":  {boolCol, boolean(func(r *screening.Record) bool { return r.CompletenessRule }), setBool(func(r *screening.Record) *bool { return &r.CompletenessRule })},
	"questions_applied":  {intCol, number(func(r *screening.Record) int { return r.Applied }), setInt(func(r *screening.Record) *int { return &r.Applied })},
	"answered":           {intCol, number(func(r *screening.Record) int { return r.Answered }), setInt(func(r *screening.Record) *int { return &r.Answered })},
	"declined":           {intCol, number(func(r *screening.Record) int { return r.Declined }), setInt(func(r *screening.Record) *int { return &r.Declined })},
	"dont_know":          {intCol, number(func(r *screening.Record) int { return r.DontKnow }), setInt(func(r *screening.Record) *int { return &r.DontKnow })},
	"not_asked":          {intCol, number(func(r *screening.Record) int { return r.NotAsked }), setInt(func(r *screening.Record) *int { return &r.NotAsked })},
	"ended_early":        {boolCol, boolean(func(r *screening.Record) bool { return r.EndedEarly }), setBool(func(r *screening.Record) *bool { return &r.EndedEarly })},
	"language": {textCol, text(func(r *screening.Record) string { return r.Language }), func(r *screening.Record, v string) error {
		if !screening.IsLanguageTag(v) {
			return fmt.Errorf("%q is not a language tag", v)
		}
		r.Language = v
		return nil
	}},
	"interpreter":         {textCol, text(func(r *screening.Record) string { return r.Interpreter }), setOneOf(func(r *screening.Record) *string { return &r.Interpreter }, screening.InterpreterYes, screening.InterpreterNo, screening.InterpreterUnknown)},
	"indicators_raised":   {intCol, number(func(r *screening.Record) int { return len(r.Indicators) }), func(*screening.Record, string) error { return nil }},
	"actions_listed":      {intCol, number(func(r *screening.Record) int { return len(r.Actions) }), func(*screening.Record, string) error { return nil }},
	"declined_questions":  {textCol, text(func(r *screening.Record) string { return strings.Join(r.DeclinedQuestions, " ") }), setIDs(func(r *screening.Record) *[]string { return &r.DeclinedQuestions })},
	"dont_know_questions": {textCol, text(func(r *screening.Record) string { return strings.Join(r.DontKnowQuestions, " ") }), setIDs(func(r *screening.Record) *[]string { return &r.DontKnowQuestions })},
	"not_asked_questions": {textCol, text(func(r *screening.Record) string { return strings.Join(r.NotAskedQuestions, " ") }), setIDs(func(r *screening.Record) *[]string { return &r.NotAskedQuestions })},

	// The screening's own facts, added after the first records: a record written before them
	// reads as unknown (see newerColumns).
	"mode":                 {textCol, text(func(r *screening.Record) string { return cmp.Or(r.Mode, screening.FactUnknown) }), setValueID(func(r *screening.Record) *string { return &r.Mode })},
	"interpreter_language": {textCol, text(func(r *screening.Record) string { return cmp.Or(r.InterpreterLanguage, screening.FactUnknown) }), setValueID(func(r *screening.Record) *string { return &r.InterpreterLanguage })},
	"interpreter_trained":  {textCol, text(func(r *screening.Record) string { return cmp.Or(r.InterpreterTrained, screening.FactUnknown) }), setOneOf(func(r *screening.Record) *string { return &r.InterpreterTrained }, "yes", "no", screening.FactUnknown, screening.NoInterpreter)},
	"worker_role":          {textCol, text(func(r *screening.Record) string { return cmp.Or(r.WorkerRole, screening.FactUnknown) }), setValueID(func(r *screening.Record) *string { return &r.WorkerRole })},
}

// newerColumns are fixed columns added after records were first written: a record that has
// none of them (written by an earlier version) reads as not knowing them.
var newerColumns = map[string]func(r *screening.Record){
	"mode":                 func(r *screening.Record) { r.Mode = screening.FactUnknown },
	"interpreter_language": func(r *screening.Record) { r.InterpreterLanguage = screening.FactUnknown },
	"interpreter_trained":  func(r *screening.Record) { r.InterpreterTrained = screening.FactUnknown },
	"worker_role":          func(r *screening.Record) { r.WorkerRole = screening.FactUnknown },
}

// setValueID reads a fact a set's option value gives (or unknown, or no-interpreter): an id.
func setValueID(p func(r *screening.Record) *string) func(*screening.Record, string) error {
	return func(r *screening.Record, v string) error {
		if !screening.IsID(v) {
			return fmt.Errorf("%q is not an option's value (lower-case kebab-case)", v)
		}
		*p(r) = v
		return nil
	}
}

// optionalColumns may be null (empty in CSV): a checksum or a time not known, a list of no questions.
var optionalColumns = []string{"set_sha256", "screened_month", "returned_month", "hours_to_screening", "declined_questions", "dont_know_questions", "not_asked_questions"}

var concerns = []screening.Level{screening.LevelNone, screening.LevelPossible, screening.LevelClear, screening.LevelIncomplete}

func hoursText(r *screening.Record) (string, bool) {
	if r.HoursToScreening == nil {
		return "", false
	}
	return strconv.Itoa(*r.HoursToScreening), true
}

func setHours(r *screening.Record, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("%q is not a whole number of hours", v)
	}
	r.HoursToScreening = &n
	return nil
}

// RecordHeader is the columns records are written with: every published column, then the
// domains, indicators and actions of the records' sets that have none, by kind and id, so an
// agency's own set has its columns too.
func RecordHeader(records []screening.Record) []string {
	header := slices.Clone(RecordColumns)
	known := make(map[string]bool, len(header))
	for _, c := range header {
		known[c] = true
	}
	var extra [3][]string // domains, indicators, actions (each with its in_time)
	add := func(kind int, col string) {
		if !known[col] {
			known[col] = true
			extra[kind] = append(extra[kind], col)
		}
	}
	for i := range records {
		r := &records[i]
		for _, d := range r.Domains {
			add(0, columnOf(domainPrefix, d.ID))
		}
		for _, id := range r.Indicators {
			add(1, columnOf(indicatorPrefix, id))
		}
		for _, a := range r.Actions {
			add(2, columnOf(actionPrefix, a.ID))
		}
	}
	for _, cols := range extra {
		slices.Sort(cols)
		for _, c := range cols {
			header = append(header, c)
			if strings.HasPrefix(c, actionPrefix) {
				header = append(header, inTimePrefix+strings.TrimPrefix(c, actionPrefix))
			}
		}
	}
	return header
}

// recordCell is one column of a record: its value as CSV text and its kind; ok false is null.
func recordCell(r *screening.Record, column string) (v string, kind colKind, ok bool) {
	if c, fixed := fixedColumns[column]; fixed {
		v, ok = c.get(r)
		return v, c.kind, ok
	}
	switch {
	case strings.HasPrefix(column, domainPrefix):
		id := idOf(column, domainPrefix)
		for _, d := range r.Domains {
			if d.ID == id {
				return string(d.Level), textCol, true
			}
		}
		return "", textCol, false
	case strings.HasPrefix(column, indicatorPrefix):
		return boolText(slices.Contains(r.Indicators, idOf(column, indicatorPrefix))), boolCol, true
	case strings.HasPrefix(column, actionPrefix):
		_, listed := recordAction(r, idOf(column, actionPrefix))
		return boolText(listed), boolCol, true
	case strings.HasPrefix(column, inTimePrefix):
		a, listed := recordAction(r, idOf(column, inTimePrefix))
		return a.InTime, textCol, listed
	}
	return "", textCol, false
}

func recordAction(r *screening.Record, id string) (screening.RecordAction, bool) {
	for _, a := range r.Actions {
		if a.ID == id {
			return a, true
		}
	}
	return screening.RecordAction{}, false
}

// WriteRecordsCSV writes records as CSV under header (RecordHeader): a boolean is 1 or 0, null
// is an empty field.
func WriteRecordsCSV(w io.Writer, header []string, records []screening.Record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for i := range records {
		for k, col := range header {
			row[k], _, _ = recordCell(&records[i], col)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteRecordsNDJSON writes records as NDJSON, one object a line, its keys the columns of header
// in their order: booleans true or false, numbers as numbers, null for what is not known.
func WriteRecordsNDJSON(w io.Writer, header []string, records []screening.Record) error {
	bw := bufio.NewWriter(w)
	for i := range records {
		if err := writeRecordLine(bw, header, &records[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func writeRecordLine(bw *bufio.Writer, header []string, r *screening.Record) error {
	bw.WriteByte('{')
	for k, col := range header {
		if k > 0 {
			bw.WriteByte(',')
		}
		key, _ := json.Marshal(col)
		bw.Write(key)
		bw.WriteByte(':')
		v, kind, ok := recordCell(r, col)
		switch {
		case !ok:
			bw.WriteString("null")
		case kind == boolCol:
			bw.WriteString(strconv.FormatBool(v == "1"))
		case kind == intCol:
			bw.WriteString(v)
		default:
			s, err := json.Marshal(v)
			if err != nil {
				return err
			}
			bw.Write(s)
		}
	}
	_, err := bw.WriteString("}\n")
	return err
}

// recordFromCells reads a record back from its columns' values as CSV text; a column that is
// absent or null is not given. Columns this version does not know (added by a later one) are
// passed over.
func recordFromCells(cells map[string]string) (screening.Record, error) {
	var r screening.Record
	for _, col := range RecordColumns {
		c, fixed := fixedColumns[col]
		if !fixed {
			continue
		}
		v, ok := cells[col]
		if !ok {
			if unknown, newer := newerColumns[col]; newer {
				unknown(&r)
				continue
			}
			if slices.Contains(optionalColumns, col) {
				continue // null: not known, or no questions
			}
			return r, fmt.Errorf("column %s: missing", col)
		}
		if err := c.set(&r, v); err != nil {
			return r, fmt.Errorf("column %s: %w", col, err)
		}
	}
	cols := make([]string, 0, len(cells))
	for col := range cells {
		cols = append(cols, col)
	}
	slices.Sort(cols) // the order of a record's ids does not depend on its file's
	inTime := make(map[string]string)
	for _, col := range cols {
		v := cells[col]
		var err error
		switch {
		case strings.HasPrefix(col, domainPrefix):
			if !slices.Contains(concerns, screening.Level(v)) {
				err = fmt.Errorf("%q is not a level", v)
			}
			r.Domains = append(r.Domains, screening.RecordDomain{ID: idOf(col, domainPrefix), Level: screening.Level(v)})
		case strings.HasPrefix(col, indicatorPrefix):
			var raised bool
			if raised, err = parseBool(v); raised {
				r.Indicators = append(r.Indicators, idOf(col, indicatorPrefix))
			}
		case strings.HasPrefix(col, actionPrefix):
			var listed bool
			if listed, err = parseBool(v); listed {
				r.Actions = append(r.Actions, screening.RecordAction{ID: idOf(col, actionPrefix)})
			}
		case strings.HasPrefix(col, inTimePrefix):
			if !slices.Contains(screening.InTimeValues, v) {
				err = fmt.Errorf("%q is not one of %s", v, strings.Join(screening.InTimeValues, ", "))
			}
			inTime[idOf(col, inTimePrefix)] = v
		}
		if err != nil {
			return r, fmt.Errorf("column %s: %w", col, err)
		}
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		v, ok := inTime[a.ID]
		if !ok {
			return r, fmt.Errorf("column %s: action %s is listed, but its column says nothing of whether it was done in time", columnOf(inTimePrefix, a.ID), a.ID)
		}
		a.InTime = v
		delete(inTime, a.ID)
	}
	for id := range inTime {
		return r, fmt.Errorf("column %s: says whether action %s was done in time, but the action is not listed", columnOf(inTimePrefix, id), id)
	}
	return r, nil
}

// RecordSQL is a CREATE TABLE for the published columns, in SQL that PostgreSQL, DuckDB and
// SQLite all take: TEXT, INTEGER and BOOLEAN, NOT NULL where the schema allows no null, and a
// CHECK for every column whose values are a fixed list. A data team loads the CSV into it
// (COPY ... CSV HEADER); the columns of an agency's own sets are added with ALTER TABLE.
func RecordSQL(table string) (string, error) {
	var sch struct {
		Properties        map[string]sqlProperty
		PatternProperties map[string]sqlProperty
	}
	if err := json.Unmarshal(RecordSchema, &sch); err != nil {
		return "", fmt.Errorf("read the record schema: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", table)
	for i, col := range RecordColumns {
		p, ok := sch.Properties[col]
		if !ok {
			for pattern, pp := range sch.PatternProperties {
				if strings.HasPrefix(col, strings.TrimPrefix(strings.SplitN(pattern, "[", 2)[0], "^")) {
					p, ok = pp, true
				}
			}
		}
		if !ok {
			return "", fmt.Errorf("column %s is not in the record schema", col)
		}
		fmt.Fprintf(&b, "  %s %s", col, p.sqlType(col))
		if i < len(RecordColumns)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(");\n")
	return b.String(), nil
}

// sqlProperty is what RecordSQL reads of a column's schema.
type sqlProperty struct {
	Type  any   `json:"type"`
	Enum  []any `json:"enum"`
	Const any   `json:"const"`
}

func (p sqlProperty) sqlType(col string) string {
	types := []string{}
	switch t := p.Type.(type) {
	case string:
		types = append(types, t)
	case []any:
		for _, x := range t {
			types = append(types, fmt.Sprint(x))
		}
	}
	nullable := slices.Contains(types, "null") || slices.Contains(p.Enum, nil) || slices.Contains(optionalColumns, col)
	sqlType := "TEXT"
	switch {
	case slices.Contains(types, "integer"):
		sqlType = "INTEGER"
	case slices.Contains(types, "boolean"):
		sqlType = "BOOLEAN"
	}
	if !nullable {
		sqlType += " NOT NULL"
	}
	var values []string
	for _, v := range append(p.Enum, p.Const) {
		if s, ok := v.(string); ok {
			values = append(values, "'"+s+"'")
		}
	}
	if len(values) > 0 {
		return fmt.Sprintf("%s CHECK (%s IN (%s))", sqlType, col, strings.Join(values, ", "))
	}
	return sqlType
}
