package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// Recording an action done in a summary already written: the one change safeharbor report-made
// makes to a JSON summary. Everything else in it is kept byte for byte, keys this version does
// not know included, so a summary is never lost or altered by having a time added to it.

// ErrAlreadyMade is an action that already records when it was done.
var ErrAlreadyMade = errors.New("already recorded as done")

// MadeSummary is what a summary says that recording an action done needs.
type MadeSummary struct {
	Started  time.Time // zero when the summary does not say
	Language string
	Actions  []string // the ids of the actions it lists, in order
}

// madeView is what RecordMade reads of a JSON summary.
type madeView struct {
	Format    string `json:"format"`
	Interview struct {
		Started  *time.Time `json:"started"`
		Language string     `json:"language"`
	} `json:"interview"`
	Actions []madeAction `json:"actions"`
}

type madeAction struct {
	ID  string `json:"id"`
	Due *struct {
		At *time.Time `json:"at"`
	} `json:"due"`
	Made *struct {
		At time.Time `json:"at"`
	} `json:"made"`
}

// ReadMadeSummary reads what recording an action done needs from a JSON summary, refusing what
// is not one.
func ReadMadeSummary(summary []byte) (MadeSummary, error) {
	v, err := readMadeView(summary)
	if err != nil {
		return MadeSummary{}, err
	}
	out := MadeSummary{Language: v.Interview.Language}
	if v.Interview.Started != nil {
		out.Started = *v.Interview.Started
	}
	for _, a := range v.Actions {
		out.Actions = append(out.Actions, a.ID)
	}
	return out, nil
}

func readMadeView(summary []byte) (*madeView, error) {
	var v madeView
	if err := json.Unmarshal(summary, &v); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			line, col := lineCol(summary, syntax.Offset-1)
			if syntax.Offset >= int64(len(summary)) {
				return nil, fmt.Errorf("line %d, column %d: the JSON is cut off here", line, col)
			}
			return nil, fmt.Errorf("line %d, column %d: not JSON: %v", line, col, err)
		}
		return nil, fmt.Errorf("not a JSON summary: %v", err)
	}
	if v.Format != screening.SummaryFormat {
		return nil, fmt.Errorf("not a JSON summary (format %q, where a summary says %s); only a JSON summary records when an action was done", v.Format, screening.SummaryFormat)
	}
	if !screening.IsLanguageTag(v.Interview.Language) {
		return nil, fmt.Errorf("interview.language %q is not a language tag", v.Interview.Language)
	}
	return &v, nil
}

// RecordMade adds to a JSON summary when the action was done: the action's "made" key, as
// WriteSummaryJSON writes it, and nothing else changed. A time later than the action's deadline
// is recorded as late, never refused; a time before the interview started, or later than now, is
// refused (screening.CheckMade). An action that already records a time keeps it unless replace.
func RecordMade(summary []byte, actionID string, at, now time.Time, replace bool) ([]byte, screening.Made, error) {
	v, err := readMadeView(summary)
	if err != nil {
		return nil, screening.Made{}, err
	}
	k := slices.IndexFunc(v.Actions, func(a madeAction) bool { return a.ID == actionID })
	if k < 0 {
		ids := make([]string, len(v.Actions))
		for i, a := range v.Actions {
			ids[i] = a.ID
		}
		return nil, screening.Made{}, fmt.Errorf("the summary lists no action %q%s; it lists %s", actionID, screening.DidYouMean(actionID, ids), orNone(ids))
	}
	act := v.Actions[k]
	if act.Made != nil && !replace {
		return nil, screening.Made{}, fmt.Errorf("action %s: %w, at %s", actionID, ErrAlreadyMade, screening.FormatClock(act.Made.At.In(at.Location()), v.Interview.Language))
	}
	var started time.Time
	if v.Interview.Started != nil {
		started = *v.Interview.Started
	}
	if err := screening.CheckMade(at, started, now); err != nil {
		return nil, screening.Made{}, err
	}
	var due *screening.Deadline
	if act.Due != nil {
		due = &screening.Deadline{}
		if act.Due.At != nil {
			due.At = *act.Due.At
		}
	}
	made := screening.Made{At: at, InTime: screening.JudgeMade(due, at)}
	key, err := json.Marshal(madeJSON(made, v.Interview.Language))
	if err != nil {
		return nil, made, err
	}
	out, err := editMembers(summary, func(top []member) error {
		i := slices.IndexFunc(top, func(m member) bool { return m.key == "actions" })
		var actions []json.RawMessage
		if err := json.Unmarshal(top[i].value, &actions); err != nil {
			return err
		}
		fields, err := members(actions[k])
		if err != nil {
			return err
		}
		if j := slices.IndexFunc(fields, func(m member) bool { return m.key == "made" }); j >= 0 {
			fields[j].value = key
		} else {
			fields = append(fields, member{"made", key})
		}
		actions[k] = joinMembers(fields)
		top[i].value = joinArray(actions)
		return nil
	})
	return out, made, err
}

func orNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// member is one key of a JSON object and its value as written.
type member struct {
	key   string
	value json.RawMessage
}

// members splits a JSON object into its keys and values, in their order, values as written.
func members(obj []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var out []member
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		out = append(out, member{t.(string), raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if rest := bytes.TrimSpace(obj[dec.InputOffset():]); len(rest) > 0 {
		return nil, errors.New("more than one JSON value")
	}
	return out, nil
}

func joinMembers(ms []member) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func joinArray(vs []json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(v)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// editMembers changes a JSON summary's top-level keys and writes it again as WriteSummaryJSON
// lays it out: indented by two spaces, one newline at the end. Values are copied as written:
// compacting and indenting only moves the space between them.
func editMembers(summary []byte, edit func([]member) error) ([]byte, error) {
	top, err := members(summary)
	if err != nil {
		return nil, err
	}
	if err := edit(top); err != nil {
		return nil, err
	}
	var compact, out bytes.Buffer
	if err := json.Compact(&compact, joinMembers(top)); err != nil {
		return nil, err
	}
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// SummaryData is what a JSON summary records as data, enough to make it again from its set:
// which set, when, in what language and by whom, every answer's state and values, the notes,
// and when actions were done.
type SummaryData struct {
	Set                  screening.SetRef
	Started, Finished    time.Time // zero when not known
	Language             string
	Training, EndedEarly bool
	CaseRef, WorkerID    string
	Answers              []SummaryAnswer
	Notes                map[string]string    // section id -> note
	Made                 map[string]time.Time // action id -> when it was done
}

// SummaryAnswer is one answer as a summary records it.
type SummaryAnswer struct {
	Question string
	State    screening.State
	Values   []string
	Language string // the language it was asked in, when the interview used a translation
}

// ReadSummaryData reads what a JSON summary records as data.
func ReadSummaryData(summary []byte) (*SummaryData, error) {
	if _, err := readMadeView(summary); err != nil {
		return nil, err
	}
	var j struct {
		QuestionSet struct{ ID, Version, SHA256, Title string } `json:"question_set"`
		Interview   struct {
			Started    *time.Time `json:"started"`
			Finished   *time.Time `json:"finished"`
			Language   string     `json:"language"`
			Training   bool       `json:"training"`
			EndedEarly bool       `json:"ended_early"`
			CaseRef    string     `json:"case_ref"`
			WorkerID   string     `json:"worker_id"`
		} `json:"interview"`
		Notes []struct {
			Section string `json:"section"`
			Text    string `json:"text"`
		} `json:"notes"`
		Actions []struct {
			ID   string `json:"id"`
			Made *struct {
				At time.Time `json:"at"`
			} `json:"made"`
		} `json:"actions"`
		Answers []struct {
			Question string   `json:"question"`
			State    string   `json:"state"`
			Values   []string `json:"values"`
			Language string   `json:"language"`
		} `json:"answers"`
	}
	if err := json.Unmarshal(summary, &j); err != nil {
		return nil, fmt.Errorf("not a JSON summary: %v", err)
	}
	d := &SummaryData{
		Set:      screening.SetRef{ID: j.QuestionSet.ID, Version: j.QuestionSet.Version, SHA256: j.QuestionSet.SHA256, Title: j.QuestionSet.Title},
		Language: j.Interview.Language, Training: j.Interview.Training, EndedEarly: j.Interview.EndedEarly,
		CaseRef: j.Interview.CaseRef, WorkerID: j.Interview.WorkerID,
		Notes: map[string]string{}, Made: map[string]time.Time{},
	}
	if j.Interview.Started != nil {
		d.Started = *j.Interview.Started
	}
	if j.Interview.Finished != nil {
		d.Finished = *j.Interview.Finished
	}
	for _, n := range j.Notes {
		d.Notes[n.Section] = n.Text
	}
	for _, a := range j.Actions {
		if a.Made != nil {
			d.Made[a.ID] = a.Made.At
		}
	}
	for _, a := range j.Answers {
		st := screening.State(a.State)
		if !slices.Contains(states, st) {
			return nil, fmt.Errorf("answer to %q in state %q: not a question's answer", a.Question, a.State)
		}
		d.Answers = append(d.Answers, SummaryAnswer{Question: a.Question, State: st, Values: a.Values, Language: a.Language})
	}
	return d, nil
}
