package ask

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// The screens of the terminal interface. Each handles its keys synchronously, in the program's
// event loop: nothing a screen does waits for a message to come round, so the key that ends it
// is the last it sees.

// answerScreen is a screen that asks a question.
type answerScreen interface {
	screen
	reply() interview.Reply
}

// span is the lines of a screen's body to keep in view: the cursor's row, all of it.
type span struct{ from, to int }

var noFocus = span{-1, -1}

// choice is one line of a list to choose from.
type choice struct {
	label     string
	value     string
	state     screening.State // for "prefers not to say", "doesn't know" and "skip"
	exclusive bool            // chosen alone: "none of these" and the states
}

// list is a list of choices with a cursor, chosen by arrows or by number.
type list struct {
	items  []choice
	cursor int // -1 until the worker moves: Enter alone never records an answer
	ticked []bool
	multi  bool
}

func (l *list) move(to int) {
	l.cursor = max(0, min(to, len(l.items)-1))
}

// key moves the cursor (by one, by a page, to an end), picks by number, or ticks; it reports
// whether it used the key.
func (l *list) key(k string, page int) bool {
	switch k {
	case "up", "shift+tab":
		if l.cursor < 0 {
			l.move(0)
		} else {
			l.move(l.cursor - 1)
		}
	case "down", "tab":
		l.move(l.cursor + 1)
	case "pgup":
		l.move(l.cursor - max(1, page))
	case "pgdown":
		l.move(l.cursor + max(1, page))
	case "home":
		l.move(0)
	case "end":
		l.move(len(l.items) - 1)
	case "space", "x":
		if !l.multi || l.cursor < 0 {
			return false
		}
		l.tick(l.cursor)
	default:
		n, err := strconv.Atoi(k)
		if err != nil || len(k) != 1 || n < 1 || n > min(9, len(l.items)) {
			return false
		}
		l.move(n - 1)
		if l.multi {
			l.tick(n - 1)
		}
	}
	return true
}

// tick ticks or unticks a choice. "None of these" and the states go alone: ticking one unticks
// the rest, and ticking an option unticks them.
func (l *list) tick(i int) {
	l.ticked[i] = !l.ticked[i]
	if !l.ticked[i] {
		return
	}
	for j := range l.items {
		if j != i && (l.items[i].exclusive || l.items[j].exclusive) {
			l.ticked[j] = false
		}
	}
}

func (l *list) picked() []int {
	var out []int
	for i, t := range l.ticked {
		if t {
			out = append(out, i)
		}
	}
	return out
}

// lines draws the list: the cursor, the number to press (for the first nine), the tick, the
// label wrapped under itself.
func (l *list) lines(lk *look, width int) (out []string, focus span) {
	focus = noFocus
	for i, it := range l.items {
		num := "   "
		if i < 9 {
			num = fmt.Sprintf("%d. ", i+1)
		}
		mark := ""
		if l.multi {
			mark = "[ ] "
			if l.ticked[i] {
				mark = "[x] "
			}
		}
		pointer := "  "
		style := lk.strong
		if i == l.cursor {
			pointer, style = "> ", lk.cursor
			focus.from = len(out)
		} else if it.state != "" {
			style = lk.muted
		}
		out = append(out, hanging(style, pointer+num+mark, screening.Printable(it.label), width)...)
		if i == l.cursor {
			focus.to = len(out) - 1
		}
	}
	return out, focus
}

// unnumbered are the list's lines without numbers: under a typed line, where a digit is part
// of the answer, never a choice.
func (l *list) unnumbered(lk *look, width int) (out []string, focus span) {
	focus = noFocus
	for i, it := range l.items {
		pointer, style := "  ", lk.muted
		if i == l.cursor {
			pointer, style = "> ", lk.cursor
			focus.from = len(out)
		}
		out = append(out, hanging(style, pointer, screening.Printable(it.label), width)...)
		if i == l.cursor {
			focus.to = len(out) - 1
		}
	}
	return out, focus
}

