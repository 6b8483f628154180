package questions

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// Input is one file to validate: its name as the user should see it, and its bytes or the error
// that kept them from being read.
type Input struct {
	Name string
	Data []byte
	Err  error
}

// Diagnostic is a finding in a named file.
type Diagnostic struct {
	File string
	screening.Finding
}

// Base is what every validation starts from: the shipped contacts and word list, and the sets
// scenarios may name besides those being validated.
type Base struct {
	Contacts []screening.Contact
	Wording  *WordingFile
	Sets     []*File
}

// LoadBase decodes the shipped contacts and word list from fsys. It fails if either has an
// error: the binary would be broken.
func LoadBase(fsys fs.FS) (Base, error) {
	var b Base
	cf, err := readDecode(fsys, ContactsPath)
	if err != nil {
		return b, err
	}
	wf, err := readDecode(fsys, WordingPath)
	if err != nil {
		return b, err
	}
	if cf.Kind != KindContacts || wf.Kind != KindWording {
		return b, fmt.Errorf("load %s and %s: not a contacts and a wording file", ContactsPath, WordingPath)
	}
	b.Contacts, b.Wording = cf.Contacts, wf.Wording
	return b, nil
}

func readDecode(fsys fs.FS, name string) (*File, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	f := Decode(name, data)
	if f.Findings.HasErrors() {
		return nil, &InvalidError{File: name, Findings: f.Findings}
	}
	return f, nil
}

// InvalidError is a file that has errors and so cannot be used.
type InvalidError struct {
	File     string
	Findings screening.Findings
}

func (e *InvalidError) Error() string {
	var errs []string
	sorted := slices.Clone(e.Findings)
	slices.SortStableFunc(sorted, func(a, b screening.Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Column, b.Pos.Column), cmp.Compare(a.Message, b.Message))
	})
	for _, f := range sorted {
		if f.Severity == screening.SeverityError {
			errs = append(errs, fmt.Sprintf("%s:%d:%d: %s [%s]", e.File, f.Pos.Line, f.Pos.Column, f.Message, f.Rule))
		}
	}
	more := ""
	if len(errs) > 3 {
		more = fmt.Sprintf("\n(and %d more; run: safeharbor validate %s)", len(errs)-3, e.File)
		errs = errs[:3]
	}
	return fmt.Sprintf("%s has errors:\n%s%s", e.File, strings.Join(errs, "\n"), more)
}

// Validate decodes and checks files together: a set may refer to contacts from a contacts file
// among them, as well as to the shipped ones. The diagnostics are sorted by file, line and column.
func Validate(inputs []Input, base Base) []Diagnostic {
	files := make([]*File, len(inputs))
	for i, in := range inputs {
		if in.Err != nil {
			files[i] = &File{Name: in.Name, Findings: screening.Findings{ReadError(in.Err)}}
			continue
		}
		files[i] = Decode(in.Name, in.Data)
	}
	check(files, base)
	var out []Diagnostic
	for _, f := range files {
		for _, fd := range f.Findings {
			out = append(out, Diagnostic{File: f.Name, Finding: fd})
		}
	}
	SortDiagnostics(out)
	return out
}

// addChecks adds the findings of the checks on what a file means to what decoding it found,
// except where the decoder has already reported an error at the same place: a value it could
// not read was taken as zero or empty, and a second finding about that zero ("levels.clear (0)
// must be above ...") would mislead.
func addChecks(f *File, found screening.Findings) {
	unread := make(map[screening.Pos]bool)
	for _, fd := range f.Findings {
		if fd.Severity == screening.SeverityError {
			unread[fd.Pos] = true
		}
	}
	for _, fd := range found {
		if !unread[fd.Pos] {
			f.Findings = append(f.Findings, fd)
		}
	}
}

// check adds the semantic findings of decoded files to each file's findings.
func check(files []*File, base Base) {
	opt := checkShared(files, base)
	sets := baseSets(base)
	for _, f := range files {
		if f.Kind == KindSet && checkSetFile(f, opt) {
			sets[f.Set.ID+"@"+f.Set.Version] = f
		}
	}
	checkDependents(files, sets, opt)
}

// checkShared checks the files every other check depends on, contacts and word lists, and
// returns what checking a set needs: every contact and every listed term, the shipped ones and
// those in files.
func checkShared(files []*File, base Base) screening.CheckOptions {
	national := make(map[string]screening.Contact)
	dir := &screening.ContactDirectory{}
	dir.Add(base.Contacts...)
	for _, c := range base.Contacts {
		national[c.ID] = c
	}
	wording := base.Wording
	for _, f := range files {
		switch f.Kind {
		case KindContacts:
			addChecks(f, screening.CheckContacts(f.Contacts))
			addChecks(f, nationalOverrides(f.Contacts, national))
			dir.Add(f.Contacts...)
		case KindWording:
			addChecks(f, screening.CheckWording(f.Wording.Sources, f.Wording.Terms))
			wording = mergeWording(wording, f.Wording)
		}
	}
	opt := screening.CheckOptions{Contacts: dir}
	if wording != nil {
		opt.Wording = screening.NewWording(wording.Terms)
	}
	return opt
}

