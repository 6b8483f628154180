package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

func newPracticeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "practice",
		Short: "Training: fictional scenarios, role-player cards, self-study",
		Long: strings.TrimSpace(`
Training with fictional young people. 'practice list' shows the scenarios; 'practice card ID'
prints the role-player's card for a mock interview (run it with 'safeharbor interview --training
--scenario ID'); 'practice run ID' is self-study: the tool plays the young person, you record the
answers as you would code them, and at the end you see what you caught, missed and over-flagged.`),
		Example: `  safeharbor practice list
  safeharbor practice card gang-boyfriend > card.txt
  safeharbor practice run grandmother --accessible`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		&cobra.Command{
			Use:     "list",
			Short:   "List the training scenarios",
			Example: "  safeharbor practice list",
			Args:    wrapArgs(cobra.NoArgs),
			RunE: func(cmd *cobra.Command, args []string) error {
				scenarios, err := shippedScenarios()
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(a.streams.Out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tEXPECTED\tSET\tTITLE")
				for _, sc := range scenarios {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", sc.ID, sc.Expect.Concern, sc.Set, sc.Title)
				}
				if err := tw.Flush(); err != nil {
					return fmt.Errorf("write list: %w", err)
				}
				return nil
			},
		},
		&cobra.Command{
			Use:     "card ID",
			Short:   "Print a role-player's card for a scenario",
			Example: "  safeharbor practice card gang-boyfriend > card.txt",
			Args:    wrapArgs(cobra.ExactArgs(1)),
			RunE: func(cmd *cobra.Command, args []string) error {
				sc, set, err := findScenario(a, args[0])
				if err != nil {
					return err
				}
				if err := report.WriteCard(a.streams.Out, sc, set); err != nil {
					return fmt.Errorf("write card: %w", err)
				}
				return nil
			},
		},
		newPracticeRunCmd(a),
	)
	return cmd
}

func newPracticeRunCmd(a *app) *cobra.Command {
	opts := &interviewOptions{}
	cmd := &cobra.Command{
		Use:   "run ID",
		Short: "Self-study: the tool plays the young person; you record the answers",
		Long: strings.TrimSpace(`
Self-study on a scenario. For each question the tool shows what the young person says (or what
you see, or what the case file says); you record the answer as you would code it. At the end,
feedback: the indicators you caught, missed and over-flagged, the concern level you reached
against the one expected, the actions missing, and the questions you skipped.`),
		Example: "  safeharbor practice run denies-everything --accessible",
		Args:    wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPractice(cmd.Context(), a, args[0], opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Accessible, "accessible", false, "plain line prompts, for screen readers and pipes")
	cmd.Flags().StringVar(&opts.Answers, "answers", "", "take your answers from this YAML file (to script a run)")
	return cmd
}

func runPractice(ctx context.Context, a *app, id string, opts *interviewOptions) error {
	sc, set, err := findScenario(a, id)
	if err != nil {
		return err
	}
	_, catalog, err := a.shipped()
	if err != nil {
		return err
	}
	sid, version := questions.ParseSetRef(sc.Set)
	file, err := catalog.Find(sid, version)
	if err != nil {
		return err
	}
	session := screening.NewSession(set)
	asker, _, err := chooseAsker(a, opts, file, session)
	if err != nil {
		return err
	}
	err = interview(ctx, asker, session, interviewHooks{saver: &draftSaver{}, cue: scenarioCue(sc)})
	if c, ok := asker.(io.Closer); ok {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	return writeFeedback(a.streams.Out, sc, set, session)
}

func writeFeedback(w io.Writer, sc *screening.Scenario, set *screening.QuestionSet, session *screening.Session) error {
	fb, err := sc.Compare(set, session)
	if err != nil {
		return err
	}
	if err := report.WriteFeedback(w, sc, fb); err != nil {
		return fmt.Errorf("write feedback: %w", err)
	}
	return nil
}

// scenarioCue is what the trainee sees with each question in self-study.
func scenarioCue(sc *screening.Scenario) func(*screening.Question) string {
	return func(q *screening.Question) string {
		r, ok := sc.Response(q.ID)
		switch q.Mode {
		case screening.ModeObserve:
			if !ok || !r.HasAnswer {
				return ""
			}
			if r.Answer.State == screening.StateAnswered && strings.EqualFold(r.Answer.Text, "yes") {
				return "You see: this is so."
			}
			return "You see nothing like this."
		case screening.ModeRecord:
			if !ok || !r.HasAnswer {
				return "The case file says nothing about this."
			}
			if a, err := r.Answer.Parse(q); err == nil && a.IsAnswered() {
				return "The case file says: " + screening.DisplayAnswer(q, a, "en") + "."
			}
			return "The case file is not clear about this."
		}
		if !ok || strings.TrimSpace(r.Says) == "" {
			return "The young person shrugs and says nothing."
		}
		return "The young person says: \u201c" + r.Says + "\u201d"
	}
}

// shippedScenarios decodes the built-in scenarios.
func shippedScenarios() ([]*screening.Scenario, error) {
	files, err := loadScenarios(nil)
	if err != nil {
		return nil, err
	}
	var out []*screening.Scenario
	for _, f := range files {
		if f.Findings.HasErrors() || f.Kind != questions.KindScenario {
			return nil, &questions.InvalidError{File: f.Name, Findings: f.Findings}
		}
		out = append(out, f.Scenario)
	}
	return out, nil
}

// findScenario finds a built-in scenario and its set.
func findScenario(a *app, id string) (*screening.Scenario, *screening.QuestionSet, error) {
	scenarios, err := shippedScenarios()
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	for _, sc := range scenarios {
		ids = append(ids, sc.ID)
		if sc.ID != id {
			continue
		}
		_, catalog, err := a.shipped()
		if err != nil {
			return nil, nil, err
		}
		sid, version := questions.ParseSetRef(sc.Set)
		f, err := catalog.Find(sid, version)
		if err != nil {
			return nil, nil, err
		}
		return sc, f.Set, nil
	}
	return nil, nil, usageErrorf("no scenario %q%s; `safeharbor practice list` shows them", id, screening.DidYouMean(id, ids))
}
