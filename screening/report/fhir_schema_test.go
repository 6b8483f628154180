package report

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// The SHA-256 of HL7's R4 schema as vendored; testdata/fhir-r4/README.md says where it came from.
const r4SchemaSHA256 = "73bc879b1476fea7e096fd71c5fb5967d8c48cc9ffc28706f66613f6a82af3cb"

const r4SchemaURL = "http://hl7.org/fhir/json-schema/4.0"

// r4Compiler holds HL7's R4 schema; compile r4SchemaURL for any resource, or
// r4SchemaURL+"#/definitions/Questionnaire" for one type.
var r4Compiler = sync.OnceValues(func() (*jsonschema.Compiler, error) {
	fh, err := os.Open("testdata/fhir-r4/fhir.schema.json.gz")
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		return nil, fmt.Errorf("fhir.schema.json.gz: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("fhir.schema.json.gz: %w", err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != r4SchemaSHA256 {
		return nil, fmt.Errorf("fhir.schema.json.gz is not the vendored R4 schema (sha256 %x)", sum)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("fhir.schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(r4SchemaURL, doc); err != nil {
		return nil, err
	}
	return c, nil
})

func r4Schema(ref string) (*jsonschema.Schema, error) {
	c, err := r4Compiler()
	if err != nil {
		return nil, err
	}
	return c.Compile(r4SchemaURL + ref)
}

// checkR4 holds a resource to HL7's R4 JSON schema, and to the rules of FHIR's JSON form that the
// schema leaves out: no empty arrays, objects or strings, and no nulls.
func checkR4(t *testing.T, what string, resource []byte) {
	t.Helper()
	sch, err := r4Schema("")
	if err != nil {
		t.Fatalf("load the R4 schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(resource))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	if err := sch.Validate(inst); err != nil {
		// The whole schema is a oneOf of every resource, so its error names no field; the
		// resource type's own definition says where.
		var v struct{ ResourceType string }
		_ = json.Unmarshal(resource, &v)
		if def, derr := r4Schema("#/definitions/" + v.ResourceType); derr == nil {
			if detail := def.Validate(inst); detail != nil {
				err = detail
			}
		}
		t.Errorf("%s is not valid FHIR R4:\n%v", what, err)
	}
	var v any
	_ = json.Unmarshal(resource, &v)
	for _, p := range emptyInFHIR(v, "") {
		t.Errorf("%s: %s is empty; FHIR JSON leaves out what has no value", what, p)
	}
}

// emptyInFHIR lists the paths of empty arrays, objects, strings and nulls.
func emptyInFHIR(v any, path string) []string {
	var out []string
	switch v := v.(type) {
	case nil:
		return []string{path}
	case string:
		if strings.TrimSpace(v) == "" {
			return []string{path}
		}
	case []any:
		if len(v) == 0 {
			return []string{path}
		}
		for i, e := range v {
			out = append(out, emptyInFHIR(e, fmt.Sprintf("%s[%d]", path, i))...)
		}
	case map[string]any:
		if len(v) == 0 {
			return []string{path}
		}
		for k, e := range v {
			out = append(out, emptyInFHIR(e, path+"."+k)...)
		}
	}
	return out
}

// The schema is really applied: a resource with a wrong type, an unknown field, or an empty array
// fails, so the tests below can fail.
func TestR4SchemaRefusesBadResources(t *testing.T) {
	sch, err := r4Schema("")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"resourceType": "QuestionnaireResponse", "status": "done"}`,
		`{"resourceType": "QuestionnaireResponse", "status": "completed", "item": [{"linkId": 7, "answer": [{"valueCoding": {"code": "Y"}}]}]}`,
		`{"resourceType": "QuestionnaireResponse", "status": "completed", "item": [{"linkId": "a", "answer": [{"valueBoolean": "yes"}]}]}`,
		`{"resourceType": "Questionnaire", "status": "active", "item": [{"linkId": "a", "type": "choice", "weight": 2}]}`,
		`{"resourceType": "Questionnaire", "status": "active", "item": [{"linkId": "a", "type": "multiple-choice"}]}`,
		`{"resourceType": "Questionnair", "status": "active"}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the R4 schema accepted %s", bad)
		}
	}
	if got := emptyInFHIR(map[string]any{"item": []any{}, "text": " ", "a": map[string]any{}}, ""); len(got) != 3 {
		t.Errorf("empty values found: %v", got)
	}
}

// Every shipped set exports as a Questionnaire that HL7's R4 schema accepts.
func TestQuestionnaireIsValidR4(t *testing.T) {
	_, cat := shipped(t)
	for _, f := range cat.Sets {
		for _, fhirBase := range []string{"", "https://fhir.example.org/fhir"} {
			var b bytes.Buffer
			if err := WriteQuestionnaire(&b, f.Set, FHIRURL(fhirBase, f.Set.ID)); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			checkR4(t, f.Name+" as a Questionnaire", b.Bytes())
		}
	}
}

// Interviews of every kind come out as QuestionnaireResponses HL7's R4 schema accepts: ended after a
// disclosure, finished with no concern, asked in Spanish, with nothing answered, and every training
// scenario.
func TestQuestionnaireResponseIsValidR4(t *testing.T) {
	f, dir := postReturn(t)
	url := FHIRURL("https://fhir.example.org/fhir", f.Set.ID)
	write := func(name string, sum screening.Summary) {
		t.Helper()
		var b bytes.Buffer
		if err := WriteQuestionnaireResponse(&b, f.Set, &sum, url); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkR4(t, name, b.Bytes())
	}
	write("the disclosure interview", disclosureSummary(t))
	write("the quiet interview", quietSummary(t))

	meta := screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(time.Minute), Contacts: dir}
	nothing := screening.NewSession(f.Set)
	for q, ok := nothing.Next(); ok; q, ok = nothing.Next() {
		if err := nothing.Answer(q.ID, screening.Answer{State: screening.StateNotAsked}); err != nil {
			t.Fatal(err)
		}
	}
	write("an interview with nothing answered", nothing.Summary(meta))
	write("a response with no items", screening.Summary{Set: screening.SetRef{ID: f.Set.ID, Version: f.Set.Version}})

	for name, s := range scenarioSessions(t, f.Set) {
		m := meta
		if strings.Contains(name, "work-abroad") {
			m.Language = "es" // one of them as if asked in Spanish
		}
		write(name, s.Summary(m))
	}
}

// scenarioSessions are the shipped scenarios of set, each run through the engine, by file name.
func scenarioSessions(t *testing.T, set *screening.QuestionSet) map[string]*screening.Session {
	t.Helper()
	names, err := fs.Glob(questions.FS(), questions.ScenariosDir+"/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	out := map[string]*screening.Session{}
	for _, name := range names {
		data, err := fs.ReadFile(questions.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		sf := questions.Decode(name, data)
		if sf.Scenario == nil || sf.Scenario.Set != set.ID+"@"+set.Version {
			continue
		}
		s, _, err := sf.Scenario.Run(set)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = s
	}
	if len(out) == 0 {
		t.Fatalf("no scenario of %s@%s", set.ID, set.Version)
	}
	return out
}
