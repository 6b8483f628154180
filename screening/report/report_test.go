package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if strings.HasSuffix(name, ".summary.json") {
		checkSummaryJSON(t, name, got)
	}
	if strings.HasSuffix(name, ".diff.json") {
		checkDiffJSON(t, name, got)
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./screening/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run go test ./screening/report -update if the change is meant)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", name, len(gl), len(wl))
	}
}

// shipped loads the embedded contacts, word list and sets, as the binary does.
func shipped(t *testing.T) (questions.Base, *questions.Catalog) {
	t.Helper()
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := questions.LoadCatalog(questions.FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	return base, cat
}

func postReturn(t *testing.T) (*questions.File, *screening.ContactDirectory) {
	t.Helper()
	base, cat := shipped(t)
	f, err := cat.Find("post-return", "1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	var dir screening.ContactDirectory
	dir.Add(base.Contacts...)
	return f, &dir
}

var start = time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)

// disclosureSummary: a 15-year-old in foster care who stayed at a motel, declined one question,
// then disclosed an exchange; the worker ended the screening there.
func disclosureSummary(t *testing.T) screening.Summary { return disclosureSummaryIn(t, "") }

// disclosureSummaryIn is the same interview in a translation of the set: lang es gives the
// summary a Spanish-speaking worker reads.
func disclosureSummaryIn(t *testing.T, lang string) screening.Summary {
	f, dir := postReturn(t)
	set := f.Set
	if lang != "" {
		base, _ := shipped(t)
		tr, err := questions.Translation(questions.FS(), f, lang, base)
		if err != nil || tr == nil {
			t.Fatalf("no %s translation: %v", lang, err)
		}
		set = screening.Translate(f.Set, tr)
	}
	s := screening.NewSession(set)
	for _, st := range []struct {
		id string
		a  screening.Answer
	}{
		{"age", screening.Answer{State: screening.StateAnswered, Number: 15}},
		{"living-situation", screening.Answered("foster-home")},
		{"days-away", screening.Answer{State: screening.StateAnswered, Number: 4}},
		{"earlier-episodes", screening.Answered("one-or-two")},
		{"conversation-language", screening.Answered("English")},
		{"interpreter", screening.Answered("no")},
		{"conversation-place", screening.Answered("Interview room at the office")},
		{"danger-now", screening.Answered("no")},
		{"afraid-of-someone", screening.Answer{State: screening.StateDeclined}},
		{"threatened", screening.Answered("no")},
		{"hurt", screening.Answered("no")},
		{"needs-now", screening.Answer{State: screening.StateAnswered, Choices: []string{"food", "sleep"}}},
		{"worried-about-return", screening.Answered("no")},
		{"slept-where", screening.Answer{State: screening.StateAnswered, Choices: []string{"friend", "hotel"}}},
		{"who-with", screening.Answer{State: screening.StateAnswered, Choices: []string{"partner"}}},
		{"room-paid-by", screening.Answered("my boyfriend")},
		{"others-there", screening.Answer{State: screening.StateDontKnow}},
		{"got-needs", screening.Answer{State: screening.StateAnswered, Choices: []string{"partner"}}},
		{"other-city", screening.Answered("no")},
		{"kept-from-leaving", screening.Answered("no")},
		{"older-partner", screening.Answered("yes")},
		{"partner-met", screening.Answered("online")},
		{"offered-for-sexual", screening.Answered("yes")},
	} {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatalf("%s: %v", st.id, err)
		}
	}
	s.SetNote("while-away", `Said she "stayed with people" and would not say more.`)
	s.End()
	return s.Summary(screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(14 * time.Minute), Contacts: dir})
}

// quietSummary: a young person who stayed with a grandmother; nothing of concern.
func quietSummary(t *testing.T) screening.Summary {
	f, dir := postReturn(t)
	s := screening.NewSession(f.Set)
	for q, ok := s.Next(); ok; q, ok = s.Next() {
		a := screening.Answer{State: screening.StateNotAsked}
		switch q.Type {
		case screening.TypeYesNo:
			a = screening.Answered("no")
		case screening.TypeSingle:
			a = screening.Answered(q.Options[0].Value)
		case screening.TypeMulti:
			a = screening.Answer{State: screening.StateAnswered, Choices: []string{q.Options[1].Value}}
		}
		if err := s.Answer(q.ID, a); err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
	}
	return s.Summary(screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(11 * time.Minute), Contacts: dir, Training: true})
}

func TestSummaryGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		sum  func(*testing.T) screening.Summary
	}{
		{"disclosure", disclosureSummary},
		{"quiet", quietSummary},
		{"disclosure-es", func(t *testing.T) screening.Summary { return disclosureSummaryIn(t, "es") }},
	} {
		sum := c.sum(t)
		for _, f := range []struct {
			ext   string
			write func(*bytes.Buffer, *screening.Summary) error
		}{
			{"txt", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryText(b, s) }},
			{"md", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryMarkdown(b, s) }},
			{"json", func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryJSON(b, s) }},
		} {
			var b bytes.Buffer
			if err := f.write(&b, &sum); err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".summary."+f.ext, b.Bytes())
		}
	}
}

