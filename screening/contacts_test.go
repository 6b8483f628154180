package screening

import "testing"

// A phone as written becomes a number to dial and, when it is written in words, its words.
func TestContactDialAndVanity(t *testing.T) {
	for _, tt := range []struct{ phone, dial, vanity string }{
		{"1-800-THE-LOST (1-800-843-5678)", "18008435678", "1-800-THE-LOST"},
		{"1-800-THE-LOST", "18008435678", "1-800-THE-LOST"},
		{"1-888-373-7888", "18883737888", ""},
		{"(202) 205-4582", "2022054582", ""},
		{"911", "911", ""},
		{"+1 (555) 010-9999", "+15550109999", ""},
		{"1-800-273-TALK (8255)", "18002738255", "1-800-273-TALK"},
		{"1-800-FAKE-NUM (1-800-843-5678)", "18008435678", "1-800-FAKE-NUM"},
		{"", "", ""},
	} {
		c := Contact{Phone: tt.phone}
		if got := c.Dial(); got != tt.dial {
			t.Errorf("Dial(%q) = %q, want %q", tt.phone, got, tt.dial)
		}
		if got := c.Vanity(); got != tt.vanity {
			t.Errorf("Vanity(%q) = %q, want %q", tt.phone, got, tt.vanity)
		}
	}
}
