// Package drafts keeps interviews in progress, so that a dead battery or a break loses nothing,
// and nothing the young person said sits readable on a disk. Each draft is the whole interview
// state, encrypted with age to the worker's key and written atomically after every answer.
//
// Files (folders 0700, files 0600):
//
//	$XDG_CONFIG_HOME/safeharbor/recipient.txt  the public key drafts are encrypted to
//	$XDG_CONFIG_HOME/safeharbor/identity.txt   the private key, or identity.age when a passphrase protects it
//	$XDG_STATE_HOME/safeharbor/drafts/ID.age   a draft, encrypted
//	$XDG_STATE_HOME/safeharbor/drafts/ID.json  what `drafts` lists: set, counts, times; never an answer
//
// Saving needs only the public key, so the passphrase is asked for when a draft is opened, not
// after every answer.
package drafts

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/safeharbor/safeharbor/screening"
)

// Format names the version of a draft's (encrypted) content.
const Format = "safeharbor-draft/v1"

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

// Meta is what can be listed without the key: no answer, no note.
type Meta struct {
	ID       string    `json:"id"`
	Set      string    `json:"set"` // id@version
	Answered int       `json:"answered"`
	Started  time.Time `json:"started"`
	Saved    time.Time `json:"saved"`
	Training bool      `json:"training,omitempty"`
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
	return Meta{ID: d.ID, Set: d.Set.ID + "@" + d.Set.Version, Answered: len(d.Answers), Started: d.Started, Saved: d.Saved, Training: d.Training}
}

// Store reads and writes drafts.
type Store struct {
	dirs      Dirs
	recipient age.Recipient
}

// Open opens the store, creating the key on first use. passphrase protects a new key; empty
// leaves it unprotected (readable by the user's account only).
func Open(dirs Dirs, passphrase string) (*Store, error) {
	if err := os.MkdirAll(dirs.Config, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dirs.Config, err)
	}
	recipientPath := filepath.Join(dirs.Config, "recipient.txt")
	data, err := os.ReadFile(recipientPath)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := newKey(dirs.Config, passphrase); err != nil {
			return nil, err
		}
		data, err = os.ReadFile(recipientPath)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", recipientPath, err)
		}
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", recipientPath, err)
	}
	r, err := age.ParseX25519Recipient(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", recipientPath, err)
	}
	return &Store{dirs: dirs, recipient: r}, nil
}

func newKey(dir, passphrase string) error {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return fmt.Errorf("create a key: %w", err)
	}
	secret := []byte(id.String() + "\n")
	name := "identity.txt"
	if passphrase != "" {
		sr, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return fmt.Errorf("protect the key: %w", err)
		}
		var buf bytes.Buffer
		w, err := age.Encrypt(&buf, sr)
		if err != nil {
			return fmt.Errorf("protect the key: %w", err)
		}
		if _, err := w.Write(secret); err != nil {
			return fmt.Errorf("protect the key: %w", err)
		}
		if err := w.Close(); err != nil {
			return fmt.Errorf("protect the key: %w", err)
		}
		secret, name = buf.Bytes(), "identity.age"
	}
	if err := writeAtomic(dir, name, secret); err != nil {
		return err
	}
	return writeAtomic(dir, "recipient.txt", []byte(id.Recipient().String()+"\n"))
}

// KeyProtected reports whether the key needs a passphrase to open drafts.
func KeyProtected(dirs Dirs) bool {
	_, err := os.Stat(filepath.Join(dirs.Config, "identity.age"))
	return err == nil
}

// ErrWrongPassphrase is a passphrase that does not open the key.
var ErrWrongPassphrase = errors.New("the passphrase does not open the key")

