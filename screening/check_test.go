package screening

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// at returns a distinct position for each call site, so a finding's position can be checked.
func at(line int) Pos { return Pos{Line: line, Column: 3} }

// validSet is a small set with no findings; each case below breaks one thing.
func validSet() *QuestionSet {
	return &QuestionSet{
		Format: "safeharbor/v1", ID: "test", Version: "1.0.0", Status: StatusActive,
		Title: "Test set", Language: "en", Pos: at(1), IDPos: at(2), VersionPos: at(3), StatusPos: at(4), LangPos: at(5),
		Sources: []Source{{ID: "guide", Title: "A guide", Pos: at(6), IDPos: at(6)}},
		Levels:  Levels{Possible: 2, Clear: 5, PossiblePos: at(7), ClearPos: at(7)}, LevelsPos: at(7),
		Opening: []Step{{Kind: StepSay, Text: "I'm glad you're back.", Pos: at(8)}, {Kind: StepDo, Text: "Find a quiet room.", Pos: at(9)}},
		Sections: []Section{{
			ID: "away", Title: "While away", Pos: at(10), IDPos: at(10),
			Questions: []Question{
				{
					ID: "slept", Mode: ModeAsk, Type: TypeMulti, Text: "Where did you sleep?", Pos: at(11), IDPos: at(11), TextPos: at(11), OptionsPos: at(12),
					Options: []Option{
						{Value: "friend", Label: "At a friend's", Pos: at(12), ValuePos: at(12), LabelPos: at(12)},
						{Value: "hotel", Label: "A hotel", Indicator: Ref{"hotel", at(13)}, Pos: at(13), ValuePos: at(13), LabelPos: at(13)},
					},
				},
				{ID: "partner", Mode: ModeAsk, Type: TypeYesNo, Text: "Is there someone older you've been seeing?", Indicator: Ref{"older", at(14)}, Pos: at(14), IDPos: at(14), TextPos: at(14)},
				{
					ID: "phones", Mode: ModeObserve, Type: TypeYesNo, Text: "Has several phones.", Indicator: Ref{"phones", at(15)}, Pos: at(15), IDPos: at(15), TextPos: at(15),
					When: &Condition{Op: OpIs, Question: "partner", Value: "yes", QuestionPos: at(16), ValuePos: at(16), Pos: at(16), OpPos: at(16)},
				},
				{ID: "days", Mode: ModeRecord, Type: TypeNumber, Text: "Days away", Pos: at(17), IDPos: at(17), TextPos: at(17)},
			},
		}},
		Indicators: []Indicator{
			{ID: "hotel", Label: "Hotel stays", Weight: 2, Sources: []Ref{{"guide", at(18)}}, Pos: at(18), IDPos: at(18), LabelPos: at(18), WeightPos: at(18)},
			{ID: "older", Label: "Older partner", Weight: 2, Sources: []Ref{{"guide", at(19)}}, Pos: at(19), IDPos: at(19), LabelPos: at(19), WeightPos: at(19)},
			{ID: "phones", Label: "Several phones", Weight: 1, Sources: []Ref{{"guide", at(20)}}, Pos: at(20), IDPos: at(20), LabelPos: at(20), WeightPos: at(20)},
		},
		Actions: []Action{
			{ID: "assess", Priority: PriorityRecommended, Text: "Arrange a fuller assessment.", When: &Condition{Op: OpLevel, Level: LevelPossible, LevelPos: at(21), Pos: at(21)}, Contacts: []Ref{{"hotline", at(21)}}, Pos: at(21), IDPos: at(21), TextPos: at(21), PriorityPos: at(21)},
		},
		Contacts: []Ref{{"hotline", at(22)}, {"ncmec", at(22)}},
	}
}

func testOptions() CheckOptions {
	var dir ContactDirectory
	dir.Add(Contact{ID: "hotline", Name: "Hotline", Phone: "1-888-373-7888"}, Contact{ID: "ncmec", Name: "NCMEC", Phone: "1-800-843-5678"})
	return CheckOptions{Contacts: &dir, Wording: NewWording([]Term{
		{ID: "prostitution", Phrases: []string{"prostitute", "prostitution", "child prostitute"}, Kind: TermStigmatizing, Why: "it blames the child", Suggest: "describe what happened"},
		{ID: "trafficking", Phrases: []string{"trafficking", "trafficked"}, Kind: TermLabel, Why: "a label", Suggest: "plain words"},
		{ID: "trick", Phrases: []string{"tricks", "turn a trick"}, Kind: TermStigmatizing, Why: "slang", Suggest: "the person who paid"},
	})}
}

