package screening

import (
	"fmt"
	"slices"
	"strings"
)

// Translation is a question set's words in another language, for the exact set version it
// names. Ids, values, weights and conditions stay the set's own: only what people read changes.
type Translation struct {
	Set         string // id@version
	Language    string
	Title       string
	Description string
	Opening     []Step
	Closing     []Step
	Sections    map[string]SectionText
	Questions   map[string]QuestionText
	Indicators  map[string]Text
	Actions     map[string]Text
	Domains     map[string]Text // domain id -> label
	// Sources are the sources' titles and publishers in the language: the original title with a
	// gloss, as service names are given, so a reader can still find the document. Optional, for
	// translations written before sources could be translated; given, it covers every source.
	Sources map[string]SourceText
	// From is what each string was translated from, by its path (SourceString.Path), where the
	// file records it: the set's words as the translator read them. A string whose set words have
	// changed since is stale. A translation written before this was recorded has none.
	From map[string]Text

	Pos, SetPos, LangPos Pos
}

// SourceText is a source's title and publisher in another language.
type SourceText struct {
	Title, Publisher Text
	Pos              Pos
}

// Text is one translated string with where it is written.
type Text struct {
	Text string
	Pos  Pos
}

// SectionText is a section's translated title and guidance.
type SectionText struct {
	Title, Help Text
	Pos         Pos
}

// QuestionText is a question's translated words.
type QuestionText struct {
	Text, Help, Unit Text
	Options          map[string]Text
	Pos              Pos
}

