package questions

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
)

// streamInputs is a mix of what a policy team's folder holds: the shipped sets, contacts and
// scenarios, an agency's own contacts and the set that names them, a scenario of that set,
// broken files, a file that cannot be read, a set whose format line is not first, two files of
// one id and version, and a set a scenario names that has errors.
func streamInputs(t *testing.T) []Input {
	t.Helper()
	var inputs []Input
	for _, pattern := range []string{ContactsPath, WordingPath, "*/v*.yaml", "*/" + TranslationsDirName + "/*.yaml", ScenariosDir + "/*.yaml"} {
		names, err := fs.Glob(FS(), pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			data, err := fs.ReadFile(FS(), name)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, Input{Name: name, Data: data})
		}
	}
	county := strings.Replace(baseYAML, "contacts: [hotline, ncmec]", "contacts: [hotline, ncmec, county-intake]", 1)
	formatLast := strings.Replace(baseYAML, "format: safeharbor/v1\n", "", 1) + "format: \"safeharbor/v1\"\n"
	broken := strings.Replace(baseYAML, "levels: {possible: 2, clear: 4}", "levels: {possible: 4, clear: 2}", 1)
	return append(inputs,
		Input{Name: "agency/contacts.yaml", Data: []byte("format: safeharbor-contacts/v1\ncontacts:\n  - {id: county-intake, name: County intake, phone: 555-0100}\n")},
		Input{Name: "agency/sets/test/v1.0.0.yaml", Data: []byte(county)},
		Input{Name: "agency/sets/test/copy/v1.0.0.yaml", Data: []byte(strings.Replace(county, "title: Test set", "title: The same id and version", 1))},
		Input{Name: "agency/sets/late/v1.0.0.yaml", Data: []byte(strings.Replace(formatLast, "id: test", "id: late", 1))},
		Input{Name: "agency/sets/broken/v1.0.0.yaml", Data: []byte(strings.Replace(broken, "id: test", "id: broken", 1))},
		Input{Name: "agency/scenarios/quiet.yaml", Data: []byte("format: safeharbor-scenario/v1\nid: quiet\ntitle: Quiet\nset: test@1.0.0\nresponses:\n  slept: {answer: [friend]}\n  partner: {answer: \"no\"}\nexpect:\n  concern: none\n")},
		Input{Name: "agency/scenarios/late.yaml", Data: []byte("format: safeharbor-scenario/v1\nid: late\ntitle: Late\nset: late@1.0.0\nresponses:\n  slept: {answer: [hotel]}\nexpect:\n  concern: none\n")},
		Input{Name: "agency/scenarios/wrong.yaml", Data: []byte("format: safeharbor-scenario/v1\nid: wrong\ntitle: Wrong\nset: test@1.0.0\nresponses:\n  partner: {says: Maybe., answer: maybe}\nexpect:\n  concern: none\n")},
		Input{Name: "agency/scenarios/broken.yaml", Data: []byte("format: safeharbor-scenario/v1\nid: broken\ntitle: Broken\nset: broken@1.0.0\nresponses: {}\nexpect:\n  concern: none\n")},
		Input{Name: "agency/bad/syntax.yaml", Data: []byte("format: safeharbor/v1\ntitle: [unclosed\n")},
		Input{Name: "agency/bad/empty.yaml", Data: nil},
		Input{Name: "agency/bad/locked.yaml", Err: fs.ErrPermission},
	)
}

func sources(inputs []Input, reads *atomic.Int64) []Source {
	srcs := make([]Source, len(inputs))
	for i, in := range inputs {
		srcs[i] = Source{Name: in.Name, Read: func() ([]byte, error) {
			if reads != nil {
				reads.Add(1)
			}
			return in.Data, in.Err
		}}
	}
	return srcs
}

func render(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", d.File, d.Pos.Line, d.Pos.Column, d.Severity, d.Message, d.Rule)
	}
	return b.String()
}

// Checking files as they come, on several goroutines, finds what checking them all together
// finds: the same findings, in the same order, whatever the number of workers.
func TestValidateSourcesFindsWhatValidateFinds(t *testing.T) {
	inputs := streamInputs(t)
	base := testBase(t)
	want := render(Validate(inputs, base))
	for _, rule := range []string{"unknown-reference", "invalid-levels", "yaml-syntax", "empty-file", "unreadable", "invalid-answer"} {
		if !strings.Contains(want, "["+rule+"]") {
			t.Fatalf("the inputs do not exercise %s:\n%s", rule, want)
		}
	}
	if strings.Contains(want, "county-intake") {
		t.Fatalf("a set naming the agency's contact was checked without its contacts file:\n%s", want)
	}
	for _, workers := range []int{1, 2, 8} {
		var reads atomic.Int64
		got, err := ValidateSources(context.Background(), sources(inputs, &reads), base, workers)
		if err != nil {
			t.Fatal(err)
		}
		if g := render(got); g != want {
			t.Errorf("%d workers:\n got:\n%s\nwant:\n%s", workers, g, want)
		}
		if reads.Load() > int64(2*len(inputs)) {
			t.Errorf("%d workers read %d times for %d files", workers, reads.Load(), len(inputs))
		}
	}
}

// A file whose first lines say set but which is something else is still checked as what it is.
func TestValidateSourcesWhenTheFormatLineMisleads(t *testing.T) {
	// The format key at the start of a line inside a flow mapping spread over lines is not
	// where the decoder reads it: the regular expression takes it for a set.
	contacts := "{format: safeharbor-contacts/v1,\nformat: safeharbor/v1\n, contacts: [{id: county-intake, name: County intake, phone: 555-0100}]}\n"
	set := strings.Replace(baseYAML, "contacts: [hotline, ncmec]", "contacts: [hotline, ncmec, county-intake]", 1)
	inputs := []Input{{Name: "contacts.yaml", Data: []byte(contacts)}, {Name: "set.yaml", Data: []byte(set)}}
	base := testBase(t)
	want := render(Validate(inputs, base))
	got, err := ValidateSources(context.Background(), sources(inputs, nil), base, 2)
	if err != nil {
		t.Fatal(err)
	}
	if g := render(got); g != want {
		t.Errorf("got:\n%s\nwant:\n%s", g, want)
	}
}

// An interrupted validation stops taking files and says it was interrupted.
func TestValidateSourcesStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reads atomic.Int64
	srcs := make([]Source, 1000)
	for i := range srcs {
		srcs[i] = Source{Name: fmt.Sprintf("set-%d.yaml", i), Read: func() ([]byte, error) {
			if reads.Add(1) == 10 {
				cancel()
			}
			return generatedSet(i), nil
		}}
	}
	_, err := ValidateSources(ctx, srcs, testBase(t), 2)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := reads.Load(); n > 20 {
		t.Errorf("read %d files after being cancelled at the 10th", n)
	}
}

func TestSniffFormat(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"format: safeharbor/v1\nid: x\n", FormatSet},
		{"# a comment\nformat: \"safeharbor/v1\"  # the set format\n", FormatSet},
		{"id: x\nformat: 'safeharbor-contacts/v1'\r\n", FormatContacts},
		{"id: x\n  format: safeharbor/v1\n", ""},   // indented: not a top-level key
		{"help: |\n  format: safeharbor/v1\n", ""}, // inside a block of text
		{"format: [safeharbor/v1]\n", ""},          // not a plain value
		{"format: safeharbor/v1 and more\n", ""},   // not one word
		{"id: x\n", ""},
	} {
		if got := sniffFormat([]byte(tc.text)); got != tc.want {
			t.Errorf("sniffFormat(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
