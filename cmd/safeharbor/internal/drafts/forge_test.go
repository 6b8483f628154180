package drafts

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// forge writes d as a draft the way someone could who knows the format and the public key, and
// can write the drafts folder, but has not the private key: its records are encrypted to the
// right key, with macs made with a key of their own.
func forge(t *testing.T, dirs Dirs, d *Draft) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dirs.Config, "recipient.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.ParseX25519Recipient(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	d.Format = Format
	plain, _ := json.Marshal(entry{Kind: "snapshot", Draft: *d})
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, r)
	_, _ = w.Write(plain)
	_ = w.Close()
	meta, _ := json.Marshal(publicMeta{Set: d.Set.ID + "@" + d.Set.Version, Answered: len(d.Answers), Started: d.Started, Saved: d.Saved})
	guess := make([]byte, 32)
	_, _ = rand.Read(guess)
	file, _ := appendRecord([]byte(journalHeader), guess, d.ID, [macSize]byte{}, 1, meta, buf.Bytes())
	path := filepath.Join(dirs.State, "drafts", d.ID+".draft")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
