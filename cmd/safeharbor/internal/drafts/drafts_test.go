package drafts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

func testDirs(t testing.TB) Dirs {
	d := t.TempDir()
	return Dirs{Config: filepath.Join(d, "config", "safeharbor"), State: filepath.Join(d, "state", "safeharbor")}
}

func snapshot() screening.Snapshot {
	at := time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)
	return screening.Snapshot{
		Answers: map[string]screening.Answer{
			"room-paid-by": {State: screening.StateAnswered, Text: "my uncle zebra", At: at},
			"slept-where":  {State: screening.StateAnswered, Choices: []string{"friend", "hotel"}, At: at},
			"age":          {State: screening.StateAnswered, Number: 15, At: at},
			"exchange":     {State: screening.StateDeclined, At: at},
		},
		Notes: map[string]string{"while-away": "stayed with people"},
	}
}

func saved(t *testing.T, dirs Dirs, pass string) (*Store, *Draft) {
	t.Helper()
	s, err := Open(dirs, pass)
	if err != nil {
		t.Fatal(err)
	}
	d := New(SetRef{ID: "post-return", Version: "1.0.0", SHA256: "abc"}, time.Now(), false)
	d.Record(snapshot(), time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	return s, d
}

// The XDG spec: a relative path in XDG_CONFIG_HOME or XDG_STATE_HOME is invalid and ignored.
func TestDefaultDirsIgnoreRelativeXDG(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("XDG folders are the default on Linux and the BSDs")
	}
	env := map[string]string{"HOME": "/home/w", "XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": "./state"}
	dirs, err := DefaultDirs(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if want := (Dirs{Config: "/home/w/.config/safeharbor", State: "/home/w/.local/state/safeharbor"}); dirs != want {
		t.Errorf("DefaultDirs = %+v, want %+v", dirs, want)
	}
}

func TestSaveLoad(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	got, err := s.Load(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	sn := got.Snapshot()
	if sn.Answers["room-paid-by"].Text != "my uncle zebra" || sn.Answers["age"].Number != 15 || sn.Answers["exchange"].State != screening.StateDeclined ||
		strings.Join(sn.Answers["slept-where"].Choices, ",") != "friend,hotel" || sn.Notes["while-away"] != "stayed with people" {
		t.Errorf("round trip lost something: %+v", sn)
	}
	list, err := List(dirs)
	if err != nil || len(list) != 1 || list[0].Answered != 4 || list[0].Set != "post-return@1.0.0" {
		t.Errorf("list %+v %v", list, err)
	}
}

// Nothing that carries an answer is on the disk in plain text, and only the owner can read.
func TestNothingReadableOnDisk(t *testing.T) {
	dirs := testDirs(t)
	saved(t, dirs, "")
	root := filepath.Dir(filepath.Dir(dirs.Config))
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		if path != root && filepath.Dir(path) != root {
			mode := info.Mode().Perm()
			if (d.IsDir() && mode != 0o700) || (!d.IsDir() && mode != 0o600) {
				t.Errorf("%s has mode %o", path, mode)
			}
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasSuffix(path, ".tmp") {
			t.Errorf("a temporary file was left: %s", path)
		}
		data, _ := os.ReadFile(path)
		for _, secret := range []string{"zebra", "stayed with people", "hotel"} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q in plain text", path, secret)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTamperedDraftIsRefusedAndKept(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	sn := snapshot()
	sn.Answers["extra"] = answer("one more")
	d.Record(sn, time.Now())
	if err := s.Save(d); err != nil { // a second save, so the changed one is not the last
		t.Fatal(err)
	}
	path := filepath.Join(dirs.State, "drafts", d.ID+".draft")
	data, _ := os.ReadFile(path)
	data[len(journalHeader)+recordHead+30] ^= 0x01 // one bit, in the first save
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load(d.ID, "")
	if !errors.Is(err, ErrForged) || !strings.Contains(err.Error(), "left as it is") {
		t.Errorf("err = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Error("the damaged draft was changed or removed")
	}
}

func TestPassphrase(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "correct horse")
	if !KeyProtected(dirs) {
		t.Fatal("a key created with a passphrase is not protected")
	}
	if _, err := os.Stat(filepath.Join(dirs.Config, "identity.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Error("an unprotected key was written beside the protected one")
	}
	if _, err := s.Load(d.ID, "wrong"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	if _, err := s.Load(d.ID, ""); err == nil || !strings.Contains(err.Error(), "SAFEHARBOR_PASSPHRASE") {
		t.Errorf("no passphrase: %v", err)
	}
	if _, err := s.Load(d.ID, "correct horse"); err != nil {
		t.Errorf("right passphrase: %v", err)
	}
	// Saving needs no passphrase: only the public key.
	_ = s.Close()
	s2, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Save(d); err != nil {
		t.Errorf("save without the passphrase: %v", err)
	}
}

func TestMissingKey(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	if err := os.Remove(filepath.Join(dirs.Config, "identity.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(d.ID, ""); !errors.Is(err, ErrKey) || !strings.Contains(err.Error(), "identity.txt") {
		t.Errorf("err = %v", err)
	}
	if list, _ := List(dirs); len(list) != 1 {
		t.Error("the draft is gone")
	}
}

// A save that cannot be written says why; the draft in memory is untouched.
func TestSaveFailure(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	drafts := filepath.Join(dirs.State, "drafts")
	if err := os.RemoveAll(drafts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(drafts, nil, 0o600); err != nil { // a file where the folder should be
		t.Fatal(err)
	}
	if err := s.Save(d); err == nil || !strings.Contains(err.Error(), "save draft") {
		t.Errorf("err = %v", err)
	}
}

func TestDeleteAndIDs(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	for _, bad := range []string{"", "../x", ".hidden", "no-such"} {
		if err := Delete(dirs, bad); !errors.Is(err, ErrNoDraft) {
			t.Errorf("Delete(%q) = %v", bad, err)
		}
	}
	if err := s.Delete(d.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := List(dirs); len(list) != 0 {
		t.Errorf("left %v", list)
	}
}

// BenchmarkSave is the autosave paid after every answer, in an interview that already holds
// 100, 1,000 or 10,000 answers: each operation changes one answer and saves. Besides the mean it
// reports the median of the saves (ms/save-median), which a slow disk's outliers do not move.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("answers=%d", n), func(b *testing.B) {
			dirs := testDirs(b)
			s, err := Open(dirs, "")
			if err != nil {
				b.Fatal(err)
			}
			d := New(SetRef{ID: "post-return", Version: "1.0.0", SHA256: "abc"}, time.Now(), false)
			sn := screening.Snapshot{Answers: map[string]screening.Answer{}}
			for i := range n {
				sn.Answers[fmt.Sprintf("q%05d", i)] = screening.Answer{State: screening.StateAnswered, Text: "an answer in their own words", At: time.Now()}
			}
			d.Record(sn, time.Now())
			if err := s.Save(d); err != nil {
				b.Fatal(err)
			}
			var took []time.Duration
			i := 0
			for b.Loop() {
				a := &d.Answers[i%n]
				a.Text, a.At = fmt.Sprintf("changed %d", i), time.Now()
				d.Saved = a.At
				start := time.Now()
				if err := s.Save(d); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				i++
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms/save-median")
		})
	}
}
