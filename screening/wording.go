package screening

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TermKind says how bad a listed term is when read aloud.
type TermKind string

// The term kinds.
const (
	// TermStigmatizing terms blame or label the child: an error in anything read aloud.
	TermStigmatizing TermKind = "stigmatizing"
	// TermLabel terms are professional labels a youth may not recognise or accept: a warning.
	TermLabel TermKind = "label"
)

// Term is one entry of the word list: the phrases that match it, why it is avoided and what to
// say instead. The list itself is data (questions/wording.yaml), with its sources.
type Term struct {
	ID      string
	Phrases []string // lower-case, whole words; each form listed (plurals too)
	Kind    TermKind
	Suggest string
	Why     string
	Sources []Ref
	Pos     Pos
	KindPos Pos
}

// CheckWording checks the word list itself: every term has phrases, a known kind, a reason, a
// suggestion and a source that exists.
func CheckWording(sources []Source, terms []Term) Findings {
	c := checker{}
	srcIDs := make(map[string]Pos)
	for _, s := range sources {
		if c.requireID(s.ID, s.IDPos, s.Pos, "a source") {
			c.unique(srcIDs, "source", s.ID, s.IDPos)
		}
	}
	termIDs := make(map[string]Pos)
	kinds := []TermKind{TermStigmatizing, TermLabel}
	for _, t := range terms {
		if c.requireID(t.ID, t.Pos, t.Pos, "a term") {
			c.unique(termIDs, "term", t.ID, t.Pos)
		}
		if len(t.Phrases) == 0 {
			c.out.Errorf(t.Pos, RuleMissingField, "term %q has no `match:` phrases", t.ID)
		}
		if !slices.Contains(kinds, t.Kind) {
			c.out.Errorf(pick(t.KindPos, t.Pos), RuleUnknownValue, "term %q: unknown kind %q: want %s", t.ID, t.Kind, quoteList(kinds))
		}
		if strings.TrimSpace(t.Why) == "" || strings.TrimSpace(t.Suggest) == "" {
			c.out.Errorf(t.Pos, RuleMissingText, "term %q needs both `why:` and `suggest:`, which the finding shows", t.ID)
		}
		if len(t.Sources) == 0 {
			c.out.Errorf(t.Pos, RuleMissingSource, "term %q cites no source", t.ID)
		}
		for _, r := range t.Sources {
			if _, ok := srcIDs[r.ID]; !ok {
				c.out.Errorf(r.Pos, RuleUnknownReference, "term %q cites unknown source %q%s", t.ID, r.ID, DidYouMean(r.ID, keys(srcIDs)))
			}
		}
	}
	return c.out
}

// Wording finds listed terms in text. Build it once with NewWording; it is safe for concurrent use.
type Wording struct {
	terms   []Term
	byFirst map[string][]phrase // first word of a phrase -> phrases starting with it
}

type phrase struct {
	words []string
	term  int
}

// NewWording indexes terms for matching.
func NewWording(terms []Term) *Wording {
	w := &Wording{terms: terms, byFirst: make(map[string][]phrase)}
	for i, t := range terms {
		for _, p := range t.Phrases {
			words := splitWords(p)
			if len(words) == 0 {
				continue
			}
			w.byFirst[words[0]] = append(w.byFirst[words[0]], phrase{words: words, term: i})
		}
	}
	return w
}

// Terms returns the listed terms.
func (w *Wording) Terms() []Term { return w.terms }

// Match is a listed term found in a text, with the words as they matched.
type Match struct {
	Term   *Term
	Phrase string
}

// Find returns each listed term that occurs in text as whole words, once per term, in order.
func (w *Wording) Find(text string) []Match {
	if w == nil || len(w.byFirst) == 0 {
		return nil
	}
	words := splitWords(text)
	var out []Match
	var seen map[int]bool // made at the first match: most texts have none
	for i, word := range words {
		for _, p := range w.byFirst[word] {
			if seen[p.term] || i+len(p.words) > len(words) {
				continue
			}
			if equalWords(words[i:i+len(p.words)], p.words) {
				if seen == nil {
					seen = map[int]bool{}
				}
				seen[p.term] = true
				out = append(out, Match{Term: &w.terms[p.term], Phrase: strings.Join(p.words, " ")})
			}
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// splitWords lower-cases text and splits it into words of letters, digits and inner apostrophes.
// The words are slices of the lowered text, not copies: validate runs this on every text read
// aloud in every set, and it was a tenth of its time.
func splitWords(text string) []string {
	lower := strings.ToLower(text)
	words := make([]string, 0, 16)
	start, curly := -1, false
	word := func(end int) {
		w := lower[start:end]
		if curly {
			w = strings.ReplaceAll(w, "\u2019", "'")
		}
		words = append(words, strings.Trim(w, "'"))
		start, curly = -1, false
	}
	for i, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '\u2019' {
			if start < 0 {
				start = i
			}
			curly = curly || r == '\u2019'
			continue
		}
		if start >= 0 {
			word(i)
		}
	}
	if start >= 0 {
		word(len(lower))
	}
	return words
}

// startsWithWhy reports whether any sentence of text starts with the word "why".
func startsWithWhy(text string) bool {
	atStart := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case atStart && unicode.IsLetter(r):
			rest := text[i:]
			if len(rest) >= 3 && strings.EqualFold(rest[:3], "why") {
				if len(rest) == 3 {
					return true
				}
				next, _ := utf8.DecodeRuneInString(rest[3:])
				if !unicode.IsLetter(next) {
					return true
				}
			}
			atStart = false
		case r == '.' || r == '?' || r == '!':
			atStart = true
		}
		i += size
	}
	return false
}
