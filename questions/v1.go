package questions

import (
	"go.yaml.in/yaml/v3"

	"github.com/safeharbor/safeharbor/screening"
)

// The keys of format safeharbor/v1, per mapping. The JSON Schema (schema/safeharbor-v1.json)
// must list the same keys; a test holds the two together.
var (
	SetKeys          = []string{"format", "id", "version", "status", "title", "description", "language", "sources", "levels", "domains", "completeness", "opening", "closing", "sections", "indicators", "actions", "contacts"}
	SourceKeys       = []string{"id", "title", "publisher", "year", "url"}
	LevelKeys        = []string{"possible", "clear"}
	LevelRuleKeys    = []string{"score", "min_weight", "domains"}
	DomainKeys       = []string{"id", "label"}
	CompletenessKeys = []string{"min_answered", "key_questions"}
	DueKeys          = []string{"from", "within"}
	StepKeys         = []string{"say", "do"}
	SectionKeys      = []string{"id", "title", "help", "when", "questions"}
	QuestionKeys     = []string{"id", "mode", "type", "text", "help", "options", "min", "max", "unit", "indicator", "when", "not_before", "fact"}
	OptionKeys       = []string{"value", "label", "indicator"}
	IndicatorKeys    = []string{"id", "label", "weight", "sources", "disclosure", "help", "domain"}
	ActionKeys       = []string{"id", "priority", "when", "text", "contacts", "interrupt", "due", "sources"}
	ConditionKeys    = []string{"question", "domain", "is", "is_not", "includes", "answered", "declined", "less_than", "at_least", "indicator", "level", "complete", "all", "any", "not"}
)

func (d *decoder) set(root *yaml.Node) *screening.QuestionSet {
	s := &screening.QuestionSet{Pos: pos(root)}
	fs, _ := d.fields(root, "the question set", SetKeys)
	for _, f := range fs {
		v := f.val
		switch f.name {
		case "format":
			s.Format, _ = d.str(v, "format")
		case "id":
			s.ID, s.IDPos = d.str(v, "id")
		case "version":
			s.Version, s.VersionPos = d.str(v, "version")
		case "status":
			s.Status, s.StatusPos = typed[screening.Status](d.str(v, "status"))
		case "title":
			s.Title, s.TitlePos = d.str(v, "title")
		case "description":
			s.Description, s.DescriptionPos = d.str(v, "description")
		case "language":
			s.Language, s.LangPos = d.str(v, "language")
		case "sources":
			s.SourcesPos = pos(f.key)
			for _, it := range d.list(v, "sources") {
				s.Sources = append(s.Sources, d.source(it))
			}
		case "levels":
			s.LevelsPos = pos(f.key)
			s.Levels = d.levels(v)
		case "domains":
			s.DomainsPos = pos(f.key)
			for _, it := range d.list(v, "domains") {
				s.Domains = append(s.Domains, d.domain(it))
			}
		case "completeness":
			s.CompletePos = pos(f.key)
			s.Complete = d.completeness(v)
		case "opening":
			s.Opening = d.steps(v, "opening")
		case "closing":
			s.Closing = d.steps(v, "closing")
		case "sections":
			s.SectionsPos = pos(f.key)
			for _, it := range d.list(v, "sections") {
				s.Sections = append(s.Sections, d.section(it))
			}
		case "indicators":
			s.IndicatorsPos = pos(f.key)
			for _, it := range d.list(v, "indicators") {
				s.Indicators = append(s.Indicators, d.indicator(it))
			}
		case "actions":
			for _, it := range d.list(v, "actions") {
				s.Actions = append(s.Actions, d.action(it))
			}
		case "contacts":
			s.Contacts = d.refs(v, "contacts")
		}
	}
	return s
}

func (d *decoder) source(n *yaml.Node) screening.Source {
	src := screening.Source{Pos: pos(n)}
	fs, _ := d.fields(n, "a source", SourceKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			src.ID, src.IDPos = d.str(f.val, "a source's id")
		case "title":
			src.Title, _ = d.str(f.val, "a source's title")
		case "publisher":
			src.Publisher, _ = d.str(f.val, "a source's publisher")
		case "year":
			src.Year, _ = d.integer(f.val, "a source's year")
		case "url":
			src.URL, src.URLPos = d.str(f.val, "a source's url")
		}
	}
	return src
}

