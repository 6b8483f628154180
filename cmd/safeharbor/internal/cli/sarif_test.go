package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/safeharbor/safeharbor/screening"
)

// The SHA-256 of OASIS's SARIF 2.1.0 schema as vendored; testdata/sarif-2.1.0/README.md says
// where it came from.
const sarifSchemaSHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	data, err := os.ReadFile("testdata/sarif-2.1.0/sarif-schema-2.1.0.json")
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sarifSchemaSHA256 {
		return nil, fmt.Errorf("sarif-schema-2.1.0.json is not the vendored OASIS schema (sha256 %x)", sum)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("sarif-schema-2.1.0.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The library's own uri checks are lenient (Go's url.Parse takes a space); RFC 3986 is not.
	c.RegisterFormat(&jsonschema.Format{Name: "uri-reference", Validate: rfc3986Format(false)})
	c.RegisterFormat(&jsonschema.Format{Name: "uri", Validate: rfc3986Format(true)})
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("sarif-schema-2.1.0.json")
})

func rfc3986Format(absolute bool) func(v any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		if problem := uriProblem(s, absolute); problem != "" {
			return fmt.Errorf("%q is not an RFC 3986 URI%s: %s", s, map[bool]string{true: "", false: " reference"}[absolute], problem)
		}
		return nil
	}
}

// uriProblem says why s is not a URI (or, with absolute false, a URI reference) as RFC 3986
// writes one; "" when it is.
func uriProblem(s string, absolute bool) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/?#[]", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "a % not followed by two hex digits"
			}
		default:
			return fmt.Sprintf("the byte %q must be percent-encoded", c)
		}
	}
	if strings.Count(s, "#") > 1 {
		return "more than one #"
	}
	// A colon before the first /, ? or # ends a scheme, which must be one.
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	colon := strings.IndexByte(s[:end], ':')
	if colon < 0 {
		if absolute {
			return "no scheme"
		}
		return ""
	}
	scheme := s[:colon]
	if scheme == "" || !('a' <= scheme[0] && scheme[0] <= 'z' || 'A' <= scheme[0] && scheme[0] <= 'Z') {
		return "a colon in the first segment of a relative reference"
	}
	for i := 1; i < len(scheme); i++ {
		c := scheme[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') {
			return "a colon in the first segment of a relative reference"
		}
	}
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// checkSARIF holds a log to OASIS's SARIF 2.1.0 schema, formats included.
func checkSARIF(t *testing.T, what string, log []byte) {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatalf("load the SARIF schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", what, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s is not valid SARIF 2.1.0:\n%v", what, err)
	}
}

// The schema is really applied: a log it must refuse is refused, formats included.
func TestSARIFSchemaRefusesBadLogs(t *testing.T) {
	sch, err := sarifSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "bad set.yaml"}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "100%.yaml"}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "señal.yaml"}}}]}]}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "not a uri"}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the SARIF schema accepted %s", bad)
		}
	}
	for _, good := range []string{"a.yaml", "sets/bad%20set%2C%20100%25%20%C3%B1.yaml", "file:///tmp/x.yaml", "a%3Ab.yaml", "./a:b.yaml"} {
		if p := uriProblem(good, false); p != "" {
			t.Errorf("%s: %s", good, p)
		}
	}
}

// sarifLog is what the tests read of a log.
type sarifLogRead struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID              string        `json:"id"`
					FullDescription *sarifMessage `json:"fullDescription"`
					Help            *sarifMessage `json:"help"`
					HelpURI         string        `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// Files named with a space, a comma, %, ñ or a colon, relative and absolute, come out as URIs
// RFC 3986 reads and that name the same files again: relative references for relative paths,
// file URIs for absolute ones.
func TestSARIFLocationsAreURIs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	bad := []byte("format: safeharbor/v1\nid: Bad_Id\n")
	names := []string{"bad set, 100% ñ.yaml", "a:b.yaml", filepath.Join("sets", "plain.yaml")}
	if err := os.Mkdir("sets", 0o700); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.WriteFile(n, bad, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	absolute := filepath.Join(dir, "sets", "plain.yaml")
	args := append([]string{"validate", "--format", "sarif"}, names...)
	code, stdout, stderr := run(t, append(args, absolute)...)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkSARIF(t, "validate --format sarif", []byte(stdout))
	var log sarifLogRead
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"bad set, 100% ñ.yaml": true, "a:b.yaml": true, "sets/plain.yaml": true, absolute: true}
	for _, res := range log.Runs[0].Results {
		raw := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("%s: %v", raw, err)
			continue
		}
		name := u.Path
		if u.Scheme == "file" {
			if !filepath.IsAbs(filepath.FromSlash(u.Path)) || u.Host != "" {
				t.Errorf("%s: a file URI with no absolute path", raw)
			}
		} else if u.Scheme != "" || strings.HasPrefix(raw, "/") {
			t.Errorf("%s: a relative path written as neither a relative reference nor a file URI", raw)
		}
		if _, ok := want[filepath.FromSlash(name)]; !ok {
			t.Errorf("uri %s names %q, which is none of the files", raw, name)
		}
		want[filepath.FromSlash(name)] = false
	}
	for name, none := range want {
		if none {
			t.Errorf("no results for %s", name)
		}
	}
}

// Every rule says what it checks and how to fix it, with a page to read (GitHub requires a full
// description and help of every rule), and the tool says where to learn about it.
func TestSARIFRulesCarryHelp(t *testing.T) {
	code, stdout, _ := run(t, "validate", "--format", "sarif")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	checkSARIF(t, "validate --format sarif of the shipped files", []byte(stdout))
	var log sarifLogRead
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	d := log.Runs[0].Tool.Driver
	if !strings.HasPrefix(d.InformationURI, "https://") {
		t.Errorf("informationUri %q", d.InformationURI)
	}
	if len(d.Rules) != len(screening.Rules) {
		t.Fatalf("%d rules in the log, %d in the catalogue", len(d.Rules), len(screening.Rules))
	}
	for i, r := range d.Rules {
		if r.ID != screening.Rules[i].ID {
			t.Errorf("rule %d is %s, want %s", i, r.ID, screening.Rules[i].ID)
		}
		if r.FullDescription == nil || !strings.Contains(strings.ToLower(r.FullDescription.Text), strings.ToLower(screening.Rules[i].Summary)) {
			t.Errorf("%s: full description %+v", r.ID, r.FullDescription)
		}
		if r.Help == nil || len(r.Help.Text) <= len(screening.Rules[i].Summary) {
			t.Errorf("%s: help %+v", r.ID, r.Help)
		}
		if !strings.HasPrefix(r.HelpURI, "https://") {
			t.Errorf("%s: helpUri %q", r.ID, r.HelpURI)
		}
	}
}
