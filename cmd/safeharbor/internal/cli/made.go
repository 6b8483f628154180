package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// reportMadeOptions are the flags of report-made.
type reportMadeOptions struct {
	At        string
	Identity  string
	Output    string
	EncryptTo []string
	Replace   bool
}

func newReportMadeCmd(a *app) *cobra.Command {
	opts := &reportMadeOptions{}
	cmd := &cobra.Command{
		Use:   "report-made SUMMARY ACTION --at TIME",
		Short: "Record in a JSON summary when an action (a report, a notice) was done",
		Long: strings.TrimSpace(`
Record when an action the summary lists was done: the report to the child abuse hotline, the
notice to HHS, the medical care arranged. SUMMARY is a JSON summary (interview --format json),
plain or encrypted with age (decrypted with --identity); ACTION is the action's id, as the JSON
summary and the printable form give it.

The summary is written again with the action's "made" key added (when, and whether within its
deadline) and nothing else changed, to --output FILE (a new file, readable by you alone) or to
standard output. The summary it was read from is left as it was. A summary read from an
encrypted file is written encrypted, to the --encrypt-to keys: an age file does not say which
keys it was encrypted to, so name them all.

A time after the deadline is recorded as late, never refused. A time before the interview
started, or later than now, is refused (exit 2). TIME is typed as in the interview: 2026-12-03
14:10, 12/3/2026 2:10 pm, Thu 3 Dec 2026, 14:10 EST, today 14:10, yesterday 9:30 pm, or now.

De-identified records and stats made from the summary then say whether the action was done in
time (yes or no) where they said unknown.`),
		Example: `  safeharbor report-made summary.json report-now --at "today 15:40" --output summary-2.json
  safeharbor report-made --identity agency.key summary.json.age foreign-national --at now \
      --output summary-2.json.age --encrypt-to age1...`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReportMade(a, args[0], args[1], opts, time.Now())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.At, "at", "", "when it was done (required), such as 2026-12-03 14:10, today 14:10 or now")
	f.StringVar(&opts.Identity, "identity", "", "an age identity `FILE` (AGE-SECRET-KEY-1...) to decrypt an encrypted summary with")
	f.StringVar(&opts.Output, "output", "", "write the summary to this new file (mode 0600) instead of standard output")
	f.StringArrayVar(&opts.EncryptTo, "encrypt-to", nil, "encrypt the --output file to this age public key (age1...); repeat for several")
	f.BoolVar(&opts.Replace, "replace", false, "replace a time recorded before for the action (to put a mistake right)")
	return cmd
}

func runReportMade(a *app, path, action string, opts *reportMadeOptions, now time.Time) error {
	if opts.At == "" {
		return usageErrorf("--at TIME is required: when %s was done, such as %q, \"today 14:10\" or \"now\"", action, now.Format("2006-01-02 15:04"))
	}
	if err := checkNewOutput(opts.Output); err != nil {
		return err
	}
	var recipients []age.Recipient
	for _, k := range opts.EncryptTo {
		rec, err := age.ParseX25519Recipient(k)
		if err != nil {
			return usageErrorf("--encrypt-to %q: not an age public key (age1...): %v", k, err)
		}
		recipients = append(recipients, rec)
	}
	if len(recipients) > 0 && (opts.Output == "" || opts.Output == "-") {
		return usageErrorf("--encrypt-to goes with --output FILE: what is encrypted is written to a file")
	}
	ids, err := loadIdentities(opts.Identity)
	if err != nil {
		return err
	}
	data, err := readSummaryFile(a, path)
	if err != nil {
		return usageErrorf("%s: %v", displayName(path), err)
	}
	encrypted := isEncrypted(data)
	if encrypted && len(recipients) == 0 {
		return usageErrorf("%s is encrypted, so the summary written with the time must be too: give --output FILE and the keys to encrypt it to with --encrypt-to (an age file does not say which keys it was encrypted to)", displayName(path))
	}
	if data, err = decrypt(data, ids); err != nil {
		return usageErrorf("%s: %v", displayName(path), err)
	}
	sum, err := report.ReadMadeSummary(data)
	if err != nil {
		return usageErrorf("%s: %v", displayName(path), err)
	}
	at, err := screening.ParseDateTime(opts.At, screening.DateOrderFor(sum.Language), now)
	if err != nil {
		return usageErrorf("--at %q: %s", opts.At, clockProblem(err, at, now))
	}
	out, made, err := report.RecordMade(data, action, at, now, opts.Replace)
	switch {
	case errors.Is(err, screening.ErrMadeBeforeStart):
		return usageErrorf("--at %q: %s is earlier than the interview started (%s): an action it listed cannot have been done for it before it began", opts.At, screening.FormatClock(at, sum.Language), screening.FormatClock(sum.Started.In(at.Location()), sum.Language))
	case errors.Is(err, screening.ErrFutureClock):
		return usageErrorf("--at %q: %s", opts.At, clockProblem(err, at, now))
	case errors.Is(err, report.ErrAlreadyMade):
		return usageErrorf("%s: %v; to put a mistake right, give --replace", displayName(path), err)
	case err != nil:
		return usageErrorf("%s: %v", displayName(path), err)
	}
	err = writeOutput(a, opts.Output, func(w io.Writer) error {
		if len(recipients) == 0 {
			_, err := w.Write(out)
			return err
		}
		ew, err := age.Encrypt(w, recipients...)
		if err != nil {
			return err
		}
		if _, err := ew.Write(out); err != nil {
			return err
		}
		return ew.Close()
	})
	if err != nil {
		return fmt.Errorf("report-made: write the summary: %w", err)
	}
	msg := fmt.Sprintf("%s: %s", action, made.Describe(sum.Language))
	switch {
	case opts.Output == "" || opts.Output == "-":
	case len(recipients) > 0:
		msg += fmt.Sprintf(" Summary written to %s, encrypted to %d recipient(s).", opts.Output, len(recipients))
	default:
		msg += fmt.Sprintf(" Summary written to %s.", opts.Output)
	}
	fmt.Fprintln(a.streams.Err, screening.Printable(msg))
	return nil
}

// readSummaryFile reads a summary from a file, or from standard input for "-".
func readSummaryFile(a *app, path string) ([]byte, error) {
	if path == "-" {
		if a.streams.InTTY {
			return nil, errors.New("pipe the summary in, or name its file")
		}
		return io.ReadAll(io.LimitReader(a.streams.In, maxInputFile))
	}
	return readFile(path)
}

func isEncrypted(data []byte) bool {
	return bytes.HasPrefix(data, ageHeader) || bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), ageArmor)
}

// clockProblem says why a typed time was refused, as the interview does.
func clockProblem(err error, at, now time.Time) string {
	switch {
	case errors.Is(err, screening.ErrFutureClock):
		return fmt.Sprintf("%s is later than now (%s): type when it was done", at.Format("2006-01-02 15:04"), now.Format("2006-01-02 15:04"))
	case errors.Is(err, screening.ErrWrongWeekday):
		return fmt.Sprintf("the day of the week is not that date's (%s)", at.Format("Mon 2006-01-02"))
	case errors.Is(err, screening.ErrUnknownZone):
		return fmt.Sprintf("names a time zone by letters other than UTC or this computer's (%s): write the offset, such as -0500", now.Format("MST"))
	}
	return fmt.Sprintf("not a date and time: type it such as %s, today 14:10, yesterday 9:30 pm, or now", now.Format("2006-01-02 15:04"))
}
