package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// /dev/null is a character device, but no terminal: with the answers read from it and the
// screen a terminal, there is nobody to ask. The interview is a usage error (exit 2), and it
// makes no key.
func TestDevNullIsNoTerminal(t *testing.T) {
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir + "/config", "XDG_STATE_HOME=" + dir + "/state"}
	term := newTerminalIn(t, dir, env, "interview", "</dev/null")
	term.waitFor("EXIT=")
	if !strings.Contains(term.screen(), "EXIT=2") || !strings.Contains(term.screen(), "no terminal to ask the questions on") {
		t.Errorf("interview </dev/null:\n%s", term.screen())
	}
	if _, err := os.Stat(filepath.Join(dir, "config")); !os.IsNotExist(err) {
		t.Errorf("a run with nobody to ask made the key folder: %v", err)
	}
}
