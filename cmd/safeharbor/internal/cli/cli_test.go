package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

func TestExitCode(t *testing.T) {
	invalid := &questions.InvalidError{File: "set.yaml", Findings: screening.Findings{{Pos: screening.Pos{Line: 3, Column: 1}, Rule: "missing-field", Message: "no title"}}}
	for _, tt := range []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"success", nil, 0, ""},
		{"usage", usageErrorf("bad flag"), 2, "safeharbor: bad flag\nRun 'safeharbor --help' for usage.\n"},
		{"findings already printed", errReported, 1, ""},
		{"interrupted", fmt.Errorf("ask: %w", context.Canceled), 130, "safeharbor: interrupted\n"},
		{"a set that cannot be used", fmt.Errorf("load: %w", invalid), 2, "set.yaml:3:1: no title [missing-field]"},
		{"anything else", errors.New("disk full"), 1, "safeharbor: disk full\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := exitCode(tt.err, &stderr); got != tt.code {
				t.Errorf("exit code %d, want %d", got, tt.code)
			}
			if !strings.Contains(stderr.String(), tt.stderr) || (tt.stderr == "" && stderr.Len() > 0) {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.stderr)
			}
		})
	}
}

// An interview that stops says, truthfully, what is saved of it: every message matches the
// last save that worked.
func TestStoppedSaysWhatIsSaved(t *testing.T) {
	en, es := &wordsIn("en").Messages, &wordsIn("es").Messages
	at := time.Date(2026, 11, 29, 14, 2, 0, 0, time.Local)
	full := errors.New("no space left on device")
	for _, tt := range []struct {
		name   string
		err    *stopped
		code   int
		stderr string
	}{
		{
			"paused, all saved", &stopped{Stopped: &interview.Stopped{Err: ask.ErrAborted, Save: interview.SaveStatus{Enabled: true, LastSaved: at}}, draft: "d1", words: en}, 130,
			"safeharbor: the interview was stopped before the end, so no summary was written.\nEvery answer so far is saved, encrypted, in draft d1. Go on with: safeharbor resume d1\n",
		},
		{
			"input ended, partly saved", &stopped{Stopped: &interview.Stopped{Err: ask.ErrInputEnded, Save: interview.SaveStatus{Enabled: true, LastSaved: at, Unsaved: 5, Err: full}}, draft: "d1", words: en}, 130,
			"safeharbor: the input ended before the interview was finished, so no summary was written.\nNOT everything is saved: draft d1 holds the interview as it was at 14:02; changes after that, not saved: 5 (no space left on device). Go on with: safeharbor resume d1\n",
		},
		{
			"nothing saved", &stopped{Stopped: &interview.Stopped{Err: context.Canceled, Save: interview.SaveStatus{Enabled: true, Unsaved: 2, Err: full}}, draft: "d1", words: en}, 130,
			"safeharbor: the interview was stopped before the end, so no summary was written.\nNOTHING of this interview could be saved (no space left on device).\n",
		},
		{
			"not saved at all (an answers file)", &stopped{Stopped: &interview.Stopped{Err: ask.ErrInputEnded}, words: en}, 130,
			"safeharbor: the input ended before the interview was finished, so no summary was written.\n",
		},
		{
			"in Spanish", &stopped{Stopped: &interview.Stopped{Err: ask.ErrAborted, Save: interview.SaveStatus{Enabled: true, LastSaved: at}}, draft: "d1", words: es}, 130,
			"safeharbor: la entrevista se detuvo antes del final, así que no se escribió ningún resumen.\nTodas las respuestas hasta ahora están guardadas, cifradas, en el borrador d1. Para seguir: safeharbor resume d1\n",
		},
		{
			"on a terminal 40 columns wide: whole words", &stopped{Stopped: &interview.Stopped{Err: ask.ErrAborted, Save: interview.SaveStatus{Enabled: true, LastSaved: at}}, draft: "2026-11-29-1402-ab12", words: en, width: func() int { return 40 }}, 130,
			"safeharbor: the interview was stopped\nbefore the end, so no summary was\nwritten.\nEvery answer so far is saved, encrypted,\nin draft 2026-11-29-1402-ab12. Go on\nwith: safeharbor resume\n2026-11-29-1402-ab12\n",
		},
		{
			"a bad answers file", &stopped{Stopped: &interview.Stopped{Err: &ask.InputError{File: "a.yaml", Pos: screening.Pos{Line: 2, Column: 7}, Msg: "not yes or no"}}, words: en}, 2,
			"safeharbor: a.yaml:2:7: not yes or no\n",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := exitCode(tt.err, &stderr); got != tt.code {
				t.Errorf("exit code %d, want %d", got, tt.code)
			}
			if stderr.String() != tt.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := ghData("50% done\r\nnext"), "50%25 done%0D%0Anext"; got != want {
		t.Errorf("ghData = %q, want %q", got, want)
	}
	if got, want := ghProperty("a:b,c%"), "a%3Ab%2Cc%25"; got != want {
		t.Errorf("ghProperty = %q, want %q", got, want)
	}
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb}, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// A FIFO named on the command line must not block validate: opening one waits for a writer.
func TestValidateRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan struct{})
	var code int
	var stdout string
	go func() {
		code, stdout, _ = run(t, "validate", fifo)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		// Unblock the open so the goroutine ends, then fail.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("validate blocked on a FIFO")
	}
	if code != 1 || !strings.Contains(stdout, "not a regular file [unreadable]") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
}

