package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

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

// readJSONScreenings reads one JSON object after another: summaries, or records one a line.
// What each is comes from its "format", the first key of every object safeharbor writes: each
// object is then decoded once, into what a record needs, the rest of it passed over.
func readJSONScreenings(data []byte, yield func(screening.Record)) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		rest := data[dec.InputOffset():]
		objStart := dec.InputOffset() + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n")))
		if objStart == int64(len(data)) {
			return nil
		}
		// The line is counted only for a message: counted for every object, from the start of
		// the data, it made reading n records take n² time (20,000 records: 43 s).
		line := func() int { l, _ := lineCol(data, objStart); return l }
		format, known := formatOf(data[objStart:])
		var err error
		switch format {
		case screening.SummaryFormat:
			var j slimSummary
			if err = dec.Decode(&j); err == nil {
				var sum *screening.Summary
				if sum, err = j.summary(); err == nil {
					yield(screening.RecordOf(sum))
					continue
				}
				return fmt.Errorf("line %d: summary: %w", line(), err)
			}
		case screening.RecordFormat:
			var obj map[string]json.RawMessage
			if err = dec.Decode(&obj); err == nil {
				var r screening.Record
				if r, err = decodeRecordJSON(obj); err == nil {
					yield(r)
					continue
				}
				return fmt.Errorf("line %d: record: %w", line(), err)
			}
		default:
			if !known {
				// Not one of ours as written: read the object to say what it is.
				var head struct {
					Format string `json:"format"`
				}
				if err = dec.Decode(&head); err == nil {
					format = head.Format
					if format == screening.SummaryFormat || format == screening.RecordFormat {
						return fmt.Errorf("line %d: %s whose first key is not format: not as safeharbor writes it", line(), format)
					}
				}
			}
			if err == nil {
				if format == "" {
					return fmt.Errorf("line %d: a JSON object with no format: not a summary (%s) or a record (%s)", line(), screening.SummaryFormat, screening.RecordFormat)
				}
				return fmt.Errorf("line %d: format %q: this version reads %s and %s", line(), format, screening.SummaryFormat, screening.RecordFormat)
			}
		}
		return jsonError(data, objStart, err)
	}
}

// formatRE is the start of an object safeharbor wrote: its format, first.
var formatRE = regexp.MustCompile(`^\{\s*"format"\s*:\s*"([^"\\]*)"`)

// formatOf reads the format an object starts with; known is false when it does not start so.
func formatOf(obj []byte) (format string, known bool) {
	m := formatRE.FindSubmatch(obj[:min(len(obj), 200)])
	if m == nil {
		return "", false
	}
	return string(m[1]), true
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

// slimSummary is what a record is made of, of a JSON summary: no words, no contacts, no notes,
// so reading thousands allocates little. Keys this version does not know (a later version's)
// are passed over.
type slimSummary struct {
	Format      string `json:"format"`
	QuestionSet struct {
		ID, Version, SHA256 string
	} `json:"question_set"`
	Interview struct {
		Started    *time.Time `json:"started"`
		Finished   *time.Time `json:"finished"`
		Language   string     `json:"language"`
		Training   bool       `json:"training"`
		EndedEarly bool       `json:"ended_early"`
	} `json:"interview"`
	Concern screening.Level `json:"concern"`
	Score   struct {
		Total int             `json:"total"`
		Level screening.Level `json:"level"`
	} `json:"score"`
	Domains []struct {
		ID    string          `json:"id"`
		Level screening.Level `json:"level"`
	} `json:"domains"`
	Completeness struct {
		Complete bool `json:"complete"`
		Declared bool `json:"rule_declared"`
		Applied  int  `json:"applied"`
		Answered int  `json:"answered"`
		Declined int  `json:"declined"`
		DontKnow int  `json:"dont_know"`
		NotAsked int  `json:"not_asked"`
	} `json:"completeness"`
	Indicators []struct {
		ID     string `json:"id"`
		Weight int    `json:"weight"`
	} `json:"indicators"`
	Actions []struct {
		ID  string `json:"id"`
		Due *struct {
			From   string     `json:"from"`
			Within string     `json:"within"`
			At     *time.Time `json:"at"`
		} `json:"due"`
		Made *struct {
			At time.Time `json:"at"`
		} `json:"made"`
	} `json:"actions"`
	Answers []struct {
		Question string   `json:"question"`
		State    string   `json:"state"`
		Values   []string `json:"values"`
		Fact     string   `json:"fact"`
	} `json:"answers"`
}

// summary is the summary as the domain has it, checked where a record uses it.
func (j *slimSummary) summary() (*screening.Summary, error) {
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
		sa := screening.SummaryAction{ID: a.ID}
		if a.Due != nil {
			sa.Due = &screening.Deadline{From: a.Due.From, WithinText: a.Due.Within}
			if a.Due.At != nil {
				sa.Due.At = *a.Due.At
			}
		}
		if a.Made != nil {
			// Judged again from the deadline, as the engine judges it, not taken on trust.
			sa.Made = &screening.Made{At: a.Made.At, InTime: screening.JudgeMade(sa.Due, a.Made.At)}
		}
		s.Actions = append(s.Actions, sa)
	}
	s.Answers = make([]screening.QuestionAnswer, 0, len(j.Answers))
	for _, a := range j.Answers {
		st := screening.State(a.State)
		if !screening.IsID(a.Question) || !slices.Contains(states, st) {
			return nil, fmt.Errorf("answer to %q in state %q: not a question's answer", a.Question, a.State)
		}
		f := screening.Fact(a.Fact)
		if f != "" && !f.Known() {
			return nil, fmt.Errorf("answer to %q records fact %q, which this version does not know", a.Question, a.Fact)
		}
		s.Answers = append(s.Answers, screening.QuestionAnswer{QuestionID: a.Question, State: st, Values: a.Values, Fact: f})
	}
	return s, nil
}

var states = []screening.State{screening.StateAnswered, screening.StateDeclined, screening.StateDontKnow, screening.StateNotAsked, screening.StateNotApplicable}

// decodeRecordJSON reads one record written as a JSON object.
func decodeRecordJSON(obj map[string]json.RawMessage) (screening.Record, error) {
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
