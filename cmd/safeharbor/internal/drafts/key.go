package drafts

import (
	"bytes"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
)

// The key folder's files.
const (
	recipientFile = "recipient.txt" // the public key drafts are encrypted to
	identityFile  = "identity.txt"  // the private key, unprotected
	protectedFile = "identity.age"  // the private key, encrypted with a passphrase
	macKeyFile    = "mac.key"       // with identity.age: the key drafts are authenticated with
	keyLockFile   = ".lock"         // held while the key is made, checked or changed
	seenFolder    = "seen"          // the newest save of each draft: see seen.go
)

// ErrKey is a drafts key whose files are missing, damaged or do not belong together; errors.Is
// finds it in a *KeyError.
var ErrKey = errors.New("the drafts key cannot be used")

// KeyError says what is wrong with the drafts key and what to do. Nothing was changed.
type KeyError struct {
	Path    string // the file at fault
	Problem string
	Fix     string
}

func (e *KeyError) Error() string {
	return fmt.Sprintf("the drafts key cannot be used: %s. Nothing was saved and nothing was changed. %s", e.Problem, e.Fix)
}

// Is makes errors.Is(err, ErrKey) true.
func (e *KeyError) Is(target error) bool { return target == ErrKey }

// ErrWrongPassphrase is a passphrase that does not open the key.
var ErrWrongPassphrase = errors.New("the passphrase does not open the key")

// scryptWorkFactor is how costly a passphrase is to try (age's default). Tests lower it.
var scryptWorkFactor = 18

// keyWait is how long Open waits for another safeharbor making or changing the key.
const keyWait = 30 * time.Second

// keyring is what saving and listing need, all of it readable without the passphrase.
type keyring struct {
	recipient *age.X25519Recipient
	protected bool
	root      []byte // derived from the private key: see deriveRoot
	tag       []byte // from mac.key: recipientTag of the public key the key was made with
	tagged    string // that public key, for the message when recipient.txt differs
}

// deriveRoot is the secret every draft is authenticated with: derived from the private key
// (its canonical text form), so that only whoever holds that key can make it.
func deriveRoot(id *age.X25519Identity) []byte {
	k, err := hkdf.Key(sha256.New, []byte(id.String()), []byte("safeharbor drafts"), "root/v1", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot give
	}
	return k
}

// subkey is one use of the root key: each use its own key.
func (k *keyring) subkey(use string) []byte {
	out, err := hkdf.Key(sha256.New, k.root, nil, use, 32)
	if err != nil {
		panic(err)
	}
	return out
}

func (k *keyring) macKey() []byte   { return k.subkey("record-mac/v1") }
func (k *keyring) labelKey() []byte { return k.subkey("label/v1") }

// recipientTag binds a public key to the root key: mac.key holds it, so that a swapped
// recipient.txt is seen without the passphrase.
func (k *keyring) recipientTag(recipient string) []byte {
	m := hmac.New(sha256.New, k.subkey("recipient-tag/v1"))
	m.Write([]byte(recipient))
	return m.Sum(nil)
}

// macKeyJSON is mac.key: the root key, for saving without the passphrase, and the tag that
// ties it to recipient.txt.
type macKeyJSON struct {
	Format    string `json:"format"`
	Key       string `json:"key"`
	Recipient string `json:"recipient"`
	Tag       string `json:"tag"`
}

const macKeyFormat = "safeharbor-mac-key/v1"

func encodeMacKey(k *keyring) []byte {
	r := k.recipient.String()
	data, _ := json.MarshalIndent(macKeyJSON{Format: macKeyFormat, Key: hex.EncodeToString(k.root), Recipient: r, Tag: hex.EncodeToString(k.recipientTag(r))}, "", "  ")
	return append(data, '\n')
}

// keyFiles is which of the key's files are there.
type keyFiles struct {
	recipient, identity, protected, macKey bool
}

func statKeyFiles(dir string) keyFiles {
	there := func(name string) bool {
		_, err := os.Lstat(filepath.Join(dir, name))
		return err == nil
	}
	return keyFiles{there(recipientFile), there(identityFile), there(protectedFile), there(macKeyFile)}
}

