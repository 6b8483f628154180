package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// Keys typed ahead must never change an answer. On a remote desktop, SSH over a phone, or a
// paste, keys arrive in bursts: a key typed after Enter belongs to the next question, never to
// the one just answered, and is never lost. These tests plan a whole interview (answers, notes,
// the screens between), then type it twice in a real terminal: one screen at a time, and as a
// single burst with the typed words pasted. Both must record exactly the planned answers.

// step is what the worker does on one screen: the text that shows the screen is up, and the keys.
// A guarded screen (a section's guidance, the stop-and-refer guidance, the closing said aloud)
// comes unexpected and takes no keys typed before it was read: a burst stops there, and goes on once it is answered.
type step struct {
	on      string
	keys    []string
	guarded bool
}

// plan is a whole interview: the keys, and the answers it must record.
type plan struct {
	steps []step
	want  map[string]string // question id -> state:value, as the JSON summary writes them
	notes []string
}

// paste is text the worker pastes: tmux pastes it as a terminal does, wrapped in bracketed-paste
// marks, in the same burst as the keys around it (see sendBurst).
func paste(text string) string { return pasteMark + text }

const pasteMark = "\x00paste:"

// sendBurst sends keys and pastes to the terminal in one tmux command, so they arrive as one
// burst: a run of keys is one send-keys, a paste is tmux's own bracketed paste (paste-buffer -p),
// whose marks reach the program in one write, as a terminal's do.
func sendBurst(term *terminal, keys []string) {
	term.t.Helper()
	var args []string
	var run []string
	flush := func() {
		if len(run) > 0 {
			args = append(append(args, "send-keys", "-t", term.session), run...)
			args = append(args, ";")
			run = nil
		}
	}
	for i, k := range keys {
		text, ok := strings.CutPrefix(k, pasteMark)
		if !ok {
			run = append(run, k)
			continue
		}
		flush()
		buf := fmt.Sprintf("p%d", i)
		args = append(args, "set-buffer", "-b", buf, "--", text, ";", "paste-buffer", "-d", "-p", "-b", buf, "-t", term.session, ";")
	}
	flush()
	term.tmux(args...)
}

var typedWords = []string{"Shelter", "English", "Car", "my cousin's flat", "the bus station", "Spanish at home", "a friend drove me", "at Dee's place"}

// planInterview chooses answers at random (seeded) and the keys that give them, walking the set
// with the engine so follow-ups, notes and the stop-and-refer screen come where they will.
func planInterview(t *testing.T, set *screening.QuestionSet, seed uint64) plan {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 0))
	s := screening.NewSession(set)
	p := plan{want: map[string]string{}}
	p.steps = append(p.steps, step{"A label for this draft", []string{"Enter"}, false})
	if len(set.Opening) > 0 {
		p.steps = append(p.steps, step{"Before you begin", []string{"Enter"}, false})
	}
	var section *screening.Section
	closed := false
	note := func(sec *screening.Section) {
		text := ""
		if rng.IntN(2) == 0 {
			text = typedWords[rng.IntN(len(typedWords))]
			p.notes = append(p.notes, text)
			s.SetNote(sec.ID, text)
		}
		keys := []string{}
		if text != "" {
			keys = append(keys, paste(text))
		}
		p.steps = append(p.steps, step{"Note: " + sec.Title, append(keys, "Enter"), false})
	}
	for q, ok := s.Next(); ok; q, ok = s.Next() {
		// The closing is said when nothing is left to read aloud, before what the worker fills
		// in alone.
		if left, put := s.ReadAloud(); !closed && len(set.Closing) > 0 && !q.Mode.ReadAloud() && put && !left {
			p.steps = append(p.steps, step{"To close", []string{"Enter"}, true})
			closed = true
		}
		if sec := s.SectionOf(q); section == nil || sec.ID != section.ID {
			if section != nil {
				note(section)
			}
			section = sec
			if sec.Help != "" {
				// Waited for by its own words: the screen before may still be up.
				p.steps = append(p.steps, step{firstWords(sec.Help), []string{"Enter"}, true})
			}
		}
		a, keys := chooseAnswer(rng, q)
		for tries := 0; s.Check(q.ID, a) != nil && tries < 100; tries++ {
			a, keys = chooseAnswer(rng, q) // a time out of order with another (not_before): another
		}
		p.steps = append(p.steps, step{firstWords(q.Text), keys, false})
		disclosed := s.NewDisclosures(q.ID, a)
		urgent := s.NewInterrupts(q.ID, a)
		if err := s.Answer(q.ID, a); err != nil {
			t.Fatalf("plan: %v", err)
		}
		// An answer that discloses, or makes an action marked to interrupt apply (call 911, 988,
		// the medical window), brings one unexpected screen: the actions first, then the
		// stop-and-refer guidance. The worker goes on.
		switch {
		case len(disclosed) > 0:
			// The label goes on the sentence, so it starts in lower case.
			label := []rune(firstWords(disclosed[0].Label))
			label[0] = unicode.ToLower(label[0])
			p.steps = append(p.steps, step{"disclosed: " + string(label), chooseOne(1), true})
		case len(urgent) > 0:
			p.steps = append(p.steps, step{firstWords(urgent[0].Text), chooseOne(1), true})
		}
	}
	note(section)
	p.steps = append(p.steps, step{"Review the answers", []string{"Enter"}, false})
	if len(set.Closing) > 0 && !closed {
		p.steps = append(p.steps, step{"To close", []string{"Enter"}, true})
	}
	sum := s.Summary(screening.SummaryMeta{})
	for _, a := range sum.Answers {
		p.want[a.QuestionID] = string(a.State) + ":" + a.Value
	}
	return p
}

