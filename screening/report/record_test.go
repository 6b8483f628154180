package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// v1Columns are the fixed columns as the first published records have them. They never move:
// a column is added at the end of record-columns.txt, never in between.
var v1Columns = []string{
	"format", "screening_id", "set_id", "set_version", "set_sha256", "training", "screened_month", "returned_month",
	"hours_to_screening", "age_band", "concern", "score", "complete", "completeness_rule", "questions_applied",
	"answered", "declined", "dont_know", "not_asked", "ended_early", "language", "interpreter", "indicators_raised",
	"actions_listed", "declined_questions", "dont_know_questions", "not_asked_questions",
}

var recordSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(RecordSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("record.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("record.schema.json")
})

// checkRecordLines holds every line of NDJSON records to the published schema.
func checkRecordLines(t *testing.T, data []byte) {
	t.Helper()
	sch, err := recordSchema()
	if err != nil {
		t.Fatalf("the record schema does not compile: %v", err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("line %d does not hold to the record schema:\n%v", i+1, err)
		}
	}
}

func TestRecordColumns(t *testing.T) {
	cols := RecordColumns
	if !slices.Equal(cols[:len(v1Columns)], v1Columns) {
		t.Fatalf("record-columns.txt begins\n%v\nnot\n%v", cols[:len(v1Columns)], v1Columns)
	}
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c] {
			t.Errorf("column %s is listed twice", c)
		}
		seen[c] = true
		_, fixed := fixedColumns[c]
		dynamic := false
		for _, p := range []string{domainPrefix, indicatorPrefix, actionPrefix, inTimePrefix} {
			dynamic = dynamic || strings.HasPrefix(c, p)
		}
		if fixed == dynamic {
			t.Errorf("column %s: fixed %v, per domain, indicator or action %v", c, fixed, dynamic)
		}
	}
	for c := range fixedColumns {
		if !seen[c] {
			t.Errorf("the writer has column %s, which record-columns.txt does not list", c)
		}
	}

	// Every domain, indicator and action of a shipped set has its columns, so every screening on
	// one is written with the published header.
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := questions.LoadCatalog(questions.FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range catalog.Sets {
		if f.Set.ID == "example" {
			continue // the format's example, not a set to screen with
		}
		var want []string
		for _, d := range f.Set.Domains {
			want = append(want, columnOf(domainPrefix, d.ID))
		}
		for _, ind := range f.Set.Indicators {
			want = append(want, columnOf(indicatorPrefix, ind.ID))
		}
		for _, a := range f.Set.Actions {
			want = append(want, columnOf(actionPrefix, a.ID), columnOf(inTimePrefix, a.ID))
		}
		for _, c := range want {
			if !seen[c] {
				t.Errorf("%s@%s: no column %s: add it at the end of record-columns.txt", f.Set.ID, f.Set.Version, c)
			}
		}
	}

	// The schema describes exactly the fixed columns, with their kinds.
	var sch struct {
		Required   []string
		Properties map[string]struct {
			Type any
			Enum []any
		}
	}
	if err := json.Unmarshal(RecordSchema, &sch); err != nil {
		t.Fatal(err)
	}
	for c, fc := range fixedColumns {
		p, ok := sch.Properties[c]
		if !ok || !slices.Contains(sch.Required, c) {
			t.Errorf("column %s is not a required property of the schema", c)
			continue
		}
		want := map[colKind]string{textCol: "string", intCol: "integer", boolCol: "boolean"}[fc.kind]
		if got := fmt.Sprint(p.Type); p.Enum == nil && !strings.Contains(got, want) && c != "format" {
			t.Errorf("column %s is %s in the schema, %s in the writer", c, got, want)
		}
	}
	if len(sch.Properties) != len(fixedColumns) {
		t.Errorf("the schema has %d properties, the writer %d fixed columns", len(sch.Properties), len(fixedColumns))
	}
}