// lockKey takes the key folder's lock, after checking the folder, and removes what a killed
// key change left behind.
func lockKey(dirs Dirs) (*os.File, error) {
	if err := ensureFolder(dirs.Config); err != nil {
		return nil, err
	}
	lock, err := lockPath(filepath.Join(dirs.Config, keyLockFile), keyWait)
	if errors.Is(err, errBusy) {
		return nil, fmt.Errorf("the drafts key in %s is being made or changed by another safeharbor; try again when it has finished", dirs.Config)
	}
	if err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(dirs.Config); err == nil {
		for _, e := range entries {
			if n := e.Name(); strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") {
				os.Remove(filepath.Join(dirs.Config, n))
			}
		}
	}
	return lock, nil
}

// openKey makes the key if there is none, under the lock, so that two safeharbors starting at
// once make one key; otherwise it checks that the key's files belong together.
func openKey(dirs Dirs, passphrase string) (*keyring, []string, error) {
	lock, err := lockKey(dirs)
	if err != nil {
		return nil, nil, err
	}
	defer lock.Close()
	if f := statKeyFiles(dirs.Config); !f.recipient && !f.identity && !f.protected {
		if err := makeKey(dirs.Config, passphrase); err != nil {
			return nil, nil, err
		}
	}
	return checkKey(dirs.Config, passphrase)
}

// makeKey makes a new key: the private key first, the public key last, none of them ever
// written over an existing file. A crash in between leaves a key that checkKey refuses, never
// one that would silently be made again.
func makeKey(dir, passphrase string) error {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return fmt.Errorf("make the drafts key: %w", err)
	}
	k := &keyring{recipient: id.Recipient(), root: deriveRoot(id)}
	if passphrase == "" {
		if err := writeNew(dir, identityFile, []byte(id.String()+"\n")); err != nil {
			return fmt.Errorf("make the drafts key: %w", err)
		}
	} else {
		sealed, err := sealIdentity(id, passphrase)
		if err != nil {
			return err
		}
		if err := writeNew(dir, protectedFile, sealed); err != nil {
			return fmt.Errorf("make the drafts key: %w", err)
		}
		if err := writeReplace(dir, macKeyFile, encodeMacKey(k)); err != nil {
			return fmt.Errorf("make the drafts key: %w", err)
		}
	}
	if err := writeNew(dir, recipientFile, []byte(id.Recipient().String()+"\n")); err != nil {
		return fmt.Errorf("make the drafts key: %w", err)
	}
	return syncDir(dir)
}

func sealIdentity(id *age.X25519Identity, passphrase string) ([]byte, error) {
	sr, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("protect the key: %w", err)
	}
	sr.SetWorkFactor(scryptWorkFactor)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, sr)
	if err != nil {
		return nil, fmt.Errorf("protect the key: %w", err)
	}
	if _, err := io.WriteString(w, id.String()+"\n"); err != nil {
		return nil, fmt.Errorf("protect the key: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("protect the key: %w", err)
	}
	return buf.Bytes(), nil
}

