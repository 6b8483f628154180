package ask

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/screening"
)

func press(k rune) tea.KeyPressMsg {
	if k >= 0x20 && k < 0x7f {
		return tea.KeyPressMsg{Code: k, Text: string(k)}
	}
	return tea.KeyPressMsg{Code: k}
}

var (
	enter = press(tea.KeyEnter)
	down  = press(tea.KeyDown)
	esc   = press(tea.KeyEscape)
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
)

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, press(r))
	}
	return out
}

// hostFor is a terminal host of a size, as the program would make it.
func hostFor(t *testing.T) *host {
	t.Helper()
	h := &host{look: newLook(TUIOptions{}), w: &words("en").Interview}
	h.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

// showing puts a screen up on the host and returns what it reported when it was done ("" if
// it is still up).
func showing(h *host, s screen) (string, chan error) {
	done := make(chan error, 1)
	h.Update(showMsg{screen: s, done: done})
	select {
	case err := <-done:
		if err != nil {
			return "error: " + err.Error(), done
		}
		return "done", done
	default:
		return "", done
	}
}

// Keys typed while no screen is up wait, in order, for the next screens: each screen takes keys
// until one ends it, and leaves the rest for the one after. Nothing typed ahead is applied to an
// answer already given, or lost.
func TestKeysTypedAheadGoToTheScreensInOrder(t *testing.T) {
	h := hostFor(t)
	burst := []tea.Msg{press('2'), enter, press('1'), enter, tea.PasteMsg{Content: "Shelter"}, enter}
	burst = append(burst, typed("English")...)
	burst = append(burst, enter, down, down, down, enter, press('x'))
	for _, k := range burst {
		h.Update(k) // no screen is up: all are held
	}
	yn := func() *choiceAnswer { return newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo))) }
	first, second := yn(), yn()
	text1 := newTypedAnswer(words("en"), prompt(question(screening.TypeText)))
	text2 := newTypedAnswer(words("en"), prompt(question(screening.TypeText)))
	single := newChoiceAnswer(words("en"), prompt(question(screening.TypeSingle)))
	for i, s := range []answerScreen{first, second, text1, text2, single} {
		if got, _ := showing(h, s); got != "done" {
			t.Fatalf("screen %d: %q, want done", i, got)
		}
	}
	got := []string{first.reply().Answer.Text, second.reply().Answer.Text, text1.reply().Answer.Text, text2.reply().Answer.Text, single.reply().Answer.Text}
	want := []string{"no", "yes", "Shelter", "English", "foster-home"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("answers %q, want %q", got, want)
	}
	if len(h.queue) != 1 || h.queue[0] != tea.Msg(press('x')) {
		t.Errorf("the key typed after the last Enter is not kept for the next screen: %v", h.queue)
	}
}

// Enter alone never records an answer: the list starts with no choice made.
func TestEnterAloneRecordsNothing(t *testing.T) {
	h := hostFor(t)
	s := newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo)))
	showing(h, s)
	h.Update(enter)
	if s.err == "" || h.screen == nil {
		t.Fatalf("Enter with no choice was taken: %+v", s.reply())
	}
	if !strings.Contains(h.render(), "Choose an answer first") {
		t.Errorf("no word of why:\n%s", h.render())
	}
	h.Update(down)
	h.Update(enter)
	if h.screen != nil || s.reply().Answer.Text != "yes" {
		t.Errorf("down, enter: %+v", s.reply())
	}
}

// Ctrl-C stops at once, even with keys queued and no screen up.
func TestCtrlCStopsAtOnce(t *testing.T) {
	h := hostFor(t)
	h.Update(press('1'))
	h.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	got, _ := showing(h, newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo))))
	if got != "error: "+ErrAborted.Error() {
		t.Errorf("after Ctrl-C: %q", got)
	}
}

