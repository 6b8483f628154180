package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// Reading what safeharbor wrote back: JSON summaries (interview --format json) and records (CSV
// or NDJSON), for records and statistics.

// ReadScreenings reads the screenings in one file's content, and gives each as a record: a JSON
// summary (de-identified here, the answers and notes going no further), JSON or NDJSON records,
// or CSV records. Anything else, or anything in it that is not what the format says, is an error
// that says where.
func ReadScreenings(data []byte, yield func(screening.Record)) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark, as some tools save
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return errors.New("the file is empty")
	case trimmed[0] == '{':
		return readJSONScreenings(data, yield)
	}
	return readCSVRecords(data, yield)
}

// readJSONScreenings reads one JSON object after another: a summary, or records one a line.
func readJSONScreenings(data []byte, yield func(screening.Record)) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	for n := 1; ; n++ {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			return nil
		} else if err != nil {
			return jsonError(data, start, err)
		}
		rest := data[start:]
		line, _ := lineCol(data, start+int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n"))))
		var head struct {
			Format string `json:"format"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			return fmt.Errorf("line %d: not a summary or a record: %v", line, err)
		}
		switch head.Format {
		case screening.SummaryFormat:
			sum, err := decodeSummary(raw)
			if err != nil {
				return fmt.Errorf("line %d: summary: %w", line, err)
			}
			yield(screening.RecordOf(sum))
		case screening.RecordFormat:
			r, err := decodeRecordJSON(raw)
			if err != nil {
				return fmt.Errorf("line %d: record: %w", line, err)
			}
			yield(r)
		case "":
			return fmt.Errorf("line %d: a JSON object with no format: not a summary (%s) or a record (%s)", line, screening.SummaryFormat, screening.RecordFormat)
		default:
			return fmt.Errorf("line %d: format %q: this version reads %s and %s", line, head.Format, screening.SummaryFormat, screening.RecordFormat)
		}
	}
}

// jsonError says where JSON that cannot be read goes wrong.
func jsonError(data []byte, start int64, err error) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		line, col := lineCol(data, syntax.Offset-1) // Offset is just after the byte at fault
		return fmt.Errorf("line %d, column %d: not JSON: %v", line, col, err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, _ := lineCol(data, start)
		return fmt.Errorf("line %d: the JSON that starts here is cut off", line)
	}
	line, _ := lineCol(data, start)
	return fmt.Errorf("line %d: not JSON: %v", line, err)
}

// lineCol is the 1-based line and column of a byte offset.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	return line, int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
}

// decodeSummary reads a JSON summary into what a record is made of, checking what it uses. Keys
// this version does not know (a later version's) are passed over.
func decodeSummary(raw []byte) (*screening.Summary, error) {
	var j jsonSummary
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	s := &screening.Summary{
		Format:     j.Format,
		Set:        screening.SetRef{ID: j.QuestionSet.ID, Version: j.QuestionSet.Version, SHA256: j.QuestionSet.SHA256},
		Language:   j.Interview.Language,
		Training:   j.Interview.Training,
		EndedEarly: j.Interview.EndedEarly,
		Concern:    j.Concern,
		Level:      j.Score.Level,
		Score:      j.Score.Total,
		Completeness: screening.Completeness{
			Applied: j.Completeness.Applied, Answered: j.Completeness.Answered, Declined: j.Completeness.Declined,
			DontKnow: j.Completeness.DontKnow, NotAsked: j.Completeness.NotAsked, Ruled: j.Completeness.Declared,
			Incomplete: !j.Completeness.Complete,
		},
	}
	switch {
	case !screening.IsID(s.Set.ID):
		return nil, fmt.Errorf("question_set.id %q is not a set id", s.Set.ID)
	case !screening.IsSemver(s.Set.Version):
		return nil, fmt.Errorf("question_set.version %q is not a version (MAJOR.MINOR.PATCH)", s.Set.Version)
	case strings.Trim(s.Set.SHA256, "0123456789abcdef") != "":
		return nil, fmt.Errorf("question_set.sha256 %q is not a SHA-256 in hexadecimal", s.Set.SHA256)
	case !slices.Contains(concerns, s.Concern):
		return nil, fmt.Errorf("concern %q is not one of %v", s.Concern, concerns)
	case !screening.IsLanguageTag(s.Language):
		return nil, fmt.Errorf("interview.language %q is not a language tag", s.Language)
	case j.Answers == nil:
		return nil, errors.New("answers is missing")
	}
	if j.Interview.Started != nil {
		s.Started = *j.Interview.Started
	}
	if j.Interview.Finished != nil {
		s.Finished = *j.Interview.Finished
	}
	for _, d := range j.Domains {
		if !screening.IsID(d.ID) || !slices.Contains(concerns, d.Level) {
			return nil, fmt.Errorf("domain %q at level %q: not a domain's level", d.ID, d.Level)
		}
		s.Domains = append(s.Domains, screening.DomainLevel{ID: d.ID, Level: d.Level})
	}
	for _, ind := range j.Indicators {
		if !screening.IsID(ind.ID) {
			return nil, fmt.Errorf("indicator id %q is not an id", ind.ID)
		}
		s.Indicators = append(s.Indicators, screening.RaisedIndicator{ID: ind.ID, Weight: ind.Weight})
	}
	for _, a := range j.Actions {
		if !screening.IsID(a.ID) {
			return nil, fmt.Errorf("action id %q is not an id", a.ID)
		}
		sa := screening.SummaryAction{ID: a.ID, Priority: screening.Priority(a.Priority)}
		if a.Due != nil {
			sa.Due = &screening.Deadline{From: a.Due.From, WithinText: a.Due.Within}
		}
		s.Actions = append(s.Actions, sa)
	}
	for _, a := range j.Answers {
		st := screening.State(a.State)
		if !screening.IsID(a.Question) || !slices.Contains(states, st) {
			return nil, fmt.Errorf("answer to %q in state %q: not a question's answer", a.Question, a.State)
		}
		f := screening.Fact(a.Fact)
		if f != "" && !f.Known() {
			return nil, fmt.Errorf("answer to %q records fact %q, which this version does not know", a.Question, a.Fact)
		}
		s.Answers = append(s.Answers, screening.QuestionAnswer{QuestionID: a.Question, SectionID: a.Section, Mode: screening.Mode(a.Mode), State: st, Values: a.Values, Fact: f})
	}
	return s, nil
}

var states = []screening.State{screening.StateAnswered, screening.StateDeclined, screening.StateDontKnow, screening.StateNotAsked, screening.StateNotApplicable}

// decodeRecordJSON reads one record written as a JSON object.
func decodeRecordJSON(raw []byte) (screening.Record, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return screening.Record{}, err
	}
	cells := make(map[string]string, len(obj))
	for col, v := range obj {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			return screening.Record{}, fmt.Errorf("column %s: %w", col, err)
		}
		switch x := x.(type) {
		case nil: // null: not given
		case bool:
			cells[col] = boolText(x)
		case float64:
			cells[col] = string(v)
		case string:
			cells[col] = x
		default:
			return screening.Record{}, fmt.Errorf("column %s: a list or an object, where a record has a value", col)
		}
	}
	return recordFromCells(cells)
}

// readCSVRecords reads records written as CSV, with their header.
func readCSVRecords(data []byte, yield func(screening.Record)) error {
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(data)))
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("not CSV records: %w", err)
	}
	if !slices.Contains(header, "screening_id") || !slices.Contains(header, "format") {
		return errors.New("not a summary (JSON) or records (NDJSON or CSV with a screening_id column)")
	}
	cr.ReuseRecord = true
	cells := make(map[string]string, len(header))
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err // a csv.ParseError says the line and column
		}
		clear(cells)
		for k, v := range row {
			if v != "" {
				cells[header[k]] = v
			}
		}
		r, err := recordFromCells(cells)
		if err != nil {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("line %d: %w", line, err)
		}
		yield(r)
	}
}
