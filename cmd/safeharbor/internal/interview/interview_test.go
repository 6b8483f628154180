package interview

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// testSet: two sections, a follow-up, an observation, a record, a disclosure.
//
//	away:   slept (multi: friend, hotel), who-paid (text, if hotel), partner (yesno),
//	        traded (yesno, disclosure), phones (observe)
//	health: feel (single), days (record, number)
func testSet() *screening.QuestionSet {
	return &screening.QuestionSet{
		ID: "test", Version: "1.0.0", Language: "en", Title: "Test",
		Levels:  screening.Levels{Possible: 2, Clear: 5},
		Opening: []screening.Step{{Kind: screening.StepSay, Text: "Hello."}},
		Closing: []screening.Step{{Kind: screening.StepSay, Text: "Thank you."}},
		Sections: []screening.Section{
			{ID: "away", Title: "While away", Help: "Ask these plainly, once.", Questions: []screening.Question{
				{ID: "slept", Mode: screening.ModeAsk, Type: screening.TypeMulti, Text: "Where did you sleep?", Options: []screening.Option{
					{Value: "friend", Label: "At a friend's"}, {Value: "hotel", Label: "A hotel", Indicator: screening.Ref{ID: "hotel"}},
				}},
				{ID: "who-paid", Mode: screening.ModeAsk, Type: screening.TypeText, Text: "Who paid?", When: &screening.Condition{Op: screening.OpIncludes, Question: "slept", Value: "hotel"}},
				{ID: "partner", Mode: screening.ModeAsk, Type: screening.TypeYesNo, Text: "Someone older?", Indicator: screening.Ref{ID: "older"}},
				{ID: "traded", Mode: screening.ModeAsk, Type: screening.TypeYesNo, Text: "Did anyone offer you something?", Indicator: screening.Ref{ID: "exchange"}},
				{ID: "phones", Mode: screening.ModeObserve, Type: screening.TypeYesNo, Text: "Several phones.", Indicator: screening.Ref{ID: "phones"}},
			}},
			{ID: "health", Title: "Health", Questions: []screening.Question{
				{ID: "feel", Mode: screening.ModeAsk, Type: screening.TypeSingle, Text: "How do you feel?", Options: []screening.Option{{Value: "ok", Label: "Okay"}, {Value: "sick", Label: "Sick"}}},
				{ID: "days", Mode: screening.ModeRecord, Type: screening.TypeNumber, Text: "Days away."},
			}},
		},
		Indicators: []screening.Indicator{
			{ID: "hotel", Label: "Hotel stays", Weight: 2},
			{ID: "older", Label: "Older partner", Weight: 2},
			{ID: "exchange", Label: "Offered something for sex", Weight: 5, Disclosure: true},
			{ID: "phones", Label: "Several phones", Weight: 1},
		},
	}
}

func yes() Reply { return Answer(screening.Answered("yes")) }
func no() Reply  { return Answer(screening.Answered("no")) }
func pick(v ...string) Reply {
	return Answer(screening.Answer{State: screening.StateAnswered, Choices: v})
}

func text(s string) Reply { return Answer(screening.Answer{State: screening.StateAnswered, Text: s}) }

// fakeAsker answers from a script and logs every call, as the worker would see them.
type fakeAsker struct {
	replies    map[string][]Reply // by question id, in order
	interrupts []InterruptChoice
	notes      map[string][]string
	noteHelp   map[string]string // what the note prompt said, by section
	reviews    []int
	log        []string
	statuses   []Status
	failAt     string // the question whose Ask fails, as Ctrl-C would
	onShow     func(Screen)
}

func (f *fakeAsker) Show(_ context.Context, s Screen) error {
	kind := map[ScreenKind]string{ScreenOpening: "opening", ScreenGuidance: "guidance", ScreenResumed: "resumed", ScreenClosing: "closing", ScreenRefused: "refused"}[s.Kind]
	f.log = append(f.log, "show "+kind+": "+s.Title)
	if f.onShow != nil {
		f.onShow(s)
	}
	if s.Kind == ScreenRefused {
		f.log = append(f.log, "  "+s.Lines[0].Text)
		var order *screening.ClockOrderError
		if !errors.As(s.Refused, &order) {
			return errors.New("a refusal screen without the engine's refusal")
		}
	}
	return nil
}

