// Package report renders screening values for people and programs: a question set as a
// printable form, and (later) the referral summary as text, markdown and JSON. It is pure: it
// writes to an io.Writer and knows nothing of files or terminals.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// SetForm is a question set to print, with the contacts its ids resolve to.
type SetForm struct {
	Set      *screening.QuestionSet
	Contacts *screening.ContactDirectory
}

// WriteSetText writes the set as a plain-text form a worker or reviewer can print: every
// question in order, what is read aloud and what is only observed, the worker's guidance, the
// follow-up conditions, the indicators and actions.
func WriteSetText(w io.Writer, f SetForm) error { return writeText(w, setDoc(f)) }

// WriteSetMarkdown writes the same form as markdown, for a case record or a review.
func WriteSetMarkdown(w io.Writer, f SetForm) error { return writeMarkdown(w, setDoc(f)) }

// setDoc is the set's printable form as blocks, the one walk both writers render.
func setDoc(f SetForm) *doc {
	d := &doc{}
	s := f.Set
	t := wordsFor(s.Language)
	t.yesNo = yesNoQuestions(s)
	d.title(plain(s.Title))
	d.para(sprintf(t.SetInfo, s.ID, s.Version, t.status(s.Status), s.Language))
	if s.Description != "" {
		d.para(plain(s.Description))
	}
	levels := []inline{sprintf(t.Levels, s.Levels.Possible, s.Levels.Clear)}
	for _, l := range t.rules(s) {
		levels = append(levels, plain(l))
	}
	d.lines(levels...)
	if len(s.Domains) > 0 {
		d.heading(plain(t.Domains))
		items := make([]item, len(s.Domains))
		for k, dm := range s.Domains {
			items[k] = item{text: cat(plain(dm.Label+" ("), code(dm.ID), plain(")"))}
		}
		d.list(items...)
	}
	d.para(plain(t.Key))

	indLabel := indicatorLabels(s, t)
	steps := func(steps []screening.Step) []item {
		items := make([]item, len(steps))
		for k, st := range steps {
			if st.Kind == screening.StepSay {
				items[k] = item{plain: true, text: cat(strong(t.Say+":"), plain(" \u201c"+st.Text+"\u201d"))}
			} else {
				items[k] = item{plain: true, text: cat(emph(t.Do+":"), plain(" "+st.Text))}
			}
		}
		return items
	}
	if len(s.Opening) > 0 {
		d.heading(plain(t.Opening))
		d.list(steps(s.Opening)...)
	}
	for i, sec := range s.Sections {
		d.heading(plain(fmt.Sprintf("%d. %s", i+1, sec.Title)))
		if sec.When != nil {
			d.para(cat(emph(t.OnlyIf+":"), plain(" "+t.condition(sec.When))))
		}
		if sec.Help != "" {
			d.para(cat(emph(t.Guidance+":"), plain(" "+sec.Help)))
		}
		for j := range sec.Questions {
			q := &sec.Questions[j]
			sub := []inline{cat(plain("("), code(q.ID), plain("; "+t.typeDesc(q)+")"))}
			if q.When != nil {
				sub = append(sub, plain(t.OnlyIf+": "+t.condition(q.When)))
			}
			if q.Help != "" {
				sub = append(sub, cat(emph(t.Guidance+":"), plain(" "+q.Help)))
			}
			var opts []inline
			for _, o := range q.Options {
				mark := "[ ]"
				if q.Type == screening.TypeSingle {
					mark = "( )"
				}
				text := cat(plain(mark+" "+o.Label+" ("), code(o.Value), plain(")"))
				if o.Indicator.ID != "" {
					text = append(text, plain(" \u2192 "+indLabel(o.Indicator.ID))...)
				}
				opts = append(opts, text)
			}
			if q.Indicator.ID != "" {
				sub = append(sub, plain(t.AYesRaises+": "+indLabel(q.Indicator.ID)))
			}
			d.entry(fmt.Sprintf("%d.%d", i+1, j+1), cat(strong("["+t.modeTag(q)+"]"), plain(" "+q.Text)), sub, opts)
		}
	}
	if len(s.Closing) > 0 {
		d.heading(plain(t.Closing))
		d.list(steps(s.Closing)...)
	}
	if len(s.Indicators) > 0 {
		d.heading(plain(t.Indicators))
		items := make([]item, len(s.Indicators))
		for k, ind := range s.Indicators {
			text := fmt.Sprintf(t.IndicatorLine, ind.Label, ind.ID, ind.Weight)
			if ind.Domain.ID != "" {
				text += "; " + fmt.Sprintf(t.InDomain, domainLabel(s, ind.Domain.ID))
			}
			if ind.Disclosure {
				text += "; " + t.DisclosureNote
			}
			items[k] = item{text: plain(text + ". " + t.Sources + ": " + refList(ind.Sources))}
		}
		d.list(items...)
	}
	if len(s.Actions) > 0 {
		d.heading(plain(t.Actions))
		items := make([]item, len(s.Actions))
		for k, a := range s.Actions {
			text := t.actionLine(strings.ToUpper(t.priority(a.Priority)), &a)
			if len(a.Contacts) > 0 {
				text += " " + t.Contacts + ": " + refList(a.Contacts)
			}
			it := item{text: plain(text)}
			for _, extra := range t.actionExtras(&a) {
				it.sub = append(it.sub, plain(extra))
			}
			items[k] = it
		}
		d.list(items...)
	}
	d.heading(plain(t.EveryContact))
	contacts := contactsOf(f)
	items := make([]item, len(contacts))
	for k, c := range contacts {
		items[k] = item{text: plain(t.contactLine(c))}
	}
	d.list(items...)
	if len(s.Sources) > 0 {
		d.heading(plain(t.Sources))
		items := make([]item, len(s.Sources))
		for k, src := range s.Sources {
			items[k] = item{text: plain(sourceLine(src))}
		}
		d.list(items...)
	}
	return d
}

