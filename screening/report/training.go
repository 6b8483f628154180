package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// WriteCard writes a role-player's card for a scenario: who they play, how they talk, what they
// keep back, and how to answer each question of the set, in order; its dates and times in zone.
func WriteCard(w io.Writer, sc *screening.Scenario, set *screening.QuestionSet, zone *time.Location) error {
	p := &printer{w: w}
	p.line("*** TRAINING: a fictional young person, for a mock interview ***")
	p.blank()
	p.line("ROLE-PLAYER CARD: " + sc.Title)
	p.wrap("", fmt.Sprintf("Scenario %s, for set %s. Keep this card from the trainee.", sc.ID, sc.Set))
	p.heading("WHO YOU ARE")
	if sc.Persona.Age > 0 {
		p.wrap("Age: ", fmt.Sprint(sc.Persona.Age))
	}
	for _, f := range []struct{ label, text string }{
		{"Background: ", sc.Persona.Background},
		{"What happened: ", sc.Persona.WhatHappened},
		{"How you talk: ", sc.Persona.HowTheyTalk},
		{"Tell only if asked well: ", sc.Persona.OnlyIfAskedWell},
	} {
		if f.text != "" {
			p.wrap(f.label, f.text)
		}
	}
	p.heading("HOW TO ANSWER")
	p.wrap("", "In the order the questions come. Say the words given, in your own voice; do not volunteer what the questions do not ask. A question not listed here: answer as the person above would.")
	s := screening.NewSession(set)
	var observe, records []string
	for _, q := range s.Questions() {
		r, ok := sc.Response(q.ID)
		if !ok || !r.HasAnswer {
			continue
		}
		a, err := r.Answer.Parse(q)
		if err != nil {
			return fmt.Errorf("card %s: %w", sc.ID, err)
		}
		value := cardValue(q, a, zone)
		switch q.Mode {
		case screening.ModeObserve:
			if a.IsAnswered() && a.Text == "yes" {
				observe = append(observe, q.Text)
			}
		case screening.ModeRecord:
			records = append(records, fmt.Sprintf("%s: %s", q.Text, value))
		default:
			says := r.Says
			if says == "" {
				says = "(no words given)"
			}
			p.blank()
			p.wrap("Q: ", q.Text)
			p.wrap("   You say: ", "\u201c"+says+"\u201d")
			p.wrap("   (Recorded as: ", value+")")
		}
	}
	if len(observe) > 0 {
		p.heading("WHAT THE TRAINEE SHOULD BE ABLE TO SEE")
		p.wrap("", "Show these through props, how you sit and what you say; never announce them.")
		for _, o := range observe {
			p.wrap("- ", o)
		}
	}
	if len(records) > 0 {
		p.heading("THE CASE FILE")
		p.wrap("", "The trainee has it on a page of its own, so this card stays with you.")
	}
	p.heading("FOR THE TRAINER")
	p.wrap("", fmt.Sprintf("Expected concern: %s.", sc.Expect.Concern))
	if ids := refIDs(sc.Expect.Indicators); ids != "" {
		p.wrap("", "Indicators to catch: "+ids+".")
	}
	if ids := refIDs(sc.Expect.Actions); ids != "" {
		p.wrap("", "Actions the summary must list: "+ids+".")
	}
	return p.err
}

// WriteCaseFile writes the case file a trainee reads before a mock interview: what the record
// says, and nothing of what the young person will say or what the trainer looks for. It is
// apart from the role-player's card, so it can be handed over without giving the card away.
// Its dates and times are in zone, where the mock interview is held.
func WriteCaseFile(w io.Writer, sc *screening.Scenario, set *screening.QuestionSet, zone *time.Location) error {
	p := &printer{w: w}
	p.line("*** TRAINING: a fictional young person, for a mock interview ***")
	p.blank()
	p.line("CASE FILE, FOR THE TRAINEE")
	p.wrap("", fmt.Sprintf("For a mock interview on set %s. Read it before you begin, as you would a real file.", sc.Set))
	p.blank()
	n := 0
	for _, q := range set.Questions() {
		if q.Mode != screening.ModeRecord {
			continue
		}
		r, ok := sc.Response(q.ID)
		if !ok || !r.HasAnswer {
			continue
		}
		a, err := r.Answer.Parse(q)
		if err != nil {
			return fmt.Errorf("case file %s: %w", sc.ID, err)
		}
		p.wrap("- ", fmt.Sprintf("%s: %s", q.Text, cardValue(q, a, zone)))
		n++
	}
	if n == 0 {
		p.wrap("", "The file says nothing more: you meet this young person with what they tell you.")
	}
	return p.err
}

