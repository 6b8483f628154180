package screening

import (
	"slices"
	"testing"
)

// A translated string is stale when the set's words differ from those it records it was
// translated from; a string that records nothing is never called stale.
func TestStale(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(s *QuestionSet)
		from map[string]string
		want []string // the paths of the stale strings
	}{
		{"the same words", nil, map[string]string{"questions.slept.text": "Where did you sleep?"}, nil},
		{"folded onto other lines", nil, map[string]string{"questions.slept.text": "Where did\n  you  sleep?"}, nil},
		{"a question reworded", func(s *QuestionSet) { q(s, "slept").Text = "Where did you sleep while you were away?" }, map[string]string{"questions.slept.text": "Where did you sleep?"}, []string{"questions.slept.text"}},
		{"reworded, but nothing recorded", func(s *QuestionSet) { q(s, "slept").Text = "Where did you sleep while away?" }, nil, nil},
		{"an option's label", func(s *QuestionSet) { q(s, "slept").Options[1].Label = "A hotel or motel" }, map[string]string{"questions.slept.options.hotel": "A hotel", "questions.slept.options.friend": "At a friend's"}, []string{"questions.slept.options.hotel"}},
		{"a step", func(s *QuestionSet) { s.Opening[1].Text = "Find a quiet, private room." }, map[string]string{"opening.1": "I'm glad you're back.", "opening.2": "Find a quiet room."}, []string{"opening.2"}},
		{"an indicator, an action and the title", func(s *QuestionSet) {
			s.Indicators[0].Label, s.Actions[0].Text, s.Title = "Stayed at hotels", "Arrange an assessment.", "A test set"
		}, map[string]string{"indicators.hotel": "Hotel stays", "actions.assess": "Arrange a fuller assessment.", "title": "Test set"}, []string{"title", "indicators.hotel", "actions.assess"}},
		{"a string the set no longer has", func(s *QuestionSet) { s.Sections[0].Questions = s.Sections[0].Questions[1:] }, map[string]string{"questions.slept.text": "Where did you sleep?"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			set := validSet()
			if tt.edit != nil {
				tt.edit(set)
			}
			tr := &Translation{From: map[string]Text{}}
			for p, from := range tt.from {
				tr.From[p] = Text{Text: from, Pos: at(40)}
			}
			var got []string
			for _, st := range Stale(tr, set) {
				got = append(got, st.Source.Path)
				if st.From.Text != tt.from[st.Source.Path] {
					t.Errorf("%s: from %q, want %q", st.Source.Path, st.From.Text, tt.from[st.Source.Path])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("stale %v, want %v", got, tt.want)
			}
		})
	}
}

// The paths of a set's strings are those of a translation's, so each translated string finds its
// source.
func TestSourceStringsMatchTranslationPaths(t *testing.T) {
	set := validSet()
	set.Sections[0].Help = "Listen."
	tr := &Translation{
		Title: "Prueba", Opening: []Step{{Kind: StepSay, Text: "Me alegra."}, {Kind: StepDo, Text: "Busca un cuarto."}},
		Sections: map[string]SectionText{"away": {Title: Text{Text: "Fuera"}, Help: Text{Text: "Escucha."}}},
		Questions: map[string]QuestionText{
			"slept":   {Text: Text{Text: "¿Dónde?"}, Options: map[string]Text{"friend": {Text: "Con amistades"}, "hotel": {Text: "Un hotel"}}},
			"partner": {Text: Text{Text: "¿Alguien mayor?"}}, "phones": {Text: Text{Text: "Teléfonos."}}, "days": {Text: Text{Text: "Días"}},
		},
		Indicators: map[string]Text{"hotel": {Text: "Hoteles"}, "older": {Text: "Mayor"}, "phones": {Text: "Teléfonos"}},
		Actions:    map[string]Text{"assess": {Text: "Evalúa."}},
		Sources:    map[string]SourceText{"guide": {Title: Text{Text: "Una guía"}}},
	}
	strs := tr.Strings()
	for _, src := range set.SourceStrings() {
		if _, ok := strs[src.Path]; !ok {
			t.Errorf("the set's %s (%s) has no string in the translation", src.Path, src.What)
		}
		delete(strs, src.Path)
	}
	for p := range strs {
		t.Errorf("the translation's %s is no string of the set", p)
	}
}

// What a translator must redo: stale and missing strings of a translation; with no translation
// of the new version yet, every string not as it was.
func TestRedo(t *testing.T) {
	set := validSet()
	q(set, "slept").Text = "Where did you stay?"
	tr := &Translation{
		Questions: map[string]QuestionText{"slept": {Text: Text{Text: "¿Dónde dormiste?", Pos: at(40)}}},
		From:      map[string]Text{"questions.slept.text": {Text: "Where did you sleep?", Pos: at(41)}},
	}
	redo := RedoTranslation(tr, set)
	// Every string of the set but the source's title, which a translation gives all or none of.
	if want := len(set.SourceStrings()) - 1; len(redo) != want {
		t.Fatalf("%d to redo, want every string of the set but the source's title (%d)", len(redo), want)
	}
	tr.Sources = map[string]SourceText{"guide": {Title: Text{Text: "Una guía"}}}
	if got := len(RedoTranslation(tr, set)); got != len(set.SourceStrings())-1 {
		t.Errorf("with the source's title translated: %d to redo, want %d", got, len(set.SourceStrings())-1)
	}
	tr.Sources = nil
	var slept Redo
	for _, r := range redo {
		if r.Source.Path == "questions.slept.text" {
			slept = r
		} else if r.Reason != RedoMissing {
			t.Errorf("%s: %s, want missing", r.Source.Path, r.Reason)
		}
	}
	if slept.Reason != RedoStale || slept.Was != "Where did you sleep?" || slept.At != at(41) || slept.Source.Text != "Where did you stay?" {
		t.Errorf("the reworded question: %+v", slept)
	}

	old, new := validSet(), validSet()
	q(new, "slept").Text = "Where did you stay?"
	new.Indicators = append(new.Indicators, Indicator{ID: "cash", Label: "Had cash"})
	var got []string
	for _, r := range RedoSince(old, new) {
		got = append(got, r.Source.Path+" was "+r.Was)
	}
	if want := []string{"questions.slept.text was Where did you sleep?", "indicators.cash was "}; !slices.Equal(got, want) {
		t.Errorf("RedoSince: %q, want %q", got, want)
	}
}
