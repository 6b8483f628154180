package questions

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// decoder walks yaml.Node trees, reporting structural problems (unknown and duplicate keys,
// values of the wrong kind, aliases) and leaving the meaning to screening's checks.
type decoder struct {
	out *screening.Findings
}

func pos(n *yaml.Node) screening.Pos { return screening.Pos{Line: n.Line, Column: n.Column} }

// usable reports whether n can be read as a value: aliases and anchors are refused, so that every
// value stands where it is written, and a "billion laughs" file cannot expand.
func (d *decoder) usable(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		d.out.Errorf(pos(n), screening.RuleAlias, "aliases (*%s) are not allowed: write the value out, so every question reads as it is asked", n.Value)
		return false
	}
	if n.Anchor != "" {
		d.out.Errorf(pos(n), screening.RuleAlias, "anchors (&%s) are not allowed: write each value out where it is used", n.Anchor)
		return false
	}
	return true
}

func (d *decoder) wrongType(n *yaml.Node, what, want string) {
	d.out.Errorf(pos(n), screening.RuleWrongType, "%s must be %s, not %s", what, want, describe(n))
}

// describe names a node's kind the way an analyst would.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "empty"
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	}
	if len(n.Value) > 40 {
		return fmt.Sprintf("text %q...", n.Value[:37])
	}
	return fmt.Sprintf("text %q", n.Value)
}

// field is one key and value of a mapping.
type field struct {
	name string
	key  *yaml.Node
	val  *yaml.Node
}

// fields returns the fields of a mapping whose keys are among allowed, reporting duplicate and
// unknown keys. ok is false when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, what string, allowed []string) (fs []field, ok bool) {
	if !d.usable(n) {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, what, "a mapping of keys")
		return nil, false
	}
	all := d.pairs(n, what, "a plain word")
	fs = all[:0] // filtered in place: decoding a set reads thousands of mappings
	for _, f := range all {
		if !slices.Contains(allowed, f.name) {
			hint := ""
			if n.Style&yaml.FlowStyle != 0 && strings.ContainsAny(f.name, " ") {
				// {label: A, B} reads "B" as a key: the comma ended the value.
				hint = "; in a {...} mapping a comma ends the value, so put text with commas in quotes"
			}
			d.out.Errorf(pos(f.key), screening.RuleUnknownKey, "unknown key %q in %s%s; allowed: %s%s", f.name, what, screening.DidYouMean(f.name, allowed), strings.Join(allowed, ", "), hint)
			continue
		}
		fs = append(fs, f)
	}
	return fs, true
}

// idPairs returns the pairs of a mapping whose keys are ids of the set (question or section
// ids), not keys of the format: an empty value has none; a duplicated id is reported.
func (d *decoder) idPairs(n *yaml.Node, what, want string) []field {
	if isNull(n) || !d.usable(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.wrongType(n, what, want)
		return nil
	}
	all := d.pairs(n, what, "an id")
	out := all[:0]
	for _, f := range all {
		if d.usable(f.val) {
			out = append(out, f)
		}
	}
	return out
}

// pairs returns the keys and values of mapping n in order, reporting keys that are not plain
// scalars (keyWant says what they should be), merge keys and duplicated keys, and leaving them out.
func (d *decoder) pairs(n *yaml.Node, what, keyWant string) []field {
	var seen map[string]*yaml.Node
	if len(n.Content) > 64 { // a map only where a linear scan could get slow
		seen = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	out := make([]field, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			if d.usable(k) {
				d.wrongType(k, "a key", keyWant)
			}
			continue
		}
		if k.Tag == "!!merge" {
			d.out.Errorf(pos(k), screening.RuleAlias, "merge keys (<<) are not allowed: write the keys out")
			continue
		}
		var first *yaml.Node
		if seen != nil {
			first = seen[k.Value]
			if first == nil {
				seen[k.Value] = k
			}
		} else {
			for j := 0; j < i; j += 2 {
				if n.Content[j].Value == k.Value && n.Content[j].Kind == yaml.ScalarNode {
					first = n.Content[j]
					break
				}
			}
		}
		if first != nil {
			d.out.Errorf(pos(k), screening.RuleDuplicateKey, "%q appears twice in %s: first at line %d, column %d; keep one", k.Value, what, first.Line, first.Column)
			continue
		}
		out = append(out, field{name: k.Value, key: k, val: v})
	}
	return out
}

