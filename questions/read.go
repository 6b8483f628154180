// Package questions knows the files: the YAML formats of question sets, contacts and the
// wording list, their decoders, and the shipped files embedded in the binary. It maps every
// file onto screening types, keeping the line and column of every value.
package questions

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// MaxFileSize is the largest file safeharbor reads: 2 MiB. A question set of a few hundred
// questions is well under 200 KiB; anything larger is refused before it is parsed, so a stray
// huge file cannot stall a CI run.
const MaxFileSize = 2 << 20

// Kind is what a file holds, as its `format:` says.
type Kind int

// The kinds of file.
const (
	KindUnknown Kind = iota
	KindSet
	KindContacts
	KindWording
	KindScenario
	KindTranslation
)

// The formats this version reads.
const (
	FormatSet         = "safeharbor/v1"
	FormatContacts    = "safeharbor-contacts/v1"
	FormatWording     = "safeharbor-wording/v1"
	FormatScenario    = "safeharbor-scenario/v1"
	FormatTranslation = "safeharbor-translation/v1"
)

var formats = []string{FormatSet, FormatContacts, FormatWording, FormatScenario, FormatTranslation}

// File is one decoded file: what it holds and what was found wrong with it.
type File struct {
	Name        string
	Kind        Kind
	SHA256      string // of the bytes read, hex
	Set         *screening.QuestionSet
	Contacts    []screening.Contact
	Wording     *WordingFile
	Scenario    *screening.Scenario
	Translation *screening.Translation
	Findings    screening.Findings
}

// ReadAll reads r up to MaxFileSize. It returns errTooLarge, without reading the rest, for
// anything larger.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, ErrTooLarge
	}
	return data, nil
}

// ErrTooLarge is returned for a file over MaxFileSize.
var ErrTooLarge = fmt.Errorf("file is larger than the %d MiB limit", MaxFileSize>>20)

// ReadError turns an error from reading a file into a finding.
func ReadError(err error) screening.Finding {
	f := screening.Finding{Pos: screening.Pos{Line: 1, Column: 1}, Severity: screening.SeverityError, Rule: screening.RuleUnreadable, Message: "cannot read the file: " + err.Error()}
	if errors.Is(err, ErrTooLarge) {
		f.Rule = screening.RuleFileTooLarge
		f.Message = fmt.Sprintf("the file is larger than %d MiB, the most safeharbor reads; a question set is far smaller, so check this is the right file", MaxFileSize>>20)
	}
	return f
}

// Decode decodes one file's bytes. It never panics and never fails: what is wrong is in
// File.Findings, and what could be decoded is in File.
func Decode(name string, data []byte) *File {
	sum := sha256.Sum256(data)
	f := &File{Name: name, SHA256: hex.EncodeToString(sum[:])}
	if len(data) > MaxFileSize {
		f.Findings = append(f.Findings, ReadError(ErrTooLarge))
		return f
	}
	root, ok := parse(data, &f.Findings, "a question set starts with `format: "+FormatSet+"`")
	if !ok {
		return f
	}
	d := &decoder{out: &f.Findings}
	if root.Kind != yaml.MappingNode {
		d.wrongType(root, "the file", "a mapping of keys such as `format:`, `id:` and `sections:`")
		return f
	}
	format, fpos := "", screening.Pos{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "format" {
			v := root.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				d.wrongType(v, "format", "text such as `"+FormatSet+"`")
				return f
			}
			format, fpos = v.Value, pos(v)
			break
		}
	}
	switch format {
	case FormatSet:
		f.Kind = KindSet
		f.Set = d.set(root)
	case FormatContacts:
		f.Kind = KindContacts
		f.Contacts = d.contactsFile(root)
	case FormatWording:
		f.Kind = KindWording
		f.Wording = d.wordingFile(root)
	case FormatScenario:
		f.Kind = KindScenario
		f.Scenario = d.scenario(root)
	case FormatTranslation:
		f.Kind = KindTranslation
		f.Translation = d.translation(root)
	case "":
		d.out.Errorf(pos(root), screening.RuleFormat, "the file has no `format:` key; a question set starts with `format: %s`", FormatSet)
	default:
		d.out.Errorf(fpos, screening.RuleFormat, "unknown format %q: this version of safeharbor reads %s%s", format, quote(formats), screening.DidYouMean(format, formats))
	}
	return f
}

