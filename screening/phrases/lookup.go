package phrases

import "golang.org/x/text/language"

// catalogs are the languages the tool speaks, English first: it stands in for any other.
var catalogs = []*Catalog{&english, &spanish}

var matcher = language.NewMatcher(func() []language.Tag {
	tags := make([]language.Tag, len(catalogs))
	for i, c := range catalogs {
		tags[i] = c.Tag
	}
	return tags
}())

// For returns the tool's words for a BCP 47 language tag (en, es, es-US, es-419), and whether
// they are in that language. For a language the tool does not speak, or a tag that is not one,
// the words are English and ok is false: the caller says so rather than fall back quietly.
func For(tag string) (c *Catalog, ok bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return &english, false
	}
	_, i, conf := matcher.Match(t)
	want, _ := t.Base()
	got, _ := catalogs[i].Tag.Base()
	if conf == language.No || want != got {
		// The matcher also pairs languages a reader of one may follow (Galician with Spanish):
		// a worker who asked for one language must not be given another.
		return &english, false
	}
	return catalogs[i], true
}

// Speaks reports whether the tool has its own words in the language of tag.
func Speaks(tag string) bool {
	_, ok := For(tag)
	return ok
}

// All returns every catalog, English first.
func All() []*Catalog { return catalogs }
