package questions

import (
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor-translation/v1.
var (
	TranslationKeys     = []string{"format", "set", "language", "title", "description", "opening", "closing", "sections", "questions", "indicators", "actions", "domains", "sources"}
	SectionTextKeys     = []string{"title", "help"}
	QuestionTextKeys    = []string{"text", "help", "unit", "options"}
	SourceTextKeys      = []string{"title", "publisher"}
	TranslationsDirName = "translations"
)

func (d *decoder) translation(root *yaml.Node) *screening.Translation {
	tr := &screening.Translation{
		Pos: pos(root), Sections: map[string]screening.SectionText{}, Questions: map[string]screening.QuestionText{},
		Indicators: map[string]screening.Text{}, Actions: map[string]screening.Text{}, Domains: map[string]screening.Text{},
		Sources: map[string]screening.SourceText{},
	}
	text := func(n *yaml.Node, what string) screening.Text {
		s, p := d.str(n, what)
		return screening.Text{Text: s, Pos: p}
	}
	fs, _ := d.fields(root, "the translation", TranslationKeys)
	for _, f := range fs {
		switch f.name {
		case "set":
			tr.Set, tr.SetPos = d.str(f.val, "set")
		case "language":
			tr.Language, tr.LangPos = d.str(f.val, "language")
		case "title":
			tr.Title, _ = d.str(f.val, "title")
		case "description":
			tr.Description, _ = d.str(f.val, "description")
		case "opening":
			tr.Opening = d.steps(f.val, "opening")
		case "closing":
			tr.Closing = d.steps(f.val, "closing")
		case "sections":
			for _, p := range d.idPairs(f.val, "sections", "a mapping of section ids to their words") {
				st := screening.SectionText{Pos: pos(p.key)}
				sfs, _ := d.fields(p.val, "a section's words", SectionTextKeys)
				for _, sf := range sfs {
					if sf.name == "title" {
						st.Title = text(sf.val, "title")
					} else {
						st.Help = text(sf.val, "help")
					}
				}
				tr.Sections[p.name] = st
			}
		case "questions":
			for _, p := range d.idPairs(f.val, "questions", "a mapping of question ids to their words") {
				qt := screening.QuestionText{Pos: pos(p.key), Options: map[string]screening.Text{}}
				qfs, _ := d.fields(p.val, "a question's words", QuestionTextKeys)
				for _, qf := range qfs {
					switch qf.name {
					case "text":
						qt.Text = text(qf.val, "text")
					case "help":
						qt.Help = text(qf.val, "help")
					case "unit":
						qt.Unit = text(qf.val, "unit")
					case "options":
						for _, o := range d.idPairs(qf.val, "options", "a mapping of option values to labels") {
							qt.Options[o.name] = text(o.val, "a label")
						}
					}
				}
				tr.Questions[p.name] = qt
			}
		case "indicators":
			for _, p := range d.idPairs(f.val, "indicators", "a mapping of indicator ids to labels") {
				tr.Indicators[p.name] = text(p.val, "a label")
			}
		case "actions":
			for _, p := range d.idPairs(f.val, "actions", "a mapping of action ids to texts") {
				tr.Actions[p.name] = text(p.val, "an action's text")
			}
		case "domains":
			for _, p := range d.idPairs(f.val, "domains", "a mapping of domain ids to labels") {
				tr.Domains[p.name] = text(p.val, "a label")
			}
		case "sources":
			for _, p := range d.idPairs(f.val, "sources", "a mapping of source ids to their title and publisher") {
				st := screening.SourceText{Pos: pos(p.key)}
				sfs, _ := d.fields(p.val, "a source's words", SourceTextKeys)
				for _, sf := range sfs {
					if sf.name == "title" {
						st.Title = text(sf.val, "title")
					} else {
						st.Publisher = text(sf.val, "publisher")
					}
				}
				tr.Sources[p.name] = st
			}
		}
	}
	return tr
}
