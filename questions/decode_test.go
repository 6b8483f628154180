package questions

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/safeharbor/safeharbor/screening"
)

// baseYAML is a valid set; each case edits it to break one thing. Line numbers matter: the cases
// check the position of each finding.
const baseYAML = `format: safeharbor/v1
id: test
version: 1.0.0
status: active
title: Test set
language: en
sources:
  - {id: guide, title: A guide}
levels: {possible: 2, clear: 4}
opening:
  - say: I'm glad you're back.
sections:
  - id: away
    title: While away
    questions:
      - id: slept
        mode: ask
        type: multi
        text: Where did you sleep?
        options:
          - {value: friend, label: At a friend's}
          - {value: hotel, label: A hotel, indicator: hotel}
      - id: partner
        mode: ask
        type: yesno
        text: Is there someone older you've been seeing?
        indicator: older
        when: {question: slept, answered: true}
indicators:
  - {id: hotel, label: Hotel stays, weight: 2, sources: [guide]}
  - {id: older, label: Older partner, weight: 2, sources: [guide]}
actions:
  - id: assess
    priority: recommended
    when: {level: possible}
    text: Arrange a fuller assessment.
contacts: [hotline, ncmec]
`

func testBase(t testing.TB) Base {
	t.Helper()
	b, err := LoadBase(FS())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func validate(t *testing.T, name, text string) []Diagnostic {
	t.Helper()
	return Validate([]Input{{Name: name, Data: []byte(text)}}, testBase(t))
}

func TestBaseYAMLIsValid(t *testing.T) {
	if ds := validate(t, "base.yaml", baseYAML); len(ds) > 0 {
		t.Fatalf("findings on the base set: %v", ds)
	}
}

// edit replaces old with new in baseYAML, once; it fails the test if old is not there.
type edit struct{ old, new string }

func TestDecodeRules(t *testing.T) {
	tests := []struct {
		name     string
		text     string // the whole file, when not an edit of baseYAML
		edits    []edit
		rule     string
		line     int
		col      int
		contains string
		also     string // a second file, validated with the set: the finding is looked for in it
	}{
		{name: "empty file", text: "", rule: screening.RuleEmptyFile, line: 1, col: 1},
		{name: "only comments", text: "# nothing\n", rule: screening.RuleEmptyFile, line: 1, col: 1},
		{name: "null document", text: "~\n", rule: screening.RuleEmptyFile, line: 1, col: 1},
		{name: "a list at the top", text: "- a\n- b\n", rule: screening.RuleWrongType, line: 1, col: 1, contains: "not a list"},
		{name: "a scalar at the top", text: "hello\n", rule: screening.RuleWrongType, line: 1, col: 1},
		{name: "invalid UTF-8", text: "format: safeharbor/v1\nid: \xff\n", rule: screening.RuleEncoding, line: 2, col: 5, contains: "0xFF"},
		{name: "a NUL byte", text: "format: x\x00\n", rule: screening.RuleEncoding, line: 1, col: 10, contains: "U+0000"},
		{name: "tab indentation", text: "format: safeharbor/v1\nsections:\n\t- id: a\n", rule: screening.RuleYAMLSyntax, line: 3, col: 1, contains: "tab"},
		{name: "syntax error", text: "format: safeharbor/v1\ntitle: [unclosed\n", rule: screening.RuleYAMLSyntax, contains: "YAML syntax"},
		{name: "two documents", text: "format: safeharbor/v1\n---\nid: x\n", rule: screening.RuleMultipleDocuments, line: 2, col: 1},
		{name: "format not text", text: "format: [safeharbor/v1]\n", rule: screening.RuleWrongType, line: 1, col: 9, contains: "format must be text"},
		{name: "no format", text: "id: x\n", rule: screening.RuleFormat, line: 1, col: 1, contains: "no `format:`"},
		{name: "unknown format", edits: []edit{{"format: safeharbor/v1", "format: safeharbor/v2"}}, rule: screening.RuleFormat, line: 1, col: 9, contains: `did you mean "safeharbor/v1"`},
		{name: "unknown key", edits: []edit{{"title: Test set", "titel: Test set"}}, rule: screening.RuleUnknownKey, line: 5, col: 1, contains: `did you mean "title"`},
		{name: "unknown question key", edits: []edit{{"        mode: ask\n        type: multi", "        mode: ask\n        typ: multi"}}, rule: screening.RuleUnknownKey, line: 18, col: 9, contains: `did you mean "type"`},
		{name: "comma in a flow mapping", edits: []edit{{"label: At a friend's}", "label: At a friend's, or family}"}}, rule: screening.RuleUnknownKey, line: 21, col: 51, contains: "put text with commas in quotes"},
		{name: "duplicate key", edits: []edit{{"title: Test set\n", "title: Test set\ntitle: Again\n"}}, rule: screening.RuleDuplicateKey, line: 6, col: 1, contains: "first at line 5"},
		{name: "alias", edits: []edit{{"title: Test set", "title: &t Test set"}}, rule: screening.RuleAlias, line: 5, col: 8, contains: "anchors"},
		{name: "merge key", edits: []edit{{"  - {id: guide, title: A guide}", "  - {<<: {id: g}, id: guide, title: A guide}"}}, rule: screening.RuleAlias, line: 8, col: 6, contains: "merge"},
		{name: "list where text is expected", edits: []edit{{"title: Test set", "title: [a, b]"}}, rule: screening.RuleWrongType, line: 5, col: 8, contains: "must be text, not a list"},
		{name: "weight not a number", edits: []edit{{"weight: 2, sources: [guide]}\n  - {id: older", "weight: two, sources: [guide]}\n  - {id: older"}}, rule: screening.RuleWrongType, line: 30, col: 45, contains: "whole number"},
		{name: "weight a fraction", edits: []edit{{"weight: 2, sources: [guide]}\n  - {id: older", "weight: 1.5, sources: [guide]}\n  - {id: older"}}, rule: screening.RuleWrongType, line: 30, col: 45, contains: "whole number"},
		{name: "boolean not a boolean", edits: []edit{{"answered: true", "answered: maybe"}}, rule: screening.RuleWrongType, line: 28, col: 43, contains: "true or false"},
		{name: "step with two keys", edits: []edit{{"  - say: I'm glad you're back.", "  - {say: Hi, do: Sit}"}}, rule: screening.RuleWrongType, line: 11, col: 5, contains: "one `say:`"},
		{name: "condition without operator", edits: []edit{{"when: {question: slept, answered: true}", "when: {question: slept}"}}, rule: screening.RuleInvalidCondition, line: 28, col: 15, contains: "needs one operator"},
		{name: "condition with two operators", edits: []edit{{"answered: true}", "answered: true, declined: false}"}}, rule: screening.RuleInvalidCondition, line: 28, col: 49, contains: "combine conditions"},
		{name: "operator without question", edits: []edit{{"when: {level: possible}", "when: {is: yes}"}}, rule: screening.RuleInvalidCondition, line: 35, col: 12, contains: "add `question:`"},
		{name: "question with level", edits: []edit{{"when: {level: possible}", "when: {level: possible, question: slept}"}}, rule: screening.RuleInvalidCondition, line: 35, col: 29, contains: "does not go with"},
		{name: "empty all", edits: []edit{{"when: {level: possible}", "when: {all: []}"}}, rule: screening.RuleInvalidCondition, line: 35, col: 17, contains: "at least one"},
		{name: "nested too deep", edits: []edit{{"when: {level: possible}", "when: " + strings.Repeat("{not: ", 40) + "{level: possible}" + strings.Repeat("}", 40)}}, rule: screening.RuleInvalidCondition, line: 35, contains: "nest more than"},
		// Semantic rules, through the decoder, with positions.
		{name: "missing field", edits: []edit{{"title: Test set\n", ""}}, rule: screening.RuleMissingField, line: 1, col: 1, contains: "no title"},
		{name: "missing text", edits: []edit{{"text: Where did you sleep?", "text: ''"}}, rule: screening.RuleMissingText, line: 16, col: 9, contains: "no text"},
		{name: "unknown status", edits: []edit{{"status: active", "status: actve"}}, rule: screening.RuleUnknownValue, line: 4, col: 9, contains: `did you mean "active"`},
		{name: "invalid id", edits: []edit{{"id: test", "id: Test_Set"}}, rule: screening.RuleInvalidID, line: 2, col: 5},
		{name: "invalid version", edits: []edit{{"version: 1.0.0", "version: 1.0"}}, rule: screening.RuleInvalidVersion, line: 3, col: 10},
		{name: "invalid language", edits: []edit{{"language: en", "language: English"}}, rule: screening.RuleInvalidLanguage, line: 6, col: 11},
		{name: "invalid number", edits: []edit{{"weight: 2, sources: [guide]}\n  - {id: older", "weight: 0, sources: [guide]}\n  - {id: older"}}, rule: screening.RuleInvalidNumber, line: 30, col: 45},
		{name: "duplicate id", edits: []edit{{"      - id: partner", "      - id: slept"}}, rule: screening.RuleDuplicateID, line: 23, col: 13, contains: "first defined at line 16, column 13"},
		{name: "unknown reference", edits: []edit{{"indicator: older", "indicator: oldr"}}, rule: screening.RuleUnknownReference, line: 27, col: 20, contains: `did you mean "older"`},
		{name: "unknown contact", edits: []edit{{"contacts: [hotline, ncmec]", "contacts: [hotline, ncmc]"}}, rule: screening.RuleUnknownReference, line: 37, col: 21, contains: `did you mean "ncmec"`},
		{name: "forward reference", edits: []edit{{"when: {question: slept, answered: true}", "when: {question: partner, answered: true}"}}, rule: screening.RuleForwardReference, line: 28, col: 26, contains: "itself"},
		{name: "option value", edits: []edit{{"when: {question: slept, answered: true}", "when: {question: slept, includes: hotle}"}}, rule: screening.RuleOptionValue, line: 28, col: 43, contains: `did you mean "hotel"`},
		{name: "operator type", edits: []edit{{"when: {question: slept, answered: true}", "when: {question: slept, is: hotel}"}}, rule: screening.RuleOperatorType, line: 28, col: 33, contains: "`includes`"},
		{name: "levels", edits: []edit{{"levels: {possible: 2, clear: 4}", "levels: {possible: 4, clear: 2}"}}, rule: screening.RuleLevels, line: 9, col: 30},
		{name: "unreachable level", edits: []edit{{"levels: {possible: 2, clear: 4}", "levels: {possible: 2, clear: 9}"}}, rule: screening.RuleUnreachableLevel, line: 9, col: 30},
		{name: "options not allowed", edits: []edit{{"        type: yesno\n", "        type: yesno\n        options: [{value: a, label: A}]\n"}}, rule: screening.RuleOptionsNotAllowed, line: 26, col: 9},
		{name: "options required", edits: []edit{{"type: multi", "type: text"}, {"type: yesno", "type: single"}}, rule: screening.RuleOptionsRequired, line: 23, col: 9},
		{name: "misplaced field", edits: []edit{{"        type: multi\n", "        type: multi\n        min: 1\n"}}, rule: screening.RuleMisplacedField, line: 19, col: 14},
		{name: "reserved value", edits: []edit{{"value: friend", "value: skip"}}, rule: screening.RuleReservedValue, line: 21, col: 21},
		{name: "empty section", edits: []edit{{"indicators:\n", "  - {id: more, title: More, questions: []}\nindicators:\n"}}, rule: screening.RuleEmptySection, line: 29, col: 5},
		{name: "missing source", edits: []edit{{"weight: 2, sources: [guide]}\n  - {id: older", "weight: 2, sources: []}\n  - {id: older"}}, rule: screening.RuleMissingSource, line: 30, col: 48},
		{name: "unraised indicator", edits: []edit{{"actions:\n", "  - {id: idle, label: Idle, weight: 1, sources: [guide]}\nactions:\n"}}, rule: screening.RuleUnraisedIndicator, line: 32, col: 10},
		{name: "uncited source", edits: []edit{{"  - {id: guide, title: A guide}\n", "  - {id: guide, title: A guide}\n  - {id: other, title: Other}\n"}}, rule: screening.RuleUncitedSource, line: 9, col: 10},
		{name: "stigmatizing language", edits: []edit{{"text: Where did you sleep?", "text: Were you with a john?"}}, rule: screening.RuleStigmatizing, line: 19, col: 15, contains: "the person who paid"},
		{name: "professional label", edits: []edit{{"say: I'm glad you're back.", "say: We ask about trafficking."}}, rule: screening.RuleProfessionalLabel, line: 11, col: 10},
		{name: "an escape in text", edits: []edit{{"text: Where did you sleep?", `text: "Where did you\e]0;owned\a sleep?"`}}, rule: screening.RuleControlCharacter, line: 19, col: 15, contains: "U+001B (an escape)"},
		{name: "a direction override in a label", edits: []edit{{"label: At a friend's}", "label: At a \u202efriend's}"}}, rule: screening.RuleControlCharacter, line: 21, col: 36, contains: "U+202E (a direction override)"},
		{name: "a carriage return in a title", edits: []edit{{"title: Test set", `title: "Test\rset"`}}, rule: screening.RuleControlCharacter, line: 5, col: 8, contains: "U+000D"},
		{name: "a source's url that is a script", edits: []edit{{"{id: guide, title: A guide}", "{id: guide, title: A guide, url: 'javascript:alert(1)'}"}}, rule: screening.RuleInvalidURL, line: 8, col: 38, contains: `"javascript:alert(1)"`},
		{name: "a binary tag", edits: []edit{{"title: Test set", "title: !!binary VGVzdA=="}}, rule: screening.RuleYAMLTag, line: 5, col: 8, contains: "!!binary"},
		{name: "a python object tag", edits: []edit{{"text: Where did you sleep?", "text: !!python/object/apply:os.system [ls]"}}, rule: screening.RuleYAMLTag, line: 19, col: 15, contains: "!!python/object/apply:os.system"},
		{name: "a local tag on a mapping", edits: []edit{{"levels: {possible: 2, clear: 4}", "levels: !scores {possible: 2, clear: 4}"}}, rule: screening.RuleYAMLTag, line: 9, col: 9, contains: "!scores"},
		{name: "why question", edits: []edit{{"text: Where did you sleep?", "text: Why did you run?"}}, rule: screening.RuleWhyQuestion, line: 19, col: 15},
		{name: "file name and version differ", text: "", rule: screening.RuleInvalidVersion}, // filled in below
		{
			name: "stale translation", edits: []edit{{"text: Where did you sleep?", "text: Where did you sleep while you were away?"}},
			also: "format: safeharbor-translation/v1\nset: test@1.0.0\nlanguage: es\nquestions:\n  slept:\n    text: {from: \"Where did you sleep?\", to: \"¿Dónde dormiste?\"}\n",
			rule: screening.RuleStaleTranslation, line: 6, col: 18, contains: `the text of question "slept" was translated from "Where did you sleep?", but the set now says "Where did you sleep while you were away?"`,
		},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, name := tt.text, "set.yaml"
			if tt.edits != nil {
				text = baseYAML
				for _, e := range tt.edits {
					if !strings.Contains(text, e.old) {
						t.Fatalf("edit %q: not in the base set", e.old)
					}
					text = strings.Replace(text, e.old, e.new, 1)
				}
			}
			if tt.name == "file name and version differ" {
				text, name = baseYAML, "sets/test/v1.0.1.yaml"
			}
			ds := validate(t, name, text)
			if tt.also != "" {
				ds = Validate([]Input{{Name: name, Data: []byte(text)}, {Name: "also.yaml", Data: []byte(tt.also)}}, testBase(t))
			}
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
	// Rules about files, contacts and reading are covered in the tests below.
	// The rules of the keys added later are covered in TestDecodeNewerRules (newer_test.go).
	for _, r := range []string{
		screening.RuleUnreadable, screening.RuleFileTooLarge, screening.RuleInvalidPhone, screening.RuleInvalidDate, screening.RuleNationalOverride, screening.RuleInvalidAnswer, screening.RuleUnusedResponse, screening.RuleMissingTranslation, screening.RuleTranslatedNumber,
		screening.RuleMissingDomain, screening.RuleUnusedDomain, screening.RuleCompleteness, screening.RuleEndOnlyCondition, screening.RuleDeadline, screening.RuleFact,
		screening.RuleNotBefore, // TestNotBeforeKey (newer_test.go)
	} {
		covered[r] = true
	}
	for _, r := range screening.Rules {
		if !covered[r.ID] && !t.Failed() {
			t.Errorf("rule %s has no case in TestDecodeRules", r.ID)
		}
	}
}

func TestTooLargeAndUnreadable(t *testing.T) {
	big := strings.Repeat("# padding\n", MaxFileSize/10+1)
	if _, err := ReadAll(strings.NewReader(big)); err != ErrTooLarge {
		t.Fatalf("ReadAll of %d bytes: err = %v, want ErrTooLarge", len(big), err)
	}
	ds := Validate([]Input{{Name: "big.yaml", Err: ErrTooLarge}, {Name: "locked.yaml", Err: fs.ErrPermission}}, testBase(t))
	if len(ds) != 2 || ds[0].Rule != screening.RuleFileTooLarge || ds[1].Rule != screening.RuleUnreadable || !strings.Contains(ds[1].Message, "permission denied") {
		t.Fatalf("got %+v", ds)
	}
}

func TestContactsFile(t *testing.T) {
	contacts := `format: safeharbor-contacts/v1
contacts:
  - {id: hotline, name: National Human Trafficking Hotline, phone: 1-888-373-7887, text: HELP to 233733 (BeFree), url: https://humantraffickinghotline.org}
  - {id: county, name: County intake, phone: "call now!"}
  - {id: on-call, name: On-call supervisor, phone: 555-0100, confirmed: 2026-13-01}
  - id: text-line
    name: County text line
    text: 55155 (text SAFE)
    translations:
      es: {text: 55156 (escribe SAFE)}
      fr: {}
      Spanish: {hours: siempre}
      es-US: {phone: 555-0199}
  - id: walk-in
    name: Walk-in centre
    url: https://example.org
    translations:
      es: {name: Centro sin cita, text: 55155}
      ES: {hours: Siempre}
`
	set := strings.Replace(baseYAML, "contacts: [hotline, ncmec]", "contacts: [hotline, ncmec, on-call]", 1)
	ds := Validate([]Input{{Name: "contacts.yaml", Data: []byte(contacts)}, {Name: "set.yaml", Data: []byte(set)}}, testBase(t))
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", d.File, d.Pos.Line, d.Pos.Column, d.Rule))
	}
	want := []string{
		"contacts.yaml:3:10 " + screening.RuleNationalOverride, // the hotline's phone changed by one digit
		"contacts.yaml:4:46 " + screening.RuleInvalidPhone,
		"contacts.yaml:5:73 " + screening.RuleInvalidDate,
		"contacts.yaml:10:18 " + screening.RuleTranslatedNumber, // 55156 is not 55155
		"contacts.yaml:11:11 " + screening.RuleMissingText,      // fr says nothing
		"contacts.yaml:12:7 " + screening.RuleInvalidLanguage,
		"contacts.yaml:13:14 " + screening.RuleMissingText,      // with its one key refused, es-US says nothing
		"contacts.yaml:13:15 " + screening.RuleUnknownKey,       // a phone has no translation
		"contacts.yaml:18:41 " + screening.RuleTranslatedNumber, // a text where the contact has none
		"contacts.yaml:19:7 " + screening.RuleDuplicateID,       // es again, in capitals
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(ds[0].Message, `"1-888-373-7888" with "1-888-373-7887"`) {
		t.Errorf("override message does not name both numbers: %s", ds[0].Message)
	}
}

// A contact's url is a web address (https or http), a phone (tel:) or an email (mailto:): a
// summary makes a link of it, and anything else could run in the reader's browser.
func TestContactURLs(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want string // the message, or "" when the url is fine
	}{
		{"https://example.org/help?x=1", ""},
		{"http://example.org", ""},
		{"tel:+1-800-843-5678", ""},
		{"mailto:intake@example.org", ""},
		{"HTTPS://EXAMPLE.ORG", ""},
		{"javascript:alert(1)", `"javascript:alert(1)" is not a web address`},
		{"JavaScript:alert(1)", "not a web address"},
		{"data:text/html,<script>alert(1)</script>", "not a web address"},
		{"file:///etc/passwd", "not a web address"},
		{"//example.org", "not a web address"},
		{"example.org", "not a web address"},
		{"https://", "has no host"},
		{"https://exa mple.org", "not a web address"},
		{"tel:call now", "not a phone"},
		{"mailto:", "no address"},
	} {
		contacts := "format: safeharbor-contacts/v1\ncontacts:\n  - id: county\n    name: County intake\n    url: '" + tc.url + "'\n"
		ds := Validate([]Input{{Name: "contacts.yaml", Data: []byte(contacts)}}, testBase(t))
		switch {
		case tc.want == "" && len(ds) > 0:
			t.Errorf("%q: %s [%s]", tc.url, ds[0].Message, ds[0].Rule)
		case tc.want != "" && (len(ds) != 1 || ds[0].Rule != screening.RuleInvalidURL || ds[0].Pos != screening.Pos{Line: 5, Column: 10} || !strings.Contains(ds[0].Message, tc.want)):
			t.Errorf("%q: want %s at 5:10 containing %q; got %+v", tc.url, screening.RuleInvalidURL, tc.want, ds)
		}
	}
}

// A value the decoder cannot read gets one finding, saying what was written and why it cannot be
// read; the checks that would have used it do not add a second one about a zero nobody wrote.
func TestOneFindingForAValueTooLarge(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		line, col      int
		want           string
	}{
		{"a level past any number", "clear: 4}", "clear: 99999999999999999999}", 9, 30, "levels.clear is too large: 99999999999999999999"},
		{"a weight of 2^63-1", "weight: 2, sources: [guide]}\n  - {id: older", "weight: 9223372036854775807, sources: [guide]}\n  - {id: older", 30, 45, "weight is too large: 9223372036854775807"},
		{"a weight past a float", "weight: 2, sources: [guide]}\n  - {id: older", "weight: 1e400, sources: [guide]}\n  - {id: older", 30, 45, "weight is too large: 1e400"},
		{"a minimum past a float", "        type: yesno\n", "        type: number\n        min: -1e400\n", 26, 14, "min is too large: -1e400"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(baseYAML, tc.old) {
				t.Fatalf("%q is not in the base set", tc.old)
			}
			ds := validate(t, "set.yaml", strings.Replace(baseYAML, tc.old, tc.new, 1))
			var here []string
			for _, d := range ds {
				if d.Pos.Line == tc.line && d.Pos.Column == tc.col {
					here = append(here, d.Message+" ["+d.Rule+"]")
				}
			}
			if len(here) != 1 || !strings.Contains(here[0], tc.want) {
				t.Errorf("want one finding at %d:%d containing %q; got %q", tc.line, tc.col, tc.want, here)
			}
		})
	}
}

