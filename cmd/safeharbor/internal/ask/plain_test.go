package ask

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

func question(typ screening.Type) *screening.Question {
	min0, max25 := 0.0, 25.0
	q := &screening.Question{ID: "q", Mode: screening.ModeAsk, Type: typ, Text: "Q?"}
	switch typ {
	case screening.TypeSingle, screening.TypeMulti:
		q.Options = []screening.Option{{Value: "friend", Label: "At a friend's place"}, {Value: "hotel", Label: "A hotel or motel"}}
	case screening.TypeNumber:
		q.Min, q.Max = &min0, &max25
	}
	return q
}

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		typ     screening.Type
		in      string
		state   screening.State
		text    string
		choices []string
		problem string
	}{
		{screening.TypeYesNo, "yes", screening.StateAnswered, "yes", nil, ""},
		{screening.TypeYesNo, "2", screening.StateAnswered, "no", nil, ""},
		{screening.TypeYesNo, "N", screening.StateAnswered, "no", nil, ""},
		{screening.TypeYesNo, "maybe", "", "", nil, "not yes or no"},
		{screening.TypeYesNo, "declined", screening.StateDeclined, "", nil, ""},
		{screening.TypeYesNo, "Prefers not to say", screening.StateDeclined, "", nil, ""},
		{screening.TypeYesNo, "don't know", screening.StateDontKnow, "", nil, ""},
		{screening.TypeYesNo, "skip", screening.StateNotAsked, "", nil, ""},
		{screening.TypeYesNo, "", "", "", nil, "Please answer"},
		{screening.TypeSingle, "2", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "HOTEL", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "a hotel or motel", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "3", "", "", nil, "not one of the choices"},
		{screening.TypeMulti, "hotel, 1", screening.StateAnswered, "", []string{"hotel", "friend"}, ""},
		{screening.TypeMulti, "none", screening.StateAnswered, "", []string{}, ""},
		{screening.TypeMulti, "1, car", "", "", nil, `"car" is not one of the choices`},
		{screening.TypeNumber, "12", screening.StateAnswered, "12", nil, ""},
		{screening.TypeText, "my uncle", screening.StateAnswered, "my uncle", nil, ""},
	}
	for _, tt := range tests {
		a, problem := english.parseAnswer(question(tt.typ), tt.in)
		if tt.problem != "" {
			if !strings.Contains(problem, tt.problem) {
				t.Errorf("%s %q: problem %q, want %q", tt.typ, tt.in, problem, tt.problem)
			}
			continue
		}
		if problem != "" || a.State != tt.state || a.Text != tt.text || (tt.choices != nil && !slices.Equal(a.Choices, tt.choices)) {
			t.Errorf("%s %q: got %+v %q, want %s %q %v", tt.typ, tt.in, a, problem, tt.state, tt.text, tt.choices)
		}
	}
	// A number outside the range is caught before it is recorded.
	if p := checkProblem(question(screening.TypeNumber), screening.Answer{State: screening.StateAnswered, Text: "30"}); !strings.Contains(p, "above the maximum") {
		t.Errorf("30 of at most 25: %q", p)
	}
}

func TestPlainEndOfInputIsAnInterruption(t *testing.T) {
	p := NewPlain(strings.NewReader("\n"), io.Discard, nil)
	pr := Prompt{Question: question(screening.TypeYesNo), Section: &screening.Section{Title: "S"}, SectionIndex: 1, SectionCount: 1, N: 1, Total: 1}
	if err := p.Show(context.Background(), Screen{Title: "Opening"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ask(context.Background(), pr); !errors.Is(err, ErrInputEnded) {
		t.Errorf("err = %v, want ErrInputEnded", err)
	}
}

func TestPlainInterruptWhileWaiting(t *testing.T) {
	r, w := io.Pipe() // never written: the reader stays blocked, as on a quiet terminal
	defer w.Close()
	p := NewPlain(r, io.Discard, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	pr := Prompt{Question: question(screening.TypeText), Section: &screening.Section{Title: "S"}, SectionIndex: 1, SectionCount: 1, N: 1, Total: 1}
	if _, err := p.Ask(ctx, pr); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled at once", err)
	}
}

// Piped lines reach the right questions, one each: huh's own accessible mode loses them.
func TestPlainReadsOneLinePerQuestion(t *testing.T) {
	p := NewPlain(strings.NewReader("1\nmy uncle\n2, 1\n"), io.Discard, nil)
	sec := &screening.Section{Title: "S"}
	var got []string
	for _, typ := range []screening.Type{screening.TypeYesNo, screening.TypeText, screening.TypeMulti} {
		a, err := p.Ask(context.Background(), Prompt{Question: question(typ), Section: sec, SectionIndex: 1, SectionCount: 1, N: 1, Total: 3})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a.Text+strings.Join(a.Choices, "+"))
	}
	if want := []string{"yes", "my uncle", "hotel+friend"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