// hanging wraps text after a lead, and indents the lines after the first under the text.
func hanging(style lookStyle, lead, text string, width int) []string {
	indent := strings.Repeat(" ", displayWidth(lead))
	body := wrap(style, text, max(10, width-len(indent)))
	for j := range body {
		if j == 0 {
			body[j] = style.Render(lead) + body[j]
		} else {
			body[j] = indent + body[j]
		}
	}
	return body
}

// stateChoices are the answers every question takes besides its own: "prefers not to say"
// (the young person's, so only for what is read aloud), "doesn't know" and "skip".
func stateChoices(w *phrases.Interview, m screening.Mode) []choice {
	var out []choice
	if m.ReadAloud() {
		out = append(out, choice{label: w.Declined, state: screening.StateDeclined, exclusive: true})
	}
	return append(out,
		choice{label: w.DontKnow, state: screening.StateDontKnow, exclusive: true},
		choice{label: w.Skip, state: screening.StateNotAsked, exclusive: true},
	)
}

// questionLines are the top of every question: where it stands, how it is put, the question,
// the guidance for the worker, and the answer it has.
func questionLines(lk *look, w *phrases.Interview, p interview.Prompt, width int) []string {
	q := p.Question
	out := wrap(lk.muted, fmt.Sprintf(w.Position, p.SectionIndex, p.SectionCount, screening.Printable(p.Section.Title), p.N, p.Total), width)
	switch q.Mode {
	case screening.ModeObserve:
		out = append(out, wrap(lk.warn, w.ObserveTitle, width)...)
	case screening.ModeRecord:
		out = append(out, wrap(lk.warn, w.RecordTitle, width)...)
	}
	out = append(out, "")
	out = append(out, wrap(lk.title, screening.Printable(q.Text), width)...)
	if p.Also != nil {
		out = append(out, hanging(lk.muted, "("+p.AlsoLang+") ", screening.Printable(p.Also.Text), width)...)
	}
	if q.Help != "" {
		out = append(out, hanging(lk.muted, w.Guidance+": ", screening.Printable(q.Help), width)...)
	}
	if p.Cue != "" {
		out = append(out, wrap(lk.say, screening.Printable(p.Cue), width)...)
	}
	if p.Current != nil {
		out = append(out, hanging(lk.muted, w.Current+": ", screening.Printable(describeAnswer(w, q, *p.Current, p.Lang)), width)...)
	}
	return append(out, "")
}

// backHint is what Esc does on a question: back to the question before, back to the review, or
// nothing on the first question.
func backHint(w *phrases.Interview, hint string, p interview.Prompt) string {
	switch {
	case p.FromReview:
		return hint + " \u00b7 " + w.KeyBackToReview
	case p.First:
		return hint
	}
	return hint + " \u00b7 " + w.KeyBack
}

// choiceAnswer asks a yes/no, single or multi question from a list.
type choiceAnswer struct {
	w      *phrases.Interview
	p      interview.Prompt
	list   list
	none   int // the index of "none of these" in a multi list
	err    string
	back   bool
	typing bool // letters were typed: a word, which chooses nothing
	// beforeX is the ticks as they were before an x ticked one: if a letter follows, the x was
	// the first letter of a word ("xbox"), and the tick is taken back. nil: the last key was not x.
	beforeX []bool
	answer  screening.Answer
}

func newChoiceAnswer(c *phrases.Catalog, p interview.Prompt) *choiceAnswer {
	q := p.Question
	s := &choiceAnswer{w: &c.Interview, p: p, list: list{cursor: -1, multi: q.Type == screening.TypeMulti}, none: -1}
	words, _ := phrases.For(p.Lang)
	var alsoWords *phrases.Catalog
	if p.Also != nil {
		alsoWords, _ = phrases.For(p.AlsoLang)
	}
	both := func(label, also string) string {
		if p.Also == nil || also == "" || also == label {
			return label
		}
		return label + " / " + also
	}
	switch q.Type {
	case screening.TypeYesNo:
		yes, no := words.Answers.Yes, words.Answers.No
		if alsoWords != nil {
			yes, no = both(yes, alsoWords.Answers.Yes), both(no, alsoWords.Answers.No)
		}
		s.list.items = []choice{{label: yes, value: "yes"}, {label: no, value: "no"}}
	default:
		for i, o := range q.Options {
			label := o.Label
			if p.Also != nil && i < len(p.Also.Options) {
				label = both(label, p.Also.Options[i].Label)
			}
			s.list.items = append(s.list.items, choice{label: label, value: o.Value})
		}
	}
	if s.list.multi {
		none := words.Answers.None
		if alsoWords != nil {
			none = both(none, alsoWords.Answers.None)
		}
		s.none = len(s.list.items)
		s.list.items = append(s.list.items, choice{label: none, exclusive: true})
	}
	s.list.items = append(s.list.items, stateChoices(s.w, q.Mode)...)
	s.list.ticked = make([]bool, len(s.list.items))
	if p.Current != nil {
		s.start(*p.Current)
	}
	if s.list.multi && s.list.cursor < 0 {
		s.list.cursor = 0 // ticking needs a place to tick
	}
	return s
}