// The national numbers are the product's promise: every summary carries them.
func TestShippedNationalNumbers(t *testing.T) {
	b := testBase(t)
	want := map[string]string{
		"hotline":   "1-888-373-7888",
		"ncmec":     "1-800-THE-LOST (1-800-843-5678)",
		"emergency": "911",
		// Added with post-return 2.0.0; each checked against its own service's pages.
		"lifeline-988":     "988",
		"runaway-safeline": "1-800-RUNAWAY (1-800-786-2929)",
		"fbi-tips":         "1-800-CALL-FBI (1-800-225-5324)",
		"otip":             "202-205-4582",
		"otip-notice":      "202-205-4582",
	}
	got := map[string]screening.Contact{}
	for _, c := range b.Contacts {
		got[c.ID] = c
	}
	for id, phone := range want {
		if got[id].Phone != phone {
			t.Errorf("%s phone = %q, want %q", id, got[id].Phone, phone)
		}
	}
	// BeFree is the short code 233733 spelled on a keypad, not a keyword: HELP is the word sent.
	if got["hotline"].Text != "HELP to 233733 (BeFree)" {
		t.Errorf("hotline text = %q, want HELP to 233733 (BeFree)", got["hotline"].Text)
	}
	if got["lifeline-988"].Text != "988" {
		t.Errorf("lifeline-988 text = %q, want 988", got["lifeline-988"].Text)
	}
	for _, c := range b.Contacts {
		if strings.Contains(strings.ToUpper(c.Text), "HELP OR BEFREE") {
			t.Errorf("%s text %q treats BeFree as a keyword", c.ID, c.Text)
		}
	}
}

