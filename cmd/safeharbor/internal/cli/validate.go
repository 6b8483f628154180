package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

type validateOptions struct {
	Paths  []string
	Format string
	Strict bool
}

func newValidateCmd(a *app) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check question sets, contacts and word lists",
		Long: strings.TrimSpace(`
Check question-set files, contacts files and word lists: their YAML, their structure, every
reference, the order of follow-up questions, and the words read aloud to a young person.

PATH is a file or a folder; folders are searched for *.yaml and *.yml files (folders whose names
start with a dot are skipped). With no PATH, the sets, contacts and word list built into
safeharbor are checked.

One line per finding, PATH:LINE:COL: error|warning: MESSAGE [rule-id], then a count.

Exit status: 0 no errors; 1 errors found (or warnings, with --strict); 2 a usage error or a
path that does not exist.`),
		Example: `  safeharbor validate
  safeharbor validate sets/ contacts.yaml
  safeharbor validate --strict --format github sets/
  safeharbor validate --format sarif sets/ > safeharbor.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runValidate(a, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text, json, github or sarif")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	return cmd
}

func runValidate(a *app, opts *validateOptions) error {
	switch opts.Format {
	case "text", "json", "github", "sarif":
	default:
		return usageErrorf("unknown --format %q: want text, json, github or sarif", opts.Format)
	}
	base, catalog, err := a.shipped()
	if err != nil {
		return err
	}
	// Scenarios may test a built-in set without naming its file.
	base.Sets = catalog.Sets
	var inputs []questions.Input
	if len(opts.Paths) == 0 {
		inputs, err = shippedInputs()
	} else {
		inputs, err = diskInputs(opts.Paths)
	}
	if err != nil {
		return err
	}
	diags := questions.Validate(inputs, base)

	out := a.streams.Out
	switch opts.Format {
	case "json":
		err = writeJSONDiagnostics(out, diags)
	case "sarif":
		err = writeSARIF(out, diags)
	case "github":
		err = writeGitHubDiagnostics(out, diags)
		if err == nil {
			err = writeCount(out, diags, len(inputs))
		}
	default:
		err = writeTextDiagnostics(out, diags)
		if err == nil {
			err = writeCount(out, diags, len(inputs))
		}
	}
	if err != nil {
		return fmt.Errorf("write findings: %w", err)
	}
	errs, warns := count(diags)
	if errs > 0 || (opts.Strict && warns > 0) {
		return errReported
	}
	return nil
}

// shippedInputs are the files built into the binary, named as they stand in the repository.
func shippedInputs() ([]questions.Input, error) {
	fsys := questions.FS()
	names, err := fs.Glob(fsys, "*/v*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped sets: %w", err)
	}
	scenarios, err := fs.Glob(fsys, questions.ScenariosDir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped scenarios: %w", err)
	}
	translations, err := fs.Glob(fsys, "*/"+questions.TranslationsDirName+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped translations: %w", err)
	}
	names = append([]string{questions.ContactsPath, questions.WordingPath}, names...)
	names = append(names, translations...)
	names = append(names, scenarios...)
	inputs := make([]questions.Input, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		inputs = append(inputs, questions.Input{Name: path.Join("questions", name), Data: data, Err: err})
	}
	return inputs, nil
}

// diskInputs reads the files named, and the YAML files under the folders named. A path that does
// not exist is a usage error; a file that cannot be read is a finding.
func diskInputs(paths []string) ([]questions.Input, error) {
	var inputs []questions.Input
	seen := make(map[string]bool)
	add := func(name string) {
		clean := filepath.Clean(name)
		if seen[clean] {
			return
		}
		seen[clean] = true
		inputs = append(inputs, readInput(name))
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, usageErrorf("%s: no such file or folder", p)
		case err != nil:
			inputs = append(inputs, questions.Input{Name: p, Err: err})
			continue
		case !info.IsDir():
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				inputs = append(inputs, questions.Input{Name: name, Err: err})
				return nil
			}
			if d.IsDir() {
				if name != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := filepath.Ext(name); ext == ".yaml" || ext == ".yml" {
				found++
				add(name)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
		if found == 0 {
			return nil, usageErrorf("%s: no .yaml or .yml files in this folder", p)
		}
	}
	return inputs, nil
}

// readInput reads one file, refusing anything but a regular file before opening it (opening a
// FIFO blocks until someone writes to it; a device may never end) and anything over the size limit.
func readInput(name string) questions.Input {
	in := questions.Input{Name: name}
	info, err := os.Stat(name)
	switch {
	case err != nil:
		in.Err = err
		return in
	case !info.Mode().IsRegular():
		in.Err = fmt.Errorf("not a regular file")
		return in
	case info.Size() > questions.MaxFileSize:
		in.Err = questions.ErrTooLarge
		return in
	}
	f, err := os.Open(name)
	if err != nil {
		in.Err = err
		return in
	}
	defer f.Close()
	in.Data, in.Err = questions.ReadAll(f)
	return in
}

func count(diags []questions.Diagnostic) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == screening.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

func writeTextDiagnostics(w io.Writer, diags []questions.Diagnostic) error {
	for _, d := range diags {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", d.File, d.Pos.Line, d.Pos.Column, d.Severity, d.Message, d.Rule); err != nil {
			return err
		}
	}
	return nil
}

func writeCount(w io.Writer, diags []questions.Diagnostic, files int) error {
	errs, warns := count(diags)
	if errs+warns == 0 {
		_, err := fmt.Fprintf(w, "%s checked: no problems found\n", plural(files, "file"))
		return err
	}
	_, err := fmt.Fprintf(w, "%s, %s in %s\n", plural(errs, "error"), plural(warns, "warning"), plural(files, "file"))
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func writeJSONDiagnostics(w io.Writer, diags []questions.Diagnostic) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, jsonDiagnostic{d.File, d.Pos.Line, d.Pos.Column, d.Severity.String(), d.Rule, d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// SARIF 2.1.0, for code-scanning tools: the rules with their descriptions, and each finding
// with its rule, level and position.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func writeSARIF(w io.Writer, diags []questions.Diagnostic) error {
	driver := sarifDriver{Name: "safeharbor", Version: toolVersion()}
	index := map[string]int{}
	for i, r := range screening.Rules {
		sr := sarifRule{ID: r.ID, ShortDescription: sarifMessage{r.Summary}}
		sr.DefaultConfiguration.Level = r.Severity.String()
		driver.Rules = append(driver.Rules, sr)
		index[r.ID] = i
	}
	results := make([]sarifResult, 0, len(diags))
	for _, d := range diags {
		res := sarifResult{RuleID: d.Rule, RuleIndex: index[d.Rule], Level: d.Severity.String(), Message: sarifMessage{d.Message}}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(d.File)
		loc.PhysicalLocation.Region.StartLine = d.Pos.Line
		loc.PhysicalLocation.Region.StartColumn = d.Pos.Column
		res.Locations = []sarifLocation{loc}
		results = append(results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}},
	})
}

// writeGitHubDiagnostics writes GitHub Actions workflow commands, which annotate the files in a
// pull request: ::error file=F,line=L,col=C,title=T::MESSAGE.
func writeGitHubDiagnostics(w io.Writer, diags []questions.Diagnostic) error {
	for _, d := range diags {
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			d.Severity, ghProperty(filepath.ToSlash(d.File)), d.Pos.Line, d.Pos.Column,
			ghProperty("safeharbor "+d.Rule), ghData(d.Message+" ["+d.Rule+"]"))
		if err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message as @actions/core does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value as @actions/core does.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
