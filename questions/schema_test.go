package questions

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaV1))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("safeharbor-v1.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("safeharbor-v1.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

// yamlToJSON turns a YAML document into the JSON value a schema validator reads.
func yamlToJSON(t *testing.T, text string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestSchemaAcceptsShippedSets(t *testing.T) {
	sch := compileSchema(t)
	names, _ := fs.Glob(FS(), "*/v*.yaml")
	names = append(names, "base") // the test set too
	for _, name := range names {
		text := baseYAML
		if name != "base" {
			data, err := fs.ReadFile(FS(), name)
			if err != nil {
				t.Fatal(err)
			}
			text = string(data)
		}
		if err := sch.Validate(yamlToJSON(t, text)); err != nil {
			t.Errorf("%s fails the schema: %v", name, err)
		}
	}
}

func TestSchemaRejectsBadSets(t *testing.T) {
	sch := compileSchema(t)
	for name, e := range map[string]edit{
		"unknown key":              {"title: Test set", "titel: Test set"},
		"unknown format":           {"format: safeharbor/v1", "format: safeharbor/v2"},
		"unknown status":           {"status: active", "status: actve"},
		"version not semver":       {"version: 1.0.0", "version: \"1.0\""},
		"id not kebab":             {"id: test", "id: Test_Set"},
		"unknown mode":             {"mode: ask", "mode: tell"},
		"unknown type":             {"type: multi", "type: many"},
		"options on yesno":         {"type: yesno\n", "type: yesno\n        options: [{value: a, label: A}]\n"},
		"no options on multi":      {"        options:\n          - {value: friend, label: At a friend's}\n          - {value: hotel, label: A hotel, indicator: hotel}\n", ""},
		"reserved option value":    {"value: friend", "value: declined"},
		"zero weight":              {"weight: 2, sources: [guide]}\n  - {id: older", "weight: 0, sources: [guide]}\n  - {id: older"},
		"two operators":            {"answered: true}", "answered: true, declined: false}"},
		"unknown level":            {"level: possible", "level: high"},
		"unknown priority":         {"priority: recommended", "priority: soon"},
		"step with two keys":       {"  - say: I'm glad you're back.", "  - {say: Hi, do: Sit}"},
		"indicator without source": {"weight: 2, sources: [guide]}\n  - {id: older", "weight: 2}\n  - {id: older"},
	} {
		if !strings.Contains(baseYAML, e.old) {
			t.Fatalf("%s: edit not in the base set", name)
		}
		if err := sch.Validate(yamlToJSON(t, strings.Replace(baseYAML, e.old, e.new, 1))); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// The schema and the decoder must know the same keys, or an editor would suggest a key that
// validate refuses (or hide one it takes).
func TestSchemaKeysMatchDecoder(t *testing.T) {
	var schema struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
			OneOf      []struct {
				Properties map[string]any `json:"properties"`
			} `json:"oneOf"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(SchemaV1, &schema); err != nil {
		t.Fatal(err)
	}
	keysOf := func(def string) []string {
		var keys []string
		props := schema.Properties
		if def != "" {
			d := schema.Defs[def]
			props = d.Properties
			for _, alt := range d.OneOf {
				for k := range alt.Properties {
					if !slices.Contains(keys, k) {
						keys = append(keys, k)
					}
				}
			}
		}
		for k := range props {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return keys
	}
	for def, keys := range map[string][]string{
		"": SetKeys, "source": SourceKeys, "levels": LevelKeys, "levelRule": LevelRuleKeys, "domain": DomainKeys, "completeness": CompletenessKeys, "due": DueKeys, "step": StepKeys, "section": SectionKeys,
		"question": QuestionKeys, "option": OptionKeys, "indicator": IndicatorKeys, "action": ActionKeys,
		"condition": ConditionKeys,
	} {
		want := slices.Sorted(slices.Values(keys))
		if got := keysOf(def); !slices.Equal(got, want) {
			t.Errorf("schema %q has keys %v; the decoder takes %v", def, got, want)
		}
	}
}
