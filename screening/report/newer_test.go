package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
)

// newerSet is testdata/newer.yaml (the example of the newer keys in questions/README.md), in
// English or, with lang es, in its Spanish translation.
func newerSet(t *testing.T, lang string) (*screening.QuestionSet, *screening.ContactDirectory) {
	t.Helper()
	base, _ := shipped(t)
	data, err := os.ReadFile(filepath.Join("testdata", "newer.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := questions.DecodeSet("newer.yaml", data, base)
	if err != nil {
		t.Fatal(err)
	}
	var dir screening.ContactDirectory
	dir.Add(base.Contacts...)
	if lang == "" {
		return f.Set, &dir
	}
	trData, err := os.ReadFile(filepath.Join("testdata", "newer."+lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ds := questions.Validate([]questions.Input{{Name: "newer.yaml", Data: data}, {Name: "newer." + lang + ".yaml", Data: trData}}, base)
	if len(ds) > 0 {
		t.Fatalf("the translation has findings: %v", ds)
	}
	return screening.Translate(f.Set, questions.Decode("tr.yaml", trData).Translation), &dir
}

var est = time.FixedZone("EST", -5*3600)

type answer struct {
	id string
	a  screening.Answer
}

func newerSummary(t *testing.T, lang string, answers []answer, finished time.Time) screening.Summary {
	t.Helper()
	return newerSummaryWith(t, lang, answers, finished, screening.SummaryMeta{})
}

// newerSummaryWith is newerSummary with the worker's id and the actions recorded done of more.
func newerSummaryWith(t *testing.T, lang string, answers []answer, finished time.Time, more screening.SummaryMeta) screening.Summary {
	t.Helper()
	set, dir := newerSet(t, lang)
	s := screening.NewSession(set)
	for _, st := range answers {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatalf("%s: %v", st.id, err)
		}
	}
	started := time.Date(2026, 12, 3, 14, 0, 0, 0, est)
	return s.Summary(screening.SummaryMeta{SetSHA256: "0123", Started: started, Finished: finished, Contacts: dir, Zone: est, WorkerID: more.WorkerID, Made: more.Made})
}

// newerClear: drug-running and a sexual exchange disclosed, the day after the return.
func newerClear(t *testing.T) screening.Summary {
	return newerClearWith(t, "", screening.SummaryMeta{})
}

// newerMade: newerClear held by worker w-0417, the medical care arranged in time and the report
// made the next morning, after its deadline: recorded as late.
func newerMade(t *testing.T, lang string) screening.Summary {
	return newerClearWith(t, lang, screening.SummaryMeta{WorkerID: "w-0417", Made: map[string]time.Time{
		"medical-window": time.Date(2026, 12, 3, 15, 0, 0, 0, est),
		"report-now":     time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC),
	}})
}

func newerClearWith(t *testing.T, lang string, more screening.SummaryMeta) screening.Summary {
	return newerSummaryWith(t, lang, []answer{
		{"returned-at", screening.Answered("2026-12-02T21:30:00-05:00")},
		{"learned-at", screening.Answered("2026-12-03T02:30:00Z")}, // recorded elsewhere, in UTC
		{"danger-now", screening.Answered("no")},
		{"self-harm", screening.Answered("no")},
		{"put-out", screening.Answered("yes")},
		{"kept-pay", screening.Answered("no")},
		{"carried-drugs", screening.Answered("yes")},
		{"picture-threats", screening.Answered("no")},
		{"traded-sexual", screening.Answered("yes")},
	}, time.Date(2026, 12, 3, 14, 40, 0, 0, est), more)
}

// newerIncomplete: the young person declines nearly everything; the summary is written four days
// after the agency learned of the return, so the second conversation is overdue.
func newerIncomplete(t *testing.T, lang string) screening.Summary {
	declined := screening.Answer{State: screening.StateDeclined}
	return newerSummary(t, lang, []answer{
		{"returned-at", screening.Answer{State: screening.StateDontKnow}},
		{"learned-at", screening.Answered("2026-12-01T09:15:00-05:00")},
		{"danger-now", screening.Answered("no")},
		{"self-harm", declined},
		{"put-out", declined},
		{"kept-pay", declined},
		{"carried-drugs", declined},
		{"picture-threats", declined},
		{"traded-sexual", declined},
	}, time.Date(2026, 12, 5, 10, 0, 0, 0, est))
}

func TestNewerSummaryGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		sum  screening.Summary
		exts []string
	}{
		{"newer-clear", newerClear(t), []string{"txt", "md", "json", "html"}},
		{"newer-incomplete", newerIncomplete(t, ""), []string{"txt", "md", "json", "html"}},
		{"newer-incomplete-es", newerIncomplete(t, "es"), []string{"txt", "md"}},
		{"newer-made", newerMade(t, ""), []string{"txt", "md", "json", "html"}},
		{"newer-made-es", newerMade(t, "es"), []string{"txt"}},
	} {
		for _, ext := range c.exts {
			var b bytes.Buffer
			var err error
			switch ext {
			case "txt":
				err = WriteSummaryText(&b, &c.sum)
			case "md":
				err = WriteSummaryMarkdown(&b, &c.sum)
			case "json":
				err = WriteSummaryJSON(&b, &c.sum)
			case "html":
				err = WriteSummaryHTML(&b, &c.sum)
			}
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.name+".summary."+ext, b.Bytes())
		}
	}
}

