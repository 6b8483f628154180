package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// Gathering the screenings that export records and stats read: JSON summaries and records, in
// files and folders, encrypted or not.

// gatherOptions are the flags the commands that read screenings share.
type gatherOptions struct {
	Identity string // an age identity file, for encrypted files
	Training bool   // count mock interviews too
}

// gathered is what was read: each screening once, and what was not read, said.
type gathered struct {
	records    []screening.Record // one per screening, in the order read
	files      int                // files read
	skipped    int                // files that could not be read or used
	duplicates int                // screenings read more than once, counted once
	training   int                // mock interviews left out
	ignored    int                // files in folders that are not summaries or records by their names
}

// maxInputFile is the largest file read: a state's millions of records belong in its warehouse.
const maxInputFile = 1 << 30

// dataExtensions are the names of the files a folder is searched for, each also with .age.
var dataExtensions = []string{".json", ".ndjson", ".jsonl", ".csv"}

// gather reads the screenings in paths (files, and folders searched for summaries and records),
// or in standard input when there are none. Each file that cannot be read, decrypted or used is
// said on stderr, by name and why, and counted as skipped; nothing is left out silently.
func gather(ctx context.Context, a *app, paths []string, opts gatherOptions) (*gathered, error) {
	ids, err := loadIdentities(opts.Identity)
	if err != nil {
		return nil, err
	}
	g := &gathered{}
	var files []string
	if len(paths) == 0 {
		if a.streams.InTTY {
			return nil, usageErrorf("name the summaries or records to read (files or folders), or pipe them in")
		}
		files = []string{"-"}
	}
	for _, p := range paths {
		found, ignored, err := filesIn(p)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
		g.ignored += ignored
	}

	type result struct {
		records []screening.Record
		err     error
	}
	results := make([]result, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i].records, results[i].err = readScreeningFile(a, files[i], ids)
			}
		}()
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	seen := make(map[string]int) // screening id -> its place in g.records, or -1 when left out
	for i, res := range results {
		if res.err != nil {
			g.skipped++
			fmt.Fprintf(a.streams.Err, "safeharbor: skipped %s: %s\n", screening.Printable(displayName(files[i])), screening.Printable(res.err.Error()))
			continue
		}
		g.files++
		for _, r := range res.records {
			k, dup := seen[r.ScreeningID]
			switch {
			case dup:
				g.duplicates++
				// The copy that records more of when actions were done (the summary report-made
				// wrote, beside the one the interview wrote) is the one counted.
				if k >= 0 && timesDone(&r) > timesDone(&g.records[k]) {
					g.records[k] = r
				}
			case r.Training && !opts.Training:
				seen[r.ScreeningID] = -1
				g.training++
			default:
				seen[r.ScreeningID] = len(g.records)
				g.records = append(g.records, r)
			}
		}
	}
	return g, nil
}

// timesDone counts the actions a record knows to have been done in time or late.
func timesDone(r *screening.Record) int {
	n := 0
	for _, a := range r.Actions {
		if a.InTime == screening.InTimeYes || a.InTime == screening.InTimeNo {
			n++
		}
	}
	return n
}

// say tells what was read, on stderr: how many screenings from how many files, and everything
// that was not counted, with why.
func (g *gathered) say(a *app, command string) {
	var notes []string
	if g.skipped > 0 {
		notes = append(notes, plural(g.skipped, "file")+" skipped (said above)")
	}
	if g.duplicates > 0 {
		notes = append(notes, plural(g.duplicates, "screening")+" read more than once, counted once")
	}
	if g.training > 0 {
		notes = append(notes, plural(g.training, "mock interview")+" left out (--training counts them)")
	}
	if g.ignored > 0 {
		notes = append(notes, plural(g.ignored, "file")+" in the folders passed over: not named .json, .ndjson, .jsonl or .csv (or those with .age)")
	}
	msg := fmt.Sprintf("safeharbor: %s: %s from %s", command, plural(len(g.records), "screening"), plural(g.files, "file"))
	if len(notes) > 0 {
		msg += "; " + strings.Join(notes, "; ")
	}
	fmt.Fprintln(a.streams.Err, msg+".")
}

