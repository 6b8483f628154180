// Command yamldecode decodes YAML files into yaml.Node trees and does nothing else: the floor
// against which bench/validate.sh measures `safeharbor validate` (reading and parsing the same
// bytes with the same library, one file after another).
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

func main() {
	files := 0
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(name) != ".yaml" {
				return err
			}
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			var doc yaml.Node
			if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			files++
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "yamldecode:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files decoded\n", files)
}
