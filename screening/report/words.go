package report

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/safeharbor/safeharbor/screening"
)

// words are the fixed phrases of the summary and the printable form, in one language. What a set
// says (questions, labels, actions) comes translated with the set; these are the rest, so a
// summary is written wholly in the worker's language. A format string keeps the verbs of its
// English one, in the same order; a test holds every language to that and to leaving none out.
type words struct {
	// The summary.
	Training          string // banner on a mock interview's summary
	TrainingMark      string // the banner's first word, for a page title
	SummaryTitle      string
	SetLine           string // id, version, started, finished, language
	SetSHA256         string
	Unknown           string // a time not recorded
	EndedEarly        string
	DoNow             string
	AlsoToDo          string
	Concern           string
	ConcernClear      string
	ConcernPossible   string
	ConcernNone       string
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

	// The printable form of a set.
	SetInfo         string // id, version, status, language
	Levels          string // possible from, clear from
	Key             string
	KeyMarkdown     string
	Opening         string
	Closing         string
	Indicators      string
	IndicatorLine   string // label, id, weight
	DisclosureNote  string
	DisclosureShort string
	Actions         string
	ActionLine      string // priority, condition, text
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
	IndicatorHeader string // the markdown table's header row
	AnswerHeader    string

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
}

var english = words{
	Training:          "TRAINING: a mock interview, not a real screening",
	TrainingMark:      "TRAINING",
	SummaryTitle:      "Screening summary",
	SetLine:           "Set %s %s. Started %s, finished %s. Language: %s.",
	SetSHA256:         "Set file sha256",
	Unknown:           "unknown",
	EndedEarly:        "The worker ended the conversation early, after a disclosure; the questions left are listed as not asked.",
	DoNow:             "Do now",
	AlsoToDo:          "Also to do",
	Concern:           "Concern",
	ConcernClear:      "CLEAR. There are clear indicators of concern: further assessment is needed now.",
	ConcernPossible:   "POSSIBLE. There are indicators of concern: further assessment is needed.",
	ConcernNone:       "NONE. No indicators of concern were found in this conversation; that does not rule anything out.",
	HowReached:        "How it was reached",
	Score:             "score %d = %s; possible from %d, clear from %d",
	NoIndicators:      "no indicators raised",
	BySection:         "By section",
	WhatWasSeen:       "What was seen",
	Weight:            "weight %d",
	ADisclosure:       "a disclosure",
	Observed:          "Observed:",
	FromRecord:        "From the record:",
	Asked:             "Asked:",
	Sources:           "Sources",
	NotAnswered:       "Not answered",
	ReturnLater:       "A later conversation can return to these.",
	Declined:          "Preferred not to say",
	DontKnow:          "Did not know",
	NotAsked:          "Not asked",
	DeclinedValue:     "(preferred not to say)",
	DontKnowValue:     "(did not know)",
	NotAskedValue:     "(not asked)",
	Notes:             "Notes",
	Contacts:          "Contacts",
	AllAnswers:        "All answers",
	Question:          "Question",
	Answer:            "Answer",
	NotADetermination: "This is a screening, not a determination. It shows where further assessment is needed; no single indicator proves exploitation, and none rules it out.",
	Urgent:            "urgent",
	Required:          "required",
	Recommended:       "recommended",
	Call:              "call %s",
	Text:              "text %s",
	TTY:               "TTY %s",

	SetInfo:         "Set %s, version %s (%s), language %s",
	Levels:          "Concern is possible from a total indicator weight of %d and clear from %d. A screening is not a determination: it shows where more assessment is needed.",
	Key:             `Key: ASK = read aloud to the young person; OBSERVE = the worker notes it, never read aloud; RECORD = from the case file. Every question can be answered "prefers not to say" or "doesn't know".`,
	KeyMarkdown:     `**Ask**: read aloud to the young person. **Observe**: the worker notes it, never read aloud. **Record**: from the case file. Every question can be answered "prefers not to say" or "doesn't know".`,
	Opening:         "Opening",
	Closing:         "Closing",
	Indicators:      "Indicators",
	IndicatorLine:   "%s (%s), weight %d",
	DisclosureNote:  "a disclosure: stop probing, attend to safety, refer for a forensic interview",
	DisclosureShort: "disclosure: stop and refer",
	Actions:         "Actions",
	ActionLine:      "%s, when %s: %s",
	EveryContact:    "Contacts on every summary",
	Guidance:        "Guidance",
	OnlyIf:          "Only if",
	AYesRaises:      "A yes raises",
	Say:             "Say",
	Do:              "Do",
	Ask:             "ASK",
	Observe:         "OBSERVE, do not read aloud",
	Record:          "RECORD",
	YesOrNo:         "yes or no",
	ChooseOne:       "choose one",
	ChooseAny:       "choose any",
	ANumber:         "a number",
	NumberIn:        " of %s",
	AtLeast:         ", at least %v",
	AtMost:          ", at most %v",
	TheirWords:      "their words",
	IndicatorHeader: "| indicator | id | weight | sources |",
	AnswerHeader:    "| question | answer |",

	Always:        "always",
	Is:            "%s is %q",
	IsNot:         "%s is not %q",
	Includes:      "%s includes %q",
	IsAnswered:    "%s is answered",
	IsNotAnswered: "%s is not answered",
	IsDeclined:    "%s is declined",
	IsNotDeclined: "%s is not declined",
	LessThan:      "%s is less than %v",
	AtLeastN:      "%s is at least %v",
	Raised:        "indicator %s is raised",
	LevelOrMore:   "concern is %s or higher",
	AllOf:         "all of",
	AnyOf:         "any of",
	Not:           "not",
	Possible:      "possible",
	Clear:         "clear",
}