// A FIFO in a folder of summaries must not block stats: it is reported by name, and skipped.
func TestStatsSkipsAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		code, _, stderr = run(t, "stats", dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("stats blocked on a FIFO")
	}
	if code == 0 || !strings.Contains(stderr, "p.json: not a regular file") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A file's name can hold anything, escape sequences and direction overrides too: validate names
// the file in every format without a control character reaching the terminal.
func TestValidateNamesAHostileFileSafely(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "evil\x1b]0;owned\a\x1b[2J\u202e.yaml")
	if err := os.WriteFile(bad, []byte("format: safeharbor/v1\nid: Bad_Id\n"), 0o600); err != nil {
		t.Skip("this file system refuses the name:", err)
	}
	for _, format := range []string{"text", "github"} {
		code, stdout, stderr := run(t, "validate", "--format", format, bad)
		if code != 1 || !strings.Contains(stdout, `evil\x1b]0;owned`) {
			t.Errorf("%s: exit %d, stdout %q", format, code, stdout)
		}
		if strings.ContainsAny(stdout+stderr, "\x1b\a\u202e") {
			t.Errorf("%s: a control character reached the output: %q", format, stdout+stderr)
		}
	}
}

func TestRunWritesOnlyToItsStreams(t *testing.T) {
	code, stdout, stderr := run(t, "validate", "--strict")
	if code != 0 || !strings.HasSuffix(stdout, " files checked: no problems found\n") || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestSARIF(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("format: safeharbor/v1\nid: Bad_Id\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "validate", "--format", "sarif", bad)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine, StartColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "safeharbor" {
		t.Fatalf("not a SARIF 2.1.0 log from safeharbor: %s", stdout)
	}
	r := log.Runs[0]
	found := false
	for _, res := range r.Results {
		if r.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if res.RuleID == "invalid-id" && res.Level == "error" && loc.Region.StartLine == 2 && loc.Region.StartColumn == 5 && strings.HasSuffix(loc.ArtifactLocation.URI, "/bad.yaml") {
			found = true
		}
	}
	if !found {
		t.Errorf("no invalid-id error at bad.yaml:2:5 in %s", stdout)
	}
}

func wordsIn(lang string) *phrases.Catalog {
	c, _ := phrases.For(lang)
	return c
}

// /dev/null is a character device, not a terminal: nothing can be typed on it.
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("/dev/null is taken for a terminal")
	}
}

// test exits 1 when scenarios ran and some did not hold, and 2, as every other command does for
// input it cannot use, when a scenario could not be read or run at all; it runs the rest either
// way and says which is which.
func TestTestExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	failing := write("failing.yaml", "format: safeharbor-scenario/v1\nid: expects-too-much\ntitle: Expects too much\nset: post-return@1.0.0\nresponses:\n  danger-now: {answer: \"no\"}\nexpect:\n  concern: clear\n")
	empty := write("empty.yaml", "")
	huge := write("huge.yaml", strings.Repeat("#", 3<<20))

	code, stdout, _ := run(t, "test", failing)
	if code != 1 || !strings.HasSuffix(stdout, "0 passed, 1 failed\n") {
		t.Errorf("a scenario that does not hold: exit %d, stdout %q", code, stdout)
	}
	for _, unusable := range []string{empty, huge} {
		code, stdout, _ = run(t, "test", failing, unusable)
		if code != 2 || !strings.Contains(stdout, "FAIL expects-too-much") || !strings.HasSuffix(stdout, "0 passed, 1 failed, 1 could not be run\n") {
			t.Errorf("%s: exit %d, stdout %q", filepath.Base(unusable), code, stdout)
		}
	}
}

// A mock interview's draft finds its scenario again, and refuses one it cannot find or that is
// now for another set, rather than finish without the feedback or with the wrong one.
func TestDraftScenario(t *testing.T) {
	a := &app{getenv: func(string) string { return "" }}
	for _, tt := range []struct {
		scenario, set, version string
		want, err              string
	}{
		{"", "post-return", "2.0.0", "", ""},
		{"couch-at-17", "post-return", "2.0.0", "couch-at-17", ""},
		{"no-such-scenario", "post-return", "2.0.0", "", "a mock interview of scenario no-such-scenario, which this safeharbor does not have"},
		{"couch-at-17", "post-return", "1.0.0", "", "this safeharbor's scenario couch-at-17 is for post-return@2.0.0"},
	} {
		d := &drafts.Draft{ID: "20261129-140000-0123abcd", Set: drafts.SetRef{ID: tt.set, Version: tt.version}, Training: true, Scenario: tt.scenario}
		sc, err := draftScenario(a, d)
		got := ""
		if sc != nil {
			got = sc.ID
		}
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s on %s %s: %q, %v; want %q, %q", tt.scenario, tt.set, tt.version, got, err, tt.want, tt.err)
		}
		if err != nil && !strings.Contains(err.Error(), "the draft was left as it is") {
			t.Errorf("%s: %v does not say the draft is kept", tt.scenario, err)
		}
	}
}