// In a list that takes several, "none of these" and the states go alone.
func TestTicking(t *testing.T) {
	h := hostFor(t)
	s := newChoiceAnswer(words("en"), prompt(question(screening.TypeMulti)))
	showing(h, s)
	for _, k := range []tea.Msg{press('1'), press('3'), press('4'), press('2'), enter} { // 4 is "none of these"
		h.Update(k)
	}
	if r := s.reply(); strings.Join(r.Answer.Choices, ",") != "hotel" {
		t.Errorf("ticked 1, 3, none, 2: %+v", r)
	}
	s = newChoiceAnswer(words("en"), prompt(question(screening.TypeMulti)))
	showing(h, s)
	for _, k := range []tea.Msg{press('1'), press('5'), enter} { // 5 is "prefers not to say"
		h.Update(k)
	}
	if r := s.reply(); r.Answer.State != screening.StateDeclined {
		t.Errorf("ticked 1 then prefers not to say: %+v", r)
	}
	s = newChoiceAnswer(words("en"), prompt(question(screening.TypeMulti)))
	showing(h, s)
	h.Update(enter)
	if h.screen == nil || !strings.Contains(h.render(), "Nothing is ticked") {
		t.Errorf("Enter with nothing ticked was taken: %+v", s.reply())
	}
	h.Update(space)
	h.Update(enter)
	if r := s.reply(); strings.Join(r.Answer.Choices, ",") != "friend" {
		t.Errorf("space on the first, enter: %+v", r)
	}
}

// Esc goes back, except from the first question; the states are below a typed answer's line.
func TestBackAndStates(t *testing.T) {
	h := hostFor(t)
	p := prompt(question(screening.TypeText))
	p.First = true
	s := newTypedAnswer(words("en"), p)
	showing(h, s)
	h.Update(esc)
	if h.screen == nil || !strings.Contains(h.render(), "first question") {
		t.Fatalf("back from the first question was taken")
	}
	h.Update(enter) // empty: nothing is recorded
	if h.screen == nil {
		t.Fatalf("Enter on an empty line was taken: %+v", s.reply())
	}
	h.Update(down) // the states are below the line
	h.Update(down)
	h.Update(enter)
	if r := s.reply(); r.Answer.State != screening.StateDontKnow {
		t.Errorf("empty, down, down, enter: %+v", r)
	}
	s2 := newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo)))
	showing(h, s2)
	h.Update(esc)
	if !s2.reply().Back {
		t.Errorf("esc: %+v", s2.reply())
	}
}

// The opening scrolls with the arrows and space; only Enter goes on.
func TestPagerScrolls(t *testing.T) {
	h := hostFor(t)
	var lines []interview.Line
	for range 30 {
		lines = append(lines, interview.Line{Kind: screening.StepDo, Text: "A line of guidance for the worker."})
	}
	p := newPager(words("en"), interview.Screen{Title: "Before you begin", Lines: lines})
	showing(h, p)
	if !strings.Contains(h.render(), "more below") {
		t.Fatalf("no word of more below:\n%s", h.render())
	}
	for _, k := range []tea.Msg{down, space, press(tea.KeyPgDown)} {
		before := h.offset
		h.Update(k)
		if h.screen == nil || h.offset <= before {
			t.Fatalf("%v: offset %d -> %d, screen up %v", k, before, h.offset, h.screen != nil)
		}
	}
	if lines := strings.Count(h.render(), "\n") + 1; lines > 24 {
		t.Errorf("%d lines on a 24-line terminal", lines)
	}
	h.Update(enter)
	if h.screen != nil {
		t.Error("Enter did not go on")
	}
}

// The review starts on the row just changed.
func TestReviewStartsOnTheRowChanged(t *testing.T) {
	h := hostFor(t)
	rows := []interview.ReviewRow{
		{Kind: interview.RowAnswer, Section: "S", QuestionID: "a", Text: "First?", Answer: "Yes"},
		{Kind: interview.RowAnswer, Section: "S", QuestionID: "b", Text: "Second?", Answer: "No"},
	}
	r := newReviewScreen(words("en"), interview.Review{Rows: rows, Focus: 1})
	showing(h, r)
	h.Update(enter)
	if r.chosen() != 1 {
		t.Errorf("chosen %d, want 1", r.chosen())
	}
}