// checkKey reads the key's public parts and checks they belong to the private key: with an
// unprotected key, against the key itself; with a protected one, against the tag in mac.key.
func checkKey(dir, passphrase string) (*keyring, []string, error) {
	f := statKeyFiles(dir)
	rPath, iPath, pPath, mPath := filepath.Join(dir, recipientFile), filepath.Join(dir, identityFile), filepath.Join(dir, protectedFile), filepath.Join(dir, macKeyFile)
	switch {
	case f.identity && f.protected:
		return nil, nil, &KeyError{
			Path:    iPath,
			Problem: fmt.Sprintf("there are two private keys, %s (unprotected) and %s (protected by a passphrase); a change of passphrase may have been cut off", iPath, pPath),
			Fix:     "Run `safeharbor key passphrase` with the passphrase of identity.age: it keeps identity.age and removes identity.txt when both hold the same key.",
		}
	case !f.identity && !f.protected:
		return nil, nil, &KeyError{
			Path:    iPath,
			Problem: fmt.Sprintf("the private key (%s or %s) is missing, but the public key %s is there: drafts saved now could never be opened", iPath, pPath, rPath),
			Fix:     fmt.Sprintf("Put the private key back from a backup. To start again with a new key, move %s away: drafts saved with the old key can then never be opened.", rPath),
		}
	}
	var id *age.X25519Identity
	if f.identity {
		var err error
		if id, err = readIdentity(iPath); err != nil {
			return nil, nil, err
		}
	}
	if !f.recipient {
		fix := "Run `safeharbor key passphrase`: it writes the public key again from the private key."
		if id != nil {
			fix = fmt.Sprintf("Put it back: echo %s > %s (or run `safeharbor key passphrase`, which also protects the key).", id.Recipient(), rPath)
		}
		return nil, nil, &KeyError{Path: rPath, Problem: fmt.Sprintf("the public key %s is missing, but the private key is there; no new key is made, since that would make every draft unreadable", rPath), Fix: fix}
	}
	data, err := os.ReadFile(rPath)
	if err != nil {
		return nil, nil, &KeyError{Path: rPath, Problem: fmt.Sprintf("%s cannot be read: %v", rPath, err), Fix: "Check the file's owner and permissions."}
	}
	recipient, err := age.ParseX25519Recipient(strings.TrimSpace(string(data)))
	if err != nil {
		return nil, nil, &KeyError{Path: rPath, Problem: fmt.Sprintf("%s is not an age public key: %v", rPath, err), Fix: "Run `safeharbor key passphrase`: it writes the public key again from the private key."}
	}
	k := &keyring{recipient: recipient}
	var warnings []string
	if id != nil {
		if id.Recipient().String() != recipient.String() {
			return nil, nil, &KeyError{
				Path:    rPath,
				Problem: fmt.Sprintf("%s holds %s, which is not the public key of the private key %s: drafts saved to it could not be opened here", rPath, recipient, iPath),
				Fix:     fmt.Sprintf("If you did not change it, someone else may have. Put back the right public key: echo %s > %s", id.Recipient(), rPath),
			}
		}
		k.root = deriveRoot(id)
		if passphrase != "" {
			warnings = append(warnings, "SAFEHARBOR_PASSPHRASE is set, but the drafts key was made without a passphrase, so the passphrase protects nothing. To protect the key with it, run `safeharbor key passphrase`.")
		}
		return k, warnings, nil
	}
	k.protected = true
	if !f.macKey {
		if passphrase == "" {
			return nil, nil, &KeyError{
				Path:    mPath,
				Problem: fmt.Sprintf("%s, which lets drafts be saved and checked without the passphrase, is missing", mPath),
				Fix:     "Run `safeharbor key passphrase` (or set SAFEHARBOR_PASSPHRASE once): it makes it again from the private key.",
			}
		}
		id, err := unsealIdentity(pPath, passphrase)
		if err != nil {
			return nil, nil, err
		}
		if id.Recipient().String() != recipient.String() {
			return nil, nil, &KeyError{
				Path:    rPath,
				Problem: fmt.Sprintf("%s holds %s, which is not the public key of the private key %s", rPath, recipient, pPath),
				Fix:     fmt.Sprintf("If you did not change it, someone else may have. Put back the right public key: echo %s > %s", id.Recipient(), rPath),
			}
		}
		k.root = deriveRoot(id)
		if err := writeReplace(dir, macKeyFile, encodeMacKey(k)); err != nil {
			return nil, nil, err
		}
		return k, nil, syncDir(dir)
	}
	if err := readMacKey(mPath, k); err != nil {
		return nil, nil, err
	}
	if !hmac.Equal(k.recipientTag(recipient.String()), k.tag) {
		return nil, nil, &KeyError{
			Path:    rPath,
			Problem: fmt.Sprintf("%s holds %s, but the key was made with %s: drafts saved to it could not be opened here", rPath, recipient, k.tagged),
			Fix:     "If you did not change it, someone else may have. Run `safeharbor key passphrase`: it checks the private key and writes its public key again.",
		}
	}
	return k, nil, nil
}

func readIdentity(path string) (*age.X25519Identity, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s cannot be read: %v", path, err), Fix: "Check the file's owner and permissions."}
	}
	return parseIdentity(path, data)
}

func parseIdentity(path string, data []byte) (*age.X25519Identity, error) {
	var line string
	for l := range strings.Lines(string(data)) {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			line = l
			break
		}
	}
	id, err := age.ParseX25519Identity(line)
	if err != nil {
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s is damaged: %v", path, err), Fix: "Put it back from a backup."}
	}
	return id, nil
}

