package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// These tests drive the real binary in a real terminal (tmux), as a worker would: they wait
// for each screen before pressing keys, then read the summary the interview wrote.

type terminal struct {
	t       *testing.T
	socket  string
	session string
}

func newTerminal(t *testing.T, env []string, args ...string) *terminal {
	t.Helper()
	return newTerminalIn(t, t.TempDir(), env, args...)
}

// sockets numbers the terminals, so that a new one never meets the server of the last.
var sockets int

// newTerminalIn runs the binary built into dir (once) in a new terminal.
func newTerminalIn(t *testing.T, dir string, env []string, args ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed to test the terminal interface; .ci/run installs it")
		}
		t.Skip("tmux is not installed")
	}
	bin := filepath.Join(dir, "safeharbor")
	if _, err := os.Stat(bin); err != nil {
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	sockets++
	term := &terminal{t: t, socket: filepath.Join(dir, fmt.Sprintf("tmux%d.sock", sockets)), session: "s"}
	cmd := fmt.Sprintf("cd %s && env %s %s %s; echo EXIT=$?; sleep 60", dir, strings.Join(env, " "), bin, strings.Join(args, " "))
	term.tmux("new-session", "-d", "-s", term.session, "-x", "110", "-y", "45", cmd)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", term.socket, "kill-server").Run() })
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (term *terminal) screen() string { return term.tmux("capture-pane", "-p", "-t", term.session) }

// styledScreen is the screen with its colours and bold kept as escape codes (-e), which
// screen drops: the way to see whether the program styled its text.
func (term *terminal) styledScreen() string {
	return term.tmux("capture-pane", "-e", "-p", "-t", term.session)
}

// waitFor waits until the screen shows text, and fails with the screen if it never does.
func (term *terminal) waitFor(text string) {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(term.screen(), text) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed %q; it shows:\n%s", text, term.screen())
}

// keys waits for a screen, then presses keys on it.
func (term *terminal) keys(on string, keys ...string) {
	term.t.Helper()
	term.waitFor(on)
	term.tmux(append([]string{"send-keys", "-t", term.session}, keys...)...)
}

// keysAfterReading waits for a screen that takes no keys typed before it could be read (the
// stop-and-refer guidance, a section's guidance, the closing), in either interface, gives the
// worker time to read it, then presses keys on it.
func (term *terminal) keysAfterReading(on string, keys ...string) {
	term.t.Helper()
	term.waitFor(on)
	time.Sleep(400 * time.Millisecond)
	term.tmux(append([]string{"send-keys", "-t", term.session}, keys...)...)
}

func (term *terminal) typeText(on, text string) {
	term.t.Helper()
	term.waitFor(on)
	term.tmux("send-keys", "-t", term.session, "-l", text)
}

type summaryJSON struct {
	Concern   string   `json:"concern"`
	Declined  []string `json:"declined"`
	NotAsked  []string `json:"not_asked"`
	Interview struct {
		EndedEarly bool `json:"ended_early"`
	} `json:"interview"`
	Answers []struct {
		Question string `json:"question"`
		State    string `json:"state"`
		Value    string `json:"value"`
	} `json:"answers"`
	Notes []struct {
		Text string `json:"text"`
	} `json:"notes"`
}

func readSummary(t *testing.T, term *terminal, path string) summaryJSON {
	t.Helper()
	term.waitFor("EXIT=0")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s summaryJSON
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("summary: %v\n%s", err, data)
	}
	// Every summary a test reads holds to the schema 'safeharbor schema summary' prints.
	sch, err := summarySchema()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the summary does not hold to its schema: %v", err)
	}
	return s
}

func answersOf(s summaryJSON) map[string]string {
	m := map[string]string{}
	for _, a := range s.Answers {
		m[a.Question] = a.State + ":" + a.Value
	}
	return m
}