// An interrupt is not for keys typed before it was drawn, or in the moment after: they were
// meant for the next question, and wait for it. The interrupt takes the keys pressed once it
// could be read.
func TestGuardedScreensLeaveKeysTypedAhead(t *testing.T) {
	h := hostFor(t)
	clock := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	h.now = func() time.Time { return clock }
	h.Update(press('2')) // typed ahead, meant for the next question
	h.Update(enter)
	stop := newInterruptScreen(words("en"), interview.Interrupt{Title: "Stop and refer", EndByDefault: true, CanGoBack: true})
	if got, _ := showing(h, stop); got != "" {
		t.Fatalf("the interrupt took the keys typed before it: %q", got)
	}
	clock = clock.Add(100 * time.Millisecond)
	h.Update(enter) // a reflex, a moment after it was drawn: held too
	if h.screen == nil {
		t.Fatal("a key pressed a moment after the interrupt was drawn ended it")
	}
	clock = clock.Add(time.Second)
	h.Update(press(tea.KeyDown)) // read, then chosen: go on
	h.Update(enter)
	if h.screen != nil || stop.choice() != interview.GoOn {
		t.Fatalf("after reading: screen up %v, choice %v", h.screen != nil, stop.choice())
	}
	next := newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo)))
	if got, _ := showing(h, next); got != "done" {
		t.Fatalf("the next question did not get the keys typed ahead: %q", got)
	}
	if next.reply().Answer.Text != "no" {
		t.Errorf("next question: %+v", next.reply())
	}
	if len(h.queue) != 1 || h.queue[0] != tea.Msg(enter) {
		t.Errorf("the reflex Enter is not kept for the screen after: %v", h.queue)
	}
}

// Esc on the stop-and-refer screen goes back to change the answer; on the reminder shown when
// a draft is resumed, there is no answer to go back to.
func TestInterruptBack(t *testing.T) {
	h := hostFor(t)
	clock := time.Now()
	h.now = func() time.Time { return clock }
	stop := newInterruptScreen(words("en"), interview.Interrupt{Title: "Stop and refer", CanGoBack: true})
	showing(h, stop)
	clock = clock.Add(time.Second)
	h.Update(esc)
	if h.screen != nil || stop.choice() != interview.GoBack {
		t.Errorf("esc: %v", stop.choice())
	}
	reminder := newInterruptScreen(words("en"), interview.Interrupt{Title: "Stop and refer", EndByDefault: true})
	showing(h, reminder)
	clock = clock.Add(time.Second)
	h.Update(esc)
	if h.screen == nil {
		t.Error("esc ended a reminder that has nothing to go back to")
	}
	if strings.Contains(h.render(), "Esc") {
		t.Errorf("the hint offers Esc:\n%s", h.render())
	}
}

// The page keys move the review's cursor, so Enter never acts on a row out of sight.
func TestReviewPagesMoveTheCursor(t *testing.T) {
	h := hostFor(t)
	var rows []interview.ReviewRow
	for i := range 60 {
		rows = append(rows, interview.ReviewRow{Kind: interview.RowAnswer, Section: "S", QuestionID: fmt.Sprint(i), Text: fmt.Sprintf("Question %d?", i), Answer: "No"})
	}
	r := newReviewScreen(words("en"), interview.Review{Rows: rows, Focus: -1})
	showing(h, r)
	h.Update(press(tea.KeyPgDown))
	h.Update(press(tea.KeyPgDown))
	if r.chosen() < 10 {
		t.Fatalf("two pages down, the cursor is on row %d", r.chosen())
	}
	if !strings.Contains(h.render(), fmt.Sprintf("> Question %d?", r.chosen())) {
		t.Errorf("the chosen row is not on the screen:\n%s", h.render())
	}
}

// A stray Enter on a question that takes typed words or a number records nothing and opens
// nothing: the digits typed after it are the answer, never a choice of "doesn't know". (Typed
// ahead through a section's guidance, "Enter 15 Enter" used to record "Doesn't know" for an age.)
func TestStrayEnterOnATypedQuestionLosesNothing(t *testing.T) {
	h := hostFor(t)
	s := newTypedAnswer(words("en"), prompt(question(screening.TypeNumber)))
	showing(h, s)
	for _, k := range []tea.Msg{enter, press('1'), press('5'), enter} {
		h.Update(k)
	}
	if h.screen != nil {
		t.Fatalf("Enter, 1, 5, Enter: still asking:\n%s", h.render())
	}
	if r := s.reply(); r.Answer.State != screening.StateAnswered || r.Answer.Text != "15" {
		t.Errorf("Enter, 1, 5, Enter recorded %+v, want 15", r.Answer)
	}
}

