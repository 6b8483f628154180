package screening

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// recordSummary is a summary with every kind of answer a record reads or must leave out: a
// name in the case reference, words in a note and in a text answer.
func recordSummary() Summary {
	return Summary{
		Set:      SetRef{ID: "county-return", Version: "2.0.0", SHA256: "abc"},
		Started:  time.Date(2026, 11, 30, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), // 1 Dec in UTC
		Finished: time.Date(2026, 12, 1, 0, 10, 0, 0, time.FixedZone("EST", -5*3600)),
		Language: "es", CaseRef: "Marisol Quintero-Vega", EndedEarly: true, WorkerID: "w-0417",
		Concern: LevelClear, Level: LevelClear, Score: 9,
		Completeness: Completeness{Applied: 7, Answered: 4, Declined: 1, DontKnow: 1, NotAsked: 1, Ruled: true},
		Domains:      []DomainLevel{{ID: "sexual", Level: LevelClear}, {ID: "vulnerability", Level: LevelNone}},
		Indicators:   []RaisedIndicator{{ID: "exchange", Weight: 5}, {ID: "adult-paid", Weight: 4}},
		Actions: []SummaryAction{
			{ID: "report-now", Due: &Deadline{From: "learned-at"}, Made: &Made{At: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), InTime: InTimeNo}},
			{ID: "give-hotline"},
			{ID: "medical", Due: &Deadline{From: "back"}},
		},
		Answers: []QuestionAnswer{
			{QuestionID: "years", State: StateAnswered, Values: []string{"14.9"}, Value: "14,9 años", Fact: FactAge},
			{QuestionID: "back", State: StateAnswered, Values: []string{"2026-11-29T20:00:00-05:00"}, Fact: FactReturnedAt},
			{QuestionID: "interp", State: StateAnswered, Values: []string{"yes"}, Fact: FactInterpreter},
			{QuestionID: "words", State: StateAnswered, Values: []string{"stayed with Danny at the Starlite Motel"}, Value: "stayed with Danny at the Starlite Motel"},
			{QuestionID: "paid", State: StateDeclined},
			{QuestionID: "where", State: StateDontKnow},
			{QuestionID: "phone", State: StateNotAsked},
			{QuestionID: "later", State: StateNotApplicable},
			{QuestionID: "interp-lang", State: StateAnswered, Values: []string{"es"}, Value: "Spanish", Fact: FactInterpreterLanguage},
			{QuestionID: "interp-trained", State: StateAnswered, Values: []string{"no"}, Fact: FactInterpreterTrained},
			{QuestionID: "how", State: StateAnswered, Values: []string{"video"}, Value: "By video call", Fact: FactMode},
			{QuestionID: "role", State: StateAnswered, Values: []string{"caseworker"}, Value: "Caseworker", Fact: FactWorkerRole},
		},
		Notes: []SectionNote{{SectionID: "away", Text: "Said Danny (22) drove her to Fresno"}},
	}
}

func TestRecordOf(t *testing.T) {
	s := recordSummary()
	r := RecordOf(&s)
	all := fmt.Sprintf("%+v %d", r, *r.HoursToScreening)
	h := 27 // 29 Nov 20:00 to 30 Nov 23:30 EST
	want := Record{
		ScreeningID: ScreeningID(&s),
		SetID:       "county-return", SetVersion: "2.0.0", SetSHA256: "abc",
		ScreenedMonth: "2026-12", ReturnedMonth: "2026-11", HoursToScreening: &h, AgeBand: Age12To14,
		Concern: LevelClear, Score: 9, Complete: true, CompletenessRule: true,
		Applied: 7, Answered: 4, Declined: 1, DontKnow: 1, NotAsked: 1, EndedEarly: true,
		Language: "es", Interpreter: InterpreterYes,
		Mode: "video", InterpreterLanguage: "es", InterpreterTrained: "no", WorkerRole: "caseworker",
		Domains:           []RecordDomain{{"sexual", LevelClear}, {"vulnerability", LevelNone}},
		Indicators:        []string{"adult-paid", "exchange"},
		Actions:           []RecordAction{{"give-hotline", InTimeNoDeadline}, {"medical", InTimeUnknown}, {"report-now", InTimeNo}},
		DeclinedQuestions: []string{"paid"}, DontKnowQuestions: []string{"where"}, NotAskedQuestions: []string{"phone"},
	}
	if r.HoursToScreening == nil || *r.HoursToScreening != h {
		t.Errorf("hours to screening %v, want %d", r.HoursToScreening, h)
	}
	r.HoursToScreening, want.HoursToScreening = nil, nil
	if got, w := fmt.Sprintf("%+v", r), fmt.Sprintf("%+v", want); got != w {
		t.Errorf("got  %s\nwant %s", got, w)
	}
	// Nothing anyone said or wrote, no name and no exact date.
	for _, secret := range []string{"Marisol", "Danny", "Starlite", "Fresno", "14.9", "14,9", "2026-11-29", "20:00", "23:30", "w-0417", "2026-12-02", "09:00"} {
		if strings.Contains(all, secret) {
			t.Errorf("the record holds %q: %s", secret, all)
		}
	}
}

