package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

type testOptions struct {
	Paths    []string
	File     string // a set on disk to test against, instead of each scenario's own
	Contacts string // an agency's contacts file, for sets that name its contacts
	Coverage bool   // report what the scenarios exercise in each set
	LCOV     string // write the coverage to this file as LCOV
	// MinCoverage is the least share of each set, in percent, the scenarios must exercise,
	// when HasMinCoverage.
	MinCoverage    float64
	HasMinCoverage bool
}

func newTestCmd(a *app) *cobra.Command {
	opts := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [FILE...]",
		Short: "Run scenarios through the engine and check what they expect",
		Long: strings.TrimSpace(`
Run scenario files (format safeharbor-scenario/v1) through the interview engine and check that
each reaches the concern level it expects, and raises the indicators and lists the actions it
names. With no FILE, the built-in scenarios. For CI beside 'safeharbor validate': an agency that
changes its set runs its scenarios against the new file with --file, and sees at once if the
scoring no longer does what it expected.

With --coverage, it then reports what the scenarios exercise in each set they run on, and
what they leave untested, each with its file, line and column: questions asked (answered,
declined or dont-know), options chosen, every condition and every part of one both true and
false, indicators raised, each concern reached, each level rule both met and holding its level
back, actions listed, and interrupts shown. The share covered counts each of these once, and a
condition or a level rule once for each way it can go. --lcov writes the same as LCOV, which
coverage services show on a pull request: SF is the set's file (the path given to --file, or
questions/<id>/v<version>.yaml for a built-in set), DA a line per item, BRDA a branch pair per
condition and level rule, and each section a function. --min-coverage fails the run when a set
is less covered than that.

Exit status: 0 every scenario holds (and each set is covered as much as --min-coverage asks);
1 one does not, or a set is less covered; 2 a usage error, or a scenario that could not be read
or run (a file with errors, or one naming a set that does not exist). The others are run either
way.`),
		Example: `  safeharbor test
  safeharbor test scenarios/
  safeharbor test --file sets/post-return/v1.1.0.yaml
  safeharbor test --coverage --lcov coverage.lcov --min-coverage 80 --file sets/county/v1.2.0.yaml scenarios/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.HasMinCoverage = cmd.Flags().Changed("min-coverage")
			return runTest(a, opts)
		},
	}
	cmd.Flags().StringVar(&opts.File, "file", "", "test against the question set in this file instead of each scenario's own")
	cmd.Flags().StringVar(&opts.Contacts, "contacts", "", "a contacts file, for a set that names an agency's own contacts")
	cmd.Flags().BoolVar(&opts.Coverage, "coverage", false, "report what the scenarios exercise in each set, and what they leave untested")
	cmd.Flags().StringVar(&opts.LCOV, "lcov", "", "write the coverage to this file as LCOV, replacing it (implies --coverage)")
	cmd.Flags().Float64Var(&opts.MinCoverage, "min-coverage", 0, "exit 1 when the scenarios cover less than this percentage of a set (implies --coverage)")
	return cmd
}

// coverage is what the scenarios exercise in each set they run on.
type coverage struct {
	sets  []report.SetCoverage
	index map[*screening.QuestionSet]int
}

// of returns the coverage of the set in f, started on first use.
func (c *coverage) of(f *questions.File, builtIn bool) *screening.Coverage {
	if i, ok := c.index[f.Set]; ok {
		return c.sets[i].Coverage
	}
	name := f.Name
	if builtIn {
		// Where the set is in this repository, so that a coverage service finds the file.
		name = path.Join("questions", f.Name)
	}
	c.index[f.Set] = len(c.sets)
	c.sets = append(c.sets, report.SetCoverage{File: name, Coverage: screening.NewCoverage(f.Set)})
	return c.sets[len(c.sets)-1].Coverage
}

// checkCoverageFlags refuses a minimum that is no percentage and an LCOV file that cannot be
// written, before any scenario runs.
func (o *testOptions) checkCoverageFlags() error {
	if o.HasMinCoverage || o.LCOV != "" {
		o.Coverage = true
	}
	if o.HasMinCoverage && !(o.MinCoverage >= 0 && o.MinCoverage <= 100) { // NaN too
		return usageErrorf("--min-coverage %v: give a percentage from 0 to 100", o.MinCoverage)
	}
	if o.LCOV == "" {
		return nil
	}
	if strings.ContainsAny(o.File, "\n\r") {
		return usageErrorf("--file %q: LCOV names a set's file on one line, and this name has a line break", o.File)
	}
	if o.LCOV == "-" {
		return usageErrorf("--lcov -: give the name of a file to write")
	}
	if info, err := os.Stat(o.LCOV); err == nil && info.IsDir() {
		return usageErrorf("--lcov %s: that is a folder; give the name of a file to write", o.LCOV)
	}
	if info, err := os.Stat(filepath.Dir(o.LCOV)); err != nil || !info.IsDir() {
		return usageErrorf("--lcov %s: there is no folder %s to write it in", o.LCOV, filepath.Dir(o.LCOV))
	}
	return nil
}

// loadScenarios reads scenario files from paths, or the built-in ones.
func loadScenarios(paths []string) ([]*questions.File, error) {
	var inputs []questions.Input
	if len(paths) == 0 {
		names, err := fs.Glob(questions.FS(), questions.ScenariosDir+"/*.yaml")
		if err != nil {
			return nil, fmt.Errorf("list scenarios: %w", err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(questions.FS(), name)
			inputs = append(inputs, questions.Input{Name: path.Join("questions", name), Data: data, Err: err})
		}
	} else {
		var err error
		if inputs, err = diskInputs(paths); err != nil {
			return nil, err
		}
	}
	files := make([]*questions.File, 0, len(inputs))
	for _, in := range inputs {
		if in.Err != nil {
			f := &questions.File{Name: in.Name, Findings: screening.Findings{questions.ReadError(in.Err)}}
			files = append(files, f)
			continue
		}
		files = append(files, questions.Decode(in.Name, in.Data))
	}
	return files, nil
}

func runTest(a *app, opts *testOptions) error {
	if err := opts.checkCoverageFlags(); err != nil {
		return err
	}
	base, catalog, _, err := shippedWith(a, opts.Contacts)
	if err != nil {
		return err
	}
	var override *questions.File
	if opts.File != "" {
		if override, err = loadSetFile(opts.File, base); err != nil {
			return err
		}
	}
	files, err := loadScenarios(opts.Paths)
	if err != nil {
		return err
	}
	out := a.streams.Out
	passed, failed, unusable := 0, 0, 0
	cov := &coverage{index: map[*screening.QuestionSet]int{}}
	for _, f := range files {
		sc, setFile, problems := scenarioAndSet(f, override, catalog)
		if len(problems) > 0 {
			unusable++
			fmt.Fprintf(out, "FAIL %s\n", f.Name)
			for _, p := range problems {
				fmt.Fprintf(out, "    %s\n", p)
			}
			continue
		}
		set := setFile.Set
		var o screening.Outcome
		var err error
		if opts.Coverage {
			o, err = cov.of(setFile, setFile != override).Test(sc)
		} else {
			o, err = sc.Test(set)
		}
		if err != nil {
			failed++
			fmt.Fprintf(out, "FAIL %s (%s)\n    %v\n", sc.ID, f.Name, err)
			continue
		}
		if o.Pass(sc.Expect) {
			passed++
			fmt.Fprintf(out, "ok   %s: %s (%s)\n", sc.ID, o.Concern, o.Explanation)
			continue
		}
		failed++
		fmt.Fprintf(out, "FAIL %s (%s)\n", sc.ID, f.Name)
		if o.Concern != sc.Expect.Concern {
			fmt.Fprintf(out, "    concern: expected %s, got %s (%s; possible from %d, clear from %d)\n", sc.Expect.Concern, o.Concern, o.Explanation, set.Levels.Possible, set.Levels.Clear)
		}
		for _, id := range o.MissingIndicators {
			fmt.Fprintf(out, "    indicator %s: expected, not raised\n", id)
		}
		for _, id := range o.MissingActions {
			fmt.Fprintf(out, "    action %s: expected, not listed\n", id)
		}
		if want := sc.Expect.Complete; want != nil && *want != o.Complete {
			fmt.Fprintf(out, "    complete: expected %t, got %t (%s)\n", *want, o.Complete, o.Explanation)
		}
		for _, d := range o.WrongDomains {
			got := string(o.DomainLevel(d.Domain))
			for _, dl := range o.Domains {
				if dl.ID == d.Domain {
					got = fmt.Sprintf("%s (score %d)", dl.Level, dl.Reached.Score)
				}
			}
			fmt.Fprintf(out, "    domain %s: expected %s, got %s\n", d.Domain, d.Level, got)
		}
		for _, id := range o.MissingInterrupts {
			fmt.Fprintf(out, "    interrupt %s: expected, not shown during the interview\n", id)
		}
		for _, id := range o.RaisedAnyway {
			fmt.Fprintf(out, "    indicator %s: raised, expected not to be\n", id)
		}
		for _, id := range o.ListedAnyway {
			fmt.Fprintf(out, "    action %s: listed, expected not to be\n", id)
		}
	}
	if unusable > 0 {
		fmt.Fprintf(out, "%d passed, %d failed, %d could not be run\n", passed, failed, unusable)
	} else {
		fmt.Fprintf(out, "%d passed, %d failed\n", passed, failed)
	}
	below := false
	if opts.Coverage {
		// By file: the same order whatever the order of the scenarios.
		slices.SortFunc(cov.sets, func(x, y report.SetCoverage) int { return strings.Compare(x.File, y.File) })
		if below, err = reportCoverage(a, opts, cov.sets); err != nil {
			return err
		}
	}
	switch {
	case unusable > 0:
		return errUnusableReported
	case failed > 0, below:
		return errReported
	}
	return nil
}

// reportCoverage writes the coverage report, and the LCOV file when asked; it reports whether
// a set is less covered than the minimum, saying so.
func reportCoverage(a *app, opts *testOptions, sets []report.SetCoverage) (below bool, err error) {
	out := a.streams.Out
	fmt.Fprintln(out)
	if len(sets) == 0 {
		fmt.Fprintln(out, "Coverage: no scenario ran, so no set was covered.")
	}
	if err := report.WriteCoverageText(out, sets); err != nil {
		return false, fmt.Errorf("write the coverage report: %w", err)
	}
	if opts.LCOV != "" {
		var b bytes.Buffer
		if err := report.WriteCoverageLCOV(&b, sets); err != nil {
			return false, fmt.Errorf("write %s: %w", opts.LCOV, err)
		}
		if err := replaceFile(filepath.Dir(opts.LCOV), filepath.Base(opts.LCOV), b.Bytes()); err != nil {
			return false, fmt.Errorf("write %s: %w", opts.LCOV, err)
		}
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf("Coverage written to %s as LCOV.", opts.LCOV)))
	}
	if !opts.HasMinCoverage {
		return false, nil
	}
	for _, sc := range sets {
		if sc.Below(opts.MinCoverage) {
			below = true
			covered, total := sc.Count()
			fmt.Fprintln(out, screening.Printable(fmt.Sprintf("FAIL coverage of %s %s is %s (%d of %d), below the minimum of %v%%", sc.Set.ID, sc.Set.Version, report.Percent(covered, total), covered, total, opts.MinCoverage)))
		}
	}
	if len(sets) == 0 && opts.MinCoverage > 0 {
		below = true
		fmt.Fprintln(out, screening.Printable(fmt.Sprintf("FAIL coverage: no set was covered, and the minimum is %v%%", opts.MinCoverage)))
	}
	return below, nil
}

// scenarioAndSet checks a decoded scenario file and finds the set to run it on.
func scenarioAndSet(f *questions.File, override *questions.File, catalog *questions.Catalog) (*screening.Scenario, *questions.File, []string) {
	var problems []string
	report := func(fs screening.Findings) {
		for _, x := range fs {
			if x.Severity == screening.SeverityError {
				problems = append(problems, fmt.Sprintf("%s:%d:%d: %s [%s]", f.Name, x.Pos.Line, x.Pos.Column, x.Message, x.Rule))
			}
		}
	}
	report(f.Findings)
	if len(problems) > 0 {
		return nil, nil, problems
	}
	if f.Kind != questions.KindScenario {
		return nil, nil, []string{fmt.Sprintf("%s: not a scenario (format %s)", f.Name, questions.FormatScenario)}
	}
	sc := f.Scenario
	id, version := questions.ParseSetRef(sc.Set)
	var set *questions.File
	switch {
	case override != nil && override.Set.ID != id:
		return nil, nil, []string{fmt.Sprintf("%s:%d:%d: the scenario is for set %s, and --file holds set %s", f.Name, sc.SetPos.Line, sc.SetPos.Column, id, override.Set.ID)}
	case override != nil:
		set = override
	default:
		sf, err := catalog.Find(id, version)
		if err != nil {
			return nil, nil, []string{fmt.Sprintf("%s:%d:%d: %v; test it against a file with --file", f.Name, sc.SetPos.Line, sc.SetPos.Column, err)}
		}
		set = sf
	}
	report(screening.CheckScenario(sc, set.Set))
	return sc, set, problems
}