func (f *fakeAsker) Ask(_ context.Context, p Prompt) (Reply, error) {
	entry := "ask " + p.Question.ID
	if p.Current != nil {
		entry += " (was " + string(p.Current.State) + ":" + p.Current.Text + strings.Join(p.Current.Choices, "+") + ")"
	}
	f.log = append(f.log, entry)
	if p.Question.ID == f.failAt {
		return Reply{}, context.Canceled
	}
	rs := f.replies[p.Question.ID]
	if len(rs) == 0 {
		return Reply{}, fmt.Errorf("the script has no answer for %s", p.Question.ID)
	}
	f.replies[p.Question.ID] = rs[1:]
	return rs[0], nil
}

func (f *fakeAsker) Interrupt(_ context.Context, i Interrupt) (InterruptChoice, error) {
	f.log = append(f.log, "interrupt: "+i.Title)
	choice := f.interrupts[0]
	f.interrupts = f.interrupts[1:]
	return choice, nil
}

func (f *fakeAsker) Text(_ context.Context, n TextPrompt) (string, error) {
	if n.Section == nil {
		f.log = append(f.log, "label: "+n.Title)
		if n.Check != nil {
			if problem := n.Check("Jane Doe, 14, of 12 Elm St, who was away three weeks"); problem == "" {
				return "", errors.New("a label check took anything")
			}
		}
		return "case 2026-114", nil
	}
	f.log = append(f.log, fmt.Sprintf("note %s (was %q)", n.Section.ID, n.Current))
	if f.noteHelp == nil {
		f.noteHelp = map[string]string{}
	}
	f.noteHelp[n.Section.ID] = n.Help
	ns := f.notes[n.Section.ID]
	if len(ns) == 0 {
		return n.Current, nil
	}
	f.notes[n.Section.ID] = ns[1:]
	return ns[0], nil
}

func (f *fakeAsker) Review(_ context.Context, r Review) (int, error) {
	focus := "finish"
	if r.Focus >= 0 {
		focus = r.Rows[r.Focus].QuestionID
		if r.Rows[r.Focus].Kind == RowNote {
			focus = "note " + r.Rows[r.Focus].SectionID
		}
	}
	f.log = append(f.log, "review on "+focus)
	i := f.reviews[0]
	f.reviews = f.reviews[1:]
	return i, nil
}

func (f *fakeAsker) Status(s Status) { f.statuses = append(f.statuses, s) }

// rowOf finds a question's or a section note's row on the review, for a script.
func rowOf(s *screening.Session, id string) int {
	c := newConversation(nil, Config{Session: s})
	for i, r := range c.reviewRows() {
		if r.QuestionID == id || (r.Kind == RowNote && r.SectionID == id) {
			return i
		}
	}
	return -1
}

func run(t *testing.T, f *fakeAsker, cfg Config) (*screening.Summary, error) {
	t.Helper()
	if cfg.Session == nil {
		cfg.Session = screening.NewSession(testSet())
	}
	clock := time.Date(2026, 11, 29, 14, 0, 0, 0, time.UTC)
	cfg.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
	return Run(context.Background(), f, cfg)
}

func answers(sum *screening.Summary) string {
	var out []string
	for _, a := range sum.Answers {
		out = append(out, a.QuestionID+"="+string(a.State)+":"+strings.Join(a.Values, "+"))
	}
	return strings.Join(out, " ")
}

func checkLog(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("the worker saw:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestAQuietInterview(t *testing.T) {
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answer{State: screening.StateDeclined})}, "days": {text("3")}},
		notes:   map[string][]string{"away": {"Quiet."}},
		reviews: []int{-1},
	}
	sum, err := run(t, f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show opening: Before you begin",
		"show guidance: While away", // once, when the section starts
		"ask slept", "ask partner", "ask traded", "ask phones",
		`note away (was "")`,
		"ask feel",
		"show closing: To close", // nothing left to read aloud: said before what the worker fills in alone
		"ask days",
		`note health (was "")`,
		"review on finish",
	})
	if got := answers(sum); got != "slept=answered:friend who-paid=not-applicable: partner=answered:no traded=answered:no phones=answered:no feel=declined: days=answered:3" {
		t.Errorf("answers: %s", got)
	}
	if sum.Concern != "none" || len(sum.Notes) != 1 || sum.Notes[0].Text != "Quiet." || sum.Finished.IsZero() {
		t.Errorf("concern %s, notes %+v, finished %v", sum.Concern, sum.Notes, sum.Finished)
	}
}

