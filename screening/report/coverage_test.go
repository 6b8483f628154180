package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// linesSet puts several things on one line: question b, its when (an any) and the when's two
// parts share line 15.
const linesSet = `format: safeharbor/v1
id: lines
version: 1.0.0
status: active
title: Lines
language: en
sources:
  - {id: guide, title: A guide}
levels: {possible: 2, clear: 4}
sections:
  - id: one
    title: One
    questions:
      - {id: a, mode: ask, type: yesno, text: "Did A happen?", indicator: a}
      - {id: b, mode: ask, type: yesno, text: "Did B happen?", indicator: b, when: {any: [{question: a, is: "yes"}, {question: a, declined: true}]}}
  - id: two
    title: Two
    questions:
      - {id: c, mode: ask, type: yesno, text: "Did C happen?"}
indicators:
  - {id: a, label: A, weight: 2, sources: [guide]}
  - {id: b, label: B, weight: 2, sources: [guide]}
contacts: [hotline, ncmec]
`

func TestCoverageLCOV(t *testing.T) {
	base, _ := shipped(t)
	f, err := questions.DecodeSet("sets/lines.yaml", []byte(linesSet), base)
	if err != nil {
		t.Fatal(err)
	}
	c := screening.NewCoverage(f.Set)
	yes := screening.RawAnswer{State: screening.StateAnswered, Text: "yes"}
	for _, rs := range [][]screening.Response{
		{{QuestionID: "a", Answer: yes, HasAnswer: true}},
		{{QuestionID: "a", Answer: yes, HasAnswer: true}, {QuestionID: "b", Answer: yes, HasAnswer: true}},
	} {
		if _, err := c.Test(&screening.Scenario{ID: "s", Responses: rs}); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := WriteCoverageLCOV(&b, []SetCoverage{{File: "sets/lines.yaml", Coverage: c}}); err != nil {
		t.Fatal(err)
	}
	// Line 9 holds the concerns none, possible (both reached) and clear (never): 0, the least.
	// Line 15 holds b (asked in one scenario of two) and three decisions: the any and its first
	// part, decided in both and true in both, and its second part, never decided ("-"): 0.
	want := `TN:
SF:sets/lines.yaml
FN:11,one
FN:16,two
FNDA:2,one
FNDA:0,two
FNF:2
FNH:1
BRDA:15,0,0,2
BRDA:15,0,1,0
BRDA:15,1,0,2
BRDA:15,1,1,0
BRDA:15,2,0,-
BRDA:15,2,1,-
BRF:6
BRH:2
DA:9,0
DA:14,2
DA:15,0
DA:19,0
DA:21,2
DA:22,1
LF:6
LH:3
end_of_record
`
	if b.String() != want {
		t.Errorf("LCOV:\n%s\nwant:\n%s", b.String(), want)
	}
	if err := WriteCoverageLCOV(&b, []SetCoverage{{File: "sets/a\nb.yaml", Coverage: c}}); err == nil || !strings.Contains(err.Error(), "cannot be written in LCOV") {
		t.Errorf("a file name with a newline: %v", err)
	}
}

// A share is never rounded up to a minimum it does not reach.
func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		covered, total int
		want           string
	}{{0, 3, "0.0%"}, {1, 3, "33.3%"}, {2, 3, "66.6%"}, {3, 3, "100.0%"}, {7999, 10000, "79.9%"}, {18, 26, "69.2%"}} {
		if got := Percent(tc.covered, tc.total); got != tc.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", tc.covered, tc.total, got, tc.want)
		}
	}
}