// start puts the cursor (and the ticks) on the answer being changed.
func (s *choiceAnswer) start(a screening.Answer) {
	for i, it := range s.list.items {
		switch {
		case it.state != "":
			if a.State == it.state {
				s.list.cursor, s.list.ticked[i] = i, true
			}
		case !a.IsAnswered():
		case s.list.multi && i == s.none:
			if len(a.Choices) == 0 {
				s.list.cursor, s.list.ticked[i] = i, true
			}
		case s.list.multi:
			for _, c := range a.Choices {
				if c == it.value {
					s.list.ticked[i] = true
					if s.list.cursor < 0 {
						s.list.cursor = i
					}
				}
			}
		case a.Text == it.value:
			s.list.cursor = i
		}
	}
}

func (s *choiceAnswer) handle(msg tea.Msg, page int) (bool, scrollBy) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, 0 // a paste means nothing in a list
	}
	key := k.String()
	switch key {
	case "esc":
		if s.p.First {
			s.err = s.w.NothingBefore
			return false, 0
		}
		s.back = true
		return true, 0
	case "enter":
		if s.typing {
			// Enter after a word ends the word, not the question: nothing is recorded.
			s.typing, s.err = false, ""
			return false, 0
		}
		return s.enter(), 0
	}
	if s.typing && k.Text != "" {
		// Part of the word: a space, an x or a digit in it ("group home", "sex", "taxi 2")
		// ticks and chooses nothing. Enter or an arrow ends the word.
		return false, 0
	}
	beforeX := s.beforeX
	s.beforeX = nil
	if key == "x" && s.list.multi {
		beforeX = slices.Clone(s.list.ticked)
	}
	if s.list.key(key, page) {
		s.err, s.typing = "", false
		if key == "x" {
			s.beforeX = beforeX
		}
		return false, 0
	}
	if k.Text != "" {
		// A word typed here ("skip", "group home") is what plain mode takes: here it chooses
		// nothing, and takes back a choice not yet recorded, so Enter after it records nothing.
		s.err = s.w.LettersChooseNothing
		if s.list.multi {
			s.err = s.w.LettersTickNothing
			if beforeX != nil {
				s.list.ticked = beforeX // the x before this letter began the word
			}
		} else {
			s.list.cursor = -1
		}
		s.typing = true
	}
	return false, 0
}

func (s *choiceAnswer) enter() bool {
	if !s.list.multi {
		if s.list.cursor < 0 {
			s.err = s.w.ChooseFirst
			return false
		}
		it := s.list.items[s.list.cursor]
		if it.state != "" {
			s.answer = screening.Answer{State: it.state}
		} else {
			s.answer = screening.Answered(it.value)
		}
		return true
	}
	picked := s.list.picked()
	if len(picked) == 0 && s.list.cursor >= 0 && s.list.items[s.list.cursor].exclusive {
		picked = []int{s.list.cursor} // Enter on "none of these" or a state takes it
	}
	if len(picked) == 0 {
		s.err = s.w.NothingTicked
		return false
	}
	first := s.list.items[picked[0]]
	switch {
	case first.state != "":
		s.answer = screening.Answer{State: first.state}
	case picked[0] == s.none:
		s.answer = screening.Answer{State: screening.StateAnswered, Choices: []string{}}
	default:
		s.answer = screening.Answer{State: screening.StateAnswered}
		for _, i := range picked {
			s.answer.Choices = append(s.answer.Choices, s.list.items[i].value)
		}
	}
	return true
}

