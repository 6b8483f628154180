package questions

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestZZCorpus(t *testing.T) {
	var srcs []Source
	for i := 1; i <= 1000; i++ {
		name := fmt.Sprintf("/tmp/me/corpus/sets/%04d/v1.0.0.yaml", i)
		srcs = append(srcs, Source{Name: name, Read: func() ([]byte, error) { return os.ReadFile(name) }})
	}
	if _, err := ValidateSources(context.Background(), srcs, testBase(t), 1); err != nil {
		t.Fatal(err)
	}
}
