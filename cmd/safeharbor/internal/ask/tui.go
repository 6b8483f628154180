package ask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// TUI asks in the terminal, one screen at a time: the question large, the worker's guidance
// beneath it, and "prefers not to say", "doesn't know" and "skip" always among the choices.
//
// One Bubble Tea program runs for the whole interview, and every key is handled in its event
// loop, in the order typed, by the screen that is up. A key that ends a screen (Enter on an
// answer) takes it down at once, and the keys after it wait, in order, for the next screen: a
// key typed ahead, in a burst over a slow connection or in a paste, is never applied to the
// answer just given and never lost. (The screens are our own rather than huh's forms: a huh
// form ends through messages that go round the event loop, and keys typed meanwhile were
// applied to the answer already given.)
type TUI struct {
	in    io.Reader
	out   io.Writer
	words *phrases.Catalog
	look  look

	prog   *tea.Program
	ended  chan struct{} // closed when the program has stopped
	runErr error
	status interview.Status // shown with the next screen
}

// TUIOptions are how the terminal interface looks.
type TUIOptions struct {
	Color    bool // colour and bold; off for NO_COLOR
	Training bool // every screen says it is a mock interview
}

// CanDraw reports whether out is a terminal that reports a size. A terminal that reports 0x0
// (a bare pseudo-terminal, some serial consoles) leaves the screen drawing nothing.
func CanDraw(out io.Writer) bool {
	f, ok := out.(term.File)
	if !ok {
		return false
	}
	w, h, err := term.GetSize(f.Fd())
	return err == nil && w > 0 && h > 0
}

// NewTUI asks on out (a terminal), reading keys from in, in the worker's words.
func NewTUI(in io.Reader, out io.Writer, words *phrases.Catalog, opts TUIOptions) *TUI {
	if words == nil {
		words, _ = phrases.For("en")
	}
	return &TUI{in: in, out: out, words: words, look: newLook(opts)}
}

func (t *TUI) start(ctx context.Context) {
	// 120 frames a second: the next question is drawn within 10 ms of the Enter that asks for
	// it, where the default 60 took up to 17 ms more.
	opts := []tea.ProgramOption{tea.WithOutput(t.out), tea.WithContext(ctx), tea.WithFPS(120)}
	if t.in != os.Stdin {
		opts = append(opts, tea.WithInput(t.in))
	}
	t.prog = tea.NewProgram(&host{look: t.look, w: &t.words.Interview}, opts...)
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

// show puts a screen up and waits until the worker is done with it, or stops.
func (t *TUI) show(ctx context.Context, s screen) error {
	if t.prog == nil {
		t.start(ctx)
	}
	done := make(chan error, 1)
	t.prog.Send(showMsg{screen: s, done: done, status: t.status})
	t.status.Recorded = ""
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		<-t.ended // the program stops with the context and gives the terminal back
		return ctx.Err()
	case <-t.ended:
		// SIGTERM ends the program "gracefully", without an answer.
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return ErrAborted
	}
}

// Status keeps what was just recorded, and how saving stands, for the next screen.
func (t *TUI) Status(s interview.Status) { t.status = s }

// Show shows text to read until the worker goes on.
func (t *TUI) Show(ctx context.Context, s interview.Screen) error {
	return t.show(ctx, newPager(t.words, s))
}

// Interrupt shows what must be done now, and asks whether to end here, go on, or go back.
func (t *TUI) Interrupt(ctx context.Context, i interview.Interrupt) (interview.InterruptChoice, error) {
	sc := newInterruptScreen(t.words, i)
	if err := t.show(ctx, sc); err != nil {
		return interview.GoOn, err
	}
	return sc.choice(), nil
}

// Ask asks one question.
func (t *TUI) Ask(ctx context.Context, p interview.Prompt) (interview.Reply, error) {
	var sc answerScreen
	switch p.Question.Type {
	case screening.TypeNumber, screening.TypeText, screening.TypeDateTime:
		sc = newTypedAnswer(t.words, p)
	default:
		sc = newChoiceAnswer(t.words, p)
	}
	if err := t.show(ctx, sc); err != nil {
		return interview.Reply{}, err
	}
	return sc.reply(), nil
}

