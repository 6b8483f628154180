package screening

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// engineSet is validSet (check_test.go) plus a text follow-up, a second way to raise "hotel",
// a disclosure, and actions of every priority.
func engineSet() *QuestionSet {
	s := validSet()
	sec := &s.Sections[0]
	sec.Questions = append(sec.Questions,
		Question{ID: "who-paid", Mode: ModeAsk, Type: TypeText, Text: "Who paid?", When: &Condition{Op: OpIncludes, Question: "slept", Value: "hotel"}},
		Question{ID: "keycard", Mode: ModeObserve, Type: TypeYesNo, Text: "Hotel key card.", Indicator: Ref{ID: "hotel"}},
		Question{ID: "traded", Mode: ModeAsk, Type: TypeYesNo, Text: "Did anyone offer you something?", Indicator: Ref{ID: "exchange"}},
	)
	s.Sections = append(s.Sections, Section{ID: "health", Title: "Health", Questions: []Question{
		{ID: "feel", Mode: ModeAsk, Type: TypeSingle, Text: "How do you feel?", Options: []Option{{Value: "ok", Label: "Okay"}, {Value: "sick", Label: "Sick", Indicator: Ref{ID: "phones"}}}},
	}})
	s.Indicators = append(s.Indicators, Indicator{ID: "exchange", Label: "Exchange", Weight: 5, Disclosure: true, Sources: []Ref{{ID: "guide"}}})
	s.Actions = []Action{
		{ID: "later", Priority: PriorityRecommended, Text: "Later."},
		{ID: "assess", Priority: PriorityRequired, Text: "Assess.", When: &Condition{Op: OpLevel, Level: LevelPossible}, Contacts: []Ref{{ID: "cyber"}}},
		{ID: "now", Priority: PriorityUrgent, Text: "Now.", When: &Condition{Op: OpIndicator, Indicator: "exchange"}},
		{ID: "always", Priority: PriorityRequired, Text: "Always."},
	}
	s.Contacts = []Ref{{ID: "ncmec"}, {ID: "emergency"}}
	return s
}

func TestEngineSetIsValid(t *testing.T) {
	opt := testOptions()
	opt.Contacts.Add(Contact{ID: "cyber", Name: "CyberTipline", URL: "https://report.cybertip.org"}, Contact{ID: "emergency", Name: "Emergency", Phone: "911"})
	if fs := CheckSet(engineSet(), opt); fs.HasErrors() {
		t.Fatalf("engine set has errors: %+v", fs)
	}
}

type step struct {
	id string
	a  Answer
}

func yes() Answer          { return Answered("yes") }
func no() Answer           { return Answered("no") }
func state(s State) Answer { return Answer{State: s} }
func multi(v ...string) Answer {
	return Answer{State: StateAnswered, Choices: v}
}

// run answers in order and returns the session; it fails the test on a refused answer.
func run(t *testing.T, steps ...step) *Session {
	t.Helper()
	s := NewSession(engineSet())
	for _, st := range steps {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatalf("answer %s: %v", st.id, err)
		}
	}
	return s
}

func TestNextFollowsConditions(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		next  string // "" when the interview is over
	}{
		{"first question", nil, "slept"},
		{"follow-up opens", []step{{"slept", multi("hotel")}}, "partner"},
		{"observation applies after a yes", []step{{"slept", multi("friend")}, {"partner", yes()}}, "phones"},
		{"observation skipped after a no", []step{{"slept", multi("friend")}, {"partner", no()}}, "days"},
		{"a decline is not a yes", []step{{"slept", multi("friend")}, {"partner", state(StateDeclined)}}, "days"},
		{"hotel follow-up asked", []step{{"slept", multi("hotel")}, {"partner", no()}, {"days", Answer{State: StateAnswered, Number: 3}}}, "who-paid"},
		{"hotel follow-up not asked", []step{{"slept", multi("friend")}, {"partner", no()}, {"days", state(StateNotAsked)}}, "keycard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, ok := run(t, tt.steps...).Next()
			got := ""
			if ok {
				got = q.ID
			}
			if got != tt.next {
				t.Errorf("next = %q, want %q", got, tt.next)
			}
		})
	}
}

