package drafts

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"filippo.io/age"
)

// ErrDraftInUse is a draft another session has open; errors.Is finds it in an *InUseError.
var ErrDraftInUse = errors.New("the draft is open in another session")

// InUseError is a draft another safeharbor has open.
type InUseError struct {
	ID  string
	PID int // the process holding it, when known
}

func (e *InUseError) Error() string {
	who := ""
	if e.PID > 0 {
		who = fmt.Sprintf(" (process %d)", e.PID)
	}
	return fmt.Sprintf("draft %s is open in another safeharbor session%s: finish or stop that one first, since two sessions on one draft would overwrite each other's answers", e.ID, who)
}

// Is makes errors.Is(err, ErrDraftInUse) true.
func (e *InUseError) Is(target error) bool { return target == ErrDraftInUse }

// SaveError is a save that failed. It says what the draft on disk still holds: the last save
// that succeeded, which is what a resume would find.
type SaveError struct {
	ID           string
	LastSave     uint64    // the number of the last good save; 0: nothing is saved yet
	LastAnswered int       // how many answers that save holds
	LastSaved    time.Time // when it was made
	Err          error
}

func (e *SaveError) Error() string {
	if e.LastSave == 0 {
		return fmt.Sprintf("save draft %s: %v; nothing of this interview is saved yet", e.ID, e.Err)
	}
	return fmt.Sprintf("save draft %s: %v; the last save on disk (save %d, at %s) holds %s", e.ID, e.Err, e.LastSave, e.LastSaved.Local().Format("15:04:05"), answers(e.LastAnswered))
}

func (e *SaveError) Unwrap() error { return e.Err }

func answers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return strconv.Itoa(n) + " answers"
}

// Store reads and writes drafts. A draft it has saved or loaded stays locked to this process,
// so that no other session can open it, until Close, Delete or the end of the process. The
// stores of one process are one session: they share each draft's lock and journal.
type Store struct {
	dirs     Dirs
	keys     *keyring
	warnings []string
	using    map[string]*openDraft // by draft id
}

// The drafts this process holds, by lock file, and the mutex every store's work on drafts
// takes.
var (
	heldMu sync.Mutex
	held   = map[string]*openDraft{}
)

// openDraft is a draft this process holds: its lock, and where its journal ends.
type openDraft struct {
	id     string
	key    string // its lock file
	users  int    // the stores using it
	closed bool
	lock   *os.File
	seen   *os.File // seen/ID, written after every save

	file  *os.File    // the journal; nil before its first save
	info  os.FileInfo // the journal as opened: a file put in its place is seen
	save  uint64      // the newest save on disk
	mac   [macSize]byte
	end   int64 // where the next record goes
	dirty bool  // bytes after end (a failed or torn save) are cut before the next record

	answered int // in the newest save
	saved    time.Time

	known bool     // last and notes are the newest save's; otherwise the next save is whole
	last  []Answer // sorted by question
	notes map[string]string

	label, sealedLabel string
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
	if err := ensureFolder(filepath.Join(dirs.Config, seenFolder)); err != nil {
		return nil, err
	}
	for _, dir := range []string{dirs.State, dirs.draftsDir()} {
		if err := prepareFolder(dir); err != nil {
			return nil, err
		}
	}
	heldMu.Lock()
	sweep(dirs)
	heldMu.Unlock()
	return &Store{dirs: dirs, keys: keys, warnings: warnings, using: map[string]*openDraft{}}, nil
}

// Warnings are what the worker should know about the key, though it can be used: a
// passphrase given for a key that has none.
func (s *Store) Warnings() []string { return slices.Clone(s.warnings) }

// Close lets go of every draft this store holds.
func (s *Store) Close() error {
	heldMu.Lock()
	defer heldMu.Unlock()
	for id := range s.using {
		s.release(id, false)
	}
	return nil
}

// Lock takes the draft for this store, at once or not at all: a draft another session has open
// is an *InUseError. Save and Load take it too; unlock lets it go.
func (s *Store) Lock(id string) (unlock func(), err error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	if _, err := s.acquire(id); err != nil {
		return nil, err
	}
	return func() {
		heldMu.Lock()
		defer heldMu.Unlock()
		s.release(id, false)
	}, nil
}