// readAll reads every screening in data.
func readAll(t testing.TB, data []byte) []screening.Record {
	t.Helper()
	var out []screening.Record
	if err := ReadScreenings(data, func(r screening.Record) { out = append(out, r) }); err != nil {
		t.Fatal(err)
	}
	return out
}

// goldenSummaries are the JSON summaries the summary tests pin, read as records.
func goldenSummaries(t testing.TB) ([]screening.Record, []byte) {
	t.Helper()
	names, _ := filepath.Glob("testdata/*.summary.json")
	if len(names) < 4 {
		t.Fatalf("only %d summaries in testdata", len(names))
	}
	var records []screening.Record
	var all []byte
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, data...)
		records = append(records, readAll(t, data)...)
	}
	return records, all
}

func TestRecordsFromSummaries(t *testing.T) {
	records, _ := goldenSummaries(t)
	byName := map[string]screening.Record{}
	var made *screening.Record // newer-made: newer-clear with two actions recorded done
	for _, r := range records {
		name := r.SetID + "/" + string(r.Concern) + "/" + r.Language + fmt.Sprint(r.Training)
		if _, dup := byName[name]; dup && name == "county-return/clear/enfalse" {
			made = &r
			continue
		}
		byName[name] = r
	}
	d, ok := byName["post-return/clear/enfalse"]
	if !ok {
		t.Fatalf("no record of the disclosure summary among %v", byName)
	}
	if d.AgeBand != screening.Age15To17 || d.ScreenedMonth != "2026-11" || d.ReturnedMonth != "" || d.HoursToScreening != nil ||
		d.Interpreter != screening.InterpreterNo || !d.EndedEarly || d.SetVersion != "1.0.0" {
		t.Errorf("disclosure: %+v", d)
	}
	n, ok := byName["county-return/clear/enfalse"]
	if !ok {
		t.Fatalf("no record of the newer clear summary among %v", byName)
	}
	// Returned Wed 2 Dec 21:30 EST (3 Dec 02:30 UTC); screened 3 Dec 19:00 UTC.
	if n.ReturnedMonth != "2026-12" || n.HoursToScreening == nil || *n.HoursToScreening != 16 || n.AgeBand != screening.AgeBandUnset {
		t.Errorf("newer clear: returned %s, hours %v, age %s", n.ReturnedMonth, n.HoursToScreening, n.AgeBand)
	}
	if len(n.Domains) != 5 || !slices.Contains(n.Indicators, "exchange") {
		t.Errorf("newer clear: domains %v, indicators %v", n.Domains, n.Indicators)
	}
	for _, a := range n.Actions {
		want := screening.InTimeNoDeadline
		if a.ID == "report-now" || a.ID == "medical-window" {
			want = screening.InTimeUnknown
		}
		if a.InTime != want {
			t.Errorf("newer clear: action %s in time %q, want %q", a.ID, a.InTime, want)
		}
	}
	if n.Mode != screening.FactUnknown || n.WorkerRole != screening.FactUnknown || n.InterpreterLanguage != screening.FactUnknown || n.InterpreterTrained != screening.FactUnknown {
		t.Errorf("newer clear: a set with no such questions gives mode %q, role %q, interpreter %q, %q", n.Mode, n.WorkerRole, n.InterpreterLanguage, n.InterpreterTrained)
	}
	if made == nil {
		t.Fatal("no record of the summary with actions recorded done")
	}
	// The same interview, with times recorded since: one screening, counted once.
	if made.ScreeningID != n.ScreeningID {
		t.Error("an action recorded done made the summary another screening")
	}
	for _, a := range made.Actions {
		want := map[string]string{"report-now": screening.InTimeNo, "medical-window": screening.InTimeYes}[a.ID]
		if want == "" {
			want = screening.InTimeNoDeadline
		}
		if a.InTime != want {
			t.Errorf("newer made: action %s in time %q, want %q", a.ID, a.InTime, want)
		}
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	records, summaries := goldenSummaries(t)
	header := RecordHeader(records)
	if !slices.Equal(header[:len(RecordColumns)], RecordColumns) {
		t.Fatal("the header does not begin with the published columns")
	}
	// The test set county-return is not shipped: its columns come after the published ones.
	if !slices.Contains(header[len(RecordColumns):], "indicator_drug_running") {
		t.Errorf("the header has no column of its own for county-return's indicators: %v", header[len(RecordColumns):])
	}
	var csvOut, ndjson bytes.Buffer
	if err := WriteRecordsCSV(&csvOut, header, records); err != nil {
		t.Fatal(err)
	}
	if err := WriteRecordsNDJSON(&ndjson, header, records); err != nil {
		t.Fatal(err)
	}
	checkRecordLines(t, ndjson.Bytes())
	for name, data := range map[string][]byte{"csv": csvOut.Bytes(), "ndjson": ndjson.Bytes()} {
		back := readAll(t, data)
		if got, want := fmt.Sprintf("%+v", deref(back)), fmt.Sprintf("%+v", deref(records)); got != want {
			t.Errorf("%s: read back\n%s\nwritten\n%s", name, got, want)
		}
	}
	// What the summaries hold in anyone's words is not in a record.
	var words []string
	var sums []map[string]any
	dec := json.NewDecoder(bytes.NewReader(summaries))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		sums = append(sums, m)
	}
	for _, m := range sums {
		for _, n := range m["notes"].([]any) {
			words = append(words, n.(map[string]any)["text"].(string))
		}
		for _, a := range m["answers"].([]any) {
			if v, ok := a.(map[string]any)["value"].(string); ok && len(v) > 3 && v != "None" {
				words = append(words, v)
			}
		}
	}
	if len(words) < 20 {
		t.Fatalf("only %d answers and notes to look for", len(words))
	}
	for _, out := range []string{csvOut.String(), ndjson.String()} {
		for _, w := range words {
			if strings.Contains(out, w) {
				t.Errorf("a record holds %q", w)
			}
		}
		// Nor the worker's id, which newer-made.summary.json carries.
		if !bytes.Contains(summaries, []byte(`"worker_id": "w-0417"`)) || strings.Contains(out, "w-0417") {
			t.Error("the worker's id is not in the summaries, or it is in a record")
		}
	}
}

