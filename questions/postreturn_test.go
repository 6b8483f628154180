package questions

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/safeharbor/safeharbor/screening"
)

// The default set is what a worker gets with no flags. These are the properties its design
// promises (questions/post-return/README.md); a new version must keep them or change this test
// on purpose.
func TestPostReturnDesign(t *testing.T) {
	cat, err := LoadCatalog(FS(), testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := cat.Find("post-return", "")
	if err != nil {
		t.Fatal(err)
	}
	s := f.Set
	if s.Status != screening.StatusActive {
		t.Errorf("status %s, want active", s.Status)
	}

	counts := map[screening.Mode]int{}
	followUps := 0
	for _, q := range s.Questions() {
		counts[q.Mode]++
		if q.Mode == screening.ModeAsk && q.When != nil {
			followUps++
		}
	}
	if n := counts[screening.ModeAsk]; n < 25 || n > 40 {
		t.Errorf("%d asked questions, want 25 to 40", n)
	}
	if n := counts[screening.ModeObserve]; n < 8 || n > 14 {
		t.Errorf("%d observations, want 8 to 14", n)
	}
	t.Logf("asked %d (%d of them follow-ups), observed %d, recorded %d", counts[screening.ModeAsk], followUps, counts[screening.ModeObserve], counts[screening.ModeRecord])

	// One vulnerability alone never reaches "possible"; any disclosure reaches "clear".
	for _, ind := range s.Indicators {
		if ind.Disclosure && ind.Weight < s.Levels.Clear {
			t.Errorf("disclosure %s weighs %d, below clear (%d)", ind.ID, ind.Weight, s.Levels.Clear)
		}
		if ind.Weight == 1 && ind.Weight >= s.Levels.Possible {
			t.Errorf("vulnerability %s alone reaches possible", ind.ID)
		}
	}

	// Everyone leaves with the hotline number, whatever was said: an action with no condition.
	always := false
	for _, a := range s.Actions {
		if a.When == nil && strings.Contains(a.Text, "233733") {
			always = true
		}
	}
	if !always {
		t.Error("no unconditional action gives the hotline text number 233733")
	}
	var closing strings.Builder
	for _, st := range s.Closing {
		closing.WriteString(st.Text)
	}
	if !strings.Contains(closing.String(), "233733") {
		t.Error("the closing does not give the hotline text number")
	}
}

// The README maps every sign in the source documents to questions and indicators. It must name
// every indicator of the set, and every id it names must exist, so the map cannot go stale.
func TestPostReturnREADME(t *testing.T) {
	data, err := os.ReadFile("post-return/README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	cat, err := LoadCatalog(FS(), testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := cat.Find("post-return", "1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	s := f.Set
	known := map[string]bool{s.ID: true}
	for _, q := range s.Questions() {
		known[q.ID] = true
	}
	for _, a := range s.Actions {
		known[a.ID] = true
	}
	for _, src := range s.Sources {
		known[src.ID] = true
	}
	base := testBase(t)
	for _, c := range base.Contacts {
		known[c.ID] = true
	}
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(readme, -1) {
		id := m[1]
		if strings.ContainsAny(id, "/. ") || known[id] {
			continue // a path, a command, or a known id
		}
		t.Errorf("README names `%s`, which is no question, action, source or contact of the set", id)
	}
	indicators := map[string]bool{}
	for _, ind := range s.Indicators {
		indicators[ind.ID] = true
		if !strings.Contains(readme, "*"+ind.ID+"*") {
			t.Errorf("README does not map indicator %s", ind.ID)
		}
	}
	for _, m := range regexp.MustCompile(`\*([a-z0-9-]+)\* \(`).FindAllStringSubmatch(readme, -1) {
		if !indicators[m[1]] {
			t.Errorf("README names indicator *%s*, which the set does not have", m[1])
		}
	}
}