// LastSave says what the draft on disk holds, as this process last saved or loaded it: the
// number of the newest save, how many answers it holds and when it was made. ok is false
// when this process has neither saved nor loaded the draft.
func (s *Store) LastSave(id string) (save uint64, answered int, saved time.Time, ok bool) {
	heldMu.Lock()
	defer heldMu.Unlock()
	st, ok := held[s.dirs.lockPath(id)]
	if !ok || st.save == 0 {
		return 0, 0, time.Time{}, false
	}
	return st.save, st.answered, st.saved, true
}

func (d Dirs) journalPath(id string) string { return filepath.Join(d.draftsDir(), id+".draft") }
func (d Dirs) lockPath(id string) string    { return filepath.Join(d.draftsDir(), "."+id+".lock") }

// acquire takes a draft's lock without waiting, or shares the one this process holds.
func (s *Store) acquire(id string) (*openDraft, error) {
	path := s.dirs.lockPath(id)
	if st, ok := held[path]; ok {
		if s.using[id] != st {
			s.using[id] = st
			st.users++
		}
		return st, nil
	}
	if err := ensureFolder(s.dirs.draftsDir()); err != nil {
		return nil, err
	}
	for tries := 0; ; tries++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("lock draft %s: %w", id, err)
		}
		if err := tryLock(f); err != nil {
			f.Close()
			if errors.Is(err, errBusy) {
				return nil, &InUseError{ID: id, PID: lockHolder(path)}
			}
			return nil, fmt.Errorf("lock draft %s: %w", id, err)
		}
		// A lock file removed (its draft deleted) between open and lock guards nothing: again.
		mine, err1 := f.Stat()
		there, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(mine, there) {
			_ = f.Truncate(0)
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			st := &openDraft{id: id, key: path, users: 1, lock: f}
			held[path], s.using[id] = st, st
			return st, nil
		}
		f.Close()
		if tries == 5 {
			return nil, fmt.Errorf("lock draft %s: its lock file keeps being removed", id)
		}
	}
}

// release stops this store's use of a draft, and lets its lock go when no store of the process
// uses it; with removeLock (the draft is gone), at once, lock file and all.
func (s *Store) release(id string, removeLock bool) {
	st, ok := s.using[id]
	if !ok {
		return
	}
	delete(s.using, id)
	if st.closed {
		return
	}
	if st.users--; st.users > 0 && !removeLock {
		return
	}
	if st.file != nil {
		st.file.Close()
	}
	if st.seen != nil {
		st.seen.Close()
	}
	if removeLock {
		os.Remove(st.key)
	}
	st.lock.Close()
	st.closed = true
	delete(held, st.key)
}

