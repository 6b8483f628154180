package report

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// DiffSchema is the JSON Schema (draft 2020-12) of 'safeharbor diff --format json', format
// safeharbor-diff/v1. A test holds it to jsonDiff, key by key, and the tests hold every JSON
// diff they write to it.
//
//go:embed schema/diff.schema.json
var DiffSchema []byte

// DiffFormat names the JSON diff's format.
const DiffFormat = "safeharbor-diff/v1"

// WriteDiffText writes the comparison for a terminal or a log: what changed, what it does to the
// scenarios, what translators must redo, and the version it needs.
func WriteDiffText(w io.Writer, d *screening.Diff) error { return writeText(w, diffDoc(d)) }

// WriteDiffMarkdown writes the same as markdown, to paste as a pull request's comment: every
// word from the files escaped, so none of it turns into markup.
func WriteDiffMarkdown(w io.Writer, d *screening.Diff) error { return writeMarkdown(w, diffDoc(d)) }

// sideName names one side: "post-return 1.0.0", "the es translation of post-return 1.0.0", or
// the contacts file's name.
func sideName(s screening.DiffSide) string {
	switch s.Kind {
	case screening.SideSet:
		return s.ID + " " + s.Version
	case screening.SideTranslation:
		return fmt.Sprintf("the %s translation of %s %s", s.Language, s.ID, s.Version)
	}
	return s.File
}

// lineWords says where a difference is written: "line 40 → 41", with – for a file it is not in.
func lineWords(x screening.Difference) string {
	line := func(p screening.Pos) string {
		if p.IsZero() {
			return "–"
		}
		return fmt.Sprint(p.Line)
	}
	where := ""
	if strings.HasPrefix(x.Path, "translations.") {
		where = " of the " + x.Parent + " translations" // a set's translation, in its own files
	}
	return fmt.Sprintf("line %s \u2192 %s%s", line(x.OldPos), line(x.NewPos), where)
}

// fieldWords names the keys of the format as an analyst reads them.
var fieldWords = map[string]string{
	"text": "text", "help": "guidance (help)", "label": "label", "when": "condition (when)", "weight": "weight",
	"domain": "domain", "disclosure": "disclosure", "sources": "sources", "mode": "mode", "type": "type",
	"unit": "unit", "min": "minimum", "max": "maximum", "indicator": "indicator raised", "options": "order of the options",
	"priority": "priority", "contacts": "contacts", "interrupt": "interrupt", "due": "deadline (due)", "title": "title",
	"description": "description", "status": "status", "language": "language", "id": "id", "say": "words read aloud (say)",
	"do": "guidance (do)", "kind": "kind (say or do)", "publisher": "publisher", "year": "year", "url": "url",
	"phone": "phone", "tty": "TTY", "name": "name", "hours": "hours", "notes": "notes", "source": "source",
	"confirmed": "date confirmed", "translations": "translation", "sha256": "bytes",
}