func (s *choiceAnswer) body(lk *look, width int) ([]string, span) {
	out := questionLines(lk, s.w, s.p, width)
	items, focus := s.list.lines(lk, width)
	if focus.from >= 0 {
		focus = span{focus.from + len(out), focus.to + len(out)}
	}
	out = append(out, items...)
	if s.err != "" {
		out = append(out, "")
		out = append(out, wrap(lk.alarm, s.err, width)...)
		focus = span{len(out) - 1, len(out) - 1}
	}
	return out, focus
}

func (s *choiceAnswer) keys(w *phrases.Interview, _ bool) string {
	n := min(len(s.list.items), 9)
	hint := fmt.Sprintf(w.KeysChoose, n)
	if s.list.multi {
		hint = fmt.Sprintf(w.KeysMulti, n)
	}
	return backHint(w, hint, s.p)
}

func (s *choiceAnswer) reply() interview.Reply {
	if s.back {
		return interview.Back()
	}
	return interview.Answer(s.answer)
}

// typedAnswer asks for a number or words. The answers that are not words (prefers not to say,
// doesn't know, skip) are listed under the line, always in view, and reached with the arrows:
// Enter on an empty line records nothing and opens nothing, and whatever is typed goes to the
// line, so keys typed ahead (digits after a stray Enter) can never choose one of them.
type typedAnswer struct {
	w      *phrases.Interview
	p      interview.Prompt
	input  textinput.Model
	states list // cursor -1: the line has the keys
	err    string
	back   bool
	answer screening.Answer
}

func newTypedAnswer(c *phrases.Catalog, p interview.Prompt) *typedAnswer {
	s := &typedAnswer{w: &c.Interview, p: p, input: newInput()}
	if a := p.Current; a != nil && a.IsAnswered() {
		s.input.SetValue(describeValue(p.Question, *a))
		s.input.CursorEnd()
	}
	s.states = list{cursor: -1, items: stateChoices(s.w, p.Question.Mode)}
	s.states.ticked = make([]bool, len(s.states.items))
	if a := p.Current; a != nil && !a.IsAnswered() {
		for i, it := range s.states.items {
			if it.state == a.State {
				s.states.cursor = i
			}
		}
	}
	return s
}

// newInput is a one-line text input that never reads the clipboard by itself: what goes in is
// what the worker types or pastes.
func newInput() textinput.Model {
	in := textinput.New()
	in.Prompt = "> "
	in.KeyMap.Paste.SetEnabled(false)
	st := textinput.DefaultStyles(true)
	st.Cursor.Blink = false // a blink would need a timer going round the event loop
	in.SetStyles(st)
	in.Focus()
	return in
}

func (s *typedAnswer) handle(msg tea.Msg, page int) (bool, scrollBy) {
	k, isKey := msg.(tea.KeyPressMsg)
	inList := s.states.cursor >= 0
	if isKey {
		switch k.String() {
		case "esc":
			if s.p.First {
				s.err = s.w.NothingBefore
				return false, 0
			}
			s.back = true
			return true, 0
		case "enter":
			if inList {
				s.answer = screening.Answer{State: s.states.items[s.states.cursor].state}
				return true, 0
			}
			text := strings.TrimSpace(s.input.Value())
			if text == "" {
				s.err = s.w.NoAnswerTyped
				return false, 0
			}
			a, problem := typedValue(s.w, s.p.Question, text)
			if problem != "" {
				s.err = problem
				return false, 0
			}
			s.answer = a
			return true, 0
		case "down", "tab":
			s.err = ""
			if !inList {
				s.states.cursor = 0
				return false, 0
			}
			s.states.key("down", page)
			return false, 0
		case "up", "shift+tab":
			s.err = ""
			if inList {
				if s.states.cursor == 0 {
					s.states.cursor = -1 // back to the line
				} else {
					s.states.key("up", page)
				}
			}
			return false, 0
		}
	}
	// Anything else is for the line: typing there leaves the list.
	s.err = ""
	s.states.cursor = -1
	s.input.Focus()
	s.input, _ = s.input.Update(msg)
	return false, 0
}

