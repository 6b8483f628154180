package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

type qItem struct {
	LinkID     string `json:"linkId"`
	Type       string `json:"type"`
	Repeats    bool   `json:"repeats"`
	EnableWhen []struct {
		Question      string      `json:"question"`
		Operator      string      `json:"operator"`
		AnswerBoolean *bool       `json:"answerBoolean"`
		AnswerCoding  *fhirCoding `json:"answerCoding"`
	} `json:"enableWhen"`
	EnableBehavior string `json:"enableBehavior"`
	AnswerOption   []struct {
		Extension []struct {
			URL          string   `json:"url"`
			ValueDecimal *float64 `json:"valueDecimal"`
		} `json:"extension"`
		ValueCoding fhirCoding `json:"valueCoding"`
	} `json:"answerOption"`
	Item []qItem `json:"item"`
}

func exportQuestionnaire(t *testing.T) (map[string]any, []qItem) {
	t.Helper()
	f, _ := postReturn(t)
	var b bytes.Buffer
	if err := WriteQuestionnaire(&b, f.Set, FHIRURL("", f.Set.ID)); err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	var q struct {
		Item []qItem `json:"item"`
	}
	if err := json.Unmarshal(b.Bytes(), &top); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &q); err != nil {
		t.Fatal(err)
	}
	return top, q.Item
}

// The FHIR R4 rules a Questionnaire must keep, as the research names them (que-0, que-1, que-2,
// que-5, que-7, que-12), and the weights carried as ordinalValue.
func TestQuestionnaire(t *testing.T) {
	top, items := exportQuestionnaire(t)
	if top["resourceType"] != "Questionnaire" || top["status"] != "active" || top["version"] != "1.0.0" || top["url"] != "urn:safeharbor:questionnaire:post-return" {
		t.Errorf("header %v %v %v %v", top["resourceType"], top["status"], top["version"], top["url"])
	}
	if !regexp.MustCompile(`^[A-Z]([A-Za-z0-9_]){0,254}$`).MatchString(top["name"].(string)) {
		t.Errorf("name %q is not machine-friendly (que-0)", top["name"])
	}
	seen := map[string]string{} // linkId -> type, in order
	order := []string{}
	weights := 0.0
	var walk func(items []qItem)
	walk = func(items []qItem) {
		for _, it := range items {
			if _, dup := seen[it.LinkID]; dup {
				t.Errorf("linkId %s twice (que-2)", it.LinkID)
			}
			for _, ew := range it.EnableWhen {
				typ, ok := seen[ew.Question]
				if !ok {
					t.Errorf("%s: enableWhen on %s, which is not an earlier item", it.LinkID, ew.Question)
				}
				if ew.Operator == "exists" && ew.AnswerBoolean == nil {
					t.Errorf("%s: exists needs answerBoolean (que-7)", it.LinkID)
				}
				if typ == "choice" && ew.Operator != "exists" && ew.AnswerCoding == nil {
					t.Errorf("%s: enableWhen on a choice needs answerCoding", it.LinkID)
				}
			}
			if len(it.EnableWhen) > 1 && it.EnableBehavior == "" {
				t.Errorf("%s: several enableWhen need enableBehavior (que-12)", it.LinkID)
			}
			switch it.Type {
			case "group":
				if len(it.Item) == 0 {
					t.Errorf("group %s without items (que-1)", it.LinkID)
				}
			case "display":
				if len(it.Item) > 0 {
					t.Errorf("display %s with items (que-1)", it.LinkID)
				}
			case "choice":
				codes := map[string]bool{}
				for _, o := range it.AnswerOption {
					codes[o.ValueCoding.Code] = true
					for _, e := range o.Extension {
						if e.URL == fhirOrdinal {
							weights += *e.ValueDecimal
						}
					}
				}
				if !codes["asked-declined"] || !codes["asked-unknown"] {
					t.Errorf("choice %s cannot record a decline", it.LinkID)
				}
			default:
				if len(it.AnswerOption) > 0 {
					t.Errorf("%s of type %s has answer options (que-5)", it.LinkID, it.Type)
				}
			}
			seen[it.LinkID] = it.Type
			order = append(order, it.LinkID)
			walk(it.Item)
		}
	}
	walk(items)
	if seen["offered-for-sexual"] != "choice" || seen["age"] != "decimal" || seen["room-paid-by"] != "string" {
		t.Errorf("types %s %s %s", seen["offered-for-sexual"], seen["age"], seen["room-paid-by"])
	}
	if weights == 0 {
		t.Error("no indicator weight carried as ordinalValue")
	}
}