func TestConditions(t *testing.T) {
	s := run(t, step{"slept", multi("friend", "hotel")}, step{"partner", yes()}, step{"phones", state(StateDeclined)}, step{"days", Answer{State: StateAnswered, Number: 3}})
	v := s.viewUpTo(len(s.questions))
	c := func(op Op, q, val string) *Condition { return &Condition{Op: op, Question: q, Value: val} }
	num := func(op Op, q string, n float64) *Condition { return &Condition{Op: op, Question: q, Number: n} }
	tests := []struct {
		name string
		c    *Condition
		want bool
	}{
		{"is yes", c(OpIs, "partner", "yes"), true},
		{"is no", c(OpIs, "partner", "no"), false},
		{"is_not no", c(OpIsNot, "partner", "no"), true},
		{"is_not on a declined question", c(OpIsNot, "phones", "yes"), false},
		{"is on a declined question", c(OpIs, "phones", "no"), false},
		{"includes", c(OpIncludes, "slept", "hotel"), true},
		{"includes not chosen", c(OpIncludes, "slept", "outside"), false},
		{"answered", &Condition{Op: OpAnswered, Question: "partner", Flag: true}, true},
		{"answered false on a decline", &Condition{Op: OpAnswered, Question: "phones", Flag: false}, true},
		{"declined", &Condition{Op: OpDeclined, Question: "phones", Flag: true}, true},
		{"declined false", &Condition{Op: OpDeclined, Question: "partner", Flag: false}, true},
		{"less_than", num(OpLessThan, "days", 4), true},
		{"less_than at the bound", num(OpLessThan, "days", 3), false},
		{"at_least at the bound", num(OpAtLeast, "days", 3), true},
		{"indicator raised", &Condition{Op: OpIndicator, Indicator: "hotel"}, true},
		{"indicator of a declined question", &Condition{Op: OpIndicator, Indicator: "phones"}, false},
		{"level possible reached (score 4)", &Condition{Op: OpLevel, Level: LevelPossible}, true},
		{"level clear not reached", &Condition{Op: OpLevel, Level: LevelClear}, false},
		{"all", &Condition{Op: OpAll, Sub: []Condition{*c(OpIs, "partner", "yes"), *c(OpIncludes, "slept", "hotel")}}, true},
		{"all, one false", &Condition{Op: OpAll, Sub: []Condition{*c(OpIs, "partner", "yes"), *c(OpIncludes, "slept", "outside")}}, false},
		{"any", &Condition{Op: OpAny, Sub: []Condition{*c(OpIs, "partner", "no"), *c(OpIncludes, "slept", "hotel")}}, true},
		{"not", &Condition{Op: OpNot, Sub: []Condition{*num(OpAtLeast, "days", 18)}}, true},
		{"not of an unanswered number holds", &Condition{Op: OpNot, Sub: []Condition{*num(OpAtLeast, "nobody-answered", 18)}}, true},
	}
	for _, tt := range tests {
		if got := v.holds(tt.c); got != tt.want {
			t.Errorf("%s: holds = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAnswerValidation(t *testing.T) {
	min0 := 0.0
	tests := []struct {
		name  string
		prior []step
		id    string
		a     Answer
		msg   string
	}{
		{"unknown question", nil, "nope", yes(), `no question "nope"`},
		{"yesno maybe", nil, "partner", Answered("maybe"), "not yes or no"},
		{"single not an option", nil, "feel", Answered("great"), `"great" is not one of "ok" or "sick"`},
		{"multi not an option", nil, "slept", multi("friend", "car"), `"car" is not one of`},
		{"number below min", nil, "days", Answer{State: StateAnswered, Text: "-1"}, "below the minimum"},
		{"number not a number", nil, "days", Answer{State: StateAnswered, Text: "three"}, "not a number"},
		{"empty text", []step{{"slept", multi("hotel")}}, "who-paid", Answered("  "), "empty"},
		{"a question that does not apply", []step{{"slept", multi("friend")}}, "who-paid", Answered("him"), "does not apply"},
		{"unknown state", nil, "partner", Answer{State: "maybe"}, "unknown state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := run(t, tt.prior...)
			s.questions[s.index["days"]].Min = &min0
			err := s.Answer(tt.id, tt.a)
			if !errors.Is(err, ErrInvalidAnswer) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want ErrInvalidAnswer containing %q", err, tt.msg)
			}
		})
	}
	s := run(t)
	if err := s.Answer("partner", Answered("Y")); err != nil || s.AnswerOf("partner").Text != "yes" {
		t.Errorf("Y is yes: %v, %+v", err, s.AnswerOf("partner"))
	}
	if err := s.Answer("slept", multi("hotel", "friend", "hotel")); err != nil || !slices.Equal(s.AnswerOf("slept").Choices, []string{"friend", "hotel"}) {
		t.Errorf("multi is kept in option order without duplicates: %v, %+v", err, s.AnswerOf("slept"))
	}
}

func TestChangingAnAnswerDropsWhatNoLongerApplies(t *testing.T) {
	s := run(t, step{"slept", multi("hotel")}, step{"partner", yes()}, step{"phones", yes()}, step{"days", state(StateNotAsked)}, step{"who-paid", Answered("his friend")})
	if got := s.Score(); got != 2+2+1 {
		t.Fatalf("score %d, want 5", got)
	}
	if err := s.Answer("partner", no()); err != nil {
		t.Fatal(err)
	}
	if got := s.AnswerOf("phones").State; got != StateNotApplicable {
		t.Errorf("phones is %q after partner changed to no, want not-applicable", got)
	}
	if got := s.Score(); got != 2 {
		t.Errorf("score %d after the change, want 2 (hotel only)", got)
	}
	// Changing back does not bring the dropped answer back: it is asked again.
	if err := s.Answer("partner", yes()); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.Next(); q.ID != "phones" {
		t.Errorf("next = %s, want phones asked again", q.ID)
	}
	// The hotel follow-up goes when hotel is unchosen, its answer with it.
	if err := s.Answer("slept", multi("friend")); err != nil {
		t.Fatal(err)
	}
	if got := s.AnswerOf("who-paid"); got.State != StateNotApplicable || got.Text != "" {
		t.Errorf("who-paid = %+v, want not-applicable with no text", got)
	}
}

func TestScoringAndLevels(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		score int
		level Level
	}{
		{"nothing", nil, 0, LevelNone},
		{"one weight-1 indicator", []step{{"slept", multi("friend")}, {"partner", no()}, {"days", state(StateNotAsked)}, {"keycard", no()}, {"traded", no()}, {"feel", Answered("sick")}}, 1, LevelNone},
		{"declines never count", []step{{"slept", state(StateDeclined)}, {"partner", state(StateDeclined)}, {"days", state(StateDontKnow)}, {"keycard", state(StateDeclined)}, {"traded", state(StateDeclined)}, {"feel", state(StateDeclined)}}, 0, LevelNone},
		{"possible at 2", []step{{"slept", multi("hotel")}}, 2, LevelPossible},
		{"one indicator raised twice counts once", []step{{"slept", multi("hotel")}, {"partner", no()}, {"days", state(StateNotAsked)}, {"who-paid", state(StateDeclined)}, {"keycard", yes()}}, 2, LevelPossible},
		{"a disclosure reaches clear", []step{{"slept", multi("friend")}, {"partner", no()}, {"days", state(StateNotAsked)}, {"keycard", no()}, {"traded", yes()}}, 5, LevelClear},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := run(t, tt.steps...)
			if s.Score() != tt.score || s.Level() != tt.level {
				t.Errorf("score %d level %s, want %d %s", s.Score(), s.Level(), tt.score, tt.level)
			}
		})
	}
}

