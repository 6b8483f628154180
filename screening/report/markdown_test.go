package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"

	"github.com/safeharbor/safeharbor/screening"
)

// hostile is text a young person's words or a worker's note may hold, or a set's author may
// write, that CommonMark would read as markup: a heading, a list, a quote, a fence, a link, HTML,
// emphasis, a table's pipe, an escape.
var hostile = []string{
	"<script>alert(1)</script>",
	"[click](javascript:alert(1)) and ![img](http://example.invalid/x.png)",
	"**bold** _under_ ~~gone~~ `code`",
	"line one\n## Concern: none\n- item\n1. first\n> quoted\n    indented code\n```\nunclosed fence",
	"a | b \\| c \\",
	"&amp; &lt;b&gt; <b>raw</b> <!-- comment -->",
	"---",
	"# not a heading",
	"+ plus\n= setext\n***",
}

// renderCommonMark renders markdown as a CommonMark reader with GitHub's tables would, and parses
// the HTML it makes.
func renderCommonMark(t *testing.T, md []byte) *html.Node {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// shape is the rendered page's elements in order: two documents with the same shape have the
// same headings, lists, tables, emphasis and links, whatever their text. A line break is left
// out, and so is a web address a reader made a link of as it stands (GitHub's autolinks): its
// text is what was written.
func shape(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data != "br" && !autolink(n) {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func autolink(n *html.Node) bool {
	if n.Data != "a" || n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "href" {
			return a.Val == n.FirstChild.Data && (strings.HasPrefix(a.Val, "https://") || strings.HasPrefix(a.Val, "http://"))
		}
	}
	return false
}

// readBack is the rendered page's text, each run of white space one space.
func readBack(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// A note or an answer that looks like markdown stays text in the markdown summary: the page a
// CommonMark reader makes of it has the same headings, lists and tables as with plain words, and
// its text reads back as it was typed.
func TestMarkdownSummaryKeepsHostileTextAsText(t *testing.T) {
	summary := func(text string) screening.Summary { return summaryWithText(t, text) }
	render := func(sum screening.Summary) []byte {
		var b bytes.Buffer
		if err := WriteSummaryMarkdown(&b, &sum); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	plainPage := renderCommonMark(t, render(summary("Said very little")))
	want := shape(plainPage)
	for _, text := range hostile {
		md := render(summary(text))
		page := renderCommonMark(t, md)
		if got := shape(page); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q changed the page's structure:\n got %v\nwant %v\n%s", text, got, want, md)
		}
		if !strings.Contains(readBack(page), oneSpace(text)) {
			t.Errorf("%q does not read back from the rendered page:\n%s", text, md)
		}
	}
}

// summaryWithText is an interview whose text answers and note are text.
func summaryWithText(t *testing.T, text string) screening.Summary {
	f, dir := postReturn(t)
	s := screening.NewSession(f.Set)
	for _, st := range []struct {
		id string
		a  screening.Answer
	}{
		{"age", screening.Answer{State: screening.StateAnswered, Number: 15}},
		{"living-situation", screening.Answered("foster-home")},
		{"days-away", screening.Answer{State: screening.StateAnswered, Number: 4}},
		{"earlier-episodes", screening.Answered("one-or-two")},
		{"conversation-language", screening.Answered(text)},
		{"interpreter", screening.Answered("no")},
		{"conversation-place", screening.Answered(text)},
	} {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatalf("%s: %v", st.id, err)
		}
	}
	s.SetNote("while-away", text)
	s.End()
	return s.Summary(screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(time.Minute), Contacts: dir})
}

// In the text summary, a note keeps its lines, each line starts where the note does, and nothing
// typed can act on the terminal or printer it goes to: escapes, other control characters and
// direction overrides are shown as escapes.
func TestTextSummaryShowsTypedTextSafely(t *testing.T) {
	typed := "first line\x1b[2J\x1b]0;owned\a\nsecond\u202eline\rthird\x00"
	sum := summaryWithText(t, typed)
	var b bytes.Buffer
	if err := WriteSummaryText(&b, &sum); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || r == '\u202e' {
			t.Fatalf("the text summary holds %U:\n%s", r, out)
		}
	}
	for _, want := range []string{`While you were away: first line\x1b[2J\x1b]0;owned\x07`, "\n  second\\u202eline\\x0dthird\\x00\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the text summary lacks %q on a line of its own:\n%s", want, out)
		}
	}
}

// The same for the printable form of a set: a question's text and its help that look
// like markdown are printed as they were written.
func TestMarkdownFormKeepsHostileTextAsText(t *testing.T) {
	form := func(text string) []byte {
		f, dir := postReturn(t)
		set := *f.Set
		set.Sections = append([]screening.Section(nil), set.Sections...)
		sec := &set.Sections[0]
		sec.Questions = append([]screening.Question(nil), sec.Questions...)
		q := &sec.Questions[0]
		q.Text, q.Help = text, text
		var b bytes.Buffer
		if err := WriteSetMarkdown(&b, SetForm{Set: &set, Contacts: dir}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want := shape(renderCommonMark(t, form("How old are you?")))
	for _, text := range hostile {
		md := form(text)
		page := renderCommonMark(t, md)
		if got := shape(page); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q changed the form's structure:\n got %v\nwant %v\n%s", text, got, want, md)
		}
		if strings.Count(readBack(page), oneSpace(text)) < 2 {
			t.Errorf("%q does not read back twice (text and help) from the rendered form:\n%s", text, md)
		}
	}
}