// What a worker checks first, whatever the golden files say.
func TestSummaryPromises(t *testing.T) {
	sum := disclosureSummary(t)
	var txt bytes.Buffer
	if err := WriteSummaryText(&txt, &sum); err != nil {
		t.Fatal(err)
	}
	text := txt.String()
	for _, want := range []string{"1-888-373-7888", "233733", "1-800-THE-LOST (1-800-843-5678)", "This is a screening, not a determination"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text summary lacks %q", want)
		}
	}
	// Urgent and required actions come before the concern level, set apart.
	if strings.Index(text, "DO NOW") > strings.Index(text, "CONCERN:") {
		t.Error("DO NOW is not before the concern level")
	}
	if !strings.Contains(text, "[URGENT] The young person has disclosed exploitation") {
		t.Error("the disclosure's urgent action is missing")
	}
	for _, banned := range []string{"is a victim", "is not a victim", "prostitut"} {
		if strings.Contains(strings.ToLower(text), banned) {
			t.Errorf("the summary says %q", banned)
		}
	}

	var js bytes.Buffer
	if err := WriteSummaryJSON(&js, &sum); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"format", "question_set", "interview", "concern", "score", "indicators", "actions", "contacts", "declined", "not_asked", "notes"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks the key %q", key)
		}
	}
	if got["format"] != screening.SummaryFormat || got["concern"] != "clear" {
		t.Errorf("format %v, concern %v", got["format"], got["concern"])
	}

	quiet := quietSummary(t)
	var q bytes.Buffer
	if err := WriteSummaryText(&q, &quiet); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(q.String(), "*** TRAINING") || !strings.HasSuffix(strings.TrimSpace(q.String()), "***") {
		t.Error("a training summary is not marked TRAINING at the top and bottom")
	}
	if !strings.Contains(q.String(), "CONCERN: NONE.") || !strings.Contains(q.String(), "233733") {
		t.Error("a quiet summary must say none and still give the hotline text number")
	}
}

// BenchmarkInterviewAndSummary answers the whole default set, builds the summary and renders it:
// the engine's share of an --answers run.
func BenchmarkInterviewAndSummary(b *testing.B) {
	t := &testing.T{}
	f, dir := postReturn(t)
	for b.Loop() {
		s := screening.NewSession(f.Set)
		for q, ok := s.Next(); ok; q, ok = s.Next() {
			a := screening.Answer{State: screening.StateDeclined}
			if q.Type == screening.TypeYesNo {
				a = screening.Answered("yes")
			}
			if err := s.Answer(q.ID, a); err != nil {
				b.Fatal(err)
			}
		}
		sum := s.Summary(screening.SummaryMeta{Started: start, Finished: start, Contacts: dir})
		var buf bytes.Buffer
		if err := WriteSummaryText(&buf, &sum); err != nil {
			b.Fatal(err)
		}
	}
}

// The HTML page is one self-contained file: it is parsed here, and its content checked as a
// worker would read it.
func TestSummaryHTML(t *testing.T) {
	for _, c := range []struct {
		name string
		sum  func(*testing.T) screening.Summary
	}{{"disclosure", disclosureSummary}, {"quiet", quietSummary}} {
		sum := c.sum(t)
		var b bytes.Buffer
		if err := WriteSummaryHTML(&b, &sum); err != nil {
			t.Fatal(err)
		}
		golden(t, c.name+".summary.html", b.Bytes())
		doc, err := html.Parse(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "link", "script", "img", "iframe", "object":
					t.Errorf("%s: an external or active element <%s>", c.name, n.Data)
				}
				for _, a := range n.Attr {
					if (a.Key == "src" || (a.Key == "href" && n.Data == "link")) && a.Val != "" {
						t.Errorf("%s: <%s %s=%q> loads something", c.name, n.Data, a.Key, a.Val)
					}
				}
			}
			if n.Type == html.TextNode {
				texts = append(texts, strings.TrimSpace(n.Data))
			}
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				walk(k)
			}
		}
		walk(doc)
		// As a person reads it: phone numbers are written with no-break spaces and hyphens.
		text := strings.NewReplacer("\u00a0", " ", "\u2011", "-").Replace(strings.Join(texts, " "))
		for _, want := range []string{"1-888-373-7888", "233733", "1-800-THE-LOST (1-800-843-5678)", "This is a screening, not a determination", "@media print"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the page lacks %q", c.name, want)
			}
		}
		switch c.name {
		case "disclosure":
			if !strings.Contains(text, "The young person has disclosed exploitation") || !strings.Contains(text, "CLEAR.") || !strings.Contains(text, `Said she "stayed with people"`) {
				t.Errorf("disclosure page lacks its action, concern or note")
			}
		case "quiet":
			if strings.Count(text, "TRAINING: a mock interview") != 2 {
				t.Errorf("a training page is not marked TRAINING at the top and the bottom")
			}
		}
	}
}
