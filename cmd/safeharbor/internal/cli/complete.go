package cli

import (
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
)

// Completion of ids from what exists: the built-in sets, the drafts, the scenarios. Cobra's
// completion command writes the scripts for bash, zsh, fish and PowerShell.

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

func completeSets(a *app) completeFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		_, catalog, err := a.shipped()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		seen := map[string]bool{}
		for _, f := range catalog.Sets {
			if !seen[f.Set.ID] {
				seen[f.Set.ID] = true
				out = append(out, f.Set.ID+"\t"+f.Set.Title)
			}
			out = append(out, f.Set.ID+"@"+f.Set.Version+"\t"+string(f.Set.Status))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeDrafts(a *app) completeFunc {
	return func(cmd *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
		training, _ := cmd.Flags().GetBool("training")
		dirs, err := a.draftDirs(training)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		list, err := drafts.List(dirs)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, m := range list {
			out = append(out, m.ID+"\t"+m.Set)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func completeScenarios(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	scenarios, err := shippedScenarios()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, sc := range scenarios {
		out = append(out, sc.ID+"\t"+sc.Title)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// firstArg completes only the first positional argument.
func firstArg(f completeFunc) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return f(cmd, args, toComplete)
	}
}

// addCompletions wires completion into the tree, by command path.
func addCompletions(a *app, root *cobra.Command) {
	for _, c := range root.Commands() {
		switch c.Name() {
		case "show":
			c.ValidArgsFunction = firstArg(completeSets(a))
		case "drafts":
			for _, sub := range c.Commands() {
				if sub.Name() == "delete" {
					sub.ValidArgsFunction = firstArg(completeDrafts(a))
				}
			}
		case "practice":
			for _, sub := range c.Commands() {
				if sub.Name() == "card" || sub.Name() == "run" {
					sub.ValidArgsFunction = firstArg(completeScenarios)
				}
			}
		}
	}
}
