package screening

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/semver"
)

// Bump is the part of a semantic version a change needs raised: a patch, a minor version or a
// major one.
type Bump int

// The bumps, least first.
const (
	BumpNone Bump = iota
	BumpPatch
	BumpMinor
	BumpMajor
)

var bumpNames = [...]string{"none", "patch", "minor", "major"}

func (b Bump) String() string {
	if b < 0 || int(b) >= len(bumpNames) {
		return "unknown"
	}
	return bumpNames[b]
}

// DiffKind is what happened to something between two versions.
type DiffKind string

// The kinds of difference.
const (
	DiffAdded    DiffKind = "added"
	DiffRemoved  DiffKind = "removed"
	DiffReworded DiffKind = "reworded" // its words changed
	DiffChanged  DiffKind = "changed"  // a value that is not words: a weight, a condition, a mode
	DiffMoved    DiffKind = "moved"    // asked at another point of the conversation
)

// DiffItem is the kind of thing that changed.
type DiffItem string

// The things a difference can be about.
const (
	ItemSet          DiffItem = "set"
	ItemSource       DiffItem = "source"
	ItemLevels       DiffItem = "levels"
	ItemDomain       DiffItem = "domain"
	ItemCompleteness DiffItem = "completeness"
	ItemStep         DiffItem = "step"
	ItemSection      DiffItem = "section"
	ItemQuestion     DiffItem = "question"
	ItemOption       DiffItem = "option"
	ItemIndicator    DiffItem = "indicator"
	ItemAction       DiffItem = "action"
	ItemContact      DiffItem = "contact"
	ItemTranslation  DiffItem = "translation" // one translated string, named by its path
	ItemFile         DiffItem = "file"        // the file as a whole: comments and layout
)

// Difference is one change between two versions of a file, matched by id: what it is about,
// what it was and is, where it is written in each file, and the version bump it needs.
type Difference struct {
	Kind DiffKind
	Item DiffItem
	// ID is the id of what changed: a question, an option's value, an indicator, ...; for a step
	// its number; for a translated string its path; for the set's own keys, the set's id.
	ID string
	// Parent is what the item belongs to: an option's question, a step's opening or closing, a
	// translated string's language; "" when nothing.
	Parent string
	Field  string // the key that changed (text, weight, when); "" when the item was added, removed or moved
	// Path names the place by ids, as a reader finds it: questions.slept-where.options.hotel.label
	// in a set; questions.slept-where.text in a translation; contacts.county-intake.phone.
	Path          string
	Before, After string // in words; "" for what was not there
	// OldPos and NewPos are where it is written in each file. For an addition, OldPos is where
	// what it was added to is written, if that was there; for a removal, NewPos likewise.
	OldPos, NewPos Pos
	Bump           Bump
	Why            string // why it needs that bump
	// Words is true when Before and After are words from the file (a text, a label, a title),
	// which a reader sees quoted, rather than values (a weight, a condition, an id).
	Words bool
}

// BumpRule is one line of the rule that says what version bump a change needs.
type BumpRule struct {
	Change string // the change, in the words questions/README.md lists it
	Bump   Bump
	Why    string
}

// The bump rule. A change that can change the concern level, an indicator raised or an action
// listed (what a screening finds or tells the worker to do), or that makes an answers file or a
// scenario of the old version unusable, is major. A change to what is read aloud or shown, that
// scoring does not depend on, is minor. Guidance for the worker, documentation and corrections
// of spacing, punctuation or capitals are a patch.
var (
	ruleSetID          = &BumpRule{"the set's id or language", BumpMajor, "another set: nothing of the old one carries over"}
	ruleSetTitle       = &BumpRule{"the set's title reworded", BumpMinor, "it heads every summary"}
	ruleSetDescription = &BumpRule{"the set's description or status", BumpPatch, "it says what the set is for, not what it asks"}
	ruleLevels         = &BumpRule{"a level's score or what else it needs", BumpMajor, "it decides the concern level"}
	ruleCompleteness   = &BumpRule{"the completeness rule", BumpMajor, "it decides when a screening is incomplete"}
	ruleDomain         = &BumpRule{"a domain added or removed", BumpMajor, "the summary gives a level in each domain"}
	ruleDomainLabel    = &BumpRule{"a domain's label reworded", BumpMinor, "it names a level on the summary"}
	ruleSay            = &BumpRule{"a step read aloud (say) added, removed or reworded, or a step made read aloud or not", BumpMinor, "it is what the young person hears"}
	ruleDo             = &BumpRule{"a step of guidance (do) added, removed or reworded", BumpPatch, "it is guidance for the worker only"}
	ruleSection        = &BumpRule{"a section added, removed, moved or retitled", BumpMinor, "the conversation goes another way; its questions are listed on their own"}
	ruleSectionHelp    = &BumpRule{"a section's guidance", BumpPatch, "it is guidance for the worker only"}
	ruleQuestionAdded  = &BumpRule{"a question added that raises no indicator", BumpMinor, "it is asked, but it cannot change what a screening finds"}
	ruleQuestionRaises = &BumpRule{"a question or option added that raises an indicator", BumpMajor, "the same answers can now reach another level"}
	ruleQuestionGone   = &BumpRule{"a question removed", BumpMajor, "what it raised can no longer be raised, and answers files and scenarios that answer it no longer fit"}
	ruleQuestionMoved  = &BumpRule{"a question moved", BumpMinor, "it is asked at another point of the conversation"}
	ruleQuestionMode   = &BumpRule{"a question's mode or type", BumpMajor, "it changes what is read aloud, the answers it takes, and what counts toward completeness"}
	ruleQuestionText   = &BumpRule{"a question's text, unit or an option's label reworded", BumpMinor, "it is what is read aloud or looked for"}
	ruleQuestionHelp   = &BumpRule{"a question's guidance (help)", BumpPatch, "it is guidance for the worker only"}
	ruleFact           = &BumpRule{"which question holds a fact for records (fact: age, returned-at, learned-at, interpreter, interpreter-language, interpreter-trained, mode, worker-role)", BumpMinor, "records and statistics read the age band, the return, the interpreter, the mode or the role from another answer"}
	ruleRangeNarrowed  = &BumpRule{"a number question's range narrowed, or a date and time held after another (not_before)", BumpMajor, "an answer the old version took is refused"}
	ruleRangeWidened   = &BumpRule{"a number question's range widened or removed, or a not_before removed", BumpMinor, "it takes answers the old version refused"}
	ruleRaises         = &BumpRule{"what a question or option raises, or a question's or section's condition (when)", BumpMajor, "it changes what can be raised, and so the level"}
	ruleOptionGone     = &BumpRule{"an option removed", BumpMajor, "an answer the old version took is refused, and what it raised is no longer raised"}
	ruleOptionAdded    = &BumpRule{"an option added that raises no indicator", BumpMinor, "it can be chosen, but it cannot change what a screening finds"}
	ruleOptionOrder    = &BumpRule{"options put in another order", BumpPatch, "only the order they are shown in changes"}
	ruleIndicatorAdded = &BumpRule{"an indicator added", BumpMinor, "nothing raises it until a question does, which is a change of its own"}
	ruleIndicator      = &BumpRule{"an indicator removed, or its weight, domain or disclosure changed", BumpMajor, "it changes the score, the levels, or whether the worker is told to stop and refer"}
	ruleIndicatorLabel = &BumpRule{"an indicator's label reworded", BumpMinor, "it names what was seen on every summary"}
	ruleIndicatorNotes = &BumpRule{"an indicator's guidance or sources, or an action's sources", BumpPatch, "they are guidance and citations, not scoring"}
	ruleAction         = &BumpRule{"an action added, removed or reworded, or its priority, condition, contacts, interrupt or deadline changed", BumpMajor, "it changes what the worker is told to do, when, how urgently and whom to call"}
	ruleSetContactGone = &BumpRule{"a contact no longer printed on every summary, or removed from a contacts file", BumpMajor, "whom to call changes, and sets that name it no longer load"}
	ruleSetContactNew  = &BumpRule{"a contact added to every summary, or to a contacts file", BumpMinor, "another service is offered"}
	ruleContactReach   = &BumpRule{"a contact's phone, text, TTY or url", BumpMajor, "it is how to reach them"}
	ruleContactWords   = &BumpRule{"a contact's name, hours or notes reworded", BumpMinor, "it is what the summary says about them"}
	ruleContactSource  = &BumpRule{"where and when a contact's number was confirmed", BumpPatch, "it is a record for reviewers"}
	ruleSource         = &BumpRule{"a source added, removed or edited", BumpPatch, "it documents where indicators come from"}
	rulePunctuation    = &BumpRule{"words changed only in spacing, punctuation or capitals", BumpPatch, "the words are the same"}
	ruleLayout         = &BumpRule{"a file of the same version changed only in comments or layout", BumpPatch, "a published file is never edited: its bytes are what a summary records"}
)

