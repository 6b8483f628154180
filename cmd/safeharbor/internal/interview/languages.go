package interview

import "github.com/safeharbor/safeharbor/screening"

// Languages are the languages of an interview that is not simply in the set's own: the
// questions are read aloud in the young person's language (--lang), and the worker's guidance,
// screens and summary are in the worker's. In an interpreted interview (--also) the worker's
// language is a second one, and what is read aloud is shown in both.
type Languages struct {
	Base       *screening.QuestionSet // the set in its own language
	Youth      *screening.Translation // nil: the set's own language
	Worker     *screening.Translation // nil: the set's own language
	YouthLang  string
	WorkerLang string
	Bilingual  bool

	baseQuestions map[string]*screening.Question
}

// WorkerSet is the set in the worker's language: the session, and so the summary, use it.
func (l *Languages) WorkerSet() *screening.QuestionSet {
	if l.Worker == nil {
		return l.Base
	}
	return screening.Translate(l.Base, l.Worker)
}

// localize puts the question in the young person's language, the guidance in the worker's, and
// in an interpreted interview the question in the worker's language too.
func (l *Languages) localize(p *Prompt) {
	if l.baseQuestions == nil {
		l.baseQuestions = map[string]*screening.Question{}
		for _, q := range l.Base.Questions() {
			l.baseQuestions[q.ID] = q
		}
	}
	p.Lang = l.WorkerLang
	base, ok := l.baseQuestions[p.Question.ID]
	if !ok || !base.Mode.ReadAloud() {
		return // observed and recorded items are the worker's own: in the worker's language
	}
	worker := p.Question // the session's question is in the worker's language
	shown := *base
	if l.Youth != nil {
		shown = screening.TranslateQuestion(base, l.Youth)
	}
	shown.Help = worker.Help
	p.Question, p.Lang = &shown, l.YouthLang
	if l.Bilingual && l.YouthLang != l.WorkerLang {
		p.Also, p.AlsoLang = worker, l.WorkerLang
	}
}

// lines shows the opening or closing: what is said in the young person's language (and the
// worker's too, when interpreted), what is done in the worker's.
func (l *Languages) lines(worker []screening.Step, closing bool) []Line {
	youth := l.Base.Opening
	if closing {
		youth = l.Base.Closing
	}
	if l.Youth != nil {
		youth = l.Youth.Opening
		if closing {
			youth = l.Youth.Closing
		}
	}
	out := make([]Line, 0, len(worker))
	for i, st := range worker {
		line := Line{Kind: st.Kind, Text: st.Text}
		if st.Kind == screening.StepSay && i < len(youth) {
			line.Text = youth[i].Text
			if l.Bilingual && youth[i].Text != st.Text {
				line.Also = st.Text
			}
		}
		out = append(out, line)
	}
	return out
}

// plainLines are steps as they are written, in one language.
func plainLines(steps []screening.Step) []Line {
	out := make([]Line, len(steps))
	for i, st := range steps {
		out[i] = Line{Kind: st.Kind, Text: st.Text}
	}
	return out
}

// Label says the languages of a summary: it is in the worker's; each answer was asked in the
// worker's, or, read aloud, in the young person's. A nil Languages leaves it as it is. The
// interview and report-made (which makes a summary again to print it) label alike through it.
func (l *Languages) Label(sum *screening.Summary) {
	if l == nil {
		return
	}
	sum.Language = l.WorkerLang
	for i := range sum.Answers {
		sum.Answers[i].Language = l.WorkerLang
		if sum.Answers[i].Mode.ReadAloud() {
			sum.Answers[i].Language = l.YouthLang
		}
	}
}
