package ask

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

func question(typ screening.Type) *screening.Question {
	min0, max25 := 0.0, 25.0
	q := &screening.Question{ID: "q", Mode: screening.ModeAsk, Type: typ, Text: "Q?"}
	switch typ {
	case screening.TypeSingle, screening.TypeMulti:
		q.Options = []screening.Option{{Value: "friend", Label: "At a friend's place"}, {Value: "hotel", Label: "A hotel or motel"}, {Value: "foster-home", Label: "Foster home"}}
	case screening.TypeNumber:
		q.Min, q.Max = &min0, &max25
	}
	return q
}

func words(lang string) *phrases.Catalog {
	c, _ := phrases.For(lang)
	return c
}

func prompt(q *screening.Question) interview.Prompt {
	return interview.Prompt{Question: q, Lang: "en", Section: &screening.Section{Title: "S"}, SectionIndex: 1, SectionCount: 1, N: 1, Total: 1}
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
		{screening.TypeYesNo, "prefers  NOT to say", screening.StateDeclined, "", nil, ""},
		{screening.TypeYesNo, "don't know", screening.StateDontKnow, "", nil, ""},
		{screening.TypeYesNo, "dont-know", screening.StateDontKnow, "", nil, ""},
		{screening.TypeYesNo, "skip", screening.StateNotAsked, "", nil, ""},
		{screening.TypeYesNo, "", "", "", nil, "Please answer"},
		{screening.TypeSingle, "2", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "HOTEL", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "a hotel or motel", screening.StateAnswered, "hotel", nil, ""},
		{screening.TypeSingle, "foster home", screening.StateAnswered, "foster-home", nil, ""},
		{screening.TypeSingle, " Foster   Home ", screening.StateAnswered, "foster-home", nil, ""},
		{screening.TypeSingle, "foster_home", screening.StateAnswered, "foster-home", nil, ""},
		{screening.TypeSingle, "4", "", "", nil, "not one of the choices"},
		{screening.TypeMulti, "hotel, 1", screening.StateAnswered, "", []string{"hotel", "friend"}, ""},
		{screening.TypeMulti, "none", screening.StateAnswered, "", []string{}, ""},
		{screening.TypeMulti, "None of these", screening.StateAnswered, "", []string{}, ""},
		{screening.TypeMulti, "1, car", "", "", nil, `"car" is not one of the choices`},
		{screening.TypeNumber, "12", screening.StateAnswered, "12", nil, ""},
		{screening.TypeText, "my uncle", screening.StateAnswered, "my uncle", nil, ""},
	}
	for _, tt := range tests {
		a, problem := parseAnswer(words("en"), question(tt.typ), nil, "en", tt.in)
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
}

