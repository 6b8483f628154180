package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write the man pages, one per command, into DIR",
		Long: strings.TrimSpace(`
Write the manual pages of safeharbor and every command into DIR (made if it does not exist),
from the same text as --help, so they never drift apart. Install them where man finds them,
such as /usr/local/share/man/man1.`),
		Example: `  safeharbor man ./man && man ./man/safeharbor-interview.1`,
		Args:    wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("man pages: %w", err)
			}
			header := &doc.GenManHeader{Title: "SAFEHARBOR", Section: "1", Source: "safeharbor " + toolVersion(), Manual: "safeharbor manual"}
			if err := doc.GenManTree(cmd.Root(), header, dir); err != nil {
				return fmt.Errorf("man pages: %w", err)
			}
			fmt.Fprintf(a.streams.Err, "Man pages written to %s.\n", dir)
			return nil
		},
	}
}
