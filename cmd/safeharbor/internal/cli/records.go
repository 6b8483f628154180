package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// recordDrop is the folder each finished interview's de-identified record goes into: the
// watched folder a county's systems pick records up from.
type recordDrop struct {
	dir     string
	encrypt []age.Recipient // none: plain, as the worker asked (--plain-records)
}

// prepareRecords checks, before the interview starts, where records go and how: a folder that
// is there and can be written to, and keys to encrypt to unless a plain record was asked for.
// flagKeys are --encrypt-to's; with none, SAFEHARBOR_RECORDS_TO's are used.
func (o outputOptions) prepareRecords(a *app, flagKeys []age.Recipient) (*recordDrop, error) {
	dir, from := o.Records, "--records"
	if dir == "" {
		dir, from = a.getenv("SAFEHARBOR_RECORDS"), "SAFEHARBOR_RECORDS"
	}
	if dir == "" {
		if o.PlainRecords {
			return nil, usageErrorf("--plain-records goes with --records FOLDER (or SAFEHARBOR_RECORDS)")
		}
		return nil, nil
	}
	d := &recordDrop{dir: dir, encrypt: flagKeys}
	if len(d.encrypt) == 0 {
		keys := strings.FieldsFunc(a.getenv("SAFEHARBOR_RECORDS_TO"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
		var err error
		if d.encrypt, err = parseRecipients("SAFEHARBOR_RECORDS_TO", keys); err != nil {
			return nil, err
		}
	}
	switch {
	case len(d.encrypt) == 0 && !o.PlainRecords:
		return nil, usageErrorf("%s %s: a record is written encrypted; give the key to encrypt it to with --encrypt-to KEY (or SAFEHARBOR_RECORDS_TO), or ask for it unencrypted with --plain-records", from, dir)
	case len(d.encrypt) > 0 && o.PlainRecords:
		return nil, usageErrorf("--plain-records asks for an unencrypted record, but there are keys to encrypt it to: choose one")
	}
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, usageErrorf("%s %s: there is no such folder to drop records into", from, dir)
	case !info.IsDir():
		return nil, usageErrorf("%s %s: not a folder", from, dir)
	}
	probe, err := os.CreateTemp(dir, ".safeharbor-check-*.tmp")
	if err != nil {
		return nil, usageErrorf("%s %s: records cannot be written there: %v", from, dir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return d, nil
}

// write drops the record of a finished interview into the folder, whole or not at all: written
// to a hidden temporary file, synced, then linked into place under its screening's id, so a
// watcher never picks up half a record. It returns the record's path.
func (d *recordDrop) write(sum *screening.Summary) (string, error) {
	rec := screening.RecordOf(sum)
	var line bytes.Buffer
	if err := report.WriteRecordsNDJSON(&line, report.RecordHeader([]screening.Record{rec}), []screening.Record{rec}); err != nil {
		return "", err
	}
	data, name := line.Bytes(), "record-"+rec.ScreeningID+".json"
	if len(d.encrypt) > 0 {
		var enc bytes.Buffer
		if err := sealTo(&enc, d.encrypt, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return "", err
		}
		data, name = enc.Bytes(), name+".age"
	}
	target := filepath.Join(d.dir, name)
	if err := writeWhole(d.dir, name, data); err != nil {
		if errors.Is(err, os.ErrExist) {
			return target, nil // this interview's record is there already: its id says so
		}
		return "", err
	}
	return target, nil
}

// writeWhole writes dir/name, which must not exist, through a hidden temporary file that is
// synced and then linked into place; the folder is synced after.
func writeWhole(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, filepath.Join(dir, name)); err != nil {
		if errors.Is(err, os.ErrExist) {
			return err
		}
		// A file system without hard links: a rename is as whole, and the name is checked first.
		if _, serr := os.Lstat(filepath.Join(dir, name)); serr == nil {
			return os.ErrExist
		}
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return syncDir(dir)
}

// dropRecord writes the finished interview's record where --records says, and says so; a mock
// interview is not counted, so it leaves none.
func (c *conversation) dropRecord(a *app, sum *screening.Summary) error {
	d := c.out.records
	if d == nil {
		return nil
	}
	m := &c.words.Messages
	if c.training {
		fmt.Fprintln(a.streams.Err, m.RecordNotForTraining)
		return nil
	}
	path, err := d.write(sum)
	if err != nil {
		return fmt.Errorf("%s", fmt.Sprintf(m.RecordNotWritten, d.dir, err))
	}
	if len(d.encrypt) > 0 {
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(m.RecordWrittenEncrypted, path, len(d.encrypt))))
	} else {
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(m.RecordWritten, path)))
	}
	return nil
}

