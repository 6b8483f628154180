package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
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
		newPracticeCardCmd(a),
		newPracticeRunCmd(a),
	)
	return cmd
}

func newPracticeCardCmd(a *app) *cobra.Command {
	var caseFile bool
	cmd := &cobra.Command{
		Use:   "card ID",
		Short: "Print a role-player's card for a scenario, or the trainee's case file",
		Long: strings.TrimSpace(`
Print the role-player's card for a scenario: who to play, what to say to each question, what to
show, and what the trainer looks for. Keep it from the trainee. With --case-file, print the
trainee's case file instead: only what the record says, to hand over before the interview.`),
		Example: `  safeharbor practice card gang-boyfriend > card.txt
  safeharbor practice card gang-boyfriend --case-file > case-file.txt`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, set, err := findScenario(a, args[0])
			if err != nil {
				return err
			}
			write := report.WriteCard
			if caseFile {
				write = report.WriteCaseFile
			}
			if err := write(a.streams.Out, sc, set, time.Local); err != nil {
				return fmt.Errorf("write card: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&caseFile, "case-file", false, "print the trainee's case file, apart from the card")
	return cmd
}

// practiceOptions are the flags of practice run.
type practiceOptions struct {
	Accessible bool
	Answers    string
}

func newPracticeRunCmd(a *app) *cobra.Command {
	opts := &practiceOptions{}
	cmd := &cobra.Command{
		Use:   "run ID",
		Short: "Self-study: the tool plays the young person; you record the answers",
		Long: strings.TrimSpace(`
Self-study on a scenario. For each question the tool shows what the young person says (or what
you see, or what the case file says); you record the answer as you would code it. At the end,
feedback: the indicators you caught, missed and over-flagged, the concern level you reached
against the one expected, the actions missing, and the questions you skipped. Nothing is saved.`),
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

func runPractice(ctx context.Context, a *app, id string, opts *practiceOptions) error {
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
	words, _ := phrases.For(set.Language)
	session := screening.NewSession(set)
	c := &conversation{file: file, session: session, words: words, answers: opts.Answers, accessible: opts.Accessible, training: true, cue: scenarioCue(sc, &words.Messages, set.Language)}
	asker, _, err := chooseAsker(a, c)
	if err != nil {
		return err
	}
	_, err = interview.Run(ctx, asker, interview.Config{Session: session, Words: words, Cue: c.cue})
	if closer, ok := asker.(io.Closer); ok {
		if cerr := closer.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		var st *interview.Stopped
		if errors.As(err, &st) {
			return &stopped{Stopped: st, words: &words.Messages}
		}
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
func scenarioCue(sc *screening.Scenario, m *phrases.Messages, lang string) func(*screening.Question) string {
	return func(q *screening.Question) string {
		r, ok := sc.Response(q.ID)
		switch q.Mode {
		case screening.ModeObserve:
			if !ok || !r.HasAnswer {
				return ""
			}
			if r.Answer.State == screening.StateAnswered && strings.EqualFold(r.Answer.Text, "yes") {
				return m.CueYouSee
			}
			return m.CueYouSeeNothing
		case screening.ModeRecord:
			if !ok || !r.HasAnswer {
				return m.CueFileSilent
			}
			if a, err := r.Answer.Parse(q); err == nil && a.IsAnswered() {
				return fmt.Sprintf(m.CueFileSays, screening.DisplayAnswer(q, a, lang, time.Local))
			}
			return m.CueFileUnclear
		}
		if !ok || strings.TrimSpace(r.Says) == "" {
			return m.CueShrugs
		}
		return fmt.Sprintf(m.CueSays, r.Says)
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
