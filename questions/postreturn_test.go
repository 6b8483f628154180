package questions

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// The default set is what a worker gets with no flags. These are the properties its design
// promises (questions/post-return/README.md); a new version must keep them or change this test
// on purpose. Written for 1.0.0; changed for 2.0.0, the default since issue 12, whose length,
// domains, level rule, completeness and interrupts are part of the promise.
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
	if s.Status != screening.StatusActive || s.Version != "2.0.0" {
		t.Errorf("the newest post-return is %s (%s), want 2.0.0, active", s.Version, s.Status)
	}

	counts := map[screening.Mode]int{}
	followUps := 0
	for _, q := range s.Questions() {
		counts[q.Mode]++
		if q.Mode == screening.ModeAsk && q.When != nil {
			followUps++
		}
	}
	// The review asked for some fifteen more items than 1.0.0 had; the full set is for the
	// fuller conversation, and post-return-short (ten or fewer) for a first one.
	if n := counts[screening.ModeAsk]; n < 30 || n > 48 {
		t.Errorf("%d asked questions, want 30 to 48", n)
	}
	if n := counts[screening.ModeAsk] - followUps; n > 38 {
		t.Errorf("%d asked questions without a follow-up's condition, want at most 38", n)
	}
	if n := counts[screening.ModeObserve]; n < 8 || n > 14 {
		t.Errorf("%d observations, want 8 to 14", n)
	}
	t.Logf("asked %d (%d of them follow-ups), observed %d, recorded %d", counts[screening.ModeAsk], followUps, counts[screening.ModeObserve], counts[screening.ModeRecord])

	// Vulnerabilities weigh 1, sit in their own domain, and never reach clear however many:
	// clear needs an indicator of weight 2 or more from the other domains.
	needs := s.Levels.ClearNeeds
	if needs.MinWeight < 2 || len(needs.Domains) == 0 {
		t.Errorf("clear needs %+v: want a minimum weight of 2 and exploitation domains", needs)
	}
	for _, d := range needs.Domains {
		if d.ID == "vulnerability" {
			t.Error("clear can be met by a vulnerability")
		}
	}
	// Any disclosure of an exchange reaches clear on its own. A disclosure of sexual assault
	// (harm, not exchange) weighs 4: possible alone, and it has a report and the medical window
	// of its own.
	for _, ind := range s.Indicators {
		if ind.Disclosure && ind.Weight < s.Levels.Clear && ind.ID != "sexual-assault" {
			t.Errorf("disclosure %s weighs %d, below clear (%d)", ind.ID, ind.Weight, s.Levels.Clear)
		}
		if ind.Weight == 1 && ind.Domain.ID != "vulnerability" && ind.ID != "online-relationship" {
			t.Errorf("indicator %s weighs 1 outside the vulnerability domain", ind.ID)
		}
		if ind.Domain.ID == "vulnerability" && ind.Weight != 1 {
			t.Errorf("vulnerability %s weighs %d, want 1", ind.ID, ind.Weight)
		}
	}

	// A screening mostly declined is incomplete, never "none".
	if s.Complete == nil || s.Complete.MinAnswered == 0 {
		t.Fatal("no completeness rule")
	}
	for _, id := range []string{"sexual-assault", "offered-for-sexual"} {
		if !slices.ContainsFunc(s.Complete.KeyQuestions, func(r screening.Ref) bool { return r.ID == id }) {
			t.Errorf("%s is not a key question", id)
		}
	}

	// The urgent actions interrupt the moment they apply; the reports have their deadlines.
	action := func(id string) *screening.Action {
		for i := range s.Actions {
			if s.Actions[i].ID == id {
				return &s.Actions[i]
			}
		}
		t.Fatalf("no action %s", id)
		return nil
	}
	for _, id := range []string{"call-911", "crisis-line", "medical-window", "younger-child"} {
		if a := action(id); !a.Interrupt || a.Priority != screening.PriorityUrgent {
			t.Errorf("%s: interrupt %v, priority %s; want an urgent interrupt", id, a.Interrupt, a.Priority)
		}
	}
	if a := action("crisis-line"); !slices.ContainsFunc(a.Contacts, func(r screening.Ref) bool { return r.ID == "lifeline-988" }) {
		t.Error("crisis-line does not give 988")
	}
	for id, due := range map[string]string{"report-now": "learned-at 24h", "foreign-national": "learned-at 24h", "medical-window": "returned-at 72h", "second-conversation": "returned-at 72h"} {
		if a := action(id); a.Due == nil || a.Due.From.ID+" "+a.Due.WithinText != due {
			t.Errorf("%s due %+v, want %s", id, a.Due, due)
		}
	}
	if !strings.Contains(action("report-now").Text, "immediately, and in no case later than 24 hours") {
		t.Error("report-now does not use the statute's words")
	}

	// Everyone leaves with the hotline number and 988, whatever was said: an action with no
	// condition, and the closing.
	always := false
	for _, a := range s.Actions {
		if a.When == nil && strings.Contains(a.Text, "text HELP to 233733 (BeFree)") && strings.Contains(a.Text, "988") {
			always = true
		}
	}
	if !always {
		t.Error("no unconditional action gives the hotline text number and 988")
	}
	var closing strings.Builder
	for _, st := range s.Closing {
		closing.WriteString(st.Text)
	}
	if !strings.Contains(closing.String(), "233733") || !strings.Contains(closing.String(), "988") {
		t.Error("the closing does not give the hotline text number and 988")
	}

	// The tool offers "None of these" on every multi question; an option meaning the same let a
	// worker tick "Nothing right now" beside food (a caseworker's finding on 1.0.0).
	for _, q := range s.Questions() {
		for _, o := range q.Options {
			if o.Value == "nothing" || (o.Value == "none" && q.Type == screening.TypeMulti) {
				t.Errorf("%s: option %q says what \"None of these\" says", q.ID, o.Value)
			}
		}
	}
}