// baseSets are the sets scenarios and translations may name without their files being checked:
// the built-in ones.
func baseSets(base Base) map[string]*File {
	sets := map[string]*File{}
	for _, f := range base.Sets {
		sets[f.Set.ID+"@"+f.Set.Version] = f
	}
	return sets
}

// checkSetFile checks a decoded set, and reports whether it has no errors: whether scenarios and
// translations can be checked against it.
func checkSetFile(f *File, opt screening.CheckOptions) bool {
	addChecks(f, screening.CheckSet(f.Set, opt))
	addChecks(f, fileNameVersion(f))
	return !f.Findings.HasErrors()
}

// checkDependents checks the files that name a set: scenarios and translations.
func checkDependents(files []*File, sets map[string]*File, opt screening.CheckOptions) {
	for _, f := range files {
		switch f.Kind {
		case KindScenario:
			addChecks(f, checkScenario(f.Scenario, sets))
		case KindTranslation:
			addChecks(f, checkTranslation(f.Translation, sets, opt.Wording))
		}
	}
}

// checkTranslation checks a translation against the exact set version it names.
func checkTranslation(tr *screening.Translation, sets map[string]*File, wording *screening.Wording) screening.Findings {
	var out screening.Findings
	id, version := ParseSetRef(tr.Set)
	switch {
	case tr.Set == "":
		out.Errorf(tr.Pos, screening.RuleMissingField, "the translation has no `set:` (id@version)")
	case version == "":
		out.Errorf(tr.SetPos, screening.RuleInvalidVersion, "set %q names no version: a translation is of one version, since any change to the set changes what must be translated", tr.Set)
	case sets[id+"@"+version] == nil:
		out.Errorf(tr.SetPos, screening.RuleUnknownReference, "no question set %s to translate; validate it with its set", tr.Set)
	}
	var set *screening.QuestionSet
	if f := sets[id+"@"+version]; f != nil {
		set = f.Set
	}
	return append(out, screening.CheckTranslation(tr, set, wording)...)
}

// checkScenario checks a scenario against the set it names, among those known.
func checkScenario(sc *screening.Scenario, sets map[string]*File) screening.Findings {
	var out screening.Findings
	id, version := ParseSetRef(sc.Set)
	switch {
	case sc.Set == "":
		out.Errorf(sc.Pos, screening.RuleMissingField, "the scenario has no `set:` (id@version)")
	case version == "":
		out.Errorf(sc.SetPos, screening.RuleInvalidVersion, "set %q names no version: write %s@VERSION, since scenarios test one version", sc.Set, id)
	case sets[id+"@"+version] == nil:
		known := make([]string, 0, len(sets))
		for k := range sets {
			known = append(known, k)
		}
		slices.Sort(known)
		out.Errorf(sc.SetPos, screening.RuleUnknownReference, "no question set %s to test against%s; validate it with its set, or name a built-in one", sc.Set, screening.DidYouMean(sc.Set, known))
	}
	var set *screening.QuestionSet
	if f := sets[id+"@"+version]; f != nil {
		set = f.Set
	}
	return append(out, screening.CheckScenario(sc, set)...)
}

// SortDiagnostics orders diagnostics by file, line, column, then rule and message.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Column, b.Pos.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// nationalOverrides warns when a contacts file changes how to reach a shipped national contact.
func nationalOverrides(cs []screening.Contact, national map[string]screening.Contact) screening.Findings {
	var out screening.Findings
	for _, c := range cs {
		n, ok := national[c.ID]
		if !ok {
			continue
		}
		for _, d := range []struct{ what, got, want string }{{"phone", c.Phone, n.Phone}, {"text", c.Text, n.Text}, {"url", c.URL, n.URL}} {
			if d.got != d.want {
				out.Warnf(c.IDPos, screening.RuleNationalOverride, "contact %q replaces the national %s %q with %q; every summary will carry this, so check it twice", c.ID, d.what, d.want, d.got)
			}
		}
	}
	return out
}

// fileNameVersion reports a file named v<version>.yaml whose version says otherwise.
func fileNameVersion(f *File) screening.Findings {
	var out screening.Findings
	base := path.Base(strings.ReplaceAll(f.Name, "\\", "/"))
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if !strings.HasPrefix(stem, "v") || !screening.IsSemver(stem[1:]) || f.Set.Version == "" {
		return nil
	}
	if stem[1:] != f.Set.Version {
		out.Errorf(f.Set.VersionPos, screening.RuleInvalidVersion, "the file is named %s but says version %s; a published version's file is never edited, so name the file v%s%s", base, f.Set.Version, f.Set.Version, ext)
	}
	return out
}

func mergeWording(a, b *WordingFile) *WordingFile {
	if a == nil {
		return b
	}
	return &WordingFile{Sources: append(slices.Clip(a.Sources), b.Sources...), Terms: append(slices.Clip(a.Terms), b.Terms...)}
}
