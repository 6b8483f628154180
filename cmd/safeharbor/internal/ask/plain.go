package ask

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// Plain asks in plain lines, for screen readers, braille displays and pipes: no colour, no
// cursor movement, numbered choices, the worker's guidance printed as text. One reader serves
// the whole interview, so piped input works line by line, and the end of input is an
// interruption (ErrInputEnded), never a default.
type Plain struct {
	out      io.Writer
	lines    chan line
	c        *phrases.Catalog
	w        *phrases.Interview
	training bool
	width    func() int // nil: lines are not wrapped
	reviewed bool       // the review's whole list has been printed once
	hold     bool       // lines come from a terminal: see PlainOptions.HoldTypedAhead
	held     []line     // lines typed before a guarded prompt could be read, for the next question
	now      func() time.Time
}

type line struct {
	text string
	err  error
	at   time.Time // when it was read: a line typed ahead is read as soon as it is entered
}

// PlainOptions are how plain lines are written.
type PlainOptions struct {
	Training bool // every question and screen says it is a mock interview
	// Width, when set, is the width of the terminal the lines go to, asked before each line (the
	// window may be resized): lines are wrapped at word boundaries to it, so no word is broken at
	// the edge. Unset for a pipe or a file, where a line is read as one.
	Width func() int
	// HoldTypedAhead is for answers typed on a terminal: a line entered before a prompt that
	// comes unexpected (an interrupt, a section's guidance, the closing) could be read was meant
	// for the next question, so it waits for it and never answers that prompt. Unset for a pipe
	// or a file, whose lines are the answers in order.
	HoldTypedAhead bool
}

// NewPlain asks on out and reads answers from in, in the worker's words.
func NewPlain(in io.Reader, out io.Writer, words *phrases.Catalog, opts PlainOptions) *Plain {
	return newPlain(in, out, words, opts, time.Now)
}

