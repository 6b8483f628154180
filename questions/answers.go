package questions

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// AnswersFileKeys are the keys of an answers file (`interview --answers FILE`).
var AnswersFileKeys = []string{"set", "answers", "notes"}

// AnswersFile is a decoded answers file: answers by question id, in file order, with positions.
type AnswersFile struct {
	Set     string // "id@version" or "id"; empty when not given
	SetPos  screening.Pos
	Answers []FileAnswer
	Notes   map[string]string // section id -> note
	NotePos map[string]screening.Pos
}

// FileAnswer is one answer as written: a state word, one value, or a list of values.
type FileAnswer struct {
	QuestionID string
	KeyPos     screening.Pos // of the question id
	Pos        screening.Pos // of the value
	screening.RawAnswer
}

// stateWords are what an answers file writes for an answer that is not a value.
var stateWords = map[string]screening.State{
	"declined":       screening.StateDeclined,
	"dont-know":      screening.StateDontKnow,
	"not-asked":      screening.StateNotAsked,
	"skip":           screening.StateNotAsked,
	"not-applicable": screening.StateNotApplicable,
}

// DecodeAnswers decodes an answers file. Errors carry the file name, line and column.
func DecodeAnswers(name string, data []byte) (*AnswersFile, error) {
	var findings screening.Findings
	root, ok := parse(data, &findings, "an answers file")
	if ok {
		d := &decoder{out: &findings}
		af := d.answersFile(root)
		if !findings.HasErrors() {
			return af, nil
		}
	}
	return nil, &InvalidError{File: name, Findings: findings}
}

func (d *decoder) answersFile(root *yaml.Node) *AnswersFile {
	af := &AnswersFile{Notes: map[string]string{}, NotePos: map[string]screening.Pos{}}
	fs, _ := d.fields(root, "the answers file", AnswersFileKeys)
	for _, f := range fs {
		switch f.name {
		case "set":
			af.Set, af.SetPos = d.str(f.val, "set")
		case "answers":
			for _, p := range d.idPairs(f.val, "answers", "a mapping of question ids to answers") {
				raw, ok := d.rawAnswer(p.val, fmt.Sprintf("the answer to %q", p.name))
				if ok {
					af.Answers = append(af.Answers, FileAnswer{QuestionID: p.name, KeyPos: pos(p.key), Pos: pos(p.val), RawAnswer: raw})
				}
			}
		case "notes":
			for _, p := range d.idPairs(f.val, "notes", "a mapping of section ids to notes") {
				af.Notes[p.name], af.NotePos[p.name] = d.str(p.val, "a note")
			}
		}
	}
	return af
}

// rawAnswer reads an answer as written: a state word, a value, or a list of values.
func (d *decoder) rawAnswer(v *yaml.Node, what string) (screening.RawAnswer, bool) {
	a := screening.RawAnswer{State: screening.StateAnswered}
	switch v.Kind {
	case yaml.SequenceNode:
		a.IsList = true
		a.Choices = []string{}
		for _, it := range v.Content {
			s, _ := d.str(it, what)
			a.Choices = append(a.Choices, s)
		}
	case yaml.ScalarNode:
		if isNull(v) {
			d.out.Errorf(pos(v), screening.RuleMissingField, "%s is empty; leave the question out to record it as not asked, or write declined, dont-know or not-asked", what)
			return a, false
		}
		d.printable(v, what)
		a.Text = v.Value
		if st, ok := stateWords[strings.ToLower(v.Value)]; ok && v.Tag == "!!str" {
			a.State, a.Text = st, ""
		}
	default:
		d.wrongType(v, what, "a value or a list of values")
		return a, false
	}
	return a, true
}