// CheckTranslation checks that a translation has every string of the set, and nothing else.
func CheckTranslation(tr *Translation, set *QuestionSet, wording *Wording) Findings {
	c := checker{opt: CheckOptions{Wording: wording}}
	if tr.Language == "" {
		c.out.Errorf(tr.Pos, RuleMissingField, "the translation has no language")
	} else if !IsLanguageTag(tr.Language) {
		c.out.Errorf(tr.LangPos, RuleInvalidLanguage, "language %q is not a BCP 47 tag such as \"es\" or \"es-US\"", tr.Language)
	}
	if set == nil {
		return c.out
	}
	missing := func(what string) {
		c.out.Errorf(tr.Pos, RuleMissingTranslation, "the translation lacks %s", what)
	}
	need := func(got Text, has string, what string) {
		if strings.TrimSpace(has) != "" && strings.TrimSpace(got.Text) == "" {
			missing(what)
		}
	}
	need(Text{Text: tr.Title}, set.Title, "the title")
	need(Text{Text: tr.Description}, set.Description, "the description")
	steps := func(got, want []Step, what string) {
		if len(got) != len(want) {
			c.out.Errorf(tr.Pos, RuleMissingTranslation, "the %s has %d steps, the translation %d: translate each, in order", what, len(want), len(got))
			return
		}
		for i := range want {
			if got[i].Kind != want[i].Kind {
				c.out.Errorf(got[i].Pos, RuleMissingTranslation, "step %d of the %s is %q in the set but %q here", i+1, what, want[i].Kind, got[i].Kind)
			}
			if got[i].Kind == StepSay {
				c.readAloud(got[i].Text, got[i].Pos, "read aloud", true)
			}
		}
	}
	steps(tr.Opening, set.Opening, "opening")
	steps(tr.Closing, set.Closing, "closing")

	sectionIDs, questionIDs := []string{}, []string{}
	for _, sec := range set.Sections {
		sectionIDs = append(sectionIDs, sec.ID)
		st := tr.Sections[sec.ID]
		need(st.Title, sec.Title, fmt.Sprintf("the title of section %q", sec.ID))
		need(st.Help, sec.Help, fmt.Sprintf("the guidance of section %q", sec.ID))
		for i := range sec.Questions {
			q := &sec.Questions[i]
			questionIDs = append(questionIDs, q.ID)
			qt := tr.Questions[q.ID]
			need(qt.Text, q.Text, fmt.Sprintf("the text of question %q", q.ID))
			need(qt.Help, q.Help, fmt.Sprintf("the guidance of question %q", q.ID))
			need(qt.Unit, q.Unit, fmt.Sprintf("the unit of question %q", q.ID))
			if q.Mode.ReadAloud() && qt.Text.Text != "" {
				c.readAloud(qt.Text.Text, qt.Text.Pos, "question", true)
			}
			values := []string{}
			for _, o := range q.Options {
				values = append(values, o.Value)
				need(qt.Options[o.Value], o.Label, fmt.Sprintf("the label of option %q of question %q", o.Value, q.ID))
			}
			for v, t := range qt.Options {
				if !slices.Contains(values, v) {
					c.out.Errorf(t.Pos, RuleUnknownReference, "question %q has no option %q%s", q.ID, v, DidYouMean(v, values))
				}
			}
		}
	}
	unknown := func(what string, known []string, got map[string]Pos) {
		for id, p := range got {
			if !slices.Contains(known, id) {
				c.out.Errorf(p, RuleUnknownReference, "set %s has no %s %q%s", set.ID, what, id, DidYouMean(id, known))
			}
		}
	}
	unknown("section", sectionIDs, positions(tr.Sections, func(st SectionText) Pos { return st.Pos }))
	unknown("question", questionIDs, positions(tr.Questions, func(qt QuestionText) Pos { return qt.Pos }))
	indicatorIDs := []string{}
	for _, ind := range set.Indicators {
		indicatorIDs = append(indicatorIDs, ind.ID)
		need(tr.Indicators[ind.ID], ind.Label, fmt.Sprintf("the label of indicator %q", ind.ID))
	}
	unknown("indicator", indicatorIDs, positions(tr.Indicators, func(t Text) Pos { return t.Pos }))
	actionIDs := []string{}
	for _, a := range set.Actions {
		actionIDs = append(actionIDs, a.ID)
		need(tr.Actions[a.ID], a.Text, fmt.Sprintf("the text of action %q", a.ID))
	}
	unknown("action", actionIDs, positions(tr.Actions, func(t Text) Pos { return t.Pos }))
	domainIDs := []string{}
	for _, d := range set.Domains {
		domainIDs = append(domainIDs, d.ID)
		need(tr.Domains[d.ID], d.Label, fmt.Sprintf("the label of domain %q", d.ID))
	}
	unknown("domain", domainIDs, positions(tr.Domains, func(t Text) Pos { return t.Pos }))
	if len(tr.Sources) > 0 {
		sourceIDs := []string{}
		for _, src := range set.Sources {
			sourceIDs = append(sourceIDs, src.ID)
			st := tr.Sources[src.ID]
			need(st.Title, src.Title, fmt.Sprintf("the title of source %q", src.ID))
			need(st.Publisher, src.Publisher, fmt.Sprintf("the publisher of source %q", src.ID))
		}
		unknown("source", sourceIDs, positions(tr.Sources, func(st SourceText) Pos { return st.Pos }))
	}
	for _, st := range Stale(tr, set) {
		c.out.Warnf(st.From.Pos, RuleStaleTranslation, "%s was translated from %s, but the set now says %s: translate it again, and write the set's words in `from:`", st.Source.What, quoteShort(st.From.Text), quoteShort(st.Source.Text))
	}
	return c.out
}

// quoteShort quotes a text for a message, cut at 80 characters: enough to find it.
func quoteShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// positions maps each id of a translation's entries to where it is written.
func positions[T any](m map[string]T, pos func(T) Pos) map[string]Pos {
	out := make(map[string]Pos, len(m))
	for id, v := range m {
		out[id] = pos(v)
	}
	return out
}