// subject names what a difference is about: "Question slept-where", "Option hotel of question
// slept-where", "Opening step 3".
func subject(x screening.Difference) inline {
	switch x.Item {
	case screening.ItemSet:
		return plain("The set")
	case screening.ItemLevels:
		return cat(plain("Level "), code(x.ID))
	case screening.ItemCompleteness:
		return plain("The completeness rule")
	case screening.ItemStep:
		return plain(fmt.Sprintf("%s step %s", upperFirst(x.Parent), x.ID))
	case screening.ItemOption:
		return cat(plain("Option "), code(x.ID), plain(" of question "), code(x.Parent))
	case screening.ItemTranslation:
		return plain(fmt.Sprintf("The %s translation of %s", x.Parent, screening.StringWhat(x.ID)))
	case screening.ItemFile:
		return plain("The file")
	case screening.ItemContact:
		if x.Parent != "" {
			return cat(plain("Contact "), code(x.ID), plain(", "+x.Parent+" words,"))
		}
		if x.Path == "contacts" {
			return cat(plain("Contact "), code(x.ID), plain(" on every summary"))
		}
	}
	return cat(plain(upperFirst(string(x.Item))+" "), code(x.ID))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// changeLine is a difference in a line: "Question slept-where: text reworded (line 40 → 41)".
func changeLine(x screening.Difference) inline {
	what := subject(x)
	switch {
	case x.Item == screening.ItemFile:
		what = cat(what, plain(" changed, but only in comments or layout"))
	case x.Field == "" || x.Item == screening.ItemLevels || x.Item == screening.ItemCompleteness:
		what = cat(what, plain(" "+string(x.Kind)))
	default:
		f := fieldWords[x.Field]
		if f == "" {
			f = x.Field
		}
		what = cat(what, plain(": "+f+" "+string(x.Kind)))
	}
	return cat(what, plain(" ("+lineWords(x)+")"))
}

func quoted(s string) string { return "\u201c" + s + "\u201d" }

// changeItem is a difference as a list item: tagged with its bump, the words before and after,
// and why it needs that bump.
func changeItem(x screening.Difference) item {
	it := item{tag: plain(x.Bump.String()), text: changeLine(x)}
	show := func(label, s string) {
		if s == "" || x.Item == screening.ItemFile {
			return
		}
		if x.Words {
			s = quoted(s)
		}
		it.sub = append(it.sub, cat(strong(label+":"), plain(" "+s)))
	}
	switch x.Kind {
	case screening.DiffAdded:
		show("Now", x.After)
	case screening.DiffRemoved:
		show("Was", x.Before)
	default:
		show("Before", x.Before)
		show("After", x.After)
	}
	it.sub = append(it.sub, cat(emph("Why "+x.Bump.String()+":"), plain(" "+x.Why)))
	return it
}

func changeItems(ds []screening.Difference) []item {
	items := make([]item, len(ds))
	for i, x := range ds {
		items[i] = changeItem(x)
	}
	return items
}

// changeCounts sums the changes up, a line for each kind of item, in the order of the file:
// "Questions: 23 added, 14 removed, 1 moved; 9 reworded, 3 other changes". Added and removed
// count whole items; a key added to an item that stays is one of its changes.
func changeCounts(ds []screening.Difference) []inline {
	type count struct{ added, removed, moved, words, values int }
	var items []screening.DiffItem
	counts := map[screening.DiffItem]*count{}
	for _, x := range ds {
		c := counts[x.Item]
		if c == nil {
			c = &count{}
			counts[x.Item] = c
			items = append(items, x.Item)
		}
		switch {
		case x.Kind == screening.DiffMoved:
			c.moved++
		case x.Field == "" && x.Kind == screening.DiffAdded:
			c.added++
		case x.Field == "" && x.Kind == screening.DiffRemoved:
			c.removed++
		case x.Words:
			c.words++
		default:
			c.values++
		}
	}
	lines := make([]inline, 0, len(items))
	for _, it := range items {
		c := counts[it]
		var whole, edits []string
		for _, n := range []struct {
			n    int
			word string
		}{{c.added, "added"}, {c.removed, "removed"}, {c.moved, "moved"}} {
			if n.n > 0 {
				whole = append(whole, fmt.Sprintf("%d %s", n.n, n.word))
			}
		}
		if c.words > 0 {
			edits = append(edits, fmt.Sprintf("%d %s", c.words, pluralWord(c.words, "rewording", "rewordings")))
		}
		if c.values > 0 {
			edits = append(edits, fmt.Sprintf("%d other %s", c.values, pluralWord(c.values, "change", "changes")))
		}
		text := strings.Join(whole, ", ")
		if len(edits) > 0 {
			if text != "" {
				text += "; "
			}
			text += strings.Join(edits, ", ")
		}
		lines = append(lines, cat(strong(itemPlural[it]+":"), plain(" "+text)))
	}
	return lines
}

var itemPlural = map[screening.DiffItem]string{
	screening.ItemSet: "The set", screening.ItemSource: "Sources", screening.ItemLevels: "Levels", screening.ItemDomain: "Domains",
	screening.ItemCompleteness: "Completeness", screening.ItemStep: "Steps", screening.ItemSection: "Sections",
	screening.ItemQuestion: "Questions", screening.ItemOption: "Options", screening.ItemIndicator: "Indicators",
	screening.ItemAction: "Actions", screening.ItemContact: "Contacts", screening.ItemTranslation: "Translated strings",
	screening.ItemFile: "The file",
}

// diffDoc is the comparison as blocks, the one walk both writers render.
func diffDoc(d *screening.Diff) *doc {
	out := &doc{}
	to := sideName(d.To)
	if d.From.Kind == d.To.Kind && d.From.ID == d.To.ID && d.From.Language == d.To.Language && d.From.Kind != screening.SideContacts {
		to = d.To.Version // county-return 2.0.0 → 2.1.0
	}
	from := sideName(d.From)
	if d.From.Kind == screening.SideTranslation {
		from = upperFirst(from) // "The es translation of ..."; a set's id stays as written
	}
	out.title(plain(from + " \u2192 " + to))
	out.lines(sprintf("From: %s", d.From.File), sprintf("To: %s", d.To.File))
	out.lead(versionLabel(d), versionWords(d))
	if d.Versioned() && !d.VersionOK() && len(d.Differences) > 0 {
		more := d.NeedMore()
		items := make([]item, len(more))
		for i, x := range more {
			items[i] = item{tag: plain(x.Bump.String()), text: changeLine(x)}
		}
		out.para(plain(pluralWord(len(more), "This change needs more:", "These changes need more:")))
		out.list(items...)
	}

	// The set's own changes, then its translations', which are many when a set is rewritten.
	var own, translated []screening.Difference
	for _, x := range d.Differences {
		if strings.HasPrefix(x.Path, "translations.") {
			translated = append(translated, x)
		} else {
			own = append(own, x)
		}
	}
	out.heading(sprintf("Changes (%d)", len(own)))
	if len(own) == 0 {
		out.para(plain("Nothing a screening uses differs."))
	} else {
		if len(own) > 10 {
			out.lines(changeCounts(own)...)
		}
		out.list(changeItems(own)...)
	}
	if len(translated) > 0 {
		out.heading(sprintf("Changes to the translations (%d)", len(translated)))
		out.list(changeItems(translated)...)
	}

	if d.Versioned() {
		scenarioBlocks(out, d)
	}
	if len(d.Translations) > 0 {
		translationBlocks(out, d)
	}
	return out
}

// WriteVersionProblem says, for --check-version, that NEW's version is not raised enough, and
// which changes need more: one line each, unwrapped, as a CI log shows them best.
func WriteVersionProblem(w io.Writer, d *screening.Diff) error {
	b, lower := d.Bumped()
	var is string
	switch {
	case lower:
		is = fmt.Sprintf("%s %s is lower than %s", d.To.ID, d.To.Version, d.From.Version)
	case b == screening.BumpNone:
		is = fmt.Sprintf("%s keeps the version %s", d.To.File, d.To.Version)
	default:
		is = fmt.Sprintf("%s %s raises only the %s version", d.To.ID, d.To.Version, b)
	}
	more := d.NeedMore()
	out := &errWriter{w: w}
	out.line(screening.Printable(fmt.Sprintf("safeharbor: the version is not raised enough: %s, and %d %s a %s version:", is, len(more), pluralWord(len(more), "change needs", "changes need"), d.Required)))
	for _, x := range more {
		out.line("  [" + strings.ToUpper(x.Bump.String()) + "] " + textOf(changeLine(x)))
	}
	return out.err
}

func versionLabel(d *screening.Diff) string {
	if !d.Versioned() {
		return "Largest change"
	}
	if d.VersionOK() {
		return "Version OK"
	}
	return "Version not raised enough"
}

// versionWords says what version the changes need and what the new side's version is.
func versionWords(d *screening.Diff) inline {
	if !d.Versioned() {
		if d.Required == screening.BumpNone {
			return plain("none: nothing differs")
		}
		return plain(fmt.Sprintf("%s (as the same change to a set would be rated; a %s file has no version of its own)", d.Required, d.To.Kind))
	}
	need := "no new version"
	if d.Required > screening.BumpNone {
		need = "a " + d.Required.String() + " version"
	}
	b, lower := d.Bumped()
	var is string
	switch {
	case lower:
		is = fmt.Sprintf("%s is lower than %s", d.To.Version, d.From.Version)
	case b == screening.BumpNone:
		is = fmt.Sprintf("the version stays %s", d.To.Version)
	default:
		is = fmt.Sprintf("%s \u2192 %s raises the %s version", d.From.Version, d.To.Version, b)
		if strings.HasPrefix(d.From.Version, "0.") && strings.HasPrefix(d.To.Version, "0.") {
			is += " (before 1.0.0, the minor counts as the major and the patch as the minor)"
		}
	}
	return plain(fmt.Sprintf("the changes need %s; %s", need, is))
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// scenarioBlocks says what the changes do to the scenarios: each that comes out otherwise, with
// before and after, and each that could not be run as written.
func scenarioBlocks(out *doc, d *screening.Diff) {
	var changed, noted []screening.ScenarioImpact
	for _, im := range d.Scenarios {
		switch {
		case im.Changed():
			changed = append(changed, im)
		case len(im.Notes) > 0:
			noted = append(noted, im)
		}
	}
	out.heading(sprintf("Scoring: %d of %d %s otherwise", len(changed), len(d.Scenarios), pluralWord(len(d.Scenarios), "scenario comes out", "scenarios come out")))
	switch {
	case d.AnyVersion:
		out.para(plain(fmt.Sprintf("No scenario tests %s %s or %s, so every scenario of %s was run on both, as 'safeharbor test --file' runs them.", d.To.ID, d.From.Version, d.To.Version, d.To.ID)))
	case d.OtherVersions > 0:
		out.para(plain(fmt.Sprintf("%d other %s of %s, written for other versions, %s not run.", d.OtherVersions, pluralWord(d.OtherVersions, "scenario", "scenarios"), d.To.ID, pluralWord(d.OtherVersions, "was", "were"))))
	}
	switch {
	case len(d.Scenarios) == 0:
		out.para(plain("No scenario tests this set, so nothing shows what the changes do to scoring. Add scenarios, or name them with --scenarios DIR."))
		return
	case len(changed) == 0:
		out.para(plain("Every scenario comes out as before: the same concern, domain levels, indicators, actions and interrupts."))
	}
	items := make([]item, 0, len(changed)+len(noted))
	for _, im := range append(changed, noted...) {
		it := item{text: cat(code(im.Scenario.ID), plain(" ("+im.File+")"))}
		if !im.Changed() {
			it.text = cat(it.text, plain(": comes out as before"))
		}
		it.sub = outcomeLines(im.Before, im.After)
		for _, n := range im.Notes {
			it.sub = append(it.sub, cat(emph("Note:"), plain(" "+n)))
		}
		items = append(items, it)
	}
	if len(items) > 0 {
		out.list(items...)
	}
}

// outcomeLines says how a scenario's outcome moved: "Concern: possible → clear", indicators and
// actions gained (+) and lost (−).
func outcomeLines(b, a *screening.ScenarioOutcome) []inline {
	if b == nil || a == nil {
		var lines []inline
		for _, s := range []struct {
			label string
			o     *screening.ScenarioOutcome
		}{{"Before", b}, {"After", a}} {
			if s.o == nil {
				lines = append(lines, cat(strong(s.label+":"), plain(" could not be run")))
			} else {
				lines = append(lines, cat(strong(s.label+":"), plain(fmt.Sprintf(" concern %s (score %d)", s.o.Concern, s.o.Score))))
			}
		}
		return lines
	}
	var lines []inline
	if b.Concern != a.Concern || b.Score != a.Score {
		lines = append(lines, cat(strong("Concern:"), plain(fmt.Sprintf(" %s (score %d) \u2192 %s (score %d)", b.Concern, b.Score, a.Concern, a.Score))))
	}
	level := func(ds []screening.DomainOutcome, id string) string {
		for _, x := range ds {
			if x.ID == id {
				return string(x.Level)
			}
		}
		return "not a domain"
	}
	if (len(b.Domains) == 0) != (len(a.Domains) == 0) {
		// Domains declared on one side only: their levels in one line, not one "not a domain" each.
		words := func(ds []screening.DomainOutcome) string {
			if len(ds) == 0 {
				return "none declared"
			}
			parts := make([]string, len(ds))
			for i, x := range ds {
				parts[i] = x.ID + " " + string(x.Level)
			}
			return strings.Join(parts, ", ")
		}
		lines = append(lines, cat(strong("Domains:"), plain(" "+words(b.Domains)+" \u2192 "+words(a.Domains))))
		b, a = &screening.ScenarioOutcome{Indicators: b.Indicators, Actions: b.Actions, Interrupts: b.Interrupts}, &screening.ScenarioOutcome{Indicators: a.Indicators, Actions: a.Actions, Interrupts: a.Interrupts}
	}
	seen := map[string]bool{}
	for _, x := range append(append([]screening.DomainOutcome{}, b.Domains...), a.Domains...) {
		if seen[x.ID] {
			continue
		}
		seen[x.ID] = true
		if lb, la := level(b.Domains, x.ID), level(a.Domains, x.ID); lb != la {
			lines = append(lines, cat(strong("Domain "+x.ID+":"), plain(" "+lb+" \u2192 "+la)))
		}
	}
	for _, l := range []struct {
		label string
		b, a  []string
	}{{"Indicators", b.Indicators, a.Indicators}, {"Actions", b.Actions, a.Actions}, {"Interrupts", b.Interrupts, a.Interrupts}} {
		if gained, lost := setDiff(l.b, l.a); len(gained)+len(lost) > 0 {
			var parts []string
			for _, id := range gained {
				parts = append(parts, "+ "+id)
			}
			for _, id := range lost {
				parts = append(parts, "\u2212 "+id)
			}
			lines = append(lines, cat(strong(l.label+":"), plain(" "+strings.Join(parts, ", "))))
		} else if strings.Join(l.b, ",") != strings.Join(l.a, ",") {
			lines = append(lines, cat(strong(l.label+":"), plain(" the same, in another order: "+strings.Join(l.a, ", "))))
		}
	}
	return lines
}

// setDiff returns what a has that b lacks (gained) and what b has that a lacks (lost).
func setDiff(b, a []string) (gained, lost []string) {
	in := func(xs []string, x string) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	for _, x := range a {
		if !in(b, x) {
			gained = append(gained, x)
		}
	}
	for _, x := range b {
		if !in(a, x) {
			lost = append(lost, x)
		}
	}
	return gained, lost
}

// translationBlocks says, language by language, what translators must translate again.
func translationBlocks(out *doc, d *screening.Diff) {
	out.heading(plain("Translations to redo"))
	items := make([]item, 0, len(d.Translations))
	for _, tr := range d.Translations {
		var head string
		switch {
		case tr.File == "":
			head = fmt.Sprintf("%s: no translation of %s yet; from %s, translate again %d %s", tr.Language, sideName(d.To), tr.From, len(tr.Strings), pluralWord(len(tr.Strings), "string", "strings"))
		case len(tr.Strings) == 0 && tr.Unrecorded == 0:
			head = fmt.Sprintf("%s (%s): up to date", tr.Language, tr.File)
		default:
			head = fmt.Sprintf("%s (%s): %d %s to translate again", tr.Language, tr.File, len(tr.Strings), pluralWord(len(tr.Strings), "string", "strings"))
		}
		if tr.File != "" && tr.Unrecorded > 0 {
			head += fmt.Sprintf("; %d %s no source (no from:), so whether %s stale cannot be told", tr.Unrecorded, pluralWord(tr.Unrecorded, "string records", "strings record"), pluralWord(tr.Unrecorded, "it is", "they are"))
		}
		it := item{group: true, text: plain(head)}
		for _, r := range tr.Strings {
			what := upperFirst(r.Source.What)
			switch r.Reason {
			case screening.RedoStale:
				it.sub = append(it.sub, plain(fmt.Sprintf("%s (line %d): translated from %s; the set now says %s", what, r.At.Line, quoted(r.Was), quoted(r.Source.Text))))
			case screening.RedoMissing:
				it.sub = append(it.sub, plain(fmt.Sprintf("%s: not translated; the set says %s (line %d)", what, quoted(r.Source.Text), r.Source.Pos.Line)))
			default:
				if r.Was == "" {
					it.sub = append(it.sub, plain(fmt.Sprintf("%s: new, %s (line %d)", what, quoted(r.Source.Text), r.Source.Pos.Line)))
				} else {
					it.sub = append(it.sub, plain(fmt.Sprintf("%s: was %s; now %s (line %d)", what, quoted(r.Was), quoted(r.Source.Text), r.Source.Pos.Line)))
				}
			}
		}
		items = append(items, it)
	}
	out.list(items...)
}

// The JSON form.

type jsonDiff struct {
	Format       string         `json:"format"`
	From         jsonDiffSide   `json:"from"`
	To           jsonDiffSide   `json:"to"`
	RequiredBump string         `json:"required_bump"`
	VersionBump  *string        `json:"version_bump"`
	VersionOK    *bool          `json:"version_ok"`
	Changes      []jsonChange   `json:"changes"`
	Scenarios    []jsonScenario `json:"scenarios"`
	// OtherVersions and AnyVersion say which of the set's scenarios were run.
	OtherVersions int               `json:"scenarios_other_versions"`
	AnyVersion    bool              `json:"scenarios_any_version"`
	Translations  []jsonTranslation `json:"translations"`
}

type jsonDiffSide struct {
	File     string  `json:"file"`
	Kind     string  `json:"kind"`
	ID       *string `json:"id"`
	Version  *string `json:"version"`
	Language *string `json:"language"`
	SHA256   string  `json:"sha256"`
}

type jsonChange struct {
	Kind    string `json:"kind"`
	Item    string `json:"item"`
	ID      string `json:"id"`
	Parent  string `json:"parent"`
	Field   string `json:"field"`
	Path    string `json:"path"`
	Before  string `json:"before"`
	After   string `json:"after"`
	OldLine *int   `json:"old_line"`
	NewLine *int   `json:"new_line"`
	Bump    string `json:"bump"`
	Why     string `json:"why"`
}

type jsonScenario struct {
	ID      string       `json:"id"`
	File    string       `json:"file"`
	Changed bool         `json:"changed"`
	Before  *jsonOutcome `json:"before"`
	After   *jsonOutcome `json:"after"`
	Notes   []string     `json:"notes"`
}

type jsonOutcome struct {
	Concern    screening.Level     `json:"concern"`
	Score      int                 `json:"score"`
	Domains    []jsonDomainOutcome `json:"domains"`
	Indicators []string            `json:"indicators"`
	Actions    []string            `json:"actions"`
	Interrupts []string            `json:"interrupts"`
}

type jsonDomainOutcome struct {
	ID    string          `json:"id"`
	Level screening.Level `json:"level"`
}

type jsonTranslation struct {
	Language   string     `json:"language"`
	File       *string    `json:"file"`
	From       *string    `json:"from"`
	Redo       []jsonRedo `json:"redo"`
	Unrecorded int        `json:"unrecorded"`
}

type jsonRedo struct {
	Path   string  `json:"path"`
	What   string  `json:"what"`
	Reason string  `json:"reason"`
	Was    *string `json:"was"`
	Now    string  `json:"now"`
	Line   int     `json:"line"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func linePtr(p screening.Pos) *int {
	if p.IsZero() {
		return nil
	}
	return &p.Line
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func jsonOutcomeOf(o *screening.ScenarioOutcome) *jsonOutcome {
	if o == nil {
		return nil
	}
	j := &jsonOutcome{Concern: o.Concern, Score: o.Score, Domains: []jsonDomainOutcome{}, Indicators: nonNil(o.Indicators), Actions: nonNil(o.Actions), Interrupts: nonNil(o.Interrupts)}
	for _, d := range o.Domains {
		j.Domains = append(j.Domains, jsonDomainOutcome{d.ID, d.Level})
	}
	return j
}

func jsonSideOf(s screening.DiffSide) jsonDiffSide {
	return jsonDiffSide{File: s.File, Kind: string(s.Kind), ID: strPtr(s.ID), Version: strPtr(s.Version), Language: strPtr(s.Language), SHA256: s.SHA256}
}

// WriteDiffJSON writes the comparison as JSON, format safeharbor-diff/v1 (DiffSchema).
func WriteDiffJSON(w io.Writer, d *screening.Diff) error {
	out := jsonDiff{
		Format: DiffFormat, From: jsonSideOf(d.From), To: jsonSideOf(d.To), RequiredBump: d.Required.String(),
		Changes: []jsonChange{}, Scenarios: []jsonScenario{}, Translations: []jsonTranslation{},
		OtherVersions: d.OtherVersions, AnyVersion: d.AnyVersion,
	}
	if d.Versioned() {
		b, lower := d.Bumped()
		bump := b.String()
		if lower {
			bump = "lower"
		}
		ok := d.VersionOK()
		out.VersionBump, out.VersionOK = &bump, &ok
	}
	for _, x := range d.Differences {
		out.Changes = append(out.Changes, jsonChange{
			Kind: string(x.Kind), Item: string(x.Item), ID: x.ID, Parent: x.Parent, Field: x.Field, Path: x.Path,
			Before: x.Before, After: x.After, OldLine: linePtr(x.OldPos), NewLine: linePtr(x.NewPos), Bump: x.Bump.String(), Why: x.Why,
		})
	}
	for _, im := range d.Scenarios {
		out.Scenarios = append(out.Scenarios, jsonScenario{
			ID: im.Scenario.ID, File: im.File, Changed: im.Changed(), Before: jsonOutcomeOf(im.Before), After: jsonOutcomeOf(im.After), Notes: nonNil(im.Notes),
		})
	}
	for _, tr := range d.Translations {
		jt := jsonTranslation{Language: tr.Language, File: strPtr(tr.File), From: strPtr(tr.From), Redo: []jsonRedo{}, Unrecorded: tr.Unrecorded}
		for _, r := range tr.Strings {
			line := r.Source.Pos.Line
			if r.Reason == screening.RedoStale {
				line = r.At.Line
			}
			jt.Redo = append(jt.Redo, jsonRedo{Path: r.Source.Path, What: r.Source.What, Reason: string(r.Reason), Was: strPtr(r.Was), Now: r.Source.Text, Line: line})
		}
		out.Translations = append(out.Translations, jt)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
