package questions

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// newerYAML is a valid set using every key added after the first round: domains, a level rule,
// completeness, a datetime question, actions that interrupt, a deadline, and conditions on
// completeness and on a domain's level. Line numbers matter: the cases check positions.
const newerYAML = `format: safeharbor/v1
id: newer
version: 2.0.0
status: active
title: Newer keys
language: en
sources:
  - {id: guide, title: A guide}
domains:
  - {id: sexual, label: Sexual exploitation}
  - {id: vulnerability, label: Vulnerability}
levels:
  possible: 2
  clear: {score: 5, min_weight: 2, domains: [sexual]}
completeness:
  min_answered: 2
  key_questions: [traded]
sections:
  - id: now
    title: Now
    questions:
      - {id: returned, mode: record, type: datetime, text: When they came back}
      - {id: danger, mode: ask, type: yesno, text: "Are you worried someone will hurt you today?"}
      - {id: put-out, mode: ask, type: yesno, text: "Did someone at home tell you to leave?", indicator: put-out}
      - {id: traded, mode: ask, type: yesno, text: "Did anyone offer you something for something sexual?", indicator: exchange}
indicators:
  - {id: put-out, label: Put out of home, weight: 2, domain: vulnerability, sources: [guide]}
  - {id: exchange, label: Exchange, weight: 5, domain: sexual, disclosure: true, sources: [guide]}
actions:
  - id: call
    priority: urgent
    interrupt: true
    when: {question: danger, is: "yes"}
    text: Call 911 now.
    contacts: [emergency]
  - id: medical
    priority: required
    interrupt: true
    when: {indicator: exchange}
    text: Offer medical care now.
    due: {from: returned, within: 72h}
  - id: consult
    priority: required
    when: {domain: sexual, level: possible}
    text: Consult.
  - id: again
    priority: required
    when: {complete: false}
    text: Talk again within 72 hours.
contacts: [hotline, ncmec]
`

func TestNewerYAMLIsValidAndDecoded(t *testing.T) {
	if ds := validate(t, "newer.yaml", newerYAML); len(ds) > 0 {
		t.Fatalf("findings on the newer set: %v", ds)
	}
	if err := compileSchema(t).Validate(yamlToJSON(t, newerYAML)); err != nil {
		t.Fatalf("the schema refuses the newer set: %v", err)
	}
	s := Decode("newer.yaml", []byte(newerYAML)).Set
	want := screening.Needs{MinWeight: 2, Domains: []screening.Ref{{ID: "sexual", Pos: screening.Pos{Line: 14, Column: 46}}}, Pos: screening.Pos{Line: 14, Column: 10}, MinWeightPos: screening.Pos{Line: 14, Column: 33}}
	if got := s.Levels; got.Possible != 2 || got.Clear != 5 || !got.PossibleNeeds.IsZero() || fmt.Sprint(got.ClearNeeds) != fmt.Sprint(want) {
		t.Errorf("levels %+v", got)
	}
	if len(s.Domains) != 2 || s.Domains[1].ID != "vulnerability" || s.Domains[1].Label != "Vulnerability" || s.Indicators[1].Domain.ID != "sexual" {
		t.Errorf("domains %+v, indicator domain %+v", s.Domains, s.Indicators[1].Domain)
	}
	if c := s.Complete; c == nil || c.MinAnswered != 2 || len(c.KeyQuestions) != 1 || c.KeyQuestions[0].ID != "traded" {
		t.Errorf("completeness %+v", c)
	}
	if q := s.Questions()[0]; q.Type != screening.TypeDateTime {
		t.Errorf("returned is of type %s", q.Type)
	}
	call, medical, consult, again := s.Actions[0], s.Actions[1], s.Actions[2], s.Actions[3]
	if !call.Interrupt || !medical.Interrupt || consult.Interrupt {
		t.Errorf("interrupts: %v %v %v", call.Interrupt, medical.Interrupt, consult.Interrupt)
	}
	if d := medical.Due; d == nil || d.From.ID != "returned" || d.Within != 72*time.Hour || d.WithinText != "72h" {
		t.Errorf("due %+v", d)
	}
	if c := consult.When; c.Op != screening.OpLevel || c.Level != "possible" || c.Domain != "sexual" {
		t.Errorf("domain condition %+v", c)
	}
	if c := again.When; c.Op != screening.OpComplete || c.Flag {
		t.Errorf("completeness condition %+v", c)
	}
}