func q(s *QuestionSet, id string) *Question {
	for i := range s.Sections {
		for j := range s.Sections[i].Questions {
			if s.Sections[i].Questions[j].ID == id {
				return &s.Sections[i].Questions[j]
			}
		}
	}
	panic("no question " + id)
}

func TestValidSetHasNoFindings(t *testing.T) {
	if fs := CheckSet(validSet(), testOptions()); len(fs) > 0 {
		t.Fatalf("findings on the valid set: %+v", fs)
	}
}

func TestCheckSetRules(t *testing.T) {
	tests := []struct {
		name     string
		break_   func(s *QuestionSet)
		rule     string
		severity Severity
		line     int    // expected line of the finding
		message  string // a part of the message
	}{
		{"missing id", func(s *QuestionSet) { s.ID = "" }, RuleMissingField, SeverityError, 1, "no id"},
		{"id not kebab", func(s *QuestionSet) { s.ID = "Post_Return" }, RuleInvalidID, SeverityError, 2, `such as "post-return"`},
		{"version not semver", func(s *QuestionSet) { s.Version = "1.0" }, RuleInvalidVersion, SeverityError, 3, "MAJOR.MINOR.PATCH"},
		{"version with v", func(s *QuestionSet) { s.Version = "v1.0.0" }, RuleInvalidVersion, SeverityError, 3, "not a semantic version"},
		{"missing version", func(s *QuestionSet) { s.Version = "" }, RuleMissingField, SeverityError, 1, "no version"},
		{"unknown status", func(s *QuestionSet) { s.Status = "actve" }, RuleUnknownValue, SeverityError, 4, `did you mean "active"`},
		{"missing status", func(s *QuestionSet) { s.Status = "" }, RuleMissingField, SeverityError, 1, "no status"},
		{"missing title", func(s *QuestionSet) { s.Title = " " }, RuleMissingField, SeverityError, 1, "no title"},
		{"bad language", func(s *QuestionSet) { s.Language = "english" }, RuleInvalidLanguage, SeverityError, 5, "BCP 47"},
		{"missing language", func(s *QuestionSet) { s.Language = "" }, RuleMissingField, SeverityError, 1, "no language"},
		{"levels missing", func(s *QuestionSet) { s.Levels = Levels{}; s.LevelsPos = Pos{} }, RuleLevels, SeverityError, 1, "no levels"},
		{"levels zero", func(s *QuestionSet) { s.Levels.Possible = 0 }, RuleLevels, SeverityError, 7, "above 0"},
		{"levels negative", func(s *QuestionSet) { s.Levels.Possible = -1 }, RuleLevels, SeverityError, 7, "above 0"},
		{"levels not increasing", func(s *QuestionSet) { s.Levels.Clear = 2 }, RuleLevels, SeverityError, 7, "must be above levels.possible"},
		{"clear unreachable", func(s *QuestionSet) { s.Levels.Clear = 50 }, RuleUnreachableLevel, SeverityWarning, 7, "weigh 5"},
		{"possible unreachable", func(s *QuestionSet) { s.Levels = Levels{Possible: 9, Clear: 10, PossiblePos: at(7)} }, RuleUnreachableLevel, SeverityWarning, 7, "levels.possible is 9"},
		{"no sections", func(s *QuestionSet) { s.Sections = nil }, RuleMissingField, SeverityError, 1, "no sections"},
		{"empty section", func(s *QuestionSet) {
			s.Sections = append(s.Sections, Section{ID: "empty", Title: "Empty", Pos: at(30), IDPos: at(30)})
		}, RuleEmptySection, SeverityError, 30, "no questions"},
		{"section without title", func(s *QuestionSet) { s.Sections[0].Title = "" }, RuleMissingField, SeverityError, 10, "no title"},
		{"duplicate section", func(s *QuestionSet) {
			s.Sections = append(s.Sections, Section{ID: "away", Title: "Again", Pos: at(31), IDPos: at(31), Questions: []Question{{ID: "more", Mode: ModeRecord, Type: TypeText, Text: "More", Pos: at(31)}}})
		}, RuleDuplicateID, SeverityError, 31, "first defined at line 10"},
		{"duplicate question", func(s *QuestionSet) { q(s, "days").ID = "slept" }, RuleDuplicateID, SeverityError, 17, `duplicate question id "slept": first defined at line 11`},
		{"duplicate option", func(s *QuestionSet) { q(s, "slept").Options[1].Value = "friend" }, RuleDuplicateID, SeverityError, 13, "option value"},
		{"duplicate indicator", func(s *QuestionSet) { s.Indicators[1].ID = "hotel" }, RuleDuplicateID, SeverityError, 19, "indicator"},
		{"duplicate action", func(s *QuestionSet) {
			s.Actions = append(s.Actions, Action{ID: "assess", Priority: PriorityUrgent, Text: "Again", Pos: at(32), IDPos: at(32)})
		}, RuleDuplicateID, SeverityError, 32, "action"},
		{"duplicate source", func(s *QuestionSet) {
			s.Sources = append(s.Sources, Source{ID: "guide", Title: "Again", Pos: at(33), IDPos: at(33)})
		}, RuleDuplicateID, SeverityError, 33, "source"},
		{"source without title", func(s *QuestionSet) { s.Sources[0].Title = "" }, RuleMissingField, SeverityError, 6, "cite the document"},
		{"unknown source", func(s *QuestionSet) { s.Indicators[0].Sources[0].ID = "guid" }, RuleUnknownReference, SeverityError, 18, `did you mean "guide"`},
		{"indicator without source", func(s *QuestionSet) { s.Indicators[0].Sources = nil }, RuleMissingSource, SeverityError, 18, "cites no source"},
		{"uncited source", func(s *QuestionSet) {
			s.Sources = append(s.Sources, Source{ID: "other", Title: "Other", Pos: at(34), IDPos: at(34)})
		}, RuleUncitedSource, SeverityWarning, 34, "cited by no indicator"},
		{"zero weight", func(s *QuestionSet) { s.Indicators[0].Weight = 0 }, RuleInvalidNumber, SeverityError, 18, "above 0"},
		{"indicator without label", func(s *QuestionSet) { s.Indicators[0].Label = "" }, RuleMissingText, SeverityError, 18, "no label"},
		{"unraised indicator", func(s *QuestionSet) {
			s.Indicators = append(s.Indicators, Indicator{ID: "idle", Label: "Idle", Weight: 1, Sources: []Ref{{"guide", at(35)}}, Pos: at(35), IDPos: at(35)})
		}, RuleUnraisedIndicator, SeverityWarning, 35, "can never count"},
		{"unknown indicator on option", func(s *QuestionSet) { q(s, "slept").Options[1].Indicator.ID = "hotels" }, RuleUnknownReference, SeverityError, 13, `did you mean "hotel"`},
		{"unknown indicator on question", func(s *QuestionSet) { q(s, "partner").Indicator.ID = "olde" }, RuleUnknownReference, SeverityError, 14, `did you mean "older"`},
		{"indicator on a multi question", func(s *QuestionSet) { q(s, "slept").Indicator = Ref{"hotel", at(36)} }, RuleMisplacedField, SeverityError, 36, "put it on the options"},
		{"min on a text question", func(s *QuestionSet) { x := 1.0; q(s, "slept").Min = &x; q(s, "slept").MinPos = at(37) }, RuleMisplacedField, SeverityError, 37, "only to number"},
		{"min above max", func(s *QuestionSet) {
			lo, hi := 5.0, 1.0
			d := q(s, "days")
			d.Min, d.Max, d.MinPos = &lo, &hi, at(38)
		}, RuleInvalidNumber, SeverityError, 38, "above max"},
		{"missing mode", func(s *QuestionSet) { q(s, "days").Mode = "" }, RuleMissingField, SeverityError, 17, "no mode"},
		{"unknown mode", func(s *QuestionSet) { d := q(s, "days"); d.Mode = "observ"; d.ModePos = at(39) }, RuleUnknownValue, SeverityError, 39, `did you mean "observe"`},
		{"missing type", func(s *QuestionSet) { q(s, "days").Type = "" }, RuleMissingField, SeverityError, 17, "no type"},
		{"unknown type", func(s *QuestionSet) { d := q(s, "days"); d.Type = "numbr"; d.TypePos = at(40) }, RuleUnknownValue, SeverityError, 40, `did you mean "number"`},
		{"question without text", func(s *QuestionSet) { q(s, "days").Text = "" }, RuleMissingText, SeverityError, 17, "no text"},
		{"options on yesno", func(s *QuestionSet) {
			p := q(s, "partner")
			p.Options, p.OptionsPos = []Option{{Value: "a", Label: "A"}}, at(41)
		}, RuleOptionsNotAllowed, SeverityError, 41, "takes no options"},
		{"no options on single", func(s *QuestionSet) { p := q(s, "slept"); p.Type = TypeSingle; p.Options = nil }, RuleOptionsRequired, SeverityError, 12, "no options"},
		{"option without value", func(s *QuestionSet) { q(s, "slept").Options[0].Value = "" }, RuleMissingField, SeverityError, 12, "no value"},
		{"option without label", func(s *QuestionSet) { q(s, "slept").Options[0].Label = "" }, RuleMissingText, SeverityError, 12, "no label"},
		{"option value not kebab", func(s *QuestionSet) { q(s, "slept").Options[0].Value = "A Friend" }, RuleInvalidID, SeverityError, 12, `"a-friend"`},
		{"reserved option value", func(s *QuestionSet) { q(s, "slept").Options[0].Value = "declined" }, RuleReservedValue, SeverityError, 12, "kept for every question"},
		{"when on unknown question", func(s *QuestionSet) { q(s, "phones").When.Question = "partnr" }, RuleUnknownReference, SeverityError, 16, `did you mean "partner"`},
		{"when on a later question", func(s *QuestionSet) { q(s, "phones").When.Question = "days" }, RuleForwardReference, SeverityError, 16, "comes later"},
		{"when on itself", func(s *QuestionSet) { q(s, "phones").When.Question = "phones" }, RuleForwardReference, SeverityError, 16, "itself"},
		{"when value not an option", func(s *QuestionSet) {
			q(s, "phones").When = &Condition{Op: OpIncludes, Question: "slept", Value: "hotle", QuestionPos: at(42), ValuePos: at(42)}
		}, RuleOptionValue, SeverityError, 42, `did you mean "hotel"`},
		{"yesno compared with maybe", func(s *QuestionSet) { q(s, "phones").When.Value = "maybe" }, RuleOptionValue, SeverityError, 16, `"yes" or "no"`},
		{"includes on yesno", func(s *QuestionSet) { c := q(s, "phones").When; c.Op = OpIncludes; c.OpPos = at(43) }, RuleOperatorType, SeverityError, 43, "use `is` or `is_not`"},
		{"is on multi", func(s *QuestionSet) {
			q(s, "phones").When = &Condition{Op: OpIs, Question: "slept", Value: "hotel", OpPos: at(44), QuestionPos: at(44)}
		}, RuleOperatorType, SeverityError, 44, "use `includes`"},
		{"at_least on yesno", func(s *QuestionSet) { c := q(s, "phones").When; c.Op = OpAtLeast; c.OpPos = at(45) }, RuleOperatorType, SeverityError, 45, "use `is` or `is_not`"},
		{"when on unknown indicator", func(s *QuestionSet) {
			q(s, "phones").When = &Condition{Op: OpIndicator, Indicator: "hotels", IndicatorPos: at(46)}
		}, RuleUnknownReference, SeverityError, 46, `did you mean "hotel"`},
		{"when on an indicator only later questions raise", func(s *QuestionSet) {
			q(s, "partner").When = &Condition{Op: OpIndicator, Indicator: "phones", IndicatorPos: at(47)}
		}, RuleForwardReference, SeverityError, 47, "no question before it"},
		{"nested condition checked", func(s *QuestionSet) {
			q(s, "phones").When = &Condition{Op: OpAll, Sub: []Condition{
				{Op: OpAnswered, Question: "partner", Flag: true},
				{Op: OpNot, Sub: []Condition{{Op: OpIs, Question: "nobody", QuestionPos: at(48)}}},
			}}
		}, RuleUnknownReference, SeverityError, 48, "unknown question"},
		{"unknown level", func(s *QuestionSet) { s.Actions[0].When.Level = "high" }, RuleUnknownValue, SeverityError, 21, "unknown level"},
		{"action priority unknown", func(s *QuestionSet) { s.Actions[0].Priority = "urgnt" }, RuleUnknownValue, SeverityError, 21, `did you mean "urgent"`},
		{"action without priority", func(s *QuestionSet) { s.Actions[0].Priority = "" }, RuleMissingField, SeverityError, 21, "no priority"},
		{"action without text", func(s *QuestionSet) { s.Actions[0].Text = "" }, RuleMissingText, SeverityError, 21, "no text"},
		{"unknown contact", func(s *QuestionSet) { s.Contacts[1].ID = "ncmc" }, RuleUnknownReference, SeverityError, 22, `did you mean "ncmec"`},
		{"unknown action contact", func(s *QuestionSet) { s.Actions[0].Contacts[0].ID = "police" }, RuleUnknownReference, SeverityError, 21, "unknown contact"},
		{"step without text", func(s *QuestionSet) { s.Opening[1].Text = "" }, RuleMissingText, SeverityError, 9, "no text"},
		{"stigmatizing question", func(s *QuestionSet) { q(s, "partner").Text = "Were you a child prostitute?" }, RuleStigmatizing, SeverityError, 14, `"child prostitute"`},
		{"stigmatizing option", func(s *QuestionSet) { q(s, "slept").Options[0].Label = "With tricks" }, RuleStigmatizing, SeverityError, 12, "the person who paid"},
		{"stigmatizing say step", func(s *QuestionSet) { s.Opening[0].Text = "We ask about PROSTITUTION." }, RuleStigmatizing, SeverityError, 8, `"prostitution"`},
		{"stigmatizing indicator label", func(s *QuestionSet) { s.Indicators[0].Label = "Prostitution" }, RuleStigmatizing, SeverityWarning, 18, "case record"},
		{"label read aloud", func(s *QuestionSet) { q(s, "partner").Text = "Were you trafficked?" }, RuleProfessionalLabel, SeverityWarning, 14, "plain words"},
		{"why question", func(s *QuestionSet) { q(s, "partner").Text = "Why did you leave?" }, RuleWhyQuestion, SeverityWarning, 14, "blame"},
		{"why in a later sentence", func(s *QuestionSet) { q(s, "partner").Text = "You left. why?" }, RuleWhyQuestion, SeverityWarning, 14, "blame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSet()
			tt.break_(s)
			fs := CheckSet(s, testOptions())
			for _, f := range fs {
				if f.Rule == tt.rule && f.Severity == tt.severity && f.Pos.Line == tt.line && strings.Contains(f.Message, tt.message) {
					return
				}
			}
			t.Errorf("want %s %s at line %d containing %q; got:", tt.severity, tt.rule, tt.line, tt.message)
			for _, f := range fs {
				t.Errorf("  line %d: %s: %s [%s]", f.Pos.Line, f.Severity, f.Message, f.Rule)
			}
		})
	}
}