// A typed answer that does not fit is refused before it is recorded, in the worker's language.
func TestCheckProblem(t *testing.T) {
	en, es := &words("en").Interview, &words("es").Interview
	num := question(screening.TypeNumber)
	for _, tc := range []struct {
		w    *phrases.Interview
		q    *screening.Question
		text string
		want string
	}{
		{en, num, "30", "30 is more than 25, the most this takes."},
		{en, num, "-1", "-1 is less than 0, the least this takes."},
		{en, num, "three", `"three" is not a number.`},
		{en, num, "NaN", `"NaN" is not a number.`},
		{es, num, "tres", `"tres" no es un número.`},
		{es, num, "30", "30 es más que 25, lo máximo que se acepta."},
		{en, num, "12", ""},
		{en, question(screening.TypeText), "  ", "Please answer."},
		{en, question(screening.TypeText), "my uncle", ""},
	} {
		if got := checkProblem(tc.w, tc.q, screening.Answer{State: screening.StateAnswered, Text: tc.text}); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
	// "skip", "dont-know" and "declined" typed for a number or words hold no value to check:
	// the prompt offers them, so they must be taken (a number question once answered "skip"
	// with '"" is not a number').
	for _, typ := range []screening.Type{screening.TypeNumber, screening.TypeText} {
		for _, st := range []screening.State{screening.StateNotAsked, screening.StateDontKnow, screening.StateDeclined} {
			if got := checkProblem(en, question(typ), screening.Answer{State: st}); got != "" {
				t.Errorf("%s typed for a %s question: %q, want it taken", st, typ, got)
			}
		}
	}
}

// What the worker types for a state is read in either language, whatever the interview's.
func TestStateWordsInBothLanguages(t *testing.T) {
	q := &screening.Question{ID: "q", Type: screening.TypeYesNo}
	for in, want := range map[string]screening.State{
		"declined": screening.StateDeclined, "no-decir": screening.StateDeclined, "Prefiere no decir": screening.StateDeclined,
		"dont-know": screening.StateDontKnow, "no-sabe": screening.StateDontKnow, "No sabe": screening.StateDontKnow,
		"skip": screening.StateNotAsked, "saltar": screening.StateNotAsked, "Saltar (no se preguntó)": screening.StateNotAsked,
		"sí": screening.StateAnswered, "yes": screening.StateAnswered,
	} {
		for _, lang := range []string{"en", "es"} {
			a, problem := parseAnswer(words(lang), q, nil, lang, in)
			if problem != "" || a.State != want {
				t.Errorf("%s: %q = %v %q, want %v", lang, in, a.State, problem, want)
			}
		}
	}
	if _, problem := parseAnswer(words("es"), q, nil, "es", "quizás"); problem != `"quizás" no es sí ni no. Escribe 1 o sí, 2 o no.` {
		t.Errorf("problem in Spanish: %q", problem)
	}
	if got := describeAnswer(&words("es").Interview, q, screening.Answered("yes"), "es"); got != "Sí" {
		t.Errorf("recorded in Spanish: %q", got)
	}
	if got := describeAnswer(&words("es").Interview, q, screening.Answer{State: screening.StateDeclined}, "es"); got != "Prefiere no decir" {
		t.Errorf("declined in Spanish: %q", got)
	}
}

func TestPlainEndOfInputIsAnInterruption(t *testing.T) {
	p := NewPlain(strings.NewReader("\n"), io.Discard, nil, PlainOptions{})
	if err := p.Show(context.Background(), interview.Screen{Title: "Opening"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ask(context.Background(), prompt(question(screening.TypeYesNo))); !errors.Is(err, ErrInputEnded) {
		t.Errorf("err = %v, want ErrInputEnded", err)
	}
}

func TestPlainInterruptWhileWaiting(t *testing.T) {
	r, w := io.Pipe() // never written: the reader stays blocked, as on a quiet terminal
	defer w.Close()
	p := NewPlain(r, io.Discard, nil, PlainOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if _, err := p.Ask(ctx, prompt(question(screening.TypeText))); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled at once", err)
	}
}

// Piped lines reach the right questions, one each: huh's own accessible mode loses them.
func TestPlainReadsOneLinePerQuestion(t *testing.T) {
	p := NewPlain(strings.NewReader("1\nmy uncle\n2, 1\n"), io.Discard, nil, PlainOptions{})
	var got []string
	for _, typ := range []screening.Type{screening.TypeYesNo, screening.TypeText, screening.TypeMulti} {
		r, err := p.Ask(context.Background(), prompt(question(typ)))
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Answer.Text+strings.Join(r.Answer.Choices, "+"))
	}
	if want := []string{"yes", "my uncle", "hotel+friend"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// A wrong entry shows the choices again; "back" goes back, but not from the first question;
// Enter keeps the answer a question has.
func TestPlainAsk(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("back\ncar\n2\nback\n\n"), &out, nil, PlainOptions{})
	first := prompt(question(screening.TypeSingle))
	first.First = true
	r, err := p.Ask(context.Background(), first)
	if err != nil || r.Back || r.Answer.Text != "hotel" {
		t.Fatalf("first question: %+v %v", r, err)
	}
	text := out.String()
	if !strings.Contains(text, "This is the first question") {
		t.Errorf("back from the first question:\n%s", text)
	}
	if strings.Count(text, "3. Foster home") != 2 {
		t.Errorf("the choices are not shown again after a wrong entry:\n%s", text)
	}
	r, err = p.Ask(context.Background(), prompt(question(screening.TypeYesNo)))
	if err != nil || !r.Back {
		t.Fatalf("back: %+v %v", r, err)
	}
	changed := prompt(question(screening.TypeYesNo))
	changed.Current = &screening.Answer{State: screening.StateDeclined}
	r, err = p.Ask(context.Background(), changed)
	if err != nil || r.Answer.State != screening.StateDeclined {
		t.Fatalf("Enter keeps the current answer: %+v %v", r, err)
	}
}

// Long numbers are spaced, so a screen reader says them as they are dialled; nothing from a
// set reaches the terminal as a control sequence.
func TestPlainIsSpokenAndSafe(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("\n"), &out, nil, PlainOptions{Training: true})
	err := p.Show(context.Background(), interview.Screen{Title: "To close\x1b]0;owned\x07", Lines: []interview.Line{{Kind: screening.StepSay, Text: "Text HELP to 233733, or call 1-888-373-7888."}}})
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"2 3 3 7 3 3", "1-888-373-7888", `\x1b]0;owned\x07`, "TRAINING"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.ContainsRune(text, 0x1b) {
		t.Errorf("a raw escape reached the terminal: %q", text)
	}
}

// The review lists every row once; after a change, only the row that changed.
func TestPlainReview(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("2\n\n\n"), &out, nil, PlainOptions{})
	rows := []interview.ReviewRow{
		{Kind: interview.RowAnswer, Section: "S", QuestionID: "a", Text: "First?", Answer: "Yes"},
		{Kind: interview.RowAnswer, Section: "S", QuestionID: "b", Text: "Second?", Answer: "No"},
		{Kind: interview.RowNote, Section: "S", SectionID: "s"},
	}
	i, err := p.Review(context.Background(), interview.Review{Rows: rows, Focus: -1})
	if err != nil || i != 1 {
		t.Fatalf("review: %d %v", i, err)
	}
	rows[1].Answer = "Yes"
	out.Reset()
	i, err = p.Review(context.Background(), interview.Review{Rows: rows, Focus: 1, Changed: true})
	if err != nil || i != -1 {
		t.Fatalf("review again: %d %v", i, err)
	}
	if text := out.String(); strings.Contains(text, "First?") || !strings.Contains(text, "Changed:\n2. Second? \u2014 Yes") {
		t.Errorf("after a change, the review prints:\n%s", text)
	}
	out.Reset()
	if _, err := p.Review(context.Background(), interview.Review{Rows: rows, Focus: 1}); err != nil {
		t.Fatal(err)
	}
	if text := out.String(); strings.Contains(text, "Changed") || strings.Contains(text, "Second?") {
		t.Errorf("after a row was only looked at, the review prints:\n%s", text)
	}
}

// The stop-and-refer screen in plain lines: 1 or yes ends, 2 or no goes on, back changes the
// answer, and anything else is said to be no choice, never taken silently.
func TestPlainInterrupt(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("maybe\n2\nback\n\n"), &out, nil, PlainOptions{})
	i := interview.Interrupt{Title: "Stop and refer", EndByDefault: true, CanGoBack: true}
	for _, want := range []interview.InterruptChoice{interview.GoOn, interview.GoBack, interview.End} {
		got, err := p.Interrupt(context.Background(), i)
		if err != nil || got != want {
			t.Fatalf("got %v %v, want %v", got, err, want)
		}
	}
	if !strings.Contains(out.String(), `"maybe" is not one of the choices`) || !strings.Contains(out.String(), "FOR YOU ONLY") {
		t.Errorf("output:\n%s", out.String())
	}
}

