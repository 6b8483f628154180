package screening

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"time"
)

// RecordFormat names the version of a record's shape; records carry it.
const RecordFormat = "safeharbor-record/v1"

// Age bands: a record never holds an age in years.
const (
	AgeUnder12   = "under-12"
	Age12To14    = "12-14"
	Age15To17    = "15-17"
	Age18OrOver  = "18-plus"
	AgeBandUnset = "unknown" // no age question, or its answer was declined, not known or not asked
)

// AgeBands lists the bands in order, youngest first.
var AgeBands = []string{AgeUnder12, Age12To14, Age15To17, Age18OrOver, AgeBandUnset}

// Whether an action was done in time.
const (
	InTimeYes = "yes"
	InTimeNo  = "no"
	// InTimeUnknown: the action has a deadline, and nothing records when it was done. A summary
	// that says nothing of it is never read as "not done".
	InTimeUnknown    = "unknown"
	InTimeNoDeadline = "no-deadline" // the action has no deadline to be in time for
)

// InTimeValues lists what a record says of an action listed in its screening.
var InTimeValues = []string{InTimeYes, InTimeNo, InTimeUnknown, InTimeNoDeadline}

// What a record says of an interpreter.
const (
	InterpreterYes     = "yes"
	InterpreterNo      = "no"
	InterpreterUnknown = "unknown"
	// NoInterpreter is the interpreter's language and training when no interpreter helped.
	NoInterpreter = "no-interpreter"
)

// FactUnknown is a fact a record takes from an option's value (the mode, the role, the
// interpreter's language) when no answer gives it.
const FactUnknown = "unknown"

// Record is one screening, de-identified: what an agency's data team may hold about it. It has
// no name, no case reference, no note, no answer in anyone's words, no exact date and no age in
// years: the set, months, hours, an age band, the levels, counts, and ids.
type Record struct {
	ScreeningID string // the same for every copy of one interview's summary: see ScreeningID
	SetID       string
	SetVersion  string
	SetSHA256   string
	Training    bool

	ScreenedMonth    string // YYYY-MM in UTC, when the screening started; "" when not known
	ReturnedMonth    string // YYYY-MM in UTC, when the young person came back; "" when not known
	HoursToScreening *int   // whole hours from the return to the start of the screening; nil when not known
	AgeBand          string

	Concern          Level // none, possible, clear or incomplete
	Score            int
	Complete         bool // false only when the set's completeness rule calls the screening incomplete
	CompletenessRule bool // the set declares when a screening is incomplete
	Applied          int  // questions that applied
	Answered         int
	Declined         int
	DontKnow         int
	NotAsked         int
	EndedEarly       bool   // the worker ended the interview after a disclosure
	Language         string // the language the questions were asked in
	Interpreter      string // yes, no or unknown

	// The facts a record takes from an option's value or a yes or no: FactUnknown when no answer
	// gives them, NoInterpreter for the interpreter's when none helped. Never the worker's id.
	Mode                string // how the conversation was held: the set's option value (in-person, phone, video)
	InterpreterLanguage string // a language tag, other
	InterpreterTrained  string // yes, no
	WorkerRole          string // the set's option value

	Domains    []RecordDomain // the level in each of the set's domains, in order of id
	Indicators []string       // the indicators raised, by id, in order of id
	Actions    []RecordAction // the actions listed, in order of id

	// The questions in each state, by id, in the set's order: what per-question rates are made of.
	DeclinedQuestions, DontKnowQuestions, NotAskedQuestions []string
}

// RecordDomain is the level a screening reached in one domain.
type RecordDomain struct {
	ID    string
	Level Level
}

// RecordAction is an action a screening listed, and whether it was done in time.
type RecordAction struct {
	ID, InTime string
}

