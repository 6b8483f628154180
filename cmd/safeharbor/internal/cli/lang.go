package cli

import (
	"fmt"

	"github.com/safeharbor/safeharbor/cmd/safeharbor/internal/interview"
	"github.com/safeharbor/safeharbor/questions"
	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// languages loads what an interview in other languages than the set's needs: --lang is the
// language the questions are asked in; --also shows each question in a second language too, for
// an interpreted interview, and is then the worker's language. It returns nil languages for an
// interview wholly in the set's own language, and the worker's words either way. A language the
// set has no translation into is a usage error that says which it has.
func languages(a *app, file *questions.File, base questions.Base, lang, also string) (*interview.Languages, *phrases.Catalog, error) {
	l := &interview.Languages{Base: file.Set, YouthLang: file.Set.Language, WorkerLang: file.Set.Language}
	if lang != "" {
		l.YouthLang = lang
	}
	l.WorkerLang = l.YouthLang
	if also != "" {
		l.WorkerLang, l.Bilingual = also, true
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
	if l.Youth, err = load(l.YouthLang); err != nil {
		return nil, nil, err
	}
	if l.Worker, err = load(l.WorkerLang); err != nil {
		return nil, nil, err
	}
	words, ok := phrases.For(l.WorkerLang)
	if !ok {
		// The set speaks the language, but the tool's own words do not: say so, not fall back quietly.
		fmt.Fprintln(a.streams.Err, screening.Printable(fmt.Sprintf(words.Messages.NoWordsYet, l.WorkerLang, l.WorkerLang)))
	}
	if l.Youth == nil && l.Worker == nil && !l.Bilingual {
		return nil, words, nil
	}
	return l, words, nil
}
