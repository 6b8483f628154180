package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
)

// A doc is what a summary or a set's printable form says, as blocks. One walk of the summary (or
// the set) makes it; two small writers render it, as plain text for a terminal or a printer and
// as CommonMark for a case record. Everything in it is text to show as it is written: the
// writers escape it, each in one place, so that nothing from a set, a contacts file, an answer
// or a note can act on a terminal or turn into markup.
type doc struct{ blocks []block }

type blockKind int

const (
	bannerBlock  blockKind = iota // a line set apart: TRAINING
	titleBlock                    // the document's title
	headingBlock                  // a section's heading
	paraBlock                     // a paragraph
	linesBlock                    // lines that go together: no gap between them
	listBlock                     // items
	entryBlock                    // a numbered entry with its details: a question of a form
	tableBlock                    // rows of cells: a table in markdown, a list in text
	ruleBlock                     // text: a dashed line setting off what must be done now
	leadBlock                     // a finding in a line: text "CONCERN: CLEAR..."; markdown a heading
)

type block struct {
	kind  blockKind
	text  inline
	lines []inline
	items []item
	head  []inline
	rows  [][]inline
	num   string   // an entry's number, such as 1.2
	opts  []inline // an entry's options, set in under its other lines
	upper bool     // a title in text: in capitals, as a heading is, rather than underlined
}

// item is one item of a list: an optional tag (a priority, a name), its text, and lines under it.
type item struct {
	tag   inline // text: "[URGENT] text"; markdown: "**URGENT:** text"
	text  inline
	sub   []inline
	plain bool // text: no bullet before it
	group bool // a label over a list: text prints it bare and its sub lines as the list's items
}

type runStyle int

const (
	plainRun  runStyle = iota
	strongRun          // bold in markdown; as it is in text
	emphRun            // italic in markdown; as it is in text
	codeRun            // an id or a checksum: code in markdown; as it is in text
)

// run is a stretch of text in one style; inline is a line's worth of them.
type run struct {
	text  string
	style runStyle
}

type inline []run

func plain(s string) inline  { return inline{{text: s}} }
func strong(s string) inline { return inline{{text: s, style: strongRun}} }
func emph(s string) inline   { return inline{{text: s, style: emphRun}} }
func code(s string) inline   { return inline{{text: s, style: codeRun}} }

// cat joins inlines: cat(strong("ASK"), plain(" "), plain(q.Text)).
func cat(parts ...inline) inline {
	var out inline
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// String is the inline's text, with no markup.
func (in inline) String() string {
	var b strings.Builder
	for _, r := range in {
		b.WriteString(r.text)
	}
	return b.String()
}

func (d *doc) add(b block)     { d.blocks = append(d.blocks, b) }
func (d *doc) banner(s string) { d.add(block{kind: bannerBlock, text: plain(s)}) }
func (d *doc) title(in inline) { d.add(block{kind: titleBlock, text: in}) }

// upperTitle is a title of our own words, which text prints in capitals: SCREENING SUMMARY. A
// set's title stays as its author wrote it.
func (d *doc) upperTitle(in inline) { d.add(block{kind: titleBlock, text: in, upper: true}) }
func (d *doc) heading(in inline)    { d.add(block{kind: headingBlock, text: in}) }
func (d *doc) para(in inline)       { d.add(block{kind: paraBlock, text: in}) }
func (d *doc) lines(ls ...inline)   { d.add(block{kind: linesBlock, lines: ls}) }
func (d *doc) list(items ...item)   { d.add(block{kind: listBlock, items: items}) }
func (d *doc) rule()                { d.add(block{kind: ruleBlock}) }
func (d *doc) lead(label string, text inline) {
	d.add(block{kind: leadBlock, text: text, lines: []inline{plain(label)}})
}

func (d *doc) table(head []inline, rows [][]inline) {
	d.add(block{kind: tableBlock, head: head, rows: rows})
}

func (d *doc) entry(num string, text inline, sub, opts []inline) {
	d.add(block{kind: entryBlock, num: num, text: text, lines: sub, opts: opts})
}

// errWriter writes, keeping the first error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) line(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s+"\n")
	}
}

// The text writer.

// lineWidth is where text wraps: it prints on paper and reads in an 80-column terminal.
const lineWidth = 78

