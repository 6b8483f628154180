package screening

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fullSet is validSet with every optional part: domains, a level rule, completeness, a closing,
// help, a number range, a datetime question, an interrupting action with a deadline.
func fullSet() *QuestionSet {
	s := validSet()
	s.Domains = []Domain{{ID: "sexual", Label: "Sexual exploitation", Pos: at(30), IDPos: at(30), LabelPos: at(30)}, {ID: "vulnerability", Label: "Vulnerability", Pos: at(31), IDPos: at(31)}}
	for i := range s.Indicators {
		s.Indicators[i].Domain = Ref{"sexual", at(32)}
	}
	s.Levels.ClearNeeds = Needs{MinWeight: 2, Domains: []Ref{{"sexual", at(7)}}}
	s.Complete, s.CompletePos = &CompletenessRule{MinAnswered: 1, KeyQuestions: []Ref{{"partner", at(33)}}, Pos: at(33)}, at(33)
	s.Closing = []Step{{Kind: StepSay, Text: "Thank you.", Pos: at(34)}, {Kind: StepDo, Text: "Give them the number.", Pos: at(35)}}
	s.Sections[0].Help = "Listen."
	days := q(s, "days")
	lo, hi := 0.0, 365.0
	days.Min, days.Max, days.Unit = &lo, &hi, "days"
	q(s, "slept").Help = "Curious, not accusing."
	s.Sections = append(s.Sections, Section{ID: "record", Title: "From the record", Pos: at(36), IDPos: at(36), Questions: []Question{
		{ID: "learned-at", Mode: ModeRecord, Type: TypeDateTime, Text: "When the agency learned", Pos: at(37), IDPos: at(37)},
	}})
	s.Actions = append(s.Actions, Action{
		ID: "report", Priority: PriorityRequired, Text: "Report within 24 hours.", Interrupt: true,
		When: &Condition{Op: OpIndicator, Indicator: "older", Pos: at(38)}, Contacts: []Ref{{"hotline", at(38)}},
		Due: &Due{From: Ref{"learned-at", at(39)}, Within: 24 * time.Hour, WithinText: "24h", Pos: at(39)}, Pos: at(38), IDPos: at(38),
	})
	s.Indicators[1].Help = "Ask gently."
	s.Indicators[1].Disclosure = false
	s.Sources[0].Publisher, s.Sources[0].Year, s.Sources[0].URL = "A publisher", 2020, "https://example.org"
	return s
}

func ind(s *QuestionSet, id string) *Indicator {
	for i := range s.Indicators {
		if s.Indicators[i].ID == id {
			return &s.Indicators[i]
		}
	}
	panic("no indicator " + id)
}

func act(s *QuestionSet, id string) *Action {
	for i := range s.Actions {
		if s.Actions[i].ID == id {
			return &s.Actions[i]
		}
	}
	panic("no action " + id)
}

// want is a difference as a case expects it: kind item id field bump, and optionally the words
// before and after.
type want struct {
	kind          DiffKind
	item          DiffItem
	id, field     string
	bump          Bump
	before, after string
}

func (w want) String() string {
	return fmt.Sprintf("%s %s %s %s (%s)", w.kind, w.item, w.id, w.field, w.bump)
}

