package drafts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The newest save of each draft is kept apart from the drafts, in the key folder
// (seen/ID): someone who can write the drafts folder but not the key folder cannot put back an
// older copy of a draft, or a deleted one, without it being seen. Each line is fixed in length,
// so that it is written in place with one small write after every save.

type seen struct {
	save    uint64 // the newest save made; 0: none known
	deleted bool   // the draft was deleted after that save
}

func (d Dirs) seenPath(id string) string { return filepath.Join(d.Config, seenFolder, id) }

func (s seen) line() []byte {
	state := "saved"
	if s.deleted {
		state = "deleted"
	}
	return fmt.Appendf(nil, "%-7s %020d\n", state, s.save)
}

// readSeen reads what is known of a draft's saves. A file that a crash left empty or short
// counts as nothing known: the save it was written after is on disk anyway.
func readSeen(dirs Dirs, id string) (seen, error) {
	data, err := os.ReadFile(dirs.seenPath(id))
	if errors.Is(err, os.ErrNotExist) {
		return seen{}, nil
	}
	if err != nil {
		return seen{}, fmt.Errorf("read %s: %w", dirs.seenPath(id), err)
	}
	state, num, ok := strings.Cut(strings.TrimSpace(string(data)), " ")
	n, err := strconv.ParseUint(strings.TrimSpace(num), 10, 64)
	if !ok || err != nil || (state != "saved" && state != "deleted") {
		return seen{}, nil
	}
	return seen{save: n, deleted: state == "deleted"}, nil
}

// seenFile is a draft's seen file, open for writing in place.
func openSeen(dirs Dirs, id string) (*os.File, error) {
	if err := ensureFolder(filepath.Join(dirs.Config, seenFolder)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(dirs.seenPath(id), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dirs.seenPath(id), err)
	}
	return f, nil
}

// writeSeen records a save. It is not fsynced: it is written after the save itself is, so
// after a crash it is never ahead of the draft.
func writeSeen(f *os.File, s seen) error {
	if _, err := f.WriteAt(s.line(), 0); err != nil {
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	return nil
}