// firstWords is enough of a question's text to know it is on the screen, short enough not to
// be wrapped.
func firstWords(text string) string {
	if r := []rune(text); len(r) > 28 {
		return string(r[:28])
	}
	return text
}

// chooseAnswer picks an answer to q and the keys that record it. Choices are listed with the
// question's options first, then "prefers not to say" (for what is read aloud), "doesn't know"
// and "skip".
func chooseAnswer(rng *rand.Rand, q *screening.Question) (screening.Answer, []string) {
	states := []screening.State{screening.StateDeclined, screening.StateDontKnow, screening.StateNotAsked}
	if !q.Mode.ReadAloud() {
		states = states[1:] // "prefers not to say" is the young person's: not offered for the worker's own items
	}
	pickState := rng.IntN(8) == 0
	switch q.Type {
	case screening.TypeYesNo, screening.TypeSingle:
		values := []string{"yes", "no"}
		if q.Type == screening.TypeSingle {
			values = nil
			for _, o := range q.Options {
				values = append(values, o.Value)
			}
		}
		i := rng.IntN(len(values))
		a := screening.Answered(values[i])
		if pickState {
			j := rng.IntN(len(states))
			i, a = len(values)+j, screening.Answer{State: states[j]}
		}
		return a, chooseOne(i)
	case screening.TypeMulti:
		if pickState {
			j := rng.IntN(len(states))
			return screening.Answer{State: states[j]}, chooseMany([]int{len(q.Options) + 1 + j})
		}
		var idx []int
		var values []string
		for i, o := range q.Options {
			if rng.IntN(3) == 0 {
				idx = append(idx, i)
				values = append(values, o.Value)
			}
		}
		if len(idx) == 0 {
			return screening.Answer{State: screening.StateAnswered, Choices: []string{}}, chooseMany([]int{len(q.Options)}) // none of these
		}
		return screening.Answer{State: screening.StateAnswered, Choices: values}, chooseMany(idx)
	case screening.TypeDateTime:
		if pickState {
			j := rng.IntN(len(states))
			return screening.Answer{State: states[j]}, typeNothing(j)
		}
		// A time in the last three days, typed as a worker would, on a 24-hour clock.
		text := time.Now().Add(-time.Duration(1+rng.IntN(72)) * time.Hour).Format("2006-01-02 15:04")
		at, err := screening.ParseDateTime(text, screening.MonthFirst, time.Now())
		if err != nil {
			panic(err)
		}
		return screening.Answer{State: screening.StateAnswered, Text: screening.FormatStoredClock(at)}, []string{paste(text), "Enter"}
	default:
		if pickState {
			j := rng.IntN(len(states))
			return screening.Answer{State: states[j]}, typeNothing(j)
		}
		text := typedWords[rng.IntN(len(typedWords))]
		if q.Type == screening.TypeNumber {
			lo, hi := 0, 30
			if q.Min != nil {
				lo = int(*q.Min)
			}
			if q.Max != nil && int(*q.Max) < hi {
				hi = int(*q.Max)
			}
			text = strconv.Itoa(lo + rng.IntN(hi-lo+1))
		}
		return screening.Answer{State: screening.StateAnswered, Text: text}, []string{paste(text), "Enter"}
	}
}

// The keys of the terminal interface for each kind of screen.

// pressChoice moves to the i-th choice (0-based) of a list: by its number for the first nine,
// by the arrows from the top for the rest.
func pressChoice(i int) []string {
	if i < 9 {
		return []string{strconv.Itoa(i + 1)}
	}
	return append([]string{"Home"}, slices.Repeat([]string{"Down"}, i)...)
}

// chooseOne picks the i-th choice of a list.
func chooseOne(i int) []string { return append(pressChoice(i), "Enter") }

// chooseMany ticks the choices at idx (0-based) of a list that takes several; "none of these"
// follows the options, then the three states.
func chooseMany(idx []int) []string {
	var keys []string
	for _, i := range idx {
		keys = append(keys, pressChoice(i)...)
		if i >= 9 {
			keys = append(keys, "x") // the arrows only move; x ticks
		}
	}
	return append(keys, "Enter")
}