func TestDiffSets(t *testing.T) {
	tests := []struct {
		name string
		edit func(s *QuestionSet)
		want []want
	}{
		{"nothing", func(*QuestionSet) {}, nil},
		{"the version alone", func(s *QuestionSet) { s.Version = "1.1.0" }, nil},
		{"the title", func(s *QuestionSet) { s.Title = "A test set" }, []want{{DiffReworded, ItemSet, "test", "title", BumpMinor, "Test set", "A test set"}}},
		{"the title's capitals", func(s *QuestionSet) { s.Title = "Test Set" }, []want{{DiffReworded, ItemSet, "test", "title", BumpPatch, "", ""}}},
		{"the description added", func(s *QuestionSet) { s.Description = "For tests." }, []want{{DiffAdded, ItemSet, "test", "description", BumpPatch, "", "For tests."}}},
		{"the status", func(s *QuestionSet) { s.Status = StatusRetired }, []want{{DiffChanged, ItemSet, "test", "status", BumpPatch, "active", "retired"}}},
		{"the language", func(s *QuestionSet) { s.Language = "es" }, []want{{DiffChanged, ItemSet, "test", "language", BumpMajor, "en", "es"}}},
		{"the id", func(s *QuestionSet) { s.ID = "other" }, []want{{DiffChanged, ItemSet, "other", "id", BumpMajor, "test", "other"}}},
		{"a level's score", func(s *QuestionSet) { s.Levels.Clear = 6 }, []want{{DiffChanged, ItemLevels, "clear", "clear", BumpMajor, "5, and a raised indicator of weight 2 or more, domain sexual", "6, and a raised indicator of weight 2 or more, domain sexual"}}},
		{"a level's needs", func(s *QuestionSet) { s.Levels.ClearNeeds.MinWeight = 3 }, []want{{DiffChanged, ItemLevels, "clear", "clear", BumpMajor, "", ""}}},
		{"completeness removed", func(s *QuestionSet) { s.Complete = nil }, []want{{DiffChanged, ItemCompleteness, "completeness", "completeness", BumpMajor, "at least 1 questions read aloud answered; key questions: partner", "none"}}},
		{"a domain added", func(s *QuestionSet) { s.Domains = append(s.Domains, Domain{ID: "labor", Label: "Labor", Pos: at(50)}) }, []want{{DiffAdded, ItemDomain, "labor", "", BumpMajor, "", "Labor"}}},
		{"a domain's label", func(s *QuestionSet) { s.Domains[0].Label = "Sexual" }, []want{{DiffReworded, ItemDomain, "sexual", "label", BumpMinor, "Sexual exploitation", "Sexual"}}},
		{"a domain removed", func(s *QuestionSet) { s.Domains = s.Domains[:1] }, []want{{DiffRemoved, ItemDomain, "vulnerability", "", BumpMajor, "Vulnerability", ""}}},
		{"a step read aloud reworded", func(s *QuestionSet) { s.Opening[0].Text = "I'm so glad you're back." }, []want{{DiffReworded, ItemStep, "1", "say", BumpMinor, "I'm glad you're back.", "I'm so glad you're back."}}},
		{"a step of guidance reworded", func(s *QuestionSet) { s.Opening[1].Text = "Find a private room." }, []want{{DiffReworded, ItemStep, "2", "do", BumpPatch, "", ""}}},
		{"a step inserted first", func(s *QuestionSet) {
			s.Opening = append([]Step{{Kind: StepDo, Text: "Offer water."}}, s.Opening...)
		}, []want{{DiffAdded, ItemStep, "1", "do", BumpPatch, "", "Offer water."}}},
		{"a step read aloud removed", func(s *QuestionSet) { s.Closing = s.Closing[1:] }, []want{{DiffRemoved, ItemStep, "1", "say", BumpMinor, "Thank you.", ""}}},
		{"a step made guidance", func(s *QuestionSet) { s.Closing[0].Kind = StepDo }, []want{{DiffChanged, ItemStep, "1", "kind", BumpMinor, "say", "do"}, {DiffReworded, ItemStep, "1", "do", BumpMinor, "", ""}}[:1]},
		{"a section retitled", func(s *QuestionSet) { s.Sections[0].Title = "Away" }, []want{{DiffReworded, ItemSection, "away", "title", BumpMinor, "While away", "Away"}}},
		{"a question marked as holding the age", func(s *QuestionSet) { q(s, "days").Fact = FactAge }, []want{{DiffAdded, ItemQuestion, "days", "fact", BumpMinor, "", "age"}}},
		{"a section's guidance", func(s *QuestionSet) { s.Sections[0].Help = "Listen well." }, []want{{DiffReworded, ItemSection, "away", "help", BumpPatch, "", ""}}},
		{"a section asked only on a condition", func(s *QuestionSet) {
			s.Sections[1].When = &Condition{Op: OpIs, Question: "partner", Value: "no"}
		}, []want{{DiffChanged, ItemSection, "record", "when", BumpMajor, "always", `partner is "no"`}}},
		{"sections in another order", func(s *QuestionSet) { s.Sections[0], s.Sections[1] = s.Sections[1], s.Sections[0] }, []want{
			{DiffMoved, ItemSection, "record", "", BumpMinor, "after away", "first"},
		}},
		{"a question added that raises nothing", func(s *QuestionSet) {
			s.Sections[0].Questions = append(s.Sections[0].Questions, Question{ID: "food", Mode: ModeAsk, Type: TypeText, Text: "What did you eat?"})
		}, []want{{DiffAdded, ItemQuestion, "food", "", BumpMinor, "", "What did you eat?"}}},
		{"a question added that raises an indicator", func(s *QuestionSet) {
			s.Sections[0].Questions = append(s.Sections[0].Questions, Question{ID: "paid", Mode: ModeAsk, Type: TypeYesNo, Text: "Did anyone pay you?", Indicator: Ref{ID: "older"}})
		}, []want{{DiffAdded, ItemQuestion, "paid", "", BumpMajor, "", ""}}},
		{"a question removed", func(s *QuestionSet) { s.Sections[0].Questions = s.Sections[0].Questions[:3] }, []want{{DiffRemoved, ItemQuestion, "days", "", BumpMajor, "Days away", ""}}},
		{"a question moved", func(s *QuestionSet) {
			qs := s.Sections[0].Questions
			qs[2], qs[3] = qs[3], qs[2]
		}, []want{{DiffMoved, ItemQuestion, "days", "", BumpMinor, "in section away, after phones", "in section away, after partner"}}},
		{"a question moved up three places", func(s *QuestionSet) {
			qs := s.Sections[0].Questions
			s.Sections[0].Questions = []Question{qs[3], qs[0], qs[1], qs[2]}
		}, []want{{DiffMoved, ItemQuestion, "days", "", BumpMinor, "in section away, after phones", "in section away, first"}}},
		{"a question moved to another section", func(s *QuestionSet) {
			s.Sections[1].Questions = append([]Question{s.Sections[0].Questions[3]}, s.Sections[1].Questions...)
			s.Sections[0].Questions = s.Sections[0].Questions[:3]
		}, []want{{DiffMoved, ItemQuestion, "days", "", BumpMinor, "in section away, after phones", "in section record, after phones"}}},
		{"a question's text", func(s *QuestionSet) { q(s, "slept").Text = "Where did you stay?" }, []want{{DiffReworded, ItemQuestion, "slept", "text", BumpMinor, "Where did you sleep?", "Where did you stay?"}}},
		{"a question's text, punctuation only", func(s *QuestionSet) { q(s, "slept").Text = "Where  did you sleep ?" }, []want{{DiffReworded, ItemQuestion, "slept", "text", BumpPatch, "", ""}}},
		{"a question's guidance", func(s *QuestionSet) { q(s, "slept").Help = "Curious." }, []want{{DiffReworded, ItemQuestion, "slept", "help", BumpPatch, "", ""}}},
		{"a question's mode", func(s *QuestionSet) { q(s, "phones").Mode = ModeAsk }, []want{{DiffChanged, ItemQuestion, "phones", "mode", BumpMajor, "observe", "ask"}}},
		{"a question's type", func(s *QuestionSet) { q(s, "slept").Type = TypeSingle }, []want{{DiffChanged, ItemQuestion, "slept", "type", BumpMajor, "multi", "single"}}},
		{"a question's unit", func(s *QuestionSet) { q(s, "days").Unit = "nights" }, []want{{DiffReworded, ItemQuestion, "days", "unit", BumpMinor, "days", "nights"}}},
		{"a range narrowed", func(s *QuestionSet) { hi := 30.0; q(s, "days").Max = &hi }, []want{{DiffChanged, ItemQuestion, "days", "max", BumpMajor, "365", "30"}}},
		{"a range widened", func(s *QuestionSet) { lo := -1.5; q(s, "days").Min = &lo }, []want{{DiffChanged, ItemQuestion, "days", "min", BumpMinor, "0", "-1.5"}}},
		{"a range removed", func(s *QuestionSet) { q(s, "days").Max = nil }, []want{{DiffChanged, ItemQuestion, "days", "max", BumpMinor, "365", "none"}}},
		{"what a yes raises", func(s *QuestionSet) { q(s, "partner").Indicator.ID = "hotel" }, []want{{DiffChanged, ItemQuestion, "partner", "indicator", BumpMajor, "older", "hotel"}}},
		{"a question's condition", func(s *QuestionSet) { q(s, "phones").When.Value = "no" }, []want{{DiffChanged, ItemQuestion, "phones", "when", BumpMajor, `partner is "yes"`, `partner is "no"`}}},
		{"a question's condition removed", func(s *QuestionSet) { q(s, "phones").When = nil }, []want{{DiffChanged, ItemQuestion, "phones", "when", BumpMajor, `partner is "yes"`, "always"}}},
		{"an option added that raises nothing", func(s *QuestionSet) {
			q(s, "slept").Options = append(q(s, "slept").Options, Option{Value: "car", Label: "In a car"})
		}, []want{{DiffAdded, ItemOption, "car", "", BumpMinor, "", "In a car"}}},
		{"an option added that raises an indicator", func(s *QuestionSet) {
			q(s, "slept").Options = append(q(s, "slept").Options, Option{Value: "adult", Label: "With an adult I'd just met", Indicator: Ref{ID: "older"}})
		}, []want{{DiffAdded, ItemOption, "adult", "", BumpMajor, "", ""}}},
		{"an option removed", func(s *QuestionSet) { q(s, "slept").Options = q(s, "slept").Options[:1] }, []want{{DiffRemoved, ItemOption, "hotel", "", BumpMajor, "A hotel", ""}}},
		{"an option's label", func(s *QuestionSet) { q(s, "slept").Options[1].Label = "A hotel or motel" }, []want{{DiffReworded, ItemOption, "hotel", "label", BumpMinor, "A hotel", "A hotel or motel"}}},
		{"what an option raises", func(s *QuestionSet) { q(s, "slept").Options[1].Indicator.ID = "" }, []want{{DiffRemoved, ItemOption, "hotel", "indicator", BumpMajor, "hotel", ""}}},
		{"options in another order", func(s *QuestionSet) {
			o := q(s, "slept").Options
			o[0], o[1] = o[1], o[0]
		}, []want{{DiffChanged, ItemQuestion, "slept", "options", BumpPatch, "friend, hotel", "hotel, friend"}}},
		{"an indicator added", func(s *QuestionSet) {
			s.Indicators = append(s.Indicators, Indicator{ID: "cash", Label: "Had cash", Weight: 1, Pos: at(50)})
		}, []want{{DiffAdded, ItemIndicator, "cash", "", BumpMinor, "", "Had cash (weight 1)"}}},
		{"an indicator removed", func(s *QuestionSet) { s.Indicators = s.Indicators[:2] }, []want{{DiffRemoved, ItemIndicator, "phones", "", BumpMajor, "Several phones (weight 1)", ""}}},
		{"an indicator's weight", func(s *QuestionSet) { ind(s, "hotel").Weight = 3 }, []want{{DiffChanged, ItemIndicator, "hotel", "weight", BumpMajor, "2", "3"}}},
		{"an indicator's domain", func(s *QuestionSet) { ind(s, "hotel").Domain.ID = "vulnerability" }, []want{{DiffChanged, ItemIndicator, "hotel", "domain", BumpMajor, "sexual", "vulnerability"}}},
		{"an indicator made a disclosure", func(s *QuestionSet) { ind(s, "older").Disclosure = true }, []want{{DiffChanged, ItemIndicator, "older", "disclosure", BumpMajor, "no", "yes"}}},
		{"an indicator's label", func(s *QuestionSet) { ind(s, "hotel").Label = "Stayed at hotels" }, []want{{DiffReworded, ItemIndicator, "hotel", "label", BumpMinor, "", ""}}},
		{"an indicator's guidance", func(s *QuestionSet) { ind(s, "older").Help = "" }, []want{{DiffRemoved, ItemIndicator, "older", "help", BumpPatch, "Ask gently.", ""}}},
		{"an indicator's sources", func(s *QuestionSet) { ind(s, "older").Sources = nil }, []want{{DiffRemoved, ItemIndicator, "older", "sources", BumpPatch, "guide", ""}}},
		{"an action added", func(s *QuestionSet) {
			s.Actions = append(s.Actions, Action{ID: "water", Priority: PriorityRecommended, Text: "Offer water.", Pos: at(50)})
		}, []want{{DiffAdded, ItemAction, "water", "", BumpMajor, "", "Offer water."}}},
		{"an action removed", func(s *QuestionSet) { s.Actions = s.Actions[:1] }, []want{{DiffRemoved, ItemAction, "report", "", BumpMajor, "Report within 24 hours.", ""}}},
		{"an action reworded", func(s *QuestionSet) { act(s, "report").Text = "Report within 48 hours." }, []want{{DiffReworded, ItemAction, "report", "text", BumpMajor, "Report within 24 hours.", "Report within 48 hours."}}},
		{"an action's punctuation", func(s *QuestionSet) { act(s, "report").Text = "Report within 24 hours!" }, []want{{DiffReworded, ItemAction, "report", "text", BumpPatch, "", ""}}},
		{"an action's priority", func(s *QuestionSet) { act(s, "report").Priority = PriorityUrgent }, []want{{DiffChanged, ItemAction, "report", "priority", BumpMajor, "required", "urgent"}}},
		{"an action re-conditioned", func(s *QuestionSet) { act(s, "report").When = &Condition{Op: OpLevel, Level: LevelClear} }, []want{{DiffChanged, ItemAction, "report", "when", BumpMajor, "indicator older is raised", "concern is clear or higher"}}},
		{"an action's contacts", func(s *QuestionSet) { act(s, "report").Contacts = append(act(s, "report").Contacts, Ref{ID: "ncmec"}) }, []want{{DiffChanged, ItemAction, "report", "contacts", BumpMajor, "hotline", "hotline, ncmec"}}},
		{"an action no longer interrupts", func(s *QuestionSet) { act(s, "report").Interrupt = false }, []want{{DiffChanged, ItemAction, "report", "interrupt", BumpMajor, "yes", "no"}}},
		{"an action's deadline", func(s *QuestionSet) { act(s, "report").Due.WithinText = "48h" }, []want{{DiffChanged, ItemAction, "report", "due", BumpMajor, "within 24h of learned-at", "within 48h of learned-at"}}},
		{"an action's sources", func(s *QuestionSet) { act(s, "report").Sources = []Ref{{ID: "guide"}} }, []want{{DiffAdded, ItemAction, "report", "sources", BumpPatch, "", "guide"}}},
		{"a contact printed on every summary", func(s *QuestionSet) { s.Contacts = append(s.Contacts, Ref{ID: "emergency"}) }, []want{{DiffAdded, ItemContact, "emergency", "", BumpMinor, "", "emergency"}}},
		{"a contact no longer printed", func(s *QuestionSet) { s.Contacts = s.Contacts[:1] }, []want{{DiffRemoved, ItemContact, "ncmec", "", BumpMajor, "ncmec", ""}}},
		{"a source added", func(s *QuestionSet) { s.Sources = append(s.Sources, Source{ID: "law", Title: "A law", Pos: at(50)}) }, []want{{DiffAdded, ItemSource, "law", "", BumpPatch, "", "A law"}}},
		{"a source's url", func(s *QuestionSet) { s.Sources[0].URL = "https://example.org/guide" }, []want{{DiffChanged, ItemSource, "guide", "url", BumpPatch, "", ""}}},
		{"a source removed", func(s *QuestionSet) { s.Sources = nil }, []want{{DiffRemoved, ItemSource, "guide", "", BumpPatch, "A guide", ""}}},
	}
	covered := map[*BumpRule]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, new := fullSet(), fullSet()
			tt.edit(new)
			got := DiffSets(old, new)
			for _, x := range got {
				for _, r := range BumpRules {
					if r.Why == x.Why {
						covered[r] = true
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d differences, want %d:", len(got), len(tt.want))
				for _, x := range got {
					t.Errorf("  %s %s %s %s (%s): %q -> %q", x.Kind, x.Item, x.ID, x.Field, x.Bump, x.Before, x.After)
				}
				return
			}
			for i, w := range tt.want {
				x := got[i]
				if x.Kind != w.kind || x.Item != w.item || x.ID != w.id || x.Field != w.field || x.Bump != w.bump ||
					(w.before != "" && x.Before != w.before) || (w.after != "" && x.After != w.after) {
					t.Errorf("got %s %s %s %s (%s): %q -> %q\nwant %v: %q -> %q", x.Kind, x.Item, x.ID, x.Field, x.Bump, x.Before, x.After, w, w.before, w.after)
				}
				if x.OldPos.IsZero() && x.NewPos.IsZero() {
					t.Errorf("%v: no line in either file", w)
				}
				if x.Path == "" || x.Why == "" {
					t.Errorf("%v: no path or no reason", w)
				}
			}
		})
	}
	// Contacts files, translations and layout are rated in the tests below.
	covered[ruleContactReach], covered[ruleContactWords], covered[ruleContactSource], covered[ruleLayout] = true, true, true, true
	for _, r := range BumpRules {
		if !covered[r] && !t.Failed() {
			t.Errorf("no case rates a change by %q", r.Change)
		}
	}
}

