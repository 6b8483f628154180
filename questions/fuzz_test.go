package questions

import (
	"errors"
	"io/fs"
	"testing"
)

// FuzzDecode feeds arbitrary bytes through the decoder and every check. It must never panic or
// hang, and whatever it decodes must be checkable. Run it with:
//
//	go test ./questions -run='^$' -fuzz='^FuzzDecode$' -fuzztime=5m
func FuzzDecode(f *testing.F) {
	names, _ := fs.Glob(FS(), "*/v*.yaml")
	scenarios, _ := fs.Glob(FS(), ScenariosDir+"/*.yaml")
	names = append(names, scenarios...)
	for _, name := range append(names, ContactsPath, WordingPath) {
		data, err := fs.ReadFile(FS(), name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		baseYAML,
		"",
		"~",
		"- a\n- b\n",
		"format: safeharbor/v1\n---\nid: x\n",
		"format: safeharbor/v1\nsections: &a [*a]\n",
		"format: safeharbor/v1\nsections:\n  - questions:\n    - {id: a, when: {all: [{not: {any: []}}]}}\n",
		"format: safeharbor/v1\n\tid: x\n",
		"format: safeharbor-contacts/v1\ncontacts: [{id: a, phone: 1}]\n",
		"format: safeharbor-wording/v1\nterms: [{match: [\"\"]}]\n",
		"format: safeharbor/v1\nlevels: {possible: 99999999999999999999}\n",
		"\xef\xbb\xbfformat: safeharbor/v1\n",
		"format: safeharbor-scenario/v1\nid: s\nset: post-return@1.0.0\nresponses:\n  age: {answer: [1, 2]}\n  slept-where: {says: x, answer: declined}\nexpect: {concern: none}\n",
	} {
		f.Add([]byte(seed))
	}
	base, err := LoadBase(FS())
	if err != nil {
		f.Fatal(err)
	}
	cat, err := LoadCatalog(FS(), base)
	if err != nil {
		f.Fatal(err)
	}
	base.Sets = cat.Sets // so scenarios are checked against their set
	f.Fuzz(func(t *testing.T, data []byte) {
		ds := Validate([]Input{{Name: "fuzz.yaml", Data: data}}, base)
		if _, err := DecodeAnswers("fuzz.yaml", data); err != nil {
			var invalid *InvalidError
			if !errors.As(err, &invalid) {
				t.Errorf("answers file error of another kind: %v", err)
			}
		}
		for _, d := range ds {
			if d.Pos.Line < 1 || d.Pos.Column < 1 {
				t.Errorf("finding without a position: %+v", d)
			}
			if d.Rule == "" || d.Message == "" {
				t.Errorf("finding without rule or message: %+v", d)
			}
		}
	})
}