func TestShippedFiles(t *testing.T) {
	fsys := FS()
	names, err := fs.Glob(fsys, "*/v*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no shipped sets: %v", err)
	}
	if err := fstest.TestFS(fsys, append([]string{ContactsPath, WordingPath}, names...)...); err != nil {
		t.Fatal(err)
	}
	var inputs []Input
	for _, name := range append([]string{ContactsPath, WordingPath}, names...) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Name: name, Data: data})
	}
	if ds := Validate(inputs, testBase(t)); len(ds) > 0 {
		t.Errorf("shipped files have findings (warnings too fail: CI runs validate --strict):")
		for _, d := range ds {
			t.Errorf("  %s:%d:%d: %s [%s]", d.File, d.Pos.Line, d.Pos.Column, d.Message, d.Rule)
		}
	}
	// <id>/v<version>.yaml: the folder names the set, the file its version.
	cat, err := LoadCatalog(fsys, testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cat.Sets {
		if want := path.Join(f.Set.ID, "v"+f.Set.Version+".yaml"); f.Name != want {
			t.Errorf("%s holds set %s@%s; it belongs at %s", f.Name, f.Set.ID, f.Set.Version, want)
		}
	}
}

func TestCatalogFind(t *testing.T) {
	mk := func(id, version string) string {
		s := strings.Replace(baseYAML, "id: test\n", "id: "+id+"\n", 1)
		return strings.Replace(s, "version: 1.0.0", "version: "+version, 1)
	}
	fsys := fstest.MapFS{
		"demo/v1.0.0.yaml":  {Data: []byte(mk("demo", "1.0.0"))},
		"demo/v1.10.0.yaml": {Data: []byte(mk("demo", "1.10.0"))},
		"demo/v1.2.0.yaml":  {Data: []byte(mk("demo", "1.2.0"))},
	}
	cat, err := LoadCatalog(fsys, testBase(t))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := cat.Find("demo", ""); err != nil || f.Set.Version != "1.10.0" {
		t.Errorf("newest: got %v, %v; want 1.10.0 (semantic, not text, order)", f, err)
	}
	if f, err := cat.Find("demo", "1.2.0"); err != nil || f.Set.Version != "1.2.0" {
		t.Errorf("exact: got %v, %v", f, err)
	}
	if _, err := cat.Find("demo", "9.9.9"); err == nil || !strings.Contains(err.Error(), "1.0.0, 1.2.0, 1.10.0") {
		t.Errorf("missing version: %v", err)
	}
	if _, err := cat.Find("dmeo", ""); err == nil || !strings.Contains(err.Error(), `did you mean "demo"`) {
		t.Errorf("typo: %v", err)
	}
	bad := fstest.MapFS{"demo/v1.0.0.yaml": {Data: []byte("format: safeharbor/v1\n")}}
	if _, err := LoadCatalog(bad, testBase(t)); err == nil || !strings.Contains(err.Error(), "demo/v1.0.0.yaml:1:1") {
		t.Errorf("a broken set must not load: %v", err)
	}
}

