package report

import (
	"fmt"
	"io"
	"strings"

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
