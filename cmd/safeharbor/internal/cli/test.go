package cli

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

type testOptions struct {
	Paths    []string
	File     string // a set on disk to test against, instead of each scenario's own
	Contacts string // an agency's contacts file, for sets that name its contacts
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

Exit status: 0 every scenario holds; 1 one does not; 2 a usage error, or a scenario that could
not be read or run (a file with errors, or one naming a set that does not exist). The others
are run either way.`),
		Example: `  safeharbor test
  safeharbor test scenarios/
  safeharbor test --file sets/post-return/v1.1.0.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runTest(a, opts)
		},
	}
	cmd.Flags().StringVar(&opts.File, "file", "", "test against the question set in this file instead of each scenario's own")
	cmd.Flags().StringVar(&opts.Contacts, "contacts", "", "a contacts file, for a set that names an agency's own contacts")
	return cmd
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
	for _, f := range files {
		sc, set, problems := scenarioAndSet(f, override, catalog)
		if len(problems) > 0 {
			unusable++
			fmt.Fprintf(out, "FAIL %s\n", f.Name)
			for _, p := range problems {
				fmt.Fprintf(out, "    %s\n", p)
			}
			continue
		}
		o, err := sc.Test(set)
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
			got := o.DomainLevel(d.Domain)
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
		return errUnusableReported
	}
	fmt.Fprintf(out, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return errReported
	}
	return nil
}

// scenarioAndSet checks a decoded scenario file and finds the set to run it on.
func scenarioAndSet(f *questions.File, override *questions.File, catalog *questions.Catalog) (*screening.Scenario, *screening.QuestionSet, []string) {
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
	var set *screening.QuestionSet
	switch {
	case override != nil && override.Set.ID != id:
		return nil, nil, []string{fmt.Sprintf("%s:%d:%d: the scenario is for set %s, and --file holds set %s", f.Name, sc.SetPos.Line, sc.SetPos.Column, id, override.Set.ID)}
	case override != nil:
		set = override.Set
	default:
		sf, err := catalog.Find(id, version)
		if err != nil {
			return nil, nil, []string{fmt.Sprintf("%s:%d:%d: %v; test it against a file with --file", f.Name, sc.SetPos.Line, sc.SetPos.Column, err)}
		}
		set = sf.Set
	}
	report(screening.CheckScenario(sc, set))
	return sc, set, problems
}