// The coverage notes map every sign in the source documents to questions and indicators. Each
// must name every indicator of its set, in italics, and every id it names in code font must be
// one the shipped post-return sets or the contacts have (README.md speaks of 1.0.0's ids too,
// when it says what became of them), so the map cannot go stale.
func TestPostReturnREADME(t *testing.T) {
	cat, err := LoadCatalog(FS(), testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, f := range cat.Sets {
		if !strings.HasPrefix(f.Set.ID, "post-return") {
			continue
		}
		s := f.Set
		known[s.ID] = true
		for _, q := range s.Questions() {
			known[q.ID] = true
			for _, o := range q.Options {
				known[o.Value] = true
			}
		}
		for _, x := range s.Indicators {
			known[x.ID] = true
		}
		for _, a := range s.Actions {
			known[a.ID] = true
		}
		for _, src := range s.Sources {
			known[src.ID] = true
		}
		for _, d := range s.Domains {
			known[d.ID] = true
		}
	}
	for _, c := range testBase(t).Contacts {
		known[c.ID] = true
	}
	scenarios, _ := fs.Glob(FS(), ScenariosDir+"/*.yaml")
	for _, name := range scenarios {
		data, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		if sc := Decode(name, data).Scenario; sc != nil {
			known[sc.ID] = true
		}
	}
	for _, tc := range []struct{ file, set, version string }{
		{"post-return/README.md", "post-return", "2.0.0"},
		{"post-return/v1.0.0.md", "post-return", "1.0.0"},
		{"post-return-short/README.md", "post-return-short", "1.0.0"},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		readme := string(data)
		f, err := cat.Find(tc.set, tc.version)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(readme, -1) {
			id := m[1]
			if strings.ContainsAny(id, "/. ") || known[id] {
				continue // a path, a command, or a known id
			}
			t.Errorf("%s names `%s`, which is no question, option, indicator, action, source, domain or contact", tc.file, id)
		}
		indicators := map[string]bool{}
		for _, ind := range f.Set.Indicators {
			indicators[ind.ID] = true
			if !strings.Contains(readme, "*"+ind.ID+"*") {
				t.Errorf("%s does not map indicator %s", tc.file, ind.ID)
			}
		}
		for _, m := range regexp.MustCompile(`\*([a-z0-9-]+)\* \(`).FindAllStringSubmatch(readme, -1) {
			if !indicators[m[1]] {
				t.Errorf("%s names indicator *%s*, which %s@%s does not have", tc.file, m[1], tc.set, tc.version)
			}
		}
	}
}

// The short form is for a first conversation: ten questions read aloud at most (the St. Paul
// tool's limit), drawn from the full set's indicators and actions, and it always sends the worker
// on to the full conversation.
func TestPostReturnShortDesign(t *testing.T) {
	cat, err := LoadCatalog(FS(), testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	short, err := cat.Find("post-return-short", "1.0.0")
	if err != nil {
		t.Fatal(err)
	}
	full, err := cat.Find("post-return", "2.0.0")
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, q := range short.Set.Questions() {
		if q.Mode == screening.ModeAsk {
			asked++
		}
	}
	if asked > 10 {
		t.Errorf("%d questions read aloud, want 10 or fewer", asked)
	}
	fullInd := map[string]screening.Indicator{}
	for _, ind := range full.Set.Indicators {
		fullInd[ind.ID] = ind
	}
	for _, ind := range short.Set.Indicators {
		f, ok := fullInd[ind.ID]
		switch {
		case !ok:
			t.Errorf("indicator %s is not one of the full set's", ind.ID)
		case f.Weight != ind.Weight || f.Domain.ID != ind.Domain.ID || f.Disclosure != ind.Disclosure:
			t.Errorf("indicator %s weighs %d in %s (disclosure %v); the full set has %d in %s (%v)", ind.ID, ind.Weight, ind.Domain.ID, ind.Disclosure, f.Weight, f.Domain.ID, f.Disclosure)
		}
	}
	fullAct := map[string]bool{}
	for _, a := range full.Set.Actions {
		fullAct[a.ID] = true
	}
	for _, a := range short.Set.Actions {
		if !fullAct[a.ID] && a.ID != "full-conversation" {
			t.Errorf("action %s is not one of the full set's", a.ID)
		}
		if a.ID == "full-conversation" && a.Due == nil {
			t.Error("full-conversation must have its deadline")
		}
	}
	// The full conversation follows every first conversation, except with a child under 11 (whom
	// the full set does not ask either) and after a disclosure (the forensic interview is next).
	for _, c := range []struct {
		name    string
		answers map[string]screening.Answer
		listed  bool
	}{
		{"nothing of concern", map[string]screening.Answer{"age": {State: screening.StateAnswered, Number: 14}}, true},
		{"age not known", nil, true},
		{"a child of 9", map[string]screening.Answer{"age": {State: screening.StateAnswered, Number: 9}}, false},
		{"a disclosure", map[string]screening.Answer{"age": {State: screening.StateAnswered, Number: 14}, "offered-for-sexual": screening.Answered("yes")}, false},
		{"a disclosure online", map[string]screening.Answer{"online-did": {State: screening.StateAnswered, Choices: []string{"posted"}}}, false},
	} {
		s := screening.NewSession(short.Set)
		for q, ok := s.Next(); ok; q, ok = s.Next() {
			a, given := c.answers[q.ID]
			if !given {
				a = screening.Answer{State: screening.StateNotAsked}
			}
			if err := s.Answer(q.ID, a); err != nil {
				t.Fatalf("%s: %s: %v", c.name, q.ID, err)
			}
		}
		listed := slices.ContainsFunc(s.Actions(), func(a *screening.Action) bool { return a.ID == "full-conversation" })
		if listed != c.listed {
			t.Errorf("%s: full-conversation listed %v, want %v", c.name, listed, c.listed)
		}
	}
	ids := func(rs []screening.Ref) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	sl, fl := short.Set.Levels, full.Set.Levels
	if !slices.Equal(ids(sl.ClearNeeds.Domains), ids(fl.ClearNeeds.Domains)) || sl.Clear != fl.Clear || sl.Possible != fl.Possible || sl.ClearNeeds.MinWeight != fl.ClearNeeds.MinWeight {
		t.Error("the short form's levels differ from the full set's")
	}
}

// The Spanish of 2.0.0 and of the short form keeps the review's fixes (M11): every source has
// Spanish words, so no summary names a document in English alone; what is read aloud says
// "chicos y chicas" or "jóvenes", not "personas jóvenes", and "por internet", not "en línea".
func TestPostReturnSpanish(t *testing.T) {
	base := testBase(t)
	cat, err := LoadCatalog(FS(), base)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"post-return@2.0.0", "post-return-short@1.0.0"} {
		id, version := ParseSetRef(ref)
		f, err := cat.Find(id, version)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := Translation(FS(), f, "es", base)
		if err != nil || tr == nil {
			t.Fatalf("%s: no Spanish (%v)", ref, err)
		}
		for _, src := range f.Set.Sources {
			if tr.Sources[src.ID].Title.Text == "" {
				t.Errorf("%s: source %s has no Spanish title", ref, src.ID)
			}
		}
		es := screening.Translate(f.Set, tr)
		var aloud []string
		for _, st := range es.Opening {
			if st.Kind == screening.StepSay {
				aloud = append(aloud, st.Text)
			}
		}
		for _, st := range es.Closing {
			if st.Kind == screening.StepSay {
				aloud = append(aloud, st.Text)
			}
		}
		for _, q := range es.Questions() {
			if q.Mode == screening.ModeAsk {
				aloud = append(aloud, q.Text)
				for _, o := range q.Options {
					aloud = append(aloud, o.Label)
				}
			}
		}
		for _, text := range aloud {
			for _, bad := range []string{"personas jóvenes", "persona joven", "en línea", "BEFREE"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s: read aloud %q says %q", ref, text, bad)
				}
			}
		}
		// What a caseworker's walkthrough heard wrong: "se les busca" (read as "are searched
		// for", for "are targeted"), "Eso quiere decir a protección infantil", "no le dejes a
		// solas", and a "para sí" that leaves who gains unclear.
		all := slices.Clone(aloud)
		for _, sec := range es.Sections {
			all = append(all, sec.Help)
			for _, q := range sec.Questions {
				all = append(all, q.Help)
			}
		}
		for _, a := range es.Actions {
			all = append(all, a.Text)
		}
		for _, text := range all {
			for _, bad := range []string{"se les busca", "quiere decir a ", "le dejes a solas", "para sí?"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s: %q says %q", ref, text, bad)
				}
			}
		}
	}
	// A contact's hours follow a semicolon on its line: never a capital there.
	for _, c := range base.Contacts {
		for lang, hours := range map[string]string{"en": c.Hours, "es": c.In("es").Hours} {
			if r, _ := utf8.DecodeRuneInString(hours); unicode.IsUpper(r) {
				t.Errorf("contact %s (%s): hours %q start with a capital, after a semicolon", c.ID, lang, hours)
			}
		}
	}
}

