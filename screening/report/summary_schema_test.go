package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/screening"
)

var summarySchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SummarySchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("summary.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("summary.schema.json")
})

// checkSummaryJSON holds a JSON summary to its published schema. golden calls it for every
// *.summary.json, so every JSON summary the tests write is held to it.
func checkSummaryJSON(t *testing.T, what string, data []byte) {
	t.Helper()
	sch, err := summarySchema()
	if err != nil {
		t.Fatalf("the summary schema does not compile: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not hold to the summary schema:\n%v", what, err)
	}
}

func writeJSON(t *testing.T, s screening.Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSummaryJSON(&b, &s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The schema is really applied: a summary with an unknown key, a wrong level or a phone in
// words fails.
func TestSummarySchemaRefusesBadSummaries(t *testing.T) {
	good := writeJSON(t, disclosureSummary(t))
	checkSummaryJSON(t, "the disclosure summary", good)
	sch, err := summarySchema()
	if err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(m map[string]any){
		"an unknown key":  func(m map[string]any) { m["victim"] = true },
		"a wrong concern": func(m map[string]any) { m["concern"] = "high" },
		"a phone in words": func(m map[string]any) {
			m["contacts"].([]any)[1].(map[string]any)["phone"] = "1-800-THE-LOST (1-800-843-5678)"
		},
		"no answers": func(m map[string]any) { delete(m, "answers") },
	} {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		data, _ := json.Marshal(m)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if sch.Validate(inst) == nil {
			t.Errorf("the schema accepted a summary with %s", name)
		}
	}
}

// Every golden JSON summary, and the summary of every shipped scenario in English and Spanish,
// holds to the schema.
func TestJSONSummariesHoldToSchema(t *testing.T) {
	goldens, err := filepath.Glob("testdata/*.summary.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden JSON summaries: %v", err)
	}
	for _, name := range goldens {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkSummaryJSON(t, name, data)
	}
	f, dir := postReturn(t)
	for name, s := range scenarioSessions(t, f.Set) {
		for _, lang := range []string{"en", "es"} {
			meta := screening.SummaryMeta{SetSHA256: f.SHA256, Started: start, Finished: start.Add(time.Hour), Contacts: dir, Language: lang, CaseRef: "2026-0412"}
			checkSummaryJSON(t, name+" in "+lang, writeJSON(t, s.Summary(meta)))
		}
	}
	checkSummaryJSON(t, "a summary with nothing in it", writeJSON(t, screening.Summary{Format: screening.SummaryFormat, Set: screening.SetRef{ID: "x", Version: "1.0.0"}, Concern: "none", Level: "none"}))
}

// The Go type of the JSON summary never drifts from its schema: every key the type can write is
// in the schema at its place, required exactly when the type always writes it, and the schema
// documents no key the type never writes. Objects allow no other keys.
func TestSummarySchemaCoversJSONType(t *testing.T) {
	checkSchemaCovers(t, SummarySchema, "summary", reflect.TypeFor[jsonSummary]())
}

// checkSchemaCovers holds a published schema to the Go type written as JSON, key by key: every
// key written is in the schema with a description, required exactly when it is always written,
// of the kind the type writes (null too, for a pointer the schema says may be null), and every
// object is closed.
func checkSchemaCovers(t *testing.T, schemaJSON []byte, root string, typ reflect.Type) {
	t.Helper()
	var schema map[string]any
	if err := json.Unmarshal(schemaJSON, &schema); err != nil {
		t.Fatal(err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	resolve := func(s map[string]any) map[string]any {
		// A value that may be null: {oneOf: [X, {type: null}]} is X.
		if alts, ok := s["oneOf"].([]any); ok && len(alts) == 2 {
			for _, alt := range alts {
				if m := alt.(map[string]any); m["type"] != "null" {
					s = m
				}
			}
		}
		if ref, ok := s["$ref"].(string); ok {
			def, ok := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			if !ok {
				t.Fatalf("%s: no such definition", ref)
			}
			return def
		}
		return s
	}
	// is reports whether the schema's type is want, or [want, "null"].
	is := func(s map[string]any, want string) bool {
		if types, ok := s["type"].([]any); ok {
			return len(types) == 2 && types[0] == want && types[1] == "null"
		}
		return s["type"] == want
	}
	timeType := reflect.TypeFor[time.Time]()
	var walk func(path string, typ reflect.Type, s map[string]any)
	walk = func(path string, typ reflect.Type, s map[string]any) {
		s = resolve(s)
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch {
		case typ == timeType:
			if s["format"] != "date-time" {
				t.Errorf("%s: a time, but the schema does not say date-time", path)
			}
		case typ.Kind() == reflect.Slice:
			items, ok := s["items"].(map[string]any)
			if s["type"] != "array" || !ok {
				t.Errorf("%s: a list, but the schema says %v", path, s["type"])
				return
			}
			walk(path+"[]", typ.Elem(), items)
		case typ.Kind() == reflect.Struct:
			props, _ := s["properties"].(map[string]any)
			if s["type"] != "object" || s["additionalProperties"] != false {
				t.Errorf("%s: the schema does not close the object (type object, additionalProperties false)", path)
			}
			var required []string
			for _, r := range s["required"].([]any) {
				required = append(required, r.(string))
			}
			written := map[string]bool{}
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" || name == "-" {
					t.Errorf("%s.%s has no JSON name", path, f.Name)
					continue
				}
				written[name] = true
				sub, ok := props[name].(map[string]any)
				if !ok {
					t.Errorf("%s.%s is written but not in the schema", path, name)
					continue
				}
				if always := !strings.Contains(opts, "omitempty"); always != slices.Contains(required, name) {
					t.Errorf("%s.%s: written always %v, required by the schema %v", path, name, always, !always)
				}
				if _, ok := sub["description"]; !ok && sub["$ref"] == nil {
					t.Errorf("%s.%s has no description in the schema", path, name)
				}
				walk(path+"."+name, f.Type, sub)
			}
			for name := range props {
				if !written[name] {
					t.Errorf("the schema documents %s.%s, which is never written", path, name)
				}
			}
		case typ.Kind() == reflect.String:
			if !is(s, "string") && s["enum"] == nil && s["const"] == nil {
				t.Errorf("%s: text, but the schema says %v", path, s["type"])
			}
		case typ.Kind() == reflect.Int:
			if !is(s, "integer") {
				t.Errorf("%s: a whole number, but the schema says %v", path, s["type"])
			}
		case typ.Kind() == reflect.Bool:
			if !is(s, "boolean") {
				t.Errorf("%s: true or false, but the schema says %v", path, s["type"])
			}
		default:
			t.Errorf("%s: a %s the test does not know", path, typ)
		}
	}
	walk(root, typ, schema)
}

// A contact's phone is a number a program can dial; a number written in words keeps its words
// in a key of its own.
func TestJSONContactPhoneIsDialable(t *testing.T) {
	var got struct {
		Contacts []struct {
			ID, Phone, TTY string
			Vanity         string `json:"phone_vanity"`
		}
	}
	if err := json.Unmarshal(writeJSON(t, disclosureSummary(t)), &got); err != nil {
		t.Fatal(err)
	}
	dialable := regexp.MustCompile(`^\+?[0-9]{3,}$`)
	phones := map[string]string{}
	for _, c := range got.Contacts {
		if c.Phone != "" && !dialable.MatchString(c.Phone) {
			t.Errorf("%s: phone %q is not a number to dial", c.ID, c.Phone)
		}
		phones[c.ID] = c.Phone + " " + c.Vanity
	}
	if phones["ncmec"] != "18008435678 1-800-THE-LOST" || phones["hotline"] != "18883737888 " {
		t.Errorf("phones %q", phones)
	}
}
