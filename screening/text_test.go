package screening

import "testing"

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words, ñ and 233733", "plain words, ñ and 233733"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"\x1b]0;owned\a title", `\x1b]0;owned\x07 title`},
		{"\x1b]52;c;Y2xpcA==\x07", `\x1b]52;c;Y2xpcA==\x07`},
		{"\x1b[2J clear", `\x1b[2J clear`},
		{"carriage\rreturn", `carriage\x0dreturn`},
		{"del\x7f", `del\x7f`},
		{"c1 \u009b31m", `c1 \x9b31m`},
		{"abc\u202Edcba", `abc\u202edcba`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`},
		{"marks \u200e\u200f\u061c", `marks \u200e\u200f\u061c`},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
