package ask

import (
	"github.com/safeharbor/safeharbor/screening"
)

// Words are what the interview says around the set's own text, in the worker's language: the
// prompts, the choices every question offers, and the screens the interview shows. A format
// string keeps the verbs of its English one, in order; a test holds every language to that.
type Words struct {
	lang         string // for yes, no and "none of these" (screening.AnswerWordsIn)
	Say, Do      string
	PressEnter   string
	Continue     string
	Position     string // section, of sections, section title, question, of questions
	AskLabel     string // before a question read aloud, in plain lines
	ObserveLabel string
	ObserveTitle string // the same, set apart at the top of a form
	RecordLabel  string
	Also         string
	Guidance     string
	Current      string
	Recorded     string

	ChooseOne     string
	ChooseMulti   string
	TypeNumber    string // the hint on the range
	TypeText      string
	OrState       string // the words plain lines take for the states
	TryAgain      string // what was wrong
	PleaseAnswer  string
	NotYesNo      string // what was typed
	NotAChoice    string // what was typed
	FromTo        string
	AtLeast       string
	AtMost        string
	NothingChosen string
	ChooseAll     string
	GoAlone       string // none of these, the three states
	LeaveEmpty    string
	TypeAnAnswer  string
	NoAnswerTyped string

	Declined string
	DontKnow string
	Skip     string

	EndNowQuestion string // plain lines: yes ends, no goes on
	EndNow         string
	GoOn           string
	NoteTitle      string // section title
	NoteHelp       string
	NotePlain      string // section title
	ReviewTitle    string
	ReviewHelp     string
	ReviewFinish   string
	ReviewPlain    string
	ReviewPrompt   string
	NotANumber     string // what was typed, how many rows

	BeforeYouBegin  string
	ToClose         string
	StopAndRefer    string
	Disclosed       string // the indicators
	StopAsking      string
	AttendToSafety  string
	YouCanEnd       string
	SaveFailed      string
	NothingLost     string
	FreeSpace       string
	SavedAgain      string
	SavingWorks     string
	Resuming        string
	ResumeGoesOn    string
	ResumeDraftLine string // draft id, set id, version, answered, last saved
}

var english = Words{
	lang:         "en",
	Say:          "Say",
	Do:           "Do",
	PressEnter:   "Press Enter to continue.",
	Continue:     "Continue",
	Position:     "Section %d of %d, %s. Question %d of %d.",
	AskLabel:     "Ask",
	ObserveLabel: "Observe, do not read aloud",
	ObserveTitle: "OBSERVE, do not read aloud",
	RecordLabel:  "From the record",
	Also:         "Also",
	Guidance:     "Guidance",
	Current:      "Current answer",
	Recorded:     "Recorded",

	ChooseOne:     "Choose one, by number or name.",
	ChooseMulti:   "Choose all that apply, by number or name, separated by commas; or none.",
	TypeNumber:    "Type a number%s.",
	TypeText:      "Type the answer, in their words.",
	OrState:       "Or type declined, dont-know or skip.",
	TryAgain:      "%s Try again, or type declined, dont-know or skip.",
	PleaseAnswer:  "Please answer.",
	NotYesNo:      "%q is not yes or no.",
	NotAChoice:    "%q is not one of the choices.",
	FromTo:        "from %v to %v",
	AtLeast:       "at least %v",
	AtMost:        "at most %v",
	NothingChosen: `Nothing was chosen. Choose all that apply with space or x, or choose "None of these", then press Enter.`,
	ChooseAll:     "Choose all that apply with space or x, then press Enter.",
	GoAlone:       "%q, %q, %q and %q go alone",
	LeaveEmpty:    "Leave it empty and press Enter for: prefers not to say, doesn't know, skip.",
	TypeAnAnswer:  "Type an answer",
	NoAnswerTyped: "No answer was typed.",

	Declined: "Prefers not to say",
	DontKnow: "Doesn't know",
	Skip:     "Skip (not asked)",

	EndNowQuestion: "End the screening now and go to the summary? Type yes to end, or no to go on.",
	EndNow:         "End the screening now and go to the summary",
	GoOn:           "Go on with the screening",
	NoteTitle:      "Note on %s (optional)",
	NoteHelp:       "Anything to record from this part, such as the young person's own words. Press Enter to skip.",
	NotePlain:      "Note on %s (optional, one line; press Enter to skip):",
	ReviewTitle:    "Review the answers",
	ReviewHelp:     "Choose an answer to change it, or finish.",
	ReviewFinish:   "Finish and show the summary",
	ReviewPlain:    "Review the answers before the summary.",
	ReviewPrompt:   "Type a number to change that answer, or press Enter to finish.",
	NotANumber:     "%q is not a number from 1 to %d.",

	BeforeYouBegin:  "Before you begin",
	ToClose:         "To close",
	StopAndRefer:    "Stop and refer",
	Disclosed:       "The young person has disclosed: %s.",
	StopAsking:      "Stop asking for details. Thank them for telling you, and tell them it is not their fault.",
	AttendToSafety:  "Attend to their safety and health now. A forensic interview, by someone trained, comes next: they should be asked once.",
	YouCanEnd:       "You can end the screening here and go to the summary, which lists what to do and whom to call.",
	SaveFailed:      "Progress could not be saved",
	NothingLost:     "Nothing is lost: the answers are still here, and the interview goes on. It tries to save again after every answer.",
	FreeSpace:       "If you can, free disk space or fix the permissions of the folder, so the next save works.",
	SavedAgain:      "Progress saved again",
	SavingWorks:     "Saving works again; every answer so far is saved.",
	Resuming:        "Resuming the interview",
	ResumeGoesOn:    "The interview goes on at the first question not yet answered. Before the summary, the review screen shows every answer.",
	ResumeDraftLine: "Draft %s: set %s version %s, %d answered, last saved %s.",
}

