package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// The page is one file with no external assets: it opens offline, prints cleanly (a print
// stylesheet, numbered pages), and can be saved as PDF from any browser. html/template escapes
// every value, and a Content-Security-Policy lets nothing run or load: no script at all, and
// only the page's own stylesheet, by its hash.
//
//go:embed summary.html.tmpl
var summaryHTML string

//go:embed summary.css
var summaryCSS string

var summaryTemplate = template.Must(template.New("summary").Funcs(template.FuncMap{
	"upper":      strings.ToUpper,
	"when":       (*words).when,
	"concern":    (*words).concern,
	"reached":    (*words).reached,
	"verb":       (*words).evidenceVerb,
	"answer":     (*words).answerValue,
	"priority":   (*words).priority,
	"unanswered": (*words).unanswered,
	"incomplete": (*words).incomplete,
	"domains":    (*words).domains,
	"howMuch":    (*words).howMuch,
	"due":        (*words).due,
	"sources":    sourceTitles,
	"whom":       (*words).whom,
	"around":     around,
	"unbroken":   unbroken,
	"split": func(actions []screening.SummaryAction) [][]screening.SummaryAction {
		now, later := splitActions(actions)
		return [][]screening.SummaryAction{now, later}
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

// htmlSummary is what the page template sees: the summary; W, its words in the summary's
// language; its stylesheet, and the policy that allows that stylesheet alone.
type htmlSummary struct {
	*screening.Summary
	W      *words
	Style  template.CSS
	Policy string
}

// WriteSummaryHTML writes the summary as one self-contained HTML page, for printing or saving
// as PDF from a browser.
func WriteSummaryHTML(w io.Writer, s *screening.Summary) error {
	wd := wordsFor(s.Language)
	style := summaryCSS + pageRules(wd, s)
	sum := sha256.Sum256([]byte(style))
	policy := "default-src 'none'; script-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
	// The stylesheet is written as it is hashed: every value in it was escaped by cssString.
	if err := summaryTemplate.Execute(w, htmlSummary{s, wd, template.CSS(style), policy}); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// pageRules are the printed pages' margins: the case reference at the top of every page (and
// TRAINING, for a mock interview), the set at the foot, and "Page 2 of 3", so a page that comes
// loose from the file can be put back.
func pageRules(w *words, s *screening.Summary) string {
	var b strings.Builder
	b.WriteString("@page {\n  margin: 18mm 16mm 20mm;\n")
	box := func(where, content string) {
		fmt.Fprintf(&b, "  @%s { content: %s; font-size: 9pt; font-family: system-ui, sans-serif; color: #000; }\n", where, content)
	}
	if s.CaseRef != "" {
		box("top-left", cssString(fmt.Sprintf(w.CaseRef, s.CaseRef)))
	}
	if s.Training {
		box("top-right", cssString(w.TrainingMark))
	}
	box("bottom-left", cssString(fmt.Sprintf("%s · %s %s", w.SummaryTitle, s.Set.ID, s.Set.Version)))
	box("bottom-right", pageCounter(w.PageOf))
	b.WriteString("}\n")
	return b.String()
}

// pageCounter is CSS content saying "Page %d of %d" in the summary's language, the numbers the
// page's and the document's counters.
func pageCounter(format string) string {
	const page, pages = 987654321, 987654322 // stand-ins, found again in the formatted phrase
	phrase := fmt.Sprintf(format, page, pages)
	before, rest, _ := strings.Cut(phrase, fmt.Sprint(page))
	middle, after, _ := strings.Cut(rest, fmt.Sprint(pages))
	return cssString(before) + " counter(page) " + cssString(middle) + " counter(pages) " + cssString(after)
}

// cssString quotes s as a CSS string that cannot end early or end the style element: every
// character but an ASCII letter or digit is written as a hex escape.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, `\%x `, r)
	}
	b.WriteByte('"')
	return b.String()
}

// whomLine is an action's contacts as the page names them, each linking to its one entry under
// Contacts: the phrase around them, and the contacts.
type whomLine struct {
	Before, After string
	Contacts      []screening.Contact
}

func (w *words) whom(a screening.SummaryAction) whomLine {
	before, after, _ := strings.Cut(w.ContactsOf, "%s")
	return whomLine{before, after, a.Contacts}
}

// around splits a phrase with one %s into what comes before and after it, for the page to put
// markup there: "call %s" is "call " and "".
func around(phrase string) [2]string {
	before, after, _ := strings.Cut(phrase, "%s")
	return [2]string{before, after}
}

// unbroken writes a phone number with no-break spaces and hyphens, so no line ends inside it in
// any reader, with or without the stylesheet; the link beside it dials the plain digits.
func unbroken(phone string) string {
	return strings.NewReplacer(" ", "\u00a0", "-", "\u2011").Replace(phone)
}
