// Package phrases is the tool's own words in each language: the summary's headings, the printable
// form's key, the interview's prompts and screens, and the messages around them. What a question set
// says (its questions, labels and actions) comes translated with the set; these are the rest, so that
// nothing the tool prints is in a language the worker did not choose.
//
// A format string keeps the verbs of its English one, in the same order; a test holds every
// language to that, and to leaving no phrase out.
package phrases

import "golang.org/x/text/language"

// Catalog is every phrase of the tool in one language.
type Catalog struct {
	Tag       language.Tag
	Answers   Answers
	Report    Report
	Interview Interview
	Messages  Messages
}

// Answers are the words an answer is shown in, wherever it is shown.
type Answers struct {
	Yes, No, None string
	DecimalMark   string // between a number's whole part and its fraction
	// A date and time: the short weekday names (Sunday first) and month names, each separated by
	// a space, and how they go together (weekday, day, month, year, the clock time and zone).
	Weekdays, Months string
	DateTime         string
	// The full names of the weekdays and months, to read a date typed with them.
	WeekdayNames, MonthNames string
}

// Report is the summary and the printable form of a set.
type Report struct {
	// The summary.
	Training          string // banner on a mock interview's summary
	TrainingMark      string // the banner's first word, for a page title
	SummaryTitle      string
	SetLine           string // id, version, started, finished, language
	SetSHA256         string
	Unknown           string // a time not recorded
	EndedEarly        string // after a disclosure
	EndedEarlyUrgent  string // after an urgent step was shown at once, with nothing disclosed
	EndedEarlyPlain   string // for another reason
	EndedLeftNotAsked string // after the above, only when some question was left unasked
	DoNow             string
	AlsoToDo          string
	Concern           string
	ConcernClear      string
	ConcernPossible   string
	ConcernNone       string
	ConcernNoneBelow  string // none, with indicators raised below the level
	ConcernNoneUrgent string // none, when an urgent action is listed (911, 988)
	HowReached        string
	Score             string // total, the indicators added up, possible from, clear from
	NoIndicators      string
	BySection         string
	WhatWasSeen       string
	Weight            string // an indicator's weight
	ADisclosure       string
	Observed          string
	FromRecord        string
	Asked             string
	Sources           string
	NotAnswered       string
	ReturnLater       string
	ReturnLaterNone   string // every question left is the worker's own: none is for a later conversation
	Declined          string
	DontKnow          string
	NotAsked          string
	DeclinedValue     string
	DontKnowValue     string
	NotAskedValue     string
	Notes             string
	Contacts          string
	AllAnswers        string
	Question          string
	Answer            string
	NotADetermination string
	Urgent            string
	Required          string
	Recommended       string
	Call              string // a contact's phone
	Text              string // a contact's text number
	TTY               string
	// A printed summary's pages: the worker's case reference, and the page's number.
	CaseRef    string // the reference
	PageOf     string // this page, how many
	ContactsOf string // an action's contacts, listed once under Contacts

	// The printable form of a set.
	SetInfo         string // id, version, status, language
	Levels          string // possible from, clear from
	Key             string
	Opening         string
	Closing         string
	Indicators      string
	IndicatorLine   string // label, id, weight
	DisclosureNote  string
	DisclosureShort string
	Actions         string
	ActionLine      string // priority, condition, text
	ActionAlways    string // priority, text: an action with no condition
	EveryContact    string
	Guidance        string
	OnlyIf          string
	AYesRaises      string
	Say             string
	Do              string
	Ask             string
	Observe         string
	Record          string
	YesOrNo         string
	ChooseOne       string
	ChooseAny       string
	ANumber         string
	NumberIn        string // the unit
	AtLeast         string
	AtMost          string
	TheirWords      string

	// Conditions, as the printable form says them; ids and values stay the set's own.
	Always        string
	Is            string // question, value
	IsNot         string
	Includes      string
	IsAnswered    string // question
	IsNotAnswered string
	IsDeclined    string
	IsNotDeclined string
	LessThan      string // question, number
	AtLeastN      string
	Raised        string // indicator
	LevelOrMore   string // level
	AllOf         string
	AnyOf         string
	Not           string
	Possible      string
	Clear         string
	// Completeness, domains, level rules and deadlines in the summary.
	ConcernIncomplete  string
	ConcernNoneApplies string // incomplete because no question read aloud applies to this young person
	IncompleteToo      string
	TooFewAnswered     string // answered, read aloud that applied, the minimum
	NoneReadAloud      string // the minimum; when no question read aloud applied (a child too young)
	KeyMissing         string // the questions
	HowMuch            string // answered, applied, read aloud answered, read aloud, declined, dont-know, not asked
	NothingFromAnswers string // in place of NoIndicators when the screening is incomplete
	LevelHeld          string // level the score reached, that level, its needs
	LevelMet           string // level, its needs, the indicator
	NeedsWeight        string // the weight
	NeedsDomains       string // the domains
	NeedsWeightDomains string // the weight, the domains
	Or                 string
	ByDomain           string
	DomainLine         string // domain, level, score
	None               string // the level
	Incomplete         string // the level
	DueBy              string // when, how long, from when, the question
	DuePassed          string // when, how long, from when, the question
	DueUnknown         string // how long, the question
	Minute             string
	Minutes            string // how many
	Hour               string
	Hours              string // how many
	Day                string
	Days               string // how many
	StatusDraft        string // a set's status, in SetInfo
	StatusActive       string
	StatusRetired      string
	// The printable form: domains, level rules, completeness, interrupts, deadlines.
	Domains          string
	InDomain         string // the domain
	LevelNeeds       string // the level, its needs
	FormCompleteMin  string // the minimum
	FormCompleteKeys string // the questions
	FormIncomplete   string
	InterruptsNote   string
	DueWithin        string // how long, the question
	ADateTime        string
	NotBefore        string // the question (not_before) a date and time may not be earlier than
	DomainLevelOr    string // domain, level
	IsComplete       string
	IsIncomplete     string

	// When an action was recorded done (safeharbor report-made), and whether in time; the
	// worker's id on the summary.
	MadeInTime          string // when
	MadeLate            string // when
	MadeNoDeadline      string // when
	MadeDeadlineUnknown string // when
	WorkerID            string // the id
}

