package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// How long after the worker's Enter the next screen is drawn: from the opening of the default
// set to the first section's guidance, in a real pseudo-terminal. Run with
//
//	go test ./cmd/safeharbor -run '^$' -bench Latency -benchtime 30x
//
// and read the median (ms-median); each iteration starts the binary afresh and times only the
// Enter. No test asserts a time: a loaded machine is not a slow program.

func BenchmarkLatencyTUI(b *testing.B)   { benchmarkEnter(b, "xterm-256color", "FOR YOU ONLY") }
func BenchmarkLatencyPlain(b *testing.B) { benchmarkEnter(b, "dumb", "FOR YOU ONLY") }

func benchmarkEnter(b *testing.B, term, next string) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "safeharbor")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		times = append(times, timeEnter(b, bin, dir, term, next))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
}

// screenLog collects what the program draws.
type screenLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screenLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screenLog) waitFor(text string, from int, limit time.Duration) (int, bool) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		i := strings.Index(s.buf.String()[from:], text)
		n := s.buf.Len()
		s.mu.Unlock()
		if i >= 0 {
			return n, true
		}
		time.Sleep(200 * time.Microsecond)
	}
	return 0, false
}

func timeEnter(b *testing.B, bin, dir, term, next string) time.Duration {
	b.StopTimer()
	cmd := exec.Command(bin, "interview", "--label", "bench") // a label given: no prompt for one before the opening
	cmd.Env = append(os.Environ(), "TERM="+term, "XDG_CONFIG_HOME="+dir+"/config", "XDG_STATE_HOME="+dir+"/state", "NO_COLOR=1")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		f.Close()
	}()
	log := &screenLog{}
	go copyScreen(f, log)
	at, ok := log.waitFor("Before you begin", 0, 10*time.Second)
	if !ok {
		b.Fatalf("the opening never showed")
	}
	if _, ok := log.waitFor("Enter", 0, 10*time.Second); !ok {
		b.Fatalf("the opening's hint never showed")
	}
	time.Sleep(50 * time.Millisecond) // the opening is wholly drawn
	b.StartTimer()
	start := time.Now()
	if _, err := f.Write([]byte("\r")); err != nil {
		b.Fatal(err)
	}
	if _, ok := log.waitFor(next, at, 10*time.Second); !ok {
		b.Fatalf("%q never showed after Enter", next)
	}
	took := time.Since(start)
	b.StopTimer()
	return took
}

// copyScreen copies the terminal's output into the log as it comes.
func copyScreen(f *os.File, log *screenLog) {
	buf := make([]byte, 4096)
	for {
		n, err := f.Read(buf)
		if n > 0 {
			_, _ = log.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}