// BumpRules is the whole rule, for the documentation and its test.
var BumpRules = []*BumpRule{
	ruleSetID, ruleSetTitle, ruleSetDescription, ruleLevels, ruleCompleteness, ruleDomain, ruleDomainLabel,
	ruleSay, ruleDo, ruleSection, ruleSectionHelp, ruleQuestionAdded, ruleQuestionRaises, ruleQuestionGone,
	ruleQuestionMoved, ruleQuestionMode, ruleQuestionText, ruleQuestionHelp, ruleFact, ruleRangeNarrowed, ruleRangeWidened,
	ruleRaises, ruleOptionGone, ruleOptionAdded, ruleOptionOrder, ruleIndicatorAdded, ruleIndicator,
	ruleIndicatorLabel, ruleIndicatorNotes, ruleAction, ruleSetContactGone, ruleSetContactNew, ruleContactReach,
	ruleContactWords, ruleContactSource, ruleSource, rulePunctuation, ruleLayout,
}

// RequiredBump is the largest bump the differences need.
func RequiredBump(ds []Difference) Bump {
	b := BumpNone
	for _, d := range ds {
		b = max(b, d.Bump)
	}
	return b
}

// VersionBump says which part of the version new raises over old, reading a version before
// 1.0.0 (a set still being written) as Cargo does: its minor counts as a major, its patch as a
// minor. lower is true when new is older than old. Both must be semantic versions.
func VersionBump(old, new string) (b Bump, lower bool) {
	o, n := "v"+old, "v"+new
	switch c := semver.Compare(n, o); {
	case c < 0:
		return BumpNone, true
	case c == 0:
		return BumpNone, false
	}
	switch {
	case semver.Major(n) != semver.Major(o):
		return BumpMajor, false
	case semver.MajorMinor(n) != semver.MajorMinor(o):
		if semver.Major(o) == "v0" {
			return BumpMajor, false
		}
		return BumpMinor, false
	case semver.Major(o) == "v0":
		return BumpMinor, false
	}
	return BumpPatch, false
}

// differ collects differences.
type differ struct{ out []Difference }

func (d *differ) add(x Difference, r *BumpRule) {
	x.Bump, x.Why = r.Bump, r.Why
	d.out = append(d.out, x)
}

// words adds a difference when a text changed: added, removed or reworded, under rule r, or
// as a patch when only spacing, punctuation or capitals changed.
func (d *differ) words(x Difference, before, after string, r *BumpRule) {
	if before == after {
		return
	}
	x.Before, x.After, x.Words = before, after, true
	switch {
	case strings.TrimSpace(before) == "":
		x.Kind = DiffAdded
	case strings.TrimSpace(after) == "":
		x.Kind = DiffRemoved
	default:
		x.Kind = DiffReworded
		if r.Bump > BumpPatch && sameLetters(before, after) {
			r = rulePunctuation
		}
	}
	d.add(x, r)
}

// value adds a difference when a value that is not words changed.
func (d *differ) value(x Difference, before, after string, r *BumpRule) {
	if before == after {
		return
	}
	x.Kind, x.Before, x.After = DiffChanged, before, after
	switch {
	case before == "":
		x.Kind = DiffAdded
	case after == "":
		x.Kind = DiffRemoved
	}
	d.add(x, r)
}

