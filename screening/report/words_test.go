package report

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

var verb = regexp.MustCompile(`%[-+# 0-9*]*[a-zA-Z%]`)

// A summary for a Spanish-speaking worker has no English of ours left in it: every fixed phrase
// that differs between the languages is in Spanish, in text, markdown and HTML.
func TestSpanishSummaryHasNoEnglishPhrases(t *testing.T) {
	sum := disclosureSummaryIn(t, "es")
	var englishPhrases []string
	english, spanish := wordsFor("en"), wordsFor("es")
	en, es := reflect.ValueOf(*english.Report), reflect.ValueOf(*spanish.Report)
	for i := range en.NumField() {
		e := en.Field(i).String()
		// The fixed part of a phrase, cut at its first verb; short or shared parts say nothing.
		fixed := strings.TrimSpace(verb.Split(e, 2)[0])
		if len(fixed) > 4 && e != es.Field(i).String() {
			englishPhrases = append(englishPhrases, fixed)
		}
	}
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return WriteSummaryText(b, &sum) }},
		{"markdown", func(b *bytes.Buffer) error { return WriteSummaryMarkdown(b, &sum) }},
		{"html", func(b *bytes.Buffer) error { return WriteSummaryHTML(b, &sum) }},
	} {
		var b bytes.Buffer
		if err := w.write(&b); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if i, j := strings.Index(out, "<style>"), strings.Index(out, "</style>"); i >= 0 && j > i {
			out = out[:i] + out[j:] // CSS is not prose, and nor are tags and class names
		}
		out = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(out, " ")
		out = strings.ReplaceAll(out, "\u00a0", " ")
		for _, phrase := range englishPhrases {
			if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(phrase) + `\b`).MatchString(out) {
				t.Errorf("%s: the Spanish summary says %q", w.name, phrase)
			}
		}
		for _, want := range []string{"Resumen de la detección", "CLARA.", "Esta es una detección, no una determinación", "1-888-373-7888", "233733", "1-800-THE-LOST"} {
			if !strings.Contains(out, want) && !strings.Contains(out, strings.ToUpper(want)) {
				t.Errorf("%s: the Spanish summary lacks %q", w.name, want)
			}
		}
	}
}

// The printable form says conditions in its language; in English exactly as validate does.
func TestConditionWords(t *testing.T) {
	q := func(op screening.Op, v string) screening.Condition {
		return screening.Condition{Op: op, Question: "slept-where", Value: v, Flag: true, Number: 16}
	}
	all := &screening.Condition{Op: screening.OpAll, Sub: []screening.Condition{
		q(screening.OpIs, "hotel"), q(screening.OpIsNot, "home"), q(screening.OpIncludes, "car"),
		q(screening.OpAnswered, ""),
		{Op: screening.OpDeclined, Question: "age"},
		q(screening.OpLessThan, ""), q(screening.OpAtLeast, ""),
		{Op: screening.OpAny, Sub: []screening.Condition{{Op: screening.OpIndicator, Indicator: "hotel-stays"}, {Op: screening.OpLevel, Level: screening.LevelPossible}}},
		{Op: screening.OpNot, Sub: []screening.Condition{{Op: screening.OpLevel, Level: screening.LevelClear}}},
	}}
	english, spanish := wordsFor("en"), wordsFor("es")
	if got, want := english.condition(all), all.String(); got != want {
		t.Errorf("english:\n got %s\nwant %s", got, want)
	}
	want := `todas estas (slept-where es "hotel"; slept-where no es "home"; slept-where incluye "car"; slept-where tiene respuesta; age: no es «prefirió no decir»; slept-where es menor que 16; slept-where es al menos 16; alguna de estas (se marcó la señal hotel-stays; la preocupación es posible o mayor); no (la preocupación es clara o mayor))`
	if got := spanish.condition(all); got != want {
		t.Errorf("spanish:\n got %s\nwant %s", got, want)
	}
	if english.condition(nil) != "always" || spanish.condition(nil) != "siempre" {
		t.Error("no condition")
	}
}