// Interview is what the interview says around the set's own text: the prompts, the choices every
// question offers, and the screens it shows.
type Interview struct {
	TrainingBanner       string // on every screen of a mock interview
	Say                  string
	Do                   string
	Also                 string // the same words in the other language
	Guidance             string
	ForYouOnly           string // a section's guidance
	BeforeYouBegin       string
	ToClose              string
	NotAnAnswerHere      string // what was typed where no answer is asked
	PressEnter           string
	Position             string // section, of sections, section title, question, of questions
	AskLabel             string // before a question read aloud, in plain lines
	ObserveLabel         string // in plain lines, before an observation
	RecordLabel          string
	ObserveTitle         string
	RecordTitle          string
	Current              string
	EnterKeeps           string
	ChooseOne            string
	ChooseMulti          string
	TypeNumber           string // the unit and range
	TypeTextRecord       string // an observation or an item of the record: the worker's words, not theirs
	TypeText             string
	OrStateWorker        string // the words plain lines take besides an answer, for the worker's own items
	OrState              string // the words plain lines take besides an answer
	FromTo               string
	AtLeast              string
	AtMost               string
	Declined             string
	DontKnow             string
	Skip                 string
	Skipped              string // a question skipped, on the review
	DeclinedAskedOnly    string
	PleaseAnswer         string
	NotYesNo             string // what was typed
	NoneGoesAlone        string
	NotAChoice           string // what was typed
	SeveralChoices       string // what was typed, the choices it fits (number and label)
	NotANumber           string // what was typed
	BelowMinimum         string // the number, the least
	AboveMaximum         string // the number, the most
	ChooseFirst          string
	LettersChooseNothing string // letters typed on a screen of choices
	LettersTickNothing   string // letters typed on a list to tick

	// What was typed before an interrupt, for a question the interview did not go on to (it
	// ended there, or went back), or before the reminder on resuming: not used, and the worker
	// is told. The first quotes the lines.
	TypedAheadDropped     string
	TypedAheadDroppedKeys string

	NothingTicked        string
	NothingBefore        string
	NoAnswerTyped        string
	OrChooseBelow        string // above the answers that are not words, under a typed line
	Recorded             string // the answer, in an interview that is not saved (answers file, self-study)
	Kept                 string // the answer
	RecordedSaved        string // the answer
	RecordedOnly         string // the answer
	NothingSaved         string // the error
	NotSavedSince        string // the time of the last save, changes since, the error
	MoreAbove            string
	MoreBelow            string // lines below
	KeysChoose           string // the highest number key
	KeysMulti            string // the highest number key
	KeysTyped            string
	KeyBack              string
	KeysRead             string
	KeysInterrupt        string
	KeysReview           string
	KeyBackToAnswer      string
	KeyBackToReview      string
	KeysGoOn             string
	KeyPause             string
	KeyStop              string
	KeyStopUnsaved       string
	StopAndRefer         string
	Disclosed            string // the indicators
	StopAsking           string
	AttendToSafety       string
	YouCanEnd            string
	EndNow               string
	GoOn                 string
	NotAnInterruptChoice string // what was typed
	EndNowQuestion       string // plain lines: Enter or yes ends, no goes on
	GoOnQuestion         string // plain lines: Enter or no goes on, yes ends
	OrBackToChange       string // plain lines, after either, when going back is offered
	NoteTitle            string // section title
	NoteHelp             string
	NoteHelpWorkerOnly   string // for a section the worker fills in alone: nothing in it is said aloud
	KeysText             string
	Now                  string // before what a note says now
	TextKeepOrRemove     string
	TextSkip             string
	LabelTitle           string
	LabelHelp            string
	LabelTooLong         string // the most, how many it has
	LabelNotPlain        string
	NoteOn               string // the section
	NoteLabel            string
	NoNote               string
	ReviewTitle          string
	ReviewHelp           string
	ReviewFinish         string
	ReviewPlain          string
	ReviewPrompt         string
	ChangedRow           string
	NotARow              string // what was typed, how many rows
	TypeDateTime         string // an example, now
	Today                string // typed before a clock time: today 14:10
	Yesterday            string
	NotADateTime         string // what was typed, an example
	InTheFuture          string // the time typed
	// How a date and time is typed in this language: DateOrder is "m/d/y" (month first, as in the
	// United States) or "d/m/y"; DateExample is a Go time layout in that order; At is the word
	// between a day and a clock time ("yesterday at 9pm"), its forms split by "|".
	DateOrder    string
	DateExample  string
	At           string
	WrongWeekday string // what was typed, the date as read (year first)
	UnknownZone  string // what was typed, this computer's time zone
	// Two times out of order (a question's not_before): the title, and why, for an answer
	// earlier than the one it may not be before, or later than one that may not be before it.
	// Each: the question, its time, the other question, its time.
	CheckTimes  string
	EarlierThan string
	LaterThan   string
	ActNow      string // the title of a screen of actions that interrupt
}

