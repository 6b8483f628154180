package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A worker id is printed and listed as a label is: a line of plain text, from the flag or the
// environment, refused before anything is asked when it is not one.
func TestWorkerIDRefused(t *testing.T) {
	for _, tc := range []struct {
		name, flag, env, want string
	}{
		{"a tab in the flag", "W\t17", "", "--worker-id: a worker id is letters, numbers, spaces and punctuation, on one line"},
		{"a line break in the environment", "", "W-17\nW-18", "SAFEHARBOR_WORKER_ID: a worker id is letters, numbers, spaces and punctuation, on one line"},
		{"a terminal's control sequence", "W-17\x1b[2J", "", "--worker-id: a worker id is letters, numbers, spaces and punctuation, on one line"},
		{"too long", strings.Repeat("w", 65), "", "--worker-id: a worker id is 64 characters at most; this one has 65"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"interview", "--answers", "nowhere.yaml"}
			if tc.flag != "" {
				args = append(args, "--worker-id", tc.flag)
			}
			var out, errb bytes.Buffer
			getenv := func(k string) string {
				if k == "SAFEHARBOR_WORKER_ID" {
					return tc.env
				}
				return ""
			}
			code := Run(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb}, getenv)
			if code != 2 || !strings.Contains(errb.String(), tc.want) {
				t.Errorf("exit %d\n%s\nwant exit 2 and %q", code, errb.String(), tc.want)
			}
		})
	}
}
