package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// statsOptions are the flags of stats.
type statsOptions struct {
	gatherOptions
	By      string
	MinCell int
	Format  string
	Output  string
}

var statsFormats = []choice{
	{name: "text", help: "tables to read or print"},
	{name: "markdown", help: "tables for a document", aliases: []string{"md"}},
	{name: "csv", help: "one count a row, for a data team"},
	{name: "json", help: "every table, for a data team's programs"},
	{name: "html", help: "one page with charts, to print or save as PDF"},
}

var statsBy = []choice{
	{name: screening.ByMonth, help: "the month the screening started"},
	{name: screening.BySet, help: "the question set and its version"},
	{name: screening.ByAgeBand, help: "the age band"},
	{name: screening.ByConcern, help: "the concern level"},
	{name: screening.ByDomain, help: "the domains of concern (a screening may be in several)"},
	{name: screening.ByMode, help: "how the conversation was held (in person, by phone, by video)"},
}

func newStatsCmd(a *app) *cobra.Command {
	opts := &statsOptions{}
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "Count screenings for an agency, small counts suppressed",
		Long: strings.TrimSpace(`
Count the screenings in JSON summaries and de-identified records (any mix, encrypted or not):
by month, set version, age band and how the conversation was held; concern levels overall and
in each domain; incomplete screenings; each indicator's and each action's share; how long after
the return the screening began (within 24 hours, 24 to 72, more); whether actions were done in
time (as report-made records it), each and by screening; and, for the
authors of a set, how often each question was declined, not known or not asked, by version.

Every count under --min-cell (11 unless told) is suppressed, shown as <11, and further counts
are hidden where needed so that no suppressed count can be worked out from the totals or the
other counts in its row or column; no percentage is given for either. The output says so. A
screening read twice (the same interview's summary exported twice, or its summary and its
record) is counted once; mock interviews are left out unless --training.

PATH is a file or a folder, searched for files named .json, .ndjson, .jsonl or .csv (each also
with .age, decrypted with --identity); with no PATH, standard input. A file that cannot be read
or used is named, with why, and counted as skipped: the exit status is then 1.`),
		Example: `  safeharbor stats summaries/
  safeharbor stats --identity agency.key --by month --format html --output stats.html drop/
  safeharbor stats --format csv records.csv > counts.csv`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStats(cmd.Context(), a, args, opts)
		},
	}
	f := cmd.Flags()
	addEnumFlag(cmd, &opts.By, "by", "", "break every table down by this", statsBy...)
	f.IntVar(&opts.MinCell, "min-cell", 11, "suppress every count under this `N` (0: none; the output then says not to publish it)")
	addEnumFlag(cmd, &opts.Format, "format", "text", "how the counts are written", statsFormats...)
	f.StringVar(&opts.Output, "output", "", "write to this new file (mode 0600) instead of standard output")
	f.StringVar(&opts.Identity, "identity", "", "an age identity `FILE` (AGE-SECRET-KEY-1...) to decrypt .age files with")
	f.BoolVar(&opts.Training, "training", false, "count mock interviews too")
	return cmd
}

func runStats(ctx context.Context, a *app, paths []string, opts *statsOptions) error {
	if opts.MinCell < 0 {
		return usageErrorf("--min-cell %d: a count cannot be under a negative number; 11 is usual, 0 suppresses nothing", opts.MinCell)
	}
	if err := checkNewOutput(opts.Output); err != nil {
		return err
	}
	g, err := gather(ctx, a, paths, opts.gatherOptions)
	if err != nil {
		return err
	}
	st := screening.ComputeStats(g.records, screening.StatsOptions{By: opts.By, MinCell: opts.MinCell})
	r := &report.StatsReport{Stats: st, Files: g.files, Skipped: g.skipped, Duplicates: g.duplicates, Training: g.training}
	write := func(w io.Writer) error {
		switch opts.Format {
		case "markdown":
			return report.WriteStatsMarkdown(w, r)
		case "csv":
			return report.WriteStatsCSV(w, r)
		case "json":
			return report.WriteStatsJSON(w, r)
		case "html":
			return report.WriteStatsHTML(w, r)
		}
		return report.WriteStatsText(w, r)
	}
	if err := writeOutput(a, opts.Output, write); err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	if opts.MinCell == 0 {
		fmt.Fprintln(a.streams.Err, "safeharbor: warning: --min-cell 0: no count is suppressed; these counts may identify young people, so do not publish them")
	}
	g.say(a, "stats")
	return g.done()
}