// A disclosure interrupts at once. Ending there shows the closing, to say to the young person,
// then offers what needs nothing more from them (the observation and the record), and the review.
func TestDisclosureEndsEarly(t *testing.T) {
	f := &fakeAsker{
		replies:    map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {yes()}, "phones": {yes()}, "days": {text("2")}},
		interrupts: []InterruptChoice{End},
		reviews:    []int{-1},
	}
	sum, err := run(t, f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show opening: Before you begin", "show guidance: While away",
		"ask slept", "ask partner", "ask traded",
		"interrupt: Stop and refer",
		"show closing: To close", // the conversation with the young person ends here
		"ask phones",             // an observation: still offered
		`note away (was "")`,
		"ask days", // the record; "feel" is read aloud, so it is not asked
		`note health (was "")`,
		"review on finish",
	})
	if !sum.EndedEarly || sum.Concern != "clear" || !strings.Contains(answers(sum), "feel=not-asked") {
		t.Errorf("ended early %v, concern %s, %s", sum.EndedEarly, sum.Concern, answers(sum))
	}
}

// Going on after a disclosure asks everything; a second answer raising nothing new does not
// interrupt again.
func TestDisclosureGoOn(t *testing.T) {
	f := &fakeAsker{
		replies:    map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {yes()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("2")}},
		interrupts: []InterruptChoice{GoOn},
		reviews:    []int{-1},
	}
	sum, err := run(t, f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.EndedEarly || !strings.Contains(answers(sum), "feel=answered:ok") {
		t.Errorf("ended early %v: %s", sum.EndedEarly, answers(sum))
	}
}

// A change on the review opens a follow-up: it is asked, then the review shows again on the row
// changed. A mis-keyed disclosure corrected on the review takes the early end back.
func TestReviewChanges(t *testing.T) {
	s := screening.NewSession(testSet())
	f := &fakeAsker{
		replies: map[string][]Reply{
			"slept": {pick("friend"), pick("friend", "hotel")}, "who-paid": {text("my uncle")},
			"partner": {no()}, "traded": {yes(), no()}, "phones": {no(), no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("2")},
		},
		interrupts: []InterruptChoice{End},
	}
	f.reviews = []int{rowOf(s, "slept"), rowOf(s, "traded") + 1, -1} // who-paid's row comes in before traded
	sum, err := run(t, f, Config{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show opening: Before you begin", "show guidance: While away",
		"ask slept", "ask partner", "ask traded", "interrupt: Stop and refer", "show closing: To close", "ask phones", `note away (was "")`, "ask days", `note health (was "")`,
		"review on finish",
		"ask slept (was answered:friend)", // the follow-up it opens is read aloud: not after the end
		"review on slept",
		"ask traded (was answered:yes)", // changed to no: the interview goes on
		"ask who-paid", "ask feel",
		"review on traded", // the closing was said: not again
	})
	if sum.EndedEarly || sum.Concern != "possible" || !strings.Contains(answers(sum), "who-paid=answered:my uncle") {
		t.Errorf("ended early %v, concern %s: %s", sum.EndedEarly, sum.Concern, answers(sum))
	}
}

// Back goes to the last question answered, and the interview walks forward again from there,
// each question with the answer it has; back from the first question stays there.
func TestBack(t *testing.T) {
	f := &fakeAsker{
		replies: map[string][]Reply{
			"slept":    {Back(), pick("friend"), pick("hotel")},
			"partner":  {no(), Back(), no()},
			"who-paid": {text("a man")},
			"traded":   {Back(), no()},
			"phones":   {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")},
		},
		reviews: []int{-1},
	}
	sum, err := run(t, f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show opening: Before you begin", "show guidance: While away",
		"ask slept", "ask slept", // back from the first question: still the first
		"ask partner",
		"ask traded",                      // back
		"ask partner (was answered:no)",   // back again
		"ask slept (was answered:friend)", // changed to hotel: the follow-up comes next
		"ask who-paid",
		"ask partner (was answered:no)", // forward again, with its answer
		"ask traded", "ask phones", `note away (was "")`, "ask feel", "show closing: To close", "ask days", `note health (was "")`,
		"review on finish",
	})
	if !strings.Contains(answers(sum), "slept=answered:hotel who-paid=answered:a man") {
		t.Errorf("%s", answers(sum))
	}
}