// exportRecordsOptions are the flags of export records.
type exportRecordsOptions struct {
	gatherOptions
	Format string
	Output string
}

var recordFormats = []choice{
	{name: "csv", help: "one row a screening, with a header: for a spreadsheet or a database's COPY"},
	{name: "ndjson", help: "one JSON object a line, the same columns as keys", aliases: []string{"jsonl"}},
}

func newExportRecordsCmd(a *app) *cobra.Command {
	opts := &exportRecordsOptions{}
	cmd := &cobra.Command{
		Use:   "records [PATH...]",
		Short: "Write de-identified records of screenings, one a row, from their JSON summaries",
		Long: strings.TrimSpace(`
Read JSON summaries (interview --format json) and write one de-identified record per screening:
the set and its version, the month of the return and of the screening, the hours between, an age
band, the concern level overall and in each domain, how complete the screening was, each
indicator raised and each action due (with whether it was done in time: unknown until a summary
records when it was), the numbers declined and not asked, the language and interpreter. Never a
name, a case reference, a note, an answer in anyone's words, an exact date or an age in years.

PATH is a file or a folder, searched for files named .json, .ndjson, .jsonl or .csv (records
already made are read too); files ending .age are decrypted with --identity. With no PATH, the
summaries are read from standard input. A summary read twice is written once. Mock interviews
are left out unless --training. A file that cannot be read is named, with why, and the exit
status is 1.

The columns and their types: 'safeharbor schema record' (JSON Schema) and
'safeharbor schema record --format sql' (a CREATE TABLE). Columns are only ever added at the end.`),
		Example: `  safeharbor export records summaries/ > records.csv
  safeharbor export records --identity agency.key --format ndjson --output records.ndjson drop/
  safeharbor interview --answers answers.yaml --format json | safeharbor export records`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExportRecords(cmd.Context(), a, args, opts)
		},
	}
	f := cmd.Flags()
	addEnumFlag(cmd, &opts.Format, "format", "csv", "how the records are written", recordFormats...)
	f.StringVar(&opts.Output, "output", "", "write the records to this new file (mode 0600) instead of standard output")
	f.StringVar(&opts.Identity, "identity", "", "an age identity `FILE` (AGE-SECRET-KEY-1...) to decrypt .age files with")
	f.BoolVar(&opts.Training, "training", false, "write the records of mock interviews too (marked training)")
	return cmd
}

func runExportRecords(ctx context.Context, a *app, paths []string, opts *exportRecordsOptions) error {
	if err := checkNewOutput(opts.Output); err != nil {
		return err
	}
	g, err := gather(ctx, a, paths, opts.gatherOptions)
	if err != nil {
		return err
	}
	header := report.RecordHeader(g.records)
	write := func(w io.Writer) error {
		if opts.Format == "ndjson" {
			return report.WriteRecordsNDJSON(w, header, g.records)
		}
		return report.WriteRecordsCSV(w, header, g.records)
	}
	if err := writeOutput(a, opts.Output, write); err != nil {
		return fmt.Errorf("export records: %w", err)
	}
	g.say(a, "export records")
	return g.done()
}

// checkNewOutput refuses, before any work, an --output that would overwrite a file or has no
// folder to go in.
func checkNewOutput(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if _, err := os.Lstat(path); err == nil {
		return usageErrorf("--output %s: the file exists; choose a new name, so nothing earlier is overwritten", path)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return usageErrorf("--output %s: there is no folder %s to write it in", path, filepath.Dir(path))
	}
	return nil
}

// writeOutput writes to standard output, or to a new file only its owner can read, synced.
func writeOutput(a *app, path string, write func(io.Writer) error) (err error) {
	if path == "" || path == "-" {
		w := bufio.NewWriter(a.streams.Out)
		if err := write(w); err != nil {
			return err
		}
		return w.Flush()
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(path)
		}
	}()
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}
