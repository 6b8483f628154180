package report

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/safeharbor/safeharbor/screening"
)

// FHIR R4: a question set as a Questionnaire, an interview as a QuestionnaireResponse.
// Every question is an item in a group per section; yes/no questions are choices (Yes/No from
// HL7's yes/no code system) so their weight can ride on the ordinalValue extension; declines
// are data-absent-reason codes, which every choice item lists among its options.

const (
	fhirOrdinal      = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
	fhirItemControl  = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
	fhirDataAbsent   = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
	dataAbsentSystem = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
	yesNoSystem      = "http://terminology.hl7.org/CodeSystem/v2-0136"
	modeExtension    = "urn:safeharbor:fhir:mode" // ask, observe or record
	// HL7's extension for comments on a response or on one of its groups or questions: the
	// worker's note on a section is such a comment, made by the tool rather than asked by the form.
	fhirResponseNote = "http://hl7.org/fhir/StructureDefinition/questionnaireresponse-note"
	xhtmlNamespace   = "http://www.w3.org/1999/xhtml"
)

// FHIRURL is a set's canonical URL: the agency's base, or a urn when there is none.
func FHIRURL(base, setID string) string {
	if base == "" {
		return "urn:safeharbor:questionnaire:" + setID
	}
	return strings.TrimRight(base, "/") + "/Questionnaire/" + setID
}

type fhirCoding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code"`
	Display string `json:"display,omitempty"`
}

type fhirExtension struct {
	URL                  string               `json:"url"`
	ValueDecimal         *float64             `json:"valueDecimal,omitempty"`
	ValueCode            string               `json:"valueCode,omitempty"`
	ValueCodeableConcept *fhirCodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueAnnotation      *fhirAnnotation      `json:"valueAnnotation,omitempty"`
}

// fhirAnnotation is a note; its text is FHIR markdown.
type fhirAnnotation struct {
	Text string `json:"text"`
}

// fhirNarrative is a resource's human-readable text (dom-6): XHTML in one div.
type fhirNarrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

type fhirCodeableConcept struct {
	Coding []fhirCoding `json:"coding"`
}

type fhirEnableWhen struct {
	Question      string      `json:"question"`
	Operator      string      `json:"operator"`
	AnswerBoolean *bool       `json:"answerBoolean,omitempty"`
	AnswerDecimal *float64    `json:"answerDecimal,omitempty"`
	AnswerString  *string     `json:"answerString,omitempty"`
	AnswerCoding  *fhirCoding `json:"answerCoding,omitempty"`
}

type fhirAnswerOption struct {
	Extension   []fhirExtension `json:"extension,omitempty"`
	ValueCoding fhirCoding      `json:"valueCoding"`
}

type fhirItem struct {
	Extension      []fhirExtension    `json:"extension,omitempty"`
	LinkID         string             `json:"linkId"`
	Text           string             `json:"text,omitempty"`
	Type           string             `json:"type"`
	EnableWhen     []fhirEnableWhen   `json:"enableWhen,omitempty"`
	EnableBehavior string             `json:"enableBehavior,omitempty"`
	Repeats        bool               `json:"repeats,omitempty"`
	AnswerOption   []fhirAnswerOption `json:"answerOption,omitempty"`
	Item           []fhirItem         `json:"item,omitempty"`
}

type fhirQuestionnaire struct {
	ResourceType string         `json:"resourceType"`
	ID           string         `json:"id"`
	Text         *fhirNarrative `json:"text,omitempty"`
	URL          string         `json:"url"`
	Version      string         `json:"version"`
	Name         string         `json:"name"`
	Title        string         `json:"title"`
	Status       string         `json:"status"`
	Language     string         `json:"language,omitempty"`
	Description  string         `json:"description,omitempty"`
	Item         []fhirItem     `json:"item"`
}

// fhirName makes a machine-friendly name (que-0): post-return -> PostReturn.
func fhirName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '-' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
		up = false
	}
	if b.Len() == 0 || !unicode.IsLetter(rune(b.String()[0])) {
		return "Q" + b.String()
	}
	return b.String()
}

func optionSystem(set *screening.QuestionSet, q *screening.Question) string {
	return "urn:safeharbor:" + set.ID + ":" + q.ID
}

