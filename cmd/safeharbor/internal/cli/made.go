package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
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
	Format    string // json, or a printed form made again from the set
	File      string // the set's file, for a printed form of a summary on an agency's set
	Contacts  string // the agency's contacts the summary was written with
}

var madeFormats = []choice{
	{name: "json", help: "the JSON summary with the time added, and nothing else changed"},
	{name: "text", help: "the summary printed again as text, with the time"},
	{name: "markdown", help: "the summary printed again as markdown, with the time", aliases: []string{"md"}},
	{name: "html", help: "the summary printed again as one page, with the time"},
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

With --format text, markdown or html, the summary is printed again with the time, made anew from
the set it was written with (a shipped one by its id and version; an agency's with --file, and
its contacts with --contacts), and only when made anew it is exactly the JSON summary: otherwise
it is refused, and the JSON is the record.

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
	addEnumFlag(cmd, &opts.Format, "format", "json", "the form the summary is written in", madeFormats...)
	f.StringVar(&opts.File, "file", "", "with a printed --format: the question-set file the summary was written with, for an agency's set")
	f.StringVar(&opts.Contacts, "contacts", "", "with a printed --format: the contacts file the summary was written with")
	return cmd
}

func runReportMade(a *app, path, action string, opts *reportMadeOptions, now time.Time) error {
	if opts.At == "" {
		return usageErrorf("--at TIME is required: when %s was done, such as %q, \"today 14:10\" or \"now\"", action, now.Format("2006-01-02 15:04"))
	}
	if err := checkNewOutput(opts.Output); err != nil {
		return err
	}
	recipients, err := parseRecipients("--encrypt-to", opts.EncryptTo)
	if err != nil {
		return err
	}
	if opts.Format == "json" && (opts.File != "" || opts.Contacts != "") {
		return usageErrorf("--file and --contacts go with a printed --format: the JSON summary is written as it is, with the time added")
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
	if opts.Format != "json" {
		if out, err = reprint(a, out, opts); err != nil {
			return err
		}
	}
	err = writeOutput(a, opts.Output, func(w io.Writer) error {
		return sealTo(w, recipients, func(w io.Writer) error { _, err := w.Write(out); return err })
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

// reprint prints a JSON summary again in opts.Format: the session is restored from the answers
// it records, over the set it was written with, and summed up as the interview did. What is
// printed is the summary only if, written as JSON, it is the summary itself, byte for byte; any
// difference (another set, other contacts, another time zone) is refused, never printed.
func reprint(a *app, summary []byte, opts *reportMadeOptions) ([]byte, error) {
	d, err := report.ReadSummaryData(summary)
	if err != nil {
		return nil, err
	}
	base, catalog, dir, err := shippedWith(a, opts.Contacts)
	if err != nil {
		return nil, err
	}
	var file *questions.File
	if opts.File != "" {
		if file, err = loadSetFile(opts.File, base); err != nil {
			return nil, err
		}
	} else if file, err = catalog.Find(d.Set.ID, d.Set.Version); err != nil {
		return nil, usageErrorf("the summary was written with set %s %s, which this safeharbor does not have: give its file with --file", d.Set.ID, d.Set.Version)
	}
	if file.SHA256 != d.Set.SHA256 || file.Set.ID != d.Set.ID || file.Set.Version != d.Set.Version {
		return nil, usageErrorf("the summary was written with set %s %s (sha256 %.12s), but the set found is %s %s (sha256 %.12s): give the exact file it was written with (--file)",
			d.Set.ID, d.Set.Version, d.Set.SHA256, file.Set.ID, file.Set.Version, file.SHA256)
	}
	// The languages it was asked in: the worker's is the summary's; the young person's, that of
	// an answer read aloud.
	baseByID := questionsByID(file.Set) // once, not for every answer
	youth := ""
	for _, ans := range d.Answers {
		if q, ok := baseByID[ans.Question]; ok && ans.Language != "" && (youth == "" || q.Mode.ReadAloud()) {
			youth = ans.Language
		}
	}
	var langs *interview.Languages
	if youth != "" {
		also := ""
		if d.Language != youth {
			also = d.Language
		}
		if langs, _, err = languages(a, file, base, youth, also); err != nil {
			return nil, err
		}
	}
	set := file.Set
	if langs != nil {
		set = langs.WorkerSet()
	}
	sn := screening.Snapshot{Answers: map[string]screening.Answer{}, Notes: d.Notes, Ended: d.EndedEarly}
	byID := questionsByID(set)
	for _, ans := range d.Answers {
		q, ok := byID[ans.Question]
		if !ok {
			return nil, usageErrorf("the summary answers a question %q that set %s %s does not have", ans.Question, set.ID, set.Version)
		}
		if ans.State == screening.StateNotApplicable || ans.State == screening.StateNotAsked {
			continue // decided by the set, or left: the summary says not asked of what applies
		}
		if sn.Answers[q.ID], err = screening.AnswerOf(q, ans.State, ans.Values); err != nil {
			return nil, usageErrorf("%v", err)
		}
	}
	session, err := screening.Restore(set, sn)
	if err != nil {
		return nil, usageErrorf("the summary's answers do not fit set %s %s: %v", set.ID, set.Version, err)
	}
	sum := session.Summary(screening.SummaryMeta{
		SetSHA256: d.Set.SHA256, Started: local(d.Started), Finished: local(d.Finished), Training: d.Training,
		CaseRef: d.CaseRef, WorkerID: d.WorkerID, Contacts: dir, Zone: time.Local, Made: d.Made,
	})
	langs.Label(&sum) // as the interview labelled it, or the copy below would differ
	var again bytes.Buffer
	if err := report.WriteSummaryJSON(&again, &sum); err != nil {
		return nil, err
	}
	if line, ok := firstDifference(summary, again.Bytes()); !ok {
		return nil, usageErrorf("the summary cannot be printed again exactly as it was written (made again, its line %d reads otherwise: another set, other contacts (--contacts) or another time zone (TZ) than it was written with?); the JSON summary, written with --format json, is the record", line)
	}
	var b bytes.Buffer
	switch opts.Format {
	case "markdown":
		err = report.WriteSummaryMarkdown(&b, &sum)
	case "html":
		err = report.WriteSummaryHTML(&b, &sum)
	default:
		err = report.WriteSummaryText(&b, &sum)
	}
	return b.Bytes(), err
}

func local(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(time.Local)
}

// firstDifference is the first line at which two texts differ; ok when they do not.
func firstDifference(a, b []byte) (line int, ok bool) {
	if bytes.Equal(a, b) {
		return 0, true
	}
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return i + 1, false
		}
	}
	return min(len(al), len(bl)) + 1, false
}

// questionsByID indexes a set's questions by id.
func questionsByID(set *screening.QuestionSet) map[string]*screening.Question {
	m := map[string]*screening.Question{}
	for _, q := range set.Questions() {
		m[q.ID] = q
	}
	return m
}
