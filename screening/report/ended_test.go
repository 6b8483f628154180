package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

// When the worker ends a screening early, the summary says why in words true to what happened:
// "after a disclosure" only when something was disclosed.
func TestEndedEarlySaysWhy(t *testing.T) {
	disclosed := disclosureSummary(t) // ended after a disclosure
	urgent := disclosureSummary(t)
	urgent.Indicators = nil // nothing disclosed; an urgent step was shown at once
	urgent.Actions = []screening.SummaryAction{{ID: "call-911", Priority: screening.PriorityUrgent, Text: "Call 911 now.", Interrupt: true}}
	plainEnd := disclosureSummary(t)
	plainEnd.Indicators, plainEnd.Actions = nil, nil
	nothingLeft := disclosureSummary(t) // ended after the last question: nothing was left
	nothingLeft.Answers = slices.DeleteFunc(slices.Clone(nothingLeft.Answers), func(a screening.QuestionAnswer) bool { return a.State == screening.StateNotAsked })
	for _, c := range []struct {
		name string
		sum  screening.Summary
		want string
		not  string
	}{
		{"disclosure", disclosed, "ended the conversation early, after a disclosure", ""},
		{"urgent step", urgent, "ended the conversation early, when something had to be done at once", "disclosure"},
		{"the worker's call", plainEnd, "The worker ended the conversation early. The questions left are listed as not asked.", "disclosure"},
		{"nothing left", nothingLeft, "ended the conversation early, after a disclosure.", "questions left"},
	} {
		for _, f := range []struct {
			name  string
			write func(*bytes.Buffer, *screening.Summary) error
		}{
			{"text", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryText(b, s) }},
			{"markdown", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryMarkdown(b, s) }},
			{"html", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryHTML(b, s) }},
		} {
			var b bytes.Buffer
			if err := f.write(&b, &c.sum); err != nil {
				t.Fatal(err)
			}
			out := strings.Join(strings.Fields(b.String()), " ")
			if !strings.Contains(out, c.want) {
				t.Errorf("%s, %s: lacks %q", c.name, f.name, c.want)
			}
			if c.not == "questions left" && strings.Contains(strings.ToLower(out), "the questions left") {
				t.Errorf("%s, %s: says questions were left, when none was", c.name, f.name)
			} else if c.not != "" && c.not != "questions left" && strings.Contains(strings.ToLower(out), "after a "+c.not) {
				t.Errorf("%s, %s: says after a %s", c.name, f.name, c.not)
			}
		}
	}
}

// The case reference the worker gave is on every summary a worker files: text and markdown
// too, not only the HTML page and the JSON.
func TestCaseReferenceOnEverySummary(t *testing.T) {
	sum := disclosureSummary(t)
	sum.CaseRef = "CASE-2026-0412"
	for name, write := range map[string]func(*bytes.Buffer, *screening.Summary) error{
		"text":     func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryText(b, s) },
		"markdown": func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryMarkdown(b, s) },
	} {
		var b bytes.Buffer
		if err := write(&b, &sum); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "Case reference: CASE-2026-0412") {
			t.Errorf("%s summary lacks the case reference:\n%.400s", name, b.String())
		}
	}
}