func refIDs(refs []screening.Ref) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// cardValue is an answer as the card shows it; a date and time in zone, where the mock
// interview is held, so the trainee types it as read and records the same moment.
func cardValue(q *screening.Question, a screening.Answer, zone *time.Location) string {
	switch a.State {
	case screening.StateDeclined:
		return "prefers not to say"
	case screening.StateDontKnow:
		return "doesn't know"
	case screening.StateNotAsked:
		return "skipped"
	}
	return screening.DisplayAnswer(q, a, "en", zone) // the card is in English
}

// WriteFeedback writes what a trainee caught, missed and over-flagged in a scenario.
func WriteFeedback(w io.Writer, sc *screening.Scenario, fb screening.Feedback) error {
	p := &printer{w: w}
	p.line("*** TRAINING FEEDBACK: " + sc.Title + " ***")
	p.blank()
	verdict := "matches"
	if fb.Concern != fb.Expected {
		verdict = "differs from"
	}
	p.wrap("", fmt.Sprintf("Concern: you reached %s (score %d); the scenario expects %s. Your level %s the expected one.", fb.Concern, fb.Score, fb.Expected, verdict))
	list := func(title, empty string, inds []*screening.Indicator) {
		p.heading(title)
		if len(inds) == 0 {
			p.line(empty)
		}
		for _, ind := range inds {
			p.wrap("- ", fmt.Sprintf("%s (weight %d)", ind.Label, ind.Weight))
		}
	}
	list(fmt.Sprintf("CAUGHT (%d)", len(fb.Caught)), "None.", fb.Caught)
	list(fmt.Sprintf("MISSED (%d)", len(fb.Missed)), "None: every sign in the scenario was caught.", fb.Missed)
	list(fmt.Sprintf("OVER-FLAGGED (%d)", len(fb.OverFlagged)), "None.", fb.OverFlagged)
	if len(fb.MissingActions) > 0 {
		p.heading("ACTIONS THE SUMMARY SHOULD HAVE LISTED")
		for _, a := range fb.MissingActions {
			p.wrap("- ", a.Text)
		}
	}
	if len(fb.Different) > 0 {
		p.heading("RECORDED DIFFERENTLY FROM WHAT THE YOUNG PERSON SAID")
		for _, q := range fb.Different {
			p.wrap("- ", q.Text)
		}
	}
	if len(fb.NotReached) > 0 {
		p.heading("NOT REACHED")
		p.wrap("", "You ended the screening before these, as the interview offers; the scenario had answers for them.")
		for _, q := range fb.NotReached {
			p.wrap("- ", q.Text)
		}
	}
	if len(fb.Skipped) > 0 {
		p.heading("SKIPPED")
		p.wrap("", "These were not asked; the scenario had answers for them.")
		for _, q := range fb.Skipped {
			p.wrap("- ", q.Text)
		}
	}
	return p.err
}

// printer writes the lines of a card or of feedback, keeping the first error: text, wrapped, with
// anything that could act on a terminal escaped.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, screening.Printable(s)+"\n")
	}
}

func (p *printer) blank() { p.line("") }

func (p *printer) heading(s string) {
	p.blank()
	p.line(s)
}

// wrap writes text wrapped at lineWidth, the first line after prefix and the rest indented to
// match it.
func (p *printer) wrap(prefix, text string) {
	out := &errWriter{w: p.w, err: p.err}
	wrapText(out, prefix, strings.Repeat(" ", displayLen(prefix)), screening.Printable(text))
	p.err = out.err
}
