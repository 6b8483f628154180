package questions

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

// The format documentation is what analysts copy from: its example must be valid, and its table
// of rules must be the catalogue.
func TestREADME(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	_, after, ok := strings.Cut(text, "## A complete small example\n\n```yaml\n")
	example, _, ok2 := strings.Cut(after, "```\n")
	if !ok || !ok2 {
		t.Fatal("README.md has no example set")
	}
	if ds := Validate([]Input{{Name: "README example", Data: []byte(example)}}, testBase(t)); len(ds) > 0 {
		t.Errorf("the README's example has findings: %v", ds)
	}

	// The example of the newer keys is what content authors start from: valid, and using them all.
	_, after, ok = strings.Cut(text, "## A complete example of the newer keys\n")
	_, after, ok2 = strings.Cut(after, "```yaml\n")
	newer, _, ok3 := strings.Cut(after, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no example of the newer keys")
	}
	if ds := Validate([]Input{{Name: "README example of the newer keys", Data: []byte(newer)}}, testBase(t)); len(ds) > 0 {
		t.Errorf("the README's example of the newer keys has findings: %v", ds)
	}
	f := Decode("newer.yaml", []byte(newer))
	if s := f.Set; s == nil || len(s.Domains) == 0 || s.Complete == nil || s.Levels.ClearNeeds.IsZero() {
		t.Fatal("the example of the newer keys lacks domains, completeness or a level rule")
	} else {
		has := map[string]bool{}
		for _, q := range s.Questions() {
			has[string(q.Type)] = true
		}
		for _, a := range s.Actions {
			has["interrupt"] = has["interrupt"] || a.Interrupt
			has["due"] = has["due"] || a.Due != nil
			a.When.Walk(func(c *screening.Condition) {
				has["complete"] = has["complete"] || c.Op == screening.OpComplete
				has["domain level"] = has["domain level"] || c.Domain != ""
			})
		}
		for _, k := range []string{"datetime", "interrupt", "due", "complete", "domain level"} {
			if !has[k] {
				t.Errorf("the example of the newer keys has no %s", k)
			}
		}
	}

	// The version rule, as diff applies it.
	for _, r := range screening.BumpRules {
		if !strings.Contains(text, "| "+r.Change+" | "+r.Bump.String()+" | "+r.Why+" |") {
			t.Errorf("the rule %q (%s) is not in README.md's table of versions as diff applies it", r.Change, r.Bump)
		}
	}

	row := regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| (error|warning) \\|")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(text, -1) {
		documented[m[1]] = m[2]
	}
	for _, r := range screening.Rules {
		if sev, ok := documented[r.ID]; !ok {
			t.Errorf("rule %s is not in README.md's table", r.ID)
		} else if sev != r.Severity.String() {
			t.Errorf("rule %s is an %s in README.md but an %s in the catalogue", r.ID, sev, r.Severity)
		}
		delete(documented, r.ID)
	}
	for id := range documented {
		t.Errorf("README.md documents rule %s, which does not exist", id)
	}
}