// The rules of the newer keys, through the decoder, with positions.
func TestDecodeNewerRules(t *testing.T) {
	tests := []struct {
		name     string
		edits    []edit
		rule     string
		line     int
		col      int
		contains string
	}{
		{"indicator with no domain", []edit{{"weight: 2, domain: vulnerability, ", "weight: 2, "}}, screening.RuleMissingDomain, 27, 5, `indicator "put-out" has no domain`},
		{"indicator in an unknown domain", []edit{{"domain: vulnerability, sources", "domain: vulnerabilty, sources"}}, screening.RuleUnknownReference, 27, 62, `did you mean "vulnerability"`},
		{"a domain no indicator is in", []edit{{"  - {id: vulnerability, label: Vulnerability}\n", "  - {id: vulnerability, label: Vulnerability}\n  - {id: labor, label: Labor}\n"}}, screening.RuleUnusedDomain, 12, 10, `domain "labor" has no indicators`},
		{"a domain without a label", []edit{{"{id: vulnerability, label: Vulnerability}", "{id: vulnerability}"}}, screening.RuleMissingText, 11, 5, "no label"},
		{"a level rule without a score", []edit{{"clear: {score: 5, min_weight", "clear: {min_weight"}}, screening.RuleLevels, 14, 10, "no `score:`"},
		{"a level rule with an unknown key", []edit{{"min_weight: 2", "min_wieght: 2"}}, screening.RuleUnknownKey, 14, 21, `did you mean "min_weight"`},
		{"a level rule on an unknown domain", []edit{{"domains: [sexual]}", "domains: [sexaul]}"}}, screening.RuleUnknownReference, 14, 46, `did you mean "sexual"`},
		{"a level rule weight of 0", []edit{{"min_weight: 2", "min_weight: 0"}}, screening.RuleLevels, 14, 33, "above 0"},
		{"completeness that says nothing", []edit{{"  min_answered: 2\n  key_questions: [traded]\n", "  {}\n"}}, screening.RuleCompleteness, 0, 0, "says nothing"},
		{"completeness beyond the questions", []edit{{"min_answered: 2", "min_answered: 4"}}, screening.RuleCompleteness, 16, 17, "3 questions read aloud"},
		{"an unknown key question", []edit{{"key_questions: [traded]", "key_questions: [trade]"}}, screening.RuleUnknownReference, 17, 19, `did you mean "traded"`},
		{"completeness in a question's when", []edit{{`indicator: exchange}`, `indicator: exchange, when: {complete: false}}`}}, screening.RuleEndOnlyCondition, 25, 136, "known only after the last question"},
		{"completeness in an interrupt", []edit{{"    when: {indicator: exchange}", "    when: {complete: false}"}}, screening.RuleEndOnlyCondition, 39, 12, "drop `interrupt: true`"},
		{"an interrupt without when", []edit{{"    when: {question: danger, is: \"yes\"}\n", ""}}, screening.RuleMissingField, 32, 5, "has no `when`"},
		{"interrupt not a boolean", []edit{{"interrupt: true\n    when: {question", "interrupt: maybe\n    when: {question"}}, screening.RuleWrongType, 32, 16, "true or false"},
		{"due from a question that is not a date and time", []edit{{"due: {from: returned", "due: {from: danger"}}, screening.RuleDeadline, 41, 17, "of type yesno"},
		{"due from an unknown question", []edit{{"due: {from: returned", "due: {from: returnd"}}, screening.RuleUnknownReference, 41, 17, `did you mean "returned"`},
		{"due within not a length", []edit{{"within: 72h", "within: 72 hours"}}, screening.RuleDeadline, 41, 35, `"72 hours" is not a length`},
		{"due with an unknown key", []edit{{"within: 72h", "whithin: 72h"}}, screening.RuleUnknownKey, 41, 27, `did you mean "within"`},
		{"due not a mapping", []edit{{"due: {from: returned, within: 72h}", "due: 72h"}}, screening.RuleWrongType, 41, 10, "a mapping"},
		{"domain with another operator", []edit{{"when: {domain: sexual, level: possible}", "when: {domain: sexual, indicator: exchange}"}}, screening.RuleInvalidCondition, 44, 12, "`domain:` goes with `level:`"},
		{"a condition on an unknown domain", []edit{{"when: {domain: sexual, level", "when: {domain: sexaul, level"}}, screening.RuleUnknownReference, 44, 20, `did you mean "sexual"`},
		{"is on a date and time", []edit{{`text: "Are you worried someone`, `when: {question: returned, is: "yes"}, text: "Are you worried someone`}}, screening.RuleOperatorType, 23, 73, "`answered` or `declined`"},
		{"completeness not a mapping", []edit{{"  min_answered: 2\n  key_questions: [traded]\n", "  - 2\n"}}, screening.RuleWrongType, 16, 3, "completeness must be a mapping"},
		{"a fact its question's type cannot hold", []edit{{"{id: danger, mode: ask, type: yesno,", "{id: danger, mode: ask, type: yesno, fact: age,"}}, screening.RuleFact, 23, 52, "the fact age is held by a number question"},
		{"an unknown fact", []edit{{"{id: danger, mode: ask, type: yesno,", "{id: danger, mode: ask, type: yesno, fact: interpretor,"}}, screening.RuleUnknownValue, 23, 52, `did you mean "interpreter"`},
		{"an interpreter's language that is not a language tag", []edit{{"      - {id: danger,", "      - {id: lang, mode: record, type: single, text: Language, fact: interpreter-language, options: [{value: es, label: Spanish}, {value: spanish, label: Spanish again}, {value: other, label: Another}]}\n      - {id: danger,"}}, screening.RuleFact, 23, 139, "its option values are language tags (BCP 47, such as es or ase) or \"other\", not \"spanish\""},
		{"a mode on a yes-or-no question", []edit{{"{id: danger, mode: ask, type: yesno,", "{id: danger, mode: ask, type: yesno, fact: mode,"}}, screening.RuleFact, 23, 52, "the fact mode is held by a single question"},
		{"a fact two questions record", []edit{{"{id: danger, mode: ask, type: yesno,", "{id: danger, mode: ask, type: yesno, fact: interpreter,"}, {"{id: put-out, mode: ask, type: yesno,", "{id: put-out, mode: ask, type: yesno, fact: interpreter,"}}, screening.RuleFact, 24, 53, "first marked at line 23, column 52"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := newerYAML
			for _, e := range tt.edits {
				if !strings.Contains(text, e.old) {
					t.Fatalf("edit %q: not in the newer set", e.old)
				}
				text = strings.Replace(text, e.old, e.new, 1)
			}
			ds := validate(t, "newer.yaml", text)
			for _, d := range ds {
				if d.Rule == tt.rule && (tt.line == 0 || d.Pos.Line == tt.line) && (tt.col == 0 || d.Pos.Column == tt.col) && strings.Contains(d.Message, tt.contains) {
					covered[tt.rule] = true
					return
				}
			}
			t.Errorf("want %s at %d:%d containing %q; got:", tt.rule, tt.line, tt.col, tt.contains)
			for _, d := range ds {
				t.Errorf("  %d:%d: %s [%s]", d.Pos.Line, d.Pos.Column, d.Message, d.Rule)
			}
		})
	}
	for _, r := range []string{screening.RuleMissingDomain, screening.RuleUnusedDomain, screening.RuleCompleteness, screening.RuleEndOnlyCondition, screening.RuleDeadline, screening.RuleFact} {
		if !covered[r] && !t.Failed() {
			t.Errorf("rule %s has no case", r)
		}
	}
}