// spanish is US Spanish for a worker, in the words the Spanish sets use: detección for a
// screening, señales for indicators, revelación for a disclosure.
var spanish = words{
	Training:          "CAPACITACIÓN: una entrevista de práctica, no una detección real",
	TrainingMark:      "CAPACITACIÓN",
	SummaryTitle:      "Resumen de la detección",
	SetLine:           "Conjunto %s %s. Empezó %s, terminó %s. Idioma: %s.",
	SetSHA256:         "sha256 del archivo del conjunto",
	Unknown:           "sin registrar",
	EndedEarly:        "Quien entrevistaba terminó la conversación antes, después de una revelación; las preguntas que quedaban aparecen como no hechas.",
	DoNow:             "Hacer ahora",
	AlsoToDo:          "También por hacer",
	Concern:           "Preocupación",
	ConcernClear:      "CLARA. Hay señales claras de preocupación: hace falta una evaluación más a fondo ahora.",
	ConcernPossible:   "POSIBLE. Hay señales de preocupación: hace falta una evaluación más a fondo.",
	ConcernNone:       "NINGUNA. En esta conversación no se encontraron señales de preocupación; eso no descarta nada.",
	HowReached:        "Cómo se llegó a este nivel",
	Score:             "puntaje %d = %s; posible desde %d, clara desde %d",
	NoIndicators:      "ninguna señal",
	BySection:         "Por sección",
	WhatWasSeen:       "Lo que se encontró",
	Weight:            "peso %d",
	ADisclosure:       "una revelación",
	Observed:          "Observado:",
	FromRecord:        "Del expediente:",
	Asked:             "Preguntado:",
	Sources:           "Fuentes",
	NotAnswered:       "Sin respuesta",
	ReturnLater:       "Una conversación más adelante puede volver a estas preguntas.",
	Declined:          "Prefirió no decir",
	DontKnow:          "No sabía",
	NotAsked:          "No se preguntó",
	DeclinedValue:     "(prefirió no decir)",
	DontKnowValue:     "(no sabía)",
	NotAskedValue:     "(no se preguntó)",
	Notes:             "Notas",
	Contacts:          "Contactos",
	AllAnswers:        "Todas las respuestas",
	Question:          "Pregunta",
	Answer:            "Respuesta",
	NotADetermination: "Esta es una detección, no una determinación. Muestra dónde hace falta una evaluación más a fondo; ninguna señal por sí sola prueba la explotación, y ninguna la descarta.",
	Urgent:            "urgente",
	Required:          "obligatorio",
	Recommended:       "recomendado",
	Call:              "llama al %s",
	Text:              "mensaje de texto al %s",
	TTY:               "TTY %s",

	SetInfo:         "Conjunto %s, versión %s (%s), idioma %s",
	Levels:          "La preocupación es posible desde un peso total de señales de %d y clara desde %d. Una detección no es una determinación: muestra dónde hace falta una evaluación más a fondo.",
	Key:             "Clave: PREGUNTAR = se lee en voz alta a la persona joven; OBSERVAR = quien entrevista lo anota, nunca se lee en voz alta; REGISTRAR = del expediente. Toda pregunta se puede contestar «prefiere no decir» o «no sabe».",
	KeyMarkdown:     "**Preguntar**: se lee en voz alta a la persona joven. **Observar**: quien entrevista lo anota, nunca se lee en voz alta. **Registrar**: del expediente. Toda pregunta se puede contestar «prefiere no decir» o «no sabe».",
	Opening:         "Apertura",
	Closing:         "Cierre",
	Indicators:      "Señales",
	IndicatorLine:   "%s (%s), peso %d",
	DisclosureNote:  "una revelación: deja de indagar, atiende la seguridad y refiere a una entrevista forense",
	DisclosureShort: "revelación: detente y refiere",
	Actions:         "Acciones",
	ActionLine:      "%s, cuando %s: %s",
	EveryContact:    "Contactos en cada resumen",
	Guidance:        "Guía",
	OnlyIf:          "Solo si",
	AYesRaises:      "Un sí marca",
	Say:             "Di",
	Do:              "Haz",
	Ask:             "PREGUNTAR",
	Observe:         "OBSERVAR, no leer en voz alta",
	Record:          "REGISTRAR",
	YesOrNo:         "sí o no",
	ChooseOne:       "elige una",
	ChooseAny:       "elige las que correspondan",
	ANumber:         "un número",
	NumberIn:        ", en %s",
	AtLeast:         ", al menos %v",
	AtMost:          ", como máximo %v",
	TheirWords:      "sus palabras",
	IndicatorHeader: "| señal | id | peso | fuentes |",
	AnswerHeader:    "| pregunta | respuesta |",

	Always:        "siempre",
	Is:            "%s es %q",
	IsNot:         "%s no es %q",
	Includes:      "%s incluye %q",
	IsAnswered:    "%s tiene respuesta",
	IsNotAnswered: "%s no tiene respuesta",
	IsDeclined:    "%s: prefirió no decir",
	IsNotDeclined: "%s: no es «prefirió no decir»",
	LessThan:      "%s es menor que %v",
	AtLeastN:      "%s es al menos %v",
	Raised:        "se marcó la señal %s",
	LevelOrMore:   "la preocupación es %s o mayor",
	AllOf:         "todas estas",
	AnyOf:         "alguna de estas",
	Not:           "no",
	Possible:      "posible",
	Clear:         "clara",
}

