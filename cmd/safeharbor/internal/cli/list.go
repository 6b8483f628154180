package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List the question sets built into safeharbor",
		Example: "  safeharbor list\n  safeharbor show post-return",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, catalog, err := a.shipped()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.streams.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tSTATUS\tQUESTIONS\tTITLE")
			for _, f := range catalog.Sets {
				s := f.Set
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", s.ID, s.Version, s.Status, len(s.Questions()), s.Title)
			}
			if err := tw.Flush(); err != nil {
				return fmt.Errorf("write list: %w", err)
			}
			return nil
		},
	}
}
