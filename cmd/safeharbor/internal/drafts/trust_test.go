package drafts

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// helperHold opens a draft, says so, and keeps it open until its input ends.
func helperHold() int {
	dirs := Dirs{Config: os.Getenv("DRAFTS_TEST_CONFIG"), State: os.Getenv("DRAFTS_TEST_STATE")}
	s, err := Open(dirs, "")
	if err == nil {
		_, err = s.Load(os.Getenv("DRAFTS_TEST_ID"), "")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		return 1
	}
	fmt.Println("open")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// Two sessions on one draft: while another process has it open, it is refused at once.
func TestOpenDraftIsLocked(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	_ = s.Close()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	other := exec.Command(self, "-test.run=^$")
	other.Env = append(os.Environ(), "DRAFTS_TEST_HELPER=hold", "DRAFTS_TEST_CONFIG="+dirs.Config, "DRAFTS_TEST_STATE="+dirs.State, "DRAFTS_TEST_ID="+d.ID)
	stdin, err := other.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := other.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	other.Stderr = os.Stderr
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer other.Wait()
	defer stdin.Close()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); line != "open\n" {
		t.Fatalf("the other session did not open the draft: %q %v", line, err)
	}
	s, err = Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := fmt.Sprintf("open in another safeharbor session (process %d)", other.Process.Pid)
	if _, err := s.Load(d.ID, ""); !errors.Is(err, ErrDraftInUse) || !strings.Contains(err.Error(), want) {
		t.Errorf("Load = %v", err)
	}
	if err := s.Save(d); !errors.Is(err, ErrDraftInUse) {
		t.Errorf("Save = %v", err)
	}
	if _, err := s.Lock(d.ID); !errors.Is(err, ErrDraftInUse) {
		t.Errorf("Lock = %v", err)
	}
	if err := s.Delete(d.ID); !errors.Is(err, ErrDraftInUse) {
		t.Errorf("Delete = %v", err)
	}
	stdin.Close()
	if err := other.Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(d.ID, ""); err != nil {
		t.Errorf("after the other session ended: %v", err)
	}
}