// done is the command's end: exit 1 when a file was skipped, after what could be read was
// written, so a script sees that something was not counted.
func (g *gathered) done() error {
	if g.skipped > 0 {
		return errReported
	}
	return nil
}

func displayName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

// filesIn lists the files to read for one path: the file itself, whatever its name, or the
// summaries and records in a folder and the folders in it, by name, leaving out hidden files
// (the temporary files a record is written through).
func filesIn(path string) (files []string, ignored int, err error) {
	if path == "-" {
		return []string{"-"}, 0, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, usageErrorf("%s: %v", path, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return []string{path}, 0, nil
	}
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, p) // read, and said, as a file that cannot be read
			return nil
		}
		hidden := p != path && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir(), hidden:
			return nil
		case isDataFile(d.Name()):
			files = append(files, p)
		default:
			ignored++
		}
		return nil
	})
	return files, ignored, err
}

func isDataFile(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".age")
	return slices.ContainsFunc(dataExtensions, func(ext string) bool { return strings.HasSuffix(name, ext) })
}

// loadIdentities reads an age identity file (AGE-SECRET-KEY-1... lines), as age -i does.
func loadIdentities(path string) ([]age.Identity, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("--identity %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, usageErrorf("--identity %s: not an age identity file: %v", path, err)
	}
	return ids, nil
}

// The first bytes of an age file, binary and armored.
var (
	ageHeader = []byte("age-encryption.org/v1\n")
	ageArmor  = []byte("-----BEGIN AGE ENCRYPTED FILE-----")
)

// readScreeningFile reads one file's screenings, decrypting it first when it is encrypted.
func readScreeningFile(a *app, path string, ids []age.Identity) ([]screening.Record, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(a.streams.In, maxInputFile+1))
	} else {
		data, err = readFile(path)
	}
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputFile {
		return nil, fmt.Errorf("larger than %d MiB; load a state's records into its warehouse instead (see the README)", maxInputFile>>20)
	}
	if data, err = decrypt(data, ids); err != nil {
		return nil, err
	}
	var out []screening.Record
	if err := report.ReadScreenings(data, func(r screening.Record) { out = append(out, r) }); err != nil {
		return nil, err
	}
	return out, nil
}

// readFile reads a file whole, in one read when its size is known, up to one byte more than
// maxInputFile. Anything but a regular file is refused before it is opened, as validate does:
// opening a FIFO waits for a writer that may never come, and a device may never end (standard
// input is "-").
func readFile(path string) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	defer f.Close()
	size := 0
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = int(min(info.Size(), maxInputFile)) + bytes.MinRead // room to find the end in
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := buf.ReadFrom(io.LimitReader(f, maxInputFile+1)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decrypt returns an age file's plain text, or data as it is when it is not encrypted.
func decrypt(data []byte, ids []age.Identity) ([]byte, error) {
	var r io.Reader
	switch trimmed := bytes.TrimLeft(data, " \t\r\n"); {
	case bytes.HasPrefix(data, ageHeader):
		r = bytes.NewReader(data)
	case bytes.HasPrefix(trimmed, ageArmor):
		r = armor.NewReader(bytes.NewReader(trimmed))
	default:
		return data, nil
	}
	if len(ids) == 0 {
		return nil, errors.New("encrypted: give the key it was encrypted to with --identity FILE")
	}
	dr, err := age.Decrypt(r, ids...)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return nil, errors.New("encrypted to another key than the one in --identity")
	case err != nil:
		return nil, fmt.Errorf("cannot be decrypted: %v", err)
	}
	plain, err := io.ReadAll(bufio.NewReader(dr))
	if err != nil {
		return nil, fmt.Errorf("cannot be decrypted: %v", err)
	}
	return plain, nil
}
