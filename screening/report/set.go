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

// lineWidth is where text wraps: it prints on paper and reads in an 80-column terminal.
const lineWidth = 78

// WriteSetText writes the set as a plain-text form a worker or reviewer can print: every
// question in order, what is read aloud and what is only observed, the worker's guidance, the
// follow-up conditions, the indicators and actions.
func WriteSetText(w io.Writer, f SetForm) error {
	p := &printer{w: w}
	s := f.Set
	t := wordsFor(s.Language)
	up := strings.ToUpper
	p.line(s.Title)
	p.line(strings.Repeat("=", min(len([]rune(s.Title)), lineWidth)))
	t.yesNo = yesNoQuestions(s)
	p.linef(t.SetInfo, s.ID, s.Version, t.status(s.Status), s.Language)
	if s.Description != "" {
		p.blank()
		p.wrap("", s.Description)
	}
	p.blank()
	p.wrap("", fmt.Sprintf(t.Levels, s.Levels.Possible, s.Levels.Clear))
	for _, l := range t.rules(s) {
		p.wrap("", l)
	}
	if len(s.Domains) > 0 {
		p.heading(up(t.Domains))
		for _, d := range s.Domains {
			p.wrap("- ", d.Label+" ("+d.ID+")")
		}
	}
	p.blank()
	p.wrap("", t.Key)

	indLabel := indicatorLabels(s, t)
	steps := func(steps []screening.Step) {
		for _, st := range steps {
			if st.Kind == screening.StepSay {
				p.wrap(t.Say+": ", "\""+st.Text+"\"")
			} else {
				p.wrap(fmt.Sprintf("%-*s", len([]rune(t.Say))+2, t.Do+":"), st.Text)
			}
		}
	}
	if len(s.Opening) > 0 {
		p.heading(up(t.Opening))
		steps(s.Opening)
	}
	n := 0
	for i, sec := range s.Sections {
		p.heading(fmt.Sprintf("%d. %s", i+1, up(sec.Title)))
		if sec.Help != "" {
			p.wrap("   "+t.Guidance+": ", sec.Help)
		}
		for j := range sec.Questions {
			q := &sec.Questions[j]
			n++
			p.blank()
			p.wrap(fmt.Sprintf("%d.%d ", i+1, j+1), fmt.Sprintf("[%s] %s", t.modeTag(q), q.Text))
			p.wrap("     ", fmt.Sprintf("(%s; %s)", q.ID, t.typeDesc(q)))
			if q.When != nil {
				p.wrap("     "+t.OnlyIf+": ", t.condition(q.When))
			}
			if q.Help != "" {
				p.wrap("     "+t.Guidance+": ", q.Help)
			}
			for _, o := range q.Options {
				mark := "[ ]"
				if q.Type == screening.TypeSingle {
					mark = "( )"
				}
				text := fmt.Sprintf("%s %s (%s)", mark, o.Label, o.Value)
				if o.Indicator.ID != "" {
					text += " -> " + indLabel(o.Indicator.ID)
				}
				p.wrap("       ", text)
			}
			if q.Indicator.ID != "" {
				p.wrap("       ", t.AYesRaises+": "+indLabel(q.Indicator.ID))
			}
		}
	}
	if len(s.Closing) > 0 {
		p.heading(up(t.Closing))
		steps(s.Closing)
	}
	if len(s.Indicators) > 0 {
		p.heading(up(t.Indicators))
		for _, ind := range s.Indicators {
			text := fmt.Sprintf(t.IndicatorLine, ind.Label, ind.ID, ind.Weight)
			if ind.Domain.ID != "" {
				text += "; " + fmt.Sprintf(t.InDomain, domainLabel(s, ind.Domain.ID))
			}
			if ind.Disclosure {
				text += "; " + t.DisclosureNote
			}
			text += ". " + t.Sources + ": " + refList(ind.Sources)
			p.wrap("- ", text)
		}
	}
	if len(s.Actions) > 0 {
		p.heading(up(t.Actions))
		for _, a := range s.Actions {
			text := t.actionLine(up(t.priority(a.Priority)), &a)
			if len(a.Contacts) > 0 {
				text += " " + t.Contacts + ": " + refList(a.Contacts)
			}
			p.wrap("- ", text)
			for _, extra := range t.actionExtras(&a) {
				p.wrap("  ", extra)
			}
		}
	}
	p.heading(up(t.EveryContact))
	for _, c := range contactsOf(f) {
		p.wrap("- ", t.contactLine(c))
	}
	if len(s.Sources) > 0 {
		p.heading(up(t.Sources))
		for _, src := range s.Sources {
			p.wrap("- ", sourceLine(src))
		}
	}
	return p.err
}

