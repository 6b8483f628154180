package drafts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrUnsafeFolder is a key or drafts folder that someone else could change.
var ErrUnsafeFolder = errors.New("unsafe folder")

// errBusy is a lock held by another open file.
var errBusy = errors.New("locked by another process")

// ensureFolder makes a folder (0700) if it is not there, and refuses one that is not safe.
func ensureFolder(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(path, 0o700); err != nil {
			return fmt.Errorf("create %s: %w", path, err)
		}
	}
	return checkFolder(path)
}

// prepareFolder makes a drafts folder if it can, and refuses one that is there and unsafe. One
// that cannot be made, or a file in its place, is left for the first save to report: the
// interview can still go on, unsaved, and says so.
func prepareFolder(path string) error {
	if err := ensureFolder(path); errors.Is(err, ErrUnsafeFolder) {
		return err
	}
	return nil
}

// checkFolder refuses a folder that is a symlink, that others may write to, or that someone
// else owns, as ssh refuses such a ~/.ssh: whoever can change it can plant a key or a draft.
func checkFolder(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	why := ""
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		why = "a symbolic link"
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", path)
	default:
		why = writableByOthers(info.Mode().Perm())
		if why == "" {
			why = ownedByOthers(info)
		}
	}
	if why == "" {
		return nil
	}
	return fmt.Errorf("%w: %s is %s, so someone else could change the key or the drafts in it; safeharbor will not use it. Make it a folder of your own that only you can write to (chmod 700 %s)",
		ErrUnsafeFolder, path, why, path)
}

// writeNew writes a file that must not exist yet, whole or not at all: through a temporary
// file, fsynced, then linked into place, which fails rather than replace a file that is there.
func writeNew(dir, name string, data []byte) error {
	tmp, err := writeTemp(dir, name, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	target := filepath.Join(dir, name)
	if err := os.Link(tmp, target); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("write %s: %w", target, os.ErrExist)
		}
		// A file system without hard links: O_EXCL still never replaces a file.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("write %s: %w", target, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", target, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", target, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", target, err)
		}
	}
	return nil
}

// writeReplace writes dir/name in place of what is there, atomically: a crash leaves either
// the old file or the new one, whole. The folder is not synced: see syncDir.
func writeReplace(dir, name string, data []byte) error {
	tmp, err := writeTemp(dir, name, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}

// writeTemp writes data to a new temporary file beside dir/name (".NAME.*.tmp"), fsynced, and
// returns its path.
func writeTemp(dir, name string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if _, err := f.Write(data); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	ok = true
	return f.Name(), nil
}

// syncDir makes the folder's entries (a new, renamed or removed file) durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) { // Windows cannot sync a folder
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// lockPath opens (creating) a lock file and takes its lock, waiting up to wait for another
// process to let it go.
func lockPath(path string, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the lock %s: %w", path, err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := tryLock(f)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, errBusy) || time.Now().After(deadline) {
			f.Close()
			return nil, err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockHolder is the process id a draft's lock file names, for the message; 0 when unknown.
func lockHolder(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}

// tempOf is the draft id a temporary file ".ID.KIND.*.tmp" belongs to, or "".
func tempOf(name string) string {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return ""
	}
	id, _, _ := strings.Cut(name[1:], ".")
	if checkID(id) != nil {
		return ""
	}
	return id
}