func TestWordingDoesNotOverreach(t *testing.T) {
	w := testOptions().Wording
	for _, text := range []string{
		"Did anyone trick you into going with them?", // deception, said plainly: needed
		"Did you feel safe where you stayed?",
		"What was going on before you left?",
		"Somebody who made money from you?",
	} {
		if m := w.Find(text); len(m) > 0 {
			t.Errorf("Find(%q) = %v, want nothing", text, m[0].Phrase)
		}
	}
	if m := w.Find("Did anyone ask you to turn a trick?"); len(m) != 1 || m[0].Phrase != "turn a trick" {
		t.Errorf("multi-word phrase not found: %v", m)
	}
}

func TestStartsWithWhy(t *testing.T) {
	for text, want := range map[string]bool{
		"Why did you go?":            true,
		"  why?":                     true,
		"OK. Why not?":               true,
		"Whyever":                    false,
		"Who were you with? Where?":  false,
		"Tell me why you left":       false, // not at a sentence start; still worth rewording, but not this rule
		"What happened? WHY did it?": true,
	} {
		if got := startsWithWhy(text); got != want {
			t.Errorf("startsWithWhy(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestCheckContacts(t *testing.T) {
	tests := []struct {
		name    string
		c       Contact
		rule    string
		message string
	}{
		{"no name", Contact{ID: "a", Phone: "911"}, RuleMissingField, "no name"},
		{"no way to reach", Contact{ID: "a", Name: "A"}, RuleMissingField, "no phone, text or url"},
		{"bad phone", Contact{ID: "a", Name: "A", Phone: "call 555-1234!"}, RuleInvalidPhone, "cannot dial"},
		{"too few digits", Contact{ID: "a", Name: "A", Phone: "1-HOTLINE"}, RuleInvalidPhone, "cannot dial"},
		{"bad id", Contact{ID: "A B", Name: "A", Phone: "911"}, RuleInvalidID, "kebab-case"},
		{"not a date", Contact{ID: "a", Name: "A", Phone: "911", Confirmed: "22/11/2026"}, RuleInvalidDate, "YYYY-MM-DD"},
		{"no such day", Contact{ID: "a", Name: "A", Phone: "911", Confirmed: "2026-02-30"}, RuleInvalidDate, "YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CheckContacts([]Contact{tt.c})
			for _, f := range fs {
				if f.Rule == tt.rule && strings.Contains(f.Message, tt.message) {
					return
				}
			}
			t.Errorf("want %s containing %q, got %+v", tt.rule, tt.message, fs)
		})
	}
	dup := CheckContacts([]Contact{{ID: "a", Name: "A", Phone: "911", IDPos: at(1)}, {ID: "a", Name: "B", Phone: "911", IDPos: at(2)}})
	if len(dup) != 1 || dup[0].Rule != RuleDuplicateID || dup[0].Pos.Line != 2 {
		t.Errorf("duplicate contact: %+v", dup)
	}
	if fs := CheckContacts([]Contact{{ID: "ncmec", Name: "NCMEC", Phone: "1-800-THE-LOST (1-800-843-5678)"}}); len(fs) != 0 {
		t.Errorf("vanity number refused: %+v", fs)
	}
}

func TestDidYouMean(t *testing.T) {
	for _, tt := range []struct {
		got        string
		candidates []string
		want       string
	}{
		{"actve", []string{"draft", "active", "retired"}, ` (did you mean "active"?)`},
		{"ACTIVE", []string{"draft", "active", "retired"}, ` (did you mean "active"?)`},
		{"atcive", []string{"draft", "active", "retired"}, ` (did you mean "active"?)`}, // a swap is one slip
		{"zzzzzz", []string{"draft", "active", "retired"}, ""},
		{"a", []string{"draft", "active", "retired"}, ""},
		{"gang", []string{"gang-boyfriend", "grandmother", "survival-stay"}, ` (did you mean "gang-boyfriend"?)`},
		{"gang-bf", []string{"gang-boyfriend", "grandmother"}, ` (did you mean "gang-boyfriend"?)`},
		{"rejected", []string{"rejected-at-home", "grandmother"}, ` (did you mean "rejected-at-home"?)`},
		{"gr", []string{"grandmother", "gang-boyfriend"}, ""},                      // too short to guess
		{"slept", []string{"slept-where", "slept-with"}, ""},                       // two start so: no guess
		{strings.Repeat("a", 5000), []string{strings.Repeat("a", 4999) + "b"}, ""}, // too long to be a slip
		{strings.Repeat("ab", 60), []string{strings.Repeat("ab", 59) + "ba"}, ` (did you mean "` + strings.Repeat("ab", 59) + `ba"?)`},
	} {
		if got := DidYouMean(tt.got, tt.candidates); got != tt.want {
			t.Errorf("DidYouMean(%.20q) = %.60q, want %.60q", tt.got, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"hotel", "hotel", 3, 0},
		{"hotle", "hotel", 3, 1},
		{"hotel", "motels", 3, 2},
		{"kitten", "sitting", 5, 3},
		{"abcdef", "uvwxyz", 2, 3}, // over the limit: limit+1
		{"", "abc", 5, 3},
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// osaDistance is the textbook optimal-string-alignment distance, the whole table: the reference
// the banded, trimmed editDistance must agree with.
func osaDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditDistanceAgreesWithTheWholeTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "abc-"[rng.IntN(4)]
		}
		return string(b)
	}
	rows := newDistanceRows(4) // reused, as a search reuses it, from short words to long
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(6)
		want := min(osaDistance(a, b), limit+1)
		if got := editDistance(a, b, limit); got != want {
			t.Fatalf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
		if got, _, _ := rows.distance(a, b, limit, 1<<30); got != want {
			t.Fatalf("reused rows: distance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
}

// However many long ids a set has, and however many slips, one suggestion does a bounded amount
// of work: a 120 KB set of long ids once needed 29 GB, and a 165 KB one took 32 seconds.
func TestDidYouMeanWorkIsBounded(t *testing.T) {
	long := func(i int) string { return "indicator-" + strings.Repeat("abcdefghij", 11) + fmt.Sprintf("-%d", i) }
	var candidates []string
	for i := range 5000 {
		candidates = append(candidates, long(i))
	}
	for _, got := range []string{long(4321) + "x", strings.Repeat("z", 120), "indicator-zzz"} {
		_, _, used := closest(got, candidates, suggestBudget)
		if used > suggestBudget {
			t.Errorf("%.20q: %d steps, over the budget of %d", got, used, suggestBudget)
		}
	}
	// Within the budget, the slip is still found.
	if got := DidYouMean(long(12)+"x", candidates[:100]); got != ` (did you mean "`+long(12)+`"?)` {
		t.Errorf("the slip is not found: %q", got)
	}
}

func TestIsSemverAndIsID(t *testing.T) {
	for v, want := range map[string]bool{"1.0.0": true, "0.1.0-rc.1+b2": true, "1.0": false, "01.0.0": false, "v1.0.0": false, "": false} {
		if IsSemver(v) != want {
			t.Errorf("IsSemver(%q) != %v", v, want)
		}
	}
	for id, want := range map[string]bool{"post-return": true, "a1": true, "-a": false, "a-": false, "a--b": false, "A": false, "a_b": false, "": false} {
		if IsID(id) != want {
			t.Errorf("IsID(%q) != %v", id, want)
		}
	}
}

func TestURLProblem(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"https://humantraffickinghotline.org", ""},
		{"https://example.org/a%20b?x=1#y", ""},
		{"HTTP://EXAMPLE.ORG", ""},
		{"tel:+1-800-843-5678", ""},
		{"tel:911", ""},
		{"mailto:intake@example.org", ""},
		{"javascript:alert(1)", "is not a web address"},
		{"JAVASCRIPT:alert(1)", "is not a web address"},
		{"vbscript:x", "is not a web address"},
		{"data:text/html,x", "is not a web address"},
		{"file:///etc/passwd", "is not a web address"},
		{"//example.org", "is not a web address"},
		{"example.org", "is not a web address"},
		{"https://", "has no host"},
		{"https:example.org", "has no host"},
		{"https://exa mple.org", "is not a web address"},
		{"tel:call-now", "is not a phone number"},
		{"tel:", "is not a phone number"},
		{"mailto:", "has no address"},
		{"mailto:nobody", "has no address"},
	} {
		got := URLProblem(tc.url)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("URLProblem(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

// Words are lower-cased runs of letters and digits, with their inner apostrophes (straight or
// curly) kept straight and their outer ones dropped.
func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Were you with a John?", []string{"were", "you", "with", "a", "john"}},
		{"Don’t say ‘the life’", []string{"don't", "say", "the", "life"}},
		{"'quoted' 24h, 233733", []string{"quoted", "24h", "233733"}},
		{"ÑANDÚ ñandú", []string{"ñandú", "ñandú"}},
		{"a ' b", []string{"a", "", "b"}}, // an apostrophe alone is a word of nothing: "a b" does not match across it
		{"", []string{}},
	} {
		if got := splitWords(tc.in); strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
