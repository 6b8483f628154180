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

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
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
		{"interrupted", fmt.Errorf("ask: %w", context.Canceled), 130, "safeharbor: interrupted: the interview was stopped before the end, so no summary was written\n"},
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