// sameLetters reports whether two texts have the same letters and digits, in the same order,
// capitals aside: they differ only in spacing, punctuation or capitals.
func sameLetters(a, b string) bool {
	keep := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	return keep(a) == keep(b)
}

// byID pairs the items of two lists by id: fn for each item of new (with its match in old, or
// nil), then gone for each item of old that new lacks.
func byID[T any](old, new []T, id func(*T) string, fn func(o, n *T), gone func(o *T)) {
	index := make(map[string]*T, len(old))
	for i := range old {
		index[id(&old[i])] = &old[i]
	}
	kept := make(map[string]bool, len(new))
	for i := range new {
		kept[id(&new[i])] = true
		fn(index[id(&new[i])], &new[i])
	}
	for i := range old {
		if !kept[id(&old[i])] {
			gone(&old[i])
		}
	}
}

// idOf returns the position of an item: its id's, or failing that its own.
func idOf(idPos, pos Pos) Pos { return pick(idPos, pos) }

func refIDs(rs []Ref) string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

func yesNoWord(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] }

// DiffSets lists what changed from old to new, matched by id, in the order of the file: the
// set's own keys, sources, levels, domains, completeness, the opening and closing, sections,
// questions and their options, indicators, actions and contacts.
func DiffSets(old, new *QuestionSet) []Difference {
	d := &differ{}
	set := Difference{Item: ItemSet, ID: new.ID}
	at := func(field string, o, n Pos) Difference {
		x := set
		x.Field, x.Path, x.OldPos, x.NewPos = field, field, pick(o, old.Pos), pick(n, new.Pos)
		return x
	}
	d.value(at("id", old.IDPos, new.IDPos), old.ID, new.ID, ruleSetID)
	d.value(at("language", old.LangPos, new.LangPos), old.Language, new.Language, ruleSetID)
	d.words(at("title", old.TitlePos, new.TitlePos), old.Title, new.Title, ruleSetTitle)
	d.words(at("description", old.DescriptionPos, new.DescriptionPos), old.Description, new.Description, ruleSetDescription)
	d.value(at("status", old.StatusPos, new.StatusPos), string(old.Status), string(new.Status), ruleSetDescription)
	d.sources(old, new)
	d.levels(old, new)
	d.domains(old, new)
	d.completeness(old, new)
	d.steps("opening", old.Opening, new.Opening, old.Pos, new.Pos)
	d.sections(old, new)
	d.questions(old, new)
	d.indicators(old, new)
	d.actions(old, new)
	d.setContacts(old, new)
	d.steps("closing", old.Closing, new.Closing, old.Pos, new.Pos)
	return d.out
}

func (d *differ) sources(old, new *QuestionSet) {
	byID(old.Sources, new.Sources, func(s *Source) string { return s.ID }, func(o, n *Source) {
		x := Difference{Item: ItemSource, ID: n.ID, Path: "sources." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Title, old.SourcesPos
			x.Words = true
			d.add(x, ruleSource)
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		field := func(f string) Difference { y := x; y.Field, y.Path = f, x.Path+"."+f; return y }
		d.words(field("title"), o.Title, n.Title, ruleSource)
		d.words(field("publisher"), o.Publisher, n.Publisher, ruleSource)
		d.value(field("year"), yearWords(o.Year), yearWords(n.Year), ruleSource)
		y := field("url")
		y.OldPos, y.NewPos = pick(o.URLPos, x.OldPos), pick(n.URLPos, x.NewPos)
		d.value(y, o.URL, n.URL, ruleSource)
	}, func(o *Source) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemSource, ID: o.ID, Path: "sources." + o.ID, Before: o.Title, Words: true, OldPos: idOf(o.IDPos, o.Pos), NewPos: new.SourcesPos}, ruleSource)
	})
}

func yearWords(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// LevelWords describes what a level needs: "5", or "5, and a raised indicator of weight 2 or
// more, domain sexual or labor".
func LevelWords(score int, n Needs) string {
	if n.IsZero() {
		return strconv.Itoa(score)
	}
	return fmt.Sprintf("%d, and a raised indicator of %s", score, describeNeeds(n))
}

func (d *differ) levels(old, new *QuestionSet) {
	for _, lv := range []struct {
		name       Level
		o, n       string
		oPos, nPos Pos
	}{
		{LevelPossible, LevelWords(old.Levels.Possible, old.Levels.PossibleNeeds), LevelWords(new.Levels.Possible, new.Levels.PossibleNeeds), old.Levels.PossiblePos, new.Levels.PossiblePos},
		{LevelClear, LevelWords(old.Levels.Clear, old.Levels.ClearNeeds), LevelWords(new.Levels.Clear, new.Levels.ClearNeeds), old.Levels.ClearPos, new.Levels.ClearPos},
	} {
		d.value(Difference{Item: ItemLevels, ID: string(lv.name), Field: string(lv.name), Path: "levels." + string(lv.name), OldPos: pick(lv.oPos, old.LevelsPos), NewPos: pick(lv.nPos, new.LevelsPos)}, lv.o, lv.n, ruleLevels)
	}
}

func (d *differ) domains(old, new *QuestionSet) {
	byID(old.Domains, new.Domains, func(x *Domain) string { return x.ID }, func(o, n *Domain) {
		x := Difference{Item: ItemDomain, ID: n.ID, Path: "domains." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Label, old.DomainsPos
			x.Words = true
			d.add(x, ruleDomain)
			return
		}
		x.Field, x.Path, x.OldPos, x.NewPos = "label", x.Path+".label", pick(o.LabelPos, o.Pos), pick(n.LabelPos, n.Pos)
		d.words(x, o.Label, n.Label, ruleDomainLabel)
	}, func(o *Domain) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemDomain, ID: o.ID, Path: "domains." + o.ID, Before: o.Label, Words: true, OldPos: idOf(o.IDPos, o.Pos), NewPos: new.DomainsPos}, ruleDomain)
	})
}

