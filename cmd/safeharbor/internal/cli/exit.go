package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// Exit codes, as documented in the README.
const (
	exitOK          = 0   // success
	exitFailed      = 1   // the work failed; for validate: problems found
	exitUsage       = 2   // usage error or unreadable input
	exitInterrupted = 130 // interrupted
)

// usageError is a mistake in how the command was called: exit 2, with a pointer to --help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// errReported means the command has already said what went wrong (validate's findings): exit 1
// and print nothing more.
var errReported = errors.New("reported")

// errUnusableReported means the command has already said which of its input it could not read
// or use (test's scenarios): exit 2, as for any input that cannot be used, and print nothing more.
var errUnusableReported = errors.New("reported: unusable input")

// exitCode is the one place that maps errors to exit codes and prints them.
func exitCode(err error, stderr io.Writer) int {
	var usage *usageError
	var invalid *questions.InvalidError
	var input *ask.InputError
	var st *stopped
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &input):
		// An answers file with an answer that cannot be used is unreadable input.
		fmt.Fprintf(stderr, "safeharbor: %s\n", screening.Printable(err.Error()))
		return exitUsage
	case errors.As(err, &st):
		code := exitInterrupted
		// On a terminal, whole words to a line: the command to go on with must read unbroken.
		say := func(text string) {
			if st.width != nil {
				if w := st.width(); w > 0 {
					text = ask.WrapWords(text, w)
				}
			}
			fmt.Fprintln(stderr, text)
		}
		switch {
		case errors.Is(st.Err, context.Canceled), errors.Is(st.Err, ask.ErrAborted):
			say("safeharbor: " + st.words.Stopped)
		case errors.Is(st.Err, ask.ErrInputEnded):
			say("safeharbor: " + st.words.InputEnded)
		default:
			code = exitCode(st.Err, stderr)
		}
		if saved := st.saved(); saved != "" {
			say(screening.Printable(saved))
		}
		return code
	case errors.Is(err, context.Canceled), errors.Is(err, ask.ErrAborted):
		fmt.Fprintln(stderr, "safeharbor: interrupted")
		return exitInterrupted
	case errors.Is(err, ask.ErrInputEnded):
		fmt.Fprintln(stderr, "safeharbor: interrupted: the input ended")
		return exitInterrupted
	case errors.Is(err, errReported):
		return exitFailed
	case errors.Is(err, errUnusableReported):
		return exitUsage
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "safeharbor: %s\nRun 'safeharbor --help' for usage.\n", screening.Printable(err.Error()))
		return exitUsage
	case errors.As(err, &invalid):
		// A question set that cannot be used is unreadable input.
		fmt.Fprintf(stderr, "safeharbor: %s\n", screening.Printable(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "safeharbor: %s\n", screening.Printable(err.Error()))
		return exitFailed
	}
}