// newPlain is NewPlain on a clock, which tests set.
func newPlain(in io.Reader, out io.Writer, words *phrases.Catalog, opts PlainOptions, now func() time.Time) *Plain {
	if words == nil {
		words, _ = phrases.For("en")
	}
	p := &Plain{
		out: out, c: words, w: &words.Interview, training: opts.Training, width: opts.Width,
		hold: opts.HoldTypedAhead, now: now,
		// Lines are read as they come, not when asked for, so each knows when it was entered;
		// a pipe waits once this many are unread.
		lines: make(chan line, 256),
	}
	go func() {
		r := bufio.NewReader(in)
		for {
			s, err := r.ReadString('\n')
			if s != "" {
				p.lines <- line{text: strings.TrimRight(s, "\r\n"), at: now()}
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

// settlePlain is how long after a guarded prompt is printed it starts taking lines: a line
// entered sooner was typed before it could be read.
const settlePlain = 300 * time.Millisecond

// readLine waits for a line, or for ctx to end (Ctrl-C, SIGTERM) so an interruption is answered
// at once even while the reader is blocked. A line held back from a guarded prompt comes first.
func (p *Plain) readLine(ctx context.Context) (string, error) {
	fmt.Fprint(p.out, "> ")
	if len(p.held) > 0 {
		l := p.held[0]
		p.held = p.held[1:]
		// Shown where it is taken: it was typed, and echoed, above the prompt it waited through.
		fmt.Fprintln(p.out, screening.Printable(l.text))
		return strings.TrimSpace(l.text), nil
	}
	return p.receive(ctx, time.Time{})
}

// readGuarded reads the answer to a prompt that comes unexpected, printed at shown: lines
// entered before it could be read are held for the next question (see HoldTypedAhead).
func (p *Plain) readGuarded(ctx context.Context, shown time.Time) (string, error) {
	fmt.Fprint(p.out, "> ")
	if !p.hold {
		shown = time.Time{}
	}
	return p.receive(ctx, shown)
}

// receive takes the next line entered, holding back those entered before settle after shown.
func (p *Plain) receive(ctx context.Context, shown time.Time) (string, error) {
	for {
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
			if !shown.IsZero() && l.at.Before(shown.Add(settlePlain)) {
				p.held = append(p.held, l)
				continue
			}
			return strings.TrimSpace(l.text), nil
		}
	}
}

// println writes a line: control characters from a set, a file or an answer escaped.
func (p *Plain) println(parts ...string) {
	p.line(screening.Printable(strings.Join(parts, "")))
}

// say writes a line of the set's own words, with its short codes spoken (see spoken).
func (p *Plain) say(parts ...string) {
	p.line(spoken(screening.Printable(strings.Join(parts, ""))))
}

// line writes one line of text, wrapped at spaces to the terminal's width when there is one.
func (p *Plain) line(text string) {
	if p.width != nil {
		if w := p.width(); w > 0 && displayWidth(text) > w {
			text = WrapWords(text, w)
		}
	}
	fmt.Fprintln(p.out, text)
}

// WrapWords wraps text at spaces to width. A word is never broken, not even at a hyphen: a draft
// id or a command to type must read whole, and a word wider than the line overruns it.
func WrapWords(text string, width int) string {
	var b strings.Builder
	for k, para := range strings.Split(text, "\n") {
		if k > 0 {
			b.WriteByte('\n')
		}
		used := 0
		for _, word := range strings.Fields(para) {
			w := displayWidth(word)
			switch {
			case used == 0:
			case used+1+w > width:
				b.WriteByte('\n')
				used = 0
			default:
				b.WriteByte(' ')
				used++
			}
			b.WriteString(word)
			used += w
		}
	}
	return b.String()
}

// shortCode is a number of five to seven digits standing alone, as a text line's is (233733);
// never part of a phone number, a date or an id, which a screen reader already reads well.
var shortCode = regexp.MustCompile(`(^|[^\p{L}\p{N}-])(\d{5,7})($|[^\p{L}\p{N}-])`)

// spoken spaces the digits of a short code ("233733" as "2 3 3 7 3 3"): a screen reader says
// them one by one, as they are typed, not as "two hundred thirty-three thousand...".
func spoken(s string) string {
	return shortCode.ReplaceAllStringFunc(s, func(m string) string {
		sub := shortCode.FindStringSubmatch(m)
		return sub[1] + strings.Join(strings.Split(sub[2], ""), " ") + sub[3]
	})
}

func (p *Plain) title(t string) {
	fmt.Fprintln(p.out)
	if p.training {
		p.println(p.w.TrainingBanner)
	}
	p.println(t)
}

func (p *Plain) steps(lines []interview.Line) {
	for _, l := range lines {
		if l.Kind == screening.StepSay {
			p.say(p.w.Say, ": ", l.Text)
			if l.Also != "" {
				p.say(p.w.Also, ": ", l.Also)
			}
		} else if l.Kind == screening.StepDo {
			p.say(p.w.Do, ": ", l.Text)
		} else {
			p.println(l.Text)
		}
	}
}

// Show prints text to read, and waits for Enter.
func (p *Plain) Show(ctx context.Context, s interview.Screen) error {
	shown := p.now()
	// Unexpected, or said to the young person: as in the terminal interface, a line typed before
	// it could be read waits for the next question.
	guarded := s.Kind == interview.ScreenGuidance || s.Kind == interview.ScreenResumed || s.Kind == interview.ScreenClosing
	p.title(s.Title)
	if s.Kind == interview.ScreenGuidance {
		p.println(p.w.ForYouOnly, ".")
	}
	p.steps(s.Lines)
	if s.Kind == interview.ScreenRefused {
		return nil // the question it is about is asked again at once, below it
	}
	for {
		p.println(p.w.PressEnter)
		var text string
		var err error
		if guarded {
			text, err = p.readGuarded(ctx, shown)
		} else {
			text, err = p.readLine(ctx)
		}
		if err != nil {
			return err
		}
		if text == "" {
			if guarded && len(p.held) > 0 && strings.TrimSpace(p.held[0].text) == "" {
				// An empty line held first was typed for this screen, which comes in the
				// interview's order: pressed again once it could be read, it is not passed on,
				// where it would answer the next prompt and put every line after it one out.
				p.held = p.held[1:]
			}
			return nil
		}
		// An answer typed ahead for a question is not taken by a screen that asks none.
		p.println(fmt.Sprintf(p.w.NotAnAnswerHere, text))
	}
}

// Status says what was just recorded, once it is saved, and says so when it is not.
func (p *Plain) Status(s interview.Status) {
	if s.Recorded != "" {
		p.println(recordedLine(p.w, s))
	}
	if s.Save.Enabled && s.Save.Err != nil {
		p.println(notSaved(p.w, s.Save))
	}
}

// Ask asks one question until it gets an answer that fits, or "back".
func (p *Plain) Ask(ctx context.Context, pr interview.Prompt) (interview.Reply, error) {
	q, w := pr.Question, p.w
	fmt.Fprintln(p.out)
	if p.training {
		p.println(w.TrainingBanner)
	}
	p.println(fmt.Sprintf(w.Position, pr.SectionIndex, pr.SectionCount, pr.Section.Title, pr.N, pr.Total))
	switch q.Mode {
	case screening.ModeObserve:
		p.say(w.ObserveLabel, ": ", q.Text)
	case screening.ModeRecord:
		p.say(w.RecordLabel, ": ", q.Text)
	default:
		p.say(w.AskLabel, ": ", q.Text)
	}
	if pr.Also != nil {
		p.say(w.Also, ": ", pr.Also.Text)
	}
	if q.Help != "" {
		p.say(w.Guidance, ": ", q.Help)
	}
	if pr.Cue != "" {
		p.println(pr.Cue)
	}
	p.choices(pr)
	for {
		text, err := p.readLine(ctx)
		if err != nil {
			return interview.Reply{}, err
		}
		if text == "" && pr.Current != nil {
			return interview.Answer(*pr.Current), nil
		}
		if isBack(text) {
			if pr.First {
				p.println(w.NothingBefore)
				continue
			}
			return interview.Back(), nil
		}
		a, problem := parseAnswer(p.c, q, pr.Also, pr.Lang, text)
		if problem == "" && a.State == screening.StateDeclined && !q.Mode.ReadAloud() {
			problem = w.DeclinedAskedOnly
		}
		if problem == "" {
			problem = checkProblem(w, q, a)
		}
		if problem == "" {
			return interview.Answer(a), nil
		}
		p.println(problem)
		p.choices(pr) // the choices again, so they need not be scrolled back to
	}
}

// choices prints how to answer: the numbered choices, and the words for the states.
func (p *Plain) choices(pr interview.Prompt) {
	q, w := pr.Question, p.w
	switch q.Type {
	case screening.TypeMulti:
		p.println(w.ChooseMulti)
	case screening.TypeNumber:
		p.println(fmt.Sprintf(w.TypeNumber, numberHint(w, q)))
	case screening.TypeText:
		if q.Mode.ReadAloud() {
			p.println(w.TypeText)
		} else {
			p.println(w.TypeTextRecord)
		}
	case screening.TypeDateTime:
		p.println(dateTimeHint(w))
	default:
		p.println(w.ChooseOne)
	}
	for i, l := range choiceLabels(p.c, pr) {
		p.println(strconv.Itoa(i+1), ". ", l)
	}
	if q.Mode.ReadAloud() {
		p.println(w.OrState)
	} else {
		p.println(w.OrStateWorker)
	}
	if pr.Current != nil {
		p.println(w.Current, ": ", describeAnswer(w, q, *pr.Current, pr.Lang), ". ", w.EnterKeeps)
	}
}

// choiceLabels are the numbered choices of a question, in both languages when interpreted.
func choiceLabels(c *phrases.Catalog, pr interview.Prompt) []string {
	q := pr.Question
	words, _ := phrases.For(pr.Lang)
	var also *phrases.Catalog
	if pr.Also != nil {
		also, _ = phrases.For(pr.AlsoLang)
	}
	both := func(label, other string) string {
		if other == "" || other == label {
			return label
		}
		return label + " / " + other
	}
	switch q.Type {
	case screening.TypeYesNo:
		if also != nil {
			return []string{both(words.Answers.Yes, also.Answers.Yes), both(words.Answers.No, also.Answers.No)}
		}
		return []string{words.Answers.Yes, words.Answers.No}
	case screening.TypeSingle, screening.TypeMulti:
		out := make([]string, len(q.Options))
		for i, o := range q.Options {
			out[i] = o.Label
			if pr.Also != nil && i < len(pr.Also.Options) {
				out[i] = both(o.Label, pr.Also.Options[i].Label)
			}
		}
		return out
	}
	return nil
}

// Interrupt shows what must be done at once, and asks whether to end the screening here, go
// on, or go back to the answer that brought it up.
func (p *Plain) Interrupt(ctx context.Context, i interview.Interrupt) (interview.InterruptChoice, error) {
	choice, err := p.interrupt(ctx, i)
	if err == nil && (choice != interview.GoOn || i.Reminder) && len(p.held) > 0 {
		// The lines typed before it were for the question after it, which does not come now:
		// never given to what comes instead (the answer being changed, a note).
		quoted := make([]string, len(p.held))
		for k, l := range p.held {
			quoted[k] = strconv.Quote(l.text)
		}
		p.held = nil
		p.println(fmt.Sprintf(p.w.TypedAheadDropped, strings.Join(quoted, ", ")))
	}
	return choice, err
}

func (p *Plain) interrupt(ctx context.Context, i interview.Interrupt) (interview.InterruptChoice, error) {
	shown := p.now()
	p.title(i.Title)
	p.println(p.w.ForYouOnly, ".")
	for _, l := range i.Lines {
		if l.Kind == screening.StepSay {
			p.say(p.w.Say, ": ", l.Text)
		} else {
			p.say(l.Text) // what to do now, as it is written
		}
	}
	question := p.w.GoOnQuestion
	if i.EndByDefault {
		question = p.w.EndNowQuestion
	}
	orBack := ""
	if i.CanGoBack {
		orBack = " " + p.w.OrBackToChange // not on a reminder after resuming: nothing to go back to
	}
	for {
		p.println(question, orBack)
		text, err := p.readGuarded(ctx, shown)
		if err != nil {
			return interview.GoOn, err
		}
		switch {
		case text == "" && i.EndByDefault:
			return interview.End, nil
		case text == "":
			continue // nothing is chosen for the worker: the question again
		case text == "1" || isYes(text):
			return interview.End, nil
		case text == "2" || isNo(text):
			return interview.GoOn, nil
		case isBack(text) && i.CanGoBack:
			return interview.GoBack, nil
		}
		p.println(fmt.Sprintf(p.w.NotAnInterruptChoice, text), orBack)
	}
}

// Text asks for a line the worker writes (a note, a label): Enter keeps what it says now; a
// dash empties it.
func (p *Plain) Text(ctx context.Context, n interview.TextPrompt) (string, error) {
	fmt.Fprintln(p.out)
	p.println(n.Title)
	p.println(n.Help)
	if n.Current != "" {
		p.println(p.w.Now, ": ", n.Current, ". ", p.w.TextKeepOrRemove)
	} else {
		p.println(p.w.TextSkip)
	}
	for {
		text, err := p.readLine(ctx)
		switch {
		case err != nil:
			return "", err
		case text == "":
			return n.Current, nil
		case text == "-":
			return "", nil
		}
		if n.Check != nil {
			if problem := n.Check(text); problem != "" {
				p.println(problem)
				continue
			}
		}
		return text, nil
	}
}

// Review lists the answers; the worker types a number to change one, or Enter to finish. The
// whole list is printed once; after a change, only the row that changed.
func (p *Plain) Review(ctx context.Context, r interview.Review) (int, error) {
	switch {
	case !p.reviewed || r.Focus < 0:
		p.title(p.w.ReviewTitle)
		for i, row := range r.Rows {
			p.reviewRow(i, row)
		}
		p.reviewed = true
	case r.Changed:
		fmt.Fprintln(p.out)
		p.println(p.w.ChangedRow)
		p.reviewRow(r.Focus, r.Rows[r.Focus])
	}
	for {
		p.println(p.w.ReviewPrompt)
		text, err := p.readLine(ctx)
		if err != nil {
			return -1, err
		}
		if text == "" {
			return -1, nil
		}
		if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(r.Rows) {
			return n - 1, nil
		}
		p.println(fmt.Sprintf(p.w.NotARow, text, len(r.Rows)))
	}
}

func (p *Plain) reviewRow(i int, r interview.ReviewRow) {
	if r.Kind == interview.RowNote {
		if r.Answer == "" {
			p.println(strconv.Itoa(i+1), ". ", p.w.NoNote, " (", r.Section, ")")
		} else {
			p.println(strconv.Itoa(i+1), ". ", p.w.NoteLabel, " (", r.Section, "): ", r.Answer)
		}
		return
	}
	p.println(strconv.Itoa(i+1), ". ", r.Text, " \u2014 ", r.Answer)
}

// key folds typed words for comparison: case, spaces, hyphens and underscores do not matter,
// so "foster home", "Foster-Home" and "foster_home" are one.
func key(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t'
	}), " ")
}