func TestActionsOrder(t *testing.T) {
	s := run(t, step{"slept", multi("hotel")}, step{"partner", no()}, step{"days", state(StateNotAsked)}, step{"who-paid", Answered("x")}, step{"keycard", no()}, step{"traded", yes()})
	var ids []string
	for _, a := range s.Actions() {
		ids = append(ids, a.ID)
	}
	if want := []string{"now", "assess", "always", "later"}; !slices.Equal(ids, want) {
		t.Errorf("actions %v, want %v (urgent, required in file order, recommended)", ids, want)
	}
	none := run(t)
	ids = nil
	for _, a := range none.Actions() {
		ids = append(ids, a.ID)
	}
	if want := []string{"always", "later"}; !slices.Equal(ids, want) {
		t.Errorf("actions with no answers %v, want %v", ids, want)
	}
}

func TestNewDisclosures(t *testing.T) {
	s := run(t, step{"slept", multi("friend")}, step{"partner", no()}, step{"days", state(StateNotAsked)}, step{"keycard", no()})
	if d := s.NewDisclosures("traded", yes()); len(d) != 1 || d[0].ID != "exchange" {
		t.Errorf("a yes to traded discloses: %v", d)
	}
	if d := s.NewDisclosures("traded", state(StateDeclined)); len(d) != 0 {
		t.Errorf("a decline discloses nothing: %v", d)
	}
	_ = s.Answer("traded", yes())
	if d := s.NewDisclosures("traded", yes()); len(d) != 0 {
		t.Errorf("an indicator already raised is not new: %v", d)
	}
}

