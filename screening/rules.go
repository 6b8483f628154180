package screening

// Rule ids are stable: CI configurations, editors and people's notes refer to them. Add rules;
// never rename or reuse one.
const (
	// Reading the file.
	RuleUnreadable        = "unreadable"
	RuleFileTooLarge      = "file-too-large"
	RuleEncoding          = "invalid-encoding"
	RuleYAMLSyntax        = "yaml-syntax"
	RuleEmptyFile         = "empty-file"
	RuleMultipleDocuments = "multiple-documents"
	RuleAlias             = "yaml-alias"
	RuleYAMLTag           = "yaml-tag"
	RuleControlCharacter  = "control-character"

	// The file's structure.
	RuleFormat           = "unknown-format"
	RuleUnknownKey       = "unknown-key"
	RuleDuplicateKey     = "duplicate-key"
	RuleWrongType        = "wrong-type"
	RuleInvalidCondition = "invalid-condition"

	// The content.
	RuleMissingField       = "missing-field"
	RuleMissingText        = "missing-text"
	RuleUnknownValue       = "unknown-value"
	RuleInvalidID          = "invalid-id"
	RuleInvalidVersion     = "invalid-version"
	RuleInvalidLanguage    = "invalid-language"
	RuleInvalidNumber      = "invalid-number"
	RuleInvalidPhone       = "invalid-phone"
	RuleInvalidURL         = "invalid-url"
	RuleInvalidDate        = "invalid-date"
	RuleDuplicateID        = "duplicate-id"
	RuleUnknownReference   = "unknown-reference"
	RuleForwardReference   = "forward-reference"
	RuleOptionValue        = "unknown-option-value"
	RuleOperatorType       = "operator-type-mismatch"
	RuleLevels             = "invalid-levels"
	RuleUnreachableLevel   = "unreachable-level"
	RuleOptionsNotAllowed  = "options-not-allowed"
	RuleOptionsRequired    = "options-required"
	RuleMisplacedField     = "misplaced-field"
	RuleReservedValue      = "reserved-value"
	RuleEmptySection       = "empty-section"
	RuleMissingSource      = "missing-source"
	RuleUnraisedIndicator  = "unraised-indicator"
	RuleUncitedSource      = "uncited-source"
	RuleNationalOverride   = "national-contact-override"
	RuleInvalidAnswer      = "invalid-answer"
	RuleUnusedResponse     = "unused-response"
	RuleMissingTranslation = "missing-translation"
	RuleTranslatedNumber   = "translated-number"
	RuleStaleTranslation   = "stale-translation"
	RuleMissingDomain      = "missing-domain"
	RuleUnusedDomain       = "unused-domain"
	RuleCompleteness       = "invalid-completeness"
	RuleEndOnlyCondition   = "end-only-condition"
	RuleDeadline           = "invalid-deadline"
	RuleNotBefore          = "invalid-not-before"
	RuleFact               = "invalid-fact"

	// Words.
	RuleStigmatizing      = "stigmatizing-language"
	RuleProfessionalLabel = "professional-label"
	RuleWhyQuestion       = "why-question"
)

// RuleInfo describes a rule for the documentation and for tools that list rules.
type RuleInfo struct {
	ID       string
	Severity Severity
	Summary  string
}

