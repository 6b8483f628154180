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
func WriteSummaryText(w io.Writer, s *screening.Summary) error { return writeText(w, summaryDoc(s)) }

// WriteSummaryMarkdown writes the same summary as markdown, for a case record.
func WriteSummaryMarkdown(w io.Writer, s *screening.Summary) error {
	return writeMarkdown(w, summaryDoc(s))
}

// summaryDoc is the summary as blocks, the one walk both writers render.
func summaryDoc(s *screening.Summary) *doc {
	d := &doc{}
	t := wordsFor(s.Language)
	if s.Training {
		d.banner(t.Training)
	}
	d.upperTitle(plain(t.SummaryTitle))
	d.lines(strong(s.Set.Title), sprintf(t.SetLine, s.Set.ID, s.Set.Version, t.when(s.Started), t.when(s.Finished), s.Language))
	var who []inline
	if s.CaseRef != "" {
		who = append(who, sprintf(t.CaseRef, s.CaseRef))
	}
	if s.WorkerID != "" {
		who = append(who, sprintf(t.WorkerID, s.WorkerID))
	}
	if len(who) > 0 {
		d.lines(who...)
	}
	// The screening's own facts, as the set words them: when, how, with whom.
	if facts := s.Facts(); len(facts) > 0 {
		ls := make([]inline, len(facts))
		for i, a := range facts {
			ls[i] = plain(a.Text + ": " + t.answerCell(a))
		}
		d.lines(ls...)
	}
	if s.EndedEarly {
		d.para(plain(t.endedEarly(s)))
	}

	actionItems := func(actions []screening.SummaryAction) []item {
		items := make([]item, 0, len(actions))
		for _, a := range actions {
			it := item{tag: plain(t.priority(a.Priority)), text: plain(a.Text)}
			if due := t.due(s, a); due != "" {
				it.sub = append(it.sub, plain(due))
			}
			if made := t.made(s, a); made != "" {
				it.sub = append(it.sub, plain(made))
			}
			for _, c := range a.Contacts {
				it.sub = append(it.sub, plain(t.contactLine(c)))
			}
			items = append(items, it)
		}
		return items
	}
	urgent, other := splitActions(s.Actions)
	if len(urgent) > 0 {
		d.heading(plain(t.DoNow))
		d.rule()
		d.list(actionItems(urgent)...)
		d.rule()
	}

	d.lead(t.Concern, plain(t.concern(s)))
	var how []inline
	for _, l := range t.incomplete(s) {
		how = append(how, plain(l))
	}
	how = append(how, plain(t.HowReached+": "+t.reached(s)+"."))
	if len(s.Domains) > 0 {
		how = append(how, plain(t.ByDomain+": "+t.domains(s)+"."))
	}
	if len(s.Sections) > 0 {
		parts := make([]string, len(s.Sections))
		for i, sec := range s.Sections {
			parts[i] = fmt.Sprintf("%s %d", sec.Title, sec.Score)
		}
		how = append(how, plain(t.BySection+": "+strings.Join(parts, ", ")+"."))
	}
	how = append(how, plain(t.howMuch(s)))
	d.lines(how...)

	if len(s.Indicators) > 0 {
		d.heading(plain(t.WhatWasSeen))
		items := make([]item, 0, len(s.Indicators))
		for _, ind := range s.Indicators {
			about := fmt.Sprintf(t.Weight, ind.Weight)
			if ind.Disclosure {
				about += ", " + t.ADisclosure
			}
			it := item{text: cat(strong(ind.Label), plain(" ("+about+")"))}
			for _, e := range ind.Evidence {
				it.sub = append(it.sub, plain(fmt.Sprintf("%s %s \u2014 %s", t.evidenceVerb(e.Mode), e.Text, e.Value)))
			}
			it.sub = append(it.sub, plain(t.Sources+": "+sourceTitles(ind.Sources)))
			items = append(items, it)
		}
		d.list(items...)
	}

	if len(other) > 0 {
		d.heading(plain(t.AlsoToDo))
		d.list(actionItems(other)...)
	}

	if unanswered := t.unanswered(s); len(unanswered) > 0 {
		d.heading(plain(t.NotAnswered))
		d.para(plain(t.returnLater(s)))
		groups := make([]item, len(unanswered))
		for k, u := range unanswered {
			groups[k] = item{text: plain(u.Title + ":"), group: true}
			for _, q := range u.Questions {
				groups[k].sub = append(groups[k].sub, plain(q))
			}
		}
		d.list(groups...)
	}

	if len(s.Notes) > 0 {
		d.heading(plain(t.Notes))
		items := make([]item, len(s.Notes))
		for k, n := range s.Notes {
			items[k] = item{text: cat(strong(n.Title+":"), plain(" "+n.Text)), plain: true}
		}
		d.list(items...)
	}

	d.heading(plain(t.Contacts))
	contacts := make([]item, len(s.Contacts))
	for k, c := range s.Contacts {
		contacts[k] = item{text: plain(t.contactText(c))}
	}
	d.list(contacts...)

	d.heading(plain(t.AllAnswers))
	var rows [][]inline
	for _, a := range s.Answers {
		if a.State != screening.StateNotApplicable {
			rows = append(rows, []inline{plain(a.Text), plain(t.answerCell(a))})
		}
	}
	d.table([]inline{plain(t.Question), plain(t.Answer)}, rows)

	d.para(emph(t.NotADetermination))
	// The file's checksum last: it is for whoever checks the record, and noise to a listener.
	d.para(cat(plain(t.SetSHA256+": "), code(s.Set.SHA256)))
	if s.Training {
		d.banner(t.Training)
	}
	return d
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
