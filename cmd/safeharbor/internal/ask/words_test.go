package ask

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

var verb = regexp.MustCompile(`%[-+# 0-9*]*[a-zA-Z%]`)

// Every language says every phrase, with the English format verbs in order.
func TestWordsAreComplete(t *testing.T) {
	en := reflect.ValueOf(english)
	for lang, w := range languages {
		v := reflect.ValueOf(*w)
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			got := v.Field(i).String()
			if strings.TrimSpace(got) == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
			want := verb.FindAllString(en.Field(i).String(), -1)
			if have := verb.FindAllString(got, -1); !reflect.DeepEqual(have, want) {
				t.Errorf("%s: %s has verbs %v, want %v", lang, name, have, want)
			}
		}
	}
	if WordsIn("es-US") != &spanish || WordsIn("fr") != &english || WordsIn("") != &english {
		t.Error("WordsIn")
	}
}

// What the worker types for a state is read in either language, whatever the interview's.
func TestStateWordsInBothLanguages(t *testing.T) {
	q := &screening.Question{ID: "q", Type: screening.TypeYesNo}
	for in, want := range map[string]screening.State{
		"declined": screening.StateDeclined, "no-decir": screening.StateDeclined, "Prefiere no decir": screening.StateDeclined,
		"dont-know": screening.StateDontKnow, "no-sabe": screening.StateDontKnow, "No sabe": screening.StateDontKnow,
		"skip": screening.StateNotAsked, "saltar": screening.StateNotAsked,
		"sí": screening.StateAnswered, "yes": screening.StateAnswered,
	} {
		for _, w := range []*Words{&english, &spanish} {
			a, problem := w.parseAnswer(q, in)
			if problem != "" || a.State != want {
				t.Errorf("%s: %q = %v %q, want %v", w.lang, in, a.State, problem, want)
			}
		}
	}
	if _, problem := spanish.parseAnswer(q, "quizás"); problem != `"quizás" no es sí ni no.` {
		t.Errorf("problem in Spanish: %q", problem)
	}
	if got := spanish.describeAnswer(q, screening.Answered("yes")); got != "Sí" {
		t.Errorf("recorded in Spanish: %q", got)
	}
	if got := spanish.describeAnswer(q, screening.Answer{State: screening.StateDeclined}); got != "Prefiere no decir" {
		t.Errorf("declined in Spanish: %q", got)
	}
}
