package screening

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// typedNumber is a number as a person types it: digits, a sign, and one decimal point or comma.
var typedNumber = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)?$`)

// ParseNumber reads a number a person typed: "12", "-3", "0.5", "15,5" (a decimal comma, as
// Spanish writes it). Anything else is not a number here, though Go would read it as one: an
// exponent ("1e2"), underscores ("1_000"), hexadecimal, "Inf" or "NaN" would turn a slip into a
// different answer.
func ParseNumber(text string) (float64, bool) {
	text = strings.TrimSpace(text)
	if !typedNumber.MatchString(text) {
		return 0, false
	}
	n, err := strconv.ParseFloat(strings.Replace(text, ",", ".", 1), 64)
	return n, err == nil
}

// FirstUnprintable finds the first character of s that Printable would escape. It returns the
// character, a few words naming it for a person ("an escape", "a direction override") and the
// text before it, so a message can say where it is.
func FirstUnprintable(s string) (r rune, name, before string, found bool) {
	i := strings.IndexFunc(s, unprintable)
	if i < 0 {
		return 0, "", "", false
	}
	r, _ = utf8.DecodeRuneInString(s[i:])
	switch {
	case r == 0x1b:
		name = "an escape"
	case r == '\r':
		name = "a carriage return"
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		name = "a direction override"
	case r == 0x061c, r == 0x200e, r == 0x200f:
		name = "a direction mark"
	default:
		name = "a control character"
	}
	return r, name, s[:i], true
}

// Fold is text as typed words are compared: lower case and without accents, so that "Sáb",
// "sab" and "SAB" are one word, and "Crianza" is "crianza".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
