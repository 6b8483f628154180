package questions

import (
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor-wording/v1, the list of words to avoid.
var (
	WordingFileKeys = []string{"format", "sources", "terms"}
	TermKeys        = []string{"id", "match", "kind", "suggest", "why", "sources"}
)

// WordingFile is the decoded word list with the sources it rests on.
type WordingFile struct {
	Sources []screening.Source
	Terms   []screening.Term
}

func (d *decoder) wordingFile(root *yaml.Node) *WordingFile {
	w := &WordingFile{}
	fs, _ := d.fields(root, "the wording file", WordingFileKeys)
	for _, f := range fs {
		switch f.name {
		case "sources":
			for _, it := range d.list(f.val, "sources") {
				w.Sources = append(w.Sources, d.source(it))
			}
		case "terms":
			for _, it := range d.list(f.val, "terms") {
				w.Terms = append(w.Terms, d.term(it))
			}
		}
	}
	return w
}

func (d *decoder) term(n *yaml.Node) screening.Term {
	t := screening.Term{Pos: pos(n)}
	fs, _ := d.fields(n, "a term", TermKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			t.ID, _ = d.str(f.val, "a term's id")
		case "match":
			for _, r := range d.refs(f.val, "match") {
				t.Phrases = append(t.Phrases, r.ID)
			}
		case "kind":
			var k string
			k, t.KindPos = d.str(f.val, "kind")
			t.Kind = screening.TermKind(k)
		case "suggest":
			t.Suggest, _ = d.str(f.val, "suggest")
		case "why":
			t.Why, _ = d.str(f.val, "why")
		case "sources":
			t.Sources = d.refs(f.val, "a term's sources")
		}
	}
	return t
}