// A resumed interview shows where it stands instead of the opening, asks what is left, and
// asks for a section's note starting from the note saved before.
func TestResume(t *testing.T) {
	s, err := screening.Restore(testSet(), screening.Snapshot{
		Answers: map[string]screening.Answer{"slept": {State: screening.StateAnswered, Choices: []string{"friend"}}, "partner": screening.Answered("no")},
		Notes:   map[string]string{"away": "Said she stayed with friends."},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeAsker{
		replies: map[string][]Reply{"traded": {Back(), no()}, "partner": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		reviews: []int{-1},
	}
	sum, err := run(t, f, Config{Session: s, Resumed: &Screen{Kind: ScreenResumed, Title: "Resuming"}})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"show resumed: Resuming",
		"show guidance: While away",
		"ask traded", "ask partner (was answered:no)", "ask traded",
		"ask phones",
		`note away (was "Said she stayed with friends.")`, // kept, never emptied by an Enter
		"ask feel", "show closing: To close", "ask days", `note health (was "")`,
		"review on finish",
	})
	if len(sum.Notes) != 1 || sum.Notes[0].Text != "Said she stayed with friends." {
		t.Errorf("notes %+v", sum.Notes)
	}
}

// Notes are changed from the review, starting from what they say.
func TestNoteFromReview(t *testing.T) {
	s := screening.NewSession(testSet())
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		notes:   map[string][]string{"away": {"First.", "Second."}},
	}
	f.reviews = []int{rowOf(s, "away"), -1}
	sum, err := run(t, f, Config{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.log, `note away (was "First.")`) || !slices.Contains(f.log, "review on note away") {
		t.Errorf("log:\n%s", strings.Join(f.log, "\n"))
	}
	if sum.Notes[0].Text != "Second." {
		t.Errorf("note %q", sum.Notes[0].Text)
	}
}

// Every message about saving matches the last save that worked.
func TestSaveStatusIsTruthful(t *testing.T) {
	failing := errors.New("no space left on device")
	saves := 0
	save := func() error {
		saves++
		if saves > 2 {
			return failing
		}
		return nil
	}
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}},
		failAt:  "feel",
	}
	_, err := run(t, f, Config{Save: save})
	var stopped *Stopped
	if !errors.As(err, &stopped) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want a Stopped interruption", err)
	}
	// Two saves worked (slept, partner); traded and phones were not saved, nor was the note.
	if st := stopped.Save; !st.Enabled || st.Err != failing || st.Unsaved != 2 || st.LastSaved.IsZero() || st.Saved() {
		t.Errorf("save status %+v", st)
	}
	if got := f.statuses[0]; !got.Save.Enabled || got.Recorded != "" {
		t.Errorf("before the first question, the asker is not told the interview is saved: %+v", got)
	}
	if got := f.statuses[2]; !got.Save.Saved() || got.Recorded != "No" {
		t.Errorf("after partner: %+v", got)
	}
	if got := f.statuses[3]; got.Save.Saved() || got.Save.Unsaved != 1 || got.Save.Err == nil {
		t.Errorf("after traded: %+v", got)
	}

	// Without saving (an answers file, self-study), nothing claims to be saved.
	f = &fakeAsker{replies: map[string][]Reply{"slept": {pick("friend")}}, failAt: "partner"}
	_, err = run(t, f, Config{})
	if !errors.As(err, &stopped) || stopped.Save.Enabled || stopped.Save.Saved() {
		t.Errorf("no saving: %+v", stopped.Save)
	}
}

