package questions

import (
	"context"
	"regexp"
	"sync"
	"sync/atomic"

	"github.com/safeharbor/safeharbor/screening"
)

// Source is one file to validate, read when its turn comes: ValidateSources holds a file's bytes
// only while it decodes and checks it.
type Source struct {
	Name string
	Read func() ([]byte, error)
}

// ValidateSources decodes and checks files as Validate does, with the same findings, but on
// several goroutines at once, and without holding every file: a question set is checked as soon
// as it is decoded and then let go, unless a scenario or translation among the files names it.
// Memory stays near one file's worth for each worker however many files there are.
//
// It goes through the files twice. The first pass reads each one, decodes and keeps those that
// other files depend on (contacts, word lists, scenarios, translations, anything whose kind its
// first lines do not tell), and notes the rest as sets. The second reads and checks the sets,
// with every contact and listed term known. Scenarios and translations are checked last.
//
// When ctx is done it stops taking files and returns ctx's error.
func ValidateSources(ctx context.Context, srcs []Source, base Base, workers int) ([]Diagnostic, error) {
	workers = max(1, min(workers, len(srcs)))
	kept := make([]*File, len(srcs))            // files other checks depend on, decoded in the first pass
	findings := make([][]Diagnostic, len(srcs)) // what each set of the second pass found
	isSet := make([]bool, len(srcs))

	// The first pass.
	err := each(ctx, len(srcs), workers, func(i int) {
		data, err := srcs[i].Read()
		if err != nil {
			kept[i] = &File{Name: srcs[i].Name, Findings: screening.Findings{ReadError(err)}}
			return
		}
		if sniffFormat(data) == FormatSet {
			isSet[i] = true
			return
		}
		kept[i] = Decode(srcs[i].Name, data)
	})
	if err != nil {
		return nil, err
	}
	var shared []*File
	for _, f := range kept {
		if f != nil {
			shared = append(shared, f)
		}
	}
	opt := checkShared(shared, base)
	needed := namedSets(shared)

	// The second pass: each set is checked as soon as it is decoded.
	var late atomic.Bool // a file read as a set whose decoding says otherwise
	err = each(ctx, len(srcs), workers, func(i int) {
		if !isSet[i] {
			return
		}
		data, err := srcs[i].Read()
		if err != nil {
			kept[i] = &File{Name: srcs[i].Name, Findings: screening.Findings{ReadError(err)}}
			return
		}
		f := Decode(srcs[i].Name, data)
		if f.Kind != KindSet && f.Kind != KindUnknown {
			late.Store(true)
			return
		}
		if f.Kind == KindSet && checkSetFile(f, opt) && needed[f.Set.ID+"@"+f.Set.Version] {
			kept[i] = f
			return
		}
		findings[i] = diagnostics(f)
	})
	if err != nil {
		return nil, err
	}
	if late.Load() {
		// A file's first lines said set and its decoding said otherwise (a contacts file, say):
		// the sets were checked without it. Rare enough to check everything again in memory.
		return validateInMemory(ctx, srcs, base)
	}

	// Sets that the first pass decoded (their first lines did not say) are checked now; then every
	// set without errors is known to scenarios, in the files' order, so that a later file of the
	// same id and version wins, as in Validate.
	sets := baseSets(base)
	for i, f := range kept {
		if f == nil || f.Kind != KindSet || f.Set == nil {
			continue
		}
		if isSet[i] || checkSetFile(f, opt) {
			sets[f.Set.ID+"@"+f.Set.Version] = f
		}
	}
	checkDependents(shared, sets, opt)

	var out []Diagnostic
	for i := range srcs {
		out = append(out, findings[i]...)
		if kept[i] != nil {
			out = append(out, diagnostics(kept[i])...)
		}
	}
	SortDiagnostics(out)
	return out, nil
}

// validateInMemory reads every file and validates them together, as Validate does.
func validateInMemory(ctx context.Context, srcs []Source, base Base) ([]Diagnostic, error) {
	inputs := make([]Input, len(srcs))
	for i, s := range srcs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		inputs[i].Name = s.Name
		inputs[i].Data, inputs[i].Err = s.Read()
	}
	return Validate(inputs, base), nil
}

// each calls do for 0..n-1 on workers goroutines, and stops handing out work when ctx is done.
func each(ctx context.Context, n, workers int, do func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				do(i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

func diagnostics(f *File) []Diagnostic {
	out := make([]Diagnostic, len(f.Findings))
	for i, fd := range f.Findings {
		out[i] = Diagnostic{File: f.Name, Finding: fd}
	}
	return out
}

// namedSets are the sets (id@version) that scenarios and translations among files name.
func namedSets(files []*File) map[string]bool {
	named := make(map[string]bool)
	for _, f := range files {
		var ref string
		switch {
		case f.Kind == KindScenario && f.Scenario != nil:
			ref = f.Scenario.Set
		case f.Kind == KindTranslation && f.Translation != nil:
			ref = f.Translation.Set
		default:
			continue
		}
		id, version := ParseSetRef(ref)
		named[id+"@"+version] = true
	}
	return named
}

// formatLine is a top-level format key: at the start of a line, since anything indented or
// inside a block scalar is not at the top level.
var formatLine = regexp.MustCompile(`(?m)^format:[ \t]*["']?([A-Za-z0-9./_-]+)["']?[ \t]*(?:#.*)?\r?$`)

// sniffFormat is the format a file's top-level format key names, without decoding the file, or
// "" when none can be read that way. Decoding stays the authority: ValidateSources checks again.
func sniffFormat(data []byte) string {
	// The format key comes first in nearly every file; look there before the whole file.
	head := data[:min(len(data), 4096)]
	m := formatLine.FindSubmatch(head)
	if m == nil && len(data) > len(head) {
		m = formatLine.FindSubmatch(data)
	}
	if m == nil {
		return ""
	}
	return string(m[1])
}
