package questions

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

var update = flag.Bool("update", false, "rewrite the shipped translations so every string records what it was translated from")

// Every shipped translation records, for every string, the set's words it was translated from,
// so that a later version of the set shows which strings to translate again. With -update, a
// translation that does not is rewritten to (every string as {from, to}), and read back to
// check that no translated word changed.
func TestShippedTranslationsRecordSources(t *testing.T) {
	base := testBase(t)
	names, err := fs.Glob(FS(), "*/"+TranslationsDirName+"/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no shipped translations: %v", err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		tr := Decode(name, data).Translation
		id, version := ParseSetRef(tr.Set)
		set, err := LoadSet(FS(), path.Join(id, "v"+version+".yaml"), base)
		if err != nil {
			t.Fatal(err)
		}
		var unrecorded []string
		for p := range tr.Strings() {
			if _, ok := tr.From[p]; !ok {
				unrecorded = append(unrecorded, p)
			}
		}
		if stale := screening.Stale(tr, set.Set); len(stale) > 0 {
			t.Errorf("%s: %d strings are stale, such as %s", name, len(stale), stale[0].Source.Path)
		}
		if len(unrecorded) == 0 {
			continue
		}
		if !*update {
			t.Errorf("%s: %d strings do not record what they were translated from, such as %s; run: go test ./questions -run TestShippedTranslationsRecordSources -update", name, len(unrecorded), unrecorded[0])
			continue
		}
		out, err := recordSources(data, set.Set)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// recordSources rewrites a translation with every string as {from: the set's words, to: the
// translation}, short ones on one line, long ones folded at 100 columns, and checks by reading
// it back that every translation is as it was and every source is the set's.
func recordSources(data []byte, set *screening.QuestionSet) ([]byte, error) {
	src := map[string]string{}
	for _, s := range set.SourceStrings() {
		src[s.Path] = s.Text
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	w := &sourceWriter{src: src}
	if root.HeadComment != "" {
		w.b.WriteString(root.HeadComment + "\n")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.HeadComment != "" {
			w.b.WriteString(k.HeadComment + "\n")
		}
		switch k.Value {
		case "format", "set", "language":
			fmt.Fprintf(&w.b, "%s: %s\n", k.Value, v.Value)
		case "title", "description":
			w.str(0, k.Value, k.Value, v)
		case "opening", "closing":
			fmt.Fprintf(&w.b, "%s:\n", k.Value)
			for j, st := range v.Content {
				w.str(2, "- "+st.Content[0].Value, fmt.Sprintf("%s.%d", k.Value, j+1), st.Content[1])
			}
		case "sections", "questions", "sources":
			fmt.Fprintf(&w.b, "%s:\n", k.Value)
			for j := 0; j+1 < len(v.Content); j += 2 {
				id, m := v.Content[j].Value, v.Content[j+1]
				fmt.Fprintf(&w.b, "  %s:\n", id)
				for l := 0; l+1 < len(m.Content); l += 2 {
					key, val := m.Content[l].Value, m.Content[l+1]
					p := k.Value + "." + id + "." + key
					if key != "options" {
						w.str(4, key, p, val)
						continue
					}
					w.b.WriteString("    options:\n")
					for o := 0; o+1 < len(val.Content); o += 2 {
						w.str(6, val.Content[o].Value, p+"."+val.Content[o].Value, val.Content[o+1])
					}
				}
			}
		case "indicators", "actions", "domains":
			fmt.Fprintf(&w.b, "%s:\n", k.Value)
			for j := 0; j+1 < len(v.Content); j += 2 {
				w.str(2, v.Content[j].Value, k.Value+"."+v.Content[j].Value, v.Content[j+1])
			}
		default:
			return nil, fmt.Errorf("key %q: not written by this rewrite", k.Value)
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	out := []byte(w.b.String())
	before, after := Decode("before", data), Decode("after", out)
	if after.Findings.HasErrors() {
		return nil, fmt.Errorf("the rewrite does not read back: %v", after.Findings)
	}
	was, now := before.Translation.Strings(), after.Translation.Strings()
	for p, t := range was {
		if now[p].Text != t.Text {
			return nil, fmt.Errorf("%s: the rewrite reads %q, not %q", p, now[p].Text, t.Text)
		}
	}
	if len(now) != len(was) || len(after.Translation.From) != len(now) {
		return nil, fmt.Errorf("the rewrite has %d strings and %d sources, for %d strings", len(now), len(after.Translation.From), len(was))
	}
	if stale := screening.Stale(after.Translation, set); len(stale) > 0 {
		return nil, fmt.Errorf("%s: the rewrite records another source", stale[0].Source.Path)
	}
	return out, nil
}

type sourceWriter struct {
	b   strings.Builder
	src map[string]string
	err error
}

const sourceWidth = 100

// str writes one string at indent as key: {from, to}: on one line when it fits, else a mapping.
func (w *sourceWriter) str(indent int, key, p string, n *yaml.Node) {
	to := n.Value
	if n.Kind == yaml.MappingNode { // already {from, to}: keep the translation
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "to" {
				to = n.Content[i+1].Value
			}
		}
	}
	from, ok := w.src[p]
	if !ok {
		w.err = errors.Join(w.err, fmt.Errorf("%s: the set has no such string", p))
		return
	}
	pad := strings.Repeat(" ", indent)
	if line := fmt.Sprintf("%s%s: {from: %s, to: %s}", pad, key, scalar(from, true), scalar(to, true)); len([]rune(line)) <= sourceWidth {
		w.b.WriteString(line + "\n")
		return
	}
	inner := indent + 2
	if strings.HasPrefix(key, "- ") {
		inner += 2
	}
	fmt.Fprintf(&w.b, "%s%s:\n", pad, key)
	w.block(inner, "from", from)
	w.block(inner, "to", to)
}

// block writes key: text at indent, folded (>-) at sourceWidth when it is too long for one line.
func (w *sourceWriter) block(indent int, key, text string) {
	pad := strings.Repeat(" ", indent)
	line := fmt.Sprintf("%s%s: %s", pad, key, scalar(text, false))
	if len([]rune(line)) <= sourceWidth || !oneSpaced(text) {
		w.b.WriteString(line + "\n")
		return
	}
	fmt.Fprintf(&w.b, "%s%s: >-\n", pad, key)
	indentText := pad + "  "
	cur := indentText
	for _, word := range strings.Fields(text) {
		if cur != indentText && len([]rune(cur))+1+len([]rune(word)) > sourceWidth {
			w.b.WriteString(cur + "\n")
			cur = indentText
		}
		if cur != indentText {
			cur += " "
		}
		cur += word
	}
	w.b.WriteString(cur + "\n")
}

// oneSpaced reports whether folding s at its spaces reads back as s: words single-spaced.
func oneSpaced(s string) bool { return strings.Join(strings.Fields(s), " ") == s }

// scalar writes s plain when it reads back as itself there (in a {...} mapping, with flow),
// else double-quoted.
func scalar(s string, flow bool) string {
	if s != "" && oneSpaced(s) && !strings.ContainsAny(s[:1], "!&*?:,[]{}#|>@`\"'%-") {
		doc := "k: " + s
		if flow {
			doc = "{k: " + s + ", j: x}"
		}
		var v map[string]any
		if yaml.Unmarshal([]byte(doc), &v) == nil && v["k"] == s {
			return s
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // a JSON string is a YAML double-quoted scalar
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