// A difference names its line in both files.
func TestDiffLines(t *testing.T) {
	old, new := fullSet(), fullSet()
	q(new, "slept").TextPos = at(60)
	q(new, "slept").Text = "Where did you stay?"
	new.Sections[0].Questions = new.Sections[0].Questions[:3] // days removed
	got := DiffSets(old, new)
	if len(got) != 2 {
		t.Fatalf("differences: %+v", got)
	}
	if got[0].OldPos != at(11) || got[0].NewPos != at(60) {
		t.Errorf("reworded text: lines %v and %v, want %v and %v", got[0].OldPos, got[0].NewPos, at(11), at(60))
	}
	if got[1].OldPos != at(17) || got[1].NewPos != at(10) {
		t.Errorf("removed question: lines %v and %v, want %v (the question) and %v (its section)", got[1].OldPos, got[1].NewPos, at(17), at(10))
	}
}

// Every field of the model is compared: change any one, and DiffSets finds a difference. A key
// added to the format later fails here until diff compares it.
func TestDiffSetsComparesEveryField(t *testing.T) {
	type part struct {
		name string
		get  func(s *QuestionSet) any // a pointer to a struct in the set
	}
	for _, p := range []part{
		{"QuestionSet", func(s *QuestionSet) any { return s }},
		{"Source", func(s *QuestionSet) any { return &s.Sources[0] }},
		{"Levels", func(s *QuestionSet) any { return &s.Levels }},
		{"Needs", func(s *QuestionSet) any { return &s.Levels.ClearNeeds }},
		{"Domain", func(s *QuestionSet) any { return &s.Domains[0] }},
		{"CompletenessRule", func(s *QuestionSet) any { return s.Complete }},
		{"Step", func(s *QuestionSet) any { return &s.Opening[0] }},
		{"Section", func(s *QuestionSet) any { return &s.Sections[0] }},
		{"Question", func(s *QuestionSet) any { return q(s, "days") }},
		{"Option", func(s *QuestionSet) any { return &q(s, "slept").Options[1] }},
		{"Indicator", func(s *QuestionSet) any { return ind(s, "older") }},
		{"Action", func(s *QuestionSet) any { return act(s, "report") }},
		{"Due", func(s *QuestionSet) any { return act(s, "report").Due }},
	} {
		typ := reflect.TypeOf(p.get(fullSet())).Elem()
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type == reflect.TypeOf(Pos{}) || f.Name == "Format" || f.Name == "Version" ||
				(f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && f.Type.Elem() != reflect.TypeOf(Ref{})) ||
				(f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Ref{})) || f.Name == "Within" {
				continue // positions; the version itself; parts with their own entry; Within is WithinText read
			}
			t.Run(p.name+"."+f.Name, func(t *testing.T) {
				old, new := fullSet(), fullSet()
				if !mutate(reflect.ValueOf(p.get(new)).Elem().Field(i)) {
					t.Fatalf("no way to change a %s: teach mutate, so the field is compared", f.Type)
				}
				if len(DiffSets(old, new)) == 0 {
					t.Errorf("%s.%s changed, and DiffSets found no difference", p.name, f.Name)
				}
			})
		}
	}
}

