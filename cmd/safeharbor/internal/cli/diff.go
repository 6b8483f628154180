package cli

import (
	"errors"
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

type diffOptions struct {
	Old, New     string
	Format       string
	Contacts     string // an agency's contacts file, for sets that name its contacts
	Scenarios    string // a folder of scenarios, instead of the built-in ones
	CheckVersion bool
}

var diffFormats = []choice{
	{name: "text", help: "plain text, for a terminal or a CI log"},
	{name: "markdown", help: "markdown, to paste as a pull request's comment", aliases: []string{"md"}},
	{name: "json", help: "JSON, format safeharbor-diff/v1 (safeharbor schema diff)"},
}

func newDiffCmd(a *app) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "What changed between two versions of a set, what it does to scoring, and the version it needs",
		Long: strings.TrimSpace(`
Compare two versions of a question set, matched by id, in words a policy analyst reads: the
questions, options, indicators, actions, levels, domains, completeness, steps, sections,
contacts and sources added, removed, reworded, changed or moved, each with its line in both
files. OLD and NEW are files, or built-in sets named ID@VERSION (post-return@1.0.0). Two
translations, or two contacts files, compare the same way.

For two sets, every scenario of the set (the built-in ones, or those in --scenarios DIR) is run
on both versions, and each that comes out otherwise (concern, a domain's level, indicators,
actions, interrupts) is listed with before and after. A scenario answering a question one
version lacks is run without that answer, and said so. The translations of NEW (beside it in
translations/, or built in) are checked for strings translated from words the set no longer
has; a language with no translation of NEW yet lists what changed since OLD's.

Every change is rated patch, minor or major by the rule in the question-set format's
documentation (questions/README.md, "Versions"): what can change a level, an indicator raised
or an action listed is major; what is read aloud or shown is minor; guidance, sources and
punctuation are a patch. With --check-version, diff fails when NEW's version does not raise the
part the changes need, naming those that need more.

Exit status: 0 done (with --check-version: the version is raised enough); 1 with
--check-version, NEW's version is not raised enough; 2 a usage error, or a file that cannot be
read or used (a set with errors, a scenario that cannot be read).`),
		Example: `  safeharbor diff post-return@1.0.0 sets/post-return/v1.1.0.yaml
  safeharbor diff --check-version --contacts contacts.yaml --scenarios scenarios/ sets/county/v1.1.0.yaml sets/county/v1.2.0.yaml
  safeharbor diff --format markdown sets/county/v1.1.0.yaml sets/county/v1.2.0.yaml > comment.md
  safeharbor diff sets/county/translations/v1.1.0.es.yaml sets/county/translations/v1.2.0.es.yaml
  safeharbor diff old/contacts.yaml contacts.yaml`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			return runDiff(a, opts)
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) >= 2 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			sets, _ := completeSets(a)(cmd, args, toComplete)
			return sets, cobra.ShellCompDirectiveDefault // files too
		},
	}
	addEnumFlag(cmd, &opts.Format, "format", "text", "the output's format", diffFormats...)
	f := cmd.Flags()
	f.BoolVar(&opts.CheckVersion, "check-version", false, "exit 1 when NEW's version is not raised enough for the changes (two sets only)")
	f.StringVar(&opts.Contacts, "contacts", "", "a contacts file, for sets that name an agency's own contacts")
	f.StringVar(&opts.Scenarios, "scenarios", "", "run the scenarios in this folder instead of the built-in ones")
	_ = cmd.MarkFlagDirname("scenarios")
	return cmd
}

// diffSide is one of the two things compared, read and checked.
type diffSide struct {
	arg     string // as given
	file    *questions.File
	shipped bool // a built-in set, named ID@VERSION
}