// list returns the items of a sequence; an empty value is an empty list.
func (d *decoder) list(n *yaml.Node, what string) []*yaml.Node {
	if !d.usable(n) || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.wrongType(n, what, "a list (items starting with -)")
		return nil
	}
	return n.Content
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// str reads a scalar as text. Numbers and booleans are taken as written; empty is "".
func (d *decoder) str(n *yaml.Node, what string) (string, screening.Pos) {
	if !d.usable(n) {
		return "", pos(n)
	}
	if n.Kind != yaml.ScalarNode {
		d.wrongType(n, what, "text")
		return "", pos(n)
	}
	if isNull(n) {
		return "", pos(n)
	}
	d.printable(n, what)
	return n.Value, pos(n)
}

// printable reports a control character or a direction override in a scalar's text: written
// as an escape in a quoted string ("\e]0;...\a", "\u202e"), it would set a terminal's title,
// write to its clipboard or clear it, or reverse the words around it, wherever the text is shown.
// Tabs and newlines are how text is laid out, and are kept.
func (d *decoder) printable(n *yaml.Node, what string) {
	r, name, before, found := screening.FirstUnprintable(n.Value)
	if !found {
		return
	}
	where := "at its start"
	if before != "" {
		runes := []rune(before)
		if len(runes) > 20 {
			before = "…" + string(runes[len(runes)-20:])
		}
		where = fmt.Sprintf("after %q", screening.Printable(before))
	}
	d.out.Errorf(pos(n), screening.RuleControlCharacter, "%s holds %U (%s) %s; it could act on the terminal or hide what the text says: remove it", what, r, name, where)
}

// typed gives a text read by str its type: a status, a level.
func typed[T ~string](s string, p screening.Pos) (T, screening.Pos) { return T(s), p }

// integer reads a whole number.
func (d *decoder) integer(n *yaml.Node, what string) (int, screening.Pos) {
	if !d.usable(n) {
		return 0, pos(n)
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32)
		if err == nil {
			return int(v), pos(n)
		}
	}
	if d.tooLarge(n, what, fmt.Sprintf("a whole number up to %d", math.MaxInt32)) {
		return 0, pos(n)
	}
	d.wrongType(n, what, "a whole number")
	return 0, pos(n)
}

// tooLarge reports a number written in full that is too large to read: a whole number past
// want, or a number past any a computer holds (1e400). Said as it is, rather than "not a whole
// number" or "not text".
func (d *decoder) tooLarge(n *yaml.Node, what, want string) bool {
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return false
	}
	v := strings.ReplaceAll(n.Value, "_", "")
	f, err := strconv.ParseFloat(v, 64)
	switch {
	case n.Tag == "!!int" && want != "": // a whole number the integer reader could not hold
	case err == nil && want != "" && f == math.Trunc(f) && math.Abs(f) > math.MaxInt32: // past 64 bits, YAML reads a float
	case errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0):
	default:
		return false
	}
	if want == "" {
		want = "a number that fits, such as 1e300 at most"
	}
	d.out.Errorf(pos(n), screening.RuleWrongType, "%s is too large: %s; write %s", what, screening.Printable(n.Value), want)
	return true
}

// number reads a finite number.
func (d *decoder) number(n *yaml.Node, what string) (float64, bool) {
	if !d.usable(n) {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if n.Tag == "!!int" {
			// 0x1F and 0o17 are whole numbers too; past 64 bits, the float reading stands.
			if i, ierr := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); ierr == nil {
				v, err = float64(i), nil
			}
		}
		if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return v, true
		}
	}
	if d.tooLarge(n, what, "") {
		return 0, false
	}
	d.wrongType(n, what, "a number")
	return 0, false
}

// boolean reads true/false; yes/no are accepted too, as people write them.
func (d *decoder) boolean(n *yaml.Node, what string) bool {
	if !d.usable(n) {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes":
			if n.Tag == "!!bool" || n.Tag == "!!str" {
				return true
			}
		case "false", "no":
			if n.Tag == "!!bool" || n.Tag == "!!str" {
				return false
			}
		}
	}
	d.wrongType(n, what, "true or false")
	return false
}

// refs reads a list of ids.
func (d *decoder) refs(n *yaml.Node, what string) []screening.Ref {
	items := d.list(n, what)
	out := make([]screening.Ref, 0, len(items))
	for _, it := range items {
		id, p := d.str(it, what+" item")
		if id != "" {
			out = append(out, screening.Ref{ID: id, Pos: p})
		}
	}
	return out
}
