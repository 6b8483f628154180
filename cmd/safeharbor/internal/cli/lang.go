package cli

import (
	"fmt"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/ask"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/report"
)

// localizer shows the interview in the young person's language, with the worker's guidance in
// the worker's: --lang is the language the questions are asked in; --also shows each question in
// a second language too, for an interpreted interview, and is then the worker's language.
type localizer struct {
	youth, worker         *screening.Translation // nil: the set's own language
	youthLang, workerLang string
	bilingual             bool
}

// newLocalizer loads the translations a run needs. A language with no translation is a usage
// error that says which languages there are.
func newLocalizer(a *app, opts *interviewOptions, file *questions.File, base questions.Base) (*localizer, error) {
	l := &localizer{youthLang: file.Set.Language, workerLang: file.Set.Language}
	if opts.Lang != "" {
		l.youthLang = opts.Lang
	}
	l.workerLang = l.youthLang
	if opts.Also != "" {
		l.workerLang, l.bilingual = opts.Also, true
	}
	load := func(lang string) (*screening.Translation, error) {
		if lang == file.Set.Language {
			return nil, nil
		}
		tr, err := questions.Translation(questions.FS(), file, lang, base)
		if err != nil {
			return nil, err
		}
		if tr == nil {
			return nil, usageErrorf("set %s %s has no translation into %q; its language is %q", file.Set.ID, file.Set.Version, lang, file.Set.Language)
		}
		return tr, nil
	}
	var err error
	if l.youth, err = load(l.youthLang); err != nil {
		return nil, err
	}
	if l.worker, err = load(l.workerLang); err != nil {
		return nil, err
	}
	if !report.HasWords(l.workerLang) || !ask.HasWords(l.workerLang) {
		// The set speaks the language, but the fixed words around it do not: say so, not fall back quietly.
		fmt.Fprintf(a.streams.Err, "Note: safeharbor has no words of its own in %q yet, so its prompts, headings and labels are in English; the set's own text is in %q.\n", l.workerLang, l.workerLang)
	}
	return l, nil
}

// workerSet is the set in the worker's language: the session, and so the summary, use it.
func (l *localizer) workerSet(set *screening.QuestionSet) *screening.QuestionSet {
	if l.worker == nil {
		return set
	}
	return screening.Translate(set, l.worker)
}

// prompt puts the question in the young person's language, the guidance in the worker's, and in
// a bilingual interview the question in the worker's language too.
func (l *localizer) prompt(p *ask.Prompt, base *screening.Question) {
	p.Lang = l.workerLang
	if !base.Mode.ReadAloud() {
		return // observed and recorded items are the worker's own: in the worker's language
	}
	p.Lang = l.youthLang
	worker := *p.Question // the session's question is in the worker's language
	shown := *base
	if l.youth != nil {
		shown = screening.TranslateQuestion(base, l.youth)
	}
	shown.Help = worker.Help
	p.Question = &shown
	if l.bilingual && shown.Text != worker.Text {
		p.Also = worker.Text
	}
}

// steps shows the opening or closing: what is said in the young person's language (and the
// worker's too, when bilingual), what is done in the worker's.
func (l *localizer) steps(base, worker []screening.Step, closing bool) []screening.Step {
	youth := base
	if l.youth != nil {
		youth = l.youth.Opening
		if closing {
			youth = l.youth.Closing
		}
	}
	var out []screening.Step
	for i, st := range worker {
		if st.Kind != screening.StepSay || i >= len(youth) {
			out = append(out, st)
			continue
		}
		out = append(out, youth[i])
		if l.bilingual && youth[i].Text != st.Text {
			out = append(out, screening.Step{Kind: screening.StepDo, Text: "(" + l.workerLang + ") " + st.Text})
		}
	}
	return out
}