func runDiff(a *app, opts *diffOptions) error {
	base, catalog, _, err := shippedWith(a, opts.Contacts)
	if err != nil {
		return err
	}
	old, err := readDiffSide("OLD", opts.Old, base, catalog)
	if err != nil {
		return err
	}
	new, err := readDiffSide("NEW", opts.New, base, catalog)
	if err != nil {
		return err
	}
	if old.file.Kind != new.file.Kind {
		return usageErrorf("OLD %s is %s and NEW %s is %s: compare two of a kind (two sets, two translations or two contacts files)", opts.Old, kindWords(old.file.Kind), opts.New, kindWords(new.file.Kind))
	}
	if opts.CheckVersion && old.file.Kind != questions.KindSet {
		return usageErrorf("--check-version compares the versions of two question sets; %s have no version of their own", map[questions.Kind]string{questions.KindTranslation: "translations", questions.KindContacts: "contacts files"}[old.file.Kind])
	}

	var d *screening.Diff
	var unusable []string
	switch old.file.Kind {
	case questions.KindSet:
		d, unusable, err = diffSets(opts, old, new)
	case questions.KindTranslation:
		d, err = diffTranslations(a, old, new, base, catalog)
	default:
		d = screening.NewDiff(side(old.file), side(new.file), screening.DiffContacts(old.file.Contacts, new.file.Contacts))
	}
	if err != nil {
		return err
	}

	out := a.streams.Out
	switch opts.Format {
	case "markdown":
		err = report.WriteDiffMarkdown(out, d)
	case "json":
		err = report.WriteDiffJSON(out, d)
	default:
		err = report.WriteDiffText(out, d)
	}
	if err != nil {
		return fmt.Errorf("write the diff: %w", err)
	}
	if len(unusable) > 0 {
		for _, u := range unusable {
			fmt.Fprintf(a.streams.Err, "safeharbor: %s\n", screening.Printable(u))
		}
		return errUnusableReported
	}
	if opts.CheckVersion && !d.VersionOK() {
		if err := report.WriteVersionProblem(a.streams.Err, d); err != nil {
			return fmt.Errorf("write the version check: %w", err)
		}
		return errReported
	}
	return nil
}

func kindWords(k questions.Kind) string {
	switch k {
	case questions.KindSet:
		return "a question set"
	case questions.KindTranslation:
		return "a translation"
	case questions.KindContacts:
		return "a contacts file"
	case questions.KindScenario:
		return "a scenario"
	case questions.KindWording:
		return "a word list"
	}
	return "an unknown file"
}