// stateCodings are the data-absent-reason codes for answers that are not values.
var stateCodings = map[screening.State]fhirCoding{
	screening.StateDeclined: {System: dataAbsentSystem, Code: "asked-declined", Display: "Asked But Declined"},
	screening.StateDontKnow: {System: dataAbsentSystem, Code: "asked-unknown", Display: "Asked But Unknown"},
	screening.StateNotAsked: {System: dataAbsentSystem, Code: "not-asked", Display: "Not Asked"},
}

func yesNoCodings() (yes, no fhirCoding) {
	return fhirCoding{System: yesNoSystem, Code: "Y", Display: "Yes"}, fhirCoding{System: yesNoSystem, Code: "N", Display: "No"}
}

// WriteQuestionnaire writes set as a FHIR R4 Questionnaire. A question whose condition has no
// enableWhen form (not, level, an indicator, "declined") is refused, not silently changed.
func WriteQuestionnaire(w io.Writer, set *screening.QuestionSet, url string) error {
	weights := map[string]int{}
	for _, ind := range set.Indicators {
		weights[ind.ID] = ind.Weight
	}
	q := fhirQuestionnaire{
		ResourceType: "Questionnaire", ID: set.ID, URL: url, Version: set.Version, Name: fhirName(set.ID),
		Title: set.Title, Status: string(set.Status), Language: set.Language, Description: set.Description,
	}
	q.Text = &fhirNarrative{Status: "generated", Div: questionnaireNarrative(set)}
	for _, sec := range set.Sections {
		group := fhirItem{LinkID: sec.ID, Text: sec.Title, Type: "group"}
		if sec.When != nil {
			// FHIR disables every item of a disabled group, as the section's when does.
			ew, behavior, err := enableWhen(set, sec.When)
			if err != nil {
				return fmt.Errorf("section %q: %w", sec.ID, err)
			}
			group.EnableWhen, group.EnableBehavior = ew, behavior
		}
		for i := range sec.Questions {
			item, err := questionItem(set, &sec.Questions[i], weights)
			if err != nil {
				return err
			}
			group.Item = append(group.Item, item)
		}
		q.Item = append(q.Item, group)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(q)
}

func questionItem(set *screening.QuestionSet, q *screening.Question, weights map[string]int) (fhirItem, error) {
	item := fhirItem{
		LinkID: q.ID, Text: q.Text,
		Extension: []fhirExtension{{URL: modeExtension, ValueCode: string(q.Mode)}},
	}
	ordinal := func(ind screening.Ref) []fhirExtension {
		if ind.ID == "" {
			return nil
		}
		v := float64(weights[ind.ID])
		return []fhirExtension{{URL: fhirOrdinal, ValueDecimal: &v}}
	}
	switch q.Type {
	case screening.TypeYesNo:
		item.Type = "choice"
		yes, no := yesNoCodings()
		item.AnswerOption = []fhirAnswerOption{{Extension: ordinal(q.Indicator), ValueCoding: yes}, {ValueCoding: no}}
	case screening.TypeSingle, screening.TypeMulti:
		item.Type = "choice"
		item.Repeats = q.Type == screening.TypeMulti
		for _, o := range q.Options {
			item.AnswerOption = append(item.AnswerOption, fhirAnswerOption{
				Extension:   ordinal(o.Indicator),
				ValueCoding: fhirCoding{System: optionSystem(set, q), Code: o.Value, Display: o.Label},
			})
		}
	case screening.TypeNumber:
		item.Type = "decimal"
	case screening.TypeDateTime:
		item.Type = "dateTime"
	default:
		item.Type = "string"
	}
	if item.Type == "choice" {
		for _, st := range []screening.State{screening.StateDeclined, screening.StateDontKnow, screening.StateNotAsked} {
			item.AnswerOption = append(item.AnswerOption, fhirAnswerOption{ValueCoding: stateCodings[st]})
		}
	}
	if q.Help != "" {
		help := fhirItem{LinkID: q.ID + ".help", Text: q.Help, Type: "display", Extension: []fhirExtension{{
			URL:                  fhirItemControl,
			ValueCodeableConcept: &fhirCodeableConcept{Coding: []fhirCoding{{System: "http://hl7.org/fhir/questionnaire-item-control", Code: "help", Display: "Help-Button"}}},
		}}}
		item.Item = []fhirItem{help}
	}
	if q.When != nil {
		ew, behavior, err := enableWhen(set, q.When)
		if err != nil {
			return item, fmt.Errorf("question %q: %w", q.ID, err)
		}
		item.EnableWhen, item.EnableBehavior = ew, behavior
	}
	return item, nil
}

// enableWhen turns a condition into FHIR enableWhen: one test, or all/any of plain tests.
func enableWhen(set *screening.QuestionSet, c *screening.Condition) ([]fhirEnableWhen, string, error) {
	if c.Op == screening.OpAll || c.Op == screening.OpAny {
		var out []fhirEnableWhen
		for i := range c.Sub {
			e, err := oneEnableWhen(set, &c.Sub[i])
			if err != nil {
				return nil, "", err
			}
			out = append(out, e)
		}
		if len(out) == 1 {
			return out, "", nil
		}
		return out, string(c.Op), nil
	}
	e, err := oneEnableWhen(set, c)
	return []fhirEnableWhen{e}, "", err
}

func oneEnableWhen(set *screening.QuestionSet, c *screening.Condition) (fhirEnableWhen, error) {
	if c.Op == screening.OpNot && len(c.Sub) == 1 && (c.Sub[0].Op == screening.OpIs || c.Sub[0].Op == screening.OpIncludes) {
		// FHIR's != holds when no answer has the value, unanswered included: not is, exactly.
		e, err := oneEnableWhen(set, &c.Sub[0])
		e.Operator = "!="
		return e, err
	}
	var target *screening.Question
	for _, q := range set.Questions() {
		if q.ID == c.Question {
			target = q
		}
	}
	if target == nil {
		return fhirEnableWhen{}, fmt.Errorf("condition %q has no FHIR enableWhen form; export needs conditions on questions (is, is_not, includes, answered, less_than, at_least, or not with is or includes), alone or in one all/any", c.String())
	}
	e := fhirEnableWhen{Question: c.Question}
	coding := func() *fhirCoding {
		if target.Type == screening.TypeYesNo {
			yes, no := yesNoCodings()
			if c.Value == "yes" {
				return &yes
			}
			return &no
		}
		if target.Type == screening.TypeText {
			return nil
		}
		return &fhirCoding{System: optionSystem(set, target), Code: c.Value}
	}
	switch c.Op {
	case screening.OpIs, screening.OpIncludes:
		e.Operator = "="
	case screening.OpIsNot:
		e.Operator = "!="
	case screening.OpAnswered:
		// A decline is a coded answer to a choice item, and no answer to any other: only there
		// does FHIR's "no answer exists" mean what answered: false does.
		if !c.Flag && (target.Type == screening.TypeYesNo || target.Type.HasOptions()) {
			return e, fmt.Errorf("condition %q has no FHIR enableWhen form", c.String())
		}
		flag := c.Flag
		e.Operator, e.AnswerBoolean = "exists", &flag
		return e, nil
	case screening.OpLessThan, screening.OpAtLeast:
		e.Operator = map[screening.Op]string{screening.OpLessThan: "<", screening.OpAtLeast: ">="}[c.Op]
		n := c.Number
		e.AnswerDecimal = &n
		return e, nil
	default:
		return e, fmt.Errorf("condition %q has no FHIR enableWhen form", c.String())
	}
	if cd := coding(); cd != nil {
		e.AnswerCoding = cd
	} else {
		v := c.Value
		e.AnswerString = &v
	}
	return e, nil
}

type fhirQRAnswer struct {
	ValueCoding   *fhirCoding `json:"valueCoding,omitempty"`
	ValueDecimal  *float64    `json:"valueDecimal,omitempty"`
	ValueString   *string     `json:"valueString,omitempty"`
	ValueDateTime *string     `json:"valueDateTime,omitempty"`
}

type fhirQRItem struct {
	Extension []fhirExtension `json:"extension,omitempty"`
	LinkID    string          `json:"linkId"`
	Answer    []fhirQRAnswer  `json:"answer,omitempty"`
	Item      []fhirQRItem    `json:"item,omitempty"`
}

// fhirMeta carries a resource's security labels.
type fhirMeta struct {
	Security []fhirCoding `json:"security,omitempty"`
}

// testData is HL7's security label for test data: a mock interview's response, which no
// record system should take for a real child's.
var testData = fhirCoding{System: "http://terminology.hl7.org/CodeSystem/v3-ActReason", Code: "HTEST", Display: "test health data"}

type fhirQR struct {
	ResourceType  string          `json:"resourceType"`
	Meta          *fhirMeta       `json:"meta,omitempty"`
	Text          *fhirNarrative  `json:"text,omitempty"`
	Extension     []fhirExtension `json:"extension,omitempty"`
	Questionnaire string          `json:"questionnaire"`
	Status        string          `json:"status"`
	Authored      string          `json:"authored,omitempty"`
	Language      string          `json:"language,omitempty"`
	Item          []fhirQRItem    `json:"item,omitempty"` // FHIR JSON has no empty arrays
}

// WriteQuestionnaireResponse writes an interview as a FHIR R4 QuestionnaireResponse for the
// Questionnaire at url, which WriteQuestionnaire made from set: set is in its own language, as
// the Questionnaire is, so every coding's display is the Questionnaire's; the summary's language
// is the response's language and its narrative's. Declines and "don't know" are
// data-absent-reason codes; questions that did not apply are left out, as FHIR asks for
// disabled items. The worker's notes ride on their sections' groups.
func WriteQuestionnaireResponse(w io.Writer, set *screening.QuestionSet, s *screening.Summary, url string) error {
	qr := fhirQR{ResourceType: "QuestionnaireResponse", Questionnaire: url + "|" + s.Set.Version, Status: "completed", Language: s.Language}
	qr.Text = &fhirNarrative{Status: "generated", Div: responseNarrative(s)}
	if s.Training {
		qr.Meta = &fhirMeta{Security: []fhirCoding{testData}}
	}
	notes := map[string]string{}
	for _, n := range s.Notes {
		notes[n.SectionID] = n.Text
	}
	if s.EndedEarly {
		// The worker stopped after a disclosure: the response is complete as far as it goes.
		qr.Status = "stopped"
	}
	if !s.Finished.IsZero() {
		qr.Authored = s.Finished.UTC().Format("2006-01-02T15:04:05Z")
	}
	answers := map[string]screening.QuestionAnswer{}
	for _, a := range s.Answers {
		answers[a.QuestionID] = a
	}
	for _, sec := range set.Sections {
		group := fhirQRItem{LinkID: sec.ID}
		if note := notes[sec.ID]; strings.TrimSpace(note) != "" {
			group.Extension = []fhirExtension{{URL: fhirResponseNote, ValueAnnotation: &fhirAnnotation{Text: markdownLiteral(note)}}}
		}
		for i := range sec.Questions {
			q := &sec.Questions[i]
			a := answers[q.ID]
			if a.State == screening.StateNotApplicable || a.State == "" {
				continue
			}
			// No text: FHIR wants it equal to the Questionnaire's, and an interview may be in another language.
			item := fhirQRItem{LinkID: q.ID}
			if a.State != screening.StateAnswered {
				if q.Type == screening.TypeNumber || q.Type == screening.TypeText || q.Type == screening.TypeDateTime {
					item.Extension = []fhirExtension{{URL: fhirDataAbsent, ValueCode: stateCodings[a.State].Code}}
				} else {
					c := stateCodings[a.State]
					item.Answer = []fhirQRAnswer{{ValueCoding: &c}}
				}
				group.Item = append(group.Item, item)
				continue
			}
			switch q.Type {
			case screening.TypeYesNo:
				yes, no := yesNoCodings()
				c := no
				if len(a.Values) == 1 && a.Values[0] == "yes" {
					c = yes
				}
				item.Answer = []fhirQRAnswer{{ValueCoding: &c}}
			case screening.TypeSingle, screening.TypeMulti:
				for _, v := range a.Values {
					c := fhirCoding{System: optionSystem(set, q), Code: v, Display: optionLabel(q, v)}
					item.Answer = append(item.Answer, fhirQRAnswer{ValueCoding: &c})
				}
			case screening.TypeNumber:
				if n, err := strconv.ParseFloat(a.Values[0], 64); err == nil {
					item.Answer = []fhirQRAnswer{{ValueDecimal: &n}}
				}
			case screening.TypeDateTime:
				// The recorded form is RFC 3339 to the second with an offset, which is FHIR's dateTime.
				v := a.Values[0]
				item.Answer = []fhirQRAnswer{{ValueDateTime: &v}}
			default:
				v := a.Values[0]
				item.Answer = []fhirQRAnswer{{ValueString: &v}}
			}
			group.Item = append(group.Item, item)
		}
		if len(group.Item) > 0 || len(group.Extension) > 0 {
			qr.Item = append(qr.Item, group)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(qr)
}

func optionLabel(q *screening.Question, value string) string {
	for _, o := range q.Options {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// markdownLiteral writes text as CommonMark that renders as the text itself: every ASCII
// punctuation character backslash-escaped (so nothing becomes a heading, a list, a link, HTML or
// code), spaces that start a line kept as no-break spaces (so none becomes a code block), and
// each line break a hard break. A reader that does not render markdown reads it nearly as written.
func markdownLiteral(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		var b strings.Builder
		leading := true
		for _, r := range line {
			switch {
			case leading && (r == ' ' || r == '\t'):
				b.WriteRune('\u00a0')
				continue
			case r < 0x80 && unicode.IsPunct(r) || r < 0x80 && unicode.IsSymbol(r):
				b.WriteByte('\\')
			}
			leading = false
			b.WriteRune(r)
		}
		lines[i] = b.String()
	}
	return strings.Join(lines, "\\\n")
}

// responseNarrative is the response as a person reads it, in the summary's language: the set,
// each question that applied with its answer, and the worker's notes, line by line. It is
// XHTML of the elements FHIR's narrative allows, every text escaped as XML.
// questionnaireNarrative is the Questionnaire as a person reads it (dom-6): its title and
// version, then each section and its questions in order.
func questionnaireNarrative(set *screening.QuestionSet) string {
	lang := cmp.Or(set.Language, "en")
	var b strings.Builder
	text := func(t string) { _ = xml.EscapeText(&b, []byte(t)) }
	b.WriteString(`<div xmlns="` + xhtmlNamespace + `" lang="`)
	text(lang)
	b.WriteString(`" xml:lang="`)
	text(lang)
	b.WriteString(`"><p><b>`)
	text(set.Title)
	b.WriteString(`</b><br/>`)
	text(set.ID + " " + set.Version)
	b.WriteString(`</p>`)
	for _, sec := range set.Sections {
		b.WriteString(`<h3>`)
		text(sec.Title)
		b.WriteString(`</h3><ol>`)
		for _, q := range sec.Questions {
			b.WriteString(`<li>`)
			text(q.Text)
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ol>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

func responseNarrative(s *screening.Summary) string {
	w := wordsFor(s.Language)
	lang := cmp.Or(s.Language, "en")
	var b strings.Builder
	text := func(t string) { _ = xml.EscapeText(&b, []byte(t)) }
	lines := func(t string) {
		for i, line := range strings.Split(t, "\n") {
			if i > 0 {
				b.WriteString("<br/>")
			}
			text(line)
		}
	}
	b.WriteString(`<div xmlns="` + xhtmlNamespace + `" lang="`)
	text(lang)
	b.WriteString(`" xml:lang="`)
	text(lang)
	b.WriteString(`"><p><b>`)
	text(w.SummaryTitle + ": " + s.Set.Title)
	b.WriteString(`</b><br/>`)
	text(fmt.Sprintf("%s %s", s.Set.ID, s.Set.Version))
	b.WriteString(`</p>`)
	rows := 0
	for _, a := range s.Answers {
		if a.State == screening.StateNotApplicable || a.State == "" {
			continue
		}
		if rows == 0 { // XHTML has no empty table body: the table starts with its first row
			b.WriteString(`<table><thead><tr><th>`)
			text(w.Question)
			b.WriteString(`</th><th>`)
			text(w.Answer)
			b.WriteString(`</th></tr></thead><tbody>`)
		}
		rows++
		b.WriteString(`<tr><td>`)
		text(a.Text)
		b.WriteString(`</td><td>`)
		lines(strings.TrimPrefix(w.answerValue(a), "— "))
		b.WriteString(`</td></tr>`)
	}
	if rows > 0 {
		b.WriteString(`</tbody></table>`)
	}
	if len(s.Notes) > 0 {
		b.WriteString(`<p><b>`)
		text(w.Notes)
		b.WriteString(`</b></p><ul>`)
		for _, n := range s.Notes {
			b.WriteString(`<li><b>`)
			text(n.Title)
			b.WriteString(`:</b> `)
			lines(n.Text)
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}
