// Package ask asks the worker: in a terminal interface, in plain lines for screen readers and
// pipes, or from an answers file. Each is an interview.Asker; the interview's order and rules
// are in package interview and package screening.
package ask

import (
	"errors"
)

// ErrInputEnded means the input ran out before the interview was finished. It is an
// interruption, never a silent default.
var ErrInputEnded = errors.New("input ended before the interview was finished")

// ErrAborted means the worker stopped the interview (Ctrl-C in the terminal interface).
var ErrAborted = errors.New("the interview was stopped")
