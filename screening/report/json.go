package report

import (
	_ "embed"
	"encoding/json"
	"io"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// SummarySchema is the JSON Schema (draft 2020-12) of the JSON summary, format
// safeharbor-summary/v1. A test holds it to jsonSummary, key by key, and every JSON summary the
// tests write to it.
//
//go:embed schema/summary.schema.json
var SummarySchema []byte

// The JSON form is the contract for scripts: keys are stable, and "format" names the version.
type jsonSummary struct {
	Format       string           `json:"format"`
	QuestionSet  jsonSet          `json:"question_set"`
	Interview    jsonInterview    `json:"interview"`
	Concern      screening.Level  `json:"concern"`
	Score        jsonScore        `json:"score"`
	Domains      []jsonDomain     `json:"domains"`
	Completeness jsonCompleteness `json:"completeness"`
	Indicators   []jsonIndicator  `json:"indicators"`
	Actions      []jsonAction     `json:"actions"`
	Contacts     []jsonContact    `json:"contacts"`
	Declined     []string         `json:"declined"`
	DontKnow     []string         `json:"dont_know"`
	NotAsked     []string         `json:"not_asked"`
	Notes        []jsonNote       `json:"notes"`
	Answers      []jsonAnswer     `json:"answers"`
}

type jsonSet struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	Title   string `json:"title"`
}

type jsonInterview struct {
	Started    *time.Time `json:"started"`
	Finished   *time.Time `json:"finished"`
	Language   string     `json:"language"`
	Training   bool       `json:"training"`
	EndedEarly bool       `json:"ended_early"`
	CaseRef    string     `json:"case_ref,omitempty"`
	WorkerID   string     `json:"worker_id,omitempty"`
}

type jsonScore struct {
	Total    int                `json:"total"`
	Possible int                `json:"possible"`
	Clear    int                `json:"clear"`
	Level    screening.Level    `json:"level"` // what the answers reached: none, possible or clear
	Rule     *jsonLevelRule     `json:"rule,omitempty"`
	Sections []jsonSectionScore `json:"sections"`
}

// jsonLevelRule says which rule beyond the score decided the level: the indicator that met the
// level's needs, or the higher level the score reached that its needs held back.
type jsonLevelRule struct {
	MetBy    string          `json:"met_by,omitempty"`
	HeldBack screening.Level `json:"held_back,omitempty"`
	Needs    *jsonNeeds      `json:"needs,omitempty"`
}

type jsonNeeds struct {
	MinWeight int      `json:"min_weight,omitempty"`
	Domains   []string `json:"domains,omitempty"`
}

type jsonDomain struct {
	ID    string          `json:"id"`
	Label string          `json:"label"`
	Level screening.Level `json:"level"`
	Score int             `json:"score"`
}

type jsonCompleteness struct {
	Complete    bool          `json:"complete"`      // false only when the set's rule calls it incomplete
	Declared    bool          `json:"rule_declared"` // the set declares when a screening is incomplete
	Applied     int           `json:"applied"`
	Answered    int           `json:"answered"`
	Declined    int           `json:"declined"`
	DontKnow    int           `json:"dont_know"`
	NotAsked    int           `json:"not_asked"`
	ReadAloud   jsonReadAloud `json:"read_aloud"`
	MinAnswered int           `json:"min_answered,omitempty"`
	KeyMissing  []string      `json:"key_questions_missing"`
}

type jsonReadAloud struct {
	Applied  int `json:"applied"`
	Answered int `json:"answered"`
}

type jsonDue struct {
	From     string     `json:"from"`
	Within   string     `json:"within"`
	Start    *time.Time `json:"start"` // null: the time was not recorded
	At       *time.Time `json:"at"`
	Overdue  bool       `json:"overdue"`
	Describe string     `json:"text"`
}

type jsonSectionScore struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Score int    `json:"score"`
}

type jsonIndicator struct {
	ID         string       `json:"id"`
	Label      string       `json:"label"`
	Weight     int          `json:"weight"`
	Disclosure bool         `json:"disclosure"`
	Answers    []jsonAnswer `json:"answers"`
	Sources    []jsonSource `json:"sources"`
}

type jsonSource struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
}

type jsonAction struct {
	ID        string    `json:"id"`
	Priority  string    `json:"priority"`
	Text      string    `json:"text"`
	Contacts  []string  `json:"contacts"`
	Interrupt bool      `json:"interrupt"`
	Due       *jsonDue  `json:"due,omitempty"`
	Made      *jsonMade `json:"made,omitempty"`
}

// jsonMade is when an action was recorded done, and whether in time: the one key
// safeharbor report-made adds to a summary, so it is written as report-made writes it.
type jsonMade struct {
	At       time.Time `json:"at"`
	InTime   string    `json:"in_time"`
	Describe string    `json:"text"`
}

// madeJSON is an action's made key as a summary in lang holds it.
func madeJSON(m screening.Made, lang string) jsonMade {
	return jsonMade{At: m.At, InTime: m.InTime, Describe: m.Describe(lang)}
}

// jsonContact's phone is the number to dial, digits only; a number written in words keeps them
// in phone_vanity.
type jsonContact struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Phone  string `json:"phone,omitempty"`
	Vanity string `json:"phone_vanity,omitempty"`
	Text   string `json:"text,omitempty"`
	TTY    string `json:"tty,omitempty"`
	URL    string `json:"url,omitempty"`
	Hours  string `json:"hours,omitempty"`
	Notes  string `json:"notes,omitempty"`
}

