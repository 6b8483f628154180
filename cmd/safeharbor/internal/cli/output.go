package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
	"github.com/safeharbor/safeharbor/screening/report"
)

// outputOptions are where and how a summary is written: the flags interview and resume share.
type outputOptions struct {
	Format    string
	Output    string
	EncryptTo []string
	FHIRBase  string
	// Records is the folder each finished interview's de-identified record is dropped into
	// (SAFEHARBOR_RECORDS when not given); PlainRecords allows it unencrypted.
	Records      string
	PlainRecords bool
}

var summaryFormats = []choice{
	{name: "text", help: "plain text, to read or paste"},
	{name: "markdown", help: "markdown, for a case system or a document", aliases: []string{"md"}},
	{name: "json", help: "JSON, for scripts and records"},
	{name: "html", help: "one page, to print or save as PDF"},
	{name: "fhir", help: "a FHIR R4 QuestionnaireResponse"},
}

func addOutputFlags(cmd *cobra.Command, o *outputOptions) {
	addEnumFlag(cmd, &o.Format, "format", "text", "the summary's format", summaryFormats...)
	f := cmd.Flags()
	f.StringVar(&o.FHIRBase, "fhir-base", "", "with --format fhir: the base URL of the agency's Questionnaires (default: a urn)")
	f.StringVar(&o.Output, "output", "", "write the summary to this new file (mode 0600) instead of standard output; - is standard output")
	f.StringArrayVar(&o.EncryptTo, "encrypt-to", nil, "encrypt the --output file and the --records record to this age public key (age1...); repeat for several")
	f.StringVar(&o.Records, "records", "", "also drop the interview's de-identified record into this `FOLDER` (default: $SAFEHARBOR_RECORDS), encrypted to --encrypt-to or $SAFEHARBOR_RECORDS_TO")
	f.BoolVar(&o.PlainRecords, "plain-records", false, "with --records and no key: write the record unencrypted")
}

// summaryOutput writes a summary where the flags say.
type summaryOutput struct {
	path    string // "" for standard output
	format  string
	encrypt []age.Recipient
	base    string      // FHIR
	records *recordDrop // nil: no record is dropped
}

// prepare checks the output flags before the interview starts, not after: an existing file, a
// folder that is not there, a key that is not one, a standard output that goes nowhere.
func (o outputOptions) prepare(a *app) (*summaryOutput, error) {
	out := &summaryOutput{path: o.Output, format: o.Format, base: o.FHIRBase}
	if out.path == "-" {
		out.path = ""
	}
	if out.path == "" && a.streams.OutNowhere {
		return nil, usageErrorf("standard output is closed or /dev/null, so the summary would be lost; write it to a file with --output FILE")
	}
	var err error
	if out.encrypt, err = parseRecipients("--encrypt-to", o.EncryptTo); err != nil {
		return nil, err
	}
	if out.records, err = o.prepareRecords(a, out.encrypt); err != nil {
		return nil, err
	}
	if len(out.encrypt) > 0 && out.path == "" && out.records == nil {
		return nil, usageErrorf("--encrypt-to goes with --output FILE or --records FOLDER: what is encrypted is written to a file")
	}
	if out.path != "" {
		if _, err := os.Lstat(out.path); err == nil {
			return nil, usageErrorf("--output %s: the file exists; choose a new name, so no earlier summary is overwritten", out.path)
		}
		if info, err := os.Stat(filepath.Dir(out.path)); err != nil || !info.IsDir() {
			return nil, usageErrorf("--output %s: there is no folder %s to write it in", out.path, filepath.Dir(out.path))
		}
	}
	return out, nil
}

// render writes the summary in the format asked for; FHIR needs the set the summary is of.
func (o *summaryOutput) render(w io.Writer, set *screening.QuestionSet, sum *screening.Summary) error {
	switch o.format {
	case "markdown":
		return report.WriteSummaryMarkdown(w, sum)
	case "json":
		return report.WriteSummaryJSON(w, sum)
	case "html":
		return report.WriteSummaryHTML(w, sum)
	case "fhir":
		return report.WriteQuestionnaireResponse(w, set, sum, report.FHIRURL(o.base, set.ID))
	}
	return report.WriteSummaryText(w, sum)
}

// write writes the summary to standard output, or durably to a new file only its owner can
// read (encrypted to the recipients, when there are any): written, synced, and its folder
// synced, so that nothing is deleted on the strength of a summary a power cut can still lose.
func (o *summaryOutput) write(a *app, words *phrases.Messages, set *screening.QuestionSet, sum *screening.Summary) error {
	if o.path == "" {
		if err := o.render(a.streams.Out, set, sum); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
		return nil
	}
	if err := o.writeFile(set, sum); err != nil {
		os.Remove(o.path)
		return fmt.Errorf("write summary to %s: %w", o.path, err)
	}
	if len(o.encrypt) > 0 {
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(words.SummaryWrittenEncrypted, o.path, len(o.encrypt))))
	} else {
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(words.SummaryWritten, o.path)))
	}
	return nil
}

func (o *summaryOutput) writeFile(set *screening.QuestionSet, sum *screening.Summary) (err error) {
	f, err := os.OpenFile(o.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	// Encrypted as it is written: the summary never reaches the disk in plain text.
	if err := sealTo(f, o.encrypt, func(w io.Writer) error { return o.render(w, set, sum) }); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return syncDir(filepath.Dir(o.path))
}

// syncDir makes a new file's name durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// parseRecipients reads age public keys (age1...) given by from (a flag or a variable).
func parseRecipients(from string, keys []string) ([]age.Recipient, error) {
	var out []age.Recipient
	for _, k := range keys {
		rec, err := age.ParseX25519Recipient(k)
		if err != nil {
			return nil, usageErrorf("%s %q: not an age public key (age1...): %v", from, k, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// sealTo writes to w through write, encrypted to recipients when there are any, so that the
// plain text never reaches w; with none, as it is.
func sealTo(w io.Writer, recipients []age.Recipient, write func(io.Writer) error) error {
	if len(recipients) == 0 {
		return write(w)
	}
	enc, err := age.Encrypt(w, recipients...)
	if err != nil {
		return err
	}
	if err := write(enc); err != nil {
		return err
	}
	return enc.Close()
}
