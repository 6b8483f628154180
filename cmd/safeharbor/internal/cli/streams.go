package cli

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
)

// Streams are the command's standard streams. Commands never touch os.Stdin/Stdout/Stderr;
// tests pass buffers.
type Streams struct {
	In  io.Reader
	Out io.Writer // the product: a summary, findings, a schema
	Err io.Writer // prompts, progress and diagnostics

	InTTY, OutTTY, ErrTTY bool
	// ErrWidth, when Err is a terminal, is its width now (0 when it reports none); nil otherwise.
	ErrWidth func() int
	// OutNowhere: standard output goes nowhere (/dev/null, or closed: Go gives a closed one
	// /dev/null). A summary written there would be lost, with its draft deleted after it.
	OutNowhere bool
}

// SystemStreams returns the process's streams, with terminal detection.
func SystemStreams() Streams {
	s := Streams{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY: isTerminal(os.Stdin), OutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr),
		OutNowhere: isDevNull(os.Stdout),
	}
	if s.ErrTTY {
		s.ErrWidth = func() int {
			w, _, err := term.GetSize(os.Stderr.Fd())
			if err != nil {
				return 0
			}
			return w
		}
	}
	return s
}

// isDevNull reports whether f is the null device.
func isDevNull(f *os.File) bool {
	info, err := f.Stat()
	if err != nil {
		return true // not even a file: nothing written there is kept
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(info, null)
}

// isTerminal asks the terminal itself: a character device such as /dev/null is not one.
func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }
