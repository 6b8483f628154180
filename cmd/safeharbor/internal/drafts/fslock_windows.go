//go:build windows

package drafts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes an exclusive lock on an open file without waiting; see the Unix version. The
// locked byte is far past the end, so that the process id written at the start stays readable.
func tryLock(f *os.File) error {
	ol := windows.Overlapped{Offset: 0xFFFFFFFE, OffsetHigh: 0x7FFFFFFF}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errBusy
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return nil
}

// Windows has no owner and mode bits like Unix: the folder's ACL decides, and the default one
// under the user's profile is the user's alone.
func ownedByOthers(fs.FileInfo) string { return "" }

func writableByOthers(fs.FileMode) string { return "" }