// Text asks for a line the worker writes, starting from what it says now.
func (t *TUI) Text(ctx context.Context, n interview.TextPrompt) (string, error) {
	sc := newTextScreen(t.words, n)
	if err := t.show(ctx, sc); err != nil {
		return "", err
	}
	return sc.text(), nil
}

// Review shows every answer and note; choosing one changes it.
func (t *TUI) Review(ctx context.Context, r interview.Review) (int, error) {
	sc := newReviewScreen(t.words, r)
	if err := t.show(ctx, sc); err != nil {
		return -1, err
	}
	return sc.chosen(), nil
}

// screen is one thing on the terminal: a question, a page to read, the review. It handles the
// keys given to it, one at a time, and says when it is done. It is only ever used from the
// program's event loop until it is done.
type screen interface {
	// handle takes a key or a paste; done means the screen has its answer. page is how many
	// lines of the body are in view, for the page keys.
	handle(msg tea.Msg, page int) (done bool, scroll scrollBy)
	// body is the screen's text at a width, and the lines to keep in view.
	body(l *look, width int) (lines []string, focus span)
	// keys is the hint line: what the keys do here (scrollable: the body does not fit).
	keys(w *phrases.Interview, scrollable bool) string
}

// guardedScreen is a screen that comes when it is not expected (an interrupt, a section's
// guidance): keys typed before it was drawn, or in the moment after, were meant for the next
// question, so they wait for it; this screen takes only keys pressed once it could be read.
type guardedScreen interface {
	guarded() bool
}

// settle is how long after it is drawn a guarded screen starts taking keys.
const settle = 300 * time.Millisecond

// scrollBy is a scroll a screen asks for: by lines, or by a page (a large number).
type scrollBy int

const (
	pageDown scrollBy = 1 << 20
	pageUp   scrollBy = -pageDown
)

type (
	showMsg struct {
		screen screen
		done   chan<- error
		status interview.Status
	}
	closeMsg struct{}
)

// host is the program's model: it shows the screen that is up, gives it the keys, and holds
// the keys typed while no screen is up for the next one.
type host struct {
	look    look
	w       *phrases.Interview
	width   int
	height  int
	screen  screen
	done    chan<- error
	queue   []tea.Msg // keys and pastes typed while no screen was up, in order
	stopped bool      // Ctrl-C came while no screen was up: the next one stops at once
	status  interview.Status
	offset  int  // the first body line shown
	focus   span // the focus the offset was last set for
	shownAt time.Time
	now     func() time.Time // the clock; tests set it
	last    string
	// dropped: keys typed ahead were not used, since the interview did not go on to the
	// question they were meant for; the next screen says so (droppedNote), once.
	dropped, droppedNote bool
}

// typedAheadDropper is a screen after which keys typed before it may have lost their question.
type typedAheadDropper interface {
	dropsTypedAhead() bool
}

// enterOwner is a guarded screen that comes in order, so an Enter held first was typed for it.
type enterOwner interface {
	ownsEnterTypedAhead() bool
}

func (h *host) Init() tea.Cmd { return nil }

func (h *host) clock() time.Time {
	if h.now != nil {
		return h.now()
	}
	return time.Now()
}