func TestQuestionnaireRefusesWhatFHIRCannotSay(t *testing.T) {
	f, _ := postReturn(t)
	set := *f.Set
	set.Sections = append([]screening.Section(nil), set.Sections...)
	sec := set.Sections[1]
	sec.Questions = append([]screening.Question(nil), sec.Questions...)
	sec.Questions[1].When = &screening.Condition{Op: screening.OpLevel, Level: screening.LevelPossible}
	set.Sections[1] = sec
	err := WriteQuestionnaire(&bytes.Buffer{}, &set, "urn:x")
	if err == nil || !strings.Contains(err.Error(), "no FHIR enableWhen form") {
		t.Errorf("err = %v", err)
	}
}

// A response names its Questionnaire's url and version, uses its linkIds and codes, records a
// decline as asked-declined, and leaves out what did not apply.
func TestQuestionnaireResponse(t *testing.T) {
	_, items := exportQuestionnaire(t)
	options := map[string]map[string]bool{}
	var index func(items []qItem)
	index = func(items []qItem) {
		for _, it := range items {
			options[it.LinkID] = map[string]bool{}
			for _, o := range it.AnswerOption {
				options[it.LinkID][o.ValueCoding.System+"|"+o.ValueCoding.Code] = true
			}
			index(it.Item)
		}
	}
	index(items)

	f, _ := postReturn(t)
	sum := disclosureSummary(t)
	var b bytes.Buffer
	if err := WriteQuestionnaireResponse(&b, f.Set, &sum, FHIRURL("", f.Set.ID)); err != nil {
		t.Fatal(err)
	}
	var qr struct {
		ResourceType  string `json:"resourceType"`
		Questionnaire string `json:"questionnaire"`
		Status        string `json:"status"`
		Item          []struct {
			LinkID string `json:"linkId"`
			Item   []struct {
				LinkID string `json:"linkId"`
				Answer []struct {
					ValueCoding *fhirCoding `json:"valueCoding"`
				} `json:"answer"`
			} `json:"item"`
		} `json:"item"`
	}
	if err := json.Unmarshal(b.Bytes(), &qr); err != nil {
		t.Fatal(err)
	}
	if qr.ResourceType != "QuestionnaireResponse" || qr.Questionnaire != "urn:safeharbor:questionnaire:post-return|1.0.0" || qr.Status != "stopped" {
		t.Errorf("header %s %s %s", qr.ResourceType, qr.Questionnaire, qr.Status)
	}
	got := map[string]string{}
	for _, g := range qr.Item {
		if _, ok := options[g.LinkID]; !ok {
			t.Errorf("group %s is not in the Questionnaire", g.LinkID)
		}
		for _, it := range g.Item {
			if _, ok := options[it.LinkID]; !ok {
				t.Errorf("item %s is not in the Questionnaire", it.LinkID)
			}
			for _, a := range it.Answer {
				if a.ValueCoding == nil {
					continue
				}
				key := a.ValueCoding.System + "|" + a.ValueCoding.Code
				if !options[it.LinkID][key] {
					t.Errorf("%s: %s is not one of its answer options", it.LinkID, key)
				}
				got[it.LinkID] += a.ValueCoding.Code + " "
			}
		}
	}
	if got["afraid-of-someone"] != "asked-declined " || got["others-there"] != "asked-unknown " || got["offered-for-sexual"] != "Y " || got["slept-where"] != "friend hotel " {
		t.Errorf("answers %v", got)
	}
	if _, ok := got["room-paid-by"]; ok {
		t.Error("a string answer came out as a coding")
	}
	if strings.Contains(b.String(), `"partner-met"`) == false {
		t.Error("an answered follow-up is missing")
	}
	if strings.Contains(b.String(), `"new-things-from"`) {
		t.Error("a question that did not apply is in the response")
	}
}

// writeResponse writes the response of a summary of post-return 1.0.0 and reads it back.
func writeResponse(t *testing.T, sum screening.Summary) (raw []byte, qr fhirQRRead) {
	t.Helper()
	f, _ := postReturn(t)
	var b bytes.Buffer
	if err := WriteQuestionnaireResponse(&b, f.Set, &sum, FHIRURL("", f.Set.ID)); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b.Bytes(), &qr); err != nil {
		t.Fatal(err)
	}
	checkR4(t, "the response", b.Bytes())
	return b.Bytes(), qr
}

type fhirQRRead struct {
	Language string `json:"language"`
	Text     *struct {
		Status string `json:"status"`
		Div    string `json:"div"`
	} `json:"text"`
	Item []struct {
		LinkID    string `json:"linkId"`
		Extension []struct {
			URL             string `json:"url"`
			ValueAnnotation *struct {
				Text string `json:"text"`
			} `json:"valueAnnotation"`
		} `json:"extension"`
	} `json:"item"`
}

// unescapeMarkdown reads back text written as CommonMark with every punctuation character
// escaped and each line break a hard break.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.ReplaceAll(b.String(), "\u00a0", " ")
}

