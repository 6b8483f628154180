package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// edits applies text replacements, failing the test when one matches nothing.
func edits(t *testing.T, text string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			t.Fatalf("edit %q: not in the text", pairs[i])
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

// newerDiff compares testdata/newer.yaml (county-return 2.0.0) with a 2.1.0 that rewords a
// question, lowers drug-running's weight so carrying drugs alone no longer reaches possible, and
// shortens a deadline in an action's words; with one scenario that carried drugs, and a Spanish
// translation of 2.1.0 that records what it translated.
func newerDiff(t *testing.T, newVersion string) *screening.Diff {
	t.Helper()
	base, _ := shipped(t)
	data, err := os.ReadFile(filepath.Join("testdata", "newer.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	newData := edits(t, string(data),
		"version: 2.0.0", "version: "+newVersion,
		`text: "Did someone at home tell you to leave?"`, `text: "Did someone at home tell you to leave, or make you feel you could not stay?"`,
		"label: Sold or carried drugs for someone, weight: 4", "label: Sold or carried drugs for someone, weight: 1",
		"in no case later\n      than 24 hours.", "in no case later\n      than 12 hours.",
		"      - {id: picture-threats, mode: ask, type: yesno, text: \"Has anyone said they would share pictures of you unless you sent more, or paid them?\", indicator: sextortion}\n", "",
	)
	old, err := questions.DecodeSet("sets/county-return/v2.0.0.yaml", data, base)
	if err != nil {
		t.Fatal(err)
	}
	new, err := questions.DecodeSet("sets/county-return/v"+newVersion+".yaml", []byte(newData), base)
	if err != nil {
		t.Fatal(err)
	}
	sc := questions.Decode("scenarios/drug-run.yaml", []byte(`format: safeharbor-scenario/v1
id: drug-run
title: "Sam, 16: carried for a cousin's friend"
set: county-return@2.0.0
responses:
  danger-now: {says: "No.", answer: no}
  self-harm: {says: "No.", answer: no}
  put-out: {says: "No, I just left.", answer: no}
  kept-pay: {says: "No.", answer: no}
  carried-drugs: {says: "I held some stuff for him.", answer: yes}
  picture-threats: {says: "No.", answer: no}
  traded-sexual: {says: "No.", answer: no}
expect: {concern: possible}
`))
	es, err := os.ReadFile(filepath.Join("testdata", "newer.es.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	trData := edits(t, string(es), "set: county-return@2.0.0", "set: county-return@"+newVersion,
		"  picture-threats: {text: \"¿Alguien dijo que compartiría fotos tuyas si no le mandabas más, o si no le pagabas?\"}\n", "",
		`put-out: {text: "¿Alguien en tu casa te dijo que te fueras?"}`,
		`put-out: {text: {from: "Did someone at home tell you to leave?", to: "¿Alguien en tu casa te dijo que te fueras?"}}`)
	tr := questions.Decode("sets/county-return/translations/v"+newVersion+".es.yaml", []byte(trData))
	if tr.Findings.HasErrors() {
		t.Fatalf("the translation: %v", tr.Findings)
	}
	side := func(f *questions.File) screening.DiffSide {
		return screening.DiffSide{File: f.Name, Kind: screening.SideSet, ID: f.Set.ID, Version: f.Set.Version, Language: f.Set.Language, SHA256: f.SHA256}
	}
	d := screening.NewDiff(side(old), side(new), screening.DiffSets(old.Set, new.Set))
	im := sc.Scenario.Impact(old.Set, new.Set)
	im.File = sc.Name
	d.Scenarios = []screening.ScenarioImpact{im}
	d.Translations = []screening.TranslationRedo{screening.RedoOf(tr.Translation, new.Set, tr.Name)}
	return d
}

func writeDiff(t *testing.T, write func(*bytes.Buffer, *screening.Diff) error, d *screening.Diff) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// What an analyst reads, in each format: the changes with their lines and bumps, the scenario
// that comes out otherwise, the stale Spanish string, and a version not raised enough.
func TestDiffGolden(t *testing.T) {
	d := newerDiff(t, "2.1.0")
	golden(t, "newer.diff.txt", writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffText(b, d) }, d))
	golden(t, "newer.diff.md", writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffMarkdown(b, d) }, d))
	golden(t, "newer.diff.json", writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffJSON(b, d) }, d))
	if d.VersionOK() {
		t.Error("2.0.0 to 2.1.0 with a weight changed: the version is called enough")
	}
	ok := newerDiff(t, "3.0.0")
	text := string(writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffText(b, d) }, ok))
	if !ok.VersionOK() || !strings.Contains(strings.Join(strings.Fields(text), " "), "VERSION OK: the changes need a major version; 2.0.0 \u2192 3.0.0 raises the major version") {
		t.Errorf("2.0.0 to 3.0.0:\n%s", text)
	}
}

var diffSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(DiffSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("diff.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("diff.schema.json")
})

func checkDiffJSON(t *testing.T, what string, data []byte) {
	t.Helper()
	sch, err := diffSchema()
	if err != nil {
		t.Fatalf("the diff schema does not compile: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not hold to the diff schema:\n%v", what, err)
	}
}

func TestDiffSchemaCoversJSONType(t *testing.T) {
	checkSchemaCovers(t, DiffSchema, "diff", reflect.TypeFor[jsonDiff]())
}

// The schema is really applied: a diff with an unknown key, an unknown bump or a line of 0 fails.
func TestDiffSchemaRefusesBadDiffs(t *testing.T) {
	good := writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffJSON(b, d) }, newerDiff(t, "2.1.0"))
	checkDiffJSON(t, "the diff", good)
	sch, err := diffSchema()
	if err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(m map[string]any){
		"an unknown key":   func(m map[string]any) { m["verdict"] = "ok" },
		"an unknown bump":  func(m map[string]any) { m["required_bump"] = "huge" },
		"a line of 0":      func(m map[string]any) { m["changes"].([]any)[0].(map[string]any)["old_line"] = 0 },
		"no scenarios key": func(m map[string]any) { delete(m, "scenarios") },
	} {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		bad, _ := json.Marshal(m)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
		if sch.Validate(inst) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// Words from the files never become markup in the markdown, and never act on a terminal in the
// text: the doc writers escape them, in one place.
func TestDiffEscapesWordsFromTheFiles(t *testing.T) {
	x := screening.Difference{
		Kind: screening.DiffReworded, Item: screening.ItemQuestion, ID: "q", Field: "text", Path: "questions.q.text",
		Before: "# Heading\n<script>alert(1)</script> | *bold*", After: "[link](http://x) \x1b]0;owned\a",
		OldPos: screening.Pos{Line: 3, Column: 1}, NewPos: screening.Pos{Line: 4, Column: 1}, Bump: screening.BumpMinor, Why: "it is read aloud",
	}
	d := screening.NewDiff(screening.DiffSide{Kind: screening.SideSet, ID: "t", Version: "1.0.0", File: "a_b.yaml"}, screening.DiffSide{Kind: screening.SideSet, ID: "t", Version: "1.1.0", File: "b.yaml"}, []screening.Difference{x})
	md := string(writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffMarkdown(b, d) }, d))
	for _, bad := range []string{"<script>", "\n# Heading", "[link](", "*bold*", "\x1b", "a_b"} {
		if strings.Contains(md, bad) {
			t.Errorf("the markdown has %q unescaped:\n%s", bad, md)
		}
	}
	text := string(writeDiff(t, func(b *bytes.Buffer, d *screening.Diff) error { return WriteDiffText(b, d) }, d))
	if strings.Contains(text, "\x1b") || !strings.Contains(text, `\x1b`) {
		t.Errorf("the text shows the escape as it is:\n%q", text)
	}
}