func isBack(s string) bool {
	switch key(s) {
	case "back", "atrás", "atras", "volver":
		return true
	}
	return false
}

func isYes(s string) bool {
	switch key(s) {
	case "yes", "y", "sí", "si", "s":
		return true
	}
	return false
}

func isNo(s string) bool {
	switch key(s) {
	case "no", "n":
		return true
	}
	return false
}

// stateWord recognises the words for an answer that is not a value, in any language the tool
// speaks: the short words are the same everywhere, and the labels too.
func stateWord(s string) (screening.State, bool) {
	k := key(s)
	for _, st := range []struct {
		state screening.State
		words []string
	}{
		{screening.StateDeclined, []string{"declined", "decline", "no decir"}},
		{screening.StateDontKnow, []string{"dont know", "don't know", "no sabe"}},
		{screening.StateNotAsked, []string{"skip", "skipped", "not asked", "saltar"}},
	} {
		for _, w := range st.words {
			if k == w {
				return st.state, true
			}
		}
		for _, c := range phrases.All() {
			label := map[screening.State]string{screening.StateDeclined: c.Interview.Declined, screening.StateDontKnow: c.Interview.DontKnow, screening.StateNotAsked: c.Interview.Skip}[st.state]
			if k == key(label) {
				return st.state, true
			}
		}
	}
	return "", false
}