// Records written before the screening's own facts were columns read as not knowing them.
func TestRecordsWithoutTheNewerColumns(t *testing.T) {
	records, _ := goldenSummaries(t)
	var header []string
	for _, c := range RecordHeader(records) {
		if _, newer := newerColumns[c]; !newer {
			header = append(header, c)
		}
	}
	var csvOut, ndjson bytes.Buffer
	if err := WriteRecordsCSV(&csvOut, header, records); err != nil {
		t.Fatal(err)
	}
	if err := WriteRecordsNDJSON(&ndjson, header, records); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"csv": csvOut.Bytes(), "ndjson": ndjson.Bytes()} {
		back := readAll(t, data)
		if len(back) != len(records) {
			t.Fatalf("%s: %d records read back of %d", name, len(back), len(records))
		}
		for _, r := range back {
			if r.Mode != screening.FactUnknown || r.InterpreterLanguage != screening.FactUnknown || r.InterpreterTrained != screening.FactUnknown || r.WorkerRole != screening.FactUnknown {
				t.Errorf("%s: an older record reads as mode %q, language %q, trained %q, role %q", name, r.Mode, r.InterpreterLanguage, r.InterpreterTrained, r.WorkerRole)
			}
		}
	}
}

// deref shows the hours, not the pointer.
func deref(rs []screening.Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		h := "nil"
		if r.HoursToScreening != nil {
			h = fmt.Sprint(*r.HoursToScreening)
		}
		r.HoursToScreening = nil
		out[i] = fmt.Sprintf("%+v hours=%s", r, h)
	}
	return out
}

