package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/safeharbor/safeharbor/screening"
)

// page is a rendered HTML summary, parsed as a browser parses it.
type page struct {
	doc   *html.Node
	style string
}

func renderPage(t *testing.T, sum screening.Summary) page {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSummaryHTML(&b, &sum); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&b)
	if err != nil {
		t.Fatal(err)
	}
	p := page{doc: doc}
	if st := p.find(func(n *html.Node) bool { return n.Data == "style" }); len(st) == 1 && st[0].FirstChild != nil {
		p.style = st[0].FirstChild.Data
	}
	return p
}

// find lists the elements for which match holds, in document order.
func (p page) find(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(p.doc)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

// htmlText is the text inside n, as written.
func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

func ancestorWith(n *html.Node, match func(*html.Node) bool) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && match(n) {
			return true
		}
	}
	return false
}

// hostileSummary is the disclosure summary with a case reference and a note that try to break
// out of the page, and a note of several lines.
func hostileSummary(t *testing.T) screening.Summary {
	sum := disclosureSummary(t)
	sum.CaseRef = `2026-0412 "</style><script>alert(1)</script>`
	sum.Notes = []screening.SectionNote{{SectionID: "while-away", Title: "While away", Text: "Said she \"stayed with people\".\nWould not say where.\n<script>alert(2)</script>"}}
	return sum
}

// A Content-Security-Policy allows no script and nothing from outside; the one inline
// stylesheet is allowed by its hash, so nothing injected into the page could run or style it.
func TestSummaryHTMLPolicy(t *testing.T) {
	p := renderPage(t, hostileSummary(t))
	metas := p.find(func(n *html.Node) bool {
		return n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy")
	})
	if len(metas) != 1 || metas[0].Parent.Data != "head" {
		t.Fatalf("%d Content-Security-Policy meta tags in the head", len(metas))
	}
	policy := attr(metas[0], "content")
	directives := map[string]string{}
	for _, d := range strings.Split(policy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	if directives["default-src"] != "'none'" || directives["script-src"] != "'none'" {
		t.Errorf("the policy allows script or outside content: %q", policy)
	}
	sum := sha256.Sum256([]byte(p.style))
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; directives["style-src"] != want {
		t.Errorf("style-src %q, want the stylesheet's hash %s", directives["style-src"], want)
	}
	if strings.Contains(policy, "unsafe") {
		t.Errorf("the policy allows something unsafe: %q", policy)
	}
	if n := len(p.find(func(n *html.Node) bool { return n.Data == "script" || n.Data == "style" && n.Parent.Data != "head" })); n > 0 {
		t.Errorf("%d script or stray style elements", n)
	}
	if strings.Count(p.style, "</") > 0 || !strings.Contains(p.style, `2026\2d 0412`) {
		t.Errorf("the case reference is not escaped in the stylesheet: %s", p.style[strings.Index(p.style, "@page"):])
	}
}

// Everything a reader sees is in the page's one main landmark (axe: landmark-one-main, region).
func TestSummaryHTMLMain(t *testing.T) {
	p := renderPage(t, quietSummary(t))
	mains := p.find(func(n *html.Node) bool { return n.Data == "main" })
	if len(mains) != 1 {
		t.Fatalf("%d main elements", len(mains))
	}
	body := p.find(func(n *html.Node) bool { return n.Data == "body" })[0]
	for k := body.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.TextNode && strings.TrimSpace(k.Data) != "" || k.Type == html.ElementNode && k.Data != "main" {
			t.Errorf("content outside main: %q", htmlText(k)+k.Data)
		}
	}
}

// Each contact is listed once, under Contacts, with every way to reach it; an action names its
// contacts with their numbers, so what must be done now and whom to call are on the first page,
// and links to the full entry. A phone number never breaks across lines, and is written as it
// is dialled and searched for: plain hyphens and spaces.
func TestSummaryHTMLContacts(t *testing.T) {
	sum := disclosureSummary(t)
	p := renderPage(t, sum)
	text := htmlText(p.doc)
	for _, c := range sum.Contacts {
		entries := p.find(func(n *html.Node) bool { return attr(n, "id") == "contact-"+c.ID })
		if len(entries) != 1 {
			t.Errorf("%s: %d entries", c.ID, len(entries))
			continue
		}
		if c.Phone != "" {
			phones := []*html.Node{}
			for _, a := range p.find(func(n *html.Node) bool { return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "tel:") }) {
				if ancestorWith(a, func(n *html.Node) bool { return n == entries[0] }) {
					phones = append(phones, a)
				}
			}
			if len(phones) != 1 {
				t.Errorf("%s: the phone is linked %d times in its entry", c.ID, len(phones))
				continue
			}
			if htmlText(phones[0]) != c.Phone || attr(phones[0], "href") != "tel:"+c.Dial() {
				t.Errorf("%s: %q dials %s", c.ID, htmlText(phones[0]), attr(phones[0], "href"))
			}
			if !ancestorWith(phones[0], func(n *html.Node) bool { return hasClass(n, "nowrap") }) {
				t.Errorf("%s: the phone %s can break across lines", c.ID, c.Phone)
			}
		}
	}
	if !strings.Contains(text, "1-888-373-7888") || !strings.Contains(text, "1-800-THE-LOST (1-800-843-5678)") {
		t.Errorf("the national numbers cannot be found on the page as they are written")
	}
	if n := strings.Count(text, "National Human Trafficking Hotline;"); n > 1 {
		t.Errorf("the hotline is listed %d times", n)
	}
	for _, a := range sum.Actions {
		for _, c := range a.Contacts {
			links := p.find(func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "#contact-"+c.ID })
			if len(links) == 0 {
				t.Errorf("action %s does not point to its contact %s", a.ID, c.ID)
				continue
			}
			if c.Phone == "" {
				continue
			}
			whom := links[0].Parent
			dial := p.find(func(n *html.Node) bool {
				return n.Data == "a" && attr(n, "href") == "tel:"+c.Dial() && ancestorWith(n, func(m *html.Node) bool { return m == whom })
			})
			if len(dial) == 0 || htmlText(dial[0]) != c.Phone || !ancestorWith(dial[0], func(n *html.Node) bool { return hasClass(n, "nowrap") }) {
				t.Errorf("action %s names %s without its number beside it", a.ID, c.ID)
			}
		}
	}
	if !strings.Contains(p.style, ".nowrap") || !regexp.MustCompile(`\.nowrap\s*\{[^}]*white-space:\s*nowrap`).MatchString(p.style) {
		t.Error("no nowrap rule")
	}
}