// The worker's section notes ride on their section's group as HL7's questionnaireresponse-note
// extension: an Annotation, whose text is markdown, so the note is escaped to read as written
// and never as markup, each line kept.
func TestQuestionnaireResponseCarriesNotes(t *testing.T) {
	sum := disclosureSummary(t)
	hostile := "Said she \"stayed with people\".\n# Concern: none\n  - <script>alert(1)</script> [x](javascript:alert(1)) **bold** `code`"
	sum.Notes = append(sum.Notes[:0:0], screening.SectionNote{SectionID: "while-away", Title: "While away", Text: hostile},
		screening.SectionNote{SectionID: "work", Title: "Work", Text: "A note on a section with no answers."})
	_, qr := writeResponse(t, sum)
	notes := map[string]string{}
	for _, it := range qr.Item {
		for _, e := range it.Extension {
			if e.URL == "http://hl7.org/fhir/StructureDefinition/questionnaireresponse-note" && e.ValueAnnotation != nil {
				notes[it.LinkID] = e.ValueAnnotation.Text
			}
		}
	}
	got, ok := notes["while-away"]
	if !ok {
		t.Fatalf("no note on the while-away group: %v", notes)
	}
	lines := strings.Split(got, "\\\n")
	if len(lines) != 3 {
		t.Errorf("the note's three lines became %d: %q", len(lines), got)
	}
	if unescapeMarkdown(strings.ReplaceAll(got, "\\\n", "\n")) != hostile {
		t.Errorf("the note does not read back as written: %q", got)
	}
	for _, c := range "#<>[]()*`-" {
		if strings.Contains(strings.ReplaceAll(got, `\`+string(c), ""), string(c)) {
			t.Errorf("%q is left as markdown could read it: %q", c, got)
		}
	}
	if _, ok := notes["work"]; !ok {
		t.Errorf("a note on a section with no answers is lost: %v", notes)
	}
}

// The response carries a narrative (dom-6): generated, well-formed XHTML of the elements FHIR
// allows, in the response's language, with every answer and every note, each line of a note on
// its own line.
func TestQuestionnaireResponseNarrative(t *testing.T) {
	for _, lang := range []string{"", "es"} {
		sum := disclosureSummaryIn(t, lang)
		sum.Notes = append(sum.Notes, screening.SectionNote{SectionID: "work", Title: "Trabajo", Text: "First line <b>\nSecond line & more"})
		_, qr := writeResponse(t, sum)
		if qr.Text == nil || qr.Text.Status != "generated" {
			t.Fatalf("%q: text %+v", lang, qr.Text)
		}
		div := qr.Text.Div
		dec := xml.NewDecoder(strings.NewReader(div))
		allowed := map[string]bool{"div": true, "p": true, "b": true, "br": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "h3": true, "ul": true, "li": true, "span": true}
		var text strings.Builder
		depth, root := 0, ""
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%q: the narrative is not well-formed XHTML: %v\n%s", lang, err, div)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				if depth == 0 {
					root = el.Name.Space + " " + el.Name.Local
				}
				depth++
				if !allowed[el.Name.Local] || el.Name.Space != "http://www.w3.org/1999/xhtml" {
					t.Errorf("%q: element %v is not one FHIR narrative allows here", lang, el.Name)
				}
				if el.Name.Local == "br" {
					text.WriteString("\n")
				}
			case xml.EndElement:
				depth--
			case xml.CharData:
				text.Write(el)
			}
		}
		if root != "http://www.w3.org/1999/xhtml div" {
			t.Errorf("%q: the narrative's root is %q", lang, root)
		}
		if want := cmp.Or(lang, "en"); !strings.Contains(div, `lang="`+want+`"`) || qr.Language != sum.Language {
			t.Errorf("%q: narrative language: %s; response %q", lang, div[:min(120, len(div))], qr.Language)
		}
		got := text.String()
		for _, a := range sum.Answers {
			if a.State == screening.StateAnswered && !strings.Contains(got, a.Text) {
				t.Errorf("%q: the narrative lacks %q", lang, a.Text)
			}
		}
		for _, want := range []string{"First line <b>\nSecond line & more", `"stayed with people"`} {
			if !strings.Contains(got, want) {
				t.Errorf("%q: the narrative lacks the note %q", lang, want)
			}
		}
	}
}

// A mock interview's response says so where FHIR readers look: the security label for test
// data. A real one carries no such label.
func TestTrainingResponseIsLabelledTestData(t *testing.T) {
	for _, training := range []bool{false, true} {
		sum := disclosureSummary(t)
		sum.Training = training
		raw, _ := writeResponse(t, sum)
		var qr struct {
			Meta struct {
				Security []fhirCoding `json:"security"`
			} `json:"meta"`
		}
		if err := json.Unmarshal(raw, &qr); err != nil {
			t.Fatal(err)
		}
		labelled := false
		for _, c := range qr.Meta.Security {
			if c.System == "http://terminology.hl7.org/CodeSystem/v3-ActReason" && c.Code == "HTEST" {
				labelled = true
			}
		}
		if labelled != training {
			t.Errorf("training %v: labelled as test data %v", training, labelled)
		}
	}
}

// The Questionnaire has a narrative (dom-6): its title and its questions, each section a list,
// as a person reads it, in well-formed XHTML with only what FHIR allows.
func TestQuestionnaireNarrative(t *testing.T) {
	top, _ := exportQuestionnaire(t)
	text, ok := top["text"].(map[string]any)
	if !ok || text["status"] != "generated" {
		t.Fatalf("text: %v", top["text"])
	}
	div, _ := text["div"].(string)
	dec := xml.NewDecoder(strings.NewReader(div))
	var words strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, div)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if !map[string]bool{"div": true, "p": true, "b": true, "br": true, "ul": true, "ol": true, "li": true, "h3": true, "i": true}[el.Name.Local] {
				t.Errorf("element %s", el.Name.Local)
			}
		case xml.CharData:
			words.Write(el)
		}
	}
	f, _ := postReturn(t)
	for _, want := range []string{f.Set.Title, f.Set.Sections[0].Title, f.Set.Sections[0].Questions[0].Text} {
		if !strings.Contains(words.String(), want) {
			t.Errorf("the narrative lacks %q", want)
		}
	}
}

// A section's when is its group's enableWhen, and a not of one answer is FHIR's !=: in post-return
// 2.0.0, nothing read aloud is enabled for a child under 11, and no question on sexual harm after
// a disclosure.
func TestQuestionnaireCarriesSectionAndNotConditions(t *testing.T) {
	_, cat := shipped(t)
	f, err := cat.Find("post-return", "2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteQuestionnaire(&b, f.Set, FHIRURL("", f.Set.ID)); err != nil {
		t.Fatal(err)
	}
	var q struct {
		Item []qItem `json:"item"`
	}
	if err := json.Unmarshal(b.Bytes(), &q); err != nil {
		t.Fatal(err)
	}
	type test struct{ question, operator string }
	conds := func(it qItem) []test {
		var out []test
		for _, ew := range it.EnableWhen {
			out = append(out, test{ew.Question, ew.Operator})
		}
		return out
	}
	items := map[string]qItem{}
	for _, g := range q.Item {
		items[g.LinkID] = g
		for _, it := range g.Item {
			items[it.LinkID] = it
		}
	}
	ageGate := []test{{"age", ">="}, {"age", "exists"}}
	for _, sec := range []string{"safety-now", "before", "while-away", "people", "money-and-things", "work", "health", "online", "exchange", "next"} {
		if g := items[sec]; !slices.Equal(conds(g), ageGate) || g.EnableBehavior != "any" {
			t.Errorf("group %s: enableWhen %v (%s), want %v (any)", sec, conds(g), g.EnableBehavior, ageGate)
		}
	}
	for _, sec := range []string{"about", "background", "observations"} {
		if len(items[sec].EnableWhen) > 0 {
			t.Errorf("group %s is enabled on a condition: %v", sec, conds(items[sec]))
		}
	}
	if got, want := conds(items["offered-for-sexual"]), []test{{"pictures-for-value", "!="}, {"posted-online", "!="}, {"sexual-assault", "!="}}; !slices.Equal(got, want) || items["offered-for-sexual"].EnableBehavior != "all" {
		t.Errorf("offered-for-sexual: %v, want %v (all)", got, want)
	}
	if got, want := conds(items["sold-by-someone"]), []test{{"offered-for-sexual", "="}, {"had-to-for-needs", "!="}}; !slices.Equal(got, want) {
		t.Errorf("sold-by-someone: %v, want %v", got, want)
	}
	if ew := items["safety-now"].EnableWhen; len(ew) == 2 && (ew[1].AnswerBoolean == nil || *ew[1].AnswerBoolean) {
		t.Errorf("the age not answered is exists: false, not %v", ew[1].AnswerBoolean)
	}

	// "Not answered" on a choice has no FHIR form: a decline is a coded answer there.
	set := *f.Set
	set.Sections = append([]screening.Section(nil), set.Sections...)
	set.Sections[2].When = &screening.Condition{Op: screening.OpAnswered, Question: "danger-now", Flag: false}
	if err := WriteQuestionnaire(&bytes.Buffer{}, &set, "urn:x"); err == nil || !strings.Contains(err.Error(), `section "before"`) {
		t.Errorf("answered: false on a yes/no question: err = %v", err)
	}
}