// The YAML library reports some lines 0-based and some 1-based; each case marks the real line.
func TestSyntaxErrorLines(t *testing.T) {
	for name, tt := range map[string]struct {
		text string
		line int
	}{
		"flow mapping not closed": {"a: 1\nb: 2\nc: {x: 1, y: what?, z: 2}\n", 3},
		"missing comma":           {"a: 1\nb: {x: 1 y: 2\nc: 3\n", 2},
		"bracket not closed":      {"a: 1\nb: [1, 2\nc: 3\n", 2},
		"mapping values":          {"a: 1\nb: c: d\n", 2},
		"quote not closed":        {"a: 1\nb: \"x\nc: 2\n", 2},
		"list after mapping":      {"a: 1\nb: 2\n- c\n", 3},
		"bad indentation":         {"a:\n  b: 1\n c: 2\n", 3},
		"tab":                     {"a:\n\t- b\n", 2},
		"undefined alias":         {"a: 1\nb: *x\n", 2},
	} {
		var out screening.Findings
		parse([]byte(tt.text), &out, "a question set")
		if len(out) != 1 || out[0].Rule != screening.RuleYAMLSyntax || out[0].Pos.Line != tt.line {
			t.Errorf("%s: got %+v, want a yaml-syntax finding on line %d", name, out, tt.line)
		}
	}
}

