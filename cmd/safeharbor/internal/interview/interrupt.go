package interview

import (
	"fmt"
	"strings"

	"github.com/safeharbor/safeharbor/screening"
	"github.com/safeharbor/safeharbor/screening/phrases"
)

// interrupt is the screen shown the moment an answer makes actions marked to interrupt apply, or
// discloses exploitation: the actions first, each with whom to call and by when, then the
// stop-and-refer guidance. Ending the screening is the default only after a disclosure.
func (c *conversation) interrupt(acts []*screening.Action, disclosed []*screening.Indicator) Interrupt {
	if len(acts) == 0 {
		return c.stopAndRefer(disclosed)
	}
	words, _ := phrases.For(c.lang)
	meta := c.cfg.Meta
	meta.Language, meta.Finished = c.lang, c.now()
	in := Interrupt{Title: c.w.ActNow}
	for _, act := range acts {
		sa := c.s.ResolveAction(act, meta)
		in.Lines = append(in.Lines, Line{Kind: screening.StepDo, Text: sa.Text})
		for _, ct := range sa.Contacts {
			in.Lines = append(in.Lines, Line{Text: contactLine(&words.Report, ct)})
		}
		if sa.Due != nil {
			in.Lines = append(in.Lines, Line{Text: sa.Due.Describe(c.lang)})
		}
	}
	if len(disclosed) > 0 {
		refer := c.stopAndRefer(disclosed)
		in.Lines = append(in.Lines, Line{Text: refer.Title})
		in.Lines = append(in.Lines, refer.Lines...)
		in.EndByDefault = true
	}
	return in
}

// contactLine is a contact with its numbers: "Emergency services: call 911".
func contactLine(r *phrases.Report, ct screening.Contact) string {
	var ways []string
	if ct.Phone != "" {
		ways = append(ways, fmt.Sprintf(r.Call, ct.Phone))
	}
	if ct.Text != "" {
		ways = append(ways, fmt.Sprintf(r.Text, ct.Text))
	}
	if ct.TTY != "" {
		ways = append(ways, fmt.Sprintf(r.TTY, ct.TTY))
	}
	if ct.URL != "" {
		ways = append(ways, ct.URL)
	}
	if len(ways) == 0 {
		return ct.Name
	}
	return ct.Name + ": " + strings.Join(ways, "; ")
}
