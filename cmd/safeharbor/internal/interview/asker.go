// Package interview is the conversation: the opening, each question that applies in order with
// its section's guidance, a note on each section, the screens that interrupt (stop and refer
// after a disclosure), going back, the review, and the closing. It owns the Asker interface and
// the types an asker is given; package ask has the terminal UI, plain lines, and replay from an
// answers file.
//
// It never touches the terminal, the disk or the flags: it is given the session, the worker's
// words, a function that saves, and a clock, and it returns the summary for the caller to write.
// The rules of what comes next stay in package screening.
package interview

import (
	"context"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// Asker asks the worker. Every method but Status waits for the worker; Status only tells.
type Asker interface {
	// Show shows text to read (the opening, a section's guidance, the closing) until the worker
	// goes on.
	Show(ctx context.Context, s Screen) error
	// Ask asks one question. The reply is an answer, or a wish to go back.
	Ask(ctx context.Context, p Prompt) (Reply, error)
	// Interrupt shows what must be done at once, and asks whether to end the screening here, go
	// on, or (when it can) go back to the answer that brought it up.
	Interrupt(ctx context.Context, i Interrupt) (InterruptChoice, error)
	// Text asks for a line the worker writes (a section's note, a draft's label), starting
	// from what it says now.
	Text(ctx context.Context, t TextPrompt) (string, error)
	// Review shows every answer and note; it returns the row chosen to change, or -1 to finish.
	Review(ctx context.Context, r Review) (int, error)
	// Status tells the worker what was just recorded and whether it is saved.
	Status(s Status)
}

// Prompt is one question, with where it stands in the interview.
type Prompt struct {
	Question     *screening.Question // as shown: in the language it is asked in
	Lang         string              // that language: the words for yes, no and "none of these"
	Also         *screening.Question // in an interpreted interview, the question in the worker's language
	AlsoLang     string
	Section      *screening.Section // in the worker's language
	SectionIndex int                // 1-based
	SectionCount int
	N, Total     int               // the question's place among those that apply now, 1-based
	Current      *screening.Answer // the answer it has, when going back or changing it
	Cue          string            // in self-study: what the young person says, or what the worker sees
	First        bool              // there is no question before it to go back to
	FromReview   bool              // changed from the review: back goes back to the review
}

// Reply is what the worker did with a question: answered it, or went back.
type Reply struct {
	Answer screening.Answer
	Back   bool
}

// Answer is a reply that answers.
func Answer(a screening.Answer) Reply { return Reply{Answer: a} }

// Back is a reply that goes back to the question before.
func Back() Reply { return Reply{Back: true} }

// ScreenKind tells what a screen is for, so an asker can mark it.
type ScreenKind int

// The kinds of screen.
const (
	ScreenOpening  ScreenKind = iota // before the first question
	ScreenGuidance                   // a section's guidance: for the worker only, never read aloud
	ScreenResumed                    // in place of the opening, when a draft goes on
	ScreenClosing                    // when nothing is left to read aloud, or at the end
	// ScreenRefused says why an answer was refused by the engine (two times out of order), before
	// the question is asked again.
	ScreenRefused
)

// Screen is text for the worker: lines to say aloud and things to do.
type Screen struct {
	Kind  ScreenKind
	Title string
	Lines []Line
	// Refused is, on a ScreenRefused, the engine's refusal as it is: an asker with no one to read
	// the screen (an answers file) stops on it.
	Refused error
}

// Line is one thing to say aloud or to do, or (with no kind) a fact to know, such as where a
// resumed interview stands.
type Line struct {
	Kind screening.StepKind // say, do, or "" for a fact
	Text string
	Also string // in an interpreted interview, what is said, in the worker's language
}

// Interrupt is a screen that stops the interview the moment it applies: the worker reads it,
// then goes on or ends the screening there, or goes back to change the answer that brought it.
type Interrupt struct {
	Title        string
	Lines        []Line
	EndByDefault bool // after a disclosure, stopping is the default
	CanGoBack    bool // the answer that brought it up can be changed from here
	// Reminder: shown again on resuming an interview paused at or after it. It comes where the
	// worker expects it, so keys typed before it were not typed for the question after it: they
	// are never passed on to one.
	Reminder bool
}

// InterruptChoice is what the worker chose on an interrupt.
type InterruptChoice int

// The choices on an interrupt.
const (
	GoOn   InterruptChoice = iota // go on with the screening
	End                           // end the screening here
	GoBack                        // change the answer that brought it up
)

// TextPrompt asks for a line the worker writes: a section's note, or the label of a draft.
type TextPrompt struct {
	Title   string
	Help    string
	Current string
	Section *screening.Section // the section a note is on; nil for a draft's label
	// Check says, in the worker's words, why a text cannot be taken; "" when it can. nil: any.
	Check func(string) string
}

// Review is every answer and note, before the summary.
type Review struct {
	Rows    []ReviewRow
	Focus   int  // the row to start on (the one just chosen); -1 for "finish"
	Changed bool // the focus row was changed, not only looked at
}

// RowKind tells an answer from a note on the review screen.
type RowKind int

// The kinds of review row.
const (
	RowAnswer RowKind = iota
	RowNote
)

// ReviewRow is one answer, or one section's note, on the review screen.
type ReviewRow struct {
	Kind       RowKind
	SectionID  string
	Section    string // the section's title
	QuestionID string // for an answer
	Text       string // the question as written; for a note, empty
	Answer     string // the answer in words, or the note ("" for no note)
	Mode       screening.Mode
}

// Status is what was just recorded, and whether it is saved.
type Status struct {
	Recorded string // the answer just recorded, in words; "" when nothing was
	Kept     bool   // the answer was confirmed as it was: nothing changed
	Save     SaveStatus
}

// SaveStatus is how saving stands: what the last save that worked holds, and what is not saved.
type SaveStatus struct {
	Enabled   bool      // the interview is saved as it goes (not from an answers file, not self-study)
	Err       error     // the last save failed with this; nil when it worked
	LastSaved time.Time // when a save last worked; zero when none has
	Unsaved   int       // changes (answers and notes) made since the last save that worked
}

// Saved reports whether everything recorded so far is saved.
func (s SaveStatus) Saved() bool { return s.Enabled && s.Err == nil && s.Unsaved == 0 }