// CompletenessWords describes a completeness rule: "at least 4 questions read aloud answered;
// key questions: a, b", or "none".
func CompletenessWords(r *CompletenessRule) string {
	if r == nil {
		return "none"
	}
	var parts []string
	if r.MinAnswered > 0 {
		parts = append(parts, fmt.Sprintf("at least %d questions read aloud answered", r.MinAnswered))
	}
	if len(r.KeyQuestions) > 0 {
		parts = append(parts, "key questions: "+refIDs(r.KeyQuestions))
	}
	return strings.Join(parts, "; ")
}

func (d *differ) completeness(old, new *QuestionSet) {
	d.value(Difference{Item: ItemCompleteness, ID: "completeness", Field: "completeness", Path: "completeness", OldPos: old.CompletePos, NewPos: new.CompletePos},
		CompletenessWords(old.Complete), CompletenessWords(new.Complete), ruleCompleteness)
}

// steps pairs the steps of an opening or closing, which have no ids: the longest run of steps
// they share, in order, stays; between those, steps are paired in order as reworded, and the
// rest are added or removed.
func (d *differ) steps(part string, old, new []Step, oldFile, newFile Pos) {
	rule := func(k StepKind) *BumpRule {
		if k == StepSay {
			return ruleSay
		}
		return ruleDo
	}
	step := func(n int) Difference {
		return Difference{Item: ItemStep, ID: strconv.Itoa(n), Parent: part, Path: fmt.Sprintf("%s.%d", part, n)}
	}
	// at is where a step stands in steps, for an addition or a removal: the step at i, or
	// failing that the last, or the file.
	at := func(steps []Step, i int, file Pos) Pos {
		if len(steps) == 0 {
			return file
		}
		return steps[min(i, len(steps)-1)].Pos
	}
	anchors := commonRun(len(old), len(new), func(i, j int) bool { return old[i].Kind == new[j].Kind && old[i].Text == new[j].Text })
	anchors = append(anchors, [2]int{len(old), len(new)})
	i, j := 0, 0
	for _, a := range anchors {
		olds, news := old[i:a[0]], new[j:a[1]]
		for k := 0; k < max(len(olds), len(news)); k++ {
			switch {
			case k < len(olds) && k < len(news):
				o, n := olds[k], news[k]
				x := step(j + k + 1)
				x.OldPos, x.NewPos = o.Pos, n.Pos
				if o.Kind != n.Kind {
					y := x
					y.Field = "kind"
					d.value(y, string(o.Kind), string(n.Kind), ruleSay)
				}
				x.Field = string(n.Kind)
				r := rule(n.Kind)
				if o.Kind == StepSay {
					r = ruleSay // it was read aloud
				}
				d.words(x, o.Text, n.Text, r)
			case k < len(news):
				n := news[k]
				x := step(j + k + 1)
				x.Kind, x.Field, x.After, x.OldPos, x.NewPos = DiffAdded, string(n.Kind), n.Text, at(old, a[0], oldFile), n.Pos
				x.Words = true
				d.add(x, rule(n.Kind))
			default:
				o := olds[k]
				x := step(i + k + 1)
				x.Kind, x.Field, x.Before, x.OldPos, x.NewPos = DiffRemoved, string(o.Kind), o.Text, o.Pos, at(new, a[1], newFile)
				x.Words = true
				d.add(x, rule(o.Kind))
			}
		}
		i, j = a[0]+1, a[1]+1
	}
}

// maxStepPairs bounds the table commonRun fills: an opening of a few dozen steps needs
// hundreds of cells; past this (thousands of steps, which no real set has), steps are paired in
// order, so a pathological file costs at most a few megabytes.
const maxStepPairs = 1 << 20

