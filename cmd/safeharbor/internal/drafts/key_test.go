package drafts

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
)

// The helper process: the test binary run again, as a second safeharbor would be. It waits for
// a go signal (a file appearing) so that the processes of one round start at the same moment.
func TestMain(m *testing.M) {
	scryptWorkFactor = 10 // passphrases cheap to try: these keys protect nothing
	switch os.Getenv("DRAFTS_TEST_HELPER") {
	case "save":
		os.Exit(helperSave())
	case "hold":
		os.Exit(helperHold())
	}
	os.Exit(m.Run())
}

func helperSave() int {
	dirs := Dirs{Config: os.Getenv("DRAFTS_TEST_CONFIG"), State: os.Getenv("DRAFTS_TEST_STATE")}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(os.Getenv("DRAFTS_TEST_GO")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "helper: no go signal")
			return 3
		}
		time.Sleep(time.Millisecond)
	}
	s, err := Open(dirs, "")
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	d := New(SetRef{ID: "post-return", Version: "1.0.0", SHA256: "abc"}, time.Now(), false)
	d.Record(snapshot(), time.Now())
	if err := s.Save(d); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	return 0
}

// Two interviews starting at once on a fresh account: one key is made, and every draft either
// of them saved can be opened.
func TestFirstUseRace(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const rounds, processes = 25, 2
	unreadable := 0
	for round := range rounds {
		dirs := testDirs(t)
		goFile := filepath.Join(t.TempDir(), "go")
		var cmds []*exec.Cmd
		var outs []*bytes.Buffer
		for range processes {
			cmd := exec.Command(self, "-test.run=^$")
			cmd.Env = append(os.Environ(), "DRAFTS_TEST_HELPER=save", "DRAFTS_TEST_CONFIG="+dirs.Config, "DRAFTS_TEST_STATE="+dirs.State, "DRAFTS_TEST_GO="+goFile)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, &out)
		}
		if err := os.WriteFile(goFile, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d: helper %d: %v\n%s", round, i, err, outs[i])
			}
		}
		s, err := Open(dirs, "")
		if err != nil {
			t.Fatalf("round %d: the key the helpers made does not open: %v", round, err)
		}
		list, err := List(dirs)
		if err != nil || len(list) != processes {
			t.Fatalf("round %d: %d drafts listed (%v), want %d", round, len(list), err, processes)
		}
		for _, m := range list {
			if _, err := s.Load(m.ID, ""); err != nil {
				unreadable++
				t.Errorf("round %d: draft %s: %v", round, m.ID, err)
			}
		}
		_ = s.Close()
	}
	if unreadable > 0 {
		t.Errorf("%d of %d drafts could not be opened", unreadable, rounds*processes)
	}
}

// configFiles is every file in the key folder with its content, to see that nothing changed.
func configFiles(t *testing.T, dirs Dirs) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dirs.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dirs.Config, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

func otherRecipient(t *testing.T) string {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id.Recipient().String() + "\n"
}

