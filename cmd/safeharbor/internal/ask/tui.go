package ask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/term"

	"github.com/safeharbor/safeharbor/screening"
)

// Values of the form-only choices; like the states' values (stateLabels), they start with a NUL.
const (
	valNone   = "\x00none"
	valTypeIt = "\x00type"
)

// stateOf returns the state a form value stands for.
func stateOf(value string) (screening.State, bool) {
	for _, s := range stateLabels {
		if s.Value == value {
			return s.State, true
		}
	}
	return "", false
}

// TUI asks in the terminal with huh, one question per form: the question large, the worker's
// guidance muted beneath it, and "prefers not to say", "doesn't know" and "skip" always there.
// Our engine decides what comes next; huh only draws one question.
//
// One Bubble Tea program runs for the whole interview and hosts each question's form in turn.
// Running a program per form loses keystrokes: the program that just ended and the one starting
// both read the terminal, and typed text or an Enter lands in the wrong question (reproduced with
// eight lines of huh in tmux). One program means one reader.
type TUI struct {
	in    io.Reader
	out   io.Writer
	color bool
	w     *Words

	prog   *tea.Program
	ended  chan struct{} // closed when the program has stopped
	runErr error
}

// CanDraw reports whether out is a terminal that reports a size. A terminal that reports 0x0
// (a bare pseudo-terminal, some serial consoles) leaves the form drawing nothing, forever.
func CanDraw(out io.Writer) bool {
	f, ok := out.(term.File)
	if !ok {
		return false
	}
	w, h, err := term.GetSize(f.Fd())
	return err == nil && w > 0 && h > 0
}

// NewTUI asks on out (a terminal) and reads keys from in.
// NewTUI asks in the terminal, in the worker's words w (nil: English).
func NewTUI(in io.Reader, out io.Writer, color bool, w *Words) *TUI {
	if w == nil {
		w = &english
	}
	return &TUI{in: in, out: out, color: color, w: w}
}

// host is the program's model: it shows the current form and reports when it is done.
type host struct {
	form   *huh.Form
	done   chan<- error
	size   *tea.WindowSizeMsg
	queued []tea.Msg // keys typed between two questions, for the next one
}

type showMsg struct {
	form *huh.Form
	done chan<- error
}

type closeMsg struct{}

func (h *host) Init() tea.Cmd { return nil }

func (h *host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		h.size = &m
	case showMsg:
		h.form, h.done = m.form, m.done
		cmds := []tea.Cmd{h.form.Init()} // focuses the field at once
		if h.size != nil {
			cmds = append(cmds, h.forward(*h.size))
		}
		for _, q := range h.queued {
			if h.form == nil {
				break
			}
			cmds = append(cmds, h.forward(q))
		}
		h.queued = nil
		return h, tea.Batch(cmds...)
	case closeMsg:
		return h, tea.Quit
	case tea.KeyPressMsg:
		if h.form == nil {
			h.queued = append(h.queued, m)
			return h, nil
		}
	}
	if h.form == nil {
		return h, nil
	}
	return h, h.forward(msg)
}

// forward gives msg to the form and reports the form's end, if this was it.
func (h *host) forward(msg tea.Msg) tea.Cmd {
	m, cmd := h.form.Update(msg)
	h.form = m.(*huh.Form)
	var result error
	switch h.form.State {
	case huh.StateCompleted:
	case huh.StateAborted:
		result = ErrAborted
	default:
		return cmd
	}
	h.done <- result
	h.form, h.done = nil, nil
	return cmd
}

func (h *host) View() tea.View {
	if h.form == nil {
		return tea.NewView("")
	}
	return tea.NewView(h.form.View())
}

func (t *TUI) start(ctx context.Context) {
	opts := []tea.ProgramOption{tea.WithOutput(t.out), tea.WithContext(ctx)}
	if t.in != os.Stdin {
		opts = append(opts, tea.WithInput(t.in))
	}
	t.prog = tea.NewProgram(&host{}, opts...)
	t.ended = make(chan struct{})
	go func() {
		_, t.runErr = t.prog.Run()
		close(t.ended)
	}()
}