// The answers that are not words (prefers not to say, doesn't know, skip) are always in view
// below the line, and are chosen with the arrows and Enter: two deliberate keys. Typing goes to
// the line wherever the cursor is.
func TestTypedQuestionStates(t *testing.T) {
	for _, c := range []struct {
		keys []tea.Msg
		want screening.State
		text string
	}{
		{[]tea.Msg{down, enter}, screening.StateDeclined, ""},
		{[]tea.Msg{down, down, enter}, screening.StateDontKnow, ""},
		{[]tea.Msg{down, down, down, enter}, screening.StateNotAsked, ""},
		{[]tea.Msg{down, press('u'), press('p'), enter}, screening.StateAnswered, "up"}, // typing leaves the list
		{[]tea.Msg{down, press(tea.KeyUp), press('x'), enter}, screening.StateAnswered, "x"},
	} {
		h := hostFor(t)
		s := newTypedAnswer(words("en"), prompt(question(screening.TypeText)))
		showing(h, s)
		screen := h.render()
		for _, word := range []string{"Prefers not to say", "Doesn't know", "Skip"} {
			if !strings.Contains(screen, word) {
				t.Errorf("%q is not in view before anything is typed:\n%s", word, screen)
			}
		}
		for _, k := range c.keys {
			h.Update(k)
		}
		if r := s.reply(); h.screen != nil || r.Answer.State != c.want || r.Answer.Text != c.text {
			t.Errorf("keys %v: %+v, want %s %q", c.keys, r.Answer, c.want, c.text)
		}
	}
}

// An interrupt that is not a disclosure has no answer chosen for the worker: Enter alone says
// to choose. Every interrupt opens at its top, where what to do now is written.
func TestInterruptChoosesNothingAndOpensAtTheTop(t *testing.T) {
	h := hostFor(t)
	clock := time.Now()
	h.now = func() time.Time { return clock }
	var lines []interview.Line
	lines = append(lines, interview.Line{Kind: screening.StepDo, Text: "Offer medical care now: the first line of what to do."})
	for i := range 40 {
		lines = append(lines, interview.Line{Text: fmt.Sprintf("More to read, line %d.", i)})
	}
	for _, endByDefault := range []bool{false, true} {
		s := newInterruptScreen(words("en"), interview.Interrupt{Title: "Act now", Lines: lines, EndByDefault: endByDefault, CanGoBack: true})
		showing(h, s)
		if !strings.Contains(h.render(), "the first line of what to do") {
			t.Errorf("end by default %v: the interrupt opens below its first lines:\n%s", endByDefault, h.render())
		}
		clock = clock.Add(time.Second)
		h.Update(enter)
		if endByDefault {
			if h.screen != nil || s.choice() != interview.End {
				t.Errorf("after a disclosure, Enter: %v", s.choice())
			}
			continue
		}
		if h.screen == nil || !strings.Contains(h.render(), "Choose") {
			t.Fatalf("Enter with nothing chosen was taken: %v", s.choice())
		}
		h.Update(press('2'))
		h.Update(enter)
		if h.screen != nil || s.choice() != interview.GoOn {
			t.Errorf("2, Enter: %v", s.choice())
		}
	}
}

// Words typed on a screen of choices choose nothing: "skip", "dont-know" and "group home" are
// what plain mode and answers files take, and on a choice screen their letters must not move the
// cursor (k, g, j and G did, so "skip" then Enter recorded the first choice, "Yes").
func TestWordsTypedOnChoicesChooseNothing(t *testing.T) {
	for _, typ := range []screening.Type{screening.TypeYesNo, screening.TypeSingle, screening.TypeMulti} {
		for _, word := range []string{"skip", "dont-know", "group home", "going", "GG", "sex", "box", "taxi", "xbox", "taxi 2", "taxi2", "max 3 x"} {
			h := hostFor(t)
			s := newChoiceAnswer(words("en"), prompt(question(typ)))
			showing(h, s)
			for _, k := range append(typed(word), enter) {
				h.Update(k)
			}
			if h.screen == nil {
				t.Errorf("%s: %q then Enter recorded %+v", typ, word, s.reply().Answer)
			}
			if slices.Contains(s.list.ticked, true) {
				t.Errorf("%s: %q left a tick: %v", typ, word, s.list.ticked)
			}
		}
	}
	// After a word, the Enter the warning asks for clears it, and ticking works again.
	h0 := hostFor(t)
	m := newChoiceAnswer(words("en"), prompt(question(screening.TypeMulti)))
	showing(h0, m)
	for _, k := range append(typed("taxi"), enter, space) {
		h0.Update(k)
	}
	if !m.list.ticked[0] || m.err != "" {
		t.Errorf("after a word and Enter, Space does not tick (ticks %v, warning %q)", m.list.ticked, m.err)
	}
	// An x alone still ticks, as the hint says.
	h := hostFor(t)
	s := newChoiceAnswer(words("en"), prompt(question(screening.TypeMulti)))
	showing(h, s)
	h.Update(press('x'))
	if !s.list.ticked[0] {
		t.Error("x does not tick")
	}
}