// Scenarios are checked against the set they name, with positions.
func TestScenarioRules(t *testing.T) {
	scenario := `format: safeharbor-scenario/v1
id: one
title: One
set: test@1.0.0
responses:
  slept: {says: "At a friend's.", answer: [friend]}
  partner: {says: "Maybe.", answer: maybe}
  parnter: {says: "No.", answer: no}
expect:
  concern: possibel
  indicators: [hotle]
  actions: [asess]
`
	ds := Validate([]Input{{Name: "set.yaml", Data: []byte(baseYAML)}, {Name: "one.yaml", Data: []byte(scenario)}}, testBase(t))
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", d.File, d.Pos.Line, d.Pos.Column, d.Rule))
	}
	want := []string{
		"one.yaml:7:37 " + screening.RuleInvalidAnswer,
		"one.yaml:8:3 " + screening.RuleUnknownReference,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// With the answers fixed: an answer nothing asks for, and expectations the set cannot meet.
	scenario = strings.NewReplacer("answer: maybe", "answer: no", "  parnter:", "  partner-never:").Replace(scenario)
	scenario = strings.Replace(scenario, "  partner-never: {says: \"No.\", answer: no}\n", "", 1)
	set := strings.Replace(baseYAML, "when: {question: slept, answered: true}", "when: {question: slept, includes: hotel}", 1)
	ds = Validate([]Input{{Name: "set.yaml", Data: []byte(set)}, {Name: "one.yaml", Data: []byte(scenario)}}, testBase(t))
	got = nil
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %s", d.File, d.Pos.Line, d.Pos.Column, d.Rule, d.Message))
	}
	for _, w := range []string{
		"one.yaml:7:3 " + screening.RuleUnusedResponse + ` the answer to "partner" is never used`,
		"one.yaml:9:12 " + screening.RuleUnknownValue + ` unknown concern "possibel"`,
		"one.yaml:10:16 " + screening.RuleUnknownReference + ` expect: set test has no indicator "hotle" (did you mean "hotel"?)`,
		"one.yaml:11:13 " + screening.RuleUnknownReference + ` expect: set test has no action "asess" (did you mean "assess"?)`,
	} {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, w)
		}
		if !found {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}