// Guidance that names how the worker records an answer uses the words the worker sees: "Prefers
// not to say", not "I'd rather not say" (a caseworker looked for the option the guidance named).
func TestGuidanceNamesStatesAsTheyAreShown(t *testing.T) {
	cat, err := LoadCatalog(FS(), testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	words, _ := phrases.For("en")
	shown := []string{words.Interview.Declined, words.Interview.DontKnow, words.Interview.Skip, words.Answers.None}
	quoted := regexp.MustCompile(`"([^"]*)"`)
	for _, ref := range [][2]string{{"post-return", "2.0.0"}, {"post-return-short", "1.0.0"}} {
		f, err := cat.Find(ref[0], ref[1])
		if err != nil {
			t.Fatal(err)
		}
		var guidance []string
		for _, st := range slices.Concat(f.Set.Opening, f.Set.Closing) {
			if st.Kind == screening.StepDo {
				guidance = append(guidance, st.Text)
			}
		}
		for _, sec := range f.Set.Sections {
			guidance = append(guidance, sec.Help)
			for _, q := range sec.Questions {
				guidance = append(guidance, q.Help)
			}
		}
		for _, g := range guidance {
			for _, m := range quoted.FindAllStringSubmatch(g, -1) {
				q := strings.ToLower(m[1])
				if (strings.Contains(q, "not say") || strings.Contains(q, "know") || strings.Contains(q, "none of")) && !slices.Contains(shown, m[1]) {
					t.Errorf("%s %s: the guidance names %q, which the worker never sees; say one of %q", ref[0], ref[1], m[1], shown)
				}
			}
		}
	}
}