func TestSummary(t *testing.T) {
	s := run(t, step{"slept", multi("hotel", "friend")}, step{"partner", yes()}, step{"phones", state(StateDeclined)}, step{"days", Answer{State: StateAnswered, Number: 3}}, step{"who-paid", Answered("an older guy")})
	s.SetNote("away", "Said she \"stayed with people\".")
	s.End() // the rest is not asked
	var dir ContactDirectory
	dir.Add(Contact{ID: "hotline", Name: "Hotline", Phone: "1-888-373-7888"}, Contact{ID: "ncmec", Name: "NCMEC"}, Contact{ID: "emergency", Name: "Emergency", Phone: "911"}, Contact{ID: "cyber", Name: "CyberTipline"})
	start := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	sum := s.Summary(SummaryMeta{SetSHA256: "abc", Started: start, Finished: start.Add(12 * time.Minute), Contacts: &dir})

	if sum.Concern != LevelPossible || sum.Score != 4 {
		t.Errorf("concern %s score %d, want possible 4", sum.Concern, sum.Score)
	}
	if len(sum.Sections) != 1 || sum.Sections[0].Score != 4 {
		t.Errorf("section scores %+v, want away 4", sum.Sections)
	}
	var raised []string
	for _, ri := range sum.Indicators {
		raised = append(raised, ri.ID)
	}
	if !slices.Equal(raised, []string{"hotel", "older"}) {
		t.Errorf("raised %v", raised)
	}
	if ev := sum.Indicators[0].Evidence; len(ev) != 1 || ev[0].Value != "At a friend's; A hotel" {
		t.Errorf("hotel evidence %+v", ev)
	}
	if d := sum.Declined(); len(d) != 1 || d[0].QuestionID != "phones" {
		t.Errorf("declined %+v", d)
	}
	var notAsked []string
	for _, a := range sum.NotAsked() {
		notAsked = append(notAsked, a.QuestionID)
	}
	if !slices.Equal(notAsked, []string{"keycard", "traded", "feel"}) {
		t.Errorf("not asked %v: the questions left when the worker ended", notAsked)
	}
	var contacts []string
	for _, c := range sum.Contacts {
		contacts = append(contacts, c.ID)
	}
	if !slices.Equal(contacts, []string{"hotline", "ncmec", "emergency", "cyber"}) {
		t.Errorf("contacts %v: hotline and NCMEC first, then the set's, then the actions'", contacts)
	}
	if !sum.EndedEarly || len(sum.Notes) != 1 || sum.Notes[0].Title != "While away" {
		t.Errorf("ended %v notes %+v", sum.EndedEarly, sum.Notes)
	}
	if sum.Answers[3].Value != "3" || sum.Answers[4].Value != "an older guy" {
		t.Errorf("answers %+v", sum.Answers[3:5])
	}
}

