package questions

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/safeharbor/safeharbor/screening"
)

// Catalog is the question sets available in one file system, each checked.
type Catalog struct {
	Sets []*File // sorted by id, then version, newest last
}

// LoadCatalog decodes every <id>/v<version>.yaml in fsys and checks it against base. A shipped
// set with errors is an error: the binary would be broken.
func LoadCatalog(fsys fs.FS, base Base) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*/v*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list question sets: %w", err)
	}
	c := &Catalog{}
	for _, name := range names {
		f, err := LoadSet(fsys, name, base)
		if err != nil {
			return nil, err
		}
		c.Sets = append(c.Sets, f)
	}
	slices.SortFunc(c.Sets, func(a, b *File) int {
		if a.Set.ID != b.Set.ID {
			return strings.Compare(a.Set.ID, b.Set.ID)
		}
		return semver.Compare("v"+a.Set.Version, "v"+b.Set.Version)
	})
	return c, nil
}

// LoadSet reads, decodes and checks one question-set file. Warnings stay in File.Findings;
// errors make it an *InvalidError.
func LoadSet(fsys fs.FS, name string, base Base) (*File, error) {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	data, err := ReadAll(fh)
	fh.Close()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	return DecodeSet(path.Clean(name), data, base)
}

// DecodeSet decodes and checks one question set's bytes.
func DecodeSet(name string, data []byte, base Base) (*File, error) {
	f := Decode(name, data)
	check([]*File{f}, base)
	if f.Findings.HasErrors() {
		return nil, &InvalidError{File: name, Findings: f.Findings}
	}
	if f.Kind != KindSet {
		return nil, fmt.Errorf("load %s: not a question set (format %s)", name, FormatSet)
	}
	return f, nil
}

// Find returns the set with the given id and version; an empty version means the newest.
func (c *Catalog) Find(id, version string) (*File, error) {
	var found *File
	var versions, ids []string
	for _, f := range c.Sets {
		if !slices.Contains(ids, f.Set.ID) {
			ids = append(ids, f.Set.ID)
		}
		if f.Set.ID != id {
			continue
		}
		versions = append(versions, f.Set.Version)
		if version == "" || f.Set.Version == version {
			found = f // sorted oldest first, so the last match is the newest
		}
	}
	switch {
	case found != nil:
		return found, nil
	case len(versions) == 0:
		return nil, fmt.Errorf("no question set %q%s; `safeharbor list` shows the sets", id, screening.DidYouMean(id, ids))
	default:
		return nil, fmt.Errorf("question set %q has no version %s; it has %s", id, version, strings.Join(versions, ", "))
	}
}

// Translation finds the shipped translation of a set version into a language, checked:
// <id>/translations/v<version>.<lang>.yaml. It returns nil and no error when there is none.
func Translation(fsys fs.FS, set *File, lang string, base Base) (*screening.Translation, error) {
	name := path.Join(set.Set.ID, TranslationsDirName, "v"+set.Set.Version+"."+lang+".yaml")
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	return DecodeTranslation(name, data, set, base)
}

// DecodeTranslation decodes and checks a translation of set.
func DecodeTranslation(name string, data []byte, set *File, base Base) (*screening.Translation, error) {
	f := Decode(name, data)
	if f.Kind != KindTranslation && !f.Findings.HasErrors() {
		return nil, fmt.Errorf("load %s: not a translation (format %s)", name, FormatTranslation)
	}
	if f.Kind == KindTranslation {
		base.Sets = append([]*File{set}, base.Sets...)
		check([]*File{f}, base)
		if id, version := ParseSetRef(f.Translation.Set); id != set.Set.ID || version != set.Set.Version {
			f.Findings.Errorf(f.Translation.SetPos, screening.RuleUnknownReference, "the translation is of %s, not %s@%s", f.Translation.Set, set.Set.ID, set.Set.Version)
		}
	}
	if f.Findings.HasErrors() {
		return nil, &InvalidError{File: name, Findings: f.Findings}
	}
	return f.Translation, nil
}

// ParseSetRef splits "id@version" (the version is optional).
func ParseSetRef(ref string) (id, version string) {
	id, version, _ = strings.Cut(ref, "@")
	return id, strings.TrimPrefix(version, "v")
}
