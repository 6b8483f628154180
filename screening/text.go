package screening

import (
	"fmt"
	"strings"
)

// Printable returns s with every control character and every bidirectional override written as
// an escape (ESC as \x1b, U+202E as \u202e), so that text from a file or an answer can never act
// on a terminal: set its title, write to the clipboard, clear the screen, or reverse the text
// around it. Newlines and tabs are kept: they are how text is laid out.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unprintable(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// unprintable reports whether r is a control character (C0 but newline and tab, DEL, C1) or a
// character that changes the direction of the text after it.
func unprintable(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	}
	return false
}
