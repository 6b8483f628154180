package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening/report"
)

// newSchemaCmd prints the JSON Schemas of the formats safeharbor reads and writes: one
// subcommand a format, and the question-set format with none, as it always has.
func newSchemaCmd(a *app) *cobra.Command {
	setLong := strings.TrimSpace(`
Print the JSON Schema (draft 2020-12) of the question-set format safeharbor/v1. Editors use it
to complete keys and flag mistakes as you type; save it beside your sets and point the YAML
language server at it with a first line such as:

  # yaml-language-server: $schema=./safeharbor-v1.schema.json

The schema checks shape only. References, question order and wording are checked by
'safeharbor validate'.`)
	printSchema := func(what string, schema []byte) func(*cobra.Command, []string) error {
		return func(*cobra.Command, []string) error {
			if _, err := a.streams.Out.Write(schema); err != nil {
				return fmt.Errorf("write the %s schema: %w", what, err)
			}
			return nil
		}
	}
	cmd := &cobra.Command{
		Use:   "schema [set|summary|diff|record]",
		Short: "Print the JSON Schema of a format safeharbor reads or writes, for editors and other validators",
		Long: setLong + `

'safeharbor schema set' prints the same; 'safeharbor schema summary' prints the schema of the
JSON summary (interview --format json); 'safeharbor schema diff' that of 'diff --format json';
'safeharbor schema record' that of a de-identified record (export records).`,
		Example: `  safeharbor schema > safeharbor-v1.schema.json
  safeharbor schema summary > safeharbor-summary-v1.schema.json`,
		Args: noArgs,
		RunE: printSchema("question-set", questions.SchemaV1),
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "set",
		Short:   "Print the JSON Schema of the question-set format safeharbor/v1",
		Long:    setLong,
		Example: "  safeharbor schema set > safeharbor-v1.schema.json",
		Args:    wrapArgs(cobra.NoArgs),
		RunE:    printSchema("question-set", questions.SchemaV1),
	}, &cobra.Command{
		Use:   "summary",
		Short: "Print the JSON Schema of the JSON summary, format safeharbor-summary/v1",
		Long: strings.TrimSpace(`
Print the JSON Schema (draft 2020-12) of the referral summary as 'interview --format json'
writes it, format safeharbor-summary/v1: the contract for scripts and an agency's systems. Every
key is described; objects allow no other keys. A key is added to the summary only with this
schema, and the tests hold every JSON summary to it.`),
		Example: `  safeharbor schema summary > safeharbor-summary-v1.schema.json
  safeharbor interview --answers answers.yaml --format json --output summary.json`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: printSchema("summary", report.SummarySchema),
	}, &cobra.Command{
		Use:   "diff",
		Short: "Print the JSON Schema of 'safeharbor diff --format json', format safeharbor-diff/v1",
		Long: strings.TrimSpace(`
Print the JSON Schema (draft 2020-12) of what 'safeharbor diff --format json' writes, format
safeharbor-diff/v1: each change with its lines and the version bump it needs, the scenarios run
on both versions, and what translators must redo. Every key is described; objects allow no
other keys; the tests hold every JSON diff to it.`),
		Example: `  safeharbor schema diff > safeharbor-diff-v1.schema.json
  safeharbor diff --format json sets/county/v1.1.0.yaml sets/county/v1.2.0.yaml > diff.json`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: printSchema("diff", report.DiffSchema),
	}, newSchemaRecordCmd(a))
	return cmd
}

// newSchemaRecordCmd prints the record's schema: JSON Schema for NDJSON and validators, or a
// CREATE TABLE for the database a data team loads the CSV into.
func newSchemaRecordCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "record",
		Short: "Print the schema of a de-identified record (export records), as JSON Schema or SQL",
		Long: strings.TrimSpace(`
Print the schema of a de-identified record, format safeharbor-record/v1, as 'export records'
and 'interview --records' write it: one screening as a row, the same columns in CSV and as the
keys of an NDJSON line. Every column is described, with its type and its values.

--format sql prints a CREATE TABLE safeharbor_records that PostgreSQL, DuckDB and SQLite all
take, to load the CSV into (COPY ... CSV HEADER): TEXT, INTEGER and BOOLEAN, with a CHECK on
every column whose values are a fixed list. Columns are only ever added at the end; the columns
of an agency's own sets (after the published ones) are added with ALTER TABLE.`),
		Example: `  safeharbor schema record > safeharbor-record-v1.schema.json
  safeharbor schema record --format sql | psql agency`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			schema := report.RecordSchema
			if format == "sql" {
				ddl, err := report.RecordSQL("safeharbor_records")
				if err != nil {
					return err
				}
				schema = []byte(ddl)
			}
			if _, err := a.streams.Out.Write(schema); err != nil {
				return fmt.Errorf("write the record schema: %w", err)
			}
			return nil
		},
	}
	addEnumFlag(cmd, &format, "format", "json", "the schema's form",
		choice{name: "json", help: "JSON Schema (draft 2020-12)"},
		choice{name: "sql", help: "a CREATE TABLE for PostgreSQL, DuckDB or SQLite"})
	return cmd
}
