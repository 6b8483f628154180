package questions

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor-translation/v1.
var (
	TranslationKeys     = []string{"format", "set", "language", "title", "description", "opening", "closing", "sections", "questions", "indicators", "actions", "domains", "sources"}
	SectionTextKeys     = []string{"title", "help"}
	QuestionTextKeys    = []string{"text", "help", "unit", "options"}
	SourceTextKeys      = []string{"title", "publisher"}
	TranslatedTextKeys  = []string{"from", "to"}
	TranslationsDirName = "translations"
)

func (d *decoder) translation(root *yaml.Node) *screening.Translation {
	tr := &screening.Translation{
		Pos: pos(root), Sections: map[string]screening.SectionText{}, Questions: map[string]screening.QuestionText{},
		Indicators: map[string]screening.Text{}, Actions: map[string]screening.Text{}, Domains: map[string]screening.Text{},
		Sources: map[string]screening.SourceText{}, From: map[string]screening.Text{},
	}
	// text reads one translated string at path: the words alone, or {from: the set's words as
	// translated, to: the words}, which lets a changed source be found.
	text := func(n *yaml.Node, path, what string) screening.Text {
		if n.Kind != yaml.MappingNode {
			s, p := d.str(n, what)
			return screening.Text{Text: s, Pos: p}
		}
		var t screening.Text
		fs, _ := d.fields(n, what+" with what it was translated from", TranslatedTextKeys)
		var from, to bool
		for _, f := range fs {
			s, p := d.str(f.val, what+"."+f.name)
			if f.name == "to" {
				t, to = screening.Text{Text: s, Pos: p}, true
			} else {
				tr.From[path], from = screening.Text{Text: s, Pos: p}, true
			}
		}
		if !from || !to {
			missing := map[bool]string{true: "`to:` (the translation)", false: "`from:` (the set's words it translates)"}[from]
			d.out.Errorf(pos(n), screening.RuleMissingField, "%s is written as a mapping but has no %s; write both, or the translation alone", what, missing)
		}
		if t.Pos.IsZero() {
			t.Pos = pos(n)
		}
		return t
	}
	fs, _ := d.fields(root, "the translation", TranslationKeys)
	for _, f := range fs {
		switch f.name {
		case "set":
			tr.Set, tr.SetPos = d.str(f.val, "set")
		case "language":
			tr.Language, tr.LangPos = d.str(f.val, "language")
		case "title":
			tr.Title = text(f.val, "title", "title").Text
		case "description":
			tr.Description = text(f.val, "description", "description").Text
		case "opening":
			tr.Opening = d.translatedSteps(f.val, "opening", text)
		case "closing":
			tr.Closing = d.translatedSteps(f.val, "closing", text)
		case "sections":
			for _, p := range d.idPairs(f.val, "sections", "a mapping of section ids to their words") {
				st := screening.SectionText{Pos: pos(p.key)}
				sfs, _ := d.fields(p.val, "a section's words", SectionTextKeys)
				for _, sf := range sfs {
					path := "sections." + p.name + "." + sf.name
					if sf.name == "title" {
						st.Title = text(sf.val, path, "title")
					} else {
						st.Help = text(sf.val, path, "help")
					}
				}
				tr.Sections[p.name] = st
			}
		case "questions":
			for _, p := range d.idPairs(f.val, "questions", "a mapping of question ids to their words") {
				qt := screening.QuestionText{Pos: pos(p.key), Options: map[string]screening.Text{}}
				qfs, _ := d.fields(p.val, "a question's words", QuestionTextKeys)
				for _, qf := range qfs {
					path := "questions." + p.name + "." + qf.name
					switch qf.name {
					case "text":
						qt.Text = text(qf.val, path, "text")
					case "help":
						qt.Help = text(qf.val, path, "help")
					case "unit":
						qt.Unit = text(qf.val, path, "unit")
					case "options":
						for _, o := range d.idPairs(qf.val, "options", "a mapping of option values to labels") {
							qt.Options[o.name] = text(o.val, path+"."+o.name, "a label")
						}
					}
				}
				tr.Questions[p.name] = qt
			}
		case "indicators":
			for _, p := range d.idPairs(f.val, "indicators", "a mapping of indicator ids to labels") {
				tr.Indicators[p.name] = text(p.val, "indicators."+p.name, "a label")
			}
		case "actions":
			for _, p := range d.idPairs(f.val, "actions", "a mapping of action ids to texts") {
				tr.Actions[p.name] = text(p.val, "actions."+p.name, "an action's text")
			}
		case "domains":
			for _, p := range d.idPairs(f.val, "domains", "a mapping of domain ids to labels") {
				tr.Domains[p.name] = text(p.val, "domains."+p.name, "a label")
			}
		case "sources":
			for _, p := range d.idPairs(f.val, "sources", "a mapping of source ids to their title and publisher") {
				st := screening.SourceText{Pos: pos(p.key)}
				sfs, _ := d.fields(p.val, "a source's words", SourceTextKeys)
				for _, sf := range sfs {
					path := "sources." + p.name + "." + sf.name
					if sf.name == "title" {
						st.Title = text(sf.val, path, "title")
					} else {
						st.Publisher = text(sf.val, path, "publisher")
					}
				}
				tr.Sources[p.name] = st
			}
		}
	}
	return tr
}

// translatedSteps reads a translation's opening or closing: steps as in a set, each one's words
// alone or with what they were translated from.
func (d *decoder) translatedSteps(n *yaml.Node, what string, text func(*yaml.Node, string, string) screening.Text) []screening.Step {
	var steps []screening.Step
	for i, it := range d.list(n, what) {
		fs, ok := d.fields(it, "a step of the "+what, StepKeys)
		if !ok {
			continue
		}
		if len(it.Content) != 2 {
			d.out.Errorf(pos(it), screening.RuleWrongType, "each step of the %s is one `say:` (read aloud) or one `do:` (for the worker); make separate steps", what)
			continue
		}
		if len(fs) != 1 {
			continue // its one key is unknown, and reported
		}
		t := text(fs[0].val, fmt.Sprintf("%s.%d", what, i+1), fs[0].name)
		steps = append(steps, screening.Step{Kind: screening.StepKind(fs[0].name), Text: t.Text, Pos: t.Pos})
	}
	return steps
}
