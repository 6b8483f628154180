package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode/utf8"

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
	"upper":       strings.ToUpper,
	"when":        (*words).when,
	"concern":     (*words).concern,
	"reached":     (*words).reached,
	"verb":        (*words).evidenceVerb,
	"answer":      (*words).answerValue,
	"priority":    (*words).priority,
	"unanswered":  (*words).unanswered,
	"returnLater": (*words).returnLater,
	"incomplete":  (*words).incomplete,
	"domains":     (*words).domains,
	"howMuch":     (*words).howMuch,
	"due":         (*words).due,
	"made":        (*words).made,
	"cell":        (*words).answerCell,
	"sources":     sourceTitles,
	"whom":        (*words).whom,
	"around":      around,
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

// maxTitle is how long a page's title may be: browsers' tabs and the accessibility checkers
// both cut or flag titles past about 70 characters.
const maxTitle = 70

// PageTitle is the page's title: TRAINING for a mock interview, the summary, the case reference
// and the set, within maxTitle. A long case reference is cut with an ellipsis (it is whole on
// the page), and the set goes first when there is no room.
func (h htmlSummary) PageTitle() string {
	head := h.W.SummaryTitle
	if h.Training {
		head = h.W.TrainingMark + ": " + head
	}
	set := " · " + h.Set.ID + " " + h.Set.Version
	ref := ""
	if h.CaseRef != "" {
		ref = " " + h.CaseRef
	}
	fits := func(s string) bool { return utf8.RuneCountInString(s) <= maxTitle }
	switch {
	case fits(head + ref + set):
		return head + ref + set
	case fits(head + ref):
		return head + ref
	}
	room := maxTitle - utf8.RuneCountInString(head) - 1
	if room < 2 {
		return string([]rune(head)[:min(len([]rune(head)), maxTitle)])
	}
	return head + string([]rune(ref)[:room]) + "…"
}

// EndedWhy says why the worker ended the screening early.
func (h htmlSummary) EndedWhy() string { return h.W.endedEarly(h.Summary) }

// stylePolicy is the Content-Security-Policy of a page that loads nothing and runs nothing:
// only its own stylesheet, named by its hash, applies.
func stylePolicy(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; script-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
}

// WriteSummaryHTML writes the summary as one self-contained HTML page, for printing or saving
// as PDF from a browser.
func WriteSummaryHTML(w io.Writer, s *screening.Summary) error {
	wd := wordsFor(s.Language)
	style := summaryCSS + pageRules(wd, s)
	policy := stylePolicy(style)
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
// whomLine is an action's contacts, each named with its number, a link to its full entry and one
// to dial it, so whom to call is beside what to do.
type whomLine struct {
	Before, After string
	Text          string // "text %s", for a contact reached only by text
	Contacts      []screening.Contact
}

func (w *words) whom(a screening.SummaryAction) whomLine {
	before, after, _ := strings.Cut(w.ContactsOf, "%s")
	return whomLine{before, after, w.Report.Text, a.Contacts}
}

// around splits a phrase with one %s into what comes before and after it, for the page to put
// markup there: "call %s" is "call " and "".
func around(phrase string) [2]string {
	before, after, _ := strings.Cut(phrase, "%s")
	return [2]string{before, after}
}