// A key whose files do not belong together is refused before anything is saved, and nothing in
// the key folder is made again or changed.
func TestKeyProblemsRefused(t *testing.T) {
	for _, tt := range []struct {
		name       string
		passphrase string
		change     func(t *testing.T, config string)
		want       string
	}{
		{"public key deleted", "", func(t *testing.T, c string) { rm(t, c, "recipient.txt") }, "recipient.txt"},
		{"public key swapped", "", func(t *testing.T, c string) { put(t, c, "recipient.txt", otherRecipient(t)) }, "recipient.txt"},
		{"private key deleted", "", func(t *testing.T, c string) { rm(t, c, "identity.txt") }, "identity"},
		{"private key damaged", "", func(t *testing.T, c string) { put(t, c, "identity.txt", "AGE-SECRET-KEY-1NOPE\n") }, "identity.txt"},
		{"protected: public key deleted", "pass", func(t *testing.T, c string) { rm(t, c, "recipient.txt") }, "recipient.txt"},
		{"protected: public key swapped", "pass", func(t *testing.T, c string) { put(t, c, "recipient.txt", otherRecipient(t)) }, "recipient.txt"},
		{"protected: private key deleted", "pass", func(t *testing.T, c string) { rm(t, c, "identity.age") }, "identity"},
		{"protected and unprotected at once", "pass", func(t *testing.T, c string) { put(t, c, "identity.txt", "AGE-SECRET-KEY-1NOPE\n") }, "identity.txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dirs := testDirs(t)
			s, _ := saved(t, dirs, tt.passphrase)
			_ = s.Close()
			tt.change(t, dirs.Config)
			before := configFiles(t, dirs)
			for _, pass := range []string{"", tt.passphrase} {
				_, err := Open(dirs, pass)
				var keyErr *KeyError
				if !errors.As(err, &keyErr) || !errors.Is(err, ErrKey) || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Open(%q) = %v, want a key error naming %s", pass, err, tt.want)
				}
			}
			if after := configFiles(t, dirs); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the key folder changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func rm(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func put(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// As ssh does: a folder others can write to, owned by someone else, or a symlink is refused.
func TestUnsafeFoldersRefused(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(t *testing.T, dirs Dirs) string // returns the folder that must be named
	}{
		{"key folder group-writable", func(t *testing.T, d Dirs) string { chmod(t, d.Config, 0o770); return d.Config }},
		{"key folder world-writable", func(t *testing.T, d Dirs) string { chmod(t, d.Config, 0o707); return d.Config }},
		{"drafts folder world-writable", func(t *testing.T, d Dirs) string {
			dir := filepath.Join(d.State, "drafts")
			chmod(t, dir, 0o777)
			return dir
		}},
		{"key folder a symlink", func(t *testing.T, d Dirs) string {
			moved := d.Config + ".real"
			if err := os.Rename(d.Config, moved); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(moved, d.Config); err != nil {
				t.Fatal(err)
			}
			return d.Config
		}},
		{"drafts folder owned by someone else", func(t *testing.T, d Dirs) string {
			if os.Getuid() != 0 || runtime.GOOS == "windows" {
				t.Skip("only root can give a folder to someone else")
			}
			dir := filepath.Join(d.State, "drafts")
			if err := os.Chown(dir, 4242, 4242); err != nil {
				t.Fatal(err)
			}
			return dir
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dirs := testDirs(t)
			s, _ := saved(t, dirs, "")
			_ = s.Close()
			folder := tt.change(t, dirs)
			_, err := Open(dirs, "")
			if !errors.Is(err, ErrUnsafeFolder) || !strings.Contains(err.Error(), folder) {
				t.Errorf("Open = %v, want it refused naming %s", err, folder)
			}
		})
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// A passphrase given for a key made without one is not silently ignored.
func TestPassphraseForUnprotectedKeyWarns(t *testing.T) {
	dirs := testDirs(t)
	s, _ := saved(t, dirs, "")
	_ = s.Close()
	s, err := Open(dirs, "a passphrase")
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(s.Warnings(), "\n")
	if !strings.Contains(w, "SAFEHARBOR_PASSPHRASE") || !strings.Contains(w, "safeharbor key passphrase") {
		t.Errorf("warnings %q", w)
	}
	if KeyProtected(dirs) {
		t.Error("the key was changed")
	}
}

func TestChangePassphrase(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	_ = s.Close()
	if err := ChangePassphrase(dirs, "", "new pass"); err != nil {
		t.Fatal(err)
	}
	if !KeyProtected(dirs) {
		t.Fatal("the key is not protected")
	}
	if _, err := os.Stat(filepath.Join(dirs.Config, "identity.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the unprotected key is still there")
	}
	s, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(d.ID, ""); err == nil {
		t.Error("opened without the passphrase")
	}
	got, err := s.Load(d.ID, "new pass")
	if err != nil {
		t.Fatal(err)
	}
	got.Record(snapshot(), time.Now())
	if err := s.Save(got); err != nil {
		t.Errorf("save without the passphrase: %v", err)
	}
	_ = s.Close()
	if err := ChangePassphrase(dirs, "wrong", "x"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong current passphrase: %v", err)
	}
	if err := ChangePassphrase(dirs, "new pass", "newer"); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(d.ID, "newer"); err != nil {
		t.Errorf("the changed passphrase: %v", err)
	}
	_ = s.Close()
}
