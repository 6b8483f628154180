// Package drafts keeps interviews in progress, so that a dead battery or a break loses nothing,
// nothing the young person said sits readable on a disk, and nothing in a draft can be made up
// or undone by someone without the worker's key.
//
// Files (folders 0700, files 0600; a folder others can write to, owned by someone else, or a
// symlink is refused, as ssh refuses such a ~/.ssh):
//
//	$XDG_CONFIG_HOME/safeharbor/recipient.txt  the public key drafts are encrypted to
//	$XDG_CONFIG_HOME/safeharbor/identity.txt   the private key, or identity.age when a passphrase protects it
//	$XDG_CONFIG_HOME/safeharbor/mac.key        with identity.age only: the authentication key (below)
//	$XDG_CONFIG_HOME/safeharbor/seen/ID        the newest save of each draft, or that it was deleted
//	$XDG_STATE_HOME/safeharbor/drafts/ID.draft a draft: a journal of encrypted, authenticated saves
//	$XDG_STATE_HOME/safeharbor/drafts/.ID.lock held while a session has the draft open
//
// The key is made once, under a lock (.lock in the key folder), so two interviews starting at
// once make one key; no key file is ever written over. Open checks that recipient.txt is the
// private key's public key (for a passphrase-protected key, against a tag in mac.key) and
// refuses, with a *KeyError, a key whose files are missing or do not belong together: saving
// to a public key whose private key is not here would lose every answer.
//
// Saving needs no passphrase: it encrypts to the public key, and authenticates with a key
// derived (HKDF) from the private key. With an unprotected key that key is derived at Open;
// with a protected one it is kept in mac.key, written when the passphrase was set. Each save is
// a record appended to the draft's journal (see journal.go): only what changed, encrypted on
// its own, with an HMAC over the draft id, the save's number and the record before it, and one
// fsync. Load reads the journal, refuses a draft that fails authentication (ErrForged) or is
// older than the newest save recorded in seen/ (ErrRolledBack), leaving the file as it is for
// whoever looks into it, and compacts a good one to a single record.
//
// What this stops: someone who can write the drafts folder and knows the public key, but has
// not the private key (nor mac.key), cannot make or change a draft that resume accepts, nor put
// back an older copy or a deleted draft unseen. What it cannot stop: whoever can read the key
// folder of an unprotected key, or mac.key of a protected one, can forge drafts (though with a
// protected key not read them); whoever can also write the key folder can remove a draft's
// seen record and so put back an older copy; anyone who can write the drafts folder can delete
// a draft. The passphrase protects what drafts say, not that they are the worker's.
//
// The listing (Meta) is read from each journal's newest record, so it never lags the draft.
// It holds the set, counts, times and language, never an answer; the case label is sealed
// with a key derived from the private key, so it is listed on this account but not readable
// from the drafts folder alone.
package drafts

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/safeharbor/safeharbor/screening"
)

// Format names the version of a draft's (encrypted) content: v2 is kept in a journal.
const Format = "safeharbor-draft/v2"

// Expiry is how old a draft may be before it is shown as expired.
const Expiry = 30 * 24 * time.Hour

// Dirs are where the key and the drafts live.
type Dirs struct {
	Config string // holds the key
	State  string // holds drafts/
}

// DefaultDirs resolves the folders from the environment: XDG on Linux and the BSDs, the
// platform's own folders elsewhere.
func DefaultDirs(getenv func(string) string) (Dirs, error) {
	home := getenv("HOME")
	config := absolute(getenv("XDG_CONFIG_HOME"))
	state := absolute(getenv("XDG_STATE_HOME"))
	switch runtime.GOOS {
	case "darwin":
		if config == "" && home != "" {
			config = filepath.Join(home, "Library", "Application Support")
		}
		if state == "" && home != "" {
			state = filepath.Join(home, "Library", "Application Support")
		}
	case "windows":
		if config == "" {
			config = getenv("AppData")
		}
		if state == "" {
			state = getenv("LocalAppData")
		}
	default:
		if config == "" && home != "" {
			config = filepath.Join(home, ".config")
		}
		if state == "" && home != "" {
			state = filepath.Join(home, ".local", "state")
		}
	}
	if config == "" || state == "" {
		return Dirs{}, errors.New("no home folder to keep drafts in: set HOME, or XDG_CONFIG_HOME and XDG_STATE_HOME")
	}
	return Dirs{Config: filepath.Join(config, "safeharbor"), State: filepath.Join(state, "safeharbor")}, nil
}

// absolute is an XDG folder as the spec says to read it: a relative path is invalid, and
// ignored.
func absolute(path string) string {
	if !filepath.IsAbs(path) {
		return ""
	}
	return path
}

func (d Dirs) draftsDir() string { return filepath.Join(d.State, "drafts") }

// Training is where drafts of mock interviews are kept: apart from real ones, so a training
// draft is never resumed, listed or deleted as a real interview.
func (d Dirs) Training() Dirs {
	return Dirs{Config: d.Config, State: filepath.Join(d.State, "training")}
}

