package screening

// Contact is a service the summary names: a hotline, a reporting line, emergency services.
type Contact struct {
	ID    string
	Name  string
	Phone string // as dialled or written, e.g. "1-800-THE-LOST (1-800-843-5678)"
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

	Pos, IDPos, PhonePos Pos
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
