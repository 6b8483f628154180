package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// The agency's handoff, end to end through the binary: 300 interviews from varied answers files
// write summaries (plain and encrypted) and drop records (encrypted) into a folder; stats over
// the mix counts what a tally of the summaries, made here and not by the code under test, counts,
// with every small count suppressed; and nothing anyone said or wrote reaches a record or the
// statistics.

const agencyInterviews = 300

// interviewRun is one interview of the test: what it was given and what it wrote.
type interviewRun struct {
	n        int
	answers  map[string]any
	secret   string // the words in its text answers and notes, found nowhere after
	training bool
	summary  map[string]any // the JSON summary it printed
}

// agencyAnswers makes answers for post-return 2.0.0: every kind of answer, declines, "doesn't
// know", questions left out, text in distinctive words.
func agencyAnswers(r *rand.Rand, set *screening.QuestionSet, n int, now time.Time) (map[string]any, map[string]string, string) {
	secret := fmt.Sprintf("Quillon Vasquez-Ibarra %d", 1000+n)
	answers := map[string]any{}
	for _, q := range set.Questions() {
		switch k := r.IntN(20); {
		case k == 0:
			answers[q.ID] = "declined"
			continue
		case k == 1:
			answers[q.ID] = "dont-know"
			continue
		case k < 4:
			continue // not asked
		}
		switch q.Type {
		case screening.TypeYesNo:
			answers[q.ID] = []string{"yes", "no", "no", "no"}[r.IntN(4)]
		case screening.TypeSingle:
			answers[q.ID] = q.Options[r.IntN(len(q.Options))].Value
		case screening.TypeMulti:
			var vs []string
			for _, o := range q.Options {
				if r.IntN(5) == 0 {
					vs = append(vs, o.Value)
				}
			}
			answers[q.ID] = vs
		case screening.TypeNumber:
			lo, hi := 0.0, 30.0
			if q.Min != nil {
				lo = *q.Min
			}
			if q.Max != nil {
				hi = *q.Max
			}
			answers[q.ID] = int(lo) + r.IntN(int(hi-lo)+1)
		case screening.TypeText:
			answers[q.ID] = fmt.Sprintf("with %s at the Larkspur Motel", secret)
		case screening.TypeDateTime:
			at := now.Add(-time.Duration(1+r.IntN(150)) * time.Hour)
			if earlier, ok := answers[q.NotBefore.ID].(string); ok && q.NotBefore.ID != "" {
				if t, err := time.Parse(time.RFC3339, earlier); err == nil {
					at = t.Add(time.Duration(r.Int64N(int64(now.Sub(t)))))
				}
			}
			answers[q.ID] = at.Format(time.RFC3339)
		}
	}
	notes := map[string]string{}
	for _, sec := range set.Sections {
		if r.IntN(3) == 0 {
			notes[sec.ID] = fmt.Sprintf("Said %s drove her to Tillamook.", secret)
		}
	}
	return answers, notes, secret
}

