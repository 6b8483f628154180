package screening

import (
	"cmp"
	"strings"
	"unicode"
)

// Contact is a service the summary names: a hotline, a reporting line, emergency services.
type Contact struct {
	ID    string
	Name  string
	Phone string // as written, e.g. "1-800-THE-LOST (1-800-843-5678)"; Dial is the number to dial
	Text  string // an SMS short code or number, with any keyword to send
	TTY   string
	URL   string
	Hours string
	Notes string
	// Source says where the number was confirmed, and Confirmed when (YYYY-MM-DD), so a
	// reviewer can check it again.
	Source    string
	Confirmed string

	ConfirmedPos Pos

	// Translations are the contact's words in other languages, for summaries written in them.
	Translations []ContactWords

	Pos, IDPos, PhonePos, URLPos Pos
}

// Dial is the number a phone or a program dials for the contact's phone: its digits, with a +
// first when the number has one, and letters read as a phone keypad reads them (ITU E.161). A
// number in words with digits in brackets dials the digits when they disagree with the words:
// "1-800-THE-LOST (1-800-843-5678)" and "1-800-273-TALK (8255)" dial 18008435678 and
// 18002738255. "" when the contact has no phone.
func (c Contact) Dial() string {
	words, number := splitVanity(c.Phone)
	dial := dialDigits(words)
	if n := dialDigits(number); n != "" && !strings.HasSuffix(dial, strings.TrimPrefix(n, "+")) {
		return n
	}
	return dial
}

func dialDigits(phone string) string {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			b.WriteByte(keypad[unicode.ToUpper(r)-'A'])
		}
	}
	return b.String()
}

// Vanity is the contact's phone number as it is written in words, "1-800-THE-LOST"; "" when the
// number is written in digits only.
func (c Contact) Vanity() string {
	words, _ := splitVanity(c.Phone)
	if !strings.ContainsFunc(words, unicode.IsLetter) {
		return ""
	}
	return words
}

// keypad is the digit on a phone's keypad for each letter A to Z (ITU E.161).
const keypad = "22233344455566677778889999"

// splitVanity splits "1-800-THE-LOST (1-800-843-5678)" into the number in words and the number
// in digits in brackets; a number written one way only comes back as words, with number "".
func splitVanity(phone string) (words, number string) {
	open, end := strings.LastIndexByte(phone, '('), strings.LastIndexByte(phone, ')')
	if open < 0 || end < open || !strings.ContainsFunc(phone[:open], unicode.IsLetter) {
		return strings.TrimSpace(phone), ""
	}
	inside := phone[open+1 : end]
	if strings.ContainsFunc(inside, unicode.IsLetter) || !strings.ContainsFunc(inside, unicode.IsDigit) {
		return strings.TrimSpace(phone), ""
	}
	return strings.TrimSpace(phone[:open] + phone[end+1:]), strings.TrimSpace(inside)
}

// ContactWords are a contact's words in one other language. A number or address never changes
// with the language, so a translation has none of its own, and its text keeps the text number.
type ContactWords struct {
	Language                 string
	Name, Text, Hours, Notes string

	Pos, LangPos, TextPos Pos
}

// In returns the contact as a summary in lang shows it: its words in that language where it
// has them, then in the base language (es for es-US), then its own.
func (c Contact) In(lang string) Contact {
	base := BaseLanguage(lang)
	apply := func(tag string) {
		for _, t := range c.Translations {
			if strings.EqualFold(t.Language, tag) {
				c.Name = cmp.Or(t.Name, c.Name)
				c.Text = cmp.Or(t.Text, c.Text)
				c.Hours = cmp.Or(t.Hours, c.Hours)
				c.Notes = cmp.Or(t.Notes, c.Notes)
				return
			}
		}
	}
	if lang == "" {
		return c
	}
	apply(base)
	if !strings.EqualFold(base, lang) {
		apply(lang)
	}
	return c
}

// ContactDirectory holds the contacts a set may refer to, by id. Later entries (an agency's
// own file) override earlier ones (the embedded national directory).
type ContactDirectory struct {
	byID  map[string]Contact
	order []string
}

// Add adds or replaces contacts, keeping the first place of an id that is replaced.
func (d *ContactDirectory) Add(cs ...Contact) {
	if d.byID == nil {
		d.byID = make(map[string]Contact)
	}
	for _, c := range cs {
		if _, ok := d.byID[c.ID]; !ok {
			d.order = append(d.order, c.ID)
		}
		d.byID[c.ID] = c
	}
}

// Lookup returns the contact with the given id.
func (d *ContactDirectory) Lookup(id string) (Contact, bool) {
	c, ok := d.byID[id]
	return c, ok
}

// IDs returns the ids in the order they were first added.
func (d *ContactDirectory) IDs() []string { return d.order }

// National contact ids: every summary carries these, whatever a set lists.
const (
	ContactHotline = "hotline"
	ContactNCMEC   = "ncmec"
)
