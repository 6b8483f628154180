package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type fhirCodingRead struct{ System, Code, Display string }

// codings gathers every valueCoding (a response's answers) or answerOption coding (a
// Questionnaire's options) under each linkId.
func codings(t *testing.T, doc string) map[string][]fhirCodingRead {
	t.Helper()
	type item struct {
		LinkID string `json:"linkId"`
		Answer []struct {
			ValueCoding *fhirCodingRead `json:"valueCoding"`
		} `json:"answer"`
		AnswerOption []struct {
			ValueCoding fhirCodingRead `json:"valueCoding"`
		} `json:"answerOption"`
		Item []json.RawMessage `json:"item"`
	}
	out := map[string][]fhirCodingRead{}
	var walk func(raw json.RawMessage)
	walk = func(raw json.RawMessage) {
		var it item
		if err := json.Unmarshal(raw, &it); err != nil {
			t.Fatal(err)
		}
		for _, a := range it.Answer {
			if a.ValueCoding != nil {
				out[it.LinkID] = append(out[it.LinkID], *a.ValueCoding)
			}
		}
		for _, o := range it.AnswerOption {
			out[it.LinkID] = append(out[it.LinkID], o.ValueCoding)
		}
		for _, sub := range it.Item {
			walk(sub)
		}
	}
	walk(json.RawMessage(doc))
	return out
}

// A response from an interview in Spanish says so in its language, and codes every answer as
// the Questionnaire states it: system, code and display, which are the set's own words.
func TestSpanishResponseCodesAsTheQuestionnaire(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(answers, []byte("answers:\n  age: 15\n  living-situation: foster-home\n  slept-where: [friend, hotel]\n  needs-now: [food]\n  afraid-of-someone: declined\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, questionnaire, stderr := run(t, "export", "fhir", "post-return@1.0.0")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	options := codings(t, questionnaire)
	code, response, stderr := run(t, "interview", "--set", "post-return@1.0.0", "--answers", answers, "--lang", "es", "--format", "fhir")
	if code != 0 {
		t.Fatalf("interview: exit %d: %s", code, stderr)
	}
	var top struct{ Language string }
	if err := json.Unmarshal([]byte(response), &top); err != nil {
		t.Fatal(err)
	}
	if top.Language != "es" {
		t.Errorf("language %q, want es", top.Language)
	}
	answered := codings(t, response)
	if len(answered["slept-where"]) != 2 {
		t.Fatalf("slept-where: %v", answered["slept-where"])
	}
	for linkID, cs := range answered {
		for _, c := range cs {
			found := false
			for _, o := range options[linkID] {
				found = found || o == c
			}
			if !found {
				t.Errorf("%s: %+v is not coded as the Questionnaire states it (%+v)", linkID, c, options[linkID])
			}
		}
	}
}