// spanish is US Spanish for the worker, tú, in the words the Spanish sets use. The words typed
// for the states stay the same in every language (declined, dont-know, skip), and the Spanish
// ones are taken too.
var spanish = Words{
	lang:         "es",
	Say:          "Di",
	Do:           "Haz",
	PressEnter:   "Presiona Enter para continuar.",
	Continue:     "Continuar",
	Position:     "Sección %d de %d, %s. Pregunta %d de %d.",
	AskLabel:     "Pregunta",
	ObserveLabel: "Observa, no lo leas en voz alta",
	ObserveTitle: "OBSERVA, no lo leas en voz alta",
	RecordLabel:  "Del expediente",
	Also:         "También",
	Guidance:     "Guía",
	Current:      "Respuesta actual",
	Recorded:     "Registrado",

	ChooseOne:     "Elige una, por número o por nombre.",
	ChooseMulti:   "Elige todas las que correspondan, por número o por nombre, separadas por comas; o ninguna.",
	TypeNumber:    "Escribe un número%s.",
	TypeText:      "Escribe la respuesta, con sus palabras.",
	OrState:       "O escribe no-decir, no-sabe o saltar.",
	TryAgain:      "%s Inténtalo otra vez, o escribe no-decir, no-sabe o saltar.",
	PleaseAnswer:  "Escribe una respuesta.",
	NotYesNo:      "%q no es sí ni no.",
	NotAChoice:    "%q no es una de las opciones.",
	FromTo:        "de %v a %v",
	AtLeast:       "al menos %v",
	AtMost:        "como máximo %v",
	NothingChosen: "No se eligió nada. Elige todas las que correspondan con espacio o x, o elige «Ninguna de estas», y presiona Enter.",
	ChooseAll:     "Elige todas las que correspondan con espacio o x, y presiona Enter.",
	GoAlone:       "%q, %q, %q y %q van solas",
	LeaveEmpty:    "Déjalo vacío y presiona Enter para: prefiere no decir, no sabe, saltar.",
	TypeAnAnswer:  "Escribir una respuesta",
	NoAnswerTyped: "No se escribió ninguna respuesta.",

	Declined: "Prefiere no decir",
	DontKnow: "No sabe",
	Skip:     "Saltar (no se preguntó)",

	EndNowQuestion: "¿Terminar la detección ahora e ir al resumen? Escribe sí para terminar, o no para seguir.",
	EndNow:         "Terminar la detección ahora e ir al resumen",
	GoOn:           "Seguir con la detección",
	NoteTitle:      "Nota sobre %s (opcional)",
	NoteHelp:       "Lo que quieras registrar de esta parte, como las propias palabras de la persona joven. Presiona Enter para saltarla.",
	NotePlain:      "Nota sobre %s (opcional, una línea; presiona Enter para saltarla):",
	ReviewTitle:    "Revisa las respuestas",
	ReviewHelp:     "Elige una respuesta para cambiarla, o termina.",
	ReviewFinish:   "Terminar y mostrar el resumen",
	ReviewPlain:    "Revisa las respuestas antes del resumen.",
	ReviewPrompt:   "Escribe un número para cambiar esa respuesta, o presiona Enter para terminar.",
	NotANumber:     "%q no es un número del 1 al %d.",

	BeforeYouBegin:  "Antes de empezar",
	ToClose:         "Para cerrar",
	StopAndRefer:    "Detente y refiere",
	Disclosed:       "La persona joven reveló: %s.",
	StopAsking:      "Deja de preguntar por detalles. Agradécele que te lo haya contado, y dile que no es su culpa.",
	AttendToSafety:  "Atiende ahora su seguridad y su salud. Lo siguiente es una entrevista forense, con alguien capacitado: que le pregunten una sola vez.",
	YouCanEnd:       "Puedes terminar la detección aquí e ir al resumen, que dice qué hacer y a quién llamar.",
	SaveFailed:      "No se pudo guardar el avance",
	NothingLost:     "No se pierde nada: las respuestas siguen aquí y la entrevista continúa. Intenta guardar otra vez después de cada respuesta.",
	FreeSpace:       "Si puedes, libera espacio en el disco o corrige los permisos de la carpeta, para que el próximo guardado funcione.",
	SavedAgain:      "El avance se guardó otra vez",
	SavingWorks:     "Guardar funciona otra vez; todas las respuestas hasta ahora están guardadas.",
	Resuming:        "Se retoma la entrevista",
	ResumeGoesOn:    "La entrevista sigue en la primera pregunta sin respuesta. Antes del resumen, la pantalla de revisión muestra todas las respuestas.",
	ResumeDraftLine: "Borrador %s: conjunto %s versión %s, %d con respuesta, guardado por última vez %s.",
}

var languages = map[string]*Words{"en": &english, "es": &spanish}

// HasWords reports whether the interview has its own words in lang; in any other language they
// are English.
func HasWords(lang string) bool {
	_, ok := languages[screening.BaseLanguage(lang)]
	return ok
}

// WordsIn returns the interview's words for a language tag such as es or es-US; English for a
// language it does not have.
func WordsIn(lang string) *Words {
	if w, ok := languages[screening.BaseLanguage(lang)]; ok {
		return w
	}
	return &english
}

// stateLabel is how a state reads among a question's choices.
func (w *Words) stateLabel(st screening.State) string {
	switch st {
	case screening.StateDeclined:
		return w.Declined
	case screening.StateDontKnow:
		return w.DontKnow
	case screening.StateNotAsked:
		return w.Skip
	}
	return string(st)
}