// commonRun returns the pairs (i, j) of a longest common subsequence of two sequences of
// lengths n and m under eq, in order; past maxStepPairs cells, the pairs that are equal in place.
func commonRun(n, m int, eq func(i, j int) bool) [][2]int {
	if n*m > maxStepPairs {
		var out [][2]int
		for i := range min(n, m) {
			if eq(i, i) {
				out = append(out, [2]int{i, i})
			}
		}
		return out
	}
	// lengths[i][j] is the length of the longest common subsequence of the tails from i and j.
	lengths := make([][]int, n+1)
	for i := range lengths {
		lengths[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				lengths[i][j] = lengths[i+1][j+1] + 1
			} else {
				lengths[i][j] = max(lengths[i+1][j], lengths[i][j+1])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case eq(i, j):
			out = append(out, [2]int{i, j})
			i, j = i+1, j+1
		case lengths[i+1][j] >= lengths[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// outOfOrder returns the ids both lists have that are not in the longest run the two share in
// order: those that moved. Ids are unique, so that run is the longest increasing subsequence of
// the old positions taken in the new order, found in O(n log n): a set of any size the reader
// accepts is compared at once.
func outOfOrder(old, new []string) map[string]bool {
	at := make(map[string]int, len(old))
	for i, id := range old {
		at[id] = i
	}
	var ids []string
	var pos []int // the old position of each id new shares with old, in new's order
	for _, id := range new {
		if i, ok := at[id]; ok {
			ids, pos = append(ids, id), append(pos, i)
		}
	}
	// tails[k] is the index (into pos) of the smallest last element of an increasing run of
	// length k+1; prev links each element to the one before it in its run.
	var tails []int
	prev := make([]int, len(pos))
	for i, p := range pos {
		k, _ := slices.BinarySearchFunc(tails, p, func(t, p int) int { return cmp.Compare(pos[t], p) })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	stay := make(map[int]bool, len(tails))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			stay[i] = true
		}
	}
	moved := make(map[string]bool)
	for i, id := range ids {
		if !stay[i] {
			moved[id] = true
		}
	}
	return moved
}

func (d *differ) sections(old, new *QuestionSet) {
	ids := func(s *QuestionSet) []string {
		out := make([]string, len(s.Sections))
		for i, sec := range s.Sections {
			out[i] = sec.ID
		}
		return out
	}
	moved := outOfOrder(ids(old), ids(new))
	oldPlace, newPlace := places(ids(old)), places(ids(new))
	byID(old.Sections, new.Sections, func(s *Section) string { return s.ID }, func(o, n *Section) {
		x := Difference{Item: ItemSection, ID: n.ID, Path: "sections." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Title, old.SectionsPos
			x.Words = true
			d.add(x, ruleSection)
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		if moved[n.ID] {
			y := x
			y.Kind, y.Before, y.After = DiffMoved, oldPlace[n.ID], newPlace[n.ID]
			d.add(y, ruleSection)
		}
		t := x
		t.Field, t.Path, t.OldPos, t.NewPos = "title", x.Path+".title", pick(o.TitlePos, x.OldPos), pick(n.TitlePos, x.NewPos)
		d.words(t, o.Title, n.Title, ruleSection)
		h := x
		h.Field, h.Path = "help", x.Path+".help"
		d.words(h, o.Help, n.Help, ruleSectionHelp)
		w := x
		w.Field, w.Path, w.OldPos, w.NewPos = "when", x.Path+".when", pick(o.WhenPos, x.OldPos), pick(n.WhenPos, x.NewPos)
		d.value(w, o.When.String(), n.When.String(), ruleRaises)
	}, func(o *Section) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemSection, ID: o.ID, Path: "sections." + o.ID, Before: o.Title, Words: true, OldPos: idOf(o.IDPos, o.Pos), NewPos: new.SectionsPos}, ruleSection)
	})
}

// places says where each id stands in a list: "first", or "after ID".
func places(ids []string) map[string]string {
	out := make(map[string]string, len(ids))
	for i, id := range ids {
		if i == 0 {
			out[id] = "first"
		} else {
			out[id] = "after " + ids[i-1]
		}
	}
	return out
}

func sectionQuestions(sec *Section) []*Question {
	out := make([]*Question, len(sec.Questions))
	for i := range sec.Questions {
		out[i] = &sec.Questions[i]
	}
	return out
}

// raises reports whether a question, or one of its options, raises an indicator.
func raises(q *Question) bool {
	return q.Indicator.ID != "" || slices.ContainsFunc(q.Options, func(o Option) bool { return o.Indicator.ID != "" })
}

func numberWords(x *float64) string {
	if x == nil {
		return "none"
	}
	return strconv.FormatFloat(*x, 'f', -1, 64)
}

// narrowed reports whether a bound moved inward: a minimum raised or set, a maximum lowered or
// set.
func narrowed(o, n *float64, isMin bool) bool {
	switch {
	case n == nil:
		return false
	case o == nil:
		return true
	case isMin:
		return *n > *o
	}
	return *n < *o
}

func (d *differ) questions(old, new *QuestionSet) {
	oqs, nqs := old.Questions(), new.Questions()
	// A fact is compared as records read it: marked, or held by the question of its name.
	oFacts, nFacts := old.FactsByQuestion(), new.FactsByQuestion()
	sectionOf := func(s *QuestionSet) map[string]string {
		out := map[string]string{}
		for _, sec := range s.Sections {
			for _, q := range sec.Questions {
				out[q.ID] = sec.ID
			}
		}
		return out
	}
	oSec, nSec := sectionOf(old), sectionOf(new)
	ids := func(qs []*Question) []string {
		out := make([]string, len(qs))
		for i, q := range qs {
			out[i] = q.ID
		}
		return out
	}
	oIDs, nIDs := ids(oqs), ids(nqs)
	// A question moved when it went to another section, or to another place among the questions
	// its section kept: a section moved whole is one move, the section's.
	moved := map[string]bool{}
	oldSections := make(map[string]*Section, len(old.Sections))
	for i := range old.Sections {
		oldSections[old.Sections[i].ID] = &old.Sections[i]
	}
	for i := range new.Sections {
		if osec, ok := oldSections[new.Sections[i].ID]; ok {
			for id := range outOfOrder(ids(sectionQuestions(osec)), ids(sectionQuestions(&new.Sections[i]))) {
				moved[id] = true
			}
		}
	}
	oldPlace, newPlace := places(oIDs), places(nIDs)
	sectionPos := func(s *QuestionSet, id string) Pos {
		for _, sec := range s.Sections {
			if sec.ID == id {
				return idOf(sec.IDPos, sec.Pos)
			}
		}
		return s.SectionsPos
	}
	deref := func(qs []*Question) []Question {
		out := make([]Question, len(qs))
		for i, q := range qs {
			out[i] = *q
		}
		return out
	}
	byID(deref(oqs), deref(nqs), func(q *Question) string { return q.ID }, func(o, n *Question) {
		x := Difference{Item: ItemQuestion, ID: n.ID, Path: "questions." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Text, sectionPos(old, nSec[n.ID])
			x.Words = true
			if raises(n) {
				d.add(x, ruleQuestionRaises)
			} else {
				d.add(x, ruleQuestionAdded)
			}
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		if moved[n.ID] || oSec[n.ID] != nSec[n.ID] {
			y := x
			y.Kind = DiffMoved
			y.Before = fmt.Sprintf("in section %s, %s", oSec[n.ID], oldPlace[n.ID])
			y.After = fmt.Sprintf("in section %s, %s", nSec[n.ID], newPlace[n.ID])
			d.add(y, ruleQuestionMoved)
		}
		field := func(f string, oPos, nPos Pos) Difference {
			y := x
			y.Field, y.Path, y.OldPos, y.NewPos = f, x.Path+"."+f, pick(oPos, x.OldPos), pick(nPos, x.NewPos)
			return y
		}
		d.value(field("mode", o.ModePos, n.ModePos), string(o.Mode), string(n.Mode), ruleQuestionMode)
		d.value(field("type", o.TypePos, n.TypePos), string(o.Type), string(n.Type), ruleQuestionMode)
		d.words(field("text", o.TextPos, n.TextPos), o.Text, n.Text, ruleQuestionText)
		d.words(field("help", Pos{}, Pos{}), o.Help, n.Help, ruleQuestionHelp)
		d.words(field("unit", Pos{}, Pos{}), o.Unit, n.Unit, ruleQuestionText)
		for _, b := range []struct {
			name       string
			o, n       *float64
			oPos, nPos Pos
			isMin      bool
		}{{"min", o.Min, n.Min, o.MinPos, n.MinPos, true}, {"max", o.Max, n.Max, o.MaxPos, n.MaxPos, false}} {
			r := ruleRangeWidened
			if narrowed(b.o, b.n, b.isMin) {
				r = ruleRangeNarrowed
			}
			d.value(field(b.name, b.oPos, b.nPos), numberWords(b.o), numberWords(b.n), r)
		}
		d.value(field("indicator", o.Indicator.Pos, n.Indicator.Pos), o.Indicator.ID, n.Indicator.ID, ruleRaises)
		d.value(field("when", o.WhenPos, n.WhenPos), o.When.String(), n.When.String(), ruleRaises)
		notBefore := ruleRangeNarrowed // added or changed: a time the old version took may be refused
		if n.NotBefore.ID == "" {
			notBefore = ruleRangeWidened
		}
		d.value(field("not_before", o.NotBefore.Pos, n.NotBefore.Pos), o.NotBefore.ID, n.NotBefore.ID, notBefore)
		of, nf := string(oFacts[o.ID]), string(nFacts[n.ID])
		if of == nf && o.Fact != n.Fact {
			of, nf = string(o.Fact), string(n.Fact) // the key, where what records read is the same
		}
		d.value(field("fact", o.FactPos, n.FactPos), of, nf, ruleFact)
		d.options(o, n, x)
	}, func(o *Question) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemQuestion, ID: o.ID, Path: "questions." + o.ID, Before: o.Text, Words: true, OldPos: idOf(o.IDPos, o.Pos), NewPos: sectionPos(new, oSec[o.ID])}, ruleQuestionGone)
	})
}