func TestSchemaRejectsBadNewerKeys(t *testing.T) {
	sch := compileSchema(t)
	for name, e := range map[string]edit{
		"an unknown level rule key":  {"min_weight: 2", "min_wieght: 2"},
		"a level rule with no score": {"clear: {score: 5, min_weight", "clear: {min_weight"},
		"within not a length":        {"within: 72h", "within: 72 hours"},
		"due without from":           {"due: {from: returned, within: 72h}", "due: {within: 72h}"},
		"an unknown type":            {"type: datetime", "type: date"},
		"a domain without a label":   {"{id: vulnerability, label: Vulnerability}", "{id: vulnerability}"},
		"empty completeness":         {"  min_answered: 2\n  key_questions: [traded]\n", "  {}\n"},
		"domain with a question":     {"when: {domain: sexual, level: possible}", "when: {domain: sexual, question: danger, answered: true}"},
	} {
		if !strings.Contains(newerYAML, e.old) {
			t.Fatalf("%s: edit not in the newer set", name)
		}
		if err := sch.Validate(yamlToJSON(t, strings.Replace(newerYAML, e.old, e.new, 1))); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// A scenario can expect completeness, the level in a domain, and the actions that interrupt.
func TestScenarioNewerExpectations(t *testing.T) {
	scenario := `format: safeharbor-scenario/v1
id: declines
title: Declines nearly everything
set: newer@2.0.0
responses:
  returned: {answer: "2026-12-03T14:10:00-05:00"}
  danger: {says: "Yes.", answer: yes}
  put-out: {says: "Pass.", answer: declined}
  traded: {says: "Pass.", answer: declined}
expect:
  concern: incomplete
  complete: false
  domains: {sexual: incomplete, vulnerability: incomplete}
  interrupts: [call]
  actions: [again, call]
`
	ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(newerYAML)}, {Name: "sc.yaml", Data: []byte(scenario)}}, testBase(t))
	if len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	set := Decode("newer.yaml", []byte(newerYAML)).Set
	sc := Decode("sc.yaml", []byte(scenario)).Scenario
	o, err := sc.Test(set)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Pass(sc.Expect) {
		t.Errorf("outcome %+v does not pass", o)
	}

	// What the outcome says when the expectations do not hold.
	wrong := strings.NewReplacer("complete: false", "complete: true", "sexual: incomplete", "sexual: clear", "interrupts: [call]", "interrupts: [medical]").Replace(scenario)
	sc = Decode("sc.yaml", []byte(wrong)).Scenario
	if o, err = sc.Test(set); err != nil {
		t.Fatal(err)
	}
	if o.Pass(sc.Expect) || o.Complete || len(o.WrongDomains) != 1 || o.WrongDomains[0].Domain != "sexual" || !slices.Equal(o.MissingInterrupts, []string{"medical"}) || !slices.Equal(o.Interrupted, []string{"call"}) {
		t.Errorf("outcome %+v", o)
	}
	if !strings.Contains(o.Explanation, "incomplete: 1 of 3 questions read aloud answered (needs 2), key questions not answered: traded") {
		t.Errorf("explanation %q", o.Explanation)
	}

	// What must not be raised or listed.
	not := strings.Replace(scenario, "  actions: [again, call]\n", "  actions: [again]\n  not_raised: [put-out]\n  not_listed: [call, consult]\n", 1)
	sc = Decode("sc.yaml", []byte(not)).Scenario
	if o, err = sc.Test(set); err != nil {
		t.Fatal(err)
	}
	if o.Pass(sc.Expect) || len(o.RaisedAnyway) != 0 || !slices.Equal(o.ListedAnyway, []string{"call"}) {
		t.Errorf("not_raised, not_listed: %+v", o)
	}

	// Expectations the set cannot meet are refused, with positions.
	bad := strings.NewReplacer("sexual: incomplete", "sexaul: incomplete", "vulnerability: incomplete", "vulnerability: high", "interrupts: [call]", "interrupts: [consult, cal]",
		"  actions: [again, call]\n", "  actions: [again, call]\n  not_raised: [exchang]\n  not_listed: [agian]\n").Replace(scenario)
	ds = Validate([]Input{{Name: "newer.yaml", Data: []byte(newerYAML)}, {Name: "sc.yaml", Data: []byte(bad)}}, testBase(t))
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Pos.Line, d.Pos.Column, d.Rule, d.Message))
	}
	for _, w := range []string{
		`sc.yaml:13:13 unknown-reference expect: set newer has no domain "sexaul" (did you mean "sexual"?)`,
		`sc.yaml:13:48 unknown-value expect: unknown level "high" for domain "vulnerability"`,
		`sc.yaml:14:16 unknown-reference expect: action "consult" of set newer does not interrupt the interview`,
		`sc.yaml:14:25 unknown-reference expect: set newer has no action "cal" (did you mean "call"?)`,
		`sc.yaml:16:16 unknown-reference expect: set newer has no indicator "exchang" (did you mean "exchange"?)`,
		`sc.yaml:17:16 unknown-reference expect: set newer has no action "agian" (did you mean "again"?)`,
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}