// An observation is the worker's own: "prefers not to say" is the young person's answer, so it
// is neither offered nor taken.
func TestPlainObservationTakesNoDecline(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("declined\ndont-know\n"), &out, nil, PlainOptions{})
	q := question(screening.TypeYesNo)
	q.Mode = screening.ModeObserve
	r, err := p.Ask(context.Background(), prompt(q))
	if err != nil || r.Answer.State != screening.StateDontKnow {
		t.Fatalf("%+v %v", r, err)
	}
	if !strings.Contains(out.String(), "is the young person's answer") || strings.Contains(out.String(), "declined, dont-know") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestSpoken(t *testing.T) {
	for in, want := range map[string]string{
		"text HELP to 233733.":                  "text HELP to 2 3 3 7 3 3.",
		"233733":                                "2 3 3 7 3 3",
		"call 1-888-373-7888 or 1-800-843-5678": "call 1-888-373-7888 or 1-800-843-5678",
		"Draft 20261129-174052-e0c1098c":        "Draft 20261129-174052-e0c1098c",
		"on 2026-11-29, 14 years, 12345678 ":    "on 2026-11-29, 14 years, 12345678 ",
		"(911) and 988":                         "(911) and 988",
	} {
		if got := spoken(in); got != want {
			t.Errorf("spoken(%q) = %q, want %q", in, got, want)
		}
	}
}