type jsonNote struct {
	Section string `json:"section"`
	Title   string `json:"title"`
	Text    string `json:"text"`
}

type jsonAnswer struct {
	Question string   `json:"question"`
	Section  string   `json:"section"`
	Text     string   `json:"text"`
	Mode     string   `json:"mode"`
	State    string   `json:"state"`
	Value    string   `json:"value,omitempty"`
	Values   []string `json:"values,omitempty"`
	Language string   `json:"language,omitempty"`
	Fact     string   `json:"fact,omitempty"`
}

func toJSONAnswer(a screening.QuestionAnswer) jsonAnswer {
	return jsonAnswer{Question: a.QuestionID, Section: a.SectionID, Text: a.Text, Mode: string(a.Mode), State: string(a.State), Value: a.Value, Values: a.Values, Language: a.Language, Fact: string(a.Fact)}
}

func ids(qs []screening.QuestionAnswer) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.QuestionID
	}
	return out
}

// timeIn is a clock time as recorded, keeping its offset: a deadline is read where it applies.
func timeIn(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func levelRule(r screening.Reached) *jsonLevelRule {
	if r.MetBy == "" && r.HeldBack == "" {
		return nil
	}
	out := &jsonLevelRule{MetBy: r.MetBy, HeldBack: r.HeldBack}
	if r.HeldBack != "" {
		n := &jsonNeeds{MinWeight: r.HeldBy.MinWeight}
		for _, d := range r.HeldBy.Domains {
			n.Domains = append(n.Domains, d.ID)
		}
		out.Needs = n
	}
	return out
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// WriteSummaryJSON writes the summary as one JSON object (format safeharbor-summary/v1).
func WriteSummaryJSON(w io.Writer, s *screening.Summary) error {
	out := jsonSummary{
		Format:      s.Format,
		QuestionSet: jsonSet{s.Set.ID, s.Set.Version, s.Set.SHA256, s.Set.Title},
		Interview:   jsonInterview{timePtr(s.Started), timePtr(s.Finished), s.Language, s.Training, s.EndedEarly, s.CaseRef, s.WorkerID},
		Concern:     s.Concern,
		Score:       jsonScore{Total: s.Score, Possible: s.Levels.Possible, Clear: s.Levels.Clear, Level: s.Level, Rule: levelRule(s.Reached), Sections: []jsonSectionScore{}},
		Domains:     []jsonDomain{},
		Completeness: jsonCompleteness{
			Complete: !s.Completeness.Incomplete, Declared: s.Completeness.Ruled, Applied: s.Completeness.Applied, Answered: s.Completeness.Answered,
			Declined: s.Completeness.Declined, DontKnow: s.Completeness.DontKnow, NotAsked: s.Completeness.NotAsked,
			ReadAloud:   jsonReadAloud{s.Completeness.ReadAloud, s.Completeness.ReadAloudAnswered},
			MinAnswered: s.Completeness.MinAnswered, KeyMissing: append([]string{}, s.Completeness.KeyMissing...),
		},
		Indicators: []jsonIndicator{},
		Actions:    []jsonAction{},
		Contacts:   []jsonContact{},
		Declined:   ids(s.Declined()),
		DontKnow:   ids(s.DontKnow()),
		NotAsked:   ids(s.NotAsked()),
		Notes:      []jsonNote{},
		Answers:    []jsonAnswer{},
	}
	for _, sec := range s.Sections {
		out.Score.Sections = append(out.Score.Sections, jsonSectionScore{sec.ID, sec.Title, sec.Score})
	}
	for _, d := range s.Domains {
		out.Domains = append(out.Domains, jsonDomain{d.ID, d.Label, d.Level, d.Reached.Score})
	}
	for _, ind := range s.Indicators {
		ji := jsonIndicator{ID: ind.ID, Label: ind.Label, Weight: ind.Weight, Disclosure: ind.Disclosure, Answers: []jsonAnswer{}, Sources: []jsonSource{}}
		for _, e := range ind.Evidence {
			ji.Answers = append(ji.Answers, toJSONAnswer(e))
		}
		for _, src := range ind.Sources {
			ji.Sources = append(ji.Sources, jsonSource{src.ID, src.Title, src.Publisher, src.URL})
		}
		out.Indicators = append(out.Indicators, ji)
	}
	for _, a := range s.Actions {
		ja := jsonAction{ID: a.ID, Priority: string(a.Priority), Text: a.Text, Contacts: []string{}, Interrupt: a.Interrupt}
		for _, c := range a.Contacts {
			ja.Contacts = append(ja.Contacts, c.ID)
		}
		if d := a.Due; d != nil {
			ja.Due = &jsonDue{From: d.From, Within: d.WithinText, Start: timeIn(d.Start), At: timeIn(d.At), Overdue: d.Overdue, Describe: d.Describe(s.Language)}
		}
		if a.Made != nil {
			m := madeJSON(*a.Made, s.Language)
			ja.Made = &m
		}
		out.Actions = append(out.Actions, ja)
	}
	for _, c := range s.Contacts {
		out.Contacts = append(out.Contacts, jsonContact{c.ID, c.Name, c.Dial(), c.Vanity(), c.Text, c.TTY, c.URL, c.Hours, c.Notes})
	}
	for _, n := range s.Notes {
		out.Notes = append(out.Notes, jsonNote{n.SectionID, n.Title, n.Text})
	}
	for _, a := range s.Answers {
		out.Answers = append(out.Answers, toJSONAnswer(a))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
