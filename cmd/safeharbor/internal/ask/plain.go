package ask

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// Plain asks in plain lines, for screen readers, braille displays and pipes: no colour, no
// cursor movement, numbered options, the worker's guidance printed as text. One reader serves
// the whole interview, so piped input works line by line, and the end of input is an
// interruption (ErrInputEnded), never a default.
type Plain struct {
	out   io.Writer
	lines chan line
	w     *Words
}

type line struct {
	text string
	err  error
}

// NewPlain asks on out and reads answers from in, in the worker's words w (nil: English).
func NewPlain(in io.Reader, out io.Writer, w *Words) *Plain {
	if w == nil {
		w = &english
	}
	p := &Plain{out: out, lines: make(chan line), w: w}
	go func() {
		r := bufio.NewReader(in)
		for {
			s, err := r.ReadString('\n')
			if s != "" {
				p.lines <- line{text: strings.TrimRight(s, "\r\n")}
			}
			if err != nil {
				p.lines <- line{err: err}
				close(p.lines)
				return
			}
		}
	}()
	return p
}

// readLine waits for a line, or for ctx to end (Ctrl-C, SIGTERM) so an interruption is answered
// at once even while the reader is blocked.
func (p *Plain) readLine(ctx context.Context) (string, error) {
	fmt.Fprint(p.out, "> ")
	select {
	case <-ctx.Done():
		fmt.Fprintln(p.out)
		return "", ctx.Err()
	case l, ok := <-p.lines:
		if !ok || l.err != nil {
			fmt.Fprintln(p.out)
			if !ok || errors.Is(l.err, io.EOF) {
				return "", ErrInputEnded
			}
			return "", fmt.Errorf("read answer: %w", l.err)
		}
		return strings.TrimSpace(l.text), nil
	}
}

func (p *Plain) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

// Show prints text to read, and waits for Enter.
func (p *Plain) Show(ctx context.Context, s Screen) error {
	p.printf("\n%s\n", s.Title)
	for _, st := range s.Steps {
		if st.Kind == screening.StepSay {
			p.printf("%s: %s\n", p.w.Say, st.Text)
		} else {
			p.printf("%s: %s\n", p.w.Do, st.Text)
		}
	}
	p.printf("%s\n", p.w.PressEnter)
	_, err := p.readLine(ctx)
	return err
}

// Warn prints something the worker must know, without waiting: piped answers keep their places.
func (p *Plain) Warn(_ context.Context, s Screen) error {
	p.printf("\n%s\n", s.Title)
	for _, st := range s.Steps {
		p.printf("%s\n", st.Text)
	}
	return nil
}

// Ask asks one question until it gets an answer that fits.
func (p *Plain) Ask(ctx context.Context, pr Prompt) (screening.Answer, error) {
	q := pr.Question
	w := p.w
	p.printf("\n"+w.Position+"\n", pr.SectionIndex, pr.SectionCount, pr.Section.Title, pr.N, pr.Total)
	switch q.Mode {
	case screening.ModeObserve:
		p.printf("%s: %s\n", w.ObserveLabel, q.Text)
	case screening.ModeRecord:
		p.printf("%s: %s\n", w.RecordLabel, q.Text)
	default:
		p.printf("%s: %s\n", w.AskLabel, q.Text)
	}
	if pr.Also != "" {
		p.printf("%s: %s\n", w.Also, pr.Also)
	}
	if q.Help != "" {
		p.printf("%s: %s\n", w.Guidance, q.Help)
	}
	if pr.Cue != "" {
		p.printf("%s\n", pr.Cue)
	}
	labels := choiceLabels(q, pr.Lang)
	switch q.Type {
	case screening.TypeMulti:
		p.printf("%s\n", w.ChooseMulti)
	case screening.TypeNumber:
		p.printf(w.TypeNumber+"\n", w.numberHint(q))
	case screening.TypeText:
		p.printf("%s\n", w.TypeText)
	default:
		p.printf("%s\n", w.ChooseOne)
	}
	for i, l := range labels {
		p.printf("%d. %s\n", i+1, l)
	}
	p.printf("%s\n", w.OrState)
	if pr.Current != nil {
		p.printf("%s: %s\n", w.Current, w.describeAnswer(q, *pr.Current))
	}
	for {
		text, err := p.readLine(ctx)
		if err != nil {
			return screening.Answer{}, err
		}
		a, problem := w.parseAnswer(q, text)
		if problem == "" {
			if problem = checkProblem(q, a); problem == "" {
				p.printf("%s: %s\n", w.Recorded, w.describeAnswer(q, a))
				return a, nil
			}
		}
		p.printf(w.TryAgain+"\n", problem)
	}
}

// EndNow shows the stop-and-refer guidance after a disclosure and asks whether to end here.
func (p *Plain) EndNow(ctx context.Context, s Screen) (bool, error) {
	p.printf("\n%s\n", s.Title)
	for _, st := range s.Steps {
		p.printf("%s\n", st.Text)
	}
	for {
		p.printf("%s\n", p.w.EndNowQuestion)
		text, err := p.readLine(ctx)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(text) {
		case "yes", "y", "sí", "si", "s":
			return true, nil
		case "no", "n":
			return false, nil
		}
	}
}

// Note asks for an optional note on a section; an empty line skips it.
func (p *Plain) Note(ctx context.Context, sec *screening.Section) (string, error) {
	p.printf("\n"+p.w.NotePlain+"\n", sec.Title)
	return p.readLine(ctx)
}