// In an interpreted interview the question is shown in the young person's language and the
// worker's, the guidance in the worker's; the summary says which language each answer was
// asked in.
func TestLanguages(t *testing.T) {
	base := testSet()
	base.Sections[0].Questions[0].Help = "Curious, not accusing."
	tr := &screening.Translation{Language: "es", Questions: map[string]screening.QuestionText{
		"slept": {Text: screening.Text{Text: "¿Dónde dormiste?"}, Help: screening.Text{Text: "Con curiosidad."}, Options: map[string]screening.Text{"friend": {Text: "Con amistades"}, "hotel": {Text: "Un hotel"}}},
	}}
	langs := &Languages{Base: base, Youth: tr, YouthLang: "es", WorkerLang: "en", Bilingual: true}
	var prompts []Prompt
	f := &recordingAsker{fakeAsker: fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		reviews: []int{-1},
	}, prompts: &prompts}
	sum, err := Run(context.Background(), f, Config{Session: screening.NewSession(langs.WorkerSet()), Languages: langs})
	if err != nil {
		t.Fatal(err)
	}
	p := prompts[0]
	if p.Question.Text != "¿Dónde dormiste?" || p.Lang != "es" || p.Also == nil || p.Also.Text != "Where did you sleep?" || p.AlsoLang != "en" {
		t.Errorf("prompt %q (%s), also %+v", p.Question.Text, p.Lang, p.Also)
	}
	if p.Question.Help != "Curious, not accusing." || p.Question.Options[0].Label != "Con amistades" {
		t.Errorf("help %q (the worker's), option %q (the young person's)", p.Question.Help, p.Question.Options[0].Label)
	}
	if phones := prompts[3]; phones.Question.ID != "phones" || phones.Lang != "en" || phones.Also != nil {
		t.Errorf("an observation is the worker's own: %+v", phones)
	}
	if sum.Language != "en" || sum.Answers[0].Language != "es" || sum.Answers[4].Language != "en" {
		t.Errorf("languages: summary %s, slept %s, phones %s", sum.Language, sum.Answers[0].Language, sum.Answers[4].Language)
	}
}

type recordingAsker struct {
	fakeAsker
	prompts *[]Prompt
}

func (r *recordingAsker) Ask(ctx context.Context, p Prompt) (Reply, error) {
	*r.prompts = append(*r.prompts, p)
	return r.fakeAsker.Ask(ctx, p)
}

// A change on the review that opens a follow-up asks it, then shows the review on the row changed.
func TestReviewChangeOpensFollowUp(t *testing.T) {
	s := screening.NewSession(testSet())
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend"), pick("hotel")}, "who-paid": {text("a man")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
	}
	f.reviews = []int{rowOf(s, "slept"), -1}
	sum, err := run(t, f, Config{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	tail := f.log[len(f.log)-4:]
	checkLog(t, tail, []string{"review on finish", "ask slept (was answered:friend)", "ask who-paid", "review on slept"})
	if slices.Index(f.log, "show closing: To close") != slices.Index(f.log, "ask days")-1 {
		t.Errorf("the closing is not shown once, before the record: %v", f.log)
	}
	if !strings.Contains(answers(sum), "who-paid=answered:a man") || sum.Concern != "possible" {
		t.Errorf("%s, concern %s", answers(sum), sum.Concern)
	}
}

// A draft's label is asked for before anything else, checked, and handed over; the summary
// carries it as its case reference.
func TestLabel(t *testing.T) {
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		reviews: []int{-1},
	}
	var label string
	sum, err := run(t, f, Config{Label: func(l string) { label = l }, CheckLabel: func(l string) string {
		if len(l) > 20 {
			return "too long"
		}
		return ""
	}})
	if err != nil {
		t.Fatal(err)
	}
	if f.log[0] != "label: A label for this draft (optional)" || label != "case 2026-114" || sum.CaseRef != label {
		t.Errorf("first %q, label %q, the summary's case reference %q", f.log[0], label, sum.CaseRef)
	}
}

// A mis-keyed disclosure: back from the stop-and-refer screen takes the answer back and asks
// the question again, as it was; nothing of the wrong answer stays.
func TestBackFromAnInterrupt(t *testing.T) {
	f := &fakeAsker{
		replies:    map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {yes(), no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
		interrupts: []InterruptChoice{GoBack},
		reviews:    []int{-1},
	}
	sum, err := run(t, f, Config{})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log[3:7], []string{"ask partner", "ask traded", "interrupt: Stop and refer", "ask traded"})
	if sum.EndedEarly || sum.Concern != "none" || !strings.Contains(answers(sum), "traded=answered:no") {
		t.Errorf("ended early %v, concern %s: %s", sum.EndedEarly, sum.Concern, answers(sum))
	}
}

