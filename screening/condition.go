package screening

import (
	"fmt"
	"strings"
)

// Condition is a declarative test over the answers so far, the indicators raised, or the
// concern level. It is used by a question's `when` (asked only if it holds) and an action's
// `when` (listed only if it holds). Being data, not code, every condition can be checked
// before anyone is asked anything.
type Condition struct {
	Op Op

	// The question tested (question operators).
	Question    string
	QuestionPos Pos

	// The compared value: an option value (is, is_not, includes) or a number (less_than, at_least).
	Value    string
	Number   float64
	ValuePos Pos

	// answered / declined: true tests that the state holds, false that it does not.
	Flag bool

	// The indicator tested (OpIndicator), or the level (OpLevel: possible or clear), overall or,
	// with Domain, in one domain. complete: Flag tests that the screening is complete (true) or
	// incomplete (false).
	Indicator    string
	IndicatorPos Pos
	Level        Level
	LevelPos     Pos
	Domain       string
	DomainPos    Pos

	// Sub-conditions of all, any and not (not has exactly one).
	Sub []Condition

	Pos   Pos // the condition's mapping
	OpPos Pos // the operator's key
}

// Op is a condition's operator. Its string form is the key used in the file.
type Op string

// The condition operators.
const (
	OpIs        Op = "is"
	OpIsNot     Op = "is_not"
	OpIncludes  Op = "includes"
	OpAnswered  Op = "answered"
	OpDeclined  Op = "declined"
	OpLessThan  Op = "less_than"
	OpAtLeast   Op = "at_least"
	OpIndicator Op = "indicator"
	OpLevel     Op = "level"
	OpComplete  Op = "complete"
	OpAll       Op = "all"
	OpAny       Op = "any"
	OpNot       Op = "not"
)

// QuestionOps are the operators that test a question's answer and so need `question:`.
var QuestionOps = []Op{OpIs, OpIsNot, OpIncludes, OpAnswered, OpDeclined, OpLessThan, OpAtLeast}

// IsQuestionOp reports whether op tests a question's answer.
func (op Op) IsQuestionOp() bool {
	for _, q := range QuestionOps {
		if op == q {
			return true
		}
	}
	return false
}

// opTypes says which question types each comparison operator fits. answered and declined fit all.
var opTypes = map[Op][]Type{
	OpIs:       {TypeYesNo, TypeSingle, TypeText},
	OpIsNot:    {TypeYesNo, TypeSingle, TypeText},
	OpIncludes: {TypeMulti},
	OpLessThan: {TypeNumber},
	OpAtLeast:  {TypeNumber},
}

// Fits reports whether op can test a question of type t.
func (op Op) Fits(t Type) bool {
	types, ok := opTypes[op]
	if !ok {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// Walk calls fn for c and every condition nested in it, depth first.
func (c *Condition) Walk(fn func(*Condition)) {
	if c == nil {
		return
	}
	fn(c)
	for i := range c.Sub {
		c.Sub[i].Walk(fn)
	}
}

// String describes the condition in words, for printed forms and summaries:
// `slept-where includes "hotel"`, `indicator exchange is raised`, `all of (a; b)`.
func (c *Condition) String() string {
	if c == nil {
		return "always"
	}
	switch c.Op {
	case OpIs, OpIsNot, OpIncludes:
		verb := map[Op]string{OpIs: "is", OpIsNot: "is not", OpIncludes: "includes"}[c.Op]
		return fmt.Sprintf("%s %s %q", c.Question, verb, c.Value)
	case OpAnswered, OpDeclined:
		state := map[Op]string{OpAnswered: "answered", OpDeclined: "declined"}[c.Op]
		if c.Flag {
			return fmt.Sprintf("%s is %s", c.Question, state)
		}
		return fmt.Sprintf("%s is not %s", c.Question, state)
	case OpLessThan:
		return fmt.Sprintf("%s is less than %v", c.Question, c.Number)
	case OpAtLeast:
		return fmt.Sprintf("%s is at least %v", c.Question, c.Number)
	case OpIndicator:
		return fmt.Sprintf("indicator %s is raised", c.Indicator)
	case OpLevel:
		if c.Domain != "" {
			return fmt.Sprintf("concern in %s is %s or higher", c.Domain, c.Level)
		}
		return fmt.Sprintf("concern is %s or higher", c.Level)
	case OpComplete:
		if c.Flag {
			return "the screening is complete"
		}
		return "the screening is incomplete"
	case OpAll, OpAny:
		parts := make([]string, len(c.Sub))
		for i := range c.Sub {
			parts[i] = c.Sub[i].String()
		}
		word := map[Op]string{OpAll: "all of", OpAny: "any of"}[c.Op]
		return word + " (" + strings.Join(parts, "; ") + ")"
	case OpNot:
		if len(c.Sub) == 1 {
			return "not (" + c.Sub[0].String() + ")"
		}
	}
	return string(c.Op)
}