// Answer, decline, write a note, change an answer on the review screen, finish.
func TestTUIInterview(t *testing.T) {
	term := newTerminal(t, nil, "interview", "--set", "example@0.1.0", "--format", "json", "--output", "summary.json")
	term.keys("A label for this draft", "Enter")
	term.keys("Before you begin", "Enter")
	term.keys("Where did you sleep", "x", "Down", "Down", "x", "Enter")
	term.typeText("Who paid for the room?", "my uncle")
	term.keys("> my uncle", "Enter")
	term.keys("How safe did you feel there?", "Enter") // nothing chosen yet: not taken
	term.keys("Choose an answer first", "2", "Enter")
	term.typeText("Days away", "3")
	term.keys("> 3", "Enter")
	term.keys("Note: While you were away", "Enter")
	term.keys("Is there someone older", "1", "Enter")
	term.keys("Did anyone offer you", "3", "Enter") // prefers not to say
	term.keysAfterReading("To close", "Enter")      // nothing left to read aloud: said before the observation
	term.keys("OBSERVE", "1", "Enter")
	term.typeText("Note: People", "Quiet, looked tired")
	term.keys("> Quiet, looked tired", "Enter")
	term.keys("Review the answers", "Down", "Down", "Down", "Enter") // the third answer
	term.keys("Current answer: Sometimes safe", "Down", "Enter")     // now: not safe
	term.waitFor("Not safe")
	term.keys("Review the answers", "Home", "Enter") // the cursor stayed on the row changed
	term.waitFor("Summary written to summary.json.")

	s := readSummary(t, term, filepath.Join(filepath.Dir(term.socket), "summary.json"))
	got := answersOf(s)
	for q, want := range map[string]string{
		"slept-where":    "answered:At a friend's place; A hotel or motel",
		"room-paid-by":   "answered:my uncle",
		"felt-safe":      "answered:Not safe",
		"days-away":      "answered:3 days",
		"older-partner":  "answered:Yes",
		"exchange":       "declined:",
		"several-phones": "answered:Yes",
	} {
		if got[q] != want {
			t.Errorf("%s = %q, want %q", q, got[q], want)
		}
	}
	if s.Concern != "clear" || len(s.Notes) != 1 || s.Notes[0].Text != "Quiet, looked tired" {
		t.Errorf("concern %s, notes %+v", s.Concern, s.Notes)
	}
}

// A disclosure shows the stop-and-refer guidance at once; the worker ends there, and the
// observation, which needs nothing more from the young person, is still offered.
func TestTUIDisclosureEndsEarly(t *testing.T) {
	term := newTerminal(t, nil, "interview", "--set", "example@0.1.0", "--format", "json", "--output", "summary.json")
	term.keys("A label for this draft", "Enter")
	term.keys("Before you begin", "Enter")
	term.keys("Where did you sleep", "x", "Enter")
	term.keys("How safe did you feel there?", "1", "Enter")
	term.typeText("Days away", "2")
	term.keys("> 2", "Enter")
	term.keys("Note: While you were away", "Enter")
	term.keys("Is there someone older", "2", "Enter")
	term.keys("Did anyone offer you", "1", "Enter")  // yes: a disclosure
	term.keysAfterReading("Stop and refer", "Enter") // end now is the default
	term.keysAfterReading("To close", "Enter")
	term.keys("OBSERVE", "2", "Enter")
	term.keys("Note: People", "Enter")
	term.keys("Review the answers", "Enter")
	s := readSummary(t, term, filepath.Join(filepath.Dir(term.socket), "summary.json"))
	if !s.Interview.EndedEarly || s.Concern != "clear" || len(s.NotAsked) != 0 || answersOf(s)["several-phones"] != "answered:No" {
		t.Errorf("ended early %v, concern %s, not asked %v, answers %v", s.Interview.EndedEarly, s.Concern, s.NotAsked, answersOf(s))
	}
}

// The same disclosure in Spanish: the interface's own words (choices, positions, hints, the
// stop-and-refer screen and its default) are in the worker's language, and the answers are
// recorded as before.
func TestTUIInSpanish(t *testing.T) {
	term := newTerminal(t, nil, "interview", "--set", "example@0.1.0", "--lang", "es", "--format", "json", "--output", "summary.json")
	term.keys("Una etiqueta para este borrador", "Enter")
	term.keys("Antes de empezar", "Enter")
	term.waitFor("Sección 1 de 2")
	term.waitFor("Prefiere no decir")
	term.waitFor("para marcar")
	term.keys("Dónde dormiste", "x", "Enter")
	term.keys("Qué tan a salvo", "1", "Enter")
	term.typeText("Días fuera", "2")
	term.keys("> 2", "Enter")
	term.keys("Nota: Mientras estabas fuera", "Enter")
	term.keys("Hay alguien mayor", "2", "Enter")
	term.keys("Alguien te ofreció", "1", "Enter") // sí: a disclosure
	term.waitFor("Terminar la detección ahora")
	term.keysAfterReading("Detente y refiere", "Enter")
	term.keysAfterReading("Para cerrar", "Enter")
	term.keys("OBSERVA", "2", "Enter")
	term.keys("Nota: Personas", "Enter")
	term.keys("Revisa las respuestas", "Enter")
	s := readSummary(t, term, filepath.Join(filepath.Dir(term.socket), "summary.json"))
	if !s.Interview.EndedEarly || s.Concern != "clear" {
		t.Errorf("ended early %v, concern %s", s.Interview.EndedEarly, s.Concern)
	}
	if strings.Contains(term.screen(), "Ctrl+C: pause") {
		t.Errorf("English hints in a Spanish interview:\n%s", term.screen())
	}
}

