package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// WriteSummaryText writes the summary for a terminal or a printer, in the summary's language:
// what must be done now first, set apart; then the concern level and how it was reached; what
// was seen, with the young person's answers and the sources; what was not answered; the notes;
// every contact.
func WriteSummaryText(w io.Writer, s *screening.Summary) error {
	p := &printer{w: w}
	t := wordsFor(s.Language)
	up := strings.ToUpper
	if s.Training {
		p.line("*** " + t.Training + " ***")
		p.blank()
	}
	p.line(up(t.SummaryTitle))
	p.line(s.Set.Title)
	p.wrap("", fmt.Sprintf(t.SetLine, s.Set.ID, s.Set.Version, t.when(s.Started), t.when(s.Finished), s.Language))
	if s.EndedEarly {
		p.wrap("", t.EndedEarly)
	}

	urgent, other := splitActions(s.Actions)
	if len(urgent) > 0 {
		p.heading(up(t.DoNow))
		p.line(strings.Repeat("-", 10))
		for _, a := range urgent {
			p.wrap(fmt.Sprintf("[%s] ", up(t.priority(a.Priority))), a.Text)
			if d := t.due(s, a); d != "" {
				p.wrap("    ", d)
			}
			for _, c := range a.Contacts {
				p.wrap("    ", t.contactLine(c))
			}
		}
		p.line(strings.Repeat("-", 10))
	}

	p.blank()
	p.wrap("", up(t.Concern)+": "+t.concern(s.Concern))
	for _, l := range t.incomplete(s) {
		p.wrap("", l)
	}
	p.wrap("", t.HowReached+": "+t.reached(s)+".")
	if len(s.Domains) > 0 {
		p.wrap("", t.ByDomain+": "+t.domains(s)+".")
	}
	if len(s.Sections) > 0 {
		parts := make([]string, len(s.Sections))
		for i, sec := range s.Sections {
			parts[i] = fmt.Sprintf("%s %d", sec.Title, sec.Score)
		}
		p.wrap("", t.BySection+": "+strings.Join(parts, ", ")+".")
	}
	p.wrap("", t.howMuch(s))

	if len(s.Indicators) > 0 {
		p.heading(up(t.WhatWasSeen))
		for _, ind := range s.Indicators {
			head := ind.Label + " (" + fmt.Sprintf(t.Weight, ind.Weight)
			if ind.Disclosure {
				head += ", " + t.ADisclosure
			}
			p.wrap("- ", head+")")
			for _, e := range ind.Evidence {
				p.wrap("    ", fmt.Sprintf("%s %s — %s", t.evidenceVerb(e.Mode), e.Text, e.Value))
			}
			p.wrap("    ", t.Sources+": "+sourceTitles(ind.Sources))
		}
	}

	if len(other) > 0 {
		p.heading(up(t.AlsoToDo))
		for _, a := range other {
			p.wrap(fmt.Sprintf("[%s] ", up(t.priority(a.Priority))), a.Text)
			if d := t.due(s, a); d != "" {
				p.wrap("    ", d)
			}
		}
	}

	if unanswered := t.unanswered(s); len(unanswered) > 0 {
		p.heading(up(t.NotAnswered))
		p.wrap("", t.ReturnLater)
		for _, u := range unanswered {
			p.line(u.Title + ":")
			for _, q := range u.Questions {
				p.wrap("  - ", q)
			}
		}
	}

	if len(s.Notes) > 0 {
		p.heading(up(t.Notes))
		for _, n := range s.Notes {
			p.wrap(n.Title+": ", n.Text)
		}
	}

	p.heading(up(t.Contacts))
	for _, c := range s.Contacts {
		p.wrap("- ", t.contactText(c))
	}

	p.heading(up(t.AllAnswers))
	for _, a := range s.Answers {
		if a.State == screening.StateNotApplicable {
			continue
		}
		p.wrap("- ", fmt.Sprintf("%s %s", a.Text, t.answerValue(a)))
	}

	p.blank()
	p.wrap("", t.NotADetermination)
	// The file's checksum last: it is for whoever checks the record, and noise to a listener.
	p.blank()
	p.line(t.SetSHA256 + ": " + s.Set.SHA256)
	if s.Training {
		p.blank()
		p.line("*** " + t.Training + " ***")
	}
	return p.err
}