// Close stops the program and gives the terminal back.
func (t *TUI) Close() error {
	if t.prog == nil {
		return nil
	}
	t.prog.Send(closeMsg{})
	<-t.ended
	t.prog = nil
	if t.runErr != nil && !errors.Is(t.runErr, tea.ErrProgramKilled) {
		return fmt.Errorf("terminal: %w", t.runErr)
	}
	return nil
}

// run shows one form and waits for it to be completed, aborted, or interrupted.
func (t *TUI) run(ctx context.Context, fields ...huh.Field) error {
	if t.prog == nil {
		t.start(ctx)
	}
	f := huh.NewForm(huh.NewGroup(fields...)).WithShowHelp(true)
	if !t.color {
		f = f.WithTheme(huh.ThemeFunc(huh.ThemeBase))
	}
	done := make(chan error, 1)
	t.prog.Send(showMsg{form: f, done: done})
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		<-t.ended // the program stops with the context and restores the terminal
		return ctx.Err()
	case <-t.ended:
		// SIGTERM ends the program "gracefully", without an answer.
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return ErrAborted
	}
}

func (w *Words) stepsText(steps []screening.Step) string {
	var b strings.Builder
	for i, st := range steps {
		if i > 0 {
			b.WriteString("\n\n")
		}
		if st.Kind == screening.StepSay {
			b.WriteString(w.Say + ": \u201c" + st.Text + "\u201d")
		} else {
			b.WriteString(w.Do + ": " + st.Text)
		}
	}
	return b.String()
}

// Show shows text to read as a note, until the worker continues.
func (t *TUI) Show(ctx context.Context, s Screen) error {
	return t.run(ctx, huh.NewNote().Title(s.Title).Description(t.w.stepsText(s.Steps)).Next(true).NextLabel(t.w.Continue))
}

func (w *Words) title(q *screening.Question) string {
	switch q.Mode {
	case screening.ModeObserve:
		return w.ObserveTitle + ": " + q.Text
	case screening.ModeRecord:
		return w.RecordLabel + ": " + q.Text
	}
	return q.Text
}

func (w *Words) description(p Prompt, extra string) string {
	q := p.Question
	lines := []string{fmt.Sprintf(w.Position, p.SectionIndex, p.SectionCount, p.Section.Title, p.N, p.Total)}
	if p.Also != "" {
		lines = append(lines, w.Also+": "+p.Also)
	}
	if q.Help != "" {
		lines = append(lines, w.Guidance+": "+q.Help)
	}
	if p.Cue != "" {
		lines = append(lines, p.Cue)
	}
	if p.Current != nil {
		lines = append(lines, w.Current+": "+w.describeAnswer(q, *p.Current))
	}
	if extra != "" {
		lines = append(lines, extra)
	}
	return strings.Join(lines, "\n")
}

func (w *Words) stateOptions() []huh.Option[string] {
	opts := make([]huh.Option[string], len(stateLabels))
	for i, s := range stateLabels {
		opts[i] = huh.NewOption(w.stateLabel(s.State), s.Value)
	}
	return opts
}