// Ctrl-C stops the interview: exit 130, and no summary file.
func TestTUICtrlC(t *testing.T) {
	term := newTerminal(t, nil, "interview", "--set", "example@0.1.0", "--output", "summary.txt")
	term.keys("A label for this draft", "Enter")
	term.keys("Before you begin", "Enter")
	term.keys("Where did you sleep", "C-c")
	term.waitFor("EXIT=130")
	if !strings.Contains(term.screen(), "no summary was written") {
		t.Errorf("no word of the interruption:\n%s", term.screen())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(term.socket), "summary.txt")); !os.IsNotExist(err) {
		t.Errorf("a summary file was written for an interrupted interview: %v", err)
	}
}

// TERM=dumb gives plain numbered lines on a real terminal, for screen readers.
func TestPlainOnATerminal(t *testing.T) {
	term := newTerminal(t, []string{"TERM=dumb"}, "interview", "--set", "example@0.1.0", "--format", "json", "--output", "summary.json")
	for _, step := range []struct{ on, answer string }{
		{"A label for this draft", ""},
		{"Press Enter to continue.", ""},
		{"Ask: Where did you sleep", "hotel, 1"},
		{"Ask: Who paid for the room?", "my uncle"},
		{"Ask: How safe did you feel there?", "not safe"},
		{"From the record: Days away", "three"}, // refused: not a number
		{`"three" is not a number`, "3"},
		{"Note: While you were away", ""},
		{"Ask: Is there someone older", "declined"},
		{"Ask: Did anyone offer you", "no"},
		{"To close", ""},
		{"Observe, do not read aloud", "2"},
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
	s := readSummary(t, term, filepath.Join(filepath.Dir(term.socket), "summary.json"))
	got := answersOf(s)
	for q, want := range map[string]string{
		"slept-where":    "answered:At a friend's place; A hotel or motel",
		"felt-safe":      "answered:Not safe",
		"days-away":      "answered:3 days",
		"older-partner":  "declined:",
		"several-phones": "answered:No",
	} {
		if got[q] != want {
			t.Errorf("%s = %q, want %q", q, got[q], want)
		}
	}
	if styled := term.styledScreen(); strings.Contains(styled, "\x1b[") {
		t.Errorf("styled text on a dumb terminal:\n%q", styled)
	}
}

// SIGKILL mid-interview loses at most the answer being typed: every answer given before is
// saved, encrypted, and the resumed interview's summary has them all.
func TestKillAndResume(t *testing.T) {
	// Each step: the screen, what the worker types, and what the summary must then hold.
	script := []struct{ on, answer, question, want string }{
		{"Press Enter to continue.", "", "", ""},
		{"Ask: Where did you sleep", "hotel, 1", "slept-where", "answered:At a friend's place; A hotel or motel"},
		{"Ask: Who paid for the room?", "my uncle zebra", "room-paid-by", "answered:my uncle zebra"},
		{"Ask: How safe did you feel there?", "not safe", "felt-safe", "answered:Not safe"},
		{"From the record: Days away", "3", "days-away", "answered:3 days"},
		{"Note: While you were away", "said she stayed with a quokka", "", ""},
		{"Ask: Is there someone older", "declined", "older-partner", "declined:"},
	}
	for _, killAfter := range []int{2, 4, 7} { // answers typed before the kill (the first is the opening)
		t.Run(fmt.Sprintf("after %d", killAfter), func(t *testing.T) {
			dir := t.TempDir()
			env := []string{"TERM=dumb", "XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
			term := newTerminalIn(t, dir, env, "interview", "--set", "example@0.1.0", "--label", "case-7")
			for _, st := range script[:killAfter] {
				term.typeText(st.on, st.answer)
				term.keys(st.on, "Enter")
			}
			// Wait for the next question: its answer is the one being typed when the power goes.
			next := []string{
				"", "Ask: Where did you sleep", "Ask: Who paid for the room?", "Ask: How safe did you feel there?",
				"From the record: Days away", "Note: While you were away", "Ask: Is there someone older", "Ask: Did anyone offer you",
			}
			term.waitFor(next[killAfter])
			if out, err := exec.Command("pkill", "-KILL", "-f", "^"+filepath.Join(dir, "safeharbor")+" interview").CombinedOutput(); err != nil {
				t.Fatalf("pkill: %v %s", err, out)
			}
			term.waitFor("EXIT=137")

			// Nothing the young person said is readable on the disk.
			_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Base(path) == "safeharbor" {
					return nil
				}
				data, _ := os.ReadFile(path)
				for _, secret := range []string{"zebra", "quokka"} {
					if strings.Contains(string(data), secret) {
						t.Errorf("%s holds %q in plain text", path, secret)
					}
				}
				return nil
			})

			// Resume, with an answers file for the rest.
			rest := filepath.Join(dir, "rest.yaml")
			if err := os.WriteFile(rest, []byte("answers:\n  exchange: no\n  several-phones: no\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(filepath.Join(dir, "safeharbor"), "resume", "--answers", rest, "--format", "json")
			cmd.Env = append(os.Environ(), env...)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("resume: %v\n%s", err, out)
			}
			var s summaryJSON
			if err := json.Unmarshal(out, &s); err != nil {
				t.Fatal(err)
			}
			got := answersOf(s)
			for _, st := range script[:killAfter] {
				if st.question != "" && got[st.question] != st.want {
					t.Errorf("%s = %q after the kill, want %q", st.question, got[st.question], st.want)
				}
			}
			if killAfter > 5 && (len(s.Notes) != 1 || s.Notes[0].Text != "said she stayed with a quokka") {
				t.Errorf("the note was lost: %+v", s.Notes)
			}
		})
	}
}

// Plain lines on a terminal: a line typed ahead, meant for the next question, never answers the
// stop-and-refer screen that comes up in between ("yes" there would end the screening); it
// waits, and the next question takes it.
func TestPlainLineTypedAheadNeverAnswersStopAndRefer(t *testing.T) {
	term := newTerminal(t, nil, "interview", "--accessible", "--set", "example@0.1.0", "--label", "t", "--format", "json", "--output", "summary.json")
	term.keys("Press Enter to continue.", "Enter")
	term.typeText("Ask: Where did you sleep", "hotel")
	term.keys("> hotel", "Enter")
	term.typeText("Ask: Who paid for the room?", "my uncle")
	term.keys("> my uncle", "Enter")
	term.typeText("Ask: How safe did you feel there?", "not safe")
	term.keys("> not safe", "Enter")
	term.typeText("From the record: Days away", "3")
	term.keys("> 3", "Enter")
	term.keys("Note: While you were away", "Enter")
	term.typeText("Ask: Is there someone older", "no")
	term.keys("> no", "Enter")
	// The disclosure, and at once the answer meant for the observation after it.
	term.keys("Ask: Did anyone offer you", "y", "e", "s", "Enter", "y", "e", "s", "Enter")
	term.waitFor("End the screening now?")
	term.typeText("End the screening now?", "2") // read, then chosen: go on
	term.keysAfterReading("End the screening now?", "Enter")
	term.keysAfterReading("To close", "Enter")
	term.keys("Note: People", "Enter") // the observation took the line typed ahead
	term.keys("Type a number to change that answer", "Enter")
	s := readSummary(t, term, filepath.Join(filepath.Dir(term.socket), "summary.json"))
	if s.Interview.EndedEarly || answersOf(s)["several-phones"] != "answered:Yes" {
		t.Errorf("ended early %v (the worker chose to go on), answers %v", s.Interview.EndedEarly, answersOf(s))
	}
}

// A worker who knows the closing comes types through it in one burst: the last answer, an Enter
// for the closing, then the note on the section just finished. The closing waits to be read;
// once it has been, the Enter typed for it is not passed on (it would save the note empty and
// put the note's words on the next screen), so the note gets what was typed for it.
func TestBurstThroughTheClosing(t *testing.T) {
	dir := t.TempDir()
	set := `format: safeharbor/v1
id: closing-then-note
version: 1.0.0
status: draft
title: The closing, then a note
language: en
sources:
  - {id: guide, title: A guide}
levels: {possible: 2, clear: 5}
closing:
  - say: Thank you for talking with me.
sections:
  - id: talk
    title: Talk
    questions:
      - {id: felt-safe, mode: ask, type: yesno, text: "Did you feel safe?"}
  - id: seen
    title: Seen
    questions:
      - {id: phones, mode: observe, type: yesno, text: "More than one phone."}
`
	if err := os.WriteFile(filepath.Join(dir, "set.yaml"), []byte(set), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
	term := newTerminalIn(t, dir, env, "interview", "--file", "set.yaml", "--label", "t", "--format", "json", "--output", "summary.json")
	term.waitFor("Did you feel safe?")
	sendBurst(term, []string{"1", "Enter", "Enter", paste("Said her sister helps"), "Enter"})
	term.keysAfterReading("To close", "Enter")
	term.keys("More than one phone", "2", "Enter")
	term.keys("Note: Seen", "Enter")
	term.keys("Review the answers", "Enter")
	s := readSummary(t, term, filepath.Join(dir, "summary.json"))
	if got := answersOf(s); got["felt-safe"] != "answered:Yes" || got["phones"] != "answered:No" || len(s.Notes) != 1 || s.Notes[0].Text != "Said her sister helps" {
		t.Errorf("answers %v, notes %+v", got, s.Notes)
	}
}
