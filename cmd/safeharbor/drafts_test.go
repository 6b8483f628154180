package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the real binary as separate processes at once, as two workers (or two
// windows) would.

// account is a fresh home: its own key and drafts.
type account struct {
	t   *testing.T
	bin string
	env []string
}

// build builds the binary into dir.
func build(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "safeharbor")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func newAccount(t *testing.T, bin string) *account {
	t.Helper()
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home+"/.config", "XDG_STATE_HOME="+home+"/.local/state", "NO_COLOR=1", "SAFEHARBOR_PASSPHRASE=")
	return &account{t: t, bin: bin, env: env}
}

func (a *account) command(ctx context.Context, stdin string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, a.bin, args...)
	cmd.Env = a.env
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout = io.Discard // a pipe: with /dev/null the interview would refuse to start
	return cmd
}

// run runs safeharbor to the end, and returns its exit code and standard error.
func (a *account) run(stdin string, args ...string) (int, string) {
	a.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := a.command(ctx, stdin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		a.t.Fatalf("safeharbor %v did not finish: %s", args, stderr.String())
	}
	if err != nil && cmd.ProcessState == nil {
		a.t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// One answer, then the input ends: a draft is saved (exit 130).
const oneAnswer = "\n\n1\n" // no label, the opening, one answer

// Two interviews starting at once on a fresh account make one key, and every draft saved can
// be resumed.
func TestTwoFirstInterviewsAtOnce(t *testing.T) {
	bin := build(t, t.TempDir())
	for round := range 8 {
		a := newAccount(t, bin)
		var wg sync.WaitGroup
		codes, stderrs := make([]int, 2), make([]string, 2)
		for i := range 2 {
			wg.Go(func() { codes[i], stderrs[i] = a.run(oneAnswer, "interview", "--set", "example@0.1.0", "--accessible") })
		}
		wg.Wait()
		for i := range 2 {
			if codes[i] != 130 || !strings.Contains(stderrs[i], "Every answer so far is saved, encrypted, in draft") {
				t.Fatalf("round %d: interview %d: exit %d\n%s", round, i, codes[i], stderrs[i])
			}
		}
		list := exec.Command(a.bin, "drafts")
		list.Env = a.env
		out, err := list.Output()
		if err != nil {
			t.Fatal(err)
		}
		ids := 0
		for _, line := range strings.Split(string(out), "\n")[1:] {
			if f := strings.Fields(line); len(f) > 0 {
				ids++
				if code, stderr := a.run("", "resume", f[0], "--accessible"); code != 130 || !strings.Contains(stderr, "\nDraft "+f[0]+": set example") {
					t.Errorf("round %d: resume %s: exit %d\n%s", round, f[0], code, stderr)
				}
			}
		}
		if ids != 2 {
			t.Errorf("round %d: %d drafts listed, want 2:\n%s", round, ids, out)
		}
	}
}

// A draft open in one resume is refused to a second at once, with who has it.
func TestResumeOfAnOpenDraftRefused(t *testing.T) {
	a := newAccount(t, build(t, t.TempDir()))
	if code, stderr := a.run(oneAnswer, "interview", "--set", "example@0.1.0", "--accessible"); code != 130 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	first := a.command(ctx, "", "resume", "--accessible")
	first.Stdin = nil // a pipe that stays open: the first resume waits on its first screen
	in, err := first.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	errPipe, err := first.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	resumed := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Resuming the interview") {
				resumed <- nil
				_, _ = io.Copy(io.Discard, errPipe)
				return
			}
		}
		resumed <- fmt.Errorf("the first resume never said it was resuming")
	}()
	if err := <-resumed; err != nil {
		t.Fatal(err)
	}
	code, stderr := a.run("", "resume", "--accessible")
	want := fmt.Sprintf("is open in another safeharbor session (process %d)", first.Process.Pid)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("second resume: exit %d\n%s", code, stderr)
	}
	in.Close()
	_ = first.Wait()
	if code, stderr := a.run("", "resume", "--accessible"); code != 130 || !strings.Contains(stderr, "Resuming the interview") {
		t.Errorf("after the first ended: exit %d\n%s", code, stderr)
	}
}