func (d *differ) options(oq, nq *Question, q Difference) {
	values := func(q *Question) []string {
		out := make([]string, len(q.Options))
		for i, o := range q.Options {
			out[i] = o.Value
		}
		return out
	}
	if len(outOfOrder(values(oq), values(nq))) > 0 {
		y := q
		y.Field, y.Path, y.OldPos, y.NewPos = "options", q.Path+".options", pick(oq.OptionsPos, q.OldPos), pick(nq.OptionsPos, q.NewPos)
		d.value(y, strings.Join(values(oq), ", "), strings.Join(values(nq), ", "), ruleOptionOrder)
	}
	byID(oq.Options, nq.Options, func(o *Option) string { return o.Value }, func(o, n *Option) {
		x := Difference{Item: ItemOption, ID: n.Value, Parent: nq.ID, Path: q.Path + ".options." + n.Value, NewPos: idOf(n.ValuePos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Label, pick(oq.OptionsPos, q.OldPos)
			x.Words = true
			if n.Indicator.ID != "" {
				d.add(x, ruleQuestionRaises)
			} else {
				d.add(x, ruleOptionAdded)
			}
			return
		}
		x.OldPos = idOf(o.ValuePos, o.Pos)
		l := x
		l.Field, l.Path, l.OldPos, l.NewPos = "label", x.Path+".label", pick(o.LabelPos, x.OldPos), pick(n.LabelPos, x.NewPos)
		d.words(l, o.Label, n.Label, ruleQuestionText)
		i := x
		i.Field, i.Path, i.OldPos, i.NewPos = "indicator", x.Path+".indicator", pick(o.Indicator.Pos, x.OldPos), pick(n.Indicator.Pos, x.NewPos)
		d.value(i, o.Indicator.ID, n.Indicator.ID, ruleRaises)
	}, func(o *Option) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemOption, ID: o.Value, Parent: oq.ID, Path: q.Path + ".options." + o.Value, Before: o.Label, Words: true, OldPos: idOf(o.ValuePos, o.Pos), NewPos: pick(nq.OptionsPos, q.NewPos)}, ruleOptionGone)
	})
}

func (d *differ) indicators(old, new *QuestionSet) {
	byID(old.Indicators, new.Indicators, func(i *Indicator) string { return i.ID }, func(o, n *Indicator) {
		x := Difference{Item: ItemIndicator, ID: n.ID, Path: "indicators." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, fmt.Sprintf("%s (weight %d)", n.Label, n.Weight), old.IndicatorsPos
			d.add(x, ruleIndicatorAdded)
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		field := func(f string, oPos, nPos Pos) Difference {
			y := x
			y.Field, y.Path, y.OldPos, y.NewPos = f, x.Path+"."+f, pick(oPos, x.OldPos), pick(nPos, x.NewPos)
			return y
		}
		d.words(field("label", o.LabelPos, n.LabelPos), o.Label, n.Label, ruleIndicatorLabel)
		d.value(field("weight", o.WeightPos, n.WeightPos), strconv.Itoa(o.Weight), strconv.Itoa(n.Weight), ruleIndicator)
		d.value(field("domain", o.Domain.Pos, n.Domain.Pos), o.Domain.ID, n.Domain.ID, ruleIndicator)
		d.value(field("disclosure", Pos{}, Pos{}), yesNoWord(o.Disclosure), yesNoWord(n.Disclosure), ruleIndicator)
		d.words(field("help", Pos{}, Pos{}), o.Help, n.Help, ruleIndicatorNotes)
		d.value(field("sources", o.SrcsPos, n.SrcsPos), refIDs(o.Sources), refIDs(n.Sources), ruleIndicatorNotes)
	}, func(o *Indicator) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemIndicator, ID: o.ID, Path: "indicators." + o.ID, Before: fmt.Sprintf("%s (weight %d)", o.Label, o.Weight), OldPos: idOf(o.IDPos, o.Pos), NewPos: new.IndicatorsPos}, ruleIndicator)
	})
}

// DueWords describes an action's deadline: "within 24h of learned-at", or "none".
func DueWords(due *Due) string {
	if due == nil {
		return "none"
	}
	return fmt.Sprintf("within %s of %s", due.WithinText, due.From.ID)
}

