package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
)

func newSchemaCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the question-set format, for editors and other validators",
		Long: strings.TrimSpace(`
Print the JSON Schema (draft 2020-12) of the question-set format safeharbor/v1. Editors use it
to complete keys and flag mistakes as you type; save it beside your sets and point the YAML
language server at it with a first line such as:

  # yaml-language-server: $schema=./safeharbor-v1.schema.json

The schema checks shape only. References, question order and wording are checked by
'safeharbor validate'.`),
		Example: "  safeharbor schema > safeharbor-v1.schema.json",
		Args:    wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.streams.Out.Write(questions.SchemaV1); err != nil {
				return fmt.Errorf("write schema: %w", err)
			}
			return nil
		},
	}
}
