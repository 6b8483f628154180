package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
	"github.com/safeharbor/safeharbor/screening/report"
)

type showOptions struct {
	Set      string // ID[@VERSION]
	File     string
	Format   string
	Lang     string
	Contacts string
}

func newShowCmd(a *app) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show SET[@VERSION] | --file PATH",
		Short: "Print a question set as a readable, printable form",
		Long: strings.TrimSpace(`
Print a question set as a form to read or print: its sections and questions in order, which are
read aloud and which only observed, the options, the worker's guidance, follow-up conditions,
indicators, actions and contacts. With no @VERSION, the newest version is shown.`),
		Example: `  safeharbor show example
  safeharbor show example@0.1.0 --format markdown > example.md
  safeharbor show --file sets/county/v1.2.0.yaml
  safeharbor show example --lang es`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Set = args[0]
			}
			return runShow(a, opts)
		},
	}
	cmd.Flags().StringVar(&opts.File, "file", "", "show the question set in this file instead of a built-in one")
	addEnumFlag(cmd, &opts.Format, "format", "text", "the form's format",
		choice{name: "text", help: "plain text, to read or print"},
		choice{name: "markdown", help: "markdown, for a review or a document", aliases: []string{"md"}})
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "show the set in this language (a translation, such as es)")
	cmd.Flags().StringVar(&opts.Contacts, "contacts", "", "a contacts file adding to or overriding the built-in contacts, for a set that names an agency's own")
	return cmd
}

func runShow(a *app, opts *showOptions) error {
	var write func(f report.SetForm) error
	switch opts.Format {
	case "text":
		write = func(f report.SetForm) error { return report.WriteSetText(a.streams.Out, f) }
	default: // markdown: the flag takes no other value
		write = func(f report.SetForm) error { return report.WriteSetMarkdown(a.streams.Out, f) }
	}
	if (opts.Set == "") == (opts.File == "") {
		return usageErrorf("name one question set: `show SET[@VERSION]` or `show --file PATH`")
	}
	base, catalog, dir, err := shippedWith(a, opts.Contacts)
	if err != nil {
		return err
	}
	file, err := namedSet(opts.Set, opts.File, base, catalog)
	if err != nil {
		return err
	}
	set := file.Set
	if opts.Lang != "" && opts.Lang != set.Language {
		langs, _, err := languages(a, file, base, opts.Lang, "")
		if err != nil {
			return err
		}
		set = screening.Translate(set, langs.Youth)
	} else if !phrases.Speaks(set.Language) {
		fmt.Fprintf(a.streams.Err, "Note: safeharbor has no words of its own in %q yet, so the form's headings and labels are in English.\n", set.Language)
	}
	if err := write(report.SetForm{Set: set, Contacts: dir}); err != nil {
		return fmt.Errorf("write form: %w", err)
	}
	return nil
}

// namedSet finds the question set a command was given: the file at path if there is one,
// otherwise the shipped set ref names (SET[@VERSION]); a set not shipped is a usage error.
func namedSet(ref, path string, base questions.Base, catalog *questions.Catalog) (*questions.File, error) {
	if path != "" {
		return loadSetFile(path, base)
	}
	id, version := questions.ParseSetRef(ref)
	f, err := catalog.Find(id, version)
	if err != nil {
		return nil, &usageError{err}
	}
	return f, nil
}

// loadSetFile reads and checks a question set on disk.
func loadSetFile(path string, base questions.Base) (*questions.File, error) {
	in := readInput(path)
	if in.Err != nil {
		if errors.Is(in.Err, fs.ErrNotExist) {
			return nil, usageErrorf("%s: no such file", path)
		}
		return nil, &usageError{fmt.Errorf("read %s: %w", path, in.Err)}
	}
	return questions.DecodeSet(filepath.Clean(path), in.Data, base)
}