func (h *host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		h.width, h.height = m.Width, m.Height
		h.follow(true)
	case showMsg:
		h.screen, h.done, h.status = m.screen, m.done, m.status
		h.droppedNote, h.dropped = h.dropped, false
		h.offset, h.focus, h.shownAt = 0, noFocus, h.clock()
		if h.stopped {
			h.finish(ErrAborted)
			return h, nil
		}
		if h.guarding() {
			// It opens at its top, where what to do now is written, whatever is chosen below.
			h.focus = h.currentFocus()
			return h, nil // the keys typed ahead wait for the next screen
		}
		h.follow(true)
		// Keys typed ahead: each to this screen until it is done, the rest for the next.
		for len(h.queue) > 0 && h.screen != nil {
			next := h.queue[0]
			h.queue = h.queue[1:]
			h.give(next)
		}
	case closeMsg:
		return h, tea.Quit
	case tea.KeyPressMsg, tea.PasteMsg:
		if k, ok := m.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			// Pause: at once, whatever is queued. Every answer given is saved already.
			if h.screen != nil {
				h.finish(ErrAborted)
			} else {
				h.stopped = true
			}
			return h, nil
		}
		if h.screen == nil || (h.guarding() && h.clock().Sub(h.shownAt) < settle) {
			h.queue = append(h.queue, m)
			return h, nil
		}
		h.give(m)
	}
	return h, nil
}

// guarding reports whether the screen up is one that keys typed ahead must not reach.
func (h *host) guarding() bool {
	g, ok := h.screen.(guardedScreen)
	return ok && g.guarded()
}

// give gives the screen one key.
func (h *host) give(msg tea.Msg) {
	done, by := h.screen.handle(msg, h.bodyHeight())
	if done {
		h.finish(nil)
		return
	}
	if by != 0 {
		h.scroll(by)
	}
	h.follow(false)
}

func (h *host) finish(err error) {
	if d, ok := h.screen.(typedAheadDropper); ok && err == nil && d.dropsTypedAhead() && len(h.queue) > 0 {
		h.queue, h.dropped = nil, true
	}
	if o, ok := h.screen.(enterOwner); ok && err == nil && o.ownsEnterTypedAhead() && len(h.queue) > 0 {
		if k, isKey := h.queue[0].(tea.KeyPressMsg); isKey && k.String() == "enter" {
			h.queue = h.queue[1:]
		}
	}
	h.last = h.render()
	h.done <- err
	h.screen, h.done = nil, nil
}

// bodyHeight is how many lines of the screen's body fit between the header and the hints, with
// a line above and below it to say there is more.
func (h *host) bodyHeight() int {
	return max(3, h.height-len(h.header())-len(h.footer())-2)
}

// currentFocus is the screen's focus as it stands.
func (h *host) currentFocus() span {
	if h.screen == nil || h.width == 0 {
		return noFocus
	}
	_, focus := h.screen.body(&h.look, h.width)
	return focus
}

// follow scrolls to keep the screen's focus in view when it moves (or always).
func (h *host) follow(always bool) {
	if h.screen == nil || h.width == 0 {
		return
	}
	lines, focus := h.screen.body(&h.look, h.width)
	height := h.bodyHeight()
	if focus.from >= 0 && (always || focus != h.focus) {
		if focus.to >= h.offset+height {
			h.offset = focus.to - height + 1
		}
		if focus.from < h.offset {
			h.offset = focus.from
		}
		h.focus = focus
	}
	h.offset = max(0, min(h.offset, len(lines)-height))
}

func (h *host) scroll(by scrollBy) {
	height := h.bodyHeight()
	switch by {
	case pageDown:
		h.offset += height - 1
	case pageUp:
		h.offset -= height - 1
	default:
		h.offset += int(by)
	}
	if h.screen != nil {
		lines, _ := h.screen.body(&h.look, h.width)
		h.offset = max(0, min(h.offset, len(lines)-height))
	}
}

func (h *host) header() []string {
	var out []string
	if h.look.training {
		out = append(out, h.look.banner.Render(fit(h.w.TrainingBanner, h.width)))
	}
	if s := h.status.Save; s.Enabled && s.Err != nil {
		out = append(out, wrap(h.look.alarm, notSaved(h.w, s), h.width)...)
	}
	return out
}