// A resumed interview that holds a disclosure, not ended, shows the stop-and-refer guidance
// again: the worker may have stopped on that very screen.
func TestResumeRemindsOfADisclosure(t *testing.T) {
	s, err := screening.Restore(testSet(), screening.Snapshot{Answers: map[string]screening.Answer{
		"slept": {State: screening.StateAnswered, Choices: []string{"friend"}}, "partner": screening.Answered("no"), "traded": screening.Answered("yes"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeAsker{
		replies:    map[string][]Reply{"phones": {no()}, "days": {text("1")}},
		interrupts: []InterruptChoice{End},
		reviews:    []int{-1},
	}
	sum, err := run(t, f, Config{Session: s, Resumed: &Screen{Kind: ScreenResumed, Title: "Resuming"}})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log[:5], []string{"show resumed: Resuming", "interrupt: Stop and refer", "show closing: To close", "show guidance: While away", "ask phones"})
	if !sum.EndedEarly {
		t.Error("ending on the reminder did not end the interview")
	}
}

// An answer confirmed as it was is kept, not recorded again: the review is told nothing changed,
// and a section's guidance is not shown again for a change from the review.
func TestConfirmingAnAnswerChangesNothing(t *testing.T) {
	s := screening.NewSession(testSet())
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend"), pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("1")}},
	}
	f.reviews = []int{rowOf(s, "slept"), -1}
	var reviews []Review
	ra := &reviewRecorder{fakeAsker: f, reviews: &reviews}
	_, err := Run(context.Background(), ra, Config{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 2 || reviews[1].Changed || reviews[1].Focus != rowOf(s, "slept") {
		t.Errorf("reviews %+v", reviews)
	}
	last := f.statuses[len(f.statuses)-1]
	if !last.Kept || last.Recorded != "At a friend's" {
		t.Errorf("status after confirming: %+v", last)
	}
	if n := strings.Count(strings.Join(f.log, "\n"), "show guidance"); n != 1 {
		t.Errorf("guidance shown %d times:\n%s", n, strings.Join(f.log, "\n"))
	}
}

type reviewRecorder struct {
	*fakeAsker
	reviews *[]Review
}

func (r *reviewRecorder) Review(ctx context.Context, rv Review) (int, error) {
	*r.reviews = append(*r.reviews, rv)
	return r.fakeAsker.Review(ctx, rv)
}

// When nothing was read aloud (a child too young for every section), there is no point at which
// the conversation with them ended: the closing comes last, as before.
func TestClosingLastWhenNothingWasReadAloud(t *testing.T) {
	set := testSet()
	set.Sections = append([]screening.Section{{ID: "about", Title: "About", Questions: []screening.Question{
		{ID: "age", Mode: screening.ModeRecord, Type: screening.TypeNumber, Text: "Age"},
	}}}, set.Sections...)
	for i := 1; i < len(set.Sections); i++ {
		set.Sections[i].When = &screening.Condition{Op: screening.OpAtLeast, Question: "age", Number: 11}
	}
	f := &fakeAsker{replies: map[string][]Reply{"age": {text("9")}}, reviews: []int{-1}}
	if _, err := run(t, f, Config{Session: screening.NewSession(set)}); err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{"show opening: Before you begin", "ask age", `note about (was "")`, "review on finish", "show closing: To close"})
}

// A label after a colon reads in lower case, as a sentence goes on, unless it starts with an
// acronym ("reveló: Se ofreció" was a capital mid-sentence).
func TestInSentence(t *testing.T) {
	for _, c := range []struct{ label, want string }{
		{"Offered something for sex", "offered something for sex"},
		{"Se ofreció o se intercambió algo sexual", "se ofreció o se intercambió algo sexual"},
		{"Él le obligó", "él le obligó"},
		{"LGBTQ youth put out", "LGBTQ youth put out"},
		{"already lower", "already lower"},
		{"", ""},
	} {
		if got := inSentence(c.label); got != c.want {
			t.Errorf("inSentence(%q) = %q, want %q", c.label, got, c.want)
		}
	}
}

// Two times out of order (learned of the return before it happened) are refused by the engine:
// the worker is told which two disagree and asked again, whether typing the second or changing
// the first from the review; nothing out of order is recorded.
func TestTimesOutOfOrder(t *testing.T) {
	set := &screening.QuestionSet{
		ID: "clocks", Version: "1.0.0", Language: "en", Title: "Clocks", Levels: screening.Levels{Possible: 2, Clear: 5},
		Sections: []screening.Section{{ID: "record", Title: "From the record", Questions: []screening.Question{
			{ID: "returned", Mode: screening.ModeRecord, Type: screening.TypeDateTime, Text: "When they came back"},
			{ID: "learned", Mode: screening.ModeRecord, Type: screening.TypeDateTime, Text: "When the agency learned of it", NotBefore: screening.Ref{ID: "returned"}},
		}}},
	}
	s := screening.NewSession(set)
	f := &fakeAsker{
		replies: map[string][]Reply{
			"returned": {text("2026-11-28T21:00:00-05:00"), text("2026-11-29T08:00:00-05:00"), text("2026-11-28T20:00:00-05:00")},
			"learned":  {text("2026-11-27T10:00:00-05:00"), text("2026-11-28T21:30:00-05:00")},
		},
	}
	f.reviews = []int{rowOf(s, "returned"), -1}
	sum, err := run(t, f, Config{Session: s})
	if err != nil {
		t.Fatal(err)
	}
	checkLog(t, f.log, []string{
		"ask returned",
		"ask learned",
		"show refused: Check the times",
		"  \u201cWhen the agency learned of it\u201d: Fri 27 Nov 2026, 10:00 -0500 is earlier than \u201cWhen they came back\u201d (Sat 28 Nov 2026, 21:00 -0500), which it cannot be. Type it again; or, if that other time is wrong, go back and change it.",
		"ask learned",
		`note record (was "")`,
		"review on finish",
		"ask returned (was answered:2026-11-28T21:00:00-05:00)",
		"show refused: Check the times",
		"  \u201cWhen they came back\u201d: Sun 29 Nov 2026, 08:00 -0500 is later than \u201cWhen the agency learned of it\u201d (Sat 28 Nov 2026, 21:30 -0500), which cannot come before it. Type it again; or, if that other time is wrong, change it first.",
		"ask returned (was answered:2026-11-28T21:00:00-05:00)",
		"review on returned",
	})
	if got := answers(sum); got != "returned=answered:2026-11-28T20:00:00-05:00 learned=answered:2026-11-28T21:30:00-05:00" {
		t.Errorf("answers: %s", got)
	}
}

// A notice (which set a mock interview uses) comes first on the opening, and makes one for a set
// that has none.
func TestNoticeOnTheOpening(t *testing.T) {
	for _, withOpening := range []bool{true, false} {
		set := testSet()
		if !withOpening {
			set.Opening = nil
		}
		var shown []Line
		f := &fakeAsker{
			replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "feel": {Answer(screening.Answered("ok"))}, "days": {text("3")}},
			reviews: []int{-1},
			onShow:  func(s Screen) { shown = append(shown, s.Lines...) },
		}
		if _, err := run(t, f, Config{Session: screening.NewSession(set), Notice: []Line{{Text: "On set test 1.0.0."}}}); err != nil {
			t.Fatal(err)
		}
		if f.log[0] != "show opening: Before you begin" || len(shown) == 0 || shown[0].Text != "On set test 1.0.0." {
			t.Errorf("opening %v: log %v, lines %+v", withOpening, f.log, shown)
		}
		if withOpening && (len(shown) < 2 || shown[1].Text != "Hello.") {
			t.Errorf("the opening's own lines do not follow: %+v", shown)
		}
	}
}

// A section the worker fills in alone (observations, the record) asks for a note about what was
// seen or found there; only a section read aloud suggests the young person's own words.
func TestNoteHelpFitsTheSection(t *testing.T) {
	set := testSet()
	set.Sections[1].Questions = set.Sections[1].Questions[1:] // health: only the record's days
	f := &fakeAsker{
		replies: map[string][]Reply{"slept": {pick("friend")}, "partner": {no()}, "traded": {no()}, "phones": {no()}, "days": {text("3")}},
		reviews: []int{-1},
	}
	if _, err := run(t, f, Config{Session: screening.NewSession(set)}); err != nil {
		t.Fatal(err)
	}
	en, _ := phrases.For("en")
	w := en.Interview
	if f.noteHelp["away"] != w.NoteHelp || f.noteHelp["health"] != w.NoteHelpWorkerOnly || w.NoteHelp == w.NoteHelpWorkerOnly {
		t.Errorf("note prompts: %q", f.noteHelp)
	}
}
