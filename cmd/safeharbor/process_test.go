package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// /dev/null is a character device, but no terminal: with the answers read from it and the
// screen a terminal, there is nobody to ask. The interview is a usage error (exit 2), and it
// makes no key.
func TestDevNullIsNoTerminal(t *testing.T) {
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
	term := newTerminalIn(t, dir, env, "interview", "</dev/null")
	term.waitFor("EXIT=")
	if !strings.Contains(term.screen(), "EXIT=2") || !strings.Contains(term.screen(), "no terminal to ask the questions on") {
		t.Errorf("interview </dev/null:\n%s", term.screen())
	}
	if _, err := os.Stat(filepath.Join(dir, "config")); !os.IsNotExist(err) {
		t.Errorf("a run with nobody to ask made the key folder: %v", err)
	}
}

// A whole plain interview of the example set: no label, the opening, every answer read aloud,
// the closing, the observation, the notes and the review.
const examplePlain = "\n\nhotel, 1\nmy uncle\n3\n3\n\ndeclined\nno\n\n2\n\n\n"

// shell runs a bash script that runs the binary ($SH) with the answers ($ANSWERS), for what only
// a shell sets up: a closed standard output, a pipe whose reader has gone. The script ends by
// writing EXIT=<the binary's exit code> to standard error.
func shell(t *testing.T, dir, script string) (code int, stderr string) {
	t.Helper()
	bin := filepath.Join(dir, "safeharbor")
	if _, err := os.Stat(bin); err != nil {
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SH="+bin, "ANSWERS="+examplePlain, "XDG_CONFIG_HOME="+dir+"/config", "XDG_STATE_HOME="+dir+"/state")
	out, _ := cmd.CombinedOutput()
	m := regexp.MustCompile(`EXIT=(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("%s: no exit code:\n%s", script, out)
	}
	code, _ = strconv.Atoi(string(m[1]))
	return code, string(out)
}

func listDrafts(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(dir, "safeharbor"), "drafts")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir+"/config", "XDG_STATE_HOME="+dir+"/state")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// Standard output closed (or /dev/null): the summary would be lost, so the interview does not
// begin (exit 2). It used to run to the end, exit 0 and delete the draft: the answers were gone.
func TestStdoutClosed(t *testing.T) {
	for _, redirect := range []string{">&-", ">/dev/null"} {
		dir := t.TempDir()
		code, out := shell(t, dir, `printf %s "$ANSWERS" | "$SH" interview --accessible --set example@0.1.0 `+redirect+`; echo "EXIT=$?" >&2`)
		if code != 2 || !strings.Contains(out, "standard output is closed or /dev/null, so the summary would be lost") {
			t.Errorf("%s: exit %d:\n%s", redirect, code, out)
		}
		if strings.Contains(out, "Section 1") {
			t.Errorf("%s: the interview began:\n%s", redirect, out)
		}
	}
	// --output FILE is the way when standard output goes nowhere.
	dir := t.TempDir()
	code, out := shell(t, dir, `printf %s "$ANSWERS" | "$SH" interview --accessible --set example@0.1.0 --output summary.txt >&-; echo "EXIT=$?" >&2`)
	if code != 0 || !strings.Contains(out, "Summary written to summary.txt") {
		t.Errorf("--output: exit %d:\n%s", code, out)
	}
}

// A pipe whose reader has gone: the same, not a silent death by SIGPIPE (exit 141).
func TestBrokenPipe(t *testing.T) {
	dir := t.TempDir()
	code, out := shell(t, dir, `printf %s "$ANSWERS" | "$SH" interview --accessible --set example@0.1.0 | true; echo "EXIT=${PIPESTATUS[1]}" >&2`)
	if code != 1 || !strings.Contains(out, "the summary could not be written") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if list := listDrafts(t, dir); !strings.Contains(list, "example@0.1.0") {
		t.Errorf("the draft is gone:\n%s", list)
	}
}

// SIGQUIT stops the interview as Ctrl-C does (exit 130, and what is saved), not as a usage
// error (exit 2) with a dump of the program's insides.
func TestSIGQUIT(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "safeharbor")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "interview", "--accessible", "--set", "example@0.1.0")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+dir+"/config", "XDG_STATE_HOME="+dir+"/state")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	_, _ = in.Write([]byte("\n\nhotel, 1\n")) // one answer, then the worker waits
	time.Sleep(500 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGQUIT)
	err = cmd.Wait()
	in.Close()
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(stderr.String(), "Every answer so far is saved") {
		t.Errorf("after SIGQUIT: exit %d (%v):\n%s", code, err, stderr.String())
	}
}

// A SIGTERM (or Ctrl-C) stops validate at once, with 130 and no count of files it did not
// check. It used to be swallowed: validate ran on through every file and exited 0.
func TestValidateStopsWhenTerminated(t *testing.T) {
	dir := t.TempDir()
	// Two thousand names for one 38 KB set, as links: seconds of work on any machine, and no
	// disk used.
	set := filepath.Join(dir, "set.yaml")
	data, err := os.ReadFile("../../questions/post-return/v1.0.0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(set, data, 0o600); err != nil {
		t.Fatal(err)
	}
	sets := filepath.Join(dir, "sets")
	if err := os.Mkdir(sets, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		if err := os.Link(set, filepath.Join(sets, "copy-"+strconv.Itoa(i)+".yaml")); err != nil {
			t.Skip("no hard links here:", err)
		}
	}
	code, out := shell(t, dir, `"$SH" validate sets & pid=$!; sleep 0.2; kill -TERM $pid; wait $pid; echo "EXIT=$?" >&2`)
	if code != 130 || !strings.Contains(out, "safeharbor: interrupted") || strings.Contains(out, "checked") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
