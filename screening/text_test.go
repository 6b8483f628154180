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

func TestFirstUnprintable(t *testing.T) {
	for _, tc := range []struct {
		in, name, before string
		r                rune
	}{
		{"plain words\twith a tab\nand a line", "", "", 0},
		{"title\x1b]0;owned\a", "an escape", "title", 0x1b},
		{"abc\u202edcba", "a direction override", "abc", 0x202e},
		{"\u2067isolate", "a direction override", "", 0x2067},
		{"mark\u200f", "a direction mark", "mark", 0x200f},
		{"one\rtwo", "a carriage return", "one", '\r'},
		{"ñandú\x00", "a control character", "ñandú", 0},
		{"c1\u0085", "a control character", "c1", 0x85},
		{"del\x7f", "a control character", "del", 0x7f},
	} {
		r, name, before, found := FirstUnprintable(tc.in)
		if found != (tc.name != "") || r != tc.r || name != tc.name || before != tc.before {
			t.Errorf("FirstUnprintable(%q) = %U, %q, %q, %v; want %U, %q, %q", tc.in, r, name, before, found, tc.r, tc.name, tc.before)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true},
		{" 7 ", 7, true},
		{"-3", -3, true},
		{"+4", 4, true},
		{"0.5", 0.5, true},
		{"15,5", 15.5, true},
		{"1e2", 0, false},
		{"1_000", 0, false},
		{"0x10p0", 0, false},
		{".5", 0, false},
		{"5.", 0, false},
		{"1.000,5", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"three", 0, false},
		{"", 0, false},
		{"٣", 0, false}, // digits of another script: not read as 3
	} {
		got, ok := ParseNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// A number is shown with the decimal mark of the language it is shown in; the data keeps a point.
func TestNumberShownInTheLanguage(t *testing.T) {
	q := &Question{ID: "age", Type: TypeNumber, Unit: "años"}
	a := Answer{State: StateAnswered, Number: 15.5}
	if got := DisplayAnswer(q, a, "es", nil); got != "15,5 años" {
		t.Errorf("in Spanish: %q", got)
	}
	if got := DisplayAnswer(q, a, "en", nil); got != "15.5 años" {
		t.Errorf("in English: %q", got)
	}
}
