package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/safeharbor/safeharbor/screening"
)

// someRecords are n records of varied screenings, the same every run.
func someRecords(n int) []screening.Record {
	r := rand.New(rand.NewPCG(3, 14))
	var out []screening.Record
	for i := range n {
		h := r.IntN(120) - 1
		rec := screening.Record{
			ScreeningID: fmt.Sprintf("%064x", i+1), SetID: "post-return", SetVersion: []string{"1.0.0", "2.0.0", "2.0.0"}[r.IntN(3)],
			ScreenedMonth: []string{"2026-10", "2026-11", "2026-11", "2026-12"}[r.IntN(4)], HoursToScreening: &h,
			AgeBand: screening.AgeBands[r.IntN(4)], Concern: []screening.Level{"none", "none", "possible", "clear"}[r.IntN(4)],
			Complete: r.IntN(4) > 0, Language: "en", Interpreter: screening.InterpreterNo,
			Indicators: []string{"hotel-stays"}, Actions: []screening.RecordAction{{ID: "give-hotline", InTime: screening.InTimeNoDeadline}},
		}
		if r.IntN(3) == 0 {
			rec.Indicators = append(rec.Indicators, "older-partner")
			rec.Actions = append(rec.Actions, screening.RecordAction{ID: "report-now", InTime: screening.InTimeUnknown})
		}
		if rec.SetVersion == "2.0.0" {
			rec.Domains = []screening.RecordDomain{{ID: "sexual", Level: []screening.Level{"none", "possible", "clear"}[r.IntN(3)]}}
		}
		if r.IntN(4) == 0 {
			rec.DeclinedQuestions = []string{"paid"}
		}
		out = append(out, rec)
	}
	return out
}

func statsReport(by string, n int) *StatsReport {
	st := screening.ComputeStats(someRecords(n), screening.StatsOptions{By: by, MinCell: 11})
	return &StatsReport{Stats: st, Files: n, Duplicates: 2, Training: 1}
}

func render(t *testing.T, write func(*bytes.Buffer, *StatsReport) error, r *StatsReport) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestStatsGolden(t *testing.T) {
	r := statsReport(screening.ByMonth, 150)
	for name, write := range map[string]func(*bytes.Buffer, *StatsReport) error{
		"stats.txt":  func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsText(b, r) },
		"stats.md":   func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsMarkdown(b, r) },
		"stats.csv":  func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsCSV(b, r) },
		"stats.json": func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsJSON(b, r) },
		"stats.html": func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsHTML(b, r) },
	} {
		golden(t, name, render(t, write, r))
	}
}

// Every format says that suppression was applied, and shows no count under the minimum.
func TestStatsFormatsShowNoSmallCount(t *testing.T) {
	for _, by := range append([]string{""}, screening.ByDimensions...) {
		r := statsReport(by, 150)
		if r.Small == 0 || r.Protecting == 0 {
			t.Fatalf("by %q: nothing suppressed: the test tests nothing", by)
		}
		text := string(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsText(b, r) }, r))
		md := string(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsMarkdown(b, r) }, r))
		page := render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsHTML(b, r) }, r)
		for name, out := range map[string]string{"text": text, "markdown": md, "html": string(page)} {
			if !strings.Contains(out, "Suppression applied: every count under 11 is shown as") {
				t.Errorf("by %q, %s: does not say suppression was applied", by, name)
			}
			// A count is a number alone, or a number and its share; none under 11.
			for _, m := range regexp.MustCompile(`(?m)(?:^|\s|>)(\d+)(?: \(\d+\.\d%\))?(?:$|\s|<)`).FindAllStringSubmatch(out, -1) {
				var n int
				fmt.Sscan(m[1], &n)
				if n < 11 && n != 0 && !strings.Contains(m[0], "%") {
					continue // a number in words: "1 mock interview", "under 11", "24 hours"
				}
				if strings.Contains(m[0], "%") && n < 11 {
					t.Errorf("by %q, %s: a count of %d is shown: %q", by, name, n, m[0])
				}
			}
		}

		var js jsonStats
		if err := json.Unmarshal(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsJSON(b, r) }, r), &js); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsCSV(b, r) }, r))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		cells := 0
		for _, tb := range js.Tables {
			for _, row := range tb.Rows {
				for _, c := range row.Cells {
					cells++
					switch {
					case c.Suppressed != "" && (c.Count != nil || c.Share != nil):
						t.Errorf("by %q, JSON: a suppressed count in %s carries a number", by, tb.ID)
					case c.Suppressed == "" && (c.Count == nil || *c.Count < 11):
						t.Errorf("by %q, JSON: a published count in %s is %v", by, tb.ID, c.Count)
					}
				}
			}
		}
		if len(rows) != cells+2 { // the header, and the number of screenings
			t.Errorf("by %q: CSV has %d rows for %d counts", by, len(rows)-2, cells)
		}
		for _, row := range rows[1:] {
			var n int
			if _, err := fmt.Sscan(row[4], &n); err == nil && n < 11 {
				t.Errorf("by %q, CSV: %v", by, row)
			}
			if (row[4] == "") != (row[6] != "") {
				t.Errorf("by %q, CSV: a count and a reason it is suppressed: %v", by, row)
			}
		}
	}
}

// The page runs nothing and loads nothing: no script, no link, its one stylesheet allowed by its
// hash; every chart is drawn in the page.
func TestStatsHTMLIsSelfContained(t *testing.T) {
	page := render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsHTML(b, r) }, statsReport(screening.ByAgeBand, 150))
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var styles, svgs int
	var policy, allowed string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "link", "img", "iframe", "object", "embed":
			t.Errorf("the page has a <%s>", n.Data)
		case "style":
			styles++
			sum := sha256.Sum256([]byte(n.FirstChild.Data))
			allowed = "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		case "svg":
			svgs++
		case "meta":
			for _, a := range n.Attr {
				if a.Key == "content" && strings.Contains(a.Val, "default-src") {
					policy = a.Val
				}
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(a.Val, "javascript:") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	if !strings.Contains(policy, allowed) {
		t.Errorf("the policy %q does not allow the stylesheet (%s)", policy, allowed)
	}
	if styles != 1 || svgs < 5 || !strings.Contains(policy, "default-src 'none'") || !strings.Contains(policy, "script-src 'none'") {
		t.Errorf("styles %d, charts %d, policy %q", styles, svgs, policy)
	}
}

func TestStatsTooFew(t *testing.T) {
	r := statsReport("", 8)
	text := strings.Join(strings.Fields(string(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsText(b, r) }, r))), " ")
	if !strings.Contains(text, "Screenings counted: <11") || !strings.Contains(text, "fewer than 11 screenings, so no count can be published") || strings.Contains(text, " 8") {
		t.Errorf("%s", text)
	}
	var js map[string]any
	if err := json.Unmarshal(render(t, func(b *bytes.Buffer, r *StatsReport) error { return WriteStatsJSON(b, r) }, r), &js); err != nil {
		t.Fatal(err)
	}
	if js["screenings"] != nil || js["files"] != nil || js["duplicates"] != nil || js["too_few"] != true {
		t.Errorf("screenings %v, files %v, duplicates %v, too few %v", js["screenings"], js["files"], js["duplicates"], js["too_few"])
	}
}