func TestRecordFacts(t *testing.T) {
	started := time.Date(2026, 12, 3, 14, 10, 0, 0, time.UTC)
	answered := func(id string, fact Fact, v string) QuestionAnswer {
		return QuestionAnswer{QuestionID: id, State: StateAnswered, Values: []string{v}, Fact: fact}
	}
	tests := []struct {
		name        string
		answers     []QuestionAnswer
		band        string
		month       string
		hours       string // "" nil
		interpreter string
	}{
		{"nothing recorded", nil, AgeBandUnset, "", "", InterpreterUnknown},
		{"by the facts the summary names", []QuestionAnswer{answered("y", FactAge, "17"), answered("b", FactReturnedAt, "2026-12-02T14:10:00Z"), answered("i", FactInterpreter, "no")}, Age15To17, "2026-12", "24", InterpreterNo},
		{"an older summary: by the questions' ids", []QuestionAnswer{answered("age", "", "11"), answered("returned-at", "", "2026-11-30T23:59:00-01:00"), answered("interpreter", "", "yes")}, AgeUnder12, "2026-12", "61", InterpreterYes},
		{"a summary that names facts is not read by ids too", []QuestionAnswer{answered("age", "", "11"), answered("i", FactInterpreter, "yes")}, AgeBandUnset, "", "", InterpreterYes},
		{"a declined age is unknown", []QuestionAnswer{{QuestionID: "age", State: StateDeclined, Fact: FactAge}}, AgeBandUnset, "", "", InterpreterUnknown},
		{"an age that is not a number is unknown", []QuestionAnswer{answered("age", FactAge, "fifteen")}, AgeBandUnset, "", "", InterpreterUnknown},
		{"a return time that is not one is unknown", []QuestionAnswer{answered("b", FactReturnedAt, "last night")}, AgeBandUnset, "", "", InterpreterUnknown},
		{"a return recorded after the start counts back", []QuestionAnswer{answered("b", FactReturnedAt, "2026-12-03T14:40:00Z")}, AgeBandUnset, "2026-12", "-1", InterpreterUnknown},
		{"less than an hour is 0", []QuestionAnswer{answered("b", FactReturnedAt, "2026-12-03T13:11:00Z")}, AgeBandUnset, "2026-12", "0", InterpreterUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summary{Started: started, Answers: tt.answers}
			r := RecordOf(&s)
			hours := ""
			if r.HoursToScreening != nil {
				hours = fmt.Sprint(*r.HoursToScreening)
			}
			if r.AgeBand != tt.band || r.ReturnedMonth != tt.month || hours != tt.hours || r.Interpreter != tt.interpreter {
				t.Errorf("band %q month %q hours %q interpreter %q; want %q %q %q %q", r.AgeBand, r.ReturnedMonth, hours, r.Interpreter, tt.band, tt.month, tt.hours, tt.interpreter)
			}
		})
	}
}