// What the newer keys promise, whatever the golden files say.
func TestNewerSummaryPromises(t *testing.T) {
	text := func(s screening.Summary) string {
		var b bytes.Buffer
		if err := WriteSummaryText(&b, &s); err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	clear := text(newerClear(t))
	for _, want := range []string{
		"CONCERN: CLEAR.",
		"By domain: Sexual exploitation: clear (score 5); Labor exploitation: none (score 0); Criminal exploitation: possible (score 4); Online exploitation: none (score 0); Vulnerability: none (score 1).",
		"clear needs an indicator weighing 2 or more in Sexual exploitation, Labor exploitation, Criminal exploitation or Online exploitation: Something sexual traded for something of value is one",
		// 72 hours from the return, and 24 from when the agency learned of it, in the worker's zone.
		"Due by Sat 5 Dec 2026, 21:30 EST (72 hours from Wed 2 Dec 2026, 21:30 EST: When the young person came back).",
		"Due by Thu 3 Dec 2026, 21:30 EST (24 hours from Wed 2 Dec 2026, 21:30 EST: When the agency learned they were back).",
		"How much was done, of the questions that applied: 9 of 9 answered (7 of 7 read aloud)",
	} {
		if !strings.Contains(clear, want) {
			t.Errorf("the clear summary lacks %q:\n%s", want, clear)
		}
	}

	inc := text(newerIncomplete(t, ""))
	for _, want := range []string{
		"CONCERN: INCOMPLETE. What was answered is not enough to screen, so this is not a finding of no concern.",
		"Questions read aloud that applied and were answered: 1 of 7; this set needs at least 4 to screen.",
		"Key questions not answered: Did anyone offer you a place to stay, food, money or anything else to do something sexual? — (preferred not to say).",
		"OVERDUE: it was due by Fri 4 Dec 2026, 09:15 EST (3 days from Tue 1 Dec 2026, 09:15 EST",
		"Vulnerability: incomplete (score 0)",
	} {
		if !strings.Contains(inc, want) {
			t.Errorf("the incomplete summary lacks %q:\n%s", want, inc)
		}
	}
	for _, banned := range []string{"NONE.", "No indicators of concern were found", "no indicators raised"} {
		if strings.Contains(inc, banned) {
			t.Errorf("an incomplete summary says %q", banned)
		}
	}
	// Everything answered but the key question, which the young person did not know: incomplete,
	// and the summary says which question, and that it was not known.
	dk := text(newerSummary(t, "", []answer{
		{"returned-at", screening.Answered("2026-12-02T21:30:00-05:00")},
		{"learned-at", screening.Answered("2026-12-03T02:30:00Z")},
		{"danger-now", screening.Answered("no")},
		{"self-harm", screening.Answered("no")},
		{"put-out", screening.Answered("no")},
		{"kept-pay", screening.Answered("no")},
		{"carried-drugs", screening.Answered("no")},
		{"picture-threats", screening.Answered("no")},
		{"traded-sexual", screening.Answer{State: screening.StateDontKnow}},
	}, time.Date(2026, 12, 3, 14, 40, 0, 0, est)))
	for _, want := range []string{
		"CONCERN: INCOMPLETE. What was answered is not enough to screen",
		"Key questions not answered: Did anyone offer you a place to stay, food, money or anything else to do something sexual? — (did not know).",
		"Hold a second conversation within 72 hours",
	} {
		if !strings.Contains(dk, want) {
			t.Errorf("the summary of a key question not known lacks %q:\n%s", want, dk)
		}
	}
	for _, banned := range []string{"NONE.", "No indicators of concern were found", "Questions read aloud that applied and were answered"} {
		if strings.Contains(dk, banned) {
			t.Errorf("the summary of a key question not known says %q", banned)
		}
	}
	// In Spanish, nothing of the tool's own is English.
	es := text(newerIncomplete(t, "es"))
	for _, english := range []string{"INCOMPLETE", "How much", "Due by", "OVERDUE", "By domain", "Key questions", " Fri ", " Dec "} {
		if strings.Contains(es, english) {
			t.Errorf("the Spanish summary says %q:\n%s", english, es)
		}
	}
}

// The level rule that held a level back is explained, with the domains' labels.
func TestReachedHeldBack(t *testing.T) {
	sum := newerSummary(t, "", []answer{{"put-out", screening.Answered("yes")}}, time.Time{})
	sum.Score, sum.Reached = 6, screening.Reached{Level: screening.LevelPossible, Score: 6, HeldBack: screening.LevelClear, HeldBy: sum.Levels.ClearNeeds}
	got := wordsFor("en").reached(&sum)
	want := "the score reaches clear, but clear needs an indicator weighing 2 or more in Sexual exploitation, Labor exploitation, Criminal exploitation or Online exploitation, and no raised indicator is one"
	if !strings.Contains(got, want) {
		t.Errorf("reached = %q", got)
	}
}

// The printable form shows the domains, the level rule, completeness, interrupts and deadlines.
func TestNewerSetForm(t *testing.T) {
	for _, lang := range []string{"", "es"} {
		set, dir := newerSet(t, lang)
		name := "newer" + map[string]string{"": "", "es": "-es"}[lang]
		var txt, md bytes.Buffer
		if err := WriteSetText(&txt, SetForm{Set: set, Contacts: dir}); err != nil {
			t.Fatal(err)
		}
		if err := WriteSetMarkdown(&md, SetForm{Set: set, Contacts: dir}); err != nil {
			t.Fatal(err)
		}
		golden(t, name+".form.txt", txt.Bytes())
		golden(t, name+".form.md", md.Bytes())
		if lang == "es" {
			// The form's own words, a set's status and a yes in a condition, are Spanish too.
			for _, english := range []string{"(active)", `"yes"`, "Domains", "Due within", "Shown to the worker"} {
				if strings.Contains(txt.String()+md.String(), english) {
					t.Errorf("the Spanish form says %s", english)
				}
			}
		}
	}
}

// The set exports as a Questionnaire, and its interviews as QuestionnaireResponses, that HL7's R4
// schema accepts: a date and time is a dateTime.
func TestNewerFHIR(t *testing.T) {
	set, _ := newerSet(t, "")
	var q bytes.Buffer
	if err := WriteQuestionnaire(&q, set, FHIRURL("", set.ID)); err != nil {
		t.Fatal(err)
	}
	checkR4(t, "the newer set as a Questionnaire", q.Bytes())
	if !strings.Contains(q.String(), `"type": "dateTime"`) {
		t.Error("a datetime question is not a dateTime item")
	}
	for name, sum := range map[string]screening.Summary{"clear": newerClear(t), "incomplete": newerIncomplete(t, "")} {
		var b bytes.Buffer
		if err := WriteQuestionnaireResponse(&b, set, &sum, FHIRURL("", set.ID)); err != nil {
			t.Fatal(err)
		}
		checkR4(t, "the "+name+" interview", b.Bytes())
		if name == "clear" && !strings.Contains(b.String(), `"valueDateTime": "2026-12-02T21:30:00-05:00"`) {
			t.Errorf("the return time is not a valueDateTime:\n%s", b.String())
		}
	}
}
