package questions

import (
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor-scenario/v1.
var (
	ScenarioKeys = []string{"format", "id", "title", "set", "persona", "responses", "expect"}
	PersonaKeys  = []string{"age", "background", "what_happened", "how_they_talk", "only_if_asked_well"}
	ResponseKeys = []string{"says", "answer"}
	ExpectKeys   = []string{"concern", "indicators", "actions", "complete", "domains", "interrupts", "not_raised", "not_listed"}
)

func (d *decoder) scenario(root *yaml.Node) *screening.Scenario {
	sc := &screening.Scenario{Pos: pos(root)}
	fs, _ := d.fields(root, "the scenario", ScenarioKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			sc.ID, sc.IDPos = d.str(f.val, "id")
		case "title":
			sc.Title, sc.TitlePos = d.str(f.val, "title")
		case "set":
			sc.Set, sc.SetPos = d.str(f.val, "set")
		case "persona":
			pfs, _ := d.fields(f.val, "the persona", PersonaKeys)
			for _, p := range pfs {
				switch p.name {
				case "age":
					sc.Persona.Age, _ = d.integer(p.val, "age")
				case "background":
					sc.Persona.Background, _ = d.str(p.val, "background")
				case "what_happened":
					sc.Persona.WhatHappened, _ = d.str(p.val, "what_happened")
				case "how_they_talk":
					sc.Persona.HowTheyTalk, _ = d.str(p.val, "how_they_talk")
				case "only_if_asked_well":
					sc.Persona.OnlyIfAskedWell, _ = d.str(p.val, "only_if_asked_well")
				}
			}
		case "responses":
			for _, p := range d.idPairs(f.val, "responses", "a mapping of question ids to responses") {
				r := screening.Response{QuestionID: p.name, Pos: pos(p.key)}
				rfs, ok := d.fields(p.val, "a response ({says: ..., answer: ...})", ResponseKeys)
				if !ok {
					continue
				}
				for _, rf := range rfs {
					switch rf.name {
					case "says":
						r.Says, _ = d.str(rf.val, "says")
					case "answer":
						r.AnswerPos = pos(rf.val)
						r.Answer, r.HasAnswer = d.rawAnswer(rf.val, "the answer to "+p.name)
					}
				}
				sc.Responses = append(sc.Responses, r)
			}
		case "expect":
			efs, _ := d.fields(f.val, "expect", ExpectKeys)
			for _, e := range efs {
				switch e.name {
				case "concern":
					sc.Expect.Concern, sc.Expect.ConcernPos = typed[screening.Level](d.str(e.val, "concern"))
				case "indicators":
					sc.Expect.Indicators = d.refs(e.val, "expected indicators")
				case "actions":
					sc.Expect.Actions = d.refs(e.val, "expected actions")
				case "complete":
					complete := d.boolean(e.val, "complete")
					sc.Expect.Complete, sc.Expect.CompletePos = &complete, pos(e.val)
				case "domains":
					for _, p := range d.idPairs(e.val, "expected domains", "a mapping of domain ids to levels") {
						level, lp := typed[screening.Level](d.str(p.val, "the level expected in "+p.name))
						sc.Expect.Domains = append(sc.Expect.Domains, screening.DomainExpectation{Domain: p.name, Level: level, Pos: pos(p.key), LevelPos: lp})
					}
				case "interrupts":
					sc.Expect.Interrupts = d.refs(e.val, "expected interrupts")
				case "not_raised":
					sc.Expect.NotRaised = d.refs(e.val, "indicators expected not to be raised")
				case "not_listed":
					sc.Expect.NotListed = d.refs(e.val, "actions expected not to be listed")
				}
			}
		}
	}
	return sc
}