func (d *differ) actions(old, new *QuestionSet) {
	byID(old.Actions, new.Actions, func(a *Action) string { return a.ID }, func(o, n *Action) {
		x := Difference{Item: ItemAction, ID: n.ID, Path: "actions." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After = DiffAdded, n.Text // the format keeps no line for the actions' list
			x.Words = true
			d.add(x, ruleAction)
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		field := func(f string, oPos, nPos Pos) Difference {
			y := x
			y.Field, y.Path, y.OldPos, y.NewPos = f, x.Path+"."+f, pick(oPos, x.OldPos), pick(nPos, x.NewPos)
			return y
		}
		d.words(field("text", o.TextPos, n.TextPos), o.Text, n.Text, ruleAction)
		d.value(field("priority", o.PriorityPos, n.PriorityPos), string(o.Priority), string(n.Priority), ruleAction)
		d.value(field("when", o.WhenPos, n.WhenPos), o.When.String(), n.When.String(), ruleAction)
		d.value(field("contacts", Pos{}, Pos{}), refIDs(o.Contacts), refIDs(n.Contacts), ruleAction)
		d.value(field("interrupt", o.InterruptPos, n.InterruptPos), yesNoWord(o.Interrupt), yesNoWord(n.Interrupt), ruleAction)
		var oDue, nDue Pos
		if o.Due != nil {
			oDue = o.Due.Pos
		}
		if n.Due != nil {
			nDue = n.Due.Pos
		}
		d.value(field("due", oDue, nDue), DueWords(o.Due), DueWords(n.Due), ruleAction)
		d.value(field("sources", Pos{}, Pos{}), refIDs(o.Sources), refIDs(n.Sources), ruleIndicatorNotes)
	}, func(o *Action) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemAction, ID: o.ID, Path: "actions." + o.ID, Before: o.Text, Words: true, OldPos: idOf(o.IDPos, o.Pos)}, ruleAction)
	})
}

func (d *differ) setContacts(old, new *QuestionSet) {
	listPos := func(s *QuestionSet) Pos {
		if len(s.Contacts) > 0 {
			return s.Contacts[0].Pos
		}
		return s.Pos
	}
	byID(old.Contacts, new.Contacts, func(r *Ref) string { return r.ID }, func(o, n *Ref) {
		if o == nil {
			d.add(Difference{Kind: DiffAdded, Item: ItemContact, ID: n.ID, Path: "contacts", After: n.ID, OldPos: listPos(old), NewPos: n.Pos}, ruleSetContactNew)
		}
	}, func(o *Ref) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemContact, ID: o.ID, Path: "contacts", Before: o.ID, OldPos: o.Pos, NewPos: listPos(new)}, ruleSetContactGone)
	})
}

// DiffContacts lists what changed between two contacts files, by contact id.
func DiffContacts(old, new []Contact) []Difference {
	d := &differ{}
	fileStart := func(cs []Contact) Pos {
		if len(cs) > 0 {
			return cs[0].Pos
		}
		return Pos{Line: 1, Column: 1}
	}
	byID(old, new, func(c *Contact) string { return c.ID }, func(o, n *Contact) {
		x := Difference{Item: ItemContact, ID: n.ID, Path: "contacts." + n.ID, NewPos: idOf(n.IDPos, n.Pos)}
		if o == nil {
			x.Kind, x.After, x.OldPos = DiffAdded, n.Name, fileStart(old)
			x.Words = true
			d.add(x, ruleSetContactNew)
			return
		}
		x.OldPos = idOf(o.IDPos, o.Pos)
		field := func(f string, oPos, nPos Pos) Difference {
			y := x
			y.Field, y.Path, y.OldPos, y.NewPos = f, x.Path+"."+f, pick(oPos, x.OldPos), pick(nPos, x.NewPos)
			return y
		}
		d.words(field("name", Pos{}, Pos{}), o.Name, n.Name, ruleContactWords)
		d.value(field("phone", o.PhonePos, n.PhonePos), o.Phone, n.Phone, ruleContactReach)
		d.value(field("text", Pos{}, Pos{}), o.Text, n.Text, ruleContactReach)
		d.value(field("tty", Pos{}, Pos{}), o.TTY, n.TTY, ruleContactReach)
		d.value(field("url", o.URLPos, n.URLPos), o.URL, n.URL, ruleContactReach)
		d.words(field("hours", Pos{}, Pos{}), o.Hours, n.Hours, ruleContactWords)
		d.words(field("notes", Pos{}, Pos{}), o.Notes, n.Notes, ruleContactWords)
		d.value(field("source", Pos{}, Pos{}), o.Source, n.Source, ruleContactSource)
		d.value(field("confirmed", o.ConfirmedPos, n.ConfirmedPos), o.Confirmed, n.Confirmed, ruleContactSource)
		byID(o.Translations, n.Translations, func(w *ContactWords) string { return w.Language }, func(ow, nw *ContactWords) {
			var was ContactWords
			at := x.OldPos
			if ow != nil {
				was, at = *ow, ow.Pos
			}
			for _, f := range []struct {
				name   string
				o, n   string
				rule   *BumpRule
				reword bool
			}{{"name", was.Name, nw.Name, ruleContactWords, true}, {"text", was.Text, nw.Text, ruleContactReach, false}, {"hours", was.Hours, nw.Hours, ruleContactWords, true}, {"notes", was.Notes, nw.Notes, ruleContactWords, true}} {
				y := x
				y.Parent, y.Field, y.Path, y.OldPos, y.NewPos = nw.Language, f.name, fmt.Sprintf("%s.translations.%s.%s", x.Path, nw.Language, f.name), at, nw.Pos
				if f.reword {
					d.words(y, f.o, f.n, f.rule)
				} else {
					d.value(y, f.o, f.n, f.rule)
				}
			}
		}, func(ow *ContactWords) {
			y := x
			y.Kind, y.Parent, y.Field, y.Path, y.Before, y.OldPos, y.Words = DiffRemoved, ow.Language, "translations", fmt.Sprintf("%s.translations.%s", x.Path, ow.Language), ow.Name, ow.Pos, true
			d.add(y, ruleContactWords)
		})
	}, func(o *Contact) {
		d.add(Difference{Kind: DiffRemoved, Item: ItemContact, ID: o.ID, Path: "contacts." + o.ID, Before: o.Name, Words: true, OldPos: idOf(o.IDPos, o.Pos), NewPos: fileStart(new)}, ruleSetContactGone)
	})
	return d.out
}

