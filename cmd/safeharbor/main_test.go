package main

import (
	"compress/gzip"
	"flag"
	"os"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

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
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fhir-r4": checkFHIRR4,
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
	for _, name := range args {
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
			ts.Fatalf("%s is not valid FHIR R4: %v", name, err)
		case err == nil && neg:
			ts.Fatalf("%s is valid FHIR R4", name)
		}
	}
}