// A translation of a set with domains gives each domain's label.
func TestTranslationDomains(t *testing.T) {
	tr := `format: safeharbor-translation/v1
set: newer@2.0.0
language: es
title: Claves nuevas
sections:
  now: {title: Ahora}
questions:
  returned: {text: Cuándo volvió}
  danger: {text: "¿Te preocupa que alguien te haga daño hoy?"}
  put-out: {text: "¿Alguien en tu casa te dijo que te fueras?"}
  traded: {text: "¿Alguien te ofreció algo a cambio de algo sexual?"}
indicators:
  put-out: Le echaron de casa
  exchange: Intercambio
actions:
  call: Llama al 911 ahora.
  medical: Ofrece atención médica ahora.
  consult: Consulta.
  again: Vuelve a hablar en 72 horas.
domains:
  sexual: Explotación sexual
  vulnerability: Vulnerabilidad
`
	if ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(newerYAML)}, {Name: "es.yaml", Data: []byte(tr)}}, testBase(t)); len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	f := Decode("es.yaml", []byte(tr))
	es := screening.Translate(Decode("newer.yaml", []byte(newerYAML)).Set, f.Translation)
	if es.Domains[0].Label != "Explotación sexual" {
		t.Errorf("translated domains %+v", es.Domains)
	}
	for _, tt := range []struct{ old, new, rule, want string }{
		{"  vulnerability: Vulnerabilidad\n", "", screening.RuleMissingTranslation, `lacks the label of domain "vulnerability"`},
		{"  sexual: Explotación sexual", "  sexul: Explotación sexual", screening.RuleUnknownReference, `no domain "sexul" (did you mean "sexual"?)`},
	} {
		ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(newerYAML)}, {Name: "es.yaml", Data: []byte(strings.Replace(tr, tt.old, tt.new, 1))}}, testBase(t))
		if !slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Rule == tt.rule && strings.Contains(d.Message, tt.want) }) {
			t.Errorf("want %s %q; got %v", tt.rule, tt.want, ds)
		}
	}
}