// stringRule is the bump rule for a set's string at path (SourceString.Path): the same rule as
// for the set's own words there, so a translation reworded is rated as its source would be.
func stringRule(path string, kind StepKind) *BumpRule {
	parts := strings.Split(path, ".")
	switch {
	case path == "title":
		return ruleSetTitle
	case path == "description":
		return ruleSetDescription
	case parts[0] == "opening" || parts[0] == "closing":
		if kind == StepSay {
			return ruleSay
		}
		return ruleDo
	case parts[0] == "sections" && parts[len(parts)-1] == "help":
		return ruleSectionHelp
	case parts[0] == "sections":
		return ruleSection
	case parts[0] == "questions" && len(parts) == 3 && parts[2] == "help":
		return ruleQuestionHelp
	case parts[0] == "questions":
		return ruleQuestionText
	case parts[0] == "indicators":
		return ruleIndicatorLabel
	case parts[0] == "actions":
		return ruleAction
	case parts[0] == "domains":
		return ruleDomainLabel
	case parts[0] == "sources":
		return ruleSource
	}
	return ruleQuestionText
}

// DiffTranslations lists the translated strings added, removed or reworded between two
// translations, by path, rated as the set's own words there would be. A string whose
// translation stayed while what it records it was translated from changed is not listed: that
// is bookkeeping, and a stale string is reported apart.
func DiffTranslations(old, new *Translation) []Difference {
	d := &differ{}
	if old.Language != new.Language {
		d.add(Difference{Kind: DiffChanged, Item: ItemSet, ID: new.Set, Field: "language", Path: "language", Before: old.Language, After: new.Language, OldPos: pick(old.LangPos, old.Pos), NewPos: pick(new.LangPos, new.Pos)}, ruleSetID)
	}
	olds, news := old.Strings(), new.Strings()
	kind := func(tr *Translation, path string) StepKind {
		part, n, _ := strings.Cut(path, ".")
		i, err := strconv.Atoi(n)
		steps := map[string][]Step{"opening": tr.Opening, "closing": tr.Closing}[part]
		if err != nil || i < 1 || i > len(steps) {
			return ""
		}
		return steps[i-1].Kind
	}
	paths := make([]string, 0, len(olds)+len(news))
	for p := range news {
		paths = append(paths, p)
	}
	for p := range olds {
		if _, ok := news[p]; !ok {
			paths = append(paths, p)
		}
	}
	// In the order of the new file, then what it lacks in the order of the old.
	slices.SortFunc(paths, func(a, b string) int {
		na, aok := news[a]
		nb, bok := news[b]
		switch {
		case aok && bok:
			return cmp.Or(cmp.Compare(na.Pos.Line, nb.Pos.Line), cmp.Compare(na.Pos.Column, nb.Pos.Column), strings.Compare(a, b))
		case aok:
			return -1
		case bok:
			return 1
		}
		return cmp.Or(cmp.Compare(olds[a].Pos.Line, olds[b].Pos.Line), cmp.Compare(olds[a].Pos.Column, olds[b].Pos.Column), strings.Compare(a, b))
	})
	for _, p := range paths {
		o, n := olds[p], news[p]
		k := kind(new, p)
		if k == "" {
			k = kind(old, p)
		}
		x := Difference{Item: ItemTranslation, ID: p, Parent: new.Language, Path: p, OldPos: o.Pos, NewPos: n.Pos}
		d.words(x, o.Text, n.Text, stringRule(p, k))
	}
	return d.out
}

// Redo is a string a translation must be given again: its words changed since it was
// translated, or it has none.
type Redo struct {
	Source SourceString // the set's words now
	Reason RedoReason
	// Was is what it was translated from (stale), or the old version's words (changed).
	Was string
	// At is where the translation's record of it is written (stale); zero when the
	// translation has none.
	At Pos
}

// RedoReason says why a string must be translated again.
type RedoReason string

// The reasons.
const (
	RedoStale   RedoReason = "stale"   // the translation records other source words than the set's
	RedoMissing RedoReason = "missing" // the translation lacks it
	RedoChanged RedoReason = "changed" // no translation of the new version yet: the words changed since the old one
)

// RedoTranslation lists what a translation of set must translate again: its stale strings, and
// the strings it lacks, in the set's order.
func RedoTranslation(tr *Translation, set *QuestionSet) []Redo {
	has := tr.Strings()
	stale := map[string]StaleString{}
	for _, st := range Stale(tr, set) {
		stale[st.Source.Path] = st
	}
	var out []Redo
	for _, src := range set.SourceStrings() {
		if st, ok := stale[src.Path]; ok {
			out = append(out, Redo{Source: src, Reason: RedoStale, Was: st.From.Text, At: st.From.Pos})
		} else if _, ok := has[src.Path]; !ok && (len(tr.Sources) > 0 || !strings.HasPrefix(src.Path, "sources.")) {
			// Sources' titles are translated all or none: a translation without them lacks none.
			out = append(out, Redo{Source: src, Reason: RedoMissing})
		}
	}
	return out
}

// RedoSince lists the strings of new that are not as they were in old: what a translation of
// old must translate again to become one of new.
func RedoSince(old, new *QuestionSet) []Redo {
	was := map[string]string{}
	for _, s := range old.SourceStrings() {
		was[s.Path] = s.Text
	}
	var out []Redo
	for _, src := range new.SourceStrings() {
		if w, ok := was[src.Path]; !ok || !sameWords(w, src.Text) {
			out = append(out, Redo{Source: src, Reason: RedoChanged, Was: w})
		}
	}
	return out
}