// parseAnswer reads a typed answer: an option's number, value or label (in either language of
// an interpreted interview: also is the question in the other, or nil), a state word, a number,
// or words. It returns a message when the text cannot be read.
func parseAnswer(c *phrases.Catalog, q, also *screening.Question, lang, text string) (screening.Answer, string) {
	w := &c.Interview
	if st, ok := stateWord(text); ok {
		return screening.Answer{State: st}, ""
	}
	if text == "" {
		return screening.Answer{}, w.PleaseAnswer
	}
	a := screening.Answer{State: screening.StateAnswered}
	switch q.Type {
	case screening.TypeYesNo:
		words, _ := phrases.For(lang)
		switch {
		case text == "1" || isYes(text) || key(text) == key(words.Answers.Yes):
			a.Text = "yes"
		case text == "2" || isNo(text) || key(text) == key(words.Answers.No):
			a.Text = "no"
		default:
			return a, fmt.Sprintf(w.NotYesNo, text)
		}
	case screening.TypeSingle:
		v, problem := matchOption(w, q, also, text)
		if problem != "" {
			return a, problem
		}
		a.Text = v
	case screening.TypeMulti:
		a.Choices = []string{}
		words, _ := phrases.For(lang)
		if k := key(text); k == "none" || k == "ninguna" || k == key(words.Answers.None) {
			return a, ""
		}
		if v, problem := matchOption(w, q, also, text); problem == "" {
			a.Choices = append(a.Choices, v) // one label, commas and all
			return a, ""
		}
		for _, part := range strings.Split(text, ",") {
			part = strings.TrimSpace(part)
			if k := key(part); k == "none" || k == "ninguna" || k == key(words.Answers.None) {
				return a, w.NoneGoesAlone
			}
			v, problem := matchOption(w, q, also, part)
			if problem != "" {
				return a, problem
			}
			a.Choices = append(a.Choices, v)
		}
	case screening.TypeDateTime:
		return typedValue(w, q, text)
	default:
		a.Text = text
	}
	return a, ""
}

