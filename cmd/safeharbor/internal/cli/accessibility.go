package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// newAccessibilityTopic is `safeharbor help accessibility`: the two ways the interview asks,
// and how to choose one (after gh's `gh help a11y`).
func newAccessibilityTopic() *cobra.Command {
	return &cobra.Command{
		Use:     "accessibility",
		Aliases: []string{"a11y"},
		Short:   "The terminal interface and plain lines, and how to choose them",
		Long: strings.TrimSpace(`
The interview asks in one of two ways.

THE TERMINAL INTERFACE (in a terminal, by default)
  One question per screen, with the worker's guidance under it and a line at the bottom saying
  what the keys do:
    arrows, or the number of a choice   choose (nothing is chosen until you do)
    Space or x                          tick, where several can be chosen
    Enter                               record the answer and go on
    Esc                                 back to the question before
    PgUp, PgDn, Space                   scroll a long screen
    Ctrl+C                              pause; every answer given is saved: safeharbor resume
  Keys typed ahead wait for the screen they were meant for. The screen is drawn on the
  terminal's alternate screen, so when the interview ends nothing of it is left in the
  scrollback.

PLAIN LINES (for screen readers, braille displays and pipes)
  No colour, no cursor movement, nothing redrawn: every question is printed as lines, its
  choices numbered, and each answer is one typed line:
    a choice's number, its value or its label      2, hotel, "a hotel or motel"
    words of one choice's label, any case/accents  kinship, hogar de crianza
    several choices, separated by commas           1, 3
    declined, dont-know, skip                      the answers every question takes
    back                                           the question before
    Enter, on a question that has an answer        keep it
  Words that fit several choices choose none: the choices they fit are listed, to be chosen by
  number. Short codes are spaced digit by digit ("text 2 3 3 7 3 3"), so a screen reader says
  them as they are typed. On the review, the whole list is read once; after a change, only the
  row that changed. In a terminal, lines wrap at word boundaries to its width; piped, each line
  stays one line.

CHOOSING
  --accessible, ACCESSIBLE=1 (the convention GitHub CLI and huh use), SAFEHARBOR_ACCESSIBLE=1
  or TERM=dumb choose plain lines. To make them the default, put "export ACCESSIBLE=1" in your
  shell's profile. A terminal that reports no size gets plain lines too. NO_COLOR turns colour
  off in the terminal interface.`),
	}
}