// WriteSummaryMarkdown writes the same summary as markdown, for a case record.
func WriteSummaryMarkdown(w io.Writer, s *screening.Summary) error {
	p := &printer{w: w}
	t := wordsFor(s.Language)
	if s.Training {
		p.linef("> **%s.**", t.Training)
		p.blank()
	}
	p.line("# " + t.SummaryTitle)
	p.blank()
	p.linef("**%s**  ", s.Set.Title)
	p.linef(t.SetLine+"  ", "`"+s.Set.ID+"`", s.Set.Version, t.when(s.Started), t.when(s.Finished), s.Language)
	if s.EndedEarly {
		p.blank()
		p.line(t.EndedEarly)
	}
	urgent, other := splitActions(s.Actions)
	if len(urgent) > 0 {
		p.blank()
		p.line("## " + t.DoNow)
		p.blank()
		for _, a := range urgent {
			p.linef("- **%s:** %s", strings.ToUpper(t.priority(a.Priority)), a.Text)
			if d := t.due(s, a); d != "" {
				p.linef("  - %s", d)
			}
			for _, c := range a.Contacts {
				p.linef("  - %s", t.contactLine(c))
			}
		}
	}
	p.blank()
	p.linef("## %s: %s", t.Concern, t.concern(s.Concern))
	for _, l := range t.incomplete(s) {
		p.blank()
		p.line(l)
	}
	p.blank()
	p.linef("%s: %s.", t.HowReached, t.reached(s))
	if len(s.Domains) > 0 {
		p.blank()
		p.linef("%s: %s.", t.ByDomain, t.domains(s))
	}
	p.blank()
	p.line(t.howMuch(s))
	if len(s.Indicators) > 0 {
		p.blank()
		p.line("## " + t.WhatWasSeen)
		for _, ind := range s.Indicators {
			p.blank()
			head := fmt.Sprintf("- **%s** (%s", ind.Label, fmt.Sprintf(t.Weight, ind.Weight))
			if ind.Disclosure {
				head += ", " + t.ADisclosure
			}
			p.line(head + ")")
			for _, e := range ind.Evidence {
				p.linef("  - %s %s — %s", t.evidenceVerb(e.Mode), e.Text, e.Value)
			}
			p.linef("  - %s: %s", t.Sources, sourceTitles(ind.Sources))
		}
	}
	if len(other) > 0 {
		p.blank()
		p.line("## " + t.AlsoToDo)
		p.blank()
		for _, a := range other {
			p.linef("- **%s:** %s", strings.ToUpper(t.priority(a.Priority)), a.Text)
			if d := t.due(s, a); d != "" {
				p.linef("  - %s", d)
			}
		}
	}
	if unanswered := t.unanswered(s); len(unanswered) > 0 {
		p.blank()
		p.line("## " + t.NotAnswered)
		p.blank()
		p.line(t.ReturnLater)
		p.blank()
		for _, u := range unanswered {
			p.linef("%s:", u.Title)
			p.blank()
			for _, q := range u.Questions {
				p.linef("- %s", q)
			}
			p.blank()
		}
	}
	if len(s.Notes) > 0 {
		p.blank()
		p.line("## " + t.Notes)
		p.blank()
		for _, n := range s.Notes {
			p.linef("- **%s:** %s", n.Title, n.Text)
		}
	}
	p.blank()
	p.line("## " + t.Contacts)
	p.blank()
	for _, c := range s.Contacts {
		p.linef("- %s", t.contactText(c))
	}
	p.blank()
	p.line("## " + t.AllAnswers)
	p.blank()
	p.line(t.AnswerHeader)
	p.line("|---|---|")
	for _, a := range s.Answers {
		if a.State == screening.StateNotApplicable {
			continue
		}
		p.linef("| %s | %s |", mdCell(a.Text), mdCell(t.answerValue(a)))
	}
	p.blank()
	p.linef("*%s*", t.NotADetermination)
	p.blank()
	p.linef("%s: `%s`", t.SetSHA256, s.Set.SHA256)
	if s.Training {
		p.blank()
		p.linef("> **%s.**", t.Training)
	}
	return p.err
}

func splitActions(actions []screening.SummaryAction) (urgent, other []screening.SummaryAction) {
	for _, a := range actions {
		if a.Priority == screening.PriorityRecommended {
			other = append(other, a)
		} else {
			urgent = append(urgent, a)
		}
	}
	return urgent, other
}

func sourceTitles(srcs []screening.Source) string {
	titles := make([]string, len(srcs))
	for i, s := range srcs {
		titles[i] = s.Title
	}
	return strings.Join(titles, "; ")
}

// The JSON form is the contract for scripts: keys are stable, and "format" names the version.
type jsonSummary struct {
	Format       string           `json:"format"`
	QuestionSet  jsonSet          `json:"question_set"`
	Interview    jsonInterview    `json:"interview"`
	Concern      string           `json:"concern"`
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
}

type jsonScore struct {
	Total    int                `json:"total"`
	Possible int                `json:"possible"`
	Clear    int                `json:"clear"`
	Level    string             `json:"level"` // what the answers reached: none, possible or clear
	Rule     *jsonLevelRule     `json:"rule,omitempty"`
	Sections []jsonSectionScore `json:"sections"`
}

// jsonLevelRule says which rule beyond the score decided the level: the indicator that met the
// level's needs, or the higher level the score reached that its needs held back.
type jsonLevelRule struct {
	MetBy    string     `json:"met_by,omitempty"`
	HeldBack string     `json:"held_back,omitempty"`
	Needs    *jsonNeeds `json:"needs,omitempty"`
}

type jsonNeeds struct {
	MinWeight int      `json:"min_weight,omitempty"`
	Domains   []string `json:"domains,omitempty"`
}

type jsonDomain struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Level string `json:"level"`
	Score int    `json:"score"`
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
	ID        string   `json:"id"`
	Priority  string   `json:"priority"`
	Text      string   `json:"text"`
	Contacts  []string `json:"contacts"`
	Interrupt bool     `json:"interrupt"`
	Due       *jsonDue `json:"due,omitempty"`
}

type jsonContact struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Text  string `json:"text,omitempty"`
	TTY   string `json:"tty,omitempty"`
	URL   string `json:"url,omitempty"`
	Hours string `json:"hours,omitempty"`
	Notes string `json:"notes,omitempty"`
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
}

func toJSONAnswer(a screening.QuestionAnswer) jsonAnswer {
	return jsonAnswer{Question: a.QuestionID, Section: a.SectionID, Text: a.Text, Mode: string(a.Mode), State: string(a.State), Value: a.Value, Values: a.Values, Language: a.Language}
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
		Interview:   jsonInterview{timePtr(s.Started), timePtr(s.Finished), s.Language, s.Training, s.EndedEarly},
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
		out.Actions = append(out.Actions, ja)
	}
	for _, c := range s.Contacts {
		out.Contacts = append(out.Contacts, jsonContact{c.ID, c.Name, c.Phone, c.Text, c.TTY, c.URL, c.Hours, c.Notes})
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