// A translation may give the sources' titles, glossed; once it gives any, it gives them all, so
// a summary in that language names no document in another.
func TestTranslationSources(t *testing.T) {
	tr := `format: safeharbor-translation/v1
set: newer@2.0.0
language: es
title: Claves nuevas
sections:
  now: {title: Ahora}
questions:
  returned: {text: Cuándo volvió}
  danger: {text: "¿Te preocupa que alguien te haga daño hoy?"}
  put-out: {text: "¿Alguien en tu casa te dijo que te fueras?"}
  traded: {text: "¿Alguien te ofreció algo a cambio de algo sexual?"}
indicators:
  put-out: Le echaron de casa
  exchange: Intercambio
actions:
  call: Llama al 911 ahora.
  medical: Ofrece atención médica ahora.
  consult: Consulta.
  again: Vuelve a hablar en 72 horas.
domains:
  sexual: Explotación sexual
  vulnerability: Vulnerabilidad
sources:
  guide: {title: A guide (Una guía)}
`
	if ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(newerYAML)}, {Name: "es.yaml", Data: []byte(tr)}}, testBase(t)); len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	es := screening.Translate(Decode("newer.yaml", []byte(newerYAML)).Set, Decode("es.yaml", []byte(tr)).Translation)
	if es.Sources[0].Title != "A guide (Una guía)" {
		t.Errorf("translated sources %+v", es.Sources)
	}
	withPublisher := strings.Replace(newerYAML, "{id: guide, title: A guide}", "{id: guide, title: A guide, publisher: An office}", 1)
	for _, tt := range []struct{ set, old, new, rule, want string }{
		{newerYAML, "  guide: {title: A guide (Una guía)}", "  guid: {title: A guide (Una guía)}", screening.RuleUnknownReference, `no source "guid" (did you mean "guide"?)`},
		{withPublisher, "", "", screening.RuleMissingTranslation, `lacks the publisher of source "guide"`},
		{newerYAML, "  guide: {title: A guide (Una guía)}", "  guide: {publisher: Nadie}", screening.RuleMissingTranslation, `lacks the title of source "guide"`},
	} {
		ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(tt.set)}, {Name: "es.yaml", Data: []byte(strings.Replace(tr, tt.old, tt.new, 1))}}, testBase(t))
		if !slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Rule == tt.rule && strings.Contains(d.Message, tt.want) }) {
			t.Errorf("want %s %q; got %v", tt.rule, tt.want, ds)
		}
	}
}

