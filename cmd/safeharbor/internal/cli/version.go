package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version is the tool's version. Packagers may set it with
// -ldflags "-X github.com/safeharbor/safeharbor/cmd/safeharbor/internal/cli.Version=v1.2.3";
// otherwise it comes from the build information Go records.
var Version = ""

func newVersionCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the tool's version and the versions of the built-in question sets",
		Example: "  safeharbor version",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, catalog, err := a.shipped()
			if err != nil {
				return err
			}
			var b strings.Builder
			fmt.Fprintf(&b, "safeharbor %s\n", toolVersion())
			fmt.Fprintf(&b, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			b.WriteString("question sets:\n")
			for _, f := range catalog.Sets {
				fmt.Fprintf(&b, "  %s %s (%s) sha256:%s\n", f.Set.ID, f.Set.Version, f.Set.Status, f.SHA256[:12])
			}
			if _, err := fmt.Fprint(a.streams.Out, b.String()); err != nil {
				return fmt.Errorf("write version: %w", err)
			}
			return nil
		},
	}
}

// toolVersion is Version, or the module version and VCS revision from the build information.
func toolVersion() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (" + rev
		if modified == "true" {
			v += ", modified"
		}
		v += ")"
	}
	return v
}