// mutate changes a value of the model's kinds; false if it cannot.
func mutate(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "-x")
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
			if v.Type().Elem().Kind() == reflect.Float64 {
				v.Elem().SetFloat(42)
			}
		} else {
			v.Set(reflect.Zero(v.Type()))
		}
	case reflect.Slice:
		if v.Type().Elem() != reflect.TypeOf(Ref{}) {
			return false
		}
		v.Set(reflect.Append(v, reflect.ValueOf(Ref{ID: "extra"})))
	case reflect.Struct:
		if v.Type() != reflect.TypeOf(Ref{}) {
			return false
		}
		v.FieldByName("ID").SetString(v.FieldByName("ID").String() + "-x")
	default:
		return false
	}
	return true
}

func TestDiffContacts(t *testing.T) {
	base := func() []Contact {
		return []Contact{{
			ID: "county", Name: "County hotline", Phone: "1-800-555-0100", Text: "", Hours: "24 hours", Source: "Policy 4.2", Confirmed: "2026-11-01",
			Pos: at(2), IDPos: at(2), PhonePos: at(4),
			Translations: []ContactWords{{Language: "es", Name: "Línea del condado", Hours: "24 horas", Pos: at(9)}},
		}}
	}
	for _, tt := range []struct {
		name string
		edit func(cs *[]Contact)
		want []want
	}{
		{"nothing", func(*[]Contact) {}, nil},
		{"a phone", func(cs *[]Contact) { (*cs)[0].Phone = "1-800-555-0199" }, []want{{DiffChanged, ItemContact, "county", "phone", BumpMajor, "1-800-555-0100", "1-800-555-0199"}}},
		{"a url", func(cs *[]Contact) { (*cs)[0].URL = "https://county.example" }, []want{{DiffAdded, ItemContact, "county", "url", BumpMajor, "", ""}}},
		{"hours", func(cs *[]Contact) { (*cs)[0].Hours = "weekdays" }, []want{{DiffReworded, ItemContact, "county", "hours", BumpMinor, "24 hours", "weekdays"}}},
		{"confirmed again", func(cs *[]Contact) { (*cs)[0].Confirmed = "2026-12-01" }, []want{{DiffChanged, ItemContact, "county", "confirmed", BumpPatch, "", ""}}},
		{"a translated name", func(cs *[]Contact) { (*cs)[0].Translations[0].Name = "Línea de ayuda del condado" }, []want{{DiffReworded, ItemContact, "county", "name", BumpMinor, "", ""}}},
		{"a translated text", func(cs *[]Contact) { (*cs)[0].Translations[0].Text = "Envía AYUDA al 555" }, []want{{DiffAdded, ItemContact, "county", "text", BumpMajor, "", ""}}},
		{"a translation removed", func(cs *[]Contact) { (*cs)[0].Translations = nil }, []want{{DiffRemoved, ItemContact, "county", "translations", BumpMinor, "Línea del condado", ""}}},
		{"a contact added", func(cs *[]Contact) { *cs = append(*cs, Contact{ID: "shelter", Name: "Youth shelter"}) }, []want{{DiffAdded, ItemContact, "shelter", "", BumpMinor, "", "Youth shelter"}}},
		{"a contact removed", func(cs *[]Contact) { *cs = nil }, []want{{DiffRemoved, ItemContact, "county", "", BumpMajor, "County hotline", ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, new := base(), base()
			tt.edit(&new)
			got := DiffContacts(old, new)
			if len(got) != len(tt.want) {
				t.Fatalf("differences %+v, want %v", got, tt.want)
			}
			for i, w := range tt.want {
				x := got[i]
				if x.Kind != w.kind || x.Item != w.item || x.ID != w.id || x.Field != w.field || x.Bump != w.bump ||
					(w.before != "" && x.Before != w.before) || (w.after != "" && x.After != w.after) {
					t.Errorf("got %+v, want %v", x, w)
				}
			}
		})
	}
	// Every field of a contact and of its words is compared.
	for _, typ := range []reflect.Type{reflect.TypeOf(Contact{}), reflect.TypeOf(ContactWords{})} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Type == reflect.TypeOf(Pos{}) || f.Name == "Translations" {
				continue
			}
			old, new := base(), base()
			v := reflect.ValueOf(&new[0]).Elem()
			if typ == reflect.TypeOf(ContactWords{}) {
				v = reflect.ValueOf(&new[0].Translations[0]).Elem()
			}
			if !mutate(v.Field(i)) {
				t.Fatalf("cannot change %s.%s", typ.Name(), f.Name)
			}
			if len(DiffContacts(old, new)) == 0 {
				t.Errorf("%s.%s changed, and DiffContacts found no difference", typ.Name(), f.Name)
			}
		}
	}
}

