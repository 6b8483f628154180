package cli

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

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
such as /usr/local/share/man/man1. The pages are dated today, or by SOURCE_DATE_EPOCH when it
is set, for a build that must come out the same each time.`),
		Example: `  safeharbor man ./man && man ./man/safeharbor-interview.1`,
		Args:    wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("man pages: %w", err)
			}
			date, err := manDate(a.getenv("SOURCE_DATE_EPOCH"))
			if err != nil {
				return err
			}
			n, err := writeManTree(cmd.Root(), dir, date)
			if err != nil {
				return fmt.Errorf("man pages: %w", err)
			}
			fmt.Fprintf(a.streams.Err, "Man pages written to %s: %d pages.\n", dir, n)
			return nil
		},
	}
}

// manDate is the date the pages carry: today, or SOURCE_DATE_EPOCH (seconds since 1970).
func manDate(epoch string) (time.Time, error) {
	if epoch == "" {
		return time.Now().UTC(), nil
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return time.Time{}, usageErrorf("SOURCE_DATE_EPOCH=%q: not a number of seconds", epoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// writeManTree writes a page for cmd and each command under it that a user can run.
func writeManTree(cmd *cobra.Command, dir string, date time.Time) (int, error) {
	n := 0
	for _, c := range cmd.Commands() {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			continue
		}
		k, err := writeManTree(c, dir, date)
		if err != nil {
			return n, err
		}
		n += k
	}
	page, err := manPage(cmd, date)
	if err != nil {
		return n, err
	}
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + ".1"
	if err := replaceFile(dir, name, page); err != nil {
		return n, err
	}
	return n + 1, nil
}

var (
	thLine = regexp.MustCompile(`(?m)^\.TH .*$`)
	// cobra writes each option as ".PP", the flag, and its text after a tab; roff fills text, so
	// the tab lands in the middle of a line. A tagged paragraph is how a man page lists options.
	optionItem = regexp.MustCompile(`(?m)^\.PP\n(\\fB-[^\n]*)\n\t([^\n]*)$`)
)

// manPage renders one command's page: cobra's, headed with the command's own name and a date
// mandoc reads, and its options as tagged paragraphs.
func manPage(cmd *cobra.Command, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	header := &doc.GenManHeader{Section: "1", Source: "safeharbor " + toolVersion(), Manual: "safeharbor manual"}
	if err := doc.GenMan(cmd, header, &buf); err != nil {
		return nil, err
	}
	title := strings.ToUpper(strings.ReplaceAll(cmd.CommandPath(), " ", "-"))
	th := fmt.Sprintf(`.TH "%s" "1" "%s" "safeharbor %s" "safeharbor manual"`, title, date.Format("2006-01-02"), toolVersion())
	page := thLine.ReplaceAll(buf.Bytes(), []byte(th))
	page = optionItem.ReplaceAll(page, []byte(".TP\n$1\n$2"))
	// The first option has no .PP before it.
	page = regexp.MustCompile(`(?m)^(\.SH (?:OPTIONS|OPTIONS INHERITED FROM PARENT COMMANDS)\n)(\\fB-[^\n]*)\n\t([^\n]*)$`).ReplaceAll(page, []byte("$1.TP\n$2\n$3"))
	return shortLines(page), nil
}

// shortLines breaks text lines of the source over 80 bytes at spaces: roff fills them again, and
// a page's source stays readable (mandoc's lint asks for it). Requests, and lines in no-fill
// blocks (examples), are left as they are.
func shortLines(page []byte) []byte {
	var out bytes.Buffer
	fill := true
	for _, line := range strings.Split(string(page), "\n") {
		switch {
		case strings.HasPrefix(line, ".nf"), strings.HasPrefix(line, ".EX"):
			fill = false
		case strings.HasPrefix(line, ".fi"), strings.HasPrefix(line, ".EE"):
			fill = true
		}
		for fill && len(line) > 80 && !strings.HasPrefix(line, ".") && !strings.HasPrefix(line, "'") {
			cut := strings.LastIndexByte(line[:80], ' ')
			if cut <= 0 {
				break
			}
			out.WriteString(line[:cut] + "\n")
			line = strings.TrimLeft(line[cut:], " ")
			if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
				line = `\&` + line // a text line, not a request
			}
		}
		out.WriteString(line + "\n")
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n"))
}