// typeNothing leaves a typed answer empty and picks the j-th state: they are under the line,
// reached with the arrows (a digit there is part of the answer).
func typeNothing(j int) []string { return append(slices.Repeat([]string{"Down"}, j+1), "Enter") }

func loadShippedSet(t *testing.T, ref string) *screening.QuestionSet {
	t.Helper()
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := questions.LoadCatalog(questions.FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	id, version := questions.ParseSetRef(ref)
	f, err := catalog.Find(id, version)
	if err != nil {
		t.Fatal(err)
	}
	return f.Set
}

func loadSetFile(t *testing.T, path string) *screening.QuestionSet {
	t.Helper()
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := questions.DecodeSet(path, data, base)
	if err != nil {
		t.Fatal(err)
	}
	return f.Set
}

// typeInterview runs the interview in a terminal and types the plan: one screen at a time
// (waiting for each), or all at once.
func typeInterview(t *testing.T, dir string, p plan, burst bool, args ...string) map[string]string {
	t.Helper()
	for _, f := range []string{"summary.json"} {
		os.Remove(filepath.Join(dir, f))
	}
	env := []string{"XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
	term := newTerminalIn(t, dir, env, append([]string{"interview", "--format", "json", "--output", "summary.json"}, args...)...)
	defer term.tmux("kill-server")
	if burst {
		// Everything up to a guarded screen in one burst; the guarded screen answered once it is
		// up and has been read; then the next burst.
		var keys []string
		on := p.steps[0].on
		for _, st := range p.steps {
			if st.guarded {
				if len(keys) > 0 {
					if on != "" {
						term.waitFor(on)
					}
					sendBurst(term, keys)
				}
				term.waitFor(st.on)
				if os.Getenv("TYPEAHEAD_DEBUG") != "" {
					t.Logf("sent %q; waiting on %q; screen:\n%s", keys, st.on, term.screen())
				}
				time.Sleep(400 * time.Millisecond)
				sendBurst(term, st.keys)
				keys, on = nil, "" // the keys after follow at once: they wait in order
				continue
			}
			keys = append(keys, st.keys...)
		}
		if len(keys) > 0 {
			if on != "" {
				term.waitFor(on)
			}
			sendBurst(term, keys)
		}
	} else {
		for _, st := range p.steps {
			term.waitFor(st.on)
			if st.guarded {
				time.Sleep(400 * time.Millisecond) // read, as a worker does, before answering
			}
			sendBurst(term, st.keys)
		}
	}
	s := readSummary(t, term, filepath.Join(dir, "summary.json"))
	got := answersOf(s)
	var notes []string
	for _, n := range s.Notes {
		notes = append(notes, n.Text)
	}
	if !slices.Equal(notes, p.notes) {
		t.Errorf("notes %q, want %q", notes, p.notes)
	}
	return got
}

func compareAnswers(t *testing.T, how string, got, want map[string]string) {
	t.Helper()
	var bad []string
	for q, w := range want {
		if got[q] != w {
			bad = append(bad, fmt.Sprintf("  %s: recorded %q, meant %q", q, got[q], w))
		}
	}
	slices.Sort(bad)
	if len(bad) > 0 {
		t.Errorf("%s: %d of %d answers differ from those typed:\n%s", how, len(bad), len(want), strings.Join(bad, "\n"))
	}
}

func TestTypeAheadMixedSet(t *testing.T) {
	path, _ := filepath.Abs("testdata/sets/mixed.yaml")
	set := loadSetFile(t, path)
	dir := t.TempDir()
	for seed := uint64(1); seed <= 3; seed++ {
		p := planInterview(t, set, seed)
		slow := typeInterview(t, dir, p, false, "--file", path)
		compareAnswers(t, fmt.Sprintf("seed %d, one screen at a time", seed), slow, p.want)
		burst := typeInterview(t, dir, p, true, "--file", path)
		compareAnswers(t, fmt.Sprintf("seed %d, typed ahead in one burst", seed), burst, p.want)
	}
}

func TestTypeAheadDefaultSet(t *testing.T) {
	set := loadShippedSet(t, "post-return")
	dir := t.TempDir()
	for seed := uint64(1); seed <= 3; seed++ {
		p := planInterview(t, set, seed)
		burst := typeInterview(t, dir, p, true)
		compareAnswers(t, fmt.Sprintf("seed %d, typed ahead in one burst", seed), burst, p.want)
	}
}

// The plan must fit its set: every answer it means is one the engine takes. Without a terminal.
func TestPlanFitsTheSet(t *testing.T) {
	set := loadShippedSet(t, "post-return")
	for seed := uint64(1); seed <= 20; seed++ {
		p := planInterview(t, set, seed)
		if len(p.want) != len(set.Questions()) {
			t.Fatalf("seed %d: %d answers planned for %d questions", seed, len(p.want), len(set.Questions()))
		}
	}
	var data []byte
	data, _ = json.Marshal(planInterview(t, set, 1).want)
	if !strings.Contains(string(data), "answered:") {
		t.Errorf("the plan answers nothing: %s", data)
	}
}