// An action may cite the documents its advice rests on; they must exist, and a source cited only
// by actions is cited.
func TestActionSources(t *testing.T) {
	set := strings.Replace(newerYAML, "sources:\n  - {id: guide, title: A guide}\n", "sources:\n  - {id: guide, title: A guide}\n  - {id: statute, title: A statute}\n", 1)
	set = strings.Replace(set, "  - id: call\n", "  - id: call\n    sources: [statute]\n", 1)
	if set == newerYAML {
		t.Fatal("the edit changed nothing")
	}
	if ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(set)}}, testBase(t)); len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	f := Decode("newer.yaml", []byte(set))
	if a := f.Set.Actions[0]; len(a.Sources) != 1 || a.Sources[0].ID != "statute" {
		t.Errorf("action sources %+v", a.Sources)
	}
	for _, tt := range []struct{ old, new, rule, want string }{
		{"    sources: [statute]\n", "    sources: [statue]\n", screening.RuleUnknownReference, `action "call" cites unknown source "statue" (did you mean "statute"?)`},
		{"    sources: [statute]\n", "", screening.RuleUncitedSource, `source "statute" is cited by no indicator or action`},
	} {
		ds := Validate([]Input{{Name: "newer.yaml", Data: []byte(strings.Replace(set, tt.old, tt.new, 1))}}, testBase(t))
		if !slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Rule == tt.rule && strings.Contains(d.Message, tt.want) }) {
			t.Errorf("want %s %q; got %v", tt.rule, tt.want, ds)
		}
	}
}

// learnedLine is a question for newerYAML, after the last one: when the agency learned of the
// return, which cannot be earlier than the return itself.
const learnedLine = "      - {id: learned, mode: record, type: datetime, text: When the agency learned of it, not_before: returned}\n"

func withLearned(t *testing.T, notBefore string) string {
	t.Helper()
	const last = "indicator: exchange}\n"
	if !strings.Contains(newerYAML, last) {
		t.Fatal("no last question in the newer set")
	}
	return strings.Replace(newerYAML, last, last+strings.Replace(learnedLine, "not_before: returned", notBefore, 1), 1)
}