func TestAgencyData(t *testing.T) {
	bin := build(t, t.TempDir())
	acct := newAccount(t, bin)
	work := t.TempDir()
	for _, d := range []string{"answers", "summaries", "drop", "copies", "broken"} {
		if err := os.Mkdir(filepath.Join(work, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(work, "agency.key")
	if err := os.WriteFile(keyFile, []byte(id.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := questions.LoadCatalog(questions.FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	file, err := catalog.Find("post-return", "2.0.0")
	if err != nil {
		t.Fatal(err)
	}

	// The interviews: a fifth drop only an encrypted record (the summary goes to the screen), a
	// fifth write an encrypted summary, the rest a plain one; every seventh is a mock interview.
	r := rand.New(rand.NewPCG(300, 16))
	now := time.Now()
	runs := make([]*interviewRun, agencyInterviews)
	for n := range runs {
		answers, notes, secret := agencyAnswers(r, file.Set, n, now)
		data, err := yaml.Marshal(map[string]any{"set": "post-return@2.0.0", "answers": answers, "notes": notes})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(work, "answers", fmt.Sprintf("a%03d.yaml", n))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		runs[n] = &interviewRun{n: n, answers: answers, secret: secret, training: n%7 == 3}
	}
	var wg sync.WaitGroup
	jobs := make(chan *interviewRun)
	for range 4 {
		wg.Go(func() {
			for run := range jobs {
				args := []string{"interview", "--set", "post-return@2.0.0", "--answers", filepath.Join(work, "answers", fmt.Sprintf("a%03d.yaml", run.n)), "--format", "json"}
				var out string
				switch run.n % 5 {
				case 1:
					args = append(args, "--records", filepath.Join(work, "drop"), "--encrypt-to", id.Recipient().String())
				case 2:
					out = filepath.Join(work, "summaries", fmt.Sprintf("s%03d.json.age", run.n))
					args = append(args, "--output", out, "--encrypt-to", id.Recipient().String())
				default:
					out = filepath.Join(work, "summaries", fmt.Sprintf("s%03d.json", run.n))
				}
				if run.training {
					args = append(args, "--training")
				}
				stdout, stderr, code := runBinary(t, acct, args...)
				if code != 0 {
					t.Errorf("interview %d: exit %d\n%s", run.n, code, stderr)
					continue
				}
				summary := stdout
				switch run.n % 5 {
				case 2:
					summary = decryptFile(t, out, id)
				case 1:
				default:
					if err := os.WriteFile(out, stdout, 0o600); err != nil {
						t.Error(err)
					}
				}
				if err := json.Unmarshal(summary, &run.summary); err != nil {
					t.Errorf("interview %d: its summary: %v", run.n, err)
				}
			}
		})
	}
	for _, run := range runs {
		jobs <- run
	}
	close(jobs)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	// The same interviews exported twice, and a file that is not a summary.
	for n := 0; n < agencyInterviews; n += 25 {
		if n%5 == 1 || n%5 == 2 {
			continue
		}
		data, err := os.ReadFile(filepath.Join(work, "summaries", fmt.Sprintf("s%03d.json", n)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(work, "copies", fmt.Sprintf("again-%03d.json", n)), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(work, "broken", "half.json"), []byte(`{"format": "safeharbor-summary/v1", "question_set":`), 0o600); err != nil {
		t.Fatal(err)
	}

	// Actions recorded done after the summaries were written: report-made writes a copy beside
	// the first (encrypted again for an encrypted one), the same screening, and stats counts the
	// copy that says more. The tally reads the copy, and judges in time from its times itself.
	madeRuns, madeEncrypted := 0, 0
	for _, run := range runs {
		if run.training || run.n%11 != 4 || run.n%5 == 1 {
			continue
		}
		action := ""
		for _, act := range run.summary["actions"].([]any) {
			if am := act.(map[string]any); am["due"] != nil && action == "" {
				action = am["id"].(string)
			}
		}
		if action == "" {
			continue
		}
		src := filepath.Join(work, "summaries", fmt.Sprintf("s%03d.json", run.n))
		dst := filepath.Join(work, "copies", fmt.Sprintf("made-%03d.json", run.n))
		args := []string{"report-made", src, action, "--at", "now", "--output", dst}
		if run.n%5 == 2 {
			madeEncrypted++
			src, dst = src+".age", dst+".age"
			args = []string{"report-made", "--identity", keyFile, src, action, "--at", "now", "--output", dst, "--encrypt-to", id.Recipient().String()}
		}
		if _, stderr, code := runBinary(t, acct, args...); code != 0 {
			t.Fatalf("report-made on interview %d: exit %d\n%s", run.n, code, stderr)
		}
		data, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		if run.n%5 == 2 {
			data = decryptFile(t, dst, id)
		}
		run.summary = nil
		if err := json.Unmarshal(data, &run.summary); err != nil {
			t.Fatalf("report-made on interview %d: %v", run.n, err)
		}
		madeRuns++
	}
	if madeRuns < 5 || madeEncrypted == 0 {
		t.Fatalf("only %d summaries had an action recorded done, %d encrypted", madeRuns, madeEncrypted)
	}

	want := tallyRuns(t, runs)
	if want.n < 200 {
		t.Fatalf("only %d screenings to count", want.n)
	}
	inputs := []string{filepath.Join(work, "summaries"), filepath.Join(work, "drop"), filepath.Join(work, "copies"), filepath.Join(work, "broken")}

	// With no minimum, every count is published, and every one is the tally's.
	stdout, stderr, code := runBinary(t, acct, append([]string{"stats", "--identity", keyFile, "--min-cell", "0", "--by", "age-band", "--format", "json"}, inputs...)...)
	if code != 1 || !strings.Contains(stderr, "skipped "+filepath.Join(work, "broken", "half.json")+": line 1: the JSON that starts here is cut off") {
		t.Fatalf("stats over a folder with a broken file: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("stats: %d screenings from", want.n)) || !strings.Contains(stderr, "read more than once, counted once") || !strings.Contains(stderr, "mock interviews left out") {
		t.Errorf("stats says: %s", stderr)
	}
	all := decodeStats(t, stdout)
	compareStats(t, all, want, 0)

	// With the minimum of 11, every published count is the tally's, and every count under 11 is
	// suppressed.
	stdout, _, _ = runBinary(t, acct, append([]string{"stats", "--identity", keyFile, "--by", "age-band", "--format", "json"}, inputs...)...)
	suppressed := decodeStats(t, stdout)
	compareStats(t, suppressed, want, 11)

	// Without the key, the encrypted summaries and records are named and skipped.
	_, stderr, code = runBinary(t, acct, append([]string{"stats"}, inputs...)...)
	encrypted := madeEncrypted
	for _, run := range runs {
		if run.n%5 == 1 && !run.training || run.n%5 == 2 {
			encrypted++
		}
	}
	if code != 1 || strings.Count(stderr, "encrypted: give the key it was encrypted to with --identity FILE") != encrypted {
		t.Errorf("without the key: exit %d, %d encrypted files said skipped, want %d", code, strings.Count(stderr, "encrypted: give the key"), encrypted)
	}

	// Nothing anyone said or wrote, in any output.
	// Mock interviews leave no record, so those that only dropped one are nowhere on disk.
	onDisk := want.n
	for _, run := range runs {
		if run.training && run.n%5 != 1 {
			onDisk++
		}
	}
	var outputs [][]byte
	for _, format := range []string{"text", "markdown", "csv", "json", "html"} {
		out, _, _ := runBinary(t, acct, append([]string{"stats", "--identity", keyFile, "--by", "month", "--format", format}, inputs...)...)
		outputs = append(outputs, out)
	}
	for _, format := range []string{"csv", "ndjson"} {
		out, _, _ := runBinary(t, acct, append([]string{"export", "records", "--identity", keyFile, "--training", "--format", format}, inputs...)...)
		if lines := bytes.Count(out, []byte("\n")); format == "ndjson" && lines != onDisk {
			t.Errorf("export records wrote %d records, want %d", lines, onDisk)
		}
		outputs = append(outputs, out)
	}
	for _, run := range runs {
		for _, out := range outputs {
			for _, words := range []string{run.secret, "Larkspur", "Tillamook", "Vasquez-Ibarra"} {
				if bytes.Contains(out, []byte(words)) {
					t.Fatalf("%q from interview %d is in an output", words, run.n)
				}
			}
		}
	}
}

// agencyTally is what the summaries say, counted here.
type agencyTally struct {
	n, training int
	screenings  map[string]int               // table/row/column -> count
	versions    map[string]int               // set@version -> screenings
	declined    map[string]map[string][3]int // set@version -> question -> declined, doesn't know, not asked
}

func (a *agencyTally) add(key string) { a.screenings[key]++ }

// tallyRuns counts the interviews from their summaries, read as plain JSON, and from the answers
// they were given: the ages and return times.
func tallyRuns(t *testing.T, runs []*interviewRun) *agencyTally {
	a := &agencyTally{screenings: map[string]int{}, versions: map[string]int{}, declined: map[string]map[string][3]int{}}
	for _, run := range runs {
		if run.training {
			a.training++
			continue
		}
		a.n++
		s := run.summary
		set := s["question_set"].(map[string]any)
		version := set["id"].(string) + "@" + set["version"].(string)
		a.versions[version]++
		started, err := time.Parse(time.RFC3339Nano, s["interview"].(map[string]any)["started"].(string))
		if err != nil {
			t.Fatal(err)
		}
		band := "unknown"
		if age, ok := run.answers["age"].(int); ok {
			switch {
			case age >= 18:
				band = "18-plus"
			case age >= 15:
				band = "15-17"
			case age >= 12:
				band = "12-14"
			default:
				band = "under-12"
			}
		}
		within := "return-not-recorded"
		if back, ok := run.answers["returned-at"].(string); ok && back != "declined" && back != "dont-know" {
			at, err := time.Parse(time.RFC3339, back)
			if err != nil {
				t.Fatal(err)
			}
			switch h := math.Floor(started.Sub(at).Hours()); {
			case h < 0:
				within = "return-after-start"
			case h < 24:
				within = "under-24h"
			case h < 72:
				within = "24h-to-72h"
			default:
				within = "72h-or-more"
			}
		}
		complete := "incomplete"
		if s["completeness"].(map[string]any)["complete"].(bool) {
			complete = "complete"
		}
		rows := map[string][]string{
			"month":           {started.UTC().Format("2006-01")},
			"set":             {version},
			"concern":         {s["concern"].(string)},
			"completeness":    {complete},
			"screened-within": {within},
		}
		for _, ind := range s["indicators"].([]any) {
			rows["indicators"] = append(rows["indicators"], ind.(map[string]any)["id"].(string))
		}
		reports := "no-deadlines"
		for _, act := range s["actions"].([]any) {
			am := act.(map[string]any)
			rows["actions"] = append(rows["actions"], am["id"].(string))
			// Done in time: unknown while a summary does not say when; none without a deadline.
			status := "no-deadline"
			if due, ok := am["due"].(map[string]any); ok {
				status = "not-recorded"
				made, _ := am["made"].(map[string]any)
				if at, ok := due["at"].(string); ok && made != nil {
					dueAt, err1 := time.Parse(time.RFC3339, at)
					madeAt, err2 := time.Parse(time.RFC3339, made["at"].(string))
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					status = "in-time"
					if madeAt.After(dueAt) {
						status = "late"
					}
				}
				switch {
				case status == "late" || reports == "some-late":
					reports = "some-late"
				case status == "not-recorded" || reports == "some-not-recorded":
					reports = "some-not-recorded"
				default:
					reports = "all-in-time"
				}
			}
			a.add("actions/" + am["id"].(string) + "/" + status)
		}
		rows["reports-in-time"] = []string{reports}
		mode := "unknown"
		if v, ok := run.answers["conversation-mode"].(string); ok && v != "declined" && v != "dont-know" {
			mode = v
		}
		rows["mode"] = []string{mode}
		for _, d := range s["domains"].([]any) {
			dm := d.(map[string]any)
			rows["domain-level "+dm["id"].(string)] = []string{dm["level"].(string)}
		}
		for table, values := range rows {
			for _, v := range values {
				a.add(table + "/" + v + "/all")
				a.add(table + "/" + v + "/" + band)
			}
		}
		a.add("age-band/" + band + "/all")
		if a.declined[version] == nil {
			a.declined[version] = map[string][3]int{}
		}
		for k, key := range []string{"declined", "dont_know", "not_asked"} {
			for _, q := range s[key].([]any) {
				c := a.declined[version][q.(string)]
				c[k]++
				a.declined[version][q.(string)] = c
			}
		}
	}
	return a
}

// jsonStats is the part of 'stats --format json' the test reads.
type jsonStats struct {
	Screenings *int
	Groups     []struct {
		ID      string
		Members []string
		Size    int
	}
	Notes  []string
	Tables []struct {
		ID, Of  string
		Columns []struct{ ID string }
		Rows    []struct {
			ID    string
			Cells []struct {
				Count      *int
				Suppressed string
			}
		}
	}
}

func decodeStats(t *testing.T, data []byte) *jsonStats {
	t.Helper()
	var st jsonStats
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatalf("stats --format json: %v\n%s", err, data)
	}
	return &st
}

// compareStats holds every cell to the tally: published, the same count; under minCell,
// suppressed.
func compareStats(t *testing.T, st *jsonStats, want *agencyTally, minCell int) {
	t.Helper()
	if st.Screenings == nil || *st.Screenings != want.n {
		got := "null"
		if st.Screenings != nil {
			got = fmt.Sprint(*st.Screenings)
		}
		t.Fatalf("screenings %s, want %d", got, want.n)
	}
	if minCell > 0 && !slices.ContainsFunc(st.Notes, func(n string) bool { return strings.HasPrefix(n, "Suppression applied") }) {
		t.Errorf("the output does not say suppression was applied: %v", st.Notes)
	}
	members := map[string][]string{}
	for _, g := range st.Groups {
		members[g.ID] = append([]string{g.ID}, g.Members...)
	}
	checked, hidden := 0, 0
	tables := map[string]bool{}
	for _, tb := range st.Tables {
		name := strings.TrimSpace(tb.ID + " " + tb.Of)
		tables[name] = true
		for _, row := range tb.Rows {
			for ci, c := range row.Cells {
				col := tb.Columns[ci].ID
				truth := 0
				if tb.ID == "questions" {
					truth = want.declined[tb.Of][row.ID][ci]
				} else {
					// A group's count is its members'; "all" and whether done in time are their own.
					cols := members[col]
					if cols == nil {
						cols = []string{col}
					}
					for _, m := range cols {
						truth += want.screenings[name+"/"+row.ID+"/"+m]
					}
				}
				switch {
				case c.Suppressed != "":
					hidden++
					if minCell == 0 {
						t.Errorf("%s %s/%s: suppressed with no minimum", name, row.ID, col)
					}
				case c.Count == nil || *c.Count != truth:
					t.Errorf("%s %s/%s: %v, the tally is %d", name, row.ID, col, c.Count, truth)
				}
				if truth < minCell && c.Suppressed == "" {
					t.Errorf("%s %s/%s: %d is published", name, row.ID, col, truth)
				}
				checked++
			}
		}
	}
	for _, table := range []string{"age-band", "month", "set", "concern", "mode", "completeness", "screened-within", "indicators", "actions", "reports-in-time", "domain-level sexual", "questions post-return@2.0.0"} {
		if !tables[table] {
			t.Errorf("no table %s", table)
		}
	}
	if checked < 300 || minCell > 0 && hidden == 0 {
		t.Errorf("%d counts checked, %d hidden", checked, hidden)
	}
}

// runBinary runs safeharbor with the account's environment, and returns what it wrote.
func runBinary(t *testing.T, a *account, args ...string) ([]byte, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.bin, args...)
	cmd.Env = a.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("safeharbor %v did not finish", args)
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return stdout.Bytes(), stderr.String(), cmd.ProcessState.ExitCode()
}

func decryptFile(t *testing.T, path string, id age.Identity) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