// WriteSetMarkdown writes the same form as markdown, for a case record or a review.
func WriteSetMarkdown(w io.Writer, f SetForm) error {
	p := &printer{w: w}
	s := f.Set
	t := wordsFor(s.Language)
	p.linef("# %s", s.Title)
	p.blank()
	t.yesNo = yesNoQuestions(s)
	p.linef(t.SetInfo+".", "`"+s.ID+"`", s.Version, t.status(s.Status), "`"+s.Language+"`")
	if s.Description != "" {
		p.blank()
		p.line(s.Description)
	}
	p.blank()
	p.linef(t.Levels, s.Levels.Possible, s.Levels.Clear)
	for _, l := range t.rules(s) {
		p.blank()
		p.line(l)
	}
	if len(s.Domains) > 0 {
		p.blank()
		p.line("## " + t.Domains)
		p.blank()
		for _, d := range s.Domains {
			p.linef("- %s (`%s`)", d.Label, d.ID)
		}
	}
	p.blank()
	p.line(t.KeyMarkdown)
	indLabel := indicatorLabels(s, t)
	mdSteps := func(steps []screening.Step) {
		for _, st := range steps {
			if st.Kind == screening.StepSay {
				p.linef("- **%s:** %s", t.Say, st.Text)
			} else {
				p.linef("- *%s:* %s", t.Do, st.Text)
			}
		}
	}
	if len(s.Opening) > 0 {
		p.blank()
		p.line("## " + t.Opening)
		p.blank()
		mdSteps(s.Opening)
	}
	for i, sec := range s.Sections {
		p.blank()
		p.linef("## %d. %s", i+1, sec.Title)
		if sec.Help != "" {
			p.blank()
			p.linef("*%s:* %s", t.Guidance, sec.Help)
		}
		for j := range sec.Questions {
			q := &sec.Questions[j]
			p.blank()
			p.linef("%d.%d **%s** %s  ", i+1, j+1, t.modeTag(q), q.Text)
			p.linef("`%s`, %s", q.ID, t.typeDesc(q))
			if q.When != nil {
				p.blank()
				p.linef("- %s: %s", t.OnlyIf, t.condition(q.When))
			}
			if q.Help != "" {
				p.blank()
				p.linef("> *%s:* %s", t.Guidance, q.Help)
			}
			if len(q.Options) > 0 || q.Indicator.ID != "" {
				p.blank()
			}
			for _, o := range q.Options {
				text := fmt.Sprintf("- [ ] %s (`%s`)", o.Label, o.Value)
				if o.Indicator.ID != "" {
					text += " → " + indLabel(o.Indicator.ID)
				}
				p.line(text)
			}
			if q.Indicator.ID != "" {
				p.linef("- %s: %s", t.AYesRaises, indLabel(q.Indicator.ID))
			}
		}
	}
	if len(s.Closing) > 0 {
		p.blank()
		p.line("## " + t.Closing)
		p.blank()
		mdSteps(s.Closing)
	}
	if len(s.Indicators) > 0 {
		p.blank()
		p.line("## " + t.Indicators)
		p.blank()
		if len(s.Domains) > 0 {
			p.line(t.IndicatorHeaderDomains)
			p.line("|---|---|---|---|---|")
		} else {
			p.line(t.IndicatorHeader)
			p.line("|---|---|---|---|")
		}
		for _, ind := range s.Indicators {
			label := mdCell(ind.Label)
			if ind.Disclosure {
				label += " (" + t.DisclosureShort + ")"
			}
			if len(s.Domains) > 0 {
				p.linef("| %s | `%s` | %s | %d | %s |", label, ind.ID, mdCell(domainLabel(s, ind.Domain.ID)), ind.Weight, refList(ind.Sources))
				continue
			}
			p.linef("| %s | `%s` | %d | %s |", label, ind.ID, ind.Weight, refList(ind.Sources))
		}
	}
	if len(s.Actions) > 0 {
		p.blank()
		p.line("## " + t.Actions)
		p.blank()
		for _, a := range s.Actions {
			p.line("- " + t.actionLine("**"+t.priority(a.Priority)+"**", &a))
			for _, extra := range t.actionExtras(&a) {
				p.line("  - " + extra)
			}
		}
	}
	p.blank()
	p.line("## " + t.EveryContact)
	p.blank()
	for _, c := range contactsOf(f) {
		p.linef("- %s", t.contactLine(c))
	}
	if len(s.Sources) > 0 {
		p.blank()
		p.line("## " + t.Sources)
		p.blank()
		for _, src := range s.Sources {
			p.linef("- %s", sourceLine(src))
		}
	}
	return p.err
}

// rules says what decides the level and completeness besides the scores: what a level needs,
// and when the screening is incomplete.
func (w *words) rules(s *screening.QuestionSet) []string {
	var out []string
	label := func(id string) string { return domainLabel(s, id) }
	for _, lv := range []struct {
		name  string
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

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// printer writes lines, keeping the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s+"\n")
	}
}

func (p *printer) linef(format string, args ...any) { p.line(fmt.Sprintf(format, args...)) }

func (p *printer) blank() { p.line("") }

func (p *printer) heading(s string) {
	p.blank()
	p.line(s)
}

// wrap writes text wrapped at lineWidth, the first line after prefix and the rest indented to
// match it.
func (p *printer) wrap(prefix, text string) {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	line := prefix
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len([]rune(line))+1+len([]rune(word)) > lineWidth {
			p.line(line)
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += word
		empty = false
	}
	p.line(line)
}
