//go:build unix

package drafts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// tryLock takes an exclusive advisory lock on an open file without waiting. It reports
// errBusy when another open file (in this process or another) holds it. The lock goes when
// the file is closed, or when the process ends, however it ends.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errBusy
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return nil
}

// ownedByOthers says why a folder's owner is not the user running safeharbor, or "".
func ownedByOthers(info fs.FileInfo) string {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Geteuid() {
		return ""
	}
	return fmt.Sprintf("owned by another user (uid %d)", st.Uid)
}

// writableByOthers says which others may write to a folder, or "".
func writableByOthers(mode fs.FileMode) string {
	switch {
	case mode&0o002 != 0:
		return "writable by every user"
	case mode&0o020 != 0:
		return "writable by its group"
	}
	return ""
}