// rules says what decides the level and completeness besides the scores: what a level needs,
// and when the screening is incomplete.
func (w *words) rules(s *screening.QuestionSet) []string {
	var out []string
	label := func(id string) string { return domainLabel(s, id) }
	for _, lv := range []struct {
		name  screening.Level
		needs screening.Needs
	}{{screening.LevelPossible, s.Levels.PossibleNeeds}, {screening.LevelClear, s.Levels.ClearNeeds}} {
		if !lv.needs.IsZero() {
			out = append(out, fmt.Sprintf(w.LevelNeeds, w.levelWord(lv.name), w.needsIn(lv.needs, label)))
		}
	}
	if r := s.Complete; r != nil {
		if r.MinAnswered > 0 {
			out = append(out, fmt.Sprintf(w.FormCompleteMin, r.MinAnswered))
		}
		if len(r.KeyQuestions) > 0 {
			out = append(out, fmt.Sprintf(w.FormCompleteKeys, refList(r.KeyQuestions)))
		}
		out = append(out, w.FormIncomplete)
	}
	return out
}

// actionExtras are what the form says of an action besides its line: that it interrupts, and
// its deadline.
func (w *words) actionExtras(a *screening.Action) []string {
	var out []string
	if a.Interrupt {
		out = append(out, w.InterruptsNote)
	}
	if a.Due != nil {
		out = append(out, fmt.Sprintf(w.DueWithin, screening.DescribeWithin(a.Due, w.lang), a.Due.From.ID))
	}
	if len(a.Sources) > 0 {
		out = append(out, w.Sources+": "+refList(a.Sources))
	}
	return out
}

// actionLine is an action as the printable form lists it: its priority, when it applies (or
// that it always does) and its text.
func (w *words) actionLine(priority string, a *screening.Action) string {
	if a.When == nil {
		return fmt.Sprintf(w.ActionAlways, priority, a.Text)
	}
	return fmt.Sprintf(w.ActionLine, priority, w.condition(a.When), a.Text)
}

// yesNoQuestions are the ids of a set's yes/no questions, whose values a condition shows in the
// form's language.
func yesNoQuestions(s *screening.QuestionSet) map[string]bool {
	out := map[string]bool{}
	for _, q := range s.Questions() {
		if q.Type == screening.TypeYesNo {
			out[q.ID] = true
		}
	}
	return out
}

func domainLabel(s *screening.QuestionSet, id string) string {
	if d, ok := s.Domain(id); ok {
		return d.Label
	}
	return id
}

func indicatorLabels(s *screening.QuestionSet, t *words) func(id string) string {
	byID := make(map[string]screening.Indicator, len(s.Indicators))
	for _, ind := range s.Indicators {
		byID[ind.ID] = ind
	}
	return func(id string) string {
		ind, ok := byID[id]
		if !ok {
			return id
		}
		return ind.Label + " (" + fmt.Sprintf(t.Weight, ind.Weight) + ")"
	}
}

// contactsOf returns the contacts the set lists, with the national hotline and NCMEC always
// among them, as on every summary.
func contactsOf(f SetForm) []screening.Contact {
	ids := []string{screening.ContactHotline, screening.ContactNCMEC}
	for _, r := range f.Set.Contacts {
		if r.ID != screening.ContactHotline && r.ID != screening.ContactNCMEC {
			ids = append(ids, r.ID)
		}
	}
	var out []screening.Contact
	for _, id := range ids {
		if f.Contacts == nil {
			out = append(out, screening.Contact{ID: id, Name: id})
			continue
		}
		if c, ok := f.Contacts.Lookup(id); ok {
			out = append(out, c.In(f.Set.Language))
		}
	}
	return out
}

func sourceLine(s screening.Source) string {
	line := s.Title
	if s.Publisher != "" {
		line += ", " + s.Publisher
	}
	if s.Year != 0 {
		line += fmt.Sprintf(" (%d)", s.Year)
	}
	if s.URL != "" {
		line += ", " + s.URL
	}
	return line + " [" + s.ID + "]"
}

func refList(refs []screening.Ref) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}