// Rules is the catalogue of every rule `validate` can report.
var Rules = []RuleInfo{
	{RuleUnreadable, SeverityError, "the file could not be read"},
	{RuleFileTooLarge, SeverityError, "the file is larger than the size limit"},
	{RuleEncoding, SeverityError, "the file is not valid UTF-8 text"},
	{RuleYAMLSyntax, SeverityError, "the file is not valid YAML"},
	{RuleEmptyFile, SeverityError, "the file holds nothing"},
	{RuleMultipleDocuments, SeverityError, "the file holds more than one YAML document"},
	{RuleAlias, SeverityError, "anchors, aliases and merge keys are not allowed"},
	{RuleYAMLTag, SeverityError, "a YAML tag such as !!binary, which asks for a value to be read as something other than it is written"},
	{RuleControlCharacter, SeverityError, "a control character or a direction override in text, which could act on a terminal or hide what the text says"},
	{RuleFormat, SeverityError, "the format key is missing or names a format this version does not know"},
	{RuleUnknownKey, SeverityError, "a key the format does not have"},
	{RuleDuplicateKey, SeverityError, "the same key twice in one mapping"},
	{RuleWrongType, SeverityError, "a value of the wrong kind (a list where text is expected, ...)"},
	{RuleInvalidCondition, SeverityError, "a condition without exactly one operator, or with keys that do not go together"},
	{RuleMissingField, SeverityError, "a required key is missing"},
	{RuleMissingText, SeverityError, "a question, option, step or action with no text"},
	{RuleUnknownValue, SeverityError, "an unknown status, mode, type, priority, level or step"},
	{RuleInvalidID, SeverityError, "an id that is not lower-case kebab-case"},
	{RuleInvalidVersion, SeverityError, "a version that is not semantic (MAJOR.MINOR.PATCH)"},
	{RuleInvalidLanguage, SeverityError, "a language that is not a BCP 47 tag"},
	{RuleInvalidNumber, SeverityError, "a weight that is not positive, or a minimum above the maximum"},
	{RuleInvalidPhone, SeverityError, "a phone number with characters a phone cannot dial"},
	{RuleInvalidURL, SeverityError, "a url that is not a web address (https or http), a tel: phone or a mailto: address"},
	{RuleInvalidDate, SeverityError, "a date that is not a real calendar date written YYYY-MM-DD"},
	{RuleDuplicateID, SeverityError, "two sections, questions, options, indicators, actions, sources or contacts with one id"},
	{RuleUnknownReference, SeverityError, "a reference to an indicator, source, contact or question that does not exist"},
	{RuleForwardReference, SeverityError, "a question's when refers to itself or to something only later questions decide; a section's, to anything in the section or after it"},
	{RuleOptionValue, SeverityError, "a condition compares with a value that is not one of the question's options"},
	{RuleOperatorType, SeverityError, "a condition's operator does not fit the question's type"},
	{RuleLevels, SeverityError, "levels that are not positive whole numbers with possible below clear, or a level rule without its score or with a weight below 1"},
	{RuleUnreachableLevel, SeverityWarning, "a level higher than all indicator weights together"},
	{RuleOptionsNotAllowed, SeverityError, "options on a question type that takes none"},
	{RuleOptionsRequired, SeverityError, "a single or multi question without options"},
	{RuleMisplacedField, SeverityError, "a key that does not apply to this question type"},
	{RuleReservedValue, SeverityError, "an option value the interview keeps for itself (declined, dont-know, skip)"},
	{RuleEmptySection, SeverityError, "a section without questions"},
	{RuleMissingSource, SeverityError, "an indicator that cites no source"},
	{RuleUnraisedIndicator, SeverityWarning, "an indicator no question or option can raise"},
	{RuleUncitedSource, SeverityWarning, "a source no indicator or action cites"},
	{RuleNationalOverride, SeverityWarning, "a contacts file replaces a national number every summary carries"},
	{RuleInvalidAnswer, SeverityError, "a scenario's answer that does not fit its question"},
	{RuleUnusedResponse, SeverityWarning, "a scenario's answer to a question that never applies to its other answers"},
	{RuleMissingTranslation, SeverityError, "a translation that lacks a string of its set, or whose steps do not match"},
	{RuleTranslatedNumber, SeverityError, "a contact's translated text whose digits differ from the contact's own text number"},
	{RuleStaleTranslation, SeverityWarning, "a translated string whose set words have changed since it was translated (its `from:` differs)"},
	{RuleMissingDomain, SeverityError, "an indicator with no domain, in a set that declares domains"},
	{RuleUnusedDomain, SeverityWarning, "a declared domain no indicator belongs to"},
	{RuleCompleteness, SeverityError, "a completeness rule that says nothing, or that no screening could meet"},
	{RuleEndOnlyCondition, SeverityError, "a condition on completeness where it is not yet known: in a question's when, or an interrupting action's"},
	{RuleDeadline, SeverityError, "an action's due that does not count from a date-and-time question, or whose within is not a length such as 24h"},
	{RuleNotBefore, SeverityError, "a not_before that is not on a date-and-time question, or does not name an earlier one"},
	{RuleFact, SeverityError, "a question's fact that its type cannot hold, or that another question already records"},
	{RuleStigmatizing, SeverityError, "words that blame or label a child, in text read aloud"},
	{RuleProfessionalLabel, SeverityWarning, "professional labels read aloud, which a youth may not recognise or accept"},
	{RuleWhyQuestion, SeverityWarning, "a question read aloud that starts with \"Why\", which sounds like blame"},
}
