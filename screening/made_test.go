package screening

import (
	"errors"
	"testing"
	"time"
)

func TestJudgeMade(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	due := time.Date(2026, 12, 4, 10, 0, 0, 0, est)
	tests := []struct {
		name string
		due  *Deadline
		made time.Time
		want string
	}{
		{"before the deadline", &Deadline{At: due}, due.Add(-3 * time.Hour), InTimeYes},
		{"at the deadline itself", &Deadline{At: due}, due, InTimeYes},
		{"a minute after: late, not refused", &Deadline{At: due}, due.Add(time.Minute), InTimeNo},
		{"days after", &Deadline{At: due}, due.Add(72 * time.Hour), InTimeNo},
		{"the same moment written in another zone", &Deadline{At: due}, due.UTC(), InTimeYes},
		{"a deadline whose start was not recorded", &Deadline{Within: 24 * time.Hour}, due, InTimeUnknown},
		{"no deadline", nil, due, InTimeNoDeadline},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := JudgeMade(tt.due, tt.made); got != tt.want {
				t.Errorf("JudgeMade = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckMade(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	started := time.Date(2026, 12, 1, 14, 10, 35, 0, est)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, est)
	tests := []struct {
		name string
		made time.Time
		want error
	}{
		{"after the start", started.Add(2 * time.Hour), nil},
		{"in the minute the interview started, typed without seconds", time.Date(2026, 12, 1, 14, 10, 0, 0, est), nil},
		{"the minute before the start", time.Date(2026, 12, 1, 14, 9, 0, 0, est), ErrMadeBeforeStart},
		{"the day before", started.Add(-24 * time.Hour), ErrMadeBeforeStart},
		{"now", now, nil},
		{"later than now", now.Add(2 * time.Hour), ErrFutureClock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckMade(tt.made, started, now)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("CheckMade = %v, want %v", err, tt.want)
			}
		})
	}
	if err := CheckMade(started.Add(-time.Hour), started, now); err == nil || err.Error() != "earlier than the interview started (2026-12-01T14:10:35-05:00)" {
		t.Errorf("the refusal says when the interview started: %v", err)
	}
}

func TestMadeDescribe(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	at := time.Date(2026, 12, 2, 9, 30, 0, 0, est)
	tests := []struct {
		inTime, lang, want string
	}{
		{InTimeYes, "en", "Done Wed 2 Dec 2026, 09:30 EST: within its deadline."},
		{InTimeNo, "en", "Done Wed 2 Dec 2026, 09:30 EST: LATE, after its deadline."},
		{InTimeUnknown, "en", "Done Wed 2 Dec 2026, 09:30 EST. Whether that was in time is not known: the time its deadline counts from was not recorded."},
		{InTimeNoDeadline, "en", "Done Wed 2 Dec 2026, 09:30 EST."},
		{InTimeNo, "es", "Hecho mié 2 de dic de 2026, 09:30 EST: FUERA DE PLAZO, después de su vencimiento."},
	}
	for _, tt := range tests {
		if got := (Made{At: at, InTime: tt.inTime}).Describe(tt.lang); got != tt.want {
			t.Errorf("%s in %s:\n got %s\nwant %s", tt.inTime, tt.lang, got, tt.want)
		}
	}
}

// What the summary says of an action recorded done: from the meta, against the deadline the
// answers give it, in the worker's zone; an action not recorded has nothing.
func TestSummaryMade(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	started := time.Date(2026, 12, 1, 11, 0, 0, 0, est)
	tests := []struct {
		name     string
		returned Answer
		made     map[string]time.Time
		want     map[string]string // action id -> in time; absent: no Made
	}{
		{"nothing recorded", Answered("2026-12-01T10:00:00-05:00"), nil, map[string]string{}},
		{"in time", Answered("2026-12-01T10:00:00-05:00"), map[string]time.Time{"medical": started.Add(time.Hour)}, map[string]string{"medical": InTimeYes}},
		{"late", Answered("2026-12-01T10:00:00-05:00"), map[string]time.Time{"medical": started.Add(80 * time.Hour)}, map[string]string{"medical": InTimeNo}},
		{"its start not recorded", state(StateDeclined), map[string]time.Time{"medical": started.Add(time.Hour)}, map[string]string{"medical": InTimeUnknown}},
		{"an action with no deadline", Answered("2026-12-01T10:00:00-05:00"), map[string]time.Time{"sexual-consult": started.Add(time.Hour)}, map[string]string{"sexual-consult": InTimeNoDeadline}},
		{"an action not listed records nothing", Answered("2026-12-01T10:00:00-05:00"), map[string]time.Time{"call": started.Add(time.Hour)}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(richSet())
			for _, st := range []step{{"returned", tt.returned}, {"slept", multi("friend")}, {"partner", no()}, {"danger", no()}, {"put-out", no()}, {"traded", Answered("yes")}} {
				if err := s.Answer(st.id, st.a); err != nil {
					t.Fatal(err)
				}
			}
			sum := s.Summary(SummaryMeta{Started: started, Finished: started.Add(time.Hour), Made: tt.made, Zone: time.UTC, WorkerID: "w-17"})
			got := map[string]string{}
			for _, a := range sum.Actions {
				if a.Made != nil {
					got[a.ID] = a.Made.InTime
					if want := tt.made[a.ID].UTC(); !a.Made.At.Equal(want) || a.Made.At.Location() != time.UTC {
						t.Errorf("%s made at %v, want %v in the worker's zone", a.ID, a.Made.At, want)
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("made %v, want %v", got, tt.want)
			}
			for id, w := range tt.want {
				if got[id] != w {
					t.Errorf("%s: in time %q, want %q", id, got[id], w)
				}
			}
			if sum.WorkerID != "w-17" {
				t.Errorf("worker id %q", sum.WorkerID)
			}
		})
	}
}

func TestSummaryFacts(t *testing.T) {
	set := richSet()
	sec := &set.Sections[0]
	sec.Questions = append([]Question{
		{ID: "how", Mode: ModeRecord, Type: TypeSingle, Text: "How the conversation is held", Fact: FactMode, Options: []Option{{Value: "phone", Label: "By phone"}, {Value: "video", Label: "By video"}}},
		{ID: "with-interpreter", Mode: ModeRecord, Type: TypeYesNo, Text: "An interpreter is helping", Fact: FactInterpreter},
		{ID: "language", Mode: ModeRecord, Type: TypeSingle, Text: "Language", Fact: FactInterpreterLanguage, When: &Condition{Op: OpIs, Question: "with-interpreter", Value: "yes"}, Options: []Option{{Value: "es", Label: "Spanish"}}},
	}, sec.Questions...)
	sec.Questions[3].Fact = FactReturnedAt // "returned", not answered
	s := NewSession(set)
	for _, st := range []step{{"how", Answered("phone")}, {"with-interpreter", no()}} {
		if err := s.Answer(st.id, st.a); err != nil {
			t.Fatal(err)
		}
	}
	sum := s.Summary(SummaryMeta{})
	var got []string
	for _, a := range sum.Facts() {
		got = append(got, a.QuestionID+"="+string(a.Fact)+":"+a.Value+"/"+string(a.State))
	}
	want := []string{"how=mode:By phone/answered", "with-interpreter=interpreter:No/answered", "returned=returned-at:/not-asked"}
	if len(got) != len(want) {
		t.Fatalf("facts %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("fact %d: %s, want %s", i, got[i], want[i])
		}
	}
}
