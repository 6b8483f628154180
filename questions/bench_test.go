package questions

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// generatedSet writes a valid set about the size of a real one: 8 sections of 6 questions, every
// type and mode, follow-ups, 24 indicators and 6 actions. n varies the ids and words.
func generatedSet(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "format: safeharbor/v1\nid: gen-%d\nversion: 1.%d.0\nstatus: active\ntitle: Generated set %d\nlanguage: en\n", n, n, n)
	b.WriteString("sources:\n  - {id: guide, title: A guide, publisher: Someone}\nlevels: {possible: 2, clear: 5}\n")
	b.WriteString("opening:\n  - say: I'm really glad you're back, and you can skip any question.\n  - do: Find a private room.\n")
	b.WriteString("sections:\n")
	ind := 0
	for s := 0; s < 8; s++ {
		fmt.Fprintf(&b, "  - id: section-%d\n    title: Section %d of set %d\n    questions:\n", s, s, n)
		for q := 0; q < 6; q++ {
			id := fmt.Sprintf("q-%d-%d", s, q)
			switch q {
			case 0:
				fmt.Fprintf(&b, "      - id: %s\n        mode: ask\n        type: yesno\n        text: Did someone you met want you to stay with them, question %d?\n        help: Ask gently; a yes is worth a follow-up.\n        indicator: ind-%d\n", id, n, ind)
				ind++
			case 1:
				fmt.Fprintf(&b, "      - id: %s\n        mode: ask\n        type: text\n        text: Who was that person to you?\n        when: {question: q-%d-0, is: yes}\n", id, s)
			case 2:
				fmt.Fprintf(&b, "      - id: %s\n        mode: ask\n        type: multi\n        text: Where did you sleep while you were away?\n        options:\n          - {value: friend, label: At a friend's place}\n          - {value: hotel, label: A hotel or motel, indicator: ind-%d}\n          - {value: outside, label: Outside or in a car}\n", id, ind)
				ind++
			case 3:
				fmt.Fprintf(&b, "      - id: %s\n        mode: ask\n        type: single\n        text: How safe did you feel there?\n        when: {any: [{question: q-%d-2, includes: hotel}, {question: q-%d-0, answered: true}]}\n        options:\n          - {value: safe, label: Safe}\n          - {value: unsafe, label: Not safe}\n", id, s, s)
			case 4:
				fmt.Fprintf(&b, "      - id: %s\n        mode: record\n        type: number\n        text: Days away, from the report.\n        min: 0\n        unit: days\n", id)
			case 5:
				fmt.Fprintf(&b, "      - id: %s\n        mode: observe\n        type: yesno\n        text: Has more than one phone.\n        indicator: ind-%d\n", id, ind)
				ind++
			}
		}
	}
	b.WriteString("indicators:\n")
	for i := 0; i < ind; i++ {
		fmt.Fprintf(&b, "  - {id: ind-%d, label: Indicator %d, weight: %d, sources: [guide]}\n", i, i, 1+i%3)
	}
	b.WriteString("actions:\n")
	for a := 0; a < 6; a++ {
		fmt.Fprintf(&b, "  - id: act-%d\n    priority: required\n    when: {all: [{indicator: ind-%d}, {not: {level: clear}}]}\n    text: Do the next thing, number %d.\n    contacts: [hotline]\n", a, a, a)
	}
	b.WriteString("contacts: [hotline, ncmec, emergency]\nclosing:\n  - say: \"Thank you. Here is a number you can text: 233733.\"\n")
	return []byte(b.String())
}

func generatedInputs(tb testing.TB, count int) []Input {
	inputs := make([]Input, count)
	for i := range inputs {
		inputs[i] = Input{Name: fmt.Sprintf("gen/v1.%d.0.yaml", i), Data: generatedSet(i)}
	}
	return inputs
}

func TestGeneratedSetIsValid(t *testing.T) {
	if ds := Validate(generatedInputs(t, 2), testBase(t)); len(ds) > 0 {
		t.Fatalf("generated set has findings: %v", ds)
	}
}

// BenchmarkValidate1000 decodes and checks 1,000 generated sets, as `safeharbor validate` would.
// Compare with BenchmarkYAMLNode1000, the floor: the same bytes into yaml.Node and nothing more.
func BenchmarkValidate1000(b *testing.B) {
	inputs := generatedInputs(b, 1000)
	base := testBase(b)
	b.ReportAllocs()
	for b.Loop() {
		if ds := Validate(inputs, base); len(ds) > 0 {
			b.Fatal(ds[0])
		}
	}
}

func BenchmarkYAMLNode1000(b *testing.B) {
	inputs := generatedInputs(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inputs {
			var n yaml.Node
			if err := yaml.NewDecoder(bytes.NewReader(in.Data)).Decode(&n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