// parse checks the bytes are text and YAML, and returns the single document's root node. kind
// says what the file should be, for the message about an empty one: an answers file, or a file
// whose first key is format.
func parse(data []byte, out *screening.Findings, kind string) (*yaml.Node, bool) {
	empty := func(p screening.Pos, what string) {
		if kind == "an answers file" {
			out.Errorf(p, screening.RuleEmptyFile, "the answers file %s; it starts with `set:` and `answers:`", what)
			return
		}
		out.Errorf(p, screening.RuleEmptyFile, "the file %s; %s", what, kind)
	}
	if p, msg, bad := badText(data); bad {
		out.Errorf(p, screening.RuleEncoding, "%s", msg)
		return nil, false
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			empty(screening.Pos{Line: 1, Column: 1}, "is empty")
		} else {
			syntaxError(data, err, out)
		}
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		out.Errorf(pos(&next), screening.RuleMultipleDocuments, "a second YAML document starts here; keep one question set per file")
		return nil, false
	case !errors.Is(err, io.EOF):
		syntaxError(data, err, out)
		return nil, false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		empty(screening.Pos{Line: 1, Column: 1}, "is empty")
		return nil, false
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		empty(pos(root), "holds no keys")
		return nil, false
	}
	if tagged(root, out) {
		return nil, false
	}
	return root, true
}

// plainTags are the explicit tags a file may use: they only say which of YAML's own kinds a
// value is (!!str 15 is the text "15").
var plainTags = map[string]bool{"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true, "!!seq": true, "!!map": true}

// tagged reports every other explicit tag in the tree. A tag such as !!binary or
// !!python/object asks for a value to be read as something other than it is written: the
// decoder would take the text as it stands, and the file would not mean what its author meant.
func tagged(n *yaml.Node, out *screening.Findings) bool {
	found := false
	if n.Style&yaml.TaggedStyle != 0 && !plainTags[n.ShortTag()] {
		out.Errorf(pos(n), screening.RuleYAMLTag, "the tag %s is not allowed: write the value itself, as text, a number, a list or a mapping", screening.Printable(n.Tag))
		found = true
	}
	for _, c := range n.Content {
		found = tagged(c, out) || found
	}
	return found
}

// badText finds the first byte that is not UTF-8 text or is a control character YAML refuses,
// and says where it is.
func badText(data []byte) (screening.Pos, string, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return screening.Pos{Line: line, Column: col}, fmt.Sprintf("byte 0x%02X is not UTF-8 text; save the file as UTF-8 (is it a binary file?)", data[i]), true
		case r == '\n':
			line, col = line+1, 0
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7F:
			return screening.Pos{Line: line, Column: col}, fmt.Sprintf("control character U+%04X is not allowed in YAML (is it a binary file?)", r), true
		case r == 0xFEFF && i > 0:
			return screening.Pos{Line: line, Column: col}, "a byte-order mark in the middle of the file; remove it", true
		}
		i += size
		col++
	}
	return screening.Pos{}, "", false
}

var (
	yamlLineRE      = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	unknownAnchorRE = regexp.MustCompile(`^unknown anchor '([^']*)' referenced$`)
)

// syntaxError turns a YAML parser error into a finding at its line, with a hint for tabs.
func syntaxError(data []byte, err error, out *screening.Findings) {
	msg := err.Error()
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	// The parser (unlike the scanner) reports a 0-based line: "did not find expected ..." names
	// the line before the one where the unfinished construct is. Measured in questions tests.
	if strings.HasPrefix(msg, "did not find expected") {
		line = min(line+1, bytes.Count(data, []byte("\n"))+1)
	}
	// An undefined alias comes with no line: find it.
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
			col := i - bytes.LastIndexByte(data[:i], '\n')
			out.Errorf(screening.Pos{Line: line, Column: col}, screening.RuleYAMLSyntax, "YAML syntax: alias *%s refers to no anchor; aliases are not allowed anyway, so write the value out", m[1])
			return
		}
	}
	col := 1
	// The parser often names the line before a tab that breaks the indentation: look at both.
	for _, l := range []int{line, line + 1} {
		text := lineText(data, l)
		if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
			line, col = l, i+1
			if !strings.Contains(msg, "tab") {
				msg += "; YAML does not allow tabs for indentation: indent with spaces"
			} else {
				msg += ": indent with spaces"
			}
			break
		}
	}
	out.Errorf(screening.Pos{Line: line, Column: col}, screening.RuleYAMLSyntax, "YAML syntax: %s", msg)
}

func lineText(data []byte, line int) string {
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return ""
		}
		data = data[i+1:]
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return string(data)
}

func quote(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}