// Translate returns a copy of the set in the translation's language. The set must have passed
// CheckTranslation with this translation.
func Translate(set *QuestionSet, tr *Translation) *QuestionSet {
	out := *set
	out.Language = tr.Language
	out.Title = tr.Title
	if tr.Description != "" {
		out.Description = tr.Description
	}
	out.Opening, out.Closing = slices.Clone(tr.Opening), slices.Clone(tr.Closing)
	out.Sections = make([]Section, len(set.Sections))
	for i, sec := range set.Sections {
		st := tr.Sections[sec.ID]
		sec.Title, sec.Help = or(st.Title.Text, sec.Title), or(st.Help.Text, sec.Help)
		qs := make([]Question, len(sec.Questions))
		for j, q := range sec.Questions {
			qs[j] = TranslateQuestion(&q, tr)
		}
		sec.Questions = qs
		out.Sections[i] = sec
	}
	out.Indicators = slices.Clone(set.Indicators)
	for i := range out.Indicators {
		out.Indicators[i].Label = or(tr.Indicators[out.Indicators[i].ID].Text, out.Indicators[i].Label)
	}
	out.Actions = slices.Clone(set.Actions)
	for i := range out.Actions {
		out.Actions[i].Text = or(tr.Actions[out.Actions[i].ID].Text, out.Actions[i].Text)
	}
	out.Domains = slices.Clone(set.Domains)
	for i := range out.Domains {
		out.Domains[i].Label = or(tr.Domains[out.Domains[i].ID].Text, out.Domains[i].Label)
	}
	out.Sources = slices.Clone(set.Sources)
	for i := range out.Sources {
		st := tr.Sources[out.Sources[i].ID]
		out.Sources[i].Title = or(st.Title.Text, out.Sources[i].Title)
		out.Sources[i].Publisher = or(st.Publisher.Text, out.Sources[i].Publisher)
	}
	return &out
}

