package questions

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The scenarios in testdata/known-failures are the cases the review of post-return 1.0.0 names,
// with the outcome an experienced screener reaches. 1.0.0 fails each, in the way its README says;
// the shipped scenarios must pass, so these are kept apart.
func TestKnownFailuresOn100(t *testing.T) {
	base := testBase(t)
	cat, err := LoadCatalog(FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	set, err := cat.Find("post-return", "1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	// How each fails on 1.0.0: the concern it reaches, and what else goes wrong.
	want := map[string]struct {
		concern string
		wrong   []string
	}{
		"lgbtq-put-out":              {"clear", nil},
		"literal-runaway":            {"clear", []string{"raised owes-debt", "raised family-pressure"}},
		"declines-nearly-everything": {"none", []string{"complete"}},
		"disclosure-at-18":           {"clear", []string{"listed stop-and-refer"}},
		"sextortion":                 {"clear", []string{"raised quota"}},
		"denies-strong-signs":        {"clear", []string{"missing report-child-trafficking"}},
	}
	names, err := filepath.Glob(filepath.Join("testdata", "known-failures", "*.yaml"))
	if err != nil || len(names) != len(want) {
		t.Fatalf("%d scenarios (%v), want %d", len(names), err, len(want))
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if ds := Validate([]Input{{Name: name, Data: data}}, Base{Contacts: base.Contacts, Wording: base.Wording, Sets: cat.Sets}); len(ds) > 0 {
			t.Errorf("%s has findings: %v", name, ds)
			continue
		}
		sc := Decode(name, data).Scenario
		o, err := sc.Test(set.Set)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		w, ok := want[sc.ID]
		if !ok {
			t.Errorf("%s: scenario %s is not in this test's table", name, sc.ID)
			continue
		}
		var wrong []string
		for _, id := range o.RaisedAnyway {
			wrong = append(wrong, "raised "+id)
		}
		for _, id := range o.ListedAnyway {
			wrong = append(wrong, "listed "+id)
		}
		for _, id := range o.MissingActions {
			wrong = append(wrong, "missing "+id)
		}
		if sc.Expect.Complete != nil && *sc.Expect.Complete != o.Complete {
			wrong = append(wrong, "complete")
		}
		if o.Pass(sc.Expect) || string(o.Concern) != w.concern || !slices.Equal(wrong, w.wrong) {
			t.Errorf("%s on 1.0.0: pass %v, concern %s (%s), wrong %v; want a failure with concern %s, wrong %v",
				sc.ID, o.Pass(sc.Expect), o.Concern, o.Explanation, wrong, w.concern, w.wrong)
		}
		if o.Concern == sc.Expect.Concern && len(wrong) == 0 {
			t.Errorf("%s: fails for no reason this test names", sc.ID)
		}
		if !strings.HasPrefix(sc.Set, "post-return@1.0.0") {
			t.Errorf("%s is for %s", sc.ID, sc.Set)
		}
	}
}
