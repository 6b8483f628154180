package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// A county's few thousand summaries must be counted on a laptop in seconds. This benchmark
// measures `safeharbor stats` (the real binary, as a data team runs it) over 10,000 JSON
// summaries of post-return 2.0.0, plain and encrypted with age: the time of each run and the
// peak memory of the process (its maximum resident set size), reported as the medians of the
// runs. Run it five times each:
//
//	go test ./cmd/safeharbor -run '^$' -bench Stats10000 -benchtime 5x
//
// The summaries are made by the engine itself, as the interview makes them, into a temporary
// folder removed after.

const scaleSummaries = 10000

func BenchmarkStats10000(b *testing.B) {
	root := b.TempDir()
	bin := buildB(b, root)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	key := filepath.Join(root, "agency.key")
	if err := os.WriteFile(key, []byte(id.String()+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, encrypted := range []bool{false, true} {
		name := "plain"
		if encrypted {
			name = "encrypted"
		}
		dir := filepath.Join(root, name)
		writeScaleSummaries(b, dir, encrypted, id.Recipient())
		b.Run(name, func(b *testing.B) {
			args := []string{"stats", "--identity", key, "--format", "json", "--by", "month", dir}
			var times, peaks []float64
			for b.Loop() {
				began := time.Now()
				cmd := exec.Command(bin, args...)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					b.Fatalf("stats: %v\n%s", err, stderr.String())
				}
				times = append(times, float64(time.Since(began).Milliseconds()))
				if !bytes.Contains(stderr.Bytes(), []byte(fmt.Sprintf("%d screenings from %d files", scaleSummaries, scaleSummaries))) {
					b.Fatalf("stats did not count them all: %s", stderr.String())
				}
				if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peaks = append(peaks, float64(u.Maxrss)/1024) // Maxrss is in kilobytes on Linux
				}
			}
			b.ReportMetric(median(times), "median-ms")
			if len(peaks) > 0 {
				b.ReportMetric(median(peaks), "median-peak-MB")
			}
		})
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// writeScaleSummaries writes 10,000 summaries of varied screenings over most of a year.
func writeScaleSummaries(b *testing.B, dir string, encrypted bool, recipient age.Recipient) {
	b.Helper()
	if err := os.Mkdir(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	base, err := questions.LoadBase(questions.FS())
	if err != nil {
		b.Fatal(err)
	}
	catalog, err := questions.LoadCatalog(questions.FS(), base)
	if err != nil {
		b.Fatal(err)
	}
	file, err := catalog.Find("post-return", "2.0.0")
	if err != nil {
		b.Fatal(err)
	}
	contacts := &screening.ContactDirectory{}
	contacts.Add(base.Contacts...)
	r := rand.New(rand.NewPCG(10000, 16))
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for n := range scaleSummaries {
		started := start.Add(time.Duration(r.IntN(330*24)) * time.Hour)
		s := screening.NewSession(file.Set)
		for _, q := range file.Set.Questions() {
			if !s.Applies(q.ID) || r.IntN(8) == 0 {
				continue
			}
			a := scaleAnswer(r, q, started)
			if earlier, ok := screening.StoredClock(s.AnswerOf(q.NotBefore.ID)); ok && q.NotBefore.ID != "" && a.IsAnswered() {
				a = screening.Answered(screening.FormatStoredClock(earlier.Add(time.Duration(r.IntN(60)) * time.Minute)))
			}
			if err := s.Answer(q.ID, a); err != nil {
				b.Fatalf("summary %d, question %s: %v", n, q.ID, err)
			}
		}
		sum := s.Summary(screening.SummaryMeta{SetSHA256: file.SHA256, Started: started, Finished: started.Add(40 * time.Minute), Contacts: contacts})
		var out bytes.Buffer
		if err := report.WriteSummaryJSON(&out, &sum); err != nil {
			b.Fatal(err)
		}
		data, name := out.Bytes(), fmt.Sprintf("s%05d.json", n)
		if encrypted {
			var enc bytes.Buffer
			w, err := age.Encrypt(&enc, recipient)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := w.Write(data); err != nil {
				b.Fatal(err)
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			data, name = enc.Bytes(), name+".age"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
}

// scaleAnswer answers a question as screenings go: mostly no, some yes, declines.
func scaleAnswer(r *rand.Rand, q *screening.Question, started time.Time) screening.Answer {
	if r.IntN(15) == 0 {
		return screening.Answer{State: screening.StateDeclined}
	}
	switch q.Type {
	case screening.TypeYesNo:
		return screening.Answered([]string{"yes", "no", "no", "no", "no"}[r.IntN(5)])
	case screening.TypeSingle:
		return screening.Answered(q.Options[r.IntN(len(q.Options))].Value)
	case screening.TypeMulti:
		return screening.Answer{State: screening.StateAnswered, Choices: []string{q.Options[r.IntN(len(q.Options))].Value}}
	case screening.TypeNumber:
		lo, hi := 0.0, 30.0
		if q.Min != nil {
			lo = *q.Min
		}
		if q.Max != nil {
			hi = *q.Max
		}
		return screening.Answer{State: screening.StateAnswered, Number: lo + float64(r.IntN(int(hi-lo)+1))}
	case screening.TypeDateTime:
		return screening.Answered(screening.FormatStoredClock(started.Add(-time.Duration(1+r.IntN(120)) * time.Hour)))
	}
	return screening.Answered("words of their own")
}

func buildB(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "safeharbor")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}