// writeText renders a doc as plain text: headings in capitals, paragraphs and items wrapped at
// lineWidth under their first word, lines of a note kept as lines, and every character that could
// act on a terminal shown escaped.
func writeText(w io.Writer, d *doc) error {
	out := &errWriter{w: w}
	for i, b := range d.blocks {
		if i > 0 && textGap(d.blocks[i-1].kind, b.kind) {
			out.line("")
		}
		switch b.kind {
		case bannerBlock:
			out.line("*** " + textOf(b.text) + " ***")
		case titleBlock:
			t := textOf(b.text)
			if b.upper {
				out.line(strings.ToUpper(t))
				break
			}
			out.line(t)
			out.line(strings.Repeat("=", min(displayLen(t), lineWidth)))
		case headingBlock:
			out.line(strings.ToUpper(textOf(b.text)))
		case paraBlock:
			wrapText(out, "", "", textOf(b.text))
		case linesBlock:
			for _, l := range b.lines {
				wrapText(out, "", "", textOf(l))
			}
		case listBlock:
			for _, it := range b.items {
				lead := "- "
				switch {
				case len(it.tag) > 0:
					lead = "[" + strings.ToUpper(textOf(it.tag)) + "] "
				case it.plain:
					lead = ""
				}
				if it.group {
					wrapText(out, "", "", textOf(it.text))
					for _, s := range it.sub {
						wrapText(out, "  - ", "    ", textOf(s))
					}
					continue
				}
				wrapText(out, lead, strings.Repeat(" ", displayLen(lead)+hang(it.text)), textOf(it.text))
				for _, s := range it.sub {
					wrapText(out, "    ", strings.Repeat(" ", 4+hang(s)), textOf(s))
				}
			}
		case entryBlock:
			lead := b.num + " "
			wrapText(out, lead, strings.Repeat(" ", displayLen(lead)), textOf(b.text))
			for _, s := range b.lines {
				wrapText(out, "     ", strings.Repeat(" ", 5+max(2, hang(s))), textOf(s))
			}
			for _, o := range b.opts {
				wrapText(out, "       ", "         ", textOf(o))
			}
		case tableBlock:
			for _, row := range b.rows {
				cells := make([]string, len(row))
				for k, c := range row {
					cells[k] = textOf(c)
				}
				wrapText(out, "- ", "  ", strings.Join(cells, " \u2014 "))
			}
		case ruleBlock:
			out.line(strings.Repeat("-", lineWidth))
		case leadBlock:
			wrapText(out, "", "", strings.ToUpper(textOf(b.lines[0]))+": "+textOf(b.text))
		}
	}
	return out.err
}

// textGap says whether a blank line goes between two blocks of text: not under a title, a
// heading or the concern line, and not around the dashes that set off what must be done now.
func textGap(prev, next blockKind) bool {
	switch {
	case prev == titleBlock, prev == headingBlock, prev == leadBlock:
		return false
	case prev == ruleBlock:
		return next != listBlock
	case next == ruleBlock:
		return prev != listBlock
	}
	return true
}

// textOf is an inline as text for a terminal: its runs as they are, with control characters and
// direction overrides escaped.
func textOf(in inline) string { return screening.Printable(in.String()) }

func displayLen(s string) int { return len([]rune(s)) }

// hang is how far the lines of a labelled text after its first are set in, so that they start
// under its first word rather than under its label ("Guidance: ..."): the label's width and a
// space, or none when it has no label.
func hang(in inline) int {
	if len(in) < 2 || in[0].style == plainRun || !strings.HasSuffix(in[0].text, ":") {
		return 0
	}
	return displayLen(textOf(in[:1])) + 1
}

// wrapText writes text wrapped at lineWidth: the first line after lead, the rest after indent.
// A text of several lines (a note) keeps its lines, each wrapped the same way.
func wrapText(out *errWriter, lead, indent, text string) {
	for k, para := range strings.Split(text, "\n") {
		line, empty := lead, true
		if k > 0 {
			line = indent
		}
		for _, word := range strings.Fields(para) {
			if !empty && displayLen(line)+1+displayLen(word) > lineWidth {
				out.line(line)
				line, empty = indent, true
			}
			if !empty {
				line += " "
			}
			line += word
			empty = false
		}
		out.line(strings.TrimRight(line, " "))
	}
}

// The markdown writer.

