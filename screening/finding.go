package screening

import "fmt"

// Severity of a finding: an error fails validation, a warning fails it only under --strict.
type Severity int

// The severities.
const (
	SeverityError Severity = iota
	SeverityWarning
)

func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Finding is one problem found in a file: where, how bad, which rule, and what to do about it.
type Finding struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Message  string
}

// Findings collects findings; the zero value is ready to use.
type Findings []Finding

// Errorf adds an error for rule at pos.
func (fs *Findings) Errorf(pos Pos, rule, format string, args ...any) {
	*fs = append(*fs, Finding{Pos: pos, Severity: SeverityError, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning for rule at pos.
func (fs *Findings) Warnf(pos Pos, rule, format string, args ...any) {
	*fs = append(*fs, Finding{Pos: pos, Severity: SeverityWarning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any finding is an error.
func (fs Findings) HasErrors() bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}