func TestDiffTranslations(t *testing.T) {
	base := func() *Translation {
		return &Translation{
			Set: "test@1.0.0", Language: "es", Title: "Prueba",
			Opening:    []Step{{Kind: StepSay, Text: "Me alegra.", Pos: at(5)}, {Kind: StepDo, Text: "Busca un cuarto.", Pos: at(6)}},
			Questions:  map[string]QuestionText{"slept": {Text: Text{Text: "¿Dónde dormiste?", Pos: at(8)}, Help: Text{Text: "Con curiosidad.", Pos: at(9)}}},
			Actions:    map[string]Text{"assess": {Text: "Evalúa.", Pos: at(10)}},
			Indicators: map[string]Text{"hotel": {Text: "Hoteles", Pos: at(11)}},
			From:       map[string]Text{"questions.slept.text": {Text: "Where did you sleep?"}},
		}
	}
	for _, tt := range []struct {
		name string
		edit func(tr *Translation)
		want []want
	}{
		{"nothing", func(*Translation) {}, nil},
		{"only what it was translated from", func(tr *Translation) { tr.From["questions.slept.text"] = Text{Text: "Where did you stay?"} }, nil},
		{"a question's text", func(tr *Translation) {
			tr.Questions["slept"] = QuestionText{Text: Text{Text: "¿Dónde te quedaste?", Pos: at(8)}, Help: tr.Questions["slept"].Help}
		}, []want{{DiffReworded, ItemTranslation, "questions.slept.text", "", BumpMinor, "¿Dónde dormiste?", "¿Dónde te quedaste?"}}},
		{"a question's guidance", func(tr *Translation) {
			tr.Questions["slept"] = QuestionText{Text: tr.Questions["slept"].Text, Help: Text{Text: "Sin acusar.", Pos: at(9)}}
		}, []want{{DiffReworded, ItemTranslation, "questions.slept.help", "", BumpPatch, "", ""}}},
		{"a step read aloud", func(tr *Translation) { tr.Opening[0].Text = "Me alegra mucho." }, []want{{DiffReworded, ItemTranslation, "opening.1", "", BumpMinor, "", ""}}},
		{"a step of guidance", func(tr *Translation) { tr.Opening[1].Text = "Busca un lugar." }, []want{{DiffReworded, ItemTranslation, "opening.2", "", BumpPatch, "", ""}}},
		{"an action", func(tr *Translation) { tr.Actions["assess"] = Text{Text: "Evalúa pronto.", Pos: at(10)} }, []want{{DiffReworded, ItemTranslation, "actions.assess", "", BumpMajor, "", ""}}},
		{"an indicator added", func(tr *Translation) { tr.Indicators["older"] = Text{Text: "Pareja mayor", Pos: at(12)} }, []want{{DiffAdded, ItemTranslation, "indicators.older", "", BumpMinor, "", "Pareja mayor"}}},
		{"an indicator removed", func(tr *Translation) { delete(tr.Indicators, "hotel") }, []want{{DiffRemoved, ItemTranslation, "indicators.hotel", "", BumpMinor, "Hoteles", ""}}},
		{"the language", func(tr *Translation) { tr.Language = "es-US" }, []want{{DiffChanged, ItemSet, "test@1.0.0", "language", BumpMajor, "es", "es-US"}}},
		{"a source's title", func(tr *Translation) { tr.Sources = map[string]SourceText{"guide": {Title: Text{Text: "Una guía"}}} }, []want{{DiffAdded, ItemTranslation, "sources.guide.title", "", BumpPatch, "", "Una guía"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, new := base(), base()
			tt.edit(new)
			got := DiffTranslations(old, new)
			if len(got) != len(tt.want) {
				t.Fatalf("differences %+v, want %v", got, tt.want)
			}
			for i, w := range tt.want {
				x := got[i]
				if x.Kind != w.kind || x.Item != w.item || x.ID != w.id || x.Field != w.field || x.Bump != w.bump ||
					(w.before != "" && x.Before != w.before) || (w.after != "" && x.After != w.after) || x.Parent != new.Language && x.Item == ItemTranslation {
					t.Errorf("got %+v, want %v", x, w)
				}
			}
		})
	}
}

func TestVersionBump(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		want     Bump
		lower    bool
	}{
		{"1.0.0", "1.0.0", BumpNone, false},
		{"1.0.0", "1.0.1", BumpPatch, false},
		{"1.0.0", "1.1.0", BumpMinor, false},
		{"1.0.0", "2.0.0", BumpMajor, false},
		{"1.2.3", "2.0.0", BumpMajor, false},
		{"1.1.0", "1.0.9", BumpNone, true},
		{"1.0.0", "1.1.0-rc.1", BumpMinor, false},
		{"1.1.0-rc.1", "1.1.0", BumpPatch, false},
		// Before 1.0.0 the minor counts as the major, the patch as the minor.
		{"0.1.0", "0.2.0", BumpMajor, false},
		{"0.1.0", "0.1.1", BumpMinor, false},
		{"0.9.0", "1.0.0", BumpMajor, false},
	} {
		got, lower := VersionBump(tt.old, tt.new)
		if got != tt.want || lower != tt.lower {
			t.Errorf("VersionBump(%s, %s) = %s, %t; want %s, %t", tt.old, tt.new, got, lower, tt.want, tt.lower)
		}
	}
}

