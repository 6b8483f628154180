package main

import (
	"regexp"
	"strings"
	"testing"
)

// Plain lines at a terminal wrap at word boundaries to its width, asked again for each line, so
// a window made narrower mid-interview wraps to its new width and no word is broken at the edge
// ("oth" / "ers"); and an option is chosen by the words of its label, accents or not.
func TestPlainLinesWrapToTheTerminal(t *testing.T) {
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
	term := newTerminalIn(t, dir, env, "interview", "--accessible", "--set", "post-return-short@1.0.0", "--lang", "es", "--label", "w")
	term.waitFor("Antes de empezar")
	term.tmux("resize-window", "-t", term.session, "-x", "80", "-y", "24")
	term.keys("Presiona Enter para continuar", "Enter")
	term.keysAfterReading("SOLO PARA TI", "Enter")
	term.keys("Edad", "1", "5", "Enter")
	term.waitFor("Cuándo regresó")
	hint := regexp.MustCompile(`Escribe la fecha y la hora, con el día primero, por ejemplo \d+/\d+/\d{4} \d\d:\d\d o \d{4}-\d\d-\d\d \d\d:\d\d; o hoy 14:10, ayer 21:30, o ahora\.`)
	screen := term.screen()
	joined := strings.Join(strings.Fields(screen), " ") // the lines as words: a word broken in two shows
	if !strings.Contains(joined, "Guía: El plazo médico de 72 horas y la conversación completa se cuentan desde aquí.") || !hint.MatchString(joined) {
		t.Errorf("words broken at 80 columns:\n%s", screen)
	}
	term.typeText("Cuándo regresó", "ayer a las 9:40 pm")
	term.keys("> ayer a las 9:40 pm", "Enter")
	term.typeText("Cuándo supo la agencia", "ahora")
	term.keys("> ahora", "Enter")
	term.typeText("Dónde vive", "hogar de crianza")
	term.keys("> hogar de crianza", "Enter")
	term.waitFor("Registrado y guardado: En un hogar de crianza.")
}