func TestReadScreeningsRefuses(t *testing.T) {
	one := screening.Record{
		ScreeningID: strings.Repeat("ab", 32), SetID: "county-return", SetVersion: "2.0.0", ScreenedMonth: "2026-12",
		AgeBand: screening.Age15To17, Concern: screening.LevelNone, Language: "en", Interpreter: screening.InterpreterUnknown,
		Actions: []screening.RecordAction{{ID: "give-hotline", InTime: screening.InTimeNoDeadline}},
	}
	header := RecordHeader([]screening.Record{one})
	var good bytes.Buffer
	if err := WriteRecordsCSV(&good, header, []screening.Record{one, one}); err != nil {
		t.Fatal(err)
	}
	var goodJSON bytes.Buffer
	if err := WriteRecordsNDJSON(&goodJSON, header, []screening.Record{one, one}); err != nil {
		t.Fatal(err)
	}
	if n := len(readAll(t, good.Bytes())); n != 2 {
		t.Fatalf("read %d records of 2", n)
	}
	lines := strings.Split(goodJSON.String(), "\n")
	summary, err := os.ReadFile("testdata/quiet.summary.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data, want string
	}{
		{"empty", "  \n", "the file is empty"},
		{"not a format of ours", "name,age\nRae,15\n", "not a summary (JSON) or records"},
		{"JSON cut off", goodJSON.String()[:200], "line 1: the JSON that starts here is cut off"},
		{"bad JSON on the second line", strings.Replace(goodJSON.String(), "\n{", "\n{{", 1), "line 2, column 2: not JSON"},
		{"a JSON object with no format", "{\"name\": \"Rae\"}", "line 1: a JSON object with no format"},
		{"a later format", `{"format": "safeharbor-record/v2"}`, `format "safeharbor-record/v2": this version reads`},
		{"an age in years", strings.Replace(good.String(), "15-17", "15", 1), "line 2: column age_band: \"15\" is not one of"},
		{"a date, not a month", lines[0] + "\n" + strings.Replace(lines[1], `"2026-12"`, `"2026-12-03"`, 1), "line 2: record: column screened_month: \"2026-12-03\" is not a month"},
		{"a boolean that is neither", strings.Replace(good.String(), ",1,no-deadline", ",yes,no-deadline", 1), "line 2: column action_give_hotline: \"yes\" is not 1 or 0"},
		{"an action with no word on its time", strings.Replace(good.String(), ",1,no-deadline", ",1,", 1), "line 2: column in_time_give_hotline: action give-hotline is listed"},
		{"a missing column", strings.Replace(goodJSON.String(), `"concern":"none",`, "", 1), "line 1: record: column concern: missing"},
		{"a CSV row of the wrong length", good.String() + "a,b\n", "record on line 4: wrong number of fields"},
		{"a summary with an unknown state", strings.Replace(string(summary), `"state": "not-asked"`, `"state": "skipped"`, 1), "summary: answer to"},
		{"a summary of another format", strings.Replace(string(summary), "safeharbor-summary/v1", "safeharbor-summary/v9", 1), `format "safeharbor-summary/v9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ReadScreenings([]byte(tt.data), func(screening.Record) {})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// Reading records back: one county's year as NDJSON and as CSV, the shape a data team hands
// to stats. The records are the golden summaries' records, repeated.
//
//	go test ./screening/report -run '^$' -bench ReadRecords -benchtime 5x
func BenchmarkReadRecords(b *testing.B) {
	records, _ := goldenSummaries(b)
	const n = 20000
	var many []screening.Record
	for len(many) < n {
		many = append(many, records...)
	}
	many = many[:n]
	header := RecordHeader(many)
	for _, f := range []struct {
		name  string
		write func(io.Writer, []string, []screening.Record) error
	}{{"ndjson", WriteRecordsNDJSON}, {"csv", WriteRecordsCSV}} {
		var buf bytes.Buffer
		if err := f.write(&buf, header, many); err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				read := 0
				if err := ReadScreenings(buf.Bytes(), func(screening.Record) { read++ }); err != nil || read != n {
					b.Fatalf("read %d of %d: %v", read, n, err)
				}
			}
		})
	}
}