// Warn shows something the worker must know, until they continue.
func (t *TUI) Warn(ctx context.Context, s Screen) error { return t.Show(ctx, s) }

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
		yes, no := yesNo(p.Lang)
		opts = []huh.Option[string]{huh.NewOption(yes, "yes"), huh.NewOption(no, "no")}
	} else {
		for _, o := range q.Options {
			opts = append(opts, huh.NewOption(o.Label, o.Value))
		}
	}
	opts = append(opts, t.w.stateOptions()...)
	var v string
	if p.Current != nil {
		v = currentValue(*p.Current)
	}
	sel := huh.NewSelect[string]().Title(t.w.title(q)).Description(t.w.description(p, "")).Options(opts...).Value(&v)
	if err := t.run(ctx, sel); err != nil {
		return screening.Answer{}, err
	}
	if st, ok := stateOf(v); ok {
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
	opts = append(opts, huh.NewOption(screening.AnswerWordsIn(p.Lang).None, valNone))
	opts = append(opts, t.w.stateOptions()...)
	var vs []string
	if p.Current != nil && p.Current.IsAnswered() {
		vs = append(vs, p.Current.Choices...)
	}
	extra := t.w.ChooseAll
	for {
		desc := t.w.description(p, extra)
		// Height counts the title and description too: make room for every option.
		ms := huh.NewMultiSelect[string]().Title(t.w.title(q)).
			Description(desc).
			Options(opts...).Value(&vs).Height(len(opts) + strings.Count(desc, "\n") + 3).
			Validate(func(vs []string) error {
				special := 0
				for _, v := range vs {
					if strings.HasPrefix(v, "\x00") {
						special++
					}
				}
				if special > 0 && len(vs) > 1 {
					return fmt.Errorf(t.w.GoAlone, screening.AnswerWordsIn(p.Lang).None, t.w.Declined, t.w.DontKnow, t.w.Skip)
				}
				return nil
			})
		if err := t.run(ctx, ms); err != nil {
			return screening.Answer{}, err
		}
		if len(vs) > 0 {
			break
		}
		// Enter with nothing chosen is more likely a slip than an answer: ask again.
		extra = t.w.NothingChosen
	}
	if len(vs) == 1 {
		if st, ok := stateOf(vs[0]); ok {
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
	hint := t.w.TypeText
	if q.Type == screening.TypeNumber {
		hint = fmt.Sprintf(t.w.TypeNumber, t.w.numberHint(q))
	}
	hint += " " + t.w.LeaveEmpty
	for {
		var text string
		if p.Current != nil && p.Current.IsAnswered() {
			text = describeAnswerValue(q, *p.Current)
		}
		in := huh.NewInput().Title(t.w.title(q)).Description(t.w.description(p, hint)).Value(&text).
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
		opts := append(t.w.stateOptions(), huh.NewOption(t.w.TypeAnAnswer, valTypeIt))
		sel := huh.NewSelect[string]().Title(t.w.title(q)).Description(t.w.NoAnswerTyped).Options(opts...).Value(&v)
		if err := t.run(ctx, sel); err != nil {
			return screening.Answer{}, err
		}
		if st, ok := stateOf(v); ok {
			return screening.Answer{State: st}, nil
		}
	}
}

// EndNow shows the stop-and-refer guidance at once, and lets the worker end here.
func (t *TUI) EndNow(ctx context.Context, s Screen) (bool, error) {
	end := true // after a disclosure the guidance is to stop probing: ending is the default
	sel := huh.NewSelect[bool]().Title(s.Title).Description(t.w.stepsText(s.Steps)).Options(
		huh.NewOption(t.w.EndNow, true),
		huh.NewOption(t.w.GoOn, false),
	).Value(&end)
	if err := t.run(ctx, sel); err != nil {
		return false, err
	}
	return end, nil
}

// Note asks for an optional one-line note on a section.
func (t *TUI) Note(ctx context.Context, sec *screening.Section) (string, error) {
	var text string
	in := huh.NewInput().Title(fmt.Sprintf(t.w.NoteTitle, sec.Title)).
		Description(t.w.NoteHelp).
		Value(&text)
	if err := t.run(ctx, in); err != nil {
		return "", err
	}
	return strings.TrimSpace(text), nil
}

// Review lists the answers; choosing one changes it, and "Finish" goes to the summary.
func (t *TUI) Review(ctx context.Context, rows []ReviewRow) (int, error) {
	opts := []huh.Option[int]{huh.NewOption(t.w.ReviewFinish, -1)}
	for i, r := range rows {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%s %s", r.Text, r.Answer), i))
	}
	choice := -1
	sel := huh.NewSelect[int]().Title(t.w.ReviewTitle).
		Description(t.w.ReviewHelp).
		Options(opts...).Value(&choice).Height(20)
	if err := t.run(ctx, sel); err != nil {
		return -1, err
	}
	return choice, nil
}

// currentValue is the select value of an earlier answer, to start from when changing it.
func currentValue(a screening.Answer) string {
	for _, s := range stateLabels {
		if s.State == a.State {
			return s.Value
		}
	}
	return a.Text
}

func describeAnswerValue(q *screening.Question, a screening.Answer) string {
	if q.Type == screening.TypeNumber {
		return strconv.FormatFloat(a.Number, 'f', -1, 64)
	}
	return a.Text
}