// TranslateQuestion returns a copy of q with its words in the translation's language.
func TranslateQuestion(q *Question, tr *Translation) Question {
	out := *q
	qt := tr.Questions[q.ID]
	out.Text, out.Help, out.Unit = or(qt.Text.Text, q.Text), or(qt.Help.Text, q.Help), or(qt.Unit.Text, q.Unit)
	out.Options = slices.Clone(q.Options)
	for i := range out.Options {
		out.Options[i].Label = or(qt.Options[out.Options[i].Value].Text, out.Options[i].Label)
	}
	return out
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// BaseLanguage is the language of a BCP 47 tag without its region, in lower case: es for es-US.
// Fixed words and contact translations in es serve es-US and es-MX alike.
func BaseLanguage(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(base)
}

// SourceString is one string of a set that a translation gives in another language, named by its
// path: the keys that lead to it in a translation file (title, opening.2, questions.ID.text,
// questions.ID.options.VALUE, indicators.ID, ...).
type SourceString struct {
	Path string
	What string // in words: the text of question "slept-where"
	Text string
	Pos  Pos
}

// SourceStrings returns the strings of the set a translation gives, in file order; those the set
// leaves empty are not among them.
func (s *QuestionSet) SourceStrings() []SourceString {
	var out []SourceString
	add := func(path, text string, pos Pos) {
		if strings.TrimSpace(text) != "" {
			out = append(out, SourceString{Path: path, What: StringWhat(path), Text: text, Pos: pos})
		}
	}
	add("title", s.Title, s.TitlePos)
	add("description", s.Description, pick(s.DescriptionPos, s.Pos))
	for _, src := range s.Sources {
		add("sources."+src.ID+".title", src.Title, pick(src.IDPos, src.Pos))
		add("sources."+src.ID+".publisher", src.Publisher, pick(src.IDPos, src.Pos))
	}
	for i, st := range s.Opening {
		add(fmt.Sprintf("opening.%d", i+1), st.Text, st.Pos)
	}
	for i, st := range s.Closing {
		add(fmt.Sprintf("closing.%d", i+1), st.Text, st.Pos)
	}
	for _, sec := range s.Sections {
		add("sections."+sec.ID+".title", sec.Title, sec.TitlePos)
		add("sections."+sec.ID+".help", sec.Help, sec.Pos)
	}
	for _, q := range s.Questions() {
		add("questions."+q.ID+".text", q.Text, q.TextPos)
		add("questions."+q.ID+".help", q.Help, q.Pos)
		add("questions."+q.ID+".unit", q.Unit, q.Pos)
		for _, o := range q.Options {
			add("questions."+q.ID+".options."+o.Value, o.Label, o.LabelPos)
		}
	}
	for _, ind := range s.Indicators {
		add("indicators."+ind.ID, ind.Label, ind.LabelPos)
	}
	for _, a := range s.Actions {
		add("actions."+a.ID, a.Text, a.TextPos)
	}
	for _, d := range s.Domains {
		add("domains."+d.ID, d.Label, d.LabelPos)
	}
	return out
}

// StringWhat names a set's string by its path, in words: `the text of question "slept-where"`.
func StringWhat(path string) string {
	p := strings.Split(path, ".")
	field := map[string]string{"title": "the title", "help": "the guidance", "text": "the text", "unit": "the unit"}
	switch {
	case len(p) == 1 && p[0] == "title":
		return "the title"
	case len(p) == 1 && p[0] == "description":
		return "the description"
	case len(p) == 2 && (p[0] == "opening" || p[0] == "closing"):
		return fmt.Sprintf("step %s of the %s", p[1], p[0])
	case len(p) == 3 && p[0] == "sources" && (p[2] == "title" || p[2] == "publisher"):
		return fmt.Sprintf("the %s of source %q", p[2], p[1])
	case len(p) == 3 && p[0] == "sections" && field[p[2]] != "":
		return fmt.Sprintf("%s of section %q", field[p[2]], p[1])
	case len(p) == 3 && p[0] == "questions" && field[p[2]] != "":
		return fmt.Sprintf("%s of question %q", field[p[2]], p[1])
	case len(p) == 4 && p[0] == "questions" && p[2] == "options":
		return fmt.Sprintf("the label of option %q of question %q", p[3], p[1])
	case len(p) == 2 && p[0] == "indicators":
		return fmt.Sprintf("the label of indicator %q", p[1])
	case len(p) == 2 && p[0] == "actions":
		return fmt.Sprintf("the text of action %q", p[1])
	case len(p) == 2 && p[0] == "domains":
		return fmt.Sprintf("the label of domain %q", p[1])
	}
	return path
}

// Strings returns the translation's strings by path, as SourceStrings names them.
func (tr *Translation) Strings() map[string]Text {
	out := make(map[string]Text)
	add := func(path string, t Text) {
		if strings.TrimSpace(t.Text) != "" {
			out[path] = t
		}
	}
	add("title", Text{Text: tr.Title, Pos: tr.Pos})
	add("description", Text{Text: tr.Description, Pos: tr.Pos})
	for id, st := range tr.Sources {
		add("sources."+id+".title", st.Title)
		add("sources."+id+".publisher", st.Publisher)
	}
	for i, st := range tr.Opening {
		add(fmt.Sprintf("opening.%d", i+1), Text{Text: st.Text, Pos: st.Pos})
	}
	for i, st := range tr.Closing {
		add(fmt.Sprintf("closing.%d", i+1), Text{Text: st.Text, Pos: st.Pos})
	}
	for id, st := range tr.Sections {
		add("sections."+id+".title", st.Title)
		add("sections."+id+".help", st.Help)
	}
	for id, qt := range tr.Questions {
		add("questions."+id+".text", qt.Text)
		add("questions."+id+".help", qt.Help)
		add("questions."+id+".unit", qt.Unit)
		for v, t := range qt.Options {
			add("questions."+id+".options."+v, t)
		}
	}
	for id, t := range tr.Indicators {
		add("indicators."+id, t)
	}
	for id, t := range tr.Actions {
		add("actions."+id, t)
	}
	for id, t := range tr.Domains {
		add("domains."+id, t)
	}
	return out
}

// StaleString is a translated string whose set words have changed since it was translated.
type StaleString struct {
	Source SourceString // the set's words now
	From   Text         // what the translation says it was translated from, and where
}

// Stale returns the strings of tr that were translated from other words than set has now, in
// the set's order. Strings that record no source are not among them: they cannot be told.
func Stale(tr *Translation, set *QuestionSet) []StaleString {
	var out []StaleString
	for _, src := range set.SourceStrings() {
		from, ok := tr.From[src.Path]
		if ok && !sameWords(from.Text, src.Text) {
			out = append(out, StaleString{Source: src, From: from})
		}
	}
	return out
}

// sameWords reports whether two texts say the same words: a line folded elsewhere, or spaces
// doubled, is the same text.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