// languages are the languages the summary and printable form are written in.
var languages = map[string]*words{"en": &english, "es": &spanish}

// HasWords reports whether summaries and printable forms can be written in lang (a tag such
// as es or es-US); in any other language their fixed phrases are English.
func HasWords(lang string) bool {
	_, ok := languages[screening.BaseLanguage(lang)]
	return ok
}

func wordsFor(lang string) *words {
	if w, ok := languages[screening.BaseLanguage(lang)]; ok {
		return w
	}
	return &english
}

// concern says what the level means, in words that never call the young person a victim or
// not a victim.
func (w *words) concern(level string) string {
	switch level {
	case screening.LevelClear:
		return w.ConcernClear
	case screening.LevelPossible:
		return w.ConcernPossible
	default:
		return w.ConcernNone
	}
}

// reached explains the level: "score 7 = Hotel stays 2 + Older partner 2 + ...; possible from 2, clear from 5".
func (w *words) reached(s *screening.Summary) string {
	parts := make([]string, len(s.Indicators))
	for i, ind := range s.Indicators {
		parts[i] = fmt.Sprintf("%s %d", ind.Label, ind.Weight)
	}
	sum := w.NoIndicators
	if len(parts) > 0 {
		sum = strings.Join(parts, " + ")
	}
	return fmt.Sprintf(w.Score, s.Score, sum, s.Levels.Possible, s.Levels.Clear)
}

func (w *words) priority(p screening.Priority) string {
	switch p {
	case screening.PriorityUrgent:
		return w.Urgent
	case screening.PriorityRequired:
		return w.Required
	case screening.PriorityRecommended:
		return w.Recommended
	}
	return string(p)
}

func (w *words) evidenceVerb(m screening.Mode) string {
	switch m {
	case screening.ModeObserve:
		return w.Observed
	case screening.ModeRecord:
		return w.FromRecord
	default:
		return w.Asked
	}
}

func (w *words) answerValue(a screening.QuestionAnswer) string {
	switch a.State {
	case screening.StateAnswered:
		return "— " + a.Value
	case screening.StateDeclined:
		return "— " + w.DeclinedValue
	case screening.StateDontKnow:
		return "— " + w.DontKnowValue
	default:
		return "— " + w.NotAskedValue
	}
}