// The facts a record takes from an option's value or a yes or no: as answered, unknown when not,
// and no-interpreter for the interpreter's language and training when none helped.
func TestRecordScreeningFacts(t *testing.T) {
	answered := func(fact Fact, v string) QuestionAnswer {
		return QuestionAnswer{QuestionID: "q-" + string(fact), State: StateAnswered, Values: []string{v}, Fact: fact}
	}
	tests := []struct {
		name                         string
		answers                      []QuestionAnswer
		mode, lang, trained, role, i string
	}{
		{"nothing recorded", nil, FactUnknown, FactUnknown, FactUnknown, FactUnknown, InterpreterUnknown},
		{"all answered", []QuestionAnswer{answered(FactMode, "phone"), answered(FactInterpreter, "yes"), answered(FactInterpreterLanguage, "ase"), answered(FactInterpreterTrained, "yes"), answered(FactWorkerRole, "investigator")}, "phone", "ase", "yes", "investigator", InterpreterYes},
		{"no interpreter", []QuestionAnswer{answered(FactInterpreter, "no"), {QuestionID: "l", State: StateNotApplicable, Fact: FactInterpreterLanguage}}, FactUnknown, NoInterpreter, NoInterpreter, FactUnknown, InterpreterNo},
		{"an interpreter, language declined", []QuestionAnswer{answered(FactInterpreter, "yes"), {QuestionID: "l", State: StateDeclined, Fact: FactInterpreterLanguage}, answered(FactInterpreterTrained, "no")}, FactUnknown, FactUnknown, "no", FactUnknown, InterpreterYes},
		{"a value that is not an id is not carried", []QuestionAnswer{answered(FactMode, "By Phone"), answered(FactWorkerRole, "")}, FactUnknown, FactUnknown, FactUnknown, FactUnknown, InterpreterUnknown},
		{"the newer facts are never read from ids", []QuestionAnswer{{QuestionID: "mode", State: StateAnswered, Values: []string{"phone"}}, {QuestionID: "worker-role", State: StateAnswered, Values: []string{"caseworker"}}}, FactUnknown, FactUnknown, FactUnknown, FactUnknown, InterpreterUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := RecordOf(&Summary{Answers: tt.answers})
			if r.Mode != tt.mode || r.InterpreterLanguage != tt.lang || r.InterpreterTrained != tt.trained || r.WorkerRole != tt.role || r.Interpreter != tt.i {
				t.Errorf("mode %q language %q trained %q role %q interpreter %q; want %q %q %q %q %q", r.Mode, r.InterpreterLanguage, r.InterpreterTrained, r.WorkerRole, r.Interpreter, tt.mode, tt.lang, tt.trained, tt.role, tt.i)
			}
		})
	}
}

func TestAgeBand(t *testing.T) {
	for years, want := range map[float64]string{
		0: AgeUnder12, 5: AgeUnder12, 11.99: AgeUnder12, 12: Age12To14, 14.5: Age12To14, 15: Age15To17,
		17.99: Age15To17, 18: Age18OrOver, 25: Age18OrOver, -1: AgeBandUnset,
	} {
		if got := AgeBand(years); got != want {
			t.Errorf("AgeBand(%v) = %s, want %s", years, got, want)
		}
	}
	if !slices.Equal(AgeBands, []string{"under-12", "12-14", "15-17", "18-plus", "unknown"}) {
		t.Errorf("the bands are %v", AgeBands)
	}
}

func TestScreeningID(t *testing.T) {
	base := recordSummary()
	id := ScreeningID(&base)
	if len(id) != 64 {
		t.Fatalf("id %q", id)
	}
	same := []func(*Summary){
		func(s *Summary) { s.Language = "en"; s.Answers[0].Value = "14.9 years" }, // the words shown
		func(s *Summary) { s.Notes = nil; s.CaseRef = "" },                        // what a copy may leave out
		func(s *Summary) { s.Started = s.Started.UTC() },                          // the same moment, read in UTC
		func(s *Summary) { s.Answers[4].Values = []string{} },                     // no values, empty or absent
	}
	for i, change := range same {
		s := recordSummary()
		change(&s)
		if got := ScreeningID(&s); got != id {
			t.Errorf("change %d: a copy of the same interview has another id", i)
		}
	}
	other := []func(*Summary){
		func(s *Summary) { s.Started = s.Started.Add(time.Second) },
		func(s *Summary) { s.Answers[0].Values = []string{"15"} },
		func(s *Summary) { s.Answers[4].State = StateNotAsked },
		func(s *Summary) { s.Set.Version = "2.0.1" },
		func(s *Summary) { s.Answers[3].Values = []string{"stayed with Danny", "at the Starlite Motel"} }, // not the same as one value
	}
	for i, change := range other {
		s := recordSummary()
		change(&s)
		if got := ScreeningID(&s); got == id {
			t.Errorf("change %d: another interview has the same id", i)
		}
	}
}