// Messages are what the command says around the interview, on standard error.
type Messages struct {
	NoWordsYet              string // the language, twice
	NoTerminalSize          string
	SummaryWritten          string // the file
	SummaryWrittenEncrypted string // the file, how many keys
	SummaryNotWritten       string // the error
	SummaryShown            string
	RecordWritten           string // the file
	RecordWrittenEncrypted  string // the file, how many keys
	RecordNotWritten        string // the folder, the error
	RecordNotForTraining    string
	AnswersInDraft          string // the draft, the command
	DraftOutOfDate          string // the draft, the error
	DraftKept               string // the draft, the flag
	DraftDeleted            string // the draft
	DraftNotDeleted         string // the draft, the error
	Stopped                 string
	InputEnded              string
	NothingToResume         string
	AllSaved                string // the draft, the command
	PartlySaved             string // the draft, the time of its last save, the changes after, the error, the command
	NothingSaved            string // the error
	Resuming                string // the draft, set, version, answered, last saved
	ResumeTitle             string
	ResumeLine              string // the draft, set, version, answered, last saved
	ResumeLabel             string // the label
	ResumeInLanguage        string // the language's name
	ResumeInLanguages       string // the young person's language, the worker's
	ResumeContacts          string // the contacts file
	ResumeTraining          string
	ResumeScenario          string // the scenario
	// A mock interview of a scenario: which set it uses and why (the scenario, set, version), and
	// that it is not the default (the default set and version).
	ScenarioSet      string
	NotTheDefault    string
	ResumeGoesOn     string
	NoDraftToResume  string
	MockDraftsApart  string // how many mock interview drafts wait apart
	ChooserTitle     string
	ChooserLine      string // number, draft, label, set, language, answered, last saved
	ChooserPrompt    string // how many drafts
	PassphrasePrompt string
	CueYouSee        string // self-study: an observation that holds
	CueYouSeeNothing string
	CueFileSays      string // the record's answer
	CueFileSilent    string
	CueFileUnclear   string
	CueShrugs        string
	CueSays          string // what they say
}