func TestSnapshotRestore(t *testing.T) {
	s := run(t, step{"slept", multi("hotel")}, step{"partner", yes()}, step{"phones", state(StateDeclined)}, step{"days", Answer{State: StateAnswered, Number: 3}})
	s.SetNote("away", "note")
	r, err := Restore(engineSet(), s.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	if r.Score() != s.Score() || r.Note("away") != "note" || r.AnswerOf("phones").State != StateDeclined {
		t.Errorf("restored score %d note %q phones %+v", r.Score(), r.Note("away"), r.AnswerOf("phones"))
	}
	if q, _ := r.Next(); q.ID != "who-paid" {
		t.Errorf("restored session goes on at %s, want who-paid", q.ID)
	}
	bad := s.Snapshot()
	bad.Answers["nope"] = yes()
	if _, err := Restore(engineSet(), bad); err == nil || !strings.Contains(err.Error(), `no question "nope"`) {
		t.Errorf("an unknown question restored: %v", err)
	}
	bad = s.Snapshot()
	bad.Answers["partner"] = Answered("maybe")
	if _, err := Restore(engineSet(), bad); !errors.Is(err, ErrInvalidAnswer) {
		t.Errorf("an invalid answer restored: %v", err)
	}
}

func TestCompare(t *testing.T) {
	set := engineSet()
	sc := &Scenario{ID: "s", Responses: []Response{
		{QuestionID: "slept", Answer: RawAnswer{State: StateAnswered, Choices: []string{"hotel"}, IsList: true}, HasAnswer: true},
		{QuestionID: "partner", Answer: RawAnswer{State: StateAnswered, Text: "yes"}, HasAnswer: true},
		{QuestionID: "who-paid", Answer: RawAnswer{State: StateAnswered, Text: "him"}, HasAnswer: true},
	}, Expect: Expectation{Concern: LevelPossible, Actions: []Ref{{ID: "assess"}}}}
	// The trainee records the hotel as a friend's place, the partner as declined, and
	// over-flags an exchange.
	trainee := run(t, step{"slept", multi("friend")}, step{"partner", state(StateDeclined)}, step{"days", state(StateNotAsked)}, step{"keycard", no()}, step{"traded", yes()})
	fb, err := sc.Compare(set, trainee)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(inds []*Indicator) string {
		var s []string
		for _, i := range inds {
			s = append(s, i.ID)
		}
		return strings.Join(s, ",")
	}
	qids := func(qs []*Question) string {
		var s []string
		for _, q := range qs {
			s = append(s, q.ID)
		}
		return strings.Join(s, ",")
	}
	if ids(fb.Caught) != "" || ids(fb.Missed) != "hotel,older" || ids(fb.OverFlagged) != "exchange" {
		t.Errorf("caught %q missed %q over %q", ids(fb.Caught), ids(fb.Missed), ids(fb.OverFlagged))
	}
	if fb.Concern != LevelClear || fb.Expected != LevelPossible || len(fb.MissingActions) != 0 {
		t.Errorf("concern %s expected %s missing %v", fb.Concern, fb.Expected, fb.MissingActions)
	}
	if qids(fb.Different) != "slept,partner" {
		t.Errorf("different %q", qids(fb.Different))
	}

	// A trainee who skips a question skipped it; one who ended the screening at an interrupt
	// never reached the questions after it, which is not skipping them.
	for _, c := range []struct {
		name                string
		ended               bool
		skipped, notReached string
	}{
		{"went on, and who-paid was never put", false, "who-paid", ""},
		{"ended at the interrupt, before who-paid", true, "", "who-paid"},
	} {
		t.Run(c.name, func(t *testing.T) {
			trainee := run(t, step{"slept", multi("hotel")}, step{"partner", yes()})
			if c.ended {
				trainee.End()
			}
			fb, err := sc.Compare(set, trainee)
			if err != nil {
				t.Fatal(err)
			}
			if qids(fb.Skipped) != c.skipped || qids(fb.NotReached) != c.notReached {
				t.Errorf("skipped %q, not reached %q; want %q, %q", qids(fb.Skipped), qids(fb.NotReached), c.skipped, c.notReached)
			}
		})
	}
}

// A summary says yes, no and "none of these" in its own language; values stay the set's.
func TestSummaryAnswerWords(t *testing.T) {
	set := &QuestionSet{ID: "s", Version: "1.0.0", Language: "es", Levels: Levels{Possible: 1, Clear: 2}, Sections: []Section{{ID: "a", Questions: []Question{
		{ID: "q1", Mode: ModeAsk, Type: TypeYesNo, Text: "¿Sí?"},
		{ID: "q2", Mode: ModeAsk, Type: TypeYesNo, Text: "¿No?"},
		{ID: "q3", Mode: ModeAsk, Type: TypeMulti, Text: "¿Cuáles?", Options: []Option{{Value: "x", Label: "Equis"}}},
	}}}}
	for _, c := range []struct {
		lang          string
		yes, no, none string
	}{
		{"", "Sí", "No", "Ninguna de estas"},
		{"es-US", "Sí", "No", "Ninguna de estas"},
		{"en", "Yes", "No", "None of these"},
		{"vi", "Yes", "No", "None of these"},
	} {
		s := NewSession(set)
		for _, a := range []struct {
			id string
			a  Answer
		}{{"q1", Answered("yes")}, {"q2", Answered("no")}, {"q3", Answer{State: StateAnswered}}} {
			if err := s.Answer(a.id, a.a); err != nil {
				t.Fatal(err)
			}
		}
		sum := s.Summary(SummaryMeta{Language: c.lang})
		got := []string{sum.Answers[0].Value, sum.Answers[1].Value, sum.Answers[2].Value}
		if want := []string{c.yes, c.no, c.none}; !slices.Equal(got, want) {
			t.Errorf("language %q: %v, want %v", c.lang, got, want)
		}
		if sum.Answers[0].Values[0] != "yes" {
			t.Errorf("language %q: the value is %v, want the set's own yes", c.lang, sum.Answers[0].Values)
		}
	}
}

// A contact in a summary's language: its words where it has them, its numbers always its own.
func TestContactIn(t *testing.T) {
	c := Contact{
		ID: "hotline", Name: "Hotline", Phone: "1-888-373-7888", Text: "233733 (text HELP)", Hours: "24 hours", Notes: "Confidential.",
		Translations: []ContactWords{
			{Language: "es", Text: "233733 (escribe HELP)", Hours: "Las 24 horas"},
			{Language: "es-MX", Hours: "Todo el día"},
		},
	}
	for _, tt := range []struct {
		lang, name, text, hours, notes string
	}{
		{"en", "Hotline", "233733 (text HELP)", "24 hours", "Confidential."},
		{"", "Hotline", "233733 (text HELP)", "24 hours", "Confidential."},
		{"es", "Hotline", "233733 (escribe HELP)", "Las 24 horas", "Confidential."},
		{"ES-us", "Hotline", "233733 (escribe HELP)", "Las 24 horas", "Confidential."},
		{"es-MX", "Hotline", "233733 (escribe HELP)", "Todo el día", "Confidential."},
		{"fr", "Hotline", "233733 (text HELP)", "24 hours", "Confidential."},
	} {
		got := c.In(tt.lang)
		if got.Name != tt.name || got.Text != tt.text || got.Hours != tt.hours || got.Notes != tt.notes || got.Phone != c.Phone {
			t.Errorf("In(%q) = %q %q %q %q %q", tt.lang, got.Name, got.Text, got.Hours, got.Notes, got.Phone)
		}
	}
}

func TestBaseLanguage(t *testing.T) {
	for tag, want := range map[string]string{"es": "es", "es-US": "es", "ES-mx": "es", "zh-Hant-TW": "zh", "": "", "EN": "en"} {
		if got := BaseLanguage(tag); got != want {
			t.Errorf("BaseLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}

// After the worker ends early, what needs nothing more from the young person is still offered:
// observations and the record, never another question read aloud.
func TestNextAfterEnd(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		next  string
	}{
		{"the next observation", []step{{"slept", multi("hotel")}, {"partner", yes()}}, "phones"},
		{"a record", []step{{"slept", multi("hotel")}, {"partner", no()}}, "days"},
		{"ask-mode follow-up skipped", []step{{"slept", multi("hotel")}, {"partner", no()}, {"days", state(StateNotAsked)}}, "keycard"},
		{"nothing after the last observation", []step{{"slept", multi("hotel")}, {"partner", no()}, {"days", state(StateNotAsked)}, {"keycard", no()}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := run(t, tt.steps...)
			s.End()
			got := ""
			if q, ok := s.Next(); ok {
				got = q.ID
			}
			if got != tt.next {
				t.Errorf("next after End = %q, want %q", got, tt.next)
			}
			s.Continue()
			if q, ok := s.Next(); tt.next == "" && ok && q.Mode.ReadAloud() == false {
				t.Errorf("after Continue, next = %s", q.ID)
			}
		})
	}
}

func TestBeforeAndAfter(t *testing.T) {
	s := run(t, step{"slept", multi("friend")}, step{"partner", no()}, step{"days", state(StateDeclined)})
	tests := []struct {
		from          string
		before, after string
	}{
		{"slept", "", "partner"},
		{"partner", "slept", "days"},   // phones does not apply after a no
		{"days", "partner", "keycard"}, // who-paid does not apply without a hotel
		{"keycard", "days", "traded"},  // not answered yet: back goes to the last answer
		{"feel", "days", ""},           // the last question
		{"no-such-question", "", ""},
	}
	for _, tt := range tests {
		var before, after string
		if q, ok := s.Before(tt.from); ok {
			before = q.ID
		}
		if q, ok := s.After(tt.from); ok {
			after = q.ID
		}
		if before != tt.before || after != tt.after {
			t.Errorf("from %s: before %q after %q; want %q and %q", tt.from, before, after, tt.before, tt.after)
		}
	}
	s.End()
	if q, ok := s.After("days"); !ok || q.ID != "keycard" {
		t.Errorf("after End, After(days) = %v", q)
	}
	if q, ok := s.After("keycard"); ok {
		t.Errorf("after End, After(keycard) = %s, want nothing: the rest are read aloud", q.ID)
	}
}

// Clear takes an answer back, and what it opened goes with it.
func TestClear(t *testing.T) {
	s := run(t, step{"slept", multi("hotel")}, step{"partner", yes()}, step{"phones", yes()})
	s.Clear("partner")
	if a := s.AnswerOf("partner"); a.State != "" {
		t.Errorf("partner = %+v after Clear", a)
	}
	if q, ok := s.Next(); !ok || q.ID != "partner" {
		t.Errorf("next = %v, want partner again", q)
	}
	if _, ok := s.Snapshot().Answers["phones"]; ok {
		t.Error("the observation partner's yes opened is still recorded")
	}
	s.Clear("no-such-question") // nothing happens
}