func (d *decoder) levels(n *yaml.Node) screening.Levels {
	var l screening.Levels
	fs, _ := d.fields(n, "levels", LevelKeys)
	for _, f := range fs {
		switch f.name {
		case "possible":
			l.Possible, l.PossiblePos, l.PossibleNeeds = d.level(f.val, "levels.possible")
		case "clear":
			l.Clear, l.ClearPos, l.ClearNeeds = d.level(f.val, "levels.clear")
		}
	}
	return l
}

// level reads one level: a score (`clear: 5`), or a score with what else the level needs
// (`clear: {score: 5, min_weight: 2, domains: [sexual, labor]}`).
func (d *decoder) level(n *yaml.Node, what string) (int, screening.Pos, screening.Needs) {
	if n.Kind != yaml.MappingNode {
		score, p := d.integer(n, what)
		return score, p, screening.Needs{}
	}
	needs := screening.Needs{Pos: pos(n)}
	score, scorePos := 0, pos(n)
	fs, _ := d.fields(n, what, LevelRuleKeys)
	for _, f := range fs {
		switch f.name {
		case "score":
			score, scorePos = d.integer(f.val, what+".score")
		case "min_weight":
			needs.MinWeight, needs.MinWeightPos = d.integer(f.val, what+".min_weight")
		case "domains":
			needs.Domains = d.refs(f.val, what+".domains")
		}
	}
	if scorePos == pos(n) {
		d.out.Errorf(pos(n), screening.RuleLevels, "%s has no `score:`, the total weight at which it is reached", what)
	}
	return score, scorePos, needs
}

func (d *decoder) domain(n *yaml.Node) screening.Domain {
	dom := screening.Domain{Pos: pos(n)}
	fs, _ := d.fields(n, "a domain", DomainKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			dom.ID, dom.IDPos = d.str(f.val, "a domain's id")
		case "label":
			dom.Label, dom.LabelPos = d.str(f.val, "a domain's label")
		}
	}
	return dom
}

func (d *decoder) completeness(n *yaml.Node) *screening.CompletenessRule {
	r := &screening.CompletenessRule{Pos: pos(n)}
	fs, _ := d.fields(n, "completeness", CompletenessKeys)
	for _, f := range fs {
		switch f.name {
		case "min_answered":
			r.MinAnswered, r.MinAnsweredPos = d.integer(f.val, "completeness.min_answered")
		case "key_questions":
			r.KeyQuestions = d.refs(f.val, "completeness.key_questions")
		}
	}
	return r
}

func (d *decoder) steps(n *yaml.Node, what string) []screening.Step {
	var steps []screening.Step
	for _, it := range d.list(n, what) {
		fs, ok := d.fields(it, "a step of the "+what, StepKeys)
		if !ok {
			continue
		}
		if len(it.Content) != 2 {
			d.out.Errorf(pos(it), screening.RuleWrongType, "each step of the %s is one `say:` (read aloud) or one `do:` (for the worker); make separate steps", what)
			continue
		}
		if len(fs) != 1 {
			continue // its one key is unknown, and reported
		}
		text, p := d.str(fs[0].val, fs[0].name)
		steps = append(steps, screening.Step{Kind: screening.StepKind(fs[0].name), Text: text, Pos: p})
	}
	return steps
}

func (d *decoder) section(n *yaml.Node) screening.Section {
	sec := screening.Section{Pos: pos(n)}
	fs, _ := d.fields(n, "a section", SectionKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			sec.ID, sec.IDPos = d.str(f.val, "a section's id")
		case "title":
			sec.Title, sec.TitlePos = d.str(f.val, "a section's title")
		case "help":
			sec.Help, _ = d.str(f.val, "a section's help")
		case "when":
			sec.WhenPos = pos(f.key)
			sec.When = d.condition(f.val)
		case "questions":
			items := d.list(f.val, "questions")
			sec.Questions = make([]screening.Question, 0, len(items))
			for _, it := range items {
				sec.Questions = append(sec.Questions, d.question(it))
			}
		}
	}
	return sec
}