// RecordOf de-identifies a summary. The facts it needs (the age, the return time, the
// interpreter) come from the answers the summary names as them; a summary written before
// summaries named them has them from the questions whose ids are the facts' names.
func RecordOf(s *Summary) Record {
	r := Record{
		ScreeningID: ScreeningID(s),
		SetID:       s.Set.ID, SetVersion: s.Set.Version, SetSHA256: s.Set.SHA256,
		Training:         s.Training,
		ScreenedMonth:    month(s.Started),
		AgeBand:          AgeBandUnset,
		Concern:          s.Concern,
		Score:            s.Score,
		Complete:         !s.Completeness.Incomplete,
		CompletenessRule: s.Completeness.Ruled,
		Applied:          s.Completeness.Applied,
		Answered:         s.Completeness.Answered,
		Declined:         s.Completeness.Declined,
		DontKnow:         s.Completeness.DontKnow,
		NotAsked:         s.Completeness.NotAsked,
		EndedEarly:       s.EndedEarly,
		Language:         s.Language,
		Interpreter:      InterpreterUnknown,

		Mode: FactUnknown, InterpreterLanguage: FactUnknown, InterpreterTrained: FactUnknown, WorkerRole: FactUnknown,
	}
	facts := factAnswers(s.Answers)
	if a, ok := facts[FactAge]; ok {
		if years, err := strconv.ParseFloat(a.Values[0], 64); err == nil {
			r.AgeBand = AgeBand(years)
		}
	}
	if a, ok := facts[FactReturnedAt]; ok {
		if back, err := parseStoredClock(a.Values[0]); err == nil {
			r.ReturnedMonth = month(back)
			if !s.Started.IsZero() {
				h := int(math.Floor(s.Started.Sub(back).Hours()))
				r.HoursToScreening = &h
			}
		}
	}
	if a, ok := facts[FactInterpreter]; ok {
		switch a.Values[0] {
		case "yes":
			r.Interpreter = InterpreterYes
		case "no":
			r.Interpreter = InterpreterNo
			r.InterpreterLanguage, r.InterpreterTrained = NoInterpreter, NoInterpreter
		}
	}
	for f, field := range map[Fact]*string{FactMode: &r.Mode, FactWorkerRole: &r.WorkerRole, FactInterpreterLanguage: &r.InterpreterLanguage} {
		if a, ok := facts[f]; ok && IsID(a.Values[0]) {
			*field = a.Values[0]
		}
	}
	if a, ok := facts[FactInterpreterTrained]; ok && (a.Values[0] == "yes" || a.Values[0] == "no") {
		r.InterpreterTrained = a.Values[0]
	}
	for _, d := range s.Domains {
		r.Domains = append(r.Domains, RecordDomain{ID: d.ID, Level: d.Level})
	}
	slices.SortFunc(r.Domains, func(a, b RecordDomain) int { return cmp.Compare(a.ID, b.ID) })
	for _, ind := range s.Indicators {
		r.Indicators = append(r.Indicators, ind.ID)
	}
	slices.Sort(r.Indicators)
	for _, a := range s.Actions {
		in := InTimeNoDeadline
		switch {
		case a.Made != nil:
			in = a.Made.InTime
		case a.Due != nil:
			in = InTimeUnknown // nothing records when it was done: never read as not done
		}
		r.Actions = append(r.Actions, RecordAction{ID: a.ID, InTime: in})
	}
	slices.SortFunc(r.Actions, func(a, b RecordAction) int { return cmp.Compare(a.ID, b.ID) })
	for _, a := range s.Answers {
		switch a.State {
		case StateDeclined:
			r.DeclinedQuestions = append(r.DeclinedQuestions, a.QuestionID)
		case StateDontKnow:
			r.DontKnowQuestions = append(r.DontKnowQuestions, a.QuestionID)
		case StateNotAsked:
			r.NotAskedQuestions = append(r.NotAskedQuestions, a.QuestionID)
		}
	}
	return r
}

// factAnswers finds the answered questions that record facts: those the summary names, or,
// when it names none (a summary written before it could), those whose ids are the facts' names.
func factAnswers(answers []QuestionAnswer) map[Fact]QuestionAnswer {
	named := slices.ContainsFunc(answers, func(a QuestionAnswer) bool { return a.Fact != "" })
	out := make(map[Fact]QuestionAnswer)
	for _, a := range answers {
		f := a.Fact
		if !named {
			f = FactByConvention(a.QuestionID)
		}
		if f == "" || a.State != StateAnswered || len(a.Values) == 0 {
			continue
		}
		if _, dup := out[f]; !dup {
			out[f] = a
		}
	}
	return out
}

// AgeBand is the band of an age in years: under 12, 12-14, 15-17, 18 or over. A part of a year
// does not move the band: 11.9 is under 12.
func AgeBand(years float64) string {
	switch {
	case math.IsNaN(years) || years < 0:
		return AgeBandUnset
	case years < 12:
		return AgeUnder12
	case years < 15:
		return Age12To14
	case years < 18:
		return Age15To17
	}
	return Age18OrOver
}

// month is t's month in UTC, YYYY-MM; "" for the zero time.
func month(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01")
}

// ScreeningID identifies one interview, whatever copy of its summary it is read from (a file
// exported twice, a summary and the record made from it): a SHA-256 of the set, the moment the
// interview started and every answer as data (states and values, not the words shown), so two
// copies of one interview count once. It is not a name: nothing can be read back from it.
func ScreeningID(s *Summary) string {
	h := sha256.New()
	var buf []byte
	field := func(v string) {
		buf = strconv.AppendInt(buf[:0], int64(len(v)), 10)
		buf = append(append(append(buf, ':'), v...), ';')
		h.Write(buf)
	}
	field("safeharbor-screening/v1")
	field(s.Set.ID)
	field(s.Set.Version)
	field(s.Set.SHA256)
	if !s.Started.IsZero() {
		field(s.Started.UTC().Format(time.RFC3339Nano))
	} else {
		field("")
	}
	for _, a := range s.Answers {
		field(a.QuestionID)
		field(string(a.State))
		h.Write(append(strconv.AppendInt(buf[:0], int64(len(a.Values)), 10), ';'))
		for _, v := range a.Values {
			field(v)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
