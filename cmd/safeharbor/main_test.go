package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	_ "time/tzdata" // the scripts set TZ: the same zone on any machine, with or without a zone database

	"filippo.io/age"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/screening/report"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

// shippedDir is the repository's questions folder, the files the binary embeds.
var shippedDir = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "questions"))
	if err != nil {
		panic(err)
	}
	return dir
}()

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"safeharbor": main,
	})
}

// TestScripts runs the real binary through the sessions in testdata/script, each read like a
// user's terminal: what they typed, what came back, and the exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			// Never read the developer's own config, state or terminal settings.
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("XDG_STATE_HOME", env.WorkDir+"/home/.local/state")
			env.Setenv("NO_COLOR", "1")
			// The shipped files, for a script to copy one and edit it.
			env.Setenv("SHIPPED", shippedDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fhir-r4":        checkFHIRR4,
			"lcov":           checkLCOV,
			"sarif-2.1.0":    checkSARIF,
			"summary-schema": checkSummarySchema,
			"diff-schema":    checkDiffSchema,
			"record-schema":  checkRecordSchema,
			"age-keygen":     ageKeygen,
			"replace":        replaceInFile,
		},
	})
}

// HL7's R4 JSON schema, vendored beside the FHIR writers (see that folder's README).
const r4SchemaFile = "../../screening/report/testdata/fhir-r4/fhir.schema.json.gz"

var r4Schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	fh, err := os.Open(r4SchemaFile)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(zr)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("r4.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("r4.json")
})

// checkFHIRR4 is the script command `fhir-r4 FILE...`: each file must be a resource that HL7's
// FHIR R4 JSON schema accepts (with !, that it refuses).
func checkFHIRR4(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: fhir-r4 FILE...")
	}
	sch, err := r4Schema()
	ts.Check(err)
	validateFiles(ts, neg, args, sch, "valid FHIR R4")
}

// validateFiles holds each file to sch: it must be what it says (with neg, it must not).
func validateFiles(ts *testscript.TestScript, neg bool, names []string, sch *jsonschema.Schema, what string) {
	for _, name := range names {
		fh, err := os.Open(ts.MkAbs(name))
		ts.Check(err)
		inst, err := jsonschema.UnmarshalJSON(fh)
		fh.Close()
		if err != nil {
			ts.Fatalf("%s is not JSON: %v", name, err)
		}
		err = sch.Validate(inst)
		switch {
		case err != nil && !neg:
			ts.Fatalf("%s is not %s: %v", name, what, err)
		case err == nil && neg:
			ts.Fatalf("%s is %s", name, what)
		}
	}
}

// OASIS's SARIF 2.1.0 schema, vendored beside the SARIF writer (see that folder's README).
const sarifSchemaFile = "internal/cli/testdata/sarif-2.1.0/sarif-schema-2.1.0.json"

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	fh, err := os.Open(sarifSchemaFile)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	doc, err := jsonschema.UnmarshalJSON(fh)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// Go's url.Parse, behind the library's check, takes a space or an ñ; RFC 3986 does not.
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: rfc3986Characters})
	if err := c.AddResource("sarif.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("sarif.json")
})

// rfc3986Characters refuses a string with a character RFC 3986 never allows in a URI, or a %
// that does not begin a percent-encoded byte.
func rfc3986Characters(v any) error {
	s, _ := v.(string)
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@/?#[]", c) >= 0
		if c == '%' {
			_, err := strconv.ParseUint(s[i+1:min(i+3, len(s))], 16, 8)
			ok = err == nil && i+2 < len(s)
		}
		if !ok {
			return fmt.Errorf("%q: byte %d (%q) is not allowed in a URI reference", s, i, c)
		}
	}
	return nil
}

// checkSARIF is the script command `sarif-2.1.0 FILE...`: each file must be a log that the SARIF
// 2.1.0 schema accepts, formats asserted (with !, that it refuses). The cli package's tests hold
// URIs to RFC 3986 more strictly.
func checkSARIF(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: sarif-2.1.0 FILE...")
	}
	sch, err := sarifSchema()
	ts.Check(err)
	validateFiles(ts, neg, args, sch, "valid SARIF 2.1.0")
}

var summarySchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.SummarySchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("summary.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("summary.schema.json")
})

// checkSummarySchema is the script command `summary-schema FILE...`: each file must be a JSON
// summary that 'safeharbor schema summary' accepts (with !, that it refuses).
func checkSummarySchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: summary-schema FILE...")
	}
	sch, err := summarySchema()
	ts.Check(err)
	validateFiles(ts, neg, args, sch, "a JSON summary as its schema has it")
}

var diffSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.DiffSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("diff.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("diff.schema.json")
})

// checkDiffSchema is the script command `diff-schema FILE...`: each file must be JSON that
// 'safeharbor schema diff' accepts (with !, that it refuses).
func checkDiffSchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: diff-schema FILE...")
	}
	sch, err := diffSchema()
	ts.Check(err)
	validateFiles(ts, neg, args, sch, "a JSON diff as its schema has it")
}

// replaceInFile is the script command `replace FILE OLD NEW`: it replaces the first OLD in FILE
// with NEW (Go-quoted escapes such as \n are read), and fails when FILE has no OLD, so an edit of
// a copied file cannot silently do nothing.
func replaceInFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	unquote := func(s string) string {
		u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
		ts.Check(err)
		return u
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	old, new := unquote(args[1]), unquote(args[2])
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %s has no %q", args[0], old)
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}

var recordSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report.RecordSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("record.schema.json")
})

// checkRecordSchema is the script command `record-schema FILE...`: every line of each file must
// be a record that 'safeharbor schema record' accepts (with !, some line must be refused).
func checkRecordSchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: record-schema FILE...")
	}
	sch, err := recordSchema()
	ts.Check(err)
	for _, name := range args {
		refused := false
		for i, line := range strings.Split(strings.TrimSpace(ts.ReadFile(name)), "\n") {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
			if err == nil {
				err = sch.Validate(inst)
			}
			if err != nil && !neg {
				ts.Fatalf("%s, line %d, is not a record as its schema has it: %v", name, i+1, err)
			}
			refused = refused || err != nil
		}
		if neg && !refused {
			ts.Fatalf("every line of %s is a record", name)
		}
	}
}

// ageKeygen is the script command `age-keygen FILE VAR`: a new age identity in FILE, as
// age-keygen writes one, and its public key in $VAR.
func ageKeygen(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: age-keygen FILE VAR")
	}
	id, err := age.GenerateX25519Identity()
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("# public key: "+id.Recipient().String()+"\n"+id.String()+"\n"), 0o600))
	ts.Setenv(args[1], id.Recipient().String())
}
