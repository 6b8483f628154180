package interview

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// interruptSet is testSet with a date and time recorded first, and actions that interrupt: one on
// a yes to "partner", one on the disclosure with a deadline, and one that does not interrupt.
func interruptSet() *screening.QuestionSet {
	s := testSet()
	s.Sections[0].Questions = append([]screening.Question{{ID: "returned", Mode: screening.ModeRecord, Type: screening.TypeDateTime, Text: "When they came back"}}, s.Sections[0].Questions...)
	s.Actions = []screening.Action{
		{ID: "call", Priority: screening.PriorityUrgent, Interrupt: true, Text: "Call 911 now.", Contacts: []screening.Ref{{ID: "emergency"}}, When: &screening.Condition{Op: screening.OpIs, Question: "partner", Value: "yes"}},
		{
			ID: "medical", Priority: screening.PriorityRequired, Interrupt: true, Text: "Offer medical care now.", When: &screening.Condition{Op: screening.OpIndicator, Indicator: "exchange"},
			Due: &screening.Due{From: screening.Ref{ID: "returned"}, Within: 72 * time.Hour, WithinText: "72h"},
		},
		{ID: "later", Priority: screening.PriorityRecommended, Text: "Later.", When: &screening.Condition{Op: screening.OpIndicator, Indicator: "hotel"}},
	}
	return s
}

// screensAsker keeps every interrupt screen shown.
type screensAsker struct {
	*fakeAsker
	shown []Interrupt
}

func (a *screensAsker) Interrupt(ctx context.Context, i Interrupt) (InterruptChoice, error) {
	a.shown = append(a.shown, i)
	return a.fakeAsker.Interrupt(ctx, i)
}

func lines(i Interrupt) string {
	var out []string
	for _, l := range i.Lines {
		out = append(out, string(l.Kind)+"|"+l.Text)
	}
	return strings.Join(out, "\n")
}

// An action marked to interrupt shows the moment its condition becomes true, with its contacts
// and deadline, then the interview goes on; with a disclosure, both share one screen, the action
// first, and ending is the default.
func TestActionsInterrupt(t *testing.T) {
	var dir screening.ContactDirectory
	dir.Add(screening.Contact{ID: "emergency", Name: "Emergency services", Phone: "911"})
	f := &screensAsker{fakeAsker: &fakeAsker{
		replies: map[string][]Reply{
			"returned": {text("2026-11-29T09:00:00Z")},
			"slept":    {pick("hotel")}, "who-paid": {text("him")}, "partner": {yes()}, "traded": {yes()},
			"phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("2")},
		},
		interrupts: []InterruptChoice{GoOn, GoOn},
		reviews:    []int{-1},
	}}
	sum, err := Run(context.Background(), f, Config{
		Session: screening.NewSession(interruptSet()),
		Now:     func() time.Time { return time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC) },
		Meta:    screening.SummaryMeta{Contacts: &dir},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show opening: Before you begin", "show guidance: While away",
		"ask returned", "ask slept", "ask who-paid", "ask partner",
		"interrupt: Act now", // the moment partner is yes; the hotel's action does not interrupt
		"ask traded",
		"interrupt: Act now", // the medical window, then stop-and-refer, on one screen
		"ask phones", `note away (was "")`, "ask feel", "show closing: To close", "ask days", `note health (was "")`,
		"review on finish",
	})
	if len(f.shown) != 2 {
		t.Fatalf("%d interrupts", len(f.shown))
	}
	if got, want := lines(f.shown[0]), "do|Call 911 now.\n|Emergency services: call 911"; got != want || f.shown[0].EndByDefault {
		t.Errorf("first interrupt (end by default %v):\n%s\nwant:\n%s", f.shown[0].EndByDefault, got, want)
	}
	second := lines(f.shown[1])
	for _, want := range []string{
		"do|Offer medical care now.\n|Due by Wed 2 Dec 2026, 09:00 UTC (72 hours from Sun 29 Nov 2026, 09:00 UTC: When they came back).",
		"|Stop and refer\ndo|The young person has disclosed: offered something for sex.",
	} {
		if !strings.Contains(second, want) {
			t.Errorf("second interrupt lacks %q:\n%s", want, second)
		}
	}
	if !f.shown[1].EndByDefault {
		t.Error("after a disclosure, ending is not the default")
	}
	var ids []string
	for _, a := range sum.Actions {
		if a.Interrupt {
			ids = append(ids, a.ID)
		}
	}
	if strings.Join(ids, ",") != "call,medical" {
		t.Errorf("the summary's interrupting actions: %v", ids)
	}
}

// Changing an answer on the review to one that makes an action true interrupts then too.
func TestActionsInterruptFromTheReview(t *testing.T) {
	f := &fakeAsker{
		replies: map[string][]Reply{
			"returned": {Answer(screening.Answer{State: screening.StateDontKnow})},
			"slept":    {pick("friend")}, "partner": {no(), yes()}, "traded": {no()},
			"phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("2")},
		},
		interrupts: []InterruptChoice{GoOn},
	}
	s := screening.NewSession(interruptSet())
	f.reviews = []int{rowOf(s, "partner"), -1}
	if _, err := run(t, f, Config{Session: s}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(f.log, "\n"), "ask partner (was answered:no)\ninterrupt: Act now") {
		t.Errorf("no interrupt after the change:\n%s", strings.Join(f.log, "\n"))
	}
}

// An interview paused on an interrupt (the answer that brought it up is saved first) shows it
// again when resumed, whatever it was: call 911 as well as a disclosure.
func TestResumeRemindsOfAnInterrupt(t *testing.T) {
	s, err := screening.Restore(interruptSet(), screening.Snapshot{Answers: map[string]screening.Answer{
		"returned": {State: screening.StateAnswered, Text: "2026-11-29T09:00:00Z"},
		"slept":    {State: screening.StateAnswered, Choices: []string{"friend"}}, "partner": screening.Answered("yes"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	f := &screensAsker{fakeAsker: &fakeAsker{
		replies:    map[string][]Reply{"traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		interrupts: []InterruptChoice{GoOn},
		reviews:    []int{-1},
	}}
	sum, err := Run(context.Background(), f, Config{
		Session: s,
		Resumed: &Screen{Kind: ScreenResumed, Title: "Resuming"},
		Now:     func() time.Time { return time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log[:3], []string{"show resumed: Resuming", "interrupt: Act now", "show guidance: While away"})
	if len(f.shown) != 1 || !strings.Contains(lines(f.shown[0]), "Call 911 now.") || f.shown[0].EndByDefault {
		t.Errorf("the reminder: %+v", f.shown)
	}
	if sum.EndedEarly {
		t.Error("going on from the reminder ended the interview")
	}
}
