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