// Review lists the answers; the worker types a number to change one, or Enter to finish.
func (p *Plain) Review(ctx context.Context, rows []ReviewRow) (int, error) {
	p.printf("\n%s\n", p.w.ReviewPlain)
	for i, r := range rows {
		p.printf("%d. %s %s\n", i+1, r.Text, r.Answer)
	}
	for {
		p.printf("%s\n", p.w.ReviewPrompt)
		text, err := p.readLine(ctx)
		if err != nil {
			return -1, err
		}
		if text == "" {
			return -1, nil
		}
		if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(rows) {
			return n - 1, nil
		}
		p.printf(p.w.NotANumber+"\n", text, len(rows))
	}
}

// choiceLabels are the numbered choices of a question.
func choiceLabels(q *screening.Question, lang string) []string {
	switch q.Type {
	case screening.TypeYesNo:
		yes, no := yesNo(lang)
		return []string{yes, no}
	case screening.TypeSingle, screening.TypeMulti:
		out := make([]string, len(q.Options))
		for i, o := range q.Options {
			out[i] = o.Label
		}
		return out
	}
	return nil
}

func (w *Words) numberHint(q *screening.Question) string {
	var parts []string
	if q.Unit != "" {
		parts = append(parts, q.Unit)
	}
	switch {
	case q.Min != nil && q.Max != nil:
		parts = append(parts, fmt.Sprintf(w.FromTo, *q.Min, *q.Max))
	case q.Min != nil:
		parts = append(parts, fmt.Sprintf(w.AtLeast, *q.Min))
	case q.Max != nil:
		parts = append(parts, fmt.Sprintf(w.AtMost, *q.Max))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// stateWord recognises the words for an answer that is not a value.
func stateWord(s string) (screening.State, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "declined", "decline", "prefers not to say", "prefer not to say", "no-decir", "no decir", "prefiere no decir":
		return screening.StateDeclined, true
	case "dont-know", "don't know", "dont know", "doesn't know", "doesnt know", "no-sabe", "no sabe":
		return screening.StateDontKnow, true
	case "skip", "skipped", "not-asked", "not asked", "skip (not asked)", "saltar", "saltar (no se preguntó)":
		return screening.StateNotAsked, true
	}
	return "", false
}

// parseAnswer reads a typed answer: an option's number, value or label (any case), a state
// word, a number, or words. It returns a message when the text cannot be read.
func (w *Words) parseAnswer(q *screening.Question, text string) (screening.Answer, string) {
	if st, ok := stateWord(text); ok {
		return screening.Answer{State: st}, ""
	}
	if text == "" {
		return screening.Answer{}, w.PleaseAnswer
	}
	a := screening.Answer{State: screening.StateAnswered}
	switch q.Type {
	case screening.TypeYesNo:
		switch strings.ToLower(text) {
		case "1", "yes", "y", "sí", "si":
			a.Text = "yes"
		case "2", "no", "n":
			a.Text = "no"
		default:
			return a, fmt.Sprintf(w.NotYesNo, text)
		}
	case screening.TypeSingle:
		v, ok := matchOption(q, text)
		if !ok {
			return a, fmt.Sprintf(w.NotAChoice, text)
		}
		a.Text = v
	case screening.TypeMulti:
		a.Choices = []string{}
		if strings.EqualFold(text, "none") || strings.EqualFold(text, "ninguna") {
			return a, ""
		}
		for _, part := range strings.Split(text, ",") {
			v, ok := matchOption(q, strings.TrimSpace(part))
			if !ok {
				return a, fmt.Sprintf(w.NotAChoice, strings.TrimSpace(part))
			}
			a.Choices = append(a.Choices, v)
		}
	case screening.TypeNumber:
		a.Text = text
	default:
		a.Text = text
	}
	return a, ""
}

func matchOption(q *screening.Question, s string) (string, bool) {
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(q.Options) {
		return q.Options[n-1].Value, true
	}
	for _, o := range q.Options {
		if strings.EqualFold(s, o.Value) || strings.EqualFold(s, o.Label) {
			return o.Value, true
		}
	}
	return "", false
}

// checkProblem checks an answer against the question, returning a message for the worker.
func checkProblem(q *screening.Question, a screening.Answer) string {
	if err := screening.CheckAnswer(q, a); err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return strings.ToUpper(msg[:1]) + msg[1:] + "."
	}
	return ""
}

// describeAnswer says an answer in words, for "Recorded:" and the review screen.
func (w *Words) describeAnswer(q *screening.Question, a screening.Answer) string {
	if a.State != screening.StateAnswered {
		return w.stateLabel(a.State)
	}
	words := screening.AnswerWordsIn(w.lang)
	switch q.Type {
	case screening.TypeYesNo:
		if a.Text == "yes" {
			return words.Yes
		}
		return words.No
	case screening.TypeSingle:
		for _, o := range q.Options {
			if o.Value == a.Text {
				return o.Label
			}
		}
	case screening.TypeMulti:
		if len(a.Choices) == 0 {
			return words.None
		}
		var labels []string
		for _, o := range q.Options {
			for _, c := range a.Choices {
				if o.Value == c {
					labels = append(labels, o.Label)
				}
			}
		}
		return strings.Join(labels, "; ")
	case screening.TypeNumber:
		if a.Text != "" {
			return a.Text
		}
		return strconv.FormatFloat(a.Number, 'f', -1, 64)
	}
	return a.Text
}