// identity loads the private key, with passphrase when it is protected.
func (s *Store) identity(passphrase string) (age.Identity, error) {
	if KeyProtected(s.dirs) {
		path := filepath.Join(s.dirs.Config, "identity.age")
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read the key %s: %w", path, err)
		}
		defer f.Close()
		if passphrase == "" {
			return nil, fmt.Errorf("the key %s is protected by a passphrase: set SAFEHARBOR_PASSPHRASE, or run in a terminal to be asked", path)
		}
		si, err := age.NewScryptIdentity(passphrase)
		if err != nil {
			return nil, err
		}
		r, err := age.Decrypt(f, si)
		if err != nil {
			var noMatch *age.NoIdentityMatchError
			if errors.As(err, &noMatch) || strings.Contains(err.Error(), "incorrect passphrase") {
				return nil, ErrWrongPassphrase
			}
			return nil, fmt.Errorf("open the key %s: %w", path, err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("open the key %s: %w", path, err)
		}
		return parseIdentity(path, data)
	}
	path := filepath.Join(s.dirs.Config, "identity.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the key: %w; without it, drafts cannot be opened", err)
	}
	return parseIdentity(path, data)
}

func parseIdentity(path string, data []byte) (age.Identity, error) {
	id, err := age.ParseX25519Identity(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, fmt.Errorf("read the key %s: %w", path, err)
	}
	return id, nil
}

// Save encrypts the draft and writes it in place of the last save, atomically: a crash leaves
// either the old draft or the new one, whole. Nothing is written unencrypted.
func (s *Store) Save(d *Draft) error {
	if d.Format == "" {
		d.Format = Format
	}
	plain, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, s.recipient)
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if _, err := w.Write(plain); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	clear(plain)
	dir := s.dirs.draftsDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if err := writeAtomic(dir, d.ID+".age", buf.Bytes()); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	meta, err := json.Marshal(d.meta())
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if err := writeAtomic(dir, d.ID+".json", meta); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}

// writeAtomic writes data to dir/name through a temporary file in the same folder: write,
// fsync, rename, fsync the folder.
func writeAtomic(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	ok = true
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// List returns the drafts in dirs, most recently saved first, without the key.
func List(dirs Dirs) ([]Meta, error) {
	entries, err := os.ReadDir(dirs.draftsDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	var out []Meta
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".age") || strings.HasPrefix(name, ".") {
			continue
		}
		id := strings.TrimSuffix(name, ".age")
		m := Meta{ID: id}
		if data, err := os.ReadFile(filepath.Join(dirs.draftsDir(), id+".json")); err == nil {
			_ = json.Unmarshal(data, &m)
		}
		if m.Saved.IsZero() {
			if info, err := e.Info(); err == nil {
				m.Saved = info.ModTime()
			}
		}
		m.ID = id
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Meta) int { return b.Saved.Compare(a.Saved) })
	return out, nil
}

// ErrNoDraft is a draft id that does not exist.
var ErrNoDraft = errors.New("no such draft")

// Load opens a draft with the key. A draft that cannot be opened is left as it is.
func (s *Store) Load(id, passphrase string) (*Draft, error) {
	path := filepath.Join(s.dirs.draftsDir(), id+".age")
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNoDraft, id)
	}
	if err != nil {
		return nil, fmt.Errorf("open draft %s: %w", id, err)
	}
	defer f.Close()
	ident, err := s.identity(passphrase)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(f, ident)
	if err != nil {
		return nil, fmt.Errorf("open draft %s: it cannot be decrypted with this key (%v); it was left as it is", id, err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		// age authenticates every chunk: a changed byte stops it here.
		return nil, fmt.Errorf("open draft %s: it has been damaged or changed (%v); it was left as it is", id, err)
	}
	defer clear(plain)
	var d Draft
	dec := json.NewDecoder(bytes.NewReader(plain))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil || d.Format != Format {
		return nil, fmt.Errorf("open draft %s: not a draft this version reads (%v); it was left as it is", id, err)
	}
	if d.ID != id {
		return nil, fmt.Errorf("open draft %s: it holds draft %s; it was left as it is", id, d.ID)
	}
	d.Meta = d.meta()
	return &d, nil
}

// Delete removes a draft.
func (s *Store) Delete(id string) error { return Delete(s.dirs, id) }

// Delete removes a draft and its listing.
func Delete(dirs Dirs, id string) error {
	if strings.ContainsAny(id, `/\`) || id == "" || strings.HasPrefix(id, ".") {
		return fmt.Errorf("%w: %q", ErrNoDraft, id)
	}
	path := filepath.Join(dirs.draftsDir(), id+".age")
	if err := os.Remove(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s", ErrNoDraft, id)
		}
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	if err := os.Remove(filepath.Join(dirs.draftsDir(), id+".json")); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	return nil
}