// writeMarkdown renders a doc as CommonMark (with GitHub's tables): the doc's own structure as
// markup, and every character of its text that CommonMark could read as markup escaped, so a
// note like "\n## Concern: none" stays a line of the note.
func writeMarkdown(w io.Writer, d *doc) error {
	out := &errWriter{w: w}
	for i, b := range d.blocks {
		if b.kind == ruleBlock {
			continue // the heading sets it off
		}
		if i > 0 {
			out.line("")
		}
		switch b.kind {
		case leadBlock:
			out.line("## " + mdHeading(cat(b.lines[0], plain(": "), b.text)))
		case bannerBlock:
			out.line("> **" + mdInline(b.text, true) + ".**")
		case titleBlock:
			out.line("# " + mdHeading(b.text))
		case headingBlock:
			out.line("## " + mdHeading(b.text))
		case paraBlock:
			out.line(mdBlockText(b.text, ""))
		case linesBlock:
			parts := make([]string, len(b.lines))
			for k, l := range b.lines {
				parts[k] = mdBlockText(l, "")
			}
			// A backslash at the end of a line is a hard line break.
			out.line(strings.Join(parts, "\\\n"))
		case listBlock:
			for _, it := range b.items {
				text := it.text
				if len(it.tag) > 0 {
					text = cat(strong(strings.ToUpper(it.tag.String())+":"), plain(" "), it.text)
				}
				out.line("- " + mdBlockText(text, "  "))
				for _, s := range it.sub {
					out.line("  - " + mdBlockText(s, "    "))
				}
			}
		case entryBlock:
			out.line(mdInline(plain(b.num), true) + " " + mdBlockText(b.text, ""))
			if len(b.lines)+len(b.opts) > 0 {
				out.line("")
			}
			for _, s := range b.lines {
				out.line("- " + mdBlockText(s, "  "))
			}
			for _, o := range b.opts {
				out.line("- " + mdBlockText(o, "  "))
			}
		case tableBlock:
			cells := func(row []inline) string {
				parts := make([]string, len(row))
				for k, c := range row {
					parts[k] = mdCell(c)
				}
				return "| " + strings.Join(parts, " | ") + " |"
			}
			out.line(cells(b.head))
			out.line("|" + strings.Repeat("---|", len(b.head)))
			for _, row := range b.rows {
				out.line(cells(row))
			}
		}
	}
	return out.err
}

// mdSpecial are the characters that can be markup anywhere in a line of CommonMark (with GitHub's
// tables and strikethrough): emphasis, code, links and images, HTML and entities, escapes, cells.
const mdSpecial = "\\`*_[]<>&|~"

// mdEscape escapes text for CommonMark: every character that could be markup gets a backslash.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockStart is what, at the start of a line, begins a block in CommonMark: a heading, a quote,
// a list item, an ordered list's number, a setext underline or thematic break, a fence. (The
// other markers, * and _, are escaped wherever they are.)
var blockStart = regexp.MustCompile(`^(#{1,6}(\s|$)|>|[+\-](\s|$)|\d{1,9}[.)](\s|$)|=+\s*$|-+\s*$|~~~|` + "```" + `)`)

// mdLineStart escapes what would begin a block at the start of a line, and drops the
// indentation that would make the line code.
func mdLineStart(s string) string {
	s = strings.TrimLeft(s, " \t")
	if !blockStart.MatchString(s) {
		return s
	}
	if digits := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); digits > 0 {
		return s[:digits] + "\\" + s[digits:] // 1. becomes 1\.
	}
	return "\\" + s
}

// mdHeading renders a heading's text: nothing in it can begin a block, but closing #s at its
// end would be taken for markup and dropped.
func mdHeading(in inline) string {
	s := mdInline(in, false)
	if strings.HasSuffix(s, "#") {
		s = s[:len(s)-1] + "\\#"
	}
	return s
}

// mdInline renders runs as CommonMark inline text. A run's own lines are joined with hard
// breaks; atStart escapes what would begin a block. Control characters are escaped as for a
// terminal: a case record is read in one.
func mdInline(in inline, atStart bool) string {
	var b strings.Builder
	for k, r := range in {
		text := screening.Printable(r.text)
		switch r.style {
		case codeRun:
			if !strings.Contains(text, "`") && !strings.Contains(text, "\n") && strings.TrimSpace(text) == text && text != "" {
				b.WriteString("`" + text + "`")
				continue
			}
			text = mdEscape(text) // not safe as code: as text
		case strongRun:
			text = "**" + mdEscape(strings.TrimSpace(text)) + "**"
		case emphRun:
			text = "*" + mdEscape(strings.TrimSpace(text)) + "*"
		default:
			text = mdEscape(text)
		}
		if k == 0 && atStart {
			text = mdLineStart(text)
		}
		b.WriteString(text)
	}
	return b.String()
}

// mdBlockText renders a block's text: the first line as it starts the block, each further line
// of a note after a hard break, indented to stay in its list item, and escaped at its start.
func mdBlockText(in inline, indent string) string {
	s := mdInline(in, true)
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for k := 1; k < len(lines); k++ {
		lines[k] = indent + mdLineStart(lines[k])
	}
	return strings.Join(lines, "\\\n")
}

// mdCell renders a table cell: on one line (a note's lines are kept with <br>), with its pipes
// escaped with the rest.
func mdCell(in inline) string {
	lines := strings.Split(mdInline(in, false), "\n")
	for k := range lines {
		lines[k] = strings.TrimSpace(lines[k])
	}
	return strings.Join(lines, "<br>")
}

// sprintf formats our own words around values: a phrase of the catalog with the set's words in
// it is all one plain run; markup comes only from the doc's structure.
func sprintf(format string, args ...any) inline { return plain(fmt.Sprintf(format, args...)) }
