package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// The page is one file with no external assets: it opens offline, prints cleanly (a print
// stylesheet), and can be saved as PDF from any browser. html/template escapes every value.
//
//go:embed summary.html.tmpl
var summaryHTML string

var summaryTemplate = template.Must(template.New("summary").Funcs(template.FuncMap{
	"upper":      strings.ToUpper,
	"when":       (*words).when,
	"concern":    (*words).concern,
	"reached":    (*words).reached,
	"verb":       (*words).evidenceVerb,
	"answer":     (*words).answerValue,
	"contact":    (*words).contactLine,
	"priority":   (*words).priority,
	"unanswered": (*words).unanswered,
	"incomplete": (*words).incomplete,
	"domains":    (*words).domains,
	"howMuch":    (*words).howMuch,
	"due":        (*words).due,
	"sources":    sourceTitles,
	"split": func(actions []screening.SummaryAction) [][]screening.SummaryAction {
		now, later := splitActions(actions)
		return [][]screening.SummaryAction{now, later}
	},
	"tel": func(phone string) string {
		// The number to dial: digits and +, from "1-800-THE-LOST (1-800-843-5678)" the part in brackets.
		if i := strings.Index(phone, "("); i >= 0 {
			phone = phone[i+1:]
		}
		var b strings.Builder
		for _, r := range phone {
			if (r >= '0' && r <= '9') || r == '+' {
				b.WriteRune(r)
			}
		}
		return b.String()
	},
	"skipNA": func(answers []screening.QuestionAnswer) []screening.QuestionAnswer {
		var out []screening.QuestionAnswer
		for _, a := range answers {
			if a.State != screening.StateNotApplicable {
				out = append(out, a)
			}
		}
		return out
	},
}).Parse(summaryHTML))

// htmlSummary is what the page template sees: the summary, and W, its words in the summary's
// language.
type htmlSummary struct {
	*screening.Summary
	W *words
}

// WriteSummaryHTML writes the summary as one self-contained HTML page, for printing or saving
// as PDF from a browser.
func WriteSummaryHTML(w io.Writer, s *screening.Summary) error {
	if err := summaryTemplate.Execute(w, htmlSummary{s, wordsFor(s.Language)}); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}
