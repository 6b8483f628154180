package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// postReturn2Summary answers post-return 2.0.0, in English or a translation, with "no" to every
// question read aloud that the changes do not name, and "no" to every observation.
func postReturn2Summary(t *testing.T, lang string, changes map[string]screening.Answer) screening.Summary {
	t.Helper()
	base, cat := shipped(t)
	f, err := cat.Find("post-return", "2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	set := f.Set
	if lang != "" {
		tr, err := questions.Translation(questions.FS(), f, lang, base)
		if err != nil || tr == nil {
			t.Fatalf("no %s translation: %v", lang, err)
		}
		set = screening.Translate(f.Set, tr)
	}
	var dir screening.ContactDirectory
	dir.Add(base.Contacts...)
	s := screening.NewSession(set)
	for q, ok := s.Next(); ok; q, ok = s.Next() {
		a, changed := changes[q.ID]
		switch {
		case changed:
		case q.ID == "age":
			a = screening.Answer{State: screening.StateAnswered, Number: 15}
		case q.Type == screening.TypeYesNo:
			a = screening.Answered("no")
		case q.Type == screening.TypeMulti:
			a = screening.Answer{State: screening.StateAnswered, Choices: []string{}}
		default:
			a = screening.Answer{State: screening.StateNotAsked}
		}
		if err := s.Answer(q.ID, a); err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
	}
	return s.Summary(screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(30 * time.Minute), Contacts: &dir})
}

var tags = regexp.MustCompile(`<[^>]*>`)

// The concern line never reads as "nothing to worry about" when the worker had to call 911 or 988,
// and never says no indicators were found when some were.
func TestConcernLineWhenNothingReachedALevel(t *testing.T) {
	yes := screening.Answered("yes")
	tests := []struct {
		name    string
		lang    string
		changes map[string]screening.Answer
		want    string
		banned  []string
	}{
		{
			name: "nothing raised, nothing urgent: no indicators were found",
			want: "NONE. No indicators of concern were found in this conversation; that does not rule anything out.",
		},
		{
			name:    "an indicator below the level: not 'no indicators'",
			changes: map[string]screening.Answer{"earlier-episodes": screening.Answered("one-or-two")},
			want:    "NONE. The indicators found in this conversation (below) do not reach a level of concern; that does not rule anything out.",
			banned:  []string{"No indicators of concern were found"},
		},
		{
			name:    "thoughts of self-harm: 988 first, and none does not mean safe",
			changes: map[string]screening.Answer{"self-harm": yes},
			want:    "NONE, for signs of exploitation: none reached a level of concern in this conversation, which does not rule anything out. It does not mean the young person is safe: the urgent steps above come first.",
			banned:  []string{"No indicators of concern were found"},
		},
		{
			name:    "thoughts of self-harm, in Spanish",
			lang:    "es",
			changes: map[string]screening.Answer{"self-harm": yes},
			want:    "NINGUNA, en cuanto a señales de explotación: ninguna llegó a un nivel de preocupación en esta conversación, lo que no descarta nada. Eso no quiere decir que el chico o la chica esté a salvo: primero van los pasos urgentes de arriba.",
			banned:  []string{"no se encontraron señales de preocupación"},
		},
		{
			name:    "a child of 9: nothing of the set applies, and no later conversation of this kind",
			changes: map[string]screening.Answer{"age": {State: screening.StateAnswered, Number: 9}},
			want:    "INCOMPLETE. None of this set's questions for the young person applies to them, so nothing was screened",
			banned:  []string{"Another conversation is needed", "A later conversation can return to these"},
		},
		{
			name:    "a child of 9, in Spanish",
			lang:    "es",
			changes: map[string]screening.Answer{"age": {State: screening.StateAnswered, Number: 9}},
			want:    "INCOMPLETA. Ninguna de las preguntas de este conjunto para la persona joven se le aplica",
			banned:  []string{"Hace falta otra conversación", "Una conversación más adelante"},
		},
		{
			name:    "a question to the young person declined: a later conversation can return to it",
			changes: map[string]screening.Answer{"sold-by-someone": {State: screening.StateDeclined}},
			want:    "A later conversation can return to these.",
		},
		{
			name:    "danger today: fear of someone, possible concern",
			changes: map[string]screening.Answer{"danger-now": yes},
			want:    "POSSIBLE. There are indicators of concern",
			banned:  []string{"NONE.", "No indicators of concern were found"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := postReturn2Summary(t, tt.lang, tt.changes)
			for _, write := range []func(*bytes.Buffer, *screening.Summary) error{
				func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryText(b, s) },
				func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryMarkdown(b, s) },
				func(b *bytes.Buffer, s *screening.Summary) error { return WriteSummaryHTML(b, s) },
			} {
				var b bytes.Buffer
				if err := write(&b, &sum); err != nil {
					t.Fatal(err)
				}
				out := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(b.String(), " "))), " ")
				if !strings.Contains(out, tt.want) {
					t.Errorf("lacks %q:\n%s", tt.want, out)
				}
				for _, banned := range tt.banned {
					if strings.Contains(out, banned) {
						t.Errorf("says %q", banned)
					}
				}
			}
		})
	}
}