// An option is chosen by its number, its value or its label, or by words that stand in one
// option's label alone, whatever the case and the accents; words that fit several choose none.
func TestMatchOption(t *testing.T) {
	living := &screening.Question{ID: "living", Mode: screening.ModeRecord, Type: screening.TypeSingle, Text: "Where the young person lives", Options: []screening.Option{
		{Value: "family-home", Label: "At home with a parent or family"},
		{Value: "kinship-care", Label: "With a relative, in kinship care"},
		{Value: "foster-home", Label: "In a foster home"},
		{Value: "group-care", Label: "In a group home or residential program"},
		{Value: "extended-care", Label: "In extended foster care, 18 or older"},
	}}
	vive := &screening.Question{ID: "living", Mode: screening.ModeRecord, Type: screening.TypeSingle, Text: "Dónde vive", Options: []screening.Option{
		{Value: "family-home", Label: "En casa con su madre, su padre o su familia"},
		{Value: "kinship-care", Label: "Con un familiar, en cuidado de parientes"},
		{Value: "foster-home", Label: "En un hogar de crianza"},
		{Value: "group-care", Label: "En un hogar grupal o un programa residencial"},
		{Value: "extended-care", Label: "En cuidado de crianza extendido, con 18 años o más"},
	}}
	for _, tt := range []struct {
		q, also *screening.Question
		lang    string
		typed   string
		want    string // the value; "" when refused
		problem string
	}{
		{living, nil, "en", "kinship", "kinship-care", ""},
		{living, nil, "en", "Kinship Care", "kinship-care", ""},
		{living, nil, "en", "kinship-care", "kinship-care", ""},
		{living, nil, "en", "with a relative, in kinship care", "kinship-care", ""},
		{living, nil, "en", "a relative", "kinship-care", ""},
		{living, nil, "en", "3", "foster-home", ""},
		{living, nil, "en", "in a foster home", "foster-home", ""},
		{living, nil, "en", "residential", "group-care", ""},
		{living, nil, "en", "foster", "", `"foster" fits more than one choice: 3. In a foster home; 5. In extended foster care, 18 or older. Type the number of the one you mean.`},
		{living, nil, "en", "home", "", `"home" fits more than one choice: 1. At home with a parent or family; 3. In a foster home; 4. In a group home or residential program.`},
		{living, nil, "en", "kin", "", `"kin" is not one of the choices.`},
		{living, nil, "en", "care kinship", "", `"care kinship" is not one of the choices.`},
		{living, nil, "en", "9", "", "is not one of the choices"},
		{vive, nil, "es", "hogar de crianza", "foster-home", ""},
		{vive, nil, "es", "HOGAR DE CRIANZA", "foster-home", ""},
		{vive, nil, "es", "mas", "extended-care", ""},
		{vive, nil, "es", "18 anos o mas", "extended-care", ""},
		{vive, nil, "es", "crianza", "", `"crianza" corresponde a más de una opción: 3. En un hogar de crianza; 5. En cuidado de crianza extendido, con 18 años o más. Escribe el número de la que quieres decir.`},
		// Interpreted: the worker's language names the options too.
		{vive, living, "es", "kinship", "kinship-care", ""},
		{vive, living, "es", "foster home", "foster-home", ""},
	} {
		a, problem := parseAnswer(words(tt.lang), tt.q, tt.also, tt.lang, tt.typed)
		switch {
		case tt.want != "" && (problem != "" || a.Text != tt.want):
			t.Errorf("%q: %q, %q; want %q", tt.typed, a.Text, problem, tt.want)
		case tt.want == "" && !strings.Contains(problem, tt.problem):
			t.Errorf("%q: problem %q, want %q", tt.typed, problem, tt.problem)
		}
	}
	// Several at once, by name; a label with a comma in it is one choice.
	many := *living
	many.Type = screening.TypeMulti
	for typed, want := range map[string][]string{
		"kinship, residential":             {"kinship-care", "group-care"},
		"With a relative, in kinship care": {"kinship-care"},
		"1, in a foster home":              {"family-home", "foster-home"},
	} {
		if a, problem := parseAnswer(words("en"), &many, nil, "en", typed); problem != "" || !slices.Equal(a.Choices, want) {
			t.Errorf("%q: %v, %q; want %v", typed, a.Choices, problem, want)
		}
	}
	if _, problem := parseAnswer(words("en"), &many, nil, "en", "kinship, foster"); !strings.Contains(problem, `"foster" fits more than one choice`) {
		t.Errorf("several, one of them unclear: %q", problem)
	}
}