func (s *typedAnswer) body(lk *look, width int) ([]string, span) {
	out := questionLines(lk, s.w, s.p, width)
	hint := s.w.TypeText
	if !s.p.Question.Mode.ReadAloud() {
		hint = s.w.TypeTextRecord
	}
	switch s.p.Question.Type {
	case screening.TypeNumber:
		hint = fmt.Sprintf(s.w.TypeNumber, numberHint(s.w, s.p.Question))
	case screening.TypeDateTime:
		hint = dateTimeHint(s.w)
	}
	out = append(out, wrap(lk.muted, hint, width)...)
	s.input.SetWidth(max(10, width-3))
	if s.states.cursor >= 0 {
		s.input.Blur()
	} else {
		s.input.Focus()
	}
	out = append(out, s.input.View())
	focus := span{len(out) - 1, len(out) - 1}
	out = append(out, "")
	out = append(out, wrap(lk.muted, s.w.OrChooseBelow, width)...)
	items, f := s.states.unnumbered(lk, width)
	if f.from >= 0 {
		focus = span{f.from + len(out), f.to + len(out)}
	}
	out = append(out, items...)
	if s.err != "" {
		out = append(out, "")
		out = append(out, wrap(lk.alarm, s.err, width)...)
		focus = span{len(out) - 1, len(out) - 1}
	}
	return out, focus
}

func (s *typedAnswer) keys(w *phrases.Interview, _ bool) string {
	return backHint(w, w.KeysTyped, s.p)
}

func (s *typedAnswer) reply() interview.Reply {
	if s.back {
		return interview.Back()
	}
	return interview.Answer(s.answer)
}

// pager shows text to read; the arrows and space scroll it, Enter goes on.
type pager struct {
	w      *phrases.Interview
	title  string
	mark   string // for the worker only, never read aloud
	lines  []interview.Line
	guards bool
}

func newPager(c *phrases.Catalog, s interview.Screen) *pager {
	p := &pager{w: &c.Interview, title: s.Title, lines: s.Lines}
	switch s.Kind {
	case interview.ScreenGuidance:
		p.mark, p.guards = c.Interview.ForYouOnly, true
	case interview.ScreenResumed, interview.ScreenClosing:
		p.guards = true // said to the young person: never passed on keys typed before it
	}
	return p
}

// guarded: a section's guidance, where a resumed interview stands, or the closing is not for
// keys typed before it was drawn; they wait for the next question.
func (p *pager) guarded() bool { return p.guards }

// ownsEnterTypedAhead: a guarded page comes in the interview's order (a section's guidance, the
// closing, where a resumed interview stands), so a worker who knows the order may have typed an
// Enter for it before it was drawn. Such an Enter, first among the keys held, was this page's:
// the worker has pressed Enter again once it could be read, so it is not passed on, where it
// would answer the next screen (saving a note empty) and put every key after it one screen out.
func (p *pager) ownsEnterTypedAhead() bool { return p.guards }

func (p *pager) handle(msg tea.Msg, _ int) (bool, scrollBy) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, 0
	}
	switch k.String() {
	case "enter":
		return true, 0
	case "down", "j":
		return false, 1
	case "up", "k":
		return false, -1
	case "space", "pgdown":
		return false, pageDown
	case "pgup":
		return false, pageUp
	case "home", "g":
		return false, -1 << 30
	case "end", "G":
		return false, 1 << 30
	}
	return false, 0
}

func (p *pager) body(lk *look, width int) ([]string, span) {
	var out []string
	if p.mark != "" {
		out = append(out, wrap(lk.warn, p.mark, width)...)
	}
	out = append(out, wrap(lk.title, screening.Printable(p.title), width)...)
	out = append(out, "")
	return append(out, stepLines(lk, p.w, p.lines, width)...), noFocus
}

func (p *pager) keys(w *phrases.Interview, scrollable bool) string {
	if scrollable {
		return w.KeysRead
	}
	return w.KeysGoOn
}