// unsealIdentity opens the passphrase-protected private key.
func unsealIdentity(path, passphrase string) (*age.X25519Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s cannot be read: %v", path, err), Fix: "Check the file's owner and permissions."}
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
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s is damaged: %v", path, err), Fix: "Put it back from a backup."}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &KeyError{Path: path, Problem: fmt.Sprintf("the private key %s is damaged: %v", path, err), Fix: "Put it back from a backup."}
	}
	defer clear(data)
	return parseIdentity(path, data)
}

func readMacKey(path string, k *keyring) error {
	bad := func(why string) error {
		return &KeyError{Path: path, Problem: fmt.Sprintf("%s is damaged (%s)", path, why), Fix: "Run `safeharbor key passphrase`: it makes it again from the private key."}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return bad(err.Error())
	}
	var m macKeyJSON
	if err := json.Unmarshal(data, &m); err != nil || m.Format != macKeyFormat {
		return bad("not a " + macKeyFormat + " file")
	}
	root, err1 := hex.DecodeString(m.Key)
	tag, err2 := hex.DecodeString(m.Tag)
	if err1 != nil || err2 != nil || len(root) != 32 || len(tag) != sha256.Size {
		return bad("its key or tag is not 32 bytes of hex")
	}
	k.root, k.tag, k.tagged = root, tag, m.Recipient
	return nil
}

// KeyProtected reports whether the key needs a passphrase to open drafts.
func KeyProtected(dirs Dirs) bool {
	_, err := os.Stat(filepath.Join(dirs.Config, protectedFile))
	return err == nil
}

// ChangePassphrase protects the drafts key with next, or changes its passphrase from current.
// With no key yet, it makes one protected by next. The private key stays the same, so every
// draft can still be opened; recipient.txt and mac.key are written again from it, which also
// repairs a missing public key.
func ChangePassphrase(dirs Dirs, current, next string) error {
	if next == "" {
		return errors.New("the new passphrase is empty")
	}
	lock, err := lockKey(dirs)
	if err != nil {
		return err
	}
	defer lock.Close()
	dir := dirs.Config
	f := statKeyFiles(dir)
	if !f.recipient && !f.identity && !f.protected {
		return makeKey(dir, next)
	}
	rPath, iPath, pPath := filepath.Join(dir, recipientFile), filepath.Join(dir, identityFile), filepath.Join(dir, protectedFile)
	var id *age.X25519Identity
	switch {
	case f.protected:
		if id, err = unsealIdentity(pPath, current); err != nil {
			return err
		}
		if f.identity {
			plain, err := readIdentity(iPath)
			if err != nil {
				return err
			}
			if plain.String() != id.String() {
				return &KeyError{Path: iPath, Problem: fmt.Sprintf("%s and %s hold two different private keys", iPath, pPath), Fix: "Keep the one your drafts were saved with and move the other away."}
			}
		}
	case f.identity:
		if id, err = readIdentity(iPath); err != nil {
			return err
		}
	default:
		_, _, err := checkKey(dir, "")
		return err
	}
	if f.recipient {
		data, err := os.ReadFile(rPath)
		if err != nil {
			return fmt.Errorf("read %s: %w", rPath, err)
		}
		if got := strings.TrimSpace(string(data)); got != id.Recipient().String() {
			return &KeyError{
				Path:    rPath,
				Problem: fmt.Sprintf("%s holds %s, which is not the public key of the private key (%s)", rPath, got, id.Recipient()),
				Fix:     fmt.Sprintf("If you did not change it, someone else may have. Move %s away and run this again: it writes the right one.", rPath),
			}
		}
	}
	k := &keyring{recipient: id.Recipient(), root: deriveRoot(id), protected: true}
	sealed, err := sealIdentity(id, next)
	if err != nil {
		return err
	}
	// mac.key first: until identity.age is written, identity.txt is still the key in use.
	if err := writeReplace(dir, macKeyFile, encodeMacKey(k)); err != nil {
		return err
	}
	if f.protected {
		err = writeReplace(dir, protectedFile, sealed) // the same private key, another passphrase
	} else {
		err = writeNew(dir, protectedFile, sealed)
	}
	if err != nil {
		return err
	}
	if !f.recipient {
		if err := writeNew(dir, recipientFile, []byte(id.Recipient().String()+"\n")); err != nil {
			return err
		}
	}
	if f.identity {
		if err := os.Remove(iPath); err != nil {
			return fmt.Errorf("remove the unprotected key %s: %w", iPath, err)
		}
	}
	return syncDir(dir)
}