// readDiffSide reads OLD or NEW: a file when one is there, otherwise a built-in set ID@VERSION.
// A set is checked as validate checks it (with --contacts); a translation or a contacts file
// must at least decode.
func readDiffSide(which, arg string, base questions.Base, catalog *questions.Catalog) (*diffSide, error) {
	if _, err := os.Stat(arg); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("%s %s: %v", which, arg, err)
		}
		id, version := questions.ParseSetRef(arg)
		if !screening.IsID(id) || strings.ContainsAny(arg, `/\`) {
			return nil, usageErrorf("%s %s: no such file", which, arg)
		}
		f, err := catalog.Find(id, version)
		if err != nil {
			return nil, usageErrorf("%s %s: no such file, and %v", which, arg, err)
		}
		// Named as it stands in the repository, so its lines can be found there.
		shipped := *f
		shipped.Name = path.Join("questions", f.Name)
		return &diffSide{arg: arg, file: &shipped, shipped: true}, nil
	}
	in := readInput(arg)
	if in.Err != nil {
		return nil, &usageError{fmt.Errorf("%s %s: %w", which, arg, in.Err)}
	}
	f := questions.Decode(arg, in.Data)
	switch f.Kind {
	case questions.KindSet:
		checked, err := questions.DecodeSet(arg, in.Data, base)
		if err != nil {
			return nil, err
		}
		return &diffSide{arg: arg, file: checked}, nil
	case questions.KindContacts:
		f.Findings = append(f.Findings, screening.CheckContacts(f.Contacts)...)
	case questions.KindTranslation:
	default:
		if !f.Findings.HasErrors() {
			return nil, usageErrorf("%s %s is %s: diff compares question sets, translations and contacts files", which, arg, kindWords(f.Kind))
		}
	}
	if f.Findings.HasErrors() {
		return nil, &questions.InvalidError{File: arg, Findings: f.Findings}
	}
	return &diffSide{arg: arg, file: f}, nil
}

// side describes a decoded file for the comparison.
func side(f *questions.File) screening.DiffSide {
	s := screening.DiffSide{File: f.Name, SHA256: f.SHA256}
	switch f.Kind {
	case questions.KindSet:
		s.Kind, s.ID, s.Version, s.Language = screening.SideSet, f.Set.ID, f.Set.Version, f.Set.Language
	case questions.KindTranslation:
		s.Kind, s.Language = screening.SideTranslation, f.Translation.Language
		s.ID, s.Version = questions.ParseSetRef(f.Translation.Set)
	default:
		s.Kind = screening.SideContacts
	}
	return s
}

// diffSets compares two sets: their differences and their translations', the scenarios run on
// both, and what translators must redo. unusable lists the scenario files that could not be
// read, which the caller reports after the comparison.
func diffSets(opts *diffOptions, old, new *diffSide) (*screening.Diff, []string, error) {
	oldSet, newSet := old.file.Set, new.file.Set
	ds := screening.DiffSets(oldSet, newSet)
	oldTrs, err := setTranslations(old)
	if err != nil {
		return nil, nil, err
	}
	newTrs, err := setTranslations(new)
	if err != nil {
		return nil, nil, err
	}
	var redo []screening.TranslationRedo
	for _, nt := range newTrs {
		r := screening.RedoOf(nt.Translation, newSet, nt.Name)
		if ot := findLanguage(oldTrs, nt.Translation.Language); ot != nil {
			r.From = ot.Name
			for _, x := range screening.DiffTranslations(ot.Translation, nt.Translation) {
				x.Path = "translations." + nt.Translation.Language + "." + x.Path
				ds = append(ds, x)
			}
		}
		redo = append(redo, r)
	}
	for _, ot := range oldTrs {
		if findLanguage(newTrs, ot.Translation.Language) == nil {
			redo = append(redo, screening.TranslationRedo{Language: ot.Translation.Language, From: ot.Name, Strings: screening.RedoSince(oldSet, newSet)})
		}
	}
	d := screening.NewDiff(side(old.file), side(new.file), ds)
	d.Translations = redo

	files, err := loadScenarios(scenarioPaths(opts.Scenarios))
	if err != nil {
		return nil, nil, err
	}
	// The scenarios that test either version; failing those, every scenario of the set.
	var unusable []string
	var tested, others []*questions.File
	for _, f := range files {
		if f.Findings.HasErrors() || f.Kind != questions.KindScenario {
			unusable = append(unusable, scenarioProblem(f))
			continue
		}
		switch id, version := questions.ParseSetRef(f.Scenario.Set); {
		case id == oldSet.ID && version == oldSet.Version, id == newSet.ID && version == newSet.Version:
			tested = append(tested, f)
		case id == oldSet.ID, id == newSet.ID:
			others = append(others, f)
		}
	}
	run := tested
	if len(tested) == 0 {
		run, d.AnyVersion = others, len(others) > 0
	} else {
		d.OtherVersions = len(others)
	}
	for _, f := range run {
		im := f.Scenario.Impact(oldSet, newSet)
		im.File = f.Name
		d.Scenarios = append(d.Scenarios, im)
	}
	return d, unusable, nil
}

func scenarioPaths(dir string) []string {
	if dir == "" {
		return nil
	}
	return []string{dir}
}

// scenarioProblem says why a scenario file could not be run.
func scenarioProblem(f *questions.File) string {
	for _, x := range f.Findings {
		if x.Severity == screening.SeverityError {
			return fmt.Sprintf("%s:%d:%d: %s [%s]; the scenario was not run", f.Name, x.Pos.Line, x.Pos.Column, x.Message, x.Rule)
		}
	}
	return fmt.Sprintf("%s: %s, not a scenario (format %s); it was not run", f.Name, kindWords(f.Kind), questions.FormatScenario)
}

func findLanguage(trs []*questions.File, lang string) *questions.File {
	for _, t := range trs {
		if t.Translation.Language == lang {
			return t
		}
	}
	return nil
}

// setTranslations finds the translations of a set: built in, or beside its file in
// translations/v<version>.<lang>.yaml, as the format lays them out. A translation that does
// not decode, or that is of another set, is an error: a silent skip would hide work to do.
func setTranslations(s *diffSide) ([]*questions.File, error) {
	set := s.file.Set
	pattern := "v" + set.Version + ".*.yaml"
	var names []string
	var read func(string) ([]byte, error)
	if s.shipped {
		matches, err := fs.Glob(questions.FS(), path.Join(set.ID, questions.TranslationsDirName, pattern))
		if err != nil {
			return nil, fmt.Errorf("list the translations of %s: %w", set.ID, err)
		}
		names = matches
		read = func(name string) ([]byte, error) { return fs.ReadFile(questions.FS(), name) }
	} else {
		matches, err := filepath.Glob(filepath.Join(filepath.Dir(s.arg), questions.TranslationsDirName, pattern))
		if err != nil {
			return nil, fmt.Errorf("list the translations beside %s: %w", s.arg, err)
		}
		names = matches
		read = func(name string) ([]byte, error) {
			in := readInput(name)
			return in.Data, in.Err
		}
	}
	slices.Sort(names)
	var out []*questions.File
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			return nil, &usageError{fmt.Errorf("read the translation %s: %w", name, err)}
		}
		shown := name
		if s.shipped {
			shown = path.Join("questions", name)
		}
		f := questions.Decode(shown, data)
		if f.Kind != questions.KindTranslation && !f.Findings.HasErrors() {
			return nil, usageErrorf("%s is %s, not a translation, in the translations of %s", shown, kindWords(f.Kind), s.arg)
		}
		if f.Findings.HasErrors() {
			return nil, &questions.InvalidError{File: shown, Findings: f.Findings}
		}
		if id, version := questions.ParseSetRef(f.Translation.Set); id != set.ID || version != set.Version {
			return nil, usageErrorf("%s is a translation of %s, not of %s@%s; name the file for the version it translates", shown, f.Translation.Set, set.ID, set.Version)
		}
		out = append(out, f)
	}
	return out, nil
}

// diffTranslations compares two translations, and checks NEW against its set when the set can
// be found: built in, or beside the translations folder.
func diffTranslations(a *app, old, new *diffSide, base questions.Base, catalog *questions.Catalog) (*screening.Diff, error) {
	d := screening.NewDiff(side(old.file), side(new.file), screening.DiffTranslations(old.file.Translation, new.file.Translation))
	tr := new.file.Translation
	id, version := questions.ParseSetRef(tr.Set)
	beside := filepath.Join(filepath.Dir(filepath.Dir(new.arg)), "v"+version+".yaml")
	var set *questions.File
	if _, err := os.Stat(beside); err == nil {
		if set, err = loadSetFile(beside, base); err != nil {
			return nil, err
		}
	} else if f, err := catalog.Find(id, version); err == nil && version != "" {
		set = f
	}
	if set == nil || set.Set.ID != id || set.Set.Version != version {
		fmt.Fprintf(a.streams.Err, "safeharbor: note: the set NEW translates, %s, is not built in and not at %s, so what must be translated again is not checked\n", screening.Printable(tr.Set), screening.Printable(beside))
		return d, nil
	}
	d.Translations = []screening.TranslationRedo{screening.RedoOf(tr, set.Set, new.file.Name)}
	return d, nil
}
