package ask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/safeharbor/safeharbor/screening"
)

// Internal values for the choices every question offers. They start with a NUL byte, which no
// option value (kebab-case) can, so they never collide with a set's own values.
const (
	valDeclined = "\x00declined"
	valDontKnow = "\x00dont-know"
	valSkip     = "\x00skip"
	valNone     = "\x00none"
	valTypeIt   = "\x00type"
)

var stateByValue = map[string]screening.State{
	valDeclined: screening.StateDeclined,
	valDontKnow: screening.StateDontKnow,
	valSkip:     screening.StateNotAsked,
}

// TUI asks in the terminal with huh, one question per form: the question large, the worker's
// guidance muted beneath it, and "prefers not to say", "doesn't know" and "skip" always there.
// Our engine decides what comes next; huh only draws one question.
type TUI struct {
	in    io.Reader
	out   io.Writer
	color bool
}

// NewTUI asks on out (a terminal) and reads keys from in.
func NewTUI(in io.Reader, out io.Writer, color bool) *TUI {
	return &TUI{in: in, out: out, color: color}
}

func (t *TUI) run(ctx context.Context, fields ...huh.Field) error {
	f := huh.NewForm(huh.NewGroup(fields...)).
		WithInput(t.in).
		WithOutput(t.out).
		WithShowHelp(true)
	if !t.color {
		f = f.WithTheme(huh.ThemeFunc(huh.ThemeBase))
	}
	err := f.RunWithContext(ctx)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, huh.ErrUserAborted):
		return ErrAborted
	case err != nil:
		return fmt.Errorf("ask: %w", err)
	case f.State != huh.StateCompleted:
		// SIGTERM makes the program quit "gracefully" with no error: the question was not answered.
		return ErrAborted
	}
	return nil
}

func stepsText(steps []screening.Step) string {
	var b strings.Builder
	for i, st := range steps {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if st.Kind == screening.StepSay {
			b.WriteString("Say: \u201c" + st.Text + "\u201d")
		} else {
			b.WriteString("Do: " + st.Text)
		}
	}
	return b.String()
}

// Show shows text to read as a note, until the worker continues.
func (t *TUI) Show(ctx context.Context, s Screen) error {
	return t.run(ctx, huh.NewNote().Title(s.Title).Description(stepsText(s.Steps)).Next(true).NextLabel("Continue"))
}

func title(q *screening.Question) string {
	switch q.Mode {
	case screening.ModeObserve:
		return "OBSERVE, do not read aloud: " + q.Text
	case screening.ModeRecord:
		return "From the record: " + q.Text
	}
	return q.Text
}

func description(p Prompt, extra string) string {
	q := p.Question
	lines := []string{fmt.Sprintf("Section %d of %d, %s. Question %d of %d.", p.SectionIndex, p.SectionCount, p.Section.Title, p.N, p.Total)}
	if q.Help != "" {
		lines = append(lines, "Guidance: "+q.Help)
	}
	if p.Current != nil {
		lines = append(lines, "Current answer: "+describeAnswer(q, *p.Current))
	}
	if extra != "" {
		lines = append(lines, extra)
	}
	return strings.Join(lines, "\n")
}

func stateOptions() []huh.Option[string] {
	return []huh.Option[string]{
		huh.NewOption("Prefers not to say", valDeclined),
		huh.NewOption("Doesn't know", valDontKnow),
		huh.NewOption("Skip (not asked)", valSkip),
	}
}

// Ask asks one question.
func (t *TUI) Ask(ctx context.Context, p Prompt) (screening.Answer, error) {
	switch p.Question.Type {
	case screening.TypeMulti:
		return t.askMulti(ctx, p)
	case screening.TypeNumber, screening.TypeText:
		return t.askTyped(ctx, p)
	default:
		return t.askSingle(ctx, p)
	}
}

func (t *TUI) askSingle(ctx context.Context, p Prompt) (screening.Answer, error) {
	q := p.Question
	var opts []huh.Option[string]
	if q.Type == screening.TypeYesNo {
		opts = []huh.Option[string]{huh.NewOption("Yes", "yes"), huh.NewOption("No", "no")}
	} else {
		for _, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label, o.Value))
		}
	}
	opts = append(opts, stateOptions()...)
	var v string
	if p.Current != nil {
		v = currentValue(*p.Current)
	}
	sel := huh.NewSelect[string]().Title(title(q)).Description(description(p, "")).Options(opts...).Value(&v)
	if err := t.run(ctx, sel); err != nil {
		return screening.Answer{}, err
	}
	if st, ok := stateByValue[v]; ok {
		return screening.Answer{State: st}, nil
	}
	return screening.Answered(v), nil
}

