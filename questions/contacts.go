package questions

import (
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor-contacts/v1.
var (
	ContactsFileKeys = []string{"format", "contacts"}
	ContactKeys      = []string{"id", "name", "phone", "text", "tty", "url", "hours", "notes", "source", "confirmed", "translations"}
	// A contact's words in another language; numbers and addresses are not among them.
	ContactWordsKeys = []string{"name", "text", "hours", "notes"}
)

func (d *decoder) contactsFile(root *yaml.Node) []screening.Contact {
	var out []screening.Contact
	fs, _ := d.fields(root, "the contacts file", ContactsFileKeys)
	for _, f := range fs {
		if f.name != "contacts" {
			continue
		}
		for _, it := range d.list(f.val, "contacts") {
			out = append(out, d.contact(it))
		}
	}
	return out
}

func (d *decoder) contact(n *yaml.Node) screening.Contact {
	c := screening.Contact{Pos: pos(n)}
	fs, _ := d.fields(n, "a contact", ContactKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			c.ID, c.IDPos = d.str(f.val, "a contact's id")
		case "name":
			c.Name, _ = d.str(f.val, "a contact's name")
		case "phone":
			c.Phone, c.PhonePos = d.str(f.val, "phone")
		case "text":
			c.Text, _ = d.str(f.val, "text")
		case "tty":
			c.TTY, _ = d.str(f.val, "tty")
		case "url":
			c.URL, c.URLPos = d.str(f.val, "url")
		case "hours":
			c.Hours, _ = d.str(f.val, "hours")
		case "notes":
			c.Notes, _ = d.str(f.val, "notes")
		case "source":
			c.Source, _ = d.str(f.val, "source")
		case "confirmed":
			c.Confirmed, c.ConfirmedPos = d.str(f.val, "confirmed")
		case "translations":
			for _, p := range d.idPairs(f.val, "a contact's translations", "a mapping of languages to the contact's words") {
				c.Translations = append(c.Translations, d.contactWords(p))
			}
		}
	}
	return c
}

func (d *decoder) contactWords(p field) screening.ContactWords {
	w := screening.ContactWords{Language: p.name, LangPos: pos(p.key), Pos: pos(p.val)}
	fs, _ := d.fields(p.val, "a contact's "+p.name+" words", ContactWordsKeys)
	for _, f := range fs {
		switch f.name {
		case "name":
			w.Name, _ = d.str(f.val, "name")
		case "text":
			w.Text, w.TextPos = d.str(f.val, "text")
		case "hours":
			w.Hours, _ = d.str(f.val, "hours")
		case "notes":
			w.Notes, _ = d.str(f.val, "notes")
		}
	}
	return w
}