func (h *host) footer() []string {
	var out []string
	if h.status.Recorded != "" {
		line := screening.Printable(recordedLine(h.w, h.status))
		out = append(out, h.look.muted.Render(fit(line, h.width)))
	}
	if h.droppedNote {
		out = append(out, wrap(h.look.alarm, h.w.TypedAheadDroppedKeys, h.width)...)
	}
	hints := ""
	if h.screen != nil {
		lines, _ := h.screen.body(&h.look, h.width)
		hints = h.screen.keys(h.w, len(lines) > h.height-len(out)-len(h.header())-4)
	}
	switch s := h.status.Save; {
	case !s.Enabled:
		hints += " · " + h.w.KeyStop
	case s.Saved():
		hints += " · " + h.w.KeyPause
	default:
		hints += " · " + h.w.KeyStopUnsaved
	}
	return append(out, wrap(h.look.muted, hints, h.width)...)
}

func (h *host) render() string {
	if h.screen == nil {
		return h.last // between two screens: keep the last, so nothing flickers
	}
	if h.width == 0 {
		return ""
	}
	lines, _ := h.screen.body(&h.look, h.width)
	height := h.bodyHeight()
	end := min(len(lines), h.offset+height)
	above, below := "", ""
	if h.offset > 0 {
		above = h.look.muted.Render(fit(h.w.MoreAbove, h.width))
	}
	if end < len(lines) {
		below = h.look.muted.Render(fit(fmt.Sprintf(h.w.MoreBelow, len(lines)-end), h.width))
	}
	out := append(h.header(), above)
	out = append(out, lines[min(h.offset, end):end]...)
	for i := end - h.offset; i < height; i++ {
		out = append(out, "")
	}
	out = append(out, below)
	return strings.Join(append(out, h.footer()...), "\n")
}

func (h *host) View() tea.View {
	v := tea.NewView(h.render())
	// The alternate screen: when the interview ends, the terminal shows what it showed before,
	// and none of the young person's answers is left in its scrollback.
	v.AltScreen = true
	return v
}

// notSaved says, truthfully, what is not saved.
func notSaved(w *phrases.Interview, s interview.SaveStatus) string {
	if s.LastSaved.IsZero() {
		return fmt.Sprintf(w.NothingSaved, s.Err)
	}
	return fmt.Sprintf(w.NotSavedSince, s.LastSaved.Local().Format("15:04"), s.Unsaved, s.Err)
}

// look is how text is styled: plain when there is no colour.
type look struct {
	training                                           bool
	plain, title, muted, strong, cursor, alarm, banner lookStyle
	say, do, warn                                      lookStyle
}

// lookStyle is one style of the interface.
type lookStyle = lipgloss.Style

func newLook(o TUIOptions) look {
	l := look{training: o.Training}
	plain := lipgloss.NewStyle()
	l.plain, l.title, l.muted, l.strong, l.cursor, l.alarm, l.banner, l.say, l.do, l.warn = plain, plain, plain, plain, plain, plain, plain, plain, plain, plain
	if o.Color {
		l.title = plain.Bold(true)
		l.strong = plain.Bold(true)
		l.muted = plain.Foreground(lipgloss.Color("245"))
		l.cursor = plain.Bold(true).Foreground(lipgloss.Color("39"))
		l.alarm = plain.Bold(true).Foreground(lipgloss.Color("196"))
		l.banner = plain.Bold(true).Reverse(true)
		l.say = plain.Foreground(lipgloss.Color("39"))
		l.warn = plain.Bold(true).Foreground(lipgloss.Color("208"))
	}
	return l
}

// wrap breaks plain text at a width, by display width, and styles each line.
func wrap(style lipgloss.Style, text string, width int) []string {
	if width <= 0 {
		width = 80
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		for _, line := range strings.Split(ansi.Wrap(para, width, " -"), "\n") {
			out = append(out, style.Render(line))
		}
	}
	return out
}

// displayWidth is how many columns text takes on a terminal.
func displayWidth(text string) int { return ansi.StringWidth(text) }

// fit cuts plain text to a width, by display width.
func fit(text string, width int) string {
	if width <= 0 {
		return text
	}
	return ansi.Truncate(text, width, "…")
}