// Keys typed before an interrupt were for the question after it. When the worker ends there, or
// goes back to change the answer that brought it up, that question does not come: the keys are
// not given to what comes instead (the answer being changed, a note), and the next screen says
// they were not used.
func TestTypedAheadIsNotGivenToAnotherQuestion(t *testing.T) {
	for _, c := range []struct {
		name     string
		answer   []tea.Msg // on the interrupt, once read
		reminder bool      // shown again on resuming, where the worker expects it
		dropped  bool
	}{
		{"back to change the answer", []tea.Msg{esc}, false, true},
		{"end here", []tea.Msg{enter}, false, true},
		{"go on", []tea.Msg{down, enter}, false, false},
		{"go on from the reminder on resuming", []tea.Msg{down, enter}, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := hostFor(t)
			clock := time.Now()
			h.now = func() time.Time { return clock }
			stop := newInterruptScreen(words("en"), interview.Interrupt{Title: "Stop and refer", EndByDefault: true, CanGoBack: !c.reminder, Reminder: c.reminder})
			showing(h, stop)
			for _, k := range []tea.Msg{press('2'), enter} { // typed before it could be read
				h.Update(k)
			}
			clock = clock.Add(time.Second)
			for _, k := range c.answer {
				h.Update(k)
			}
			if h.screen != nil {
				t.Fatal("the interrupt is still up")
			}
			next := newChoiceAnswer(words("en"), prompt(question(screening.TypeYesNo)))
			got, _ := showing(h, next)
			if c.dropped {
				if got != "" || next.list.cursor >= 0 {
					t.Errorf("the keys typed ahead reached the next screen: %q, cursor %d", got, next.list.cursor)
				}
				if !strings.Contains(h.render(), "was not used") {
					t.Errorf("the next screen does not say the keys were not used:\n%s", h.render())
				}
			} else if got != "done" || next.reply().Answer.Text != "no" {
				t.Errorf("going on, the next question did not get its keys: %q %+v", got, next.reply().Answer)
			}
		})
	}
}

// A worker who knows the closing comes types an Enter for it, and then the note for the section
// after; all of it in one burst, before the closing is drawn. The closing waits to be read; the
// Enter typed for it is not passed on to the note (which it would save empty, putting the note's
// words on the screen after), and the note gets its words.
func TestEnterTypedForTheClosingIsNotPassedOn(t *testing.T) {
	h := hostFor(t)
	clock := time.Now()
	h.now = func() time.Time { return clock }
	burst := append([]tea.Msg{enter}, typed("said her sister helps")...)
	for _, k := range append(burst, enter) {
		h.Update(k) // no screen is up: all are held
	}
	closing := newPager(words("en"), interview.Screen{Kind: interview.ScreenClosing, Title: "To close", Lines: []interview.Line{{Kind: screening.StepSay, Text: "Thank you for talking with me."}}})
	if got, _ := showing(h, closing); got != "" {
		t.Fatalf("the closing took the keys typed before it: %q", got)
	}
	clock = clock.Add(time.Second)
	h.Update(enter) // read, and said
	if h.screen != nil {
		t.Fatal("the closing is still up")
	}
	note := newTextScreen(words("en"), interview.TextPrompt{Title: "Note: What would help", Section: &screening.Section{ID: "help"}})
	if got, _ := showing(h, note); got != "done" || note.text() != "said her sister helps" {
		t.Errorf("the note got %q (%s), want the words typed for it", note.text(), got)
	}
}

// The closing is said to the young person: keys typed before it appeared wait for the screen
// after it, so it is never passed unseen.
func TestClosingIsNotPassedUnseen(t *testing.T) {
	h := hostFor(t)
	clock := time.Now()
	h.now = func() time.Time { return clock }
	h.Update(press('2'))
	h.Update(enter)
	closing := newPager(words("en"), interview.Screen{Kind: interview.ScreenClosing, Title: "To close", Lines: []interview.Line{{Kind: screening.StepSay, Text: "Thank you for talking with me."}}})
	if got, _ := showing(h, closing); got != "" {
		t.Fatalf("the closing took the keys typed before it: %q", got)
	}
}
