package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A disk that fills up mid-interview: every message says what the last save that worked holds,
// never more; the summary that cannot be written is shown on the terminal before anything is
// discarded; the draft keeps what it had, and says so. A real 64 KiB tmpfs, where the machine
// lets the test mount one.
func TestFullDisk(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.Mkdir(small, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", small).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", small).Run() })

	env := []string{"TERM=dumb", "XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + small + "/state"}
	term := newTerminalIn(t, dir, env, "interview", "--set", "example@0.1.0", "--label", "case-9", "--output", small+"/summary.txt")
	term.keys("Press Enter to continue.", "Enter")
	term.typeText("Ask: Where did you sleep", "hotel, 1")
	term.keys("hotel, 1", "Enter")
	term.waitFor("Recorded and saved: At a friend's place; A hotel or motel.")

	fill(t, filepath.Join(small, "filler"))
	for _, step := range []struct{ on, answer string }{
		{"Ask: Who paid for the room?", "my uncle"},
		{"Ask: How safe did you feel there?", "not safe"},
		{"From the record: Days away", "3"},
		{"Note: While you were away", ""},
		{"Ask: Is there someone older", "no"},
		{"Ask: Did anyone offer you", "no"},
		{"To close", ""},
		{"Observe, do not read aloud", "no"},
		{"Note: People", ""},
		{"Type a number to change that answer", ""},
	} {
		if step.on == "To close" {
			// Said aloud: like the guidance, it takes no line entered before it could be read.
			term.keysAfterReading(step.on, "Enter")
			continue
		}
		term.typeText(step.on, step.answer)
		term.keys(step.on, "Enter")
	}
	term.waitFor("EXIT=")
	screen := strings.Join(strings.Fields(term.tmux("capture-pane", "-p", "-J", "-S", "-400", "-t", term.session)), " ")
	for _, want := range []string{
		"Recorded, but NOT saved:",
		"NOT SAVED since",
		"SCREENING SUMMARY", // the summary, shown on the terminal
		"the summary could not be written",
		"It is shown on the terminal above, to copy now.",
		"holds an earlier state of the interview; the last answers could not be saved",
		"EXIT=1",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the terminal does not say %q:\n%s", want, screen)
		}
	}
	for _, wrong := range []string{"answers are kept in draft", "Every answer so far is saved", "deleted"} {
		if strings.Contains(screen, wrong) {
			t.Errorf("the terminal claims %q:\n%s", wrong, screen)
		}
	}
	// A file system keeps the last part of a page for a file that has it, so a few small saves
	// may still fit after the disk is full: what matters is that "saved" was said of exactly
	// what the draft holds.
	saved := strings.Count(screen, "Recorded and saved:")
	if i, j := strings.LastIndex(screen, "Recorded and saved:"), strings.Index(screen, "Recorded, but NOT saved:"); i > j {
		t.Errorf("an answer was said to be saved after one was not:\n%s", screen)
	}

	// With space again, the draft is there, and holds what the messages said.
	if err := os.Remove(filepath.Join(small, "filler")); err != nil {
		t.Fatal(err)
	}
	list := exec.Command(filepath.Join(dir, "safeharbor"), "drafts")
	list.Env = append(os.Environ(), env...)
	out, err := list.Output()
	if err != nil {
		t.Fatalf("drafts: %v\n%s", err, out)
	}
	if row := strings.Join(strings.Fields(string(out)), " "); !strings.Contains(row, fmt.Sprintf("case-9 example@0.1.0 en %d ", saved)) {
		t.Errorf("%d answers were said to be saved, but the draft holds otherwise:\n%s", saved, out)
	}
}

// fill writes to path until the disk is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}