// Draft is one interview in progress.
type Draft struct {
	Format   string    `json:"format"`
	ID       string    `json:"id"`
	Set      SetRef    `json:"set"`
	Started  time.Time `json:"started"`
	Saved    time.Time `json:"saved"`
	Training bool      `json:"training,omitempty"`
	Answers  []Answer  `json:"answers"`
	Notes    []Note    `json:"notes,omitempty"`
	Ended    bool      `json:"ended,omitempty"`
	Lang     string    `json:"lang,omitempty"`     // the language the questions are asked in
	Also     string    `json:"also,omitempty"`     // a second language shown with each question
	Contacts string    `json:"contacts,omitempty"` // the agency's contacts file, if one was given
	Label    string    `json:"label,omitempty"`    // the worker's case reference; never the young person's name
	Scenario string    `json:"scenario,omitempty"` // a mock interview's scenario, for its feedback at the end
	Worker   string    `json:"worker,omitempty"`   // the worker's own id, for the summary
	Meta     Meta      `json:"-"`
}

// SetRef is the exact set a draft was started with.
type SetRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	File    string `json:"file,omitempty"` // the path, when the set came from a file
}

// Answer is one recorded answer.
type Answer struct {
	Question string    `json:"question"`
	State    string    `json:"state"`
	Text     string    `json:"text,omitempty"`
	Choices  []string  `json:"choices,omitempty"`
	Number   float64   `json:"number,omitempty"`
	At       time.Time `json:"at"`
}

// Note is the worker's note on a section.
type Note struct {
	Section string `json:"section"`
	Text    string `json:"text"`
}

// Meta is what can be listed without the passphrase: no answer, no note.
type Meta struct {
	ID       string    `json:"id"`
	Set      string    `json:"set"` // id@version
	Answered int       `json:"answered"`
	Started  time.Time `json:"started"`
	Saved    time.Time `json:"saved"`
	Training bool      `json:"training,omitempty"`
	Label    string    `json:"label,omitempty"` // "" when none was given, or the key cannot be read
	Lang     string    `json:"lang,omitempty"`
	Save     uint64    `json:"save,omitempty"` // the number of the newest save
	Problem  string    `json:"-"`              // why resume would refuse the draft; "" when it would not
}

// Expired reports whether the draft is older than Expiry at now.
func (m Meta) Expired(now time.Time) bool { return now.Sub(m.Saved) > Expiry }

// New starts a draft for a set.
func New(set SetRef, started time.Time, training bool) *Draft {
	var b [4]byte
	_, _ = rand.Read(b[:])
	id := started.UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
	return &Draft{Format: Format, ID: id, Set: set, Started: started, Training: training}
}

// Record replaces the draft's content with the session's record.
func (d *Draft) Record(sn screening.Snapshot, now time.Time) {
	d.Saved = now
	d.Answers = d.Answers[:0]
	for id, a := range sn.Answers {
		d.Answers = append(d.Answers, Answer{Question: id, State: string(a.State), Text: a.Text, Choices: a.Choices, Number: a.Number, At: a.At})
	}
	slices.SortFunc(d.Answers, func(a, b Answer) int { return strings.Compare(a.Question, b.Question) })
	d.Notes = d.Notes[:0]
	for sec, text := range sn.Notes {
		d.Notes = append(d.Notes, Note{Section: sec, Text: text})
	}
	slices.SortFunc(d.Notes, func(a, b Note) int { return strings.Compare(a.Section, b.Section) })
	d.Ended = sn.Ended
}

// Snapshot returns the draft's record, to restore a session from.
func (d *Draft) Snapshot() screening.Snapshot {
	sn := screening.Snapshot{Answers: map[string]screening.Answer{}, Notes: map[string]string{}, Ended: d.Ended}
	for _, a := range d.Answers {
		sn.Answers[a.Question] = screening.Answer{State: screening.State(a.State), Text: a.Text, Choices: a.Choices, Number: a.Number, At: a.At}
	}
	for _, n := range d.Notes {
		sn.Notes[n.Section] = n.Text
	}
	return sn
}

func (d *Draft) meta() Meta {
	return Meta{ID: d.ID, Set: d.Set.ID + "@" + d.Set.Version, Answered: len(d.Answers), Started: d.Started, Saved: d.Saved, Training: d.Training, Label: d.Label, Lang: d.Lang}
}

// checkID refuses anything but an id New makes: no path, no dot, nothing to trick a file name.
func checkID(id string) error {
	ok := len(id) == len("20060102-150405-00000000")
	for i := 0; ok && i < len(id); i++ {
		c := id[i]
		switch i {
		case 8, 15:
			ok = c == '-'
		default:
			ok = '0' <= c && c <= '9' || i > 15 && 'a' <= c && c <= 'f'
		}
	}
	if !ok {
		return fmt.Errorf("%w: %q", ErrNoDraft, id)
	}
	return nil
}

// ErrNoDraft is a draft id that does not exist.
var ErrNoDraft = errors.New("no such draft")

// CheckLabel refuses a case label that cannot be listed safely: over 64 characters, or with
// control characters (which a terminal would act on).
func CheckLabel(label string) error {
	if utf8.RuneCountInString(label) > 64 {
		return fmt.Errorf("the case label %.20q... is longer than 64 characters", label)
	}
	if !utf8.ValidString(label) || strings.ContainsFunc(label, unicode.IsControl) {
		return fmt.Errorf("the case label %q has characters that are not text", label)
	}
	return nil
}