// URGENT looks unlike REQUIRED on the screen and on paper, by more than colour: a filled mark
// with a heavy rule beside the action, against an outlined one.
func TestSummaryHTMLPriorities(t *testing.T) {
	p := renderPage(t, disclosureSummary(t))
	marks := map[string]int{}
	for _, n := range p.find(func(n *html.Node) bool { return hasClass(n, "priority") }) {
		for _, level := range []string{"urgent", "required", "recommended"} {
			if hasClass(n, level) {
				marks[level]++
			}
		}
	}
	if marks["urgent"] == 0 || marks["required"] == 0 {
		t.Fatalf("priority marks %v", marks)
	}
	rule := func(selector string) string {
		m := regexp.MustCompile(regexp.QuoteMeta(selector)+`\s*\{([^}]*)\}`).FindAllStringSubmatch(p.style, -1)
		var all []string
		for _, x := range m {
			all = append(all, x[1])
		}
		return strings.Join(all, ";")
	}
	urgent, required := rule(".priority.urgent"), rule(".priority.required")
	if urgent == "" || required == "" || urgent == required {
		t.Fatalf("urgent %q and required %q are not styled apart", urgent, required)
	}
	if !strings.Contains(urgent, "border") || !strings.Contains(rule("li.urgent"), "border-left") {
		t.Errorf("urgent is told apart by colour alone: %q; %q", urgent, rule("li.urgent"))
	}
	if !strings.Contains(p.style, "print-color-adjust: exact") {
		t.Error("an urgent mark's fill is dropped on paper")
	}
}

// Printed pages are numbered and carry the case reference when there is one; the page says it
// too.
func TestSummaryHTMLPages(t *testing.T) {
	sum := disclosureSummary(t)
	p := renderPage(t, sum)
	if !strings.Contains(p.style, `counter(page)`) || !strings.Contains(p.style, `counter(pages)`) || !strings.Contains(p.style, "@bottom-right") {
		t.Errorf("pages are not numbered: %s", p.style)
	}
	if strings.Contains(p.style, "Case reference") {
		t.Error("a case reference with none given")
	}
	sum.CaseRef = "2026-0412"
	p = renderPage(t, sum)
	if !strings.Contains(p.style, "@top-left") || !strings.Contains(p.style, `Case\20 reference\3a \20 2026\2d 0412`) {
		t.Errorf("the case reference is not on every page: %s", p.style[strings.Index(p.style, "@page"):])
	}
	if !strings.Contains(htmlText(p.doc), "Case reference: 2026-0412") {
		t.Error("the page does not say its case reference")
	}
	es := disclosureSummaryIn(t, "es")
	es.CaseRef = "2026-0412"
	p = renderPage(t, es)
	if !strings.Contains(p.style, `P\e1 gina\20 `) || !strings.Contains(htmlText(p.doc), "Referencia del caso: 2026-0412") {
		t.Errorf("a Spanish page is not numbered in Spanish: %s", p.style[strings.Index(p.style, "@page"):])
	}
}

// A note of several lines keeps them, and nothing in it becomes markup.
func TestSummaryHTMLNoteLines(t *testing.T) {
	sum := hostileSummary(t)
	p := renderPage(t, sum)
	notes := p.find(func(n *html.Node) bool { return hasClass(n, "note") })
	if len(notes) != 1 {
		t.Fatalf("%d notes", len(notes))
	}
	if got := htmlText(notes[0]); got != sum.Notes[0].Text {
		t.Errorf("note %q, want %q", got, sum.Notes[0].Text)
	}
	if !regexp.MustCompile(`\.note[^{]*\{[^}]*white-space:\s*pre-line`).MatchString(p.style) {
		t.Error("a note's lines run together")
	}
}

// The page's title stays within what tabs and checkers allow, whatever the case reference, and
// still starts with what the page is.
func TestSummaryHTMLTitleFits(t *testing.T) {
	for _, c := range []struct{ lang, ref string }{
		{"", ""},
		{"", "2026-CW-0045127 Riverside County"},
		{"es", "2026-CW-0045127 Riverside County"},
		{"es", strings.Repeat("Ñ", 200)},
	} {
		sum := disclosureSummaryIn(t, c.lang)
		sum.CaseRef, sum.Training = c.ref, true
		p := renderPage(t, sum)
		titles := p.find(func(n *html.Node) bool { return n.Data == "title" })
		if len(titles) != 1 {
			t.Fatalf("%d titles", len(titles))
		}
		title := htmlText(titles[0])
		if n := utf8.RuneCountInString(title); n > 70 {
			t.Errorf("%s %.20q: the title is %d characters: %q", c.lang, c.ref, n, title)
		}
		words := wordsFor(sum.Language)
		if !strings.HasPrefix(title, words.TrainingMark+": "+words.SummaryTitle) {
			t.Errorf("the title does not start with what the page is: %q", title)
		}
	}
}
