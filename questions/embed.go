package questions

import (
	"embed"
	"io/fs"
)

// The shipped files: one folder per question set, one file per published version
// (<id>/v<version>.yaml, never edited once published), the national contacts and the word list.
//
//go:embed contacts.yaml wording.yaml */v*.yaml scenarios/*.yaml */translations/*.yaml
var embedded embed.FS

// FS returns the shipped files. A folder on disk (os.DirFS) with the same layout serves the same
// loaders.
func FS() fs.FS { return embedded }

// The paths of the shipped directory files inside FS.
const (
	ContactsPath = "contacts.yaml"
	WordingPath  = "wording.yaml"
	ScenariosDir = "scenarios"
)

// SchemaV1 is the JSON Schema (draft 2020-12) of format safeharbor/v1, for editors and other
// validators. A test holds it to the decoder's keys and to every shipped set.
//
//go:embed schema/safeharbor-v1.schema.json
var SchemaV1 []byte