// The stores of one process are one session: they share the draft, and its saves follow on.
func TestStoresOfOneProcessShareADraft(t *testing.T) {
	dirs := testDirs(t)
	s1, d := saved(t, dirs, "")
	defer s1.Close()
	s2, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := s2.Load(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	sn := loaded.Snapshot()
	for _, q := range []string{"one", "two"} {
		sn.Answers[q] = answer(q)
		loaded.Record(sn, time.Now())
		for _, s := range []*Store{s1, s2} {
			if err := s.Save(loaded); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = s2.Close()
	_ = s1.Close()
	s3, _ := Open(dirs, "")
	defer s3.Close()
	got, err := s3.Load(d.ID, "")
	if err != nil || len(got.Answers) != 6 {
		t.Errorf("Load = %v, %v", got, err)
	}
}

func draftFiles(t *testing.T, dirs Dirs) map[string][]byte {
	t.Helper()
	dir := filepath.Join(dirs.State, "drafts")
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// draftFile is the draft's own file (not its listing, if it has one).
func draftFile(t *testing.T, dirs Dirs, id string) string {
	t.Helper()
	for name := range draftFiles(t, dirs) {
		if strings.HasPrefix(name, id+".") && !strings.HasSuffix(name, ".json") {
			return filepath.Join(dirs.State, "drafts", name)
		}
	}
	t.Fatalf("no file for draft %s", id)
	return ""
}

func answer(text string) screening.Answer {
	return screening.Answer{State: screening.StateAnswered, Text: text, At: time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)}
}

// An older copy of a draft put back is refused, and left as it is.
func TestRolledBackDraftRefused(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	old := draftFiles(t, dirs)
	sn := snapshot()
	sn.Answers["extra"] = answer("one more")
	d.Record(sn, time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	for name, data := range old {
		put(t, filepath.Join(dirs.State, "drafts"), name, string(data))
	}
	s, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Load(d.ID, ""); !errors.Is(err, ErrRolledBack) || !strings.Contains(err.Error(), "left as it is") {
		t.Errorf("Load of an older copy = %v", err)
	}
	for name, data := range old {
		if after, _ := os.ReadFile(filepath.Join(dirs.State, "drafts", name)); !bytes.Equal(after, data) {
			t.Errorf("%s was changed or removed", name)
		}
	}
}

// A save cut off by a kill loses that save only: the ones before it are kept.
func TestTornLastSaveDropped(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	sn := snapshot()
	sn.Answers["extra"] = answer("one more")
	d.Record(sn, time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	// A kill in the middle of the next save: its record is cut off, and it was never counted
	// in seen/, which is written after the record is on disk.
	counted, err := os.ReadFile(dirs.seenPath(d.ID))
	if err != nil {
		t.Fatal(err)
	}
	sn.Answers["last"] = answer("torn")
	d.Record(sn, time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	put(t, filepath.Dir(dirs.seenPath(d.ID)), d.ID, string(counted))
	path := draftFile(t, dirs, d.ID)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()-7); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Load(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	sn = got.Snapshot()
	if _, ok := sn.Answers["last"]; ok || sn.Answers["extra"].Text != "one more" || len(sn.Answers) != 5 {
		t.Errorf("after a torn last save: %+v", sn.Answers)
	}
	// And the draft goes on from there.
	if err := s.Save(got); err != nil {
		t.Fatal(err)
	}
}

// A failed save says what the last good save holds.
func TestSaveErrorSaysWhatIsKept(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	defer s.Close()
	drafts := filepath.Join(dirs.State, "drafts")
	if err := os.RemoveAll(drafts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(drafts, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	sn := snapshot()
	sn.Answers["extra"] = answer("one more")
	d.Record(sn, time.Now())
	if save, answered, _, ok := s.LastSave(d.ID); !ok || save != 1 || answered != 4 {
		t.Errorf("LastSave = %d, %d, %v", save, answered, ok)
	}
	err := s.Save(d)
	var saveErr *SaveError
	if !errors.As(err, &saveErr) || saveErr.LastAnswered != 4 || saveErr.LastSave != 1 || !strings.Contains(err.Error(), "4 answers") {
		t.Errorf("Save = %v (%+v)", err, saveErr)
	}
	if save, answered, _, _ := s.LastSave(d.ID); save != 1 || answered != 4 {
		t.Errorf("after the failed save, LastSave = %d, %d", save, answered)
	}
}

// Temporary files left by a killed save hold an encrypted copy: they go on Open and on Delete.
func TestOrphanedTempFilesRemoved(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	_ = s.Close()
	dir := filepath.Join(dirs.State, "drafts")
	orphans := []string{"." + d.ID + ".age.123.tmp", "." + d.ID + ".json.456.tmp", ".20260101-000000-00000000.age.7.tmp"}
	plant := func() {
		for _, name := range orphans {
			put(t, dir, name, "encrypted")
		}
	}
	left := func(when string) {
		for _, name := range orphans {
			if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s: %s was left", when, name)
			}
		}
	}
	plant()
	s, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	left("Open")
	plant()
	if err := s.Delete(d.ID); err != nil {
		t.Fatal(err)
	}
	left("Delete")
	_ = s.Close()
}

// A draft open in another session keeps its temporary files: that session may be writing one.
func TestTempFilesOfAnOpenDraftKept(t *testing.T) {
	dirs := testDirs(t)
	s1, d := saved(t, dirs, "")
	defer s1.Close()
	tmp := filepath.Join(dirs.State, "drafts", "."+d.ID+".draft.99.tmp")
	put(t, filepath.Dir(tmp), filepath.Base(tmp), "being written")
	s2, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("the open draft's temporary file was removed: %v", err)
	}
}

// The list comes from the draft itself: no separate listing to lag behind it or go missing.
func TestListWithoutListingFile(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	_ = s.Close()
	for name := range draftFiles(t, dirs) {
		if strings.HasSuffix(name, ".json") {
			rm(t, filepath.Join(dirs.State, "drafts"), name)
		}
	}
	list, err := List(dirs)
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	if m := list[0]; !m.Started.Equal(d.Started) || m.Answered != 4 || m.Set != "post-return@1.0.0" || !m.Saved.Equal(d.Saved) {
		t.Errorf("listed %+v, want started %v, 4 answered", m, d.Started)
	}
}

// What the interview needs to resume as it was, and what the list shows without the key.
func TestDraftMetadata(t *testing.T) {
	dirs := testDirs(t)
	s, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	d := New(SetRef{ID: "post-return", Version: "1.0.0", SHA256: "abc"}, time.Now(), false)
	d.Lang, d.Also, d.Contacts, d.Label = "es", "en", "/agency/contacts.yaml", "CASE-2026-0042"
	d.Record(snapshot(), time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != "es" || got.Also != "en" || got.Contacts != "/agency/contacts.yaml" || got.Label != "CASE-2026-0042" {
		t.Errorf("loaded %+v", got)
	}
	_ = s.Close()
	list, err := List(dirs)
	if err != nil || len(list) != 1 || list[0].Label != "CASE-2026-0042" || list[0].Lang != "es" {
		t.Errorf("List = %+v, %v", list, err)
	}
	err = filepath.WalkDir(filepath.Dir(dirs.State), func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if data, _ := os.ReadFile(path); bytes.Contains(data, []byte("CASE-2026")) {
			t.Errorf("%s holds the case label in plain text", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Someone who can write the drafts folder and knows the public key, but not the private key,
// cannot make a draft that resume accepts.
func TestForgedDraftRefused(t *testing.T) {
	dirs := testDirs(t)
	s, _ := saved(t, dirs, "")
	defer s.Close()
	forged := New(SetRef{ID: "post-return", Version: "1.0.0", SHA256: "abc"}, time.Now(), false)
	sn := snapshot()
	sn.Answers["exchange"] = answer("yes")
	forged.Record(sn, time.Now())
	path := forge(t, dirs, forged)
	before, _ := os.ReadFile(path)
	if _, err := s.Load(forged.ID, ""); !errors.Is(err, ErrForged) || !strings.Contains(err.Error(), "left as it is") {
		t.Errorf("Load of a forged draft = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the forged draft was changed or removed: it is evidence")
	}
}

// Saves that add, change and take back answers and notes, from one store and then another
// (which cannot read the draft, so saves it whole), load back as the last save.
func TestJournalReplaysEverySave(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	sn := snapshot()
	steps := []func(){
		func() { sn.Answers["extra"] = answer("one more") },
		func() {
			sn.Answers["age"] = screening.Answer{State: screening.StateAnswered, Number: 16, At: time.Now().Round(0)}
		},
		func() { delete(sn.Answers, "exchange") },
		func() { sn.Notes["while-away"] = "changed note"; sn.Notes["now"] = "a new note" },
		func() { delete(sn.Notes, "while-away") },
		func() {
			a := sn.Answers["slept-where"]
			a.Choices = []string{"outside"}
			sn.Answers["slept-where"] = a
			delete(sn.Answers, "extra")
			sn.Answers["swap"] = answer("same count, another question")
		},
		func() { sn.Ended = true },
	}
	for i, step := range steps {
		step()
		d.Record(sn, time.Now())
		if i == 5 {
			slices.Reverse(d.Answers) // not in the order Record leaves them
		}
		d.Label = fmt.Sprintf("CASE-%d", i)
		if err := s.Save(d); err != nil {
			t.Fatal(err)
		}
		if i == 3 { // another session goes on with the draft
			_ = s.Close()
			var err error
			if s, err = Open(dirs, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	_ = s.Close()
	s, err := Open(dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Load(d.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	want := d.Snapshot()
	if g := got.Snapshot(); fmt.Sprint(g) != fmt.Sprint(want) || got.Label != d.Label {
		t.Errorf("loaded\n%v\nwant\n%v", g, want)
	}
	// Loading compacts the journal to one record, and the draft still loads the same.
	if j, err := readJournal(mustRead(t, draftFile(t, dirs, d.ID)), d.ID, s.keys.macKey()); err != nil || len(j.records) != 1 {
		t.Errorf("after Load: %d records, %v", len(j.records), err)
	}
	_ = s.Close()
	s, _ = Open(dirs, "")
	if again, err := s.Load(d.ID, ""); err != nil || fmt.Sprint(again.Snapshot()) != fmt.Sprint(want) {
		t.Errorf("after compaction: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Wherever a kill cuts the last save, or a crash leaves its blocks zero, the saves before it
// load; bytes changed before the last save are refused.
func TestTornAnywhere(t *testing.T) {
	dirs := testDirs(t)
	s, d := saved(t, dirs, "")
	counted := mustRead(t, dirs.seenPath(d.ID))
	path := draftFile(t, dirs, d.ID)
	good := len(mustRead(t, path))
	sn := snapshot()
	sn.Answers["extra"] = answer("one more")
	d.Record(sn, time.Now())
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	whole := mustRead(t, path)
	check := func(name string, data []byte, wantErr error) {
		t.Helper()
		put(t, filepath.Dir(path), filepath.Base(path), string(data))
		put(t, filepath.Dir(dirs.seenPath(d.ID)), d.ID, string(counted))
		s, err := Open(dirs, "")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		got, err := s.Load(d.ID, "")
		switch {
		case wantErr != nil && !errors.Is(err, wantErr):
			t.Errorf("%s: Load = %v, want %v", name, err, wantErr)
		case wantErr == nil && err != nil:
			t.Errorf("%s: Load = %v", name, err)
		case wantErr == nil && len(got.Answers) != 4:
			t.Errorf("%s: %d answers, want the first save's 4", name, len(got.Answers))
		}
	}
	for cut := good + 1; cut < len(whole); cut += 37 {
		check(fmt.Sprintf("cut at %d of %d", cut, len(whole)), whole[:cut], nil)
	}
	zeroed := slices.Clone(whole)
	clear(zeroed[good:])
	check("last save zeroed", zeroed, nil)
	changed := slices.Clone(whole)
	changed[good-5] ^= 1
	check("first save changed", changed, ErrForged)
	garbage := append(slices.Clone(whole[:good]), []byte("not a save, and more bytes than a record head")...)
	garbage = append(garbage, whole[good:]...)
	check("bytes between saves", garbage, ErrForged)
}