// matchOption finds the option typed: by its number; by its value or its label, whole, in
// either language of an interpreted interview; or by words that stand, in that order, in one
// option's label or value alone ("kinship" for "With a relative, in kinship care", "hogar de
// crianza" for "En un hogar de crianza"). Case, accents and punctuation do not matter. Words that
// stand in several options choose none: the message lists them, to be chosen by number.
func matchOption(w *phrases.Interview, q, also *screening.Question, s string) (string, string) {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 1 && n <= len(q.Options) {
		return q.Options[n-1].Value, ""
	}
	typed := matchWords(s)
	if len(typed) == 0 {
		return "", fmt.Sprintf(w.NotAChoice, s)
	}
	names := func(i int) []string {
		out := []string{q.Options[i].Value, q.Options[i].Label}
		if also != nil && i < len(also.Options) {
			out = append(out, also.Options[i].Label)
		}
		return out
	}
	var within []int
	for i := range q.Options {
		whole, part := false, false
		for _, name := range names(i) {
			words := matchWords(name)
			whole = whole || slices.Equal(words, typed)
			part = part || containsRun(words, typed)
		}
		if whole {
			return q.Options[i].Value, ""
		}
		if part {
			within = append(within, i)
		}
	}
	switch len(within) {
	case 0:
		return "", fmt.Sprintf(w.NotAChoice, s)
	case 1:
		return q.Options[within[0]].Value, ""
	}
	listed := make([]string, len(within))
	for k, i := range within {
		listed[k] = strconv.Itoa(i+1) + ". " + q.Options[i].Label
	}
	return "", fmt.Sprintf(w.SeveralChoices, s, strings.Join(listed, "; "))
}

// matchWords are the words of a name or of what was typed, as they are compared: folded (no
// case, no accents), split at anything that is not a letter or a digit.
func matchWords(s string) []string {
	return strings.FieldsFunc(screening.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsRun reports whether run stands in words, in order and together.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// recordedLine says what was recorded, and whether it is saved, truthfully. An answer that
// ends a sentence of its own keeps its stop, and the phrase adds none: "weekends.", not
// "weekends..".
func recordedLine(w *phrases.Interview, s interview.Status) string {
	format := w.RecordedOnly
	switch {
	case s.Kept:
		format = w.Kept
	case !s.Save.Enabled:
		format = w.Recorded
	case s.Save.Saved():
		format = w.RecordedSaved
	}
	line := fmt.Sprintf(format, s.Recorded)
	if strings.HasSuffix(s.Recorded, ".") || strings.HasSuffix(s.Recorded, "?") || strings.HasSuffix(s.Recorded, "!") {
		line = strings.Replace(line, s.Recorded+".", s.Recorded, 1)
	}
	return line
}