// not_before: decoded, held to by the schema, and checked with the line and column.
func TestNotBeforeKey(t *testing.T) {
	good := withLearned(t, "not_before: returned")
	if ds := validate(t, "newer.yaml", good); len(ds) > 0 {
		t.Fatalf("findings: %v", ds)
	}
	sch := compileSchema(t)
	if err := sch.Validate(yamlToJSON(t, good)); err != nil {
		t.Fatalf("the schema refuses not_before: %v", err)
	}
	if err := sch.Validate(yamlToJSON(t, withLearned(t, "not_before: Returned At"))); err == nil {
		t.Error("the schema accepts a not_before that is not an id")
	}
	q, _ := screening.NewSession(Decode("newer.yaml", []byte(good)).Set).Question("learned")
	if q.NotBefore != (screening.Ref{ID: "returned", Pos: screening.Pos{Line: 26, Column: 102}}) {
		t.Errorf("not_before %+v", q.NotBefore)
	}
	for _, tt := range []struct {
		name, notBefore, rule string
		col                   int
		contains              string
	}{
		{"an unknown question", "not_before: returnd", screening.RuleUnknownReference, 102, `did you mean "returned"`},
		{"a question that is not a date and time", "not_before: danger", screening.RuleNotBefore, 102, "which is of type yesno"},
		{"itself", "not_before: learned", screening.RuleNotBefore, 102, "the question itself"},
		{"not text", "not_before: [returned]", screening.RuleWrongType, 102, "must be text"},
	} {
		ds := validate(t, "newer.yaml", withLearned(t, tt.notBefore))
		found := false
		for _, d := range ds {
			found = found || d.Rule == tt.rule && d.Pos == (screening.Pos{Line: 26, Column: tt.col}) && strings.Contains(d.Message, tt.contains)
		}
		if !found {
			t.Errorf("%s: want %s at 26:%d containing %q; got %v", tt.name, tt.rule, tt.col, tt.contains, ds)
		}
	}
	// On a question that is not a date and time, and naming a later one.
	text := strings.Replace(good, "indicator: put-out}", "indicator: put-out, not_before: returned}", 1)
	ds := validate(t, "newer.yaml", text)
	if len(ds) != 1 || ds[0].Rule != screening.RuleNotBefore || ds[0].Pos.Line != 24 || !strings.Contains(ds[0].Message, "this one is of type yesno") {
		t.Errorf("not_before on a yes/no question: %v", ds)
	}
	text = strings.Replace(good, "text: When they came back}", "text: When they came back, not_before: learned}", 1)
	ds = validate(t, "newer.yaml", text)
	if len(ds) != 1 || ds[0].Rule != screening.RuleForwardReference || ds[0].Pos.Line != 22 || !strings.Contains(ds[0].Message, `names question "learned", which comes later`) {
		t.Errorf("not_before naming a later question: %v", ds)
	}

	// A scenario whose two times are out of order is refused, at the answer that is.
	scenario := `format: safeharbor-scenario/v1
id: learned-first
title: Learned of it before it happened
set: newer@2.0.0
responses:
  returned: {answer: "2026-11-28T21:00:00-05:00"}
  learned: {answer: "2026-11-27T10:00:00-05:00"}
expect:
  concern: incomplete
`
	ds = Validate([]Input{{Name: "newer.yaml", Data: []byte(good)}, {Name: "sc.yaml", Data: []byte(scenario)}}, testBase(t))
	if len(ds) != 1 || ds[0].File != "sc.yaml" || ds[0].Rule != screening.RuleInvalidAnswer || ds[0].Pos.Line != 7 ||
		!strings.Contains(ds[0].Message, `"learned": 2026-11-27T10:00:00-05:00 is earlier than the answer to "returned" (2026-11-28T21:00:00-05:00)`) {
		t.Errorf("scenario: %v", ds)
	}
}