// stepLines are lines to say and to do, each set apart, wrapped under their text.
func stepLines(lk *look, w *phrases.Interview, lines []interview.Line, width int) []string {
	var out []string
	for i, l := range lines {
		if i > 0 {
			out = append(out, "")
		}
		switch l.Kind {
		case screening.StepSay:
			lead := w.Say + ": "
			out = append(out, hanging(lk.say, lead, "\u201c"+screening.Printable(l.Text)+"\u201d", width)...)
			if l.Also != "" {
				out = append(out, hanging(lk.muted, strings.Repeat(" ", displayWidth(lead)), "\u201c"+screening.Printable(l.Also)+"\u201d", width)...)
			}
		case screening.StepDo:
			out = append(out, hanging(lk.do, w.Do+": ", screening.Printable(l.Text), width)...)
		default:
			out = append(out, wrap(lk.strong, screening.Printable(l.Text), width)...)
		}
	}
	return out
}

// interruptScreen shows what must be done now, and asks whether to end the screening here, go
// on, or go back to change the answer that brought it up.
type interruptScreen struct {
	w    *phrases.Interview
	i    interview.Interrupt
	list list
	back bool
	err  string
}

// newInterruptScreen chooses nothing for the worker, except after a disclosure, where stopping
// is what the guidance says: whether to go on after a 911 call, a crisis line or a child under
// 11 is the worker's call, made on purpose.
func newInterruptScreen(c *phrases.Catalog, i interview.Interrupt) *interruptScreen {
	s := &interruptScreen{w: &c.Interview, i: i, list: list{items: []choice{{label: c.Interview.EndNow}, {label: c.Interview.GoOn}}}}
	s.list.ticked = make([]bool, 2)
	s.list.cursor = -1
	if i.EndByDefault {
		s.list.cursor = 0
	}
	return s
}

// guarded: an interrupt comes when it is not expected, so keys typed ahead were not meant for
// it. They wait for the next question, and the worker answers this one after reading it.
func (s *interruptScreen) guarded() bool { return true }

func (s *interruptScreen) handle(msg tea.Msg, page int) (bool, scrollBy) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, 0
	}
	switch k.String() {
	case "enter":
		if s.list.cursor < 0 {
			s.err = s.w.ChooseFirst
			return false, 0
		}
		return true, 0
	case "esc":
		if s.i.CanGoBack {
			s.back = true
			return true, 0
		}
	case "space", "pgdown":
		return false, pageDown
	case "pgup":
		return false, pageUp
	default:
		if s.list.key(k.String(), page) {
			s.err = ""
		}
	}
	return false, 0
}

func (s *interruptScreen) body(lk *look, width int) ([]string, span) {
	out := wrap(lk.warn, s.w.ForYouOnly, width)
	out = append(out, wrap(lk.alarm, screening.Printable(s.i.Title), width)...)
	out = append(out, "")
	out = append(out, stepLines(lk, s.w, s.i.Lines, width)...)
	out = append(out, "")
	items, focus := s.list.lines(lk, width)
	if focus.from >= 0 {
		focus = span{focus.from + len(out), focus.to + len(out)}
	}
	out = append(out, items...)
	if s.err != "" {
		out = append(out, "")
		out = append(out, wrap(lk.alarm, s.err, width)...)
		focus = span{len(out) - 1, len(out) - 1}
	}
	return out, focus
}

func (s *interruptScreen) keys(w *phrases.Interview, _ bool) string {
	if s.i.CanGoBack {
		return w.KeysInterrupt + " \u00b7 " + w.KeyBackToAnswer
	}
	return w.KeysInterrupt
}

// dropsTypedAhead: keys typed before this screen were meant for the question after it; if the
// interview does not go on to it (it ends here, or goes back to change an answer), they are not
// given to whatever comes instead (the answer being changed, a note).
func (s *interruptScreen) dropsTypedAhead() bool {
	return s.i.Reminder || s.choice() != interview.GoOn
}

func (s *interruptScreen) choice() interview.InterruptChoice {
	switch {
	case s.back:
		return interview.GoBack
	case s.list.cursor == 0:
		return interview.End
	}
	return interview.GoOn
}

// textScreen asks for a line the worker writes (a note, a label), starting from what it says.
type textScreen struct {
	w       *phrases.Interview
	n       interview.TextPrompt
	input   textinput.Model
	current string
	err     string
}

