package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// choice is one value an enum flag takes, with what it means (shown in completion).
type choice struct {
	name    string
	help    string
	aliases []string
}

// enumFlag is a flag that takes one of a fixed list of values. One list checks what is given,
// shows the values in --help, and completes them, so the three can never disagree.
type enumFlag struct {
	value   *string
	choices []choice
}

func (e *enumFlag) String() string { return *e.value }

func (e *enumFlag) Set(s string) error {
	for _, c := range e.choices {
		if s == c.name || slices.Contains(c.aliases, s) {
			*e.value = c.name
			return nil
		}
	}
	return fmt.Errorf("want %s", e.names(", ", " or "))
}

// Type is the flag's placeholder in --help: the values themselves.
func (e *enumFlag) Type() string { return e.names("|", "|") }

func (e *enumFlag) names(sep, last string) string {
	var b strings.Builder
	for i, c := range e.choices {
		switch {
		case i == 0:
		case i == len(e.choices)-1:
			b.WriteString(last)
		default:
			b.WriteString(sep)
		}
		b.WriteString(c.name)
	}
	return b.String()
}

// addEnumFlag adds an enum flag to cmd, with its completion.
func addEnumFlag(cmd *cobra.Command, p *string, name, value, usage string, choices ...choice) {
	*p = value
	e := &enumFlag{value: p, choices: choices}
	cmd.Flags().Var(e, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		out := make([]string, len(choices))
		for i, c := range choices {
			out[i] = c.name + "\t" + c.help
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}
