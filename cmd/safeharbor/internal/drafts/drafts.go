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
	"crypto/hmac"
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
	dirs     Dirs
	keys     *keyring
	warnings []string
}

// Open opens the store, making the key on first use. passphrase protects a new key; empty
// leaves it unprotected (readable by the user's account only). A key that is incomplete or
// whose files do not belong together is refused with a *KeyError, and an unsafe folder with
// ErrUnsafeFolder, before anything is saved.
func Open(dirs Dirs, passphrase string) (*Store, error) {
	keys, warnings, err := openKey(dirs, passphrase)
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{dirs.State, dirs.draftsDir()} {
		if err := prepareFolder(dir); err != nil {
			return nil, err
		}
	}
	return &Store{dirs: dirs, keys: keys, warnings: warnings}, nil
}

// Warnings are what the worker should know about the key, though it can be used: a
// passphrase given for a key that has none.
func (s *Store) Warnings() []string { return slices.Clone(s.warnings) }

// identity loads the private key, with passphrase when it is protected, and checks that it is
// the key the store was opened with.
func (s *Store) identity(passphrase string) (*age.X25519Identity, error) {
	var id *age.X25519Identity
	var err error
	path := filepath.Join(s.dirs.Config, identityFile)
	if s.keys.protected {
		path = filepath.Join(s.dirs.Config, protectedFile)
		id, err = unsealIdentity(path, passphrase)
	} else {
		id, err = readIdentity(path)
	}
	if err != nil {
		return nil, err
	}
	if id.Recipient().String() != s.keys.recipient.String() {
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s was changed since this session started", path), Fix: "Start again."}
	}
	if !hmac.Equal(deriveRoot(id), s.keys.root) {
		mPath := filepath.Join(s.dirs.Config, macKeyFile)
		return nil, &KeyError{Path: mPath, Problem: fmt.Sprintf("%s does not belong to the private key %s", mPath, path), Fix: "Run `safeharbor key passphrase`: it makes it again from the private key."}
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
	w, err := age.Encrypt(&buf, s.keys.recipient)
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
	if err := ensureFolder(dir); err != nil {
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