func TestAnswersFile(t *testing.T) {
	af, err := DecodeAnswers("a.yaml", []byte("set: post-return@1.0.0\nanswers:\n  age: 15\n  slept-where: [friend, hotel]\n  exchange: declined\n  hurt: true\nnotes:\n  while-away: she said so\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(af.Answers) != 4 || af.Answers[1].QuestionID != "slept-where" || !af.Answers[1].IsList || af.Answers[2].State != screening.StateDeclined || af.Answers[3].Text != "true" || af.Notes["while-away"] != "she said so" {
		t.Errorf("decoded %+v", af)
	}
	for _, tt := range []struct{ name, text, want string }{
		{"answered twice", "answers:\n  age: 15\n  age: 16\n", `a.yaml:3:3: "age" appears twice in answers: first at line 2, column 3`},
		{"noted twice", "notes:\n  s: a\n  s: b\n", `a.yaml:3:3: "s" appears twice in notes`},
		{"empty answer", "answers:\n  age:\n", "a.yaml:2:7: the answer to \"age\" is empty"},
		{"answers as a list", "answers: [age]\n", "a.yaml:1:10: answers must be a mapping of question ids to answers, not a list"},
		{"unknown key", "anwsers: {}\n", `unknown key "anwsers" in the answers file (did you mean "answers"?)`},
		{"an alias", "answers: &a {age: 1}\n", "anchors (&a) are not allowed"},
		{"a merge key among ids", "answers:\n  <<: {age: 15}\n", "a.yaml:2:3: merge keys (<<) are not allowed"},
		{"a list as an id", "answers:\n  [age]: 15\n", "a.yaml:2:3: a key must be an id"},
		{"an empty file", "", "a.yaml:1:1: the answers file is empty; it starts with `set:` and `answers:`"},
		{"a file of comments", "# nothing yet\n", "a.yaml:1:1: the answers file is empty"},
		{"a binary answer", "answers:\n  age: !!binary MTU=\n", "a.yaml:2:8: the tag !!binary is not allowed"},
		{"an escape in a note", "notes:\n  s: \"a\\e[2Jb\"\n", "a.yaml:2:6: a note holds U+001B (an escape)"},
		{"a direction override in an answer", "answers:\n  who: \"my \\u202eboyfriend\"\n", "a.yaml:2:8: the answer to \"who\" holds U+202E (a direction override)"},
		{"an escape in a list answer", "answers:\n  slept: [friend, \"ho\\x1btel\"]\n", "a.yaml:2:19: the answer to \"slept\" holds U+001B"},
	} {
		_, err := DecodeAnswers("a.yaml", []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// A translation must carry every string of the exact set version it names, and nothing else.
func TestTranslationRules(t *testing.T) {
	es, err := fs.ReadFile(FS(), "example/translations/v0.1.0.es.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fs.ReadFile(FS(), "example/v0.1.0.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, old, new, rule, want string }{
		{"a missing label", "      family: {from: With family, to: Con familia}\n", "", screening.RuleMissingTranslation, `lacks the label of option "family" of question "slept-where"`},
		{"a missing question", "  several-phones:\n    text: {from: Has more than one phone., to: Tiene más de un teléfono.}\n", "", screening.RuleMissingTranslation, `lacks the text of question "several-phones"`},
		{"an unknown question", "  room-paid-by:", "  room-payd-by:", screening.RuleUnknownReference, `no question "room-payd-by" (did you mean "room-paid-by"?)`},
		{"a step of another kind", "  - do:\n      from: Write the number", "  - say:\n      from: Write the number", screening.RuleMissingTranslation, `step 2 of the closing is "do" in the set but "say" here`},
		{"a source without its translation", "{from: With family, to: Con familia}", "{from: With family}", screening.RuleMissingField, "has no `to:` (the translation)"},
		{"a key other than from and to", "{from: With family, to: Con familia}", "{from: With family, to: Con familia, es: Con familia}", screening.RuleUnknownKey, `unknown key "es"`},
		{"a changed source", "{from: With family,", "{from: With the family,", screening.RuleStaleTranslation, `the label of option "family" of question "slept-where" was translated from "With the family", but the set now says "With family"`},
		{"a stigmatizing word read aloud", "¿Quién pagó el cuarto?", "¿Quién pagó el cuarto, la prostituta?", screening.RuleStigmatizing, `"prostituta"`},
		{"another version", "set: example@0.1.0", "set: example@0.2.0", screening.RuleUnknownReference, "no question set example@0.2.0"},
	} {
		text := strings.Replace(string(es), tt.old, tt.new, 1)
		if text == string(es) {
			t.Fatalf("%s: the edit changed nothing", tt.name)
		}
		ds := Validate([]Input{{Name: "set.yaml", Data: set}, {Name: "es.yaml", Data: []byte(text)}}, testBase(t))
		found := false
		for _, d := range ds {
			found = found || (d.File == "es.yaml" && d.Rule == tt.rule && strings.Contains(d.Message, tt.want))
		}
		if !found {
			t.Errorf("%s: want %s %q; got %v", tt.name, tt.rule, tt.want, ds)
		}
	}
}