func newTextScreen(c *phrases.Catalog, n interview.TextPrompt) *textScreen {
	s := &textScreen{w: &c.Interview, n: n, input: newInput(), current: n.Current}
	s.input.SetValue(n.Current)
	s.input.CursorEnd()
	return s
}

func (s *textScreen) handle(msg tea.Msg, _ int) (bool, scrollBy) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			text := strings.TrimSpace(s.input.Value())
			if s.n.Check != nil {
				if s.err = s.n.Check(text); s.err != "" {
					return false, 0
				}
			}
			s.current = text
			return true, 0
		case "esc":
			return true, 0 // it stays as it was
		}
	}
	s.err = ""
	s.input, _ = s.input.Update(msg)
	return false, 0
}

func (s *textScreen) body(lk *look, width int) ([]string, span) {
	out := wrap(lk.title, screening.Printable(s.n.Title), width)
	out = append(out, wrap(lk.muted, s.n.Help, width)...)
	out = append(out, "")
	s.input.SetWidth(max(10, width-3))
	out = append(out, s.input.View())
	focus := span{len(out) - 1, len(out) - 1}
	if s.err != "" {
		out = append(out, "")
		out = append(out, wrap(lk.alarm, s.err, width)...)
		focus.to = len(out) - 1
	}
	return out, focus
}

func (s *textScreen) keys(w *phrases.Interview, _ bool) string { return w.KeysText }

func (s *textScreen) text() string { return s.current }

// reviewScreen lists every answer and note under its section; choosing one changes it.
type reviewScreen struct {
	w      *phrases.Interview
	rows   []interview.ReviewRow
	cursor int // -1: "finish"
}

func newReviewScreen(c *phrases.Catalog, r interview.Review) *reviewScreen {
	s := &reviewScreen{w: &c.Interview, rows: r.Rows, cursor: -1}
	if r.Focus >= 0 && r.Focus < len(r.Rows) {
		s.cursor = r.Focus
	}
	return s
}

func (s *reviewScreen) handle(msg tea.Msg, page int) (bool, scrollBy) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, 0
	}
	// The cursor moves, by rows: a page key never scrolls the chosen row out of sight.
	page = max(1, page/2)
	switch k.String() {
	case "enter":
		return true, 0
	case "up", "k", "shift+tab":
		s.cursor = max(-1, s.cursor-1)
	case "down", "j", "tab":
		s.cursor = min(len(s.rows)-1, s.cursor+1)
	case "pgup":
		s.cursor = max(-1, s.cursor-page)
	case "pgdown", "space":
		s.cursor = min(len(s.rows)-1, s.cursor+page)
	case "home", "g":
		s.cursor = -1
	case "end", "G":
		s.cursor = len(s.rows) - 1
	}
	return false, 0
}

func (s *reviewScreen) body(lk *look, width int) ([]string, span) {
	out := wrap(lk.title, s.w.ReviewTitle, width)
	out = append(out, wrap(lk.muted, s.w.ReviewHelp, width)...)
	out = append(out, "")
	focus := noFocus
	row := func(i int, text string) {
		pointer, style := "  ", lk.plain
		if i == s.cursor {
			pointer, style = "> ", lk.cursor
			focus.from = len(out)
		}
		out = append(out, hanging(style, pointer, text, width)...)
		if i == s.cursor {
			focus.to = len(out) - 1
		}
	}
	row(-1, s.w.ReviewFinish)
	section := ""
	for i, r := range s.rows {
		if r.Section != section {
			section = r.Section
			out = append(out, "")
			out = append(out, wrap(lk.title, screening.Printable(section), width)...)
		}
		text := screening.Printable(r.Text) + " \u2014 " + screening.Printable(r.Answer)
		if r.Kind == interview.RowNote {
			text = s.w.NoteLabel + ": " + screening.Printable(r.Answer)
			if r.Answer == "" {
				text = s.w.NoNote
			}
		}
		row(i, text)
	}
	return out, focus
}

func (s *reviewScreen) keys(w *phrases.Interview, _ bool) string { return w.KeysReview }

func (s *reviewScreen) chosen() int { return s.cursor }