// At a terminal, plain lines wrap at word boundaries to its width, so no word is broken at the
// edge; to a pipe they stay one line each, as a screen reader and a script read them.
func TestPlainWrapsToTheTerminal(t *testing.T) {
	label := "A case reference, such as a case number, to tell this interview's draft from others if it is interrupted. Never the young person's name."
	for _, width := range []int{0, 80, 40, 23} {
		var out bytes.Buffer
		opts := PlainOptions{}
		if width > 0 {
			opts.Width = func() int { return width }
		}
		p := NewPlain(strings.NewReader("\n"), &out, nil, opts)
		if _, err := p.Text(context.Background(), interview.TextPrompt{Title: "A label for this draft (optional)", Help: label}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if width == 0 {
			if !slices.Contains(lines, label) {
				t.Errorf("not a terminal: the help is not one line:\n%s", out.String())
			}
			continue
		}
		var words []string
		for _, l := range lines {
			if displayWidth(l) > width {
				t.Errorf("width %d: a line of %d: %q", width, displayWidth(l), l)
			}
			words = append(words, strings.Fields(l)...)
		}
		// Every word whole, in order: nothing broken at the edge ("oth" / "ers").
		all := strings.Join(words, " ")
		if !strings.Contains(all, label) {
			t.Errorf("width %d: the words are not kept whole:\n%s", width, out.String())
		}
	}
}

// An interrupt that is not a disclosure chooses nothing for the worker in plain lines either: an
// empty line asks again, and only yes or no decides.
func TestPlainInterruptWithNoDefault(t *testing.T) {
	var out bytes.Buffer
	p := NewPlain(strings.NewReader("\n2\n"), &out, nil, PlainOptions{})
	got, err := p.Interrupt(context.Background(), interview.Interrupt{Title: "Act now", CanGoBack: true})
	if err != nil || got != interview.GoOn {
		t.Fatalf("got %v %v", got, err)
	}
	if strings.Count(out.String(), "End the screening here?") != 2 || strings.Contains(out.String(), "Press Enter") {
		t.Errorf("an empty line was taken, or Enter is offered:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Or type back to change the answer.") {
		t.Errorf("going back is not offered:\n%s", out.String())
	}
	// The reminder after resuming has no answer to go back to: going back is not offered, nor
	// when what was typed is refused.
	out.Reset()
	p = NewPlain(strings.NewReader("back\n2\n"), &out, nil, PlainOptions{})
	if _, err := p.Interrupt(context.Background(), interview.Interrupt{Title: "Act now", Reminder: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "type back") || strings.Contains(out.String(), ", or back") || !strings.Contains(out.String(), `"back" is not one of the choices`) {
		t.Errorf("going back is offered where it cannot be taken:\n%s", out.String())
	}
}

// What was recorded ends with one full stop, whether or not the answer had its own.
func TestRecordedLineEndsOnce(t *testing.T) {
	w := &words("en").Interview
	for answer, want := range map[string]string{
		"To see my cousin on weekends.": "Recorded: To see my cousin on weekends.",
		"Foster home":                   "Recorded: Foster home.",
		"Who knows?":                    "Recorded: Who knows?",
	} {
		if got := recordedLine(w, interview.Status{Recorded: answer}); got != want {
			t.Errorf("%q: %q, want %q", answer, got, want)
		}
	}
}

func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"Go on with: safeharbor resume 2026-11-29-1402-ab12", 30, "Go on with: safeharbor resume\n2026-11-29-1402-ab12"},
		{"one two\nthree four", 7, "one two\nthree\nfour"},
		{"https://humantraffickinghotline.org/chat is long", 10, "https://humantraffickinghotline.org/chat\nis long"},
		{"ñandú ñandú", 5, "ñandú\nñandú"},
	} {
		if got := WrapWords(tc.in, tc.width); got != tc.want {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// A line typed on a terminal before an unexpected prompt could be read (the stop-and-refer
// screen, the 911 step, a section's guidance, the closing) was meant for the next question: it
// never answers that prompt, and the next questions get the lines, in order. From a pipe, lines
// are the answers in order, so the same line answers the prompt.
func TestPlainLinesTypedAheadWaitForTheNextQuestion(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	later := func(d time.Duration) { mu.Lock(); clock = clock.Add(d); mu.Unlock() }
	in, keyboard := io.Pipe()
	out := &screenLog{}
	p := newPlain(in, out, nil, PlainOptions{HoldTypedAhead: true}, now)
	enter := func(line string) {
		t.Helper()
		if _, err := io.WriteString(keyboard, line+"\n"); err != nil {
			t.Fatal(err)
		}
		until(t, "the line entered is taken", func() bool { return len(p.lines) == 0 })
	}
	ctx := context.Background()
	yesno := prompt(question(screening.TypeYesNo))

	// The answer that disclosed, and in the same burst the answers to the next two questions.
	type result struct {
		r   interview.Reply
		err error
	}
	asked := make(chan result)
	go func() { r, err := p.Ask(ctx, yesno); asked <- result{r, err} }()
	io.WriteString(keyboard, "yes\nyes\ndeclined\n")
	if got := <-asked; got.err != nil || got.r.Answer.Text != "yes" {
		t.Fatalf("the first question: %+v", got)
	}
	until(t, "the two lines typed ahead are read", func() bool { return len(p.lines) == 2 })
	chose := make(chan interview.InterruptChoice)
	go func() {
		c, err := p.Interrupt(ctx, interview.Interrupt{Title: "Stop and refer", EndByDefault: true})
		if err != nil {
			t.Error(err)
		}
		chose <- c
	}()
	out.waitFor(t, "Stop and refer")
	until(t, "the stop-and-refer screen holds the lines typed ahead", func() bool { return len(p.lines) == 0 })
	later(2 * time.Second) // the worker has read the screen, and answers it
	enter("2")
	if c := <-chose; c != interview.GoOn {
		t.Fatalf("the stop-and-refer screen took %v; the worker chose to go on (2)", c)
	}
	shown := make(chan error)
	go func() { shown <- p.Show(ctx, interview.Screen{Kind: interview.ScreenClosing, Title: "To close"}) }()
	out.waitFor(t, "To close")
	later(2 * time.Second)
	enter("")
	if err := <-shown; err != nil {
		t.Fatal(err)
	}
	for _, want := range []screening.Answer{{State: screening.StateAnswered, Text: "yes"}, {State: screening.StateDeclined}} {
		r, err := p.Ask(ctx, yesno)
		if err != nil || r.Answer.State != want.State || r.Answer.Text != want.Text {
			t.Fatalf("the next question got %+v %v, want %+v", r.Answer, err, want)
		}
	}
	if text := out.String(); !strings.Contains(text, "> yes\n") {
		t.Errorf("the line typed ahead is not shown where it was taken:\n%s", text)
	}

	// From a pipe the same line answers the screen.
	piped := NewPlain(strings.NewReader("yes\n"), io.Discard, nil, PlainOptions{})
	if c, err := piped.Interrupt(ctx, interview.Interrupt{Title: "Stop and refer", EndByDefault: true}); err != nil || c != interview.End {
		t.Errorf("piped: %v %v", c, err)
	}
}

// screenLog is what a plain interview wrote, read while it runs.
type screenLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *screenLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(b)
}

func (l *screenLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor waits until text has been written.
func (l *screenLog) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(l.String(), text); {
		if time.Now().After(deadline) {
			t.Fatalf("never wrote %q; wrote:\n%s", text, l.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// until waits, for five seconds at most, for what should happen.
func until(t *testing.T, what string, happened func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !happened(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after 5 seconds, still not so: %s", what)
		}
	}
}

// Lines typed before an interrupt were for the question after it. When the worker ends there or
// goes back to change the answer, that question does not come: the lines are not given to what
// comes instead (the answer being changed, a note), and the worker is told what was not used.
func TestPlainTypedAheadIsNotGivenToAnotherQuestion(t *testing.T) {
	for _, c := range []struct {
		name     string
		answer   string // on the interrupt, once read
		want     interview.InterruptChoice
		reminder bool
	}{
		{"back to change the answer", "back", interview.GoBack, false},
		{"end here", "yes", interview.End, false},
		{"go on from the reminder on resuming", "no", interview.GoOn, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var mu sync.Mutex
			clock := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			in, keyboard := io.Pipe()
			out := &screenLog{}
			p := newPlain(in, out, nil, PlainOptions{HoldTypedAhead: true}, now)
			go io.WriteString(keyboard, "no\n") // typed ahead, for the question after
			until(t, "the line typed ahead is read", func() bool { return len(p.lines) == 1 })
			chose := make(chan interview.InterruptChoice)
			go func() {
				ch, err := p.Interrupt(context.Background(), interview.Interrupt{Title: "Stop and refer", EndByDefault: true, CanGoBack: !c.reminder, Reminder: c.reminder})
				if err != nil {
					t.Error(err)
				}
				chose <- ch
			}()
			out.waitFor(t, "Stop and refer")
			until(t, "the screen holds the line", func() bool { return len(p.lines) == 0 })
			mu.Lock()
			clock = clock.Add(2 * time.Second)
			mu.Unlock()
			go io.WriteString(keyboard, c.answer+"\n")
			if got := <-chose; got != c.want {
				t.Fatalf("chose %v, want %v", got, c.want)
			}
			if !strings.Contains(out.String(), `Not used, since it was typed before that screen came up: "no".`) {
				t.Errorf("the worker is not told:\n%s", out.String())
			}
			// The question being changed, or the note after, waits for the worker.
			asked := make(chan interview.Reply, 1)
			go func() {
				r, _ := p.Ask(context.Background(), prompt(question(screening.TypeYesNo)))
				asked <- r
			}()
			select {
			case r := <-asked:
				t.Fatalf("the next prompt took a line typed before the interrupt: %+v", r)
			case <-time.After(200 * time.Millisecond):
			}
			go io.WriteString(keyboard, "yes\n")
			if r := <-asked; r.Answer.Text != "yes" {
				t.Errorf("the next prompt got %+v, want yes", r.Answer)
			}
		})
	}
}

// Plain lines: an empty line typed ahead for the closing (a worker who knows it comes) and then
// the note after it. The closing waits to be read, and the empty line typed for it does not
// reach the note, which gets its words.
func TestPlainEmptyLineTypedForTheClosingIsNotPassedOn(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	in, keyboard := io.Pipe()
	out := &screenLog{}
	p := newPlain(in, out, nil, PlainOptions{HoldTypedAhead: true}, now)
	go io.WriteString(keyboard, "\nsaid her sister helps\n")
	until(t, "the lines typed ahead are read", func() bool { return len(p.lines) == 2 })
	shown := make(chan error)
	go func() {
		shown <- p.Show(context.Background(), interview.Screen{Kind: interview.ScreenClosing, Title: "To close"})
	}()
	out.waitFor(t, "To close")
	until(t, "the closing holds the lines", func() bool { return len(p.lines) == 0 })
	mu.Lock()
	clock = clock.Add(2 * time.Second)
	mu.Unlock()
	go io.WriteString(keyboard, "\n")
	if err := <-shown; err != nil {
		t.Fatal(err)
	}
	note, err := p.Text(context.Background(), interview.TextPrompt{Title: "Note: What would help", Section: &screening.Section{ID: "help"}})
	if err != nil || note != "said her sister helps" {
		t.Errorf("the note is %q (%v), want the words typed for it", note, err)
	}
}
