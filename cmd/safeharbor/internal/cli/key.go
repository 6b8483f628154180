package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/drafts"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

func newKeyCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "The key drafts are encrypted with",
		Long: strings.TrimSpace(`
Drafts are encrypted to a key made on first use, kept in $XDG_CONFIG_HOME/safeharbor/: the
public key (recipient.txt), which saving needs, and the private key (identity.txt, or
identity.age when a passphrase protects it), which resuming needs.`),
		Example: "  safeharbor key passphrase",
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "passphrase",
		Short: "Protect the drafts key with a passphrase, or change its passphrase",
		Long: strings.TrimSpace(`
Protect the drafts key with a passphrase, or change the passphrase. The key itself stays the
same, so every draft can still be resumed; resuming then asks for the passphrase (or reads
SAFEHARBOR_PASSPHRASE), while interviews go on saving without it.

The current passphrase, if the key has one, is read from SAFEHARBOR_PASSPHRASE or asked. The new
one is read from SAFEHARBOR_NEW_PASSPHRASE, or asked twice in a terminal; for a key with no
passphrase yet, SAFEHARBOR_PASSPHRASE is taken as the new one.

It also writes the public key (recipient.txt) again from the private key, if it is missing.`),
		Example: `  safeharbor key passphrase
  SAFEHARBOR_NEW_PASSPHRASE=... safeharbor key passphrase`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runKeyPassphrase(a) },
	})
	return cmd
}

func runKeyPassphrase(a *app) error {
	dirs, err := drafts.DefaultDirs(a.getenv)
	if err != nil {
		return err
	}
	protected := drafts.KeyProtected(dirs)
	current := ""
	if protected {
		en, _ := phrases.For("en")
		if current, err = passphrase(a, dirs, &en.Messages); err != nil {
			return err
		}
		if current == "" {
			return usageErrorf("the drafts key is protected: give its passphrase in SAFEHARBOR_PASSPHRASE, or run this in a terminal to be asked for it")
		}
	}
	next, err := newPassphrase(a, protected)
	if err != nil {
		return err
	}
	if err := drafts.ChangePassphrase(dirs, current, next); err != nil {
		if errors.Is(err, drafts.ErrWrongPassphrase) {
			return fmt.Errorf("%w; nothing was changed", err)
		}
		return err
	}
	verb := "now protected by a"
	if protected {
		verb = "protected by the new"
	}
	fmt.Fprintf(a.streams.Err, "The drafts key is %s passphrase. Resuming a draft asks for it (or reads SAFEHARBOR_PASSPHRASE); interviews save without it. Keep it safe: without it, no draft can be opened.\n", verb)
	return nil
}

// newPassphrase reads the new passphrase: SAFEHARBOR_NEW_PASSPHRASE, SAFEHARBOR_PASSPHRASE for a
// key that has none yet, or typed twice in a terminal.
func newPassphrase(a *app, protected bool) (string, error) {
	if p := a.getenv("SAFEHARBOR_NEW_PASSPHRASE"); p != "" {
		return p, nil
	}
	if p := a.getenv("SAFEHARBOR_PASSPHRASE"); p != "" && !protected {
		return p, nil
	}
	f, ok := a.streams.In.(*os.File)
	if !ok || !a.streams.InTTY {
		return "", usageErrorf("no terminal to type the new passphrase on: set SAFEHARBOR_NEW_PASSPHRASE")
	}
	read := func(prompt string) (string, error) {
		fmt.Fprint(a.streams.Err, prompt)
		p, err := term.ReadPassword(f.Fd())
		fmt.Fprintln(a.streams.Err)
		if err != nil {
			return "", fmt.Errorf("read the passphrase: %w", err)
		}
		return string(p), nil
	}
	first, err := read("New passphrase for the drafts key: ")
	if err != nil {
		return "", err
	}
	if first == "" {
		return "", usageErrorf("the new passphrase is empty; nothing was changed")
	}
	again, err := read("The same passphrase again: ")
	if err != nil {
		return "", err
	}
	if again != first {
		return "", usageErrorf("the two passphrases differ; nothing was changed")
	}
	return first, nil
}