// --check-version: a new version passes when it raises the part the largest change needs.
func TestDiffVersionOK(t *testing.T) {
	minor := Difference{Bump: BumpMinor, ID: "a"}
	major := Difference{Bump: BumpMajor, ID: "b"}
	side := func(v, sum string) DiffSide { return DiffSide{Kind: SideSet, ID: "test", Version: v, SHA256: sum} }
	for _, tt := range []struct {
		name     string
		old, new string
		ds       []Difference
		ok       bool
		needMore []string
	}{
		{"identical", "1.0.0", "1.0.0", nil, true, nil},
		{"a minor change, a minor version", "1.0.0", "1.1.0", []Difference{minor}, true, nil},
		{"a major change, a minor version", "1.0.0", "1.1.0", []Difference{minor, major}, false, []string{"b"}},
		{"a minor change, a patch", "1.0.0", "1.0.1", []Difference{minor}, false, []string{"a"}},
		{"more than needed", "1.0.0", "2.0.0", []Difference{minor}, true, nil},
		{"a lower version", "1.1.0", "1.0.0", []Difference{minor}, false, []string{"a"}},
		{"an edit of a published file", "1.0.0", "1.0.0", []Difference{minor}, false, []string{"a"}},
	} {
		d := NewDiff(side(tt.old, "x"), side(tt.new, "x"), tt.ds)
		var more []string
		for _, x := range d.NeedMore() {
			more = append(more, x.ID)
		}
		if d.VersionOK() != tt.ok || strings.Join(more, ",") != strings.Join(tt.needMore, ",") {
			t.Errorf("%s: ok %t, needing more %v; want %t, %v", tt.name, d.VersionOK(), more, tt.ok, tt.needMore)
		}
	}
	// Same version, other bytes, nothing a screening uses changed: a patch, never nothing.
	d := NewDiff(side("1.0.0", "aaa"), side("1.0.0", "bbb"), nil)
	if len(d.Differences) != 1 || d.Differences[0].Item != ItemFile || d.Required != BumpPatch || d.VersionOK() {
		t.Errorf("a published file edited in its comments: %+v, required %s", d.Differences, d.Required)
	}
}

// A time held after another (not_before) refuses answers the old version took: a major change;
// taking it away takes more, a minor one.
func TestDiffNotBefore(t *testing.T) {
	held := func() *QuestionSet {
		s := fullSet()
		rec := &s.Sections[len(s.Sections)-1]
		rec.Questions = append([]Question{{ID: "returned-at", Mode: ModeRecord, Type: TypeDateTime, Text: "When they came back", Pos: at(40), IDPos: at(40)}}, rec.Questions...)
		q(s, "learned-at").NotBefore = Ref{"returned-at", at(41)}
		return s
	}
	free := held()
	q(free, "learned-at").NotBefore = Ref{}
	for _, tt := range []struct {
		name     string
		old, new *QuestionSet
		kind     DiffKind
		bump     Bump
	}{
		{"added", free, held(), DiffAdded, BumpMajor},
		{"removed", held(), free, DiffRemoved, BumpMinor},
	} {
		got := DiffSets(tt.old, tt.new)
		if len(got) != 1 || got[0].ID != "learned-at" || got[0].Field != "not_before" || got[0].Kind != tt.kind || got[0].Bump != tt.bump {
			t.Errorf("%s: %+v", tt.name, got)
		}
	}
}