func (t *TUI) askMulti(ctx context.Context, p Prompt) (screening.Answer, error) {
	q := p.Question
	var opts []huh.Option[string]
	for _, o := range q.Options {
		opts = append(opts, huh.NewOption(o.Label, o.Value))
	}
	opts = append(opts, huh.NewOption("None of these", valNone))
	opts = append(opts, stateOptions()...)
	var vs []string
	if p.Current != nil && p.Current.IsAnswered() {
		vs = append(vs, p.Current.Choices...)
	}
	ms := huh.NewMultiSelect[string]().Title(title(q)).
		Description(description(p, "Choose all that apply with space (x), then Enter.")).
		Options(opts...).Value(&vs).
		Validate(func(vs []string) error {
			special := 0
			for _, v := range vs {
				if strings.HasPrefix(v, "\x00") {
					special++
				}
			}
			switch {
			case len(vs) == 0:
				return errors.New("choose at least one, or \"None of these\"")
			case special > 0 && len(vs) > 1:
				return errors.New("\"None of these\", \"Prefers not to say\", \"Doesn't know\" and \"Skip\" go alone")
			}
			return nil
		})
	if err := t.run(ctx, ms); err != nil {
		return screening.Answer{}, err
	}
	if len(vs) == 1 {
		if st, ok := stateByValue[vs[0]]; ok {
			return screening.Answer{State: st}, nil
		}
		if vs[0] == valNone {
			return screening.Answer{State: screening.StateAnswered, Choices: []string{}}, nil
		}
	}
	return screening.Answer{State: screening.StateAnswered, Choices: vs}, nil
}

// askTyped asks for a number or words. An empty answer offers the other choices.
func (t *TUI) askTyped(ctx context.Context, p Prompt) (screening.Answer, error) {
	q := p.Question
	hint := "Type the answer in their words."
	if q.Type == screening.TypeNumber {
		hint = "Type a number" + numberHint(q) + "."
	}
	hint += " Leave it empty and press Enter for: prefers not to say, doesn't know, skip."
	for {
		var text string
		if p.Current != nil && p.Current.IsAnswered() {
			text = describeAnswerValue(q, *p.Current)
		}
		in := huh.NewInput().Title(title(q)).Description(description(p, hint)).Value(&text).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				a := screening.Answer{State: screening.StateAnswered, Text: s}
				if problem := checkProblem(q, a); problem != "" {
					return errors.New(problem)
				}
				return nil
			})
		if err := t.run(ctx, in); err != nil {
			return screening.Answer{}, err
		}
		if strings.TrimSpace(text) != "" {
			a := screening.Answer{State: screening.StateAnswered, Text: strings.TrimSpace(text)}
			return a, nil
		}
		var v string
		opts := append(stateOptions(), huh.NewOption("Type an answer", valTypeIt))
		sel := huh.NewSelect[string]().Title(title(q)).Description("No answer was typed.").Options(opts...).Value(&v)
		if err := t.run(ctx, sel); err != nil {
			return screening.Answer{}, err
		}
		if st, ok := stateByValue[v]; ok {
			return screening.Answer{State: st}, nil
		}
	}
}

// EndNow shows the stop-and-refer guidance at once, and lets the worker end here.
func (t *TUI) EndNow(ctx context.Context, s Screen) (bool, error) {
	var end bool
	sel := huh.NewSelect[bool]().Title(s.Title).Description(stepsText(s.Steps)).Options(
		huh.NewOption("End the screening now and go to the summary", true),
		huh.NewOption("Go on with the screening", false),
	).Value(&end)
	if err := t.run(ctx, sel); err != nil {
		return false, err
	}
	return end, nil
}

// Note asks for an optional one-line note on a section.
func (t *TUI) Note(ctx context.Context, sec *screening.Section) (string, error) {
	var text string
	in := huh.NewInput().Title("Note on " + sec.Title + " (optional)").
		Description("Anything to record from this part, such as the young person's own words. Press Enter to skip.").
		Value(&text)
	if err := t.run(ctx, in); err != nil {
		return "", err
	}
	return strings.TrimSpace(text), nil
}

// Review lists the answers; choosing one changes it, and "Finish" goes to the summary.
func (t *TUI) Review(ctx context.Context, rows []ReviewRow) (int, error) {
	opts := []huh.Option[int]{huh.NewOption("Finish and show the summary", -1)}
	for i, r := range rows {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s %s", r.Text, r.Answer), i))
	}
	choice := -1
	sel := huh.NewSelect[int]().Title("Review the answers").
		Description("Choose an answer to change it, or finish.").
		Options(opts...).Value(&choice).Height(20)
	if err := t.run(ctx, sel); err != nil {
		return -1, err
	}
	return choice, nil
}

// currentValue is the select value of an earlier answer, to start from when changing it.
func currentValue(a screening.Answer) string {
	switch a.State {
	case screening.StateDeclined:
		return valDeclined
	case screening.StateDontKnow:
		return valDontKnow
	case screening.StateNotAsked:
		return valSkip
	}
	return a.Text
}

func describeAnswerValue(q *screening.Question, a screening.Answer) string {
	if q.Type == screening.TypeNumber {
		return strconv.FormatFloat(a.Number, 'f', -1, 64)
	}
	return a.Text
}
