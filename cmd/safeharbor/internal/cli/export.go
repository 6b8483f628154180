package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/screening/report"
)

func newExportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write a question set in another standard's format, or screenings as de-identified records",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var file, base, contacts string
	fhir := &cobra.Command{
		Use:   "fhir SET[@VERSION] | --file PATH",
		Short: "Write a question set as a FHIR R4 Questionnaire",
		Long: strings.TrimSpace(`
Write a question set as a FHIR R4 Questionnaire (JSON): a group per section, an item per question
with its linkId, enableWhen for its conditions, answer options with indicator weights as the
ordinalValue extension, and the worker's guidance as help items. Yes/no questions are choices of
HL7's Y/N codes so their weight can be carried; every choice also lists data-absent-reason codes
for a decline, "don't know" and "not asked". 'interview --format fhir' writes the matching
QuestionnaireResponse; give both the same --fhir-base.`),
		Example: `  safeharbor export fhir post-return > questionnaire.json
  safeharbor export fhir post-return --fhir-base https://fhir.example.org/fhir`,
		Args: wrapArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (len(args) == 1) == (file != "") {
				return usageErrorf("name one question set: `export fhir SET[@VERSION]` or `export fhir --file PATH`")
			}
			b, catalog, _, err := shippedWith(a, contacts)
			if err != nil {
				return err
			}
			var ref string
			if len(args) == 1 {
				ref = args[0]
			}
			f, err := namedSet(ref, file, b, catalog)
			if err != nil {
				return err
			}
			if err := report.WriteQuestionnaire(a.streams.Out, f.Set, report.FHIRURL(base, f.Set.ID)); err != nil {
				return fmt.Errorf("export %s: %w", f.Set.ID, err)
			}
			return nil
		},
	}
	fhir.Flags().StringVar(&file, "file", "", "export the question set in this file")
	fhir.Flags().StringVar(&contacts, "contacts", "", "a contacts file, for a set that names an agency's own contacts")
	fhir.Flags().StringVar(&base, "fhir-base", "", "the base URL of the agency's Questionnaires (default: a urn); the same as interview's --fhir-base")
	// The old name, kept so scripts written for it still work.
	fhir.Flags().StringVar(&base, "base", "", "")
	_ = fhir.Flags().MarkDeprecated("base", "use --fhir-base, as interview does")
	fhir.ValidArgsFunction = firstArg(completeSets(a))
	cmd.AddCommand(fhir, newExportRecordsCmd(a))
	return cmd
}