func (w *words) when(t time.Time) string {
	if t.IsZero() {
		return w.Unknown
	}
	return t.Format("2006-01-02 15:04 MST")
}

func (w *words) contactLine(c screening.Contact) string {
	parts := []string{c.Name}
	if c.Phone != "" {
		parts = append(parts, fmt.Sprintf(w.Call, c.Phone))
	}
	if c.Text != "" {
		parts = append(parts, fmt.Sprintf(w.Text, c.Text))
	}
	if c.TTY != "" {
		parts = append(parts, fmt.Sprintf(w.TTY, c.TTY))
	}
	if c.URL != "" {
		parts = append(parts, c.URL)
	}
	if c.Hours != "" {
		parts = append(parts, c.Hours)
	}
	return strings.Join(parts, "; ")
}

func (w *words) contactText(c screening.Contact) string {
	line := w.contactLine(c)
	if c.Notes != "" {
		line += ". " + c.Notes
	}
	return line
}

func (w *words) modeTag(q *screening.Question) string {
	switch q.Mode {
	case screening.ModeObserve:
		return w.Observe
	case screening.ModeRecord:
		return w.Record
	default:
		return w.Ask
	}
}

func (w *words) typeDesc(q *screening.Question) string {
	switch q.Type {
	case screening.TypeYesNo:
		return w.YesOrNo
	case screening.TypeSingle:
		return w.ChooseOne
	case screening.TypeMulti:
		return w.ChooseAny
	case screening.TypeNumber:
		d := w.ANumber
		if q.Unit != "" {
			d += fmt.Sprintf(w.NumberIn, q.Unit)
		}
		if q.Min != nil {
			d += fmt.Sprintf(w.AtLeast, *q.Min)
		}
		if q.Max != nil {
			d += fmt.Sprintf(w.AtMost, *q.Max)
		}
		return d
	default:
		return w.TheirWords
	}
}

type unansweredGroup struct {
	Title     string
	Questions []string
}

func (w *words) unanswered(s *screening.Summary) []unansweredGroup {
	var out []unansweredGroup
	for _, g := range []struct {
		title string
		qs    []screening.QuestionAnswer
	}{
		{w.Declined, s.Declined()},
		{w.DontKnow, s.DontKnow()},
		{w.NotAsked, s.NotAsked()},
	} {
		if len(g.qs) == 0 {
			continue
		}
		texts := make([]string, len(g.qs))
		for i, q := range g.qs {
			texts[i] = q.Text
		}
		out = append(out, unansweredGroup{g.title, texts})
	}
	return out
}

// condition says when a question is asked or an action applies, as the printable form shows it.
func (w *words) condition(c *screening.Condition) string {
	if c == nil {
		return w.Always
	}
	switch c.Op {
	case screening.OpIs:
		return fmt.Sprintf(w.Is, c.Question, c.Value)
	case screening.OpIsNot:
		return fmt.Sprintf(w.IsNot, c.Question, c.Value)
	case screening.OpIncludes:
		return fmt.Sprintf(w.Includes, c.Question, c.Value)
	case screening.OpAnswered:
		return fmt.Sprintf(map[bool]string{true: w.IsAnswered, false: w.IsNotAnswered}[c.Flag], c.Question)
	case screening.OpDeclined:
		return fmt.Sprintf(map[bool]string{true: w.IsDeclined, false: w.IsNotDeclined}[c.Flag], c.Question)
	case screening.OpLessThan:
		return fmt.Sprintf(w.LessThan, c.Question, c.Number)
	case screening.OpAtLeast:
		return fmt.Sprintf(w.AtLeastN, c.Question, c.Number)
	case screening.OpIndicator:
		return fmt.Sprintf(w.Raised, c.Indicator)
	case screening.OpLevel:
		level := map[string]string{screening.LevelPossible: w.Possible, screening.LevelClear: w.Clear}[c.Level]
		return fmt.Sprintf(w.LevelOrMore, cmp.Or(level, c.Level))
	case screening.OpAll, screening.OpAny:
		parts := make([]string, len(c.Sub))
		for i := range c.Sub {
			parts[i] = w.condition(&c.Sub[i])
		}
		return map[bool]string{true: w.AllOf, false: w.AnyOf}[c.Op == screening.OpAll] + " (" + strings.Join(parts, "; ") + ")"
	case screening.OpNot:
		if len(c.Sub) == 1 {
			return w.Not + " (" + w.condition(&c.Sub[0]) + ")"
		}
	}
	return c.String()
}
