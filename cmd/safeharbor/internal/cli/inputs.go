package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/safeharbor/safeharbor/questions"
)

// The files a command reads: built into the binary, or named on the command line.

// shippedInputs are the files built into the binary, named as they stand in the repository.
func shippedInputs() ([]questions.Input, error) {
	fsys := questions.FS()
	names, err := fs.Glob(fsys, "*/v*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped sets: %w", err)
	}
	scenarios, err := fs.Glob(fsys, questions.ScenariosDir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped scenarios: %w", err)
	}
	translations, err := fs.Glob(fsys, "*/"+questions.TranslationsDirName+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped translations: %w", err)
	}
	names = append([]string{questions.ContactsPath, questions.WordingPath}, names...)
	names = append(names, translations...)
	names = append(names, scenarios...)
	inputs := make([]questions.Input, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		inputs = append(inputs, questions.Input{Name: path.Join("questions", name), Data: data, Err: err})
	}
	return inputs, nil
}

// diskInputs reads the files named, and the YAML files under the folders named. A path that does
// not exist is a usage error; a file that cannot be read is a finding.
func diskInputs(paths []string) ([]questions.Input, error) {
	srcs, err := diskSources(paths)
	if err != nil {
		return nil, err
	}
	inputs := make([]questions.Input, len(srcs))
	for i, src := range srcs {
		inputs[i].Name = src.Name
		inputs[i].Data, inputs[i].Err = src.Read()
	}
	return inputs, nil
}

// diskSources lists the files named, and the YAML files under the folders named, to be read when
// their turn comes. A path that does not exist is a usage error; a file that cannot be read is a
// finding when it is read.
func diskSources(paths []string) ([]questions.Source, error) {
	var srcs []questions.Source
	seen := make(map[string]bool)
	add := func(name string) {
		clean := filepath.Clean(name)
		if seen[clean] {
			return
		}
		seen[clean] = true
		srcs = append(srcs, questions.Source{Name: name, Read: func() ([]byte, error) {
			in := readInput(name)
			return in.Data, in.Err
		}})
	}
	failed := func(name string, err error) {
		srcs = append(srcs, questions.Source{Name: name, Read: func() ([]byte, error) { return nil, err }})
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, usageErrorf("%s: no such file or folder", p)
		case err != nil:
			failed(p, err)
			continue
		case !info.IsDir():
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				failed(name, err)
				return nil
			}
			if d.IsDir() {
				if name != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if ext := filepath.Ext(name); ext == ".yaml" || ext == ".yml" {
				found++
				add(name)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", p, err)
		}
		if found == 0 {
			return nil, usageErrorf("%s: no .yaml or .yml files in this folder", p)
		}
	}
	return srcs, nil
}

// readInput reads one file, refusing anything but a regular file before opening it (opening a
// FIFO blocks until someone writes to it; a device may never end) and anything over the size limit.
func readInput(name string) questions.Input {
	in := questions.Input{Name: name}
	info, err := os.Stat(name)
	switch {
	case err != nil:
		in.Err = err
		return in
	case !info.Mode().IsRegular():
		in.Err = fmt.Errorf("not a regular file")
		return in
	case info.Size() > questions.MaxFileSize:
		in.Err = questions.ErrTooLarge
		return in
	}
	f, err := os.Open(name)
	if err != nil {
		in.Err = err
		return in
	}
	defer f.Close()
	in.Data, in.Err = questions.ReadAll(f)
	return in
}

// inMemory are sources for files already read.
func inMemory(inputs []questions.Input) []questions.Source {
	srcs := make([]questions.Source, len(inputs))
	for i, in := range inputs {
		srcs[i] = questions.Source{Name: in.Name, Read: func() ([]byte, error) { return in.Data, in.Err }}
	}
	return srcs
}