// publicMeta is the listing in each record: what `drafts` shows, never an answer. The label is
// sealed (see sealLabel).
type publicMeta struct {
	Set      string    `json:"set"`
	Answered int       `json:"answered"`
	Started  time.Time `json:"started"`
	Saved    time.Time `json:"saved"`
	Training bool      `json:"training,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	Label    string    `json:"label,omitempty"`
}

// entry is a record's encrypted content: the whole draft, or what changed since the record
// before (Answers and Notes then hold only the changed ones).
type entry struct {
	Kind       string   `json:"kind"` // "snapshot" or "delta"
	Draft      Draft    `json:"draft"`
	Unanswered []string `json:"unanswered,omitempty"` // questions no longer answered
	Unnoted    []string `json:"unnoted,omitempty"`    // sections whose note was removed
}

// Save records the draft: a record appended to its journal with what changed since the last
// save, encrypted, authenticated and fsynced, so that a save costs the same however many
// answers there are. A save that fails is a *SaveError saying what the draft on disk holds;
// the draft in memory is untouched. Save needs no passphrase.
func (s *Store) Save(d *Draft) error {
	if err := checkID(d.ID); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if err := CheckLabel(d.Label); err != nil {
		return fmt.Errorf("save draft %s: %w", d.ID, err)
	}
	if d.Format == "" {
		d.Format = Format
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	st, err := s.acquire(d.ID)
	if err != nil {
		return fmt.Errorf("save draft %s: %w", d.ID, err)
	}
	if st.seen == nil {
		if err := s.attach(st); err != nil {
			return fmt.Errorf("save draft %s: %w", d.ID, err)
		}
	}
	if err := s.appendSave(st, d); err != nil {
		return &SaveError{ID: d.ID, LastSave: st.save, LastAnswered: st.answered, LastSaved: st.saved, Err: err}
	}
	return nil
}

// attach finds where a draft's journal ends, for a draft this store has neither saved nor
// loaded: without the passphrase it cannot read it, so the next save will be whole.
func (s *Store) attach(st *openDraft) error {
	sn, err := readSeen(s.dirs, st.id)
	if err != nil {
		return err
	}
	path := s.dirs.journalPath(st.id)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && sn.deleted:
		return fmt.Errorf("%w: the draft was deleted after its summary was written; it is not saved again", ErrRolledBack)
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		j, err := readJournal(data, st.id, s.keys.macKey())
		if err != nil {
			return fmt.Errorf("%w; it was left as it is", err)
		}
		if err := checkNewest(j, sn); err != nil {
			return fmt.Errorf("%w; it was left as it is", err)
		}
		last := j.records[len(j.records)-1]
		var m publicMeta
		_ = json.Unmarshal(last.meta, &m)
		if err := st.openJournal(path); err != nil {
			return err
		}
		st.save, st.mac, st.end, st.dirty, st.answered, st.saved = last.save, last.mac, j.end, j.torn, m.Answered, m.Saved
	}
	f, err := openSeen(s.dirs, st.id)
	if err != nil {
		return err
	}
	st.seen = f
	return nil
}

// checkNewest refuses a journal older than the newest save recorded, or a deleted draft.
func checkNewest(j journal, sn seen) error {
	if len(j.records) == 0 {
		return fmt.Errorf("%w: it holds no complete save", ErrForged)
	}
	last := j.records[len(j.records)-1].save
	switch {
	case sn.deleted:
		return fmt.Errorf("%w: the draft was deleted after save %d (its summary was written), and a copy was put back", ErrRolledBack, sn.save)
	case last < sn.save:
		return fmt.Errorf("%w: it holds save %d, but save %d was made since", ErrRolledBack, last, sn.save)
	}
	return nil
}

func (st *openDraft) openJournal(path string) error {
	if st.file != nil {
		st.file.Close()
		st.file = nil
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	st.file, st.info = f, info
	return nil
}

func (s *Store) appendSave(st *openDraft, d *Draft) error {
	e, edits := st.change(d)
	meta, err := s.publicMeta(st, d)
	if err != nil {
		return err
	}
	payload, err := s.encrypt(e)
	if err != nil {
		return err
	}
	path := s.dirs.journalPath(d.ID)
	save := st.save + 1
	var mac [macSize]byte
	var end int64
	if st.file == nil {
		var buf []byte
		buf, mac = appendRecord([]byte(journalHeader), s.keys.macKey(), d.ID, [macSize]byte{}, save, meta, payload)
		if err := writeNew(s.dirs.draftsDir(), d.ID+".draft", buf); err != nil {
			return err
		}
		if err := st.openJournal(path); err != nil {
			return err
		}
		// The record is in the file, fsynced: the next save follows it, even if the folder's
		// entry cannot be synced now.
		st.save, st.mac, st.end, st.answered, st.saved = save, mac, int64(len(buf)), len(d.Answers), d.Saved
		if err := syncDir(s.dirs.draftsDir()); err != nil {
			return err
		}
		end = int64(len(buf))
	} else {
		// Saves go to the file this store opened: one put in its place would lose them.
		if there, err := os.Stat(path); err != nil || !os.SameFile(there, st.info) {
			return fmt.Errorf("the draft file %s was removed or replaced while the interview was open", path)
		}
		var buf []byte
		buf, mac = appendRecord(nil, s.keys.macKey(), d.ID, st.mac, save, meta, payload)
		st.dirty = true // until the record is whole and synced
		if _, err := st.file.WriteAt(buf, st.end); err != nil {
			return err
		}
		end = st.end + int64(len(buf))
		if err := st.file.Truncate(end); err != nil {
			return err
		}
		if err := st.file.Sync(); err != nil {
			return err
		}
	}
	st.save, st.mac, st.end, st.dirty = save, mac, end, false
	st.answered, st.saved = len(d.Answers), d.Saved
	st.remember(d, edits)
	// Not fatal: the save itself is on disk; only an older copy's being put back would go unseen.
	_ = writeSeen(st.seen, seen{save: save})
	return nil
}

// change is what goes in the next record: the whole draft when the store does not know the
// last save's content, otherwise only what changed (and the edits that bring the store's copy
// of the last save up to date once the record is on disk).
func (st *openDraft) change(d *Draft) (entry, []edit) {
	e := entry{Kind: "snapshot", Draft: *d}
	if !st.known {
		return e, nil
	}
	e.Kind = "delta"
	e.Draft.Answers, e.Draft.Notes = nil, nil
	edits, ok := diff(st.last, d.Answers)
	if !ok { // not in question order, as Record leaves them: sort a copy
		sorted := slices.Clone(d.Answers)
		slices.SortFunc(sorted, func(a, b Answer) int { return strings.Compare(a.Question, b.Question) })
		edits, _ = diff(st.last, sorted)
	}
	for _, ed := range edits {
		if ed.remove {
			e.Unanswered = append(e.Unanswered, ed.answer.Question)
		} else {
			e.Draft.Answers = append(e.Draft.Answers, ed.answer)
		}
	}
	now := make(map[string]bool, len(d.Notes))
	for _, n := range d.Notes {
		now[n.Section] = true
		if old, ok := st.notes[n.Section]; !ok || old != n.Text {
			e.Draft.Notes = append(e.Draft.Notes, n)
		}
	}
	for sec := range st.notes {
		if !now[sec] {
			e.Unnoted = append(e.Unnoted, sec)
		}
	}
	slices.Sort(e.Unnoted)
	return e, edits
}

// edit is one difference between the last save's answers and the draft's.
type edit struct {
	at     int // index in the last save's answers: the one changed or removed, or where to insert
	insert bool
	remove bool
	answer Answer
}

// diff walks two lists of answers sorted by question in one pass, with no map: a save's cost
// barely grows with the number of answers. It reports false when cur is not sorted.
func diff(last, cur []Answer) ([]edit, bool) {
	var edits []edit
	i, j := 0, 0
	for i < len(last) || j < len(cur) {
		var order int
		switch {
		case j == len(cur):
			order = -1
		case i == len(last):
			order = 1
		case last[i].Question == cur[j].Question: // the common case, often the very same string
		default:
			order = strings.Compare(last[i].Question, cur[j].Question)
		}
		switch {
		case order < 0:
			edits = append(edits, edit{at: i, remove: true, answer: last[i]})
			i++
			continue
		case order > 0:
			edits = append(edits, edit{at: i, insert: true, answer: cur[j]})
		default:
			if !sameAnswer(last[i], cur[j]) {
				edits = append(edits, edit{at: i, answer: cur[j]})
			}
			i++
		}
		if j++; j < len(cur) && cur[j-1].Question >= cur[j].Question {
			return nil, false
		}
	}
	return edits, true
}

func sameAnswer(a, b Answer) bool {
	return a.Question == b.Question && a.State == b.State && a.Text == b.Text && a.Number == b.Number && a.At.Equal(b.At) && slices.Equal(a.Choices, b.Choices)
}

// remember brings the store's copy of the last save up to date: the draft's answers, or the
// edits the saved record made to them.
func (st *openDraft) remember(d *Draft, edits []edit) {
	if !st.known {
		st.last = make([]Answer, len(d.Answers))
		for i, a := range d.Answers {
			a.Choices = slices.Clone(a.Choices)
			st.last[i] = a
		}
		slices.SortFunc(st.last, func(a, b Answer) int { return strings.Compare(a.Question, b.Question) })
		st.notes, st.known = map[string]string{}, true
	} else {
		// Backwards, so that each edit's index still holds.
		for _, ed := range slices.Backward(edits) {
			a := ed.answer
			a.Choices = slices.Clone(a.Choices)
			switch {
			case ed.remove:
				st.last = slices.Delete(st.last, ed.at, ed.at+1)
			case ed.insert:
				st.last = slices.Insert(st.last, ed.at, a)
			default:
				st.last[ed.at] = a
			}
		}
	}
	clear(st.notes)
	for _, n := range d.Notes {
		st.notes[n.Section] = n.Text
	}
}

func (s *Store) publicMeta(st *openDraft, d *Draft) ([]byte, error) {
	if d.Label != st.label || (d.Label != "" && st.sealedLabel == "") {
		sealed := ""
		if d.Label != "" {
			var err error
			if sealed, err = sealLabel(s.keys.labelKey(), d.ID, d.Label); err != nil {
				return nil, err
			}
		}
		st.label, st.sealedLabel = d.Label, sealed
	}
	return json.Marshal(publicMeta{Set: d.Set.ID + "@" + d.Set.Version, Answered: len(d.Answers), Started: d.Started, Saved: d.Saved, Training: d.Training, Lang: d.Lang, Label: st.sealedLabel})
}

func (s *Store) encrypt(e entry) ([]byte, error) {
	plain, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	defer clear(plain)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, s.keys.recipient)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(plain); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// labelAAD binds a sealed label to its draft.
func labelAAD(id string) []byte { return []byte("safeharbor-label/v1\x00" + id) }

// sealLabel encrypts the case label with a key derived from the private key (AES-256-GCM):
// listed on this account without the passphrase, unreadable from the drafts folder alone.
func sealLabel(key []byte, id, label string) (string, error) {
	gcm, err := labelCipher(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawStdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(label), labelAAD(id))), nil
}

func openLabel(key []byte, id, sealed string) (string, error) {
	gcm, err := labelCipher(key)
	if err != nil {
		return "", err
	}
	data, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(data) < gcm.NonceSize() {
		return "", errors.New("not a sealed label")
	}
	plain, err := gcm.Open(nil, data[:gcm.NonceSize()], data[gcm.NonceSize():], labelAAD(id))
	return string(plain), err
}

func labelCipher(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

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

// Load opens a draft with the key, and keeps it locked to this store. A draft another session
// has open is an *InUseError; one that fails authentication is ErrForged, and an older copy
// or a deleted one put back is ErrRolledBack: each is left as it is. A last save cut off by a
// crash is dropped, the ones before it kept. A good draft is compacted to one record.
func (s *Store) Load(id, passphrase string) (*Draft, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	path := s.dirs.journalPath(id)
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		if _, err := os.Lstat(filepath.Join(s.dirs.draftsDir(), id+".age")); err == nil {
			return nil, fmt.Errorf("open draft %s: %s; it was left as it is", id, legacyProblem)
		}
		return nil, fmt.Errorf("%w: %s", ErrNoDraft, id)
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	st, err := s.acquire(id)
	if err != nil {
		return nil, err
	}
	ident, err := s.identity(passphrase)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open draft %s: %w", id, err)
	}
	j, err := readJournal(data, id, s.keys.macKey())
	if err != nil {
		return nil, fmt.Errorf("open draft %s: %w; it was left as it is", id, err)
	}
	sn, err := readSeen(s.dirs, id)
	if err != nil {
		return nil, err
	}
	if err := checkNewest(j, sn); err != nil {
		return nil, fmt.Errorf("open draft %s: %w; it was left as it is", id, err)
	}
	d, err := replay(j, ident)
	if err != nil {
		return nil, fmt.Errorf("open draft %s: %w; it was left as it is", id, err)
	}
	if d.ID != id {
		return nil, fmt.Errorf("open draft %s: %w: it holds draft %s; it was left as it is", id, ErrForged, d.ID)
	}
	last := j.records[len(j.records)-1]
	if err := st.openJournal(path); err != nil {
		return nil, fmt.Errorf("open draft %s: %w", id, err)
	}
	if st.seen == nil {
		if st.seen, err = openSeen(s.dirs, id); err != nil {
			return nil, err
		}
	}
	st.save, st.mac, st.end, st.dirty, st.answered, st.saved = last.save, last.mac, j.end, j.torn, len(d.Answers), d.Saved
	st.known = false
	st.remember(d, nil)
	st.label, st.sealedLabel = "", ""
	if len(j.records) > 1 || j.torn {
		// Best effort: a draft that cannot be compacted (a full disk) is still read whole.
		_ = s.compact(st, d)
	}
	d.Meta = d.meta()
	d.Meta.Save = st.save
	return d, nil
}

// replay rebuilds the draft from its records.
func replay(j journal, ident age.Identity) (*Draft, error) {
	var d Draft
	answersByQ := map[string]Answer{}
	notesBySec := map[string]string{}
	for i, r := range j.records {
		plain, err := decryptRecord(r.payload, ident)
		if err != nil {
			return nil, fmt.Errorf("save %d cannot be decrypted with this key (%v)", r.save, err)
		}
		var e entry
		dec := json.NewDecoder(bytes.NewReader(plain))
		dec.DisallowUnknownFields()
		err = dec.Decode(&e)
		clear(plain)
		known := e.Kind == "snapshot" || e.Kind == "delta"
		if err != nil || e.Draft.Format != Format || !known || (i == 0 && e.Kind != "snapshot") {
			return nil, fmt.Errorf("save %d is not a draft this version reads (%v)", r.save, err)
		}
		if e.Kind == "snapshot" {
			clear(answersByQ)
			clear(notesBySec)
		}
		for _, a := range e.Draft.Answers {
			answersByQ[a.Question] = a
		}
		for _, q := range e.Unanswered {
			delete(answersByQ, q)
		}
		for _, n := range e.Draft.Notes {
			notesBySec[n.Section] = n.Text
		}
		for _, sec := range e.Unnoted {
			delete(notesBySec, sec)
		}
		d = e.Draft
	}
	d.Answers = make([]Answer, 0, len(answersByQ))
	for _, a := range answersByQ {
		d.Answers = append(d.Answers, a)
	}
	slices.SortFunc(d.Answers, func(a, b Answer) int { return strings.Compare(a.Question, b.Question) })
	d.Notes = make([]Note, 0, len(notesBySec))
	for sec, text := range notesBySec {
		d.Notes = append(d.Notes, Note{Section: sec, Text: text})
	}
	slices.SortFunc(d.Notes, func(a, b Note) int { return strings.Compare(a.Section, b.Section) })
	return &d, nil
}

func decryptRecord(payload []byte, ident age.Identity) ([]byte, error) {
	r, err := age.Decrypt(bytes.NewReader(payload), ident)
	if err != nil {
		return nil, err
	}
	// age authenticates every chunk: a changed byte stops it here.
	return io.ReadAll(r)
}

// compact writes the draft as a journal of one record, in place of the old one, atomically.
// Its save number follows the old journal's, so that the old journal is an older copy.
func (s *Store) compact(st *openDraft, d *Draft) error {
	meta, err := s.publicMeta(st, d)
	if err != nil {
		return err
	}
	payload, err := s.encrypt(entry{Kind: "snapshot", Draft: *d})
	if err != nil {
		return err
	}
	save := st.save + 1
	buf, mac := appendRecord([]byte(journalHeader), s.keys.macKey(), d.ID, [macSize]byte{}, save, meta, payload)
	dir := s.dirs.draftsDir()
	tmp, err := writeTemp(dir, d.ID+".draft", buf)
	if err != nil {
		return err
	}
	path := s.dirs.journalPath(d.ID)
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	// From here the new file is the draft.
	st.save, st.mac, st.end, st.dirty = save, mac, int64(len(buf)), false
	if err := st.openJournal(path); err != nil {
		return err
	}
	_ = writeSeen(st.seen, seen{save: save})
	return syncDir(dir)
}

// Delete removes a draft, once its summary is durably written (the caller's part: fsync the
// summary first). The deletion is recorded in seen/ before the draft goes, so that a copy put
// back later is refused; temporary files the draft left go too.
func (s *Store) Delete(id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	heldMu.Lock()
	defer heldMu.Unlock()
	err := s.delete(id)
	sweep(s.dirs)
	return err
}

func (s *Store) delete(id string) error {
	dir := s.dirs.draftsDir()
	paths := []string{s.dirs.journalPath(id), filepath.Join(dir, id+".age"), filepath.Join(dir, id+".json")}
	exists := false
	for _, p := range paths[:2] {
		if _, err := os.Lstat(p); err == nil {
			exists = true
		}
	}
	if !exists {
		return fmt.Errorf("%w: %s", ErrNoDraft, id)
	}
	st, err := s.acquire(id)
	if err != nil {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	defer s.release(id, true)
	sn, err := readSeen(s.dirs, id)
	if err != nil {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	f, err := openSeen(s.dirs, id)
	if err != nil {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	defer f.Close()
	if err := writeSeen(f, seen{save: max(sn.save, st.save), deleted: true}); err != nil {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("delete draft %s: %w", id, err)
	}
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("delete draft %s: %w", id, err)
		}
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if tempOf(e.Name()) == id {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	return syncDir(dir)
}

// Delete removes a draft and what it left, with no key needed; see Store.Delete. It also
// removes the temporary files every other draft not open in a session left.
func Delete(dirs Dirs, id string) error {
	s := &Store{dirs: dirs, using: map[string]*openDraft{}}
	defer s.Close()
	return s.Delete(id)
}

// sweep removes the temporary files a killed save left, each an encrypted copy of a draft,
// and the lock files of drafts that are gone; not those of a draft open in a session, which
// may be writing one.
func sweep(dirs Dirs) {
	dir := dirs.draftsDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	leftovers := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		if id := tempOf(name); id != "" {
			leftovers[id] = append(leftovers[id], name)
		} else if id, ok := strings.CutSuffix(strings.TrimPrefix(name, "."), ".lock"); ok && strings.HasPrefix(name, ".") && checkID(id) == nil {
			if _, ok := leftovers[id]; !ok {
				leftovers[id] = nil
			}
		}
	}
	for id, names := range leftovers {
		lock, err := lockPath(dirs.lockPath(id), 0)
		if err != nil {
			continue // open in a session
		}
		for _, name := range names {
			os.Remove(filepath.Join(dir, name))
		}
		_, err1 := os.Lstat(dirs.journalPath(id))
		_, err2 := os.Lstat(filepath.Join(dir, id+".age"))
		if errors.Is(err1, os.ErrNotExist) && errors.Is(err2, os.ErrNotExist) {
			os.Remove(dirs.lockPath(id))
		}
		lock.Close()
	}
}

const legacyProblem = "it was saved by an earlier safeharbor, which did not authenticate drafts, so it cannot be told from a forged one and is not opened"

// List returns the drafts in dirs, most recently saved first. It needs no passphrase: each
// draft's listing is its newest save's, checked with the key when the key can be read (an
// unreadable key leaves it unchecked, and the labels out).
func List(dirs Dirs) ([]Meta, error) {
	entries, err := os.ReadDir(dirs.draftsDir())
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	keys, _, err := checkKey(dirs.Config, "")
	if err != nil {
		keys = nil
	}
	var out []Meta
	for _, e := range entries {
		name := e.Name()
		id, ext, _ := strings.Cut(name, ".")
		if checkID(id) != nil {
			continue
		}
		var m Meta
		switch ext {
		case "draft":
			m = listDraft(dirs, id, keys)
		case "age":
			if _, err := os.Lstat(dirs.journalPath(id)); err == nil {
				continue
			}
			m = Meta{ID: id, Problem: legacyProblem}
		default:
			continue
		}
		if m.Started.IsZero() {
			m.Started, _ = time.ParseInLocation("20060102-150405", id[:15], time.UTC)
		}
		if m.Saved.IsZero() {
			if info, err := e.Info(); err == nil {
				m.Saved = info.ModTime()
			}
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Meta) int { return b.Saved.Compare(a.Saved) })
	return out, nil
}

func listDraft(dirs Dirs, id string, keys *keyring) Meta {
	m := Meta{ID: id}
	data, err := os.ReadFile(dirs.journalPath(id))
	if err != nil {
		m.Problem = fmt.Sprintf("it cannot be read: %v", err)
		return m
	}
	var macKey []byte
	if keys != nil {
		macKey = keys.macKey()
	}
	j, err := readJournal(data, id, macKey)
	if err != nil {
		m.Problem = err.Error() + ": resume will refuse it"
		j, _ = readJournal(data, id, nil)
	} else if keys != nil {
		if sn, err := readSeen(dirs, id); err == nil {
			if err := checkNewest(j, sn); err != nil {
				m.Problem = err.Error() + ": resume will refuse it"
			}
		}
	}
	if len(j.records) == 0 {
		if m.Problem == "" {
			m.Problem = "it holds no complete save"
		}
		return m
	}
	last := j.records[len(j.records)-1]
	var pm publicMeta
	if err := json.Unmarshal(last.meta, &pm); err != nil && m.Problem == "" {
		m.Problem = "its listing cannot be read"
	}
	m.Set, m.Answered, m.Started, m.Saved, m.Training, m.Lang, m.Save = pm.Set, pm.Answered, pm.Started, pm.Saved, pm.Training, pm.Lang, last.save
	if pm.Label != "" && keys != nil {
		m.Label, _ = openLabel(keys.labelKey(), id, pm.Label)
	}
	return m
}