func (d *decoder) question(n *yaml.Node) screening.Question {
	q := screening.Question{Pos: pos(n)}
	fs, _ := d.fields(n, "a question", QuestionKeys)
	for _, f := range fs {
		v := f.val
		switch f.name {
		case "id":
			q.ID, q.IDPos = d.str(v, "a question's id")
		case "mode":
			var m string
			m, q.ModePos = d.str(v, "mode")
			q.Mode = screening.Mode(m)
		case "type":
			var t string
			t, q.TypePos = d.str(v, "type")
			q.Type = screening.Type(t)
		case "text":
			q.Text, q.TextPos = d.str(v, "text")
		case "help":
			q.Help, _ = d.str(v, "help")
		case "options":
			q.OptionsPos = pos(f.key)
			items := d.list(v, "options")
			q.Options = make([]screening.Option, 0, len(items))
			for _, it := range items {
				q.Options = append(q.Options, d.option(it))
			}
		case "min":
			q.MinPos = pos(v)
			if x, ok := d.number(v, "min"); ok {
				q.Min = &x
			}
		case "max":
			q.MaxPos = pos(v)
			if x, ok := d.number(v, "max"); ok {
				q.Max = &x
			}
		case "unit":
			q.Unit, _ = d.str(v, "unit")
		case "indicator":
			id, p := d.str(v, "indicator")
			q.Indicator = screening.Ref{ID: id, Pos: p}
		case "when":
			q.WhenPos = pos(f.key)
			q.When = d.condition(v)
		case "not_before":
			id, p := d.str(v, "not_before")
			q.NotBefore = screening.Ref{ID: id, Pos: p}
		case "fact":
			var fact string
			fact, q.FactPos = d.str(v, "fact")
			q.Fact = screening.Fact(fact)
		}
	}
	return q
}

func (d *decoder) option(n *yaml.Node) screening.Option {
	o := screening.Option{Pos: pos(n)}
	fs, _ := d.fields(n, "an option", OptionKeys)
	for _, f := range fs {
		switch f.name {
		case "value":
			o.Value, o.ValuePos = d.str(f.val, "an option's value")
		case "label":
			o.Label, o.LabelPos = d.str(f.val, "an option's label")
		case "indicator":
			id, p := d.str(f.val, "an option's indicator")
			o.Indicator = screening.Ref{ID: id, Pos: p}
		}
	}
	return o
}

func (d *decoder) indicator(n *yaml.Node) screening.Indicator {
	ind := screening.Indicator{Pos: pos(n)}
	fs, _ := d.fields(n, "an indicator", IndicatorKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			ind.ID, ind.IDPos = d.str(f.val, "an indicator's id")
		case "label":
			ind.Label, ind.LabelPos = d.str(f.val, "an indicator's label")
		case "weight":
			ind.Weight, ind.WeightPos = d.integer(f.val, "weight")
		case "sources":
			ind.SrcsPos = pos(f.key)
			ind.Sources = d.refs(f.val, "an indicator's sources")
		case "disclosure":
			ind.Disclosure = d.boolean(f.val, "disclosure")
		case "domain":
			id, p := d.str(f.val, "an indicator's domain")
			ind.Domain = screening.Ref{ID: id, Pos: p}
		case "help":
			ind.Help, _ = d.str(f.val, "an indicator's help")
		}
	}
	return ind
}

func (d *decoder) action(n *yaml.Node) screening.Action {
	a := screening.Action{Pos: pos(n)}
	fs, _ := d.fields(n, "an action", ActionKeys)
	for _, f := range fs {
		switch f.name {
		case "id":
			a.ID, a.IDPos = d.str(f.val, "an action's id")
		case "priority":
			var p string
			p, a.PriorityPos = d.str(f.val, "priority")
			a.Priority = screening.Priority(p)
		case "when":
			a.WhenPos = pos(f.key)
			a.When = d.condition(f.val)
		case "text":
			a.Text, a.TextPos = d.str(f.val, "an action's text")
		case "contacts":
			a.Contacts = d.refs(f.val, "an action's contacts")
		case "interrupt":
			a.InterruptPos = pos(f.key)
			a.Interrupt = d.boolean(f.val, "interrupt")
		case "due":
			a.Due = d.due(f.val)
		case "sources":
			a.Sources = d.refs(f.val, "an action's sources")
		}
	}
	return a
}

// due reads an action's deadline: `{from: QUESTION, within: 24h}`.
func (d *decoder) due(n *yaml.Node) *screening.Due {
	due := &screening.Due{Pos: pos(n)}
	fs, ok := d.fields(n, "due", DueKeys)
	if !ok {
		return nil
	}
	for _, f := range fs {
		switch f.name {
		case "from":
			id, p := d.str(f.val, "due.from")
			due.From = screening.Ref{ID: id, Pos: p}
		case "within":
			due.WithinText, due.WithinPos = d.str(f.val, "due.within")
			due.Within, _ = screening.ParseWithin(due.WithinText)
		}
	}
	return due
}

// maxConditionDepth bounds nesting of all/any/not; a real condition is two or three deep.
const maxConditionDepth = 32

// condition decodes a condition; nil when it is malformed (the problem is reported).
func (d *decoder) condition(n *yaml.Node) *screening.Condition {
	return d.conditionAt(n, 0)
}

func (d *decoder) conditionAt(n *yaml.Node, depth int) *screening.Condition {
	if depth > maxConditionDepth {
		d.out.Errorf(pos(n), screening.RuleInvalidCondition, "conditions nest more than %d deep; simplify", maxConditionDepth)
		return nil
	}
	fs, ok := d.fields(n, "a condition", ConditionKeys)
	if !ok {
		return nil
	}
	c := &screening.Condition{Pos: pos(n)}
	var ops []field
	var question, domain *field
	for i := range fs {
		f := &fs[i]
		switch f.name {
		case "question":
			question = f
			continue
		case "domain":
			domain = f
			continue
		}
		ops = append(ops, *f)
	}
	if len(ops) != 1 {
		if len(ops) == 0 {
			d.out.Errorf(pos(n), screening.RuleInvalidCondition, "a condition needs one operator: is, is_not, includes, answered, declined, less_than or at_least with `question:`; or indicator, level (with an optional `domain:`), complete, all, any or not")
		} else {
			d.out.Errorf(pos(ops[1].key), screening.RuleInvalidCondition, "a condition has one operator, but this one has %q and %q; combine conditions with all: or any:", ops[0].name, ops[1].name)
		}
		return nil
	}
	op := ops[0]
	c.Op, c.OpPos = screening.Op(op.name), pos(op.key)
	if c.Op.IsQuestionOp() != (question != nil) {
		if question == nil {
			d.out.Errorf(pos(op.key), screening.RuleInvalidCondition, "%q tests a question's answer: add `question:` with the question's id", op.name)
		} else {
			d.out.Errorf(pos(question.key), screening.RuleInvalidCondition, "`question:` does not go with %q; %q stands alone", op.name, op.name)
		}
		return nil
	}
	if question != nil {
		c.Question, c.QuestionPos = d.str(question.val, "question")
	}
	if domain != nil {
		if c.Op != screening.OpLevel {
			d.out.Errorf(pos(domain.key), screening.RuleInvalidCondition, "`domain:` goes with `level:` (the level in that domain), not with %q", op.name)
			return nil
		}
		c.Domain, c.DomainPos = d.str(domain.val, "domain")
	}
	v := op.val
	switch c.Op {
	case screening.OpIs, screening.OpIsNot, screening.OpIncludes:
		c.Value, c.ValuePos = d.str(v, op.name)
		if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
			// `is: true` on a yesno question means yes.
			c.Value = map[bool]string{true: "yes", false: "no"}[c.Value == "true"]
		}
	case screening.OpAnswered, screening.OpDeclined, screening.OpComplete:
		c.Flag = d.boolean(v, op.name)
	case screening.OpLessThan, screening.OpAtLeast:
		c.ValuePos = pos(v)
		c.Number, _ = d.number(v, op.name)
	case screening.OpIndicator:
		c.Indicator, c.IndicatorPos = d.str(v, "indicator")
	case screening.OpLevel:
		c.Level, c.LevelPos = typed[screening.Level](d.str(v, "level"))
	case screening.OpAll, screening.OpAny:
		items := d.list(v, op.name)
		if len(items) == 0 {
			d.out.Errorf(pos(v), screening.RuleInvalidCondition, "%q needs a list of at least one condition", op.name)
			return nil
		}
		for _, it := range items {
			if sub := d.conditionAt(it, depth+1); sub != nil {
				c.Sub = append(c.Sub, *sub)
			}
		}
		if len(c.Sub) != len(items) {
			return nil
		}
	case screening.OpNot:
		sub := d.conditionAt(v, depth+1)
		if sub == nil {
			return nil
		}
		c.Sub = []screening.Condition{*sub}
	default:
		d.out.Errorf(pos(op.key), screening.RuleInvalidCondition, "operator %q is not handled by this version", op.name)
		return nil
	}
	return c
}
