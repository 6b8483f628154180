package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// agencyRepo is an agency's repository laid out as the README's CI example implies: its sets in
// sets/<id>/v<version>.yaml, its own contacts in contacts.yaml, its scenarios in scenarios/.
const agencyRepo = "testdata/agency"

// readmeBlock returns the body of the first fenced block in README.md that follows the heading
// and contains want.
func readmeBlock(t *testing.T, heading, want string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no heading %q", heading)
	}
	for _, m := range regexp.MustCompile("(?ms)^```[a-z]*\n(.*?)^```$").FindAllStringSubmatch(section, -1) {
		if strings.Contains(m[1], want) {
			return m[1]
		}
	}
	t.Fatalf("README.md has no block with %q under %q", want, heading)
	return ""
}

// TestREADMEWorkflow runs the README's GitHub Actions example as written, step by step, in a copy
// of the agency repository, as GitHub would on a pull request: every `run:` step must succeed.
// Its lines are run whatever they are: a `safeharbor` line with the binary under test, a `git`
// line in a git repository made for it (the pull request's branch over the base branch, with an
// origin), the install line by the build this test already has. A line of any other kind fails
// the test until it is taught to run it: none is skipped. `uses:` steps are GitHub's own actions
// and are not run; the test says which.
func TestREADMEWorkflow(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatalf("the README's run: steps are bash: %v", err)
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses, Run string
			}
		}
	}
	block := readmeBlock(t, "### validate, for CI", "# .github/workflows/")
	if err := yaml.Unmarshal([]byte(block), &workflow); err != nil {
		t.Fatalf("the README's workflow is not YAML: %v", err)
	}
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(repo, os.DirFS(agencyRepo)); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home+"/config", "XDG_STATE_HOME="+home+"/state", "NO_COLOR=1",
		"CI=true", "GITHUB_ACTIONS=true", "GITHUB_EVENT_NAME=pull_request", "GITHUB_WORKSPACE="+repo,
		"GITHUB_BASE_REF=main", "GITHUB_HEAD_REF=pr",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Agency analyst", "GIT_AUTHOR_EMAIL=analyst@county.example", "GIT_COMMITTER_NAME=Agency analyst", "GIT_COMMITTER_EMAIL=analyst@county.example")
	expressions := map[string]string{"github.base_ref": "main", "github.head_ref": "pr", "github.workspace": repo, "github.event_name": "pull_request"}
	if strings.Contains(block, "git ") || strings.Contains(block, "git\n") {
		base, head := pullRequestRepo(t, repo, env)
		expressions["github.event.pull_request.base.sha"] = base
		expressions["github.event.pull_request.head.sha"] = head
		expressions["github.sha"] = head
		env = append(env, "GITHUB_SHA="+head)
	}
	expression := regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

	steps, ran := 0, 0
	for job, j := range workflow.Jobs {
		for i, step := range j.Steps {
			steps++
			if step.Uses != "" {
				t.Logf("job %s, step %d: uses %s, an action GitHub runs; not run here", job, i+1, step.Uses)
				continue
			}
			script := expression.ReplaceAllStringFunc(step.Run, func(m string) string {
				name := expression.FindStringSubmatch(m)[1]
				v, ok := expressions[name]
				if !ok {
					t.Fatalf("job %s, step %d: the test does not know the expression %s; teach it", job, i+1, m)
				}
				return v
			})
			runnable := true
			for _, line := range commandLines(script) {
				switch first := strings.Fields(line)[0]; {
				case first == "safeharbor":
					ran++
				case first == "git":
				case strings.HasPrefix(line, "go install github.com/safeharbor/safeharbor/cmd/safeharbor@"):
					// The binary under test is already on the PATH as safeharbor.
					t.Logf("job %s, step %d: %q: the binary under test stands for it", job, i+1, line)
					runnable = false
				default:
					t.Errorf("job %s, step %d: %q: the test does not know how to run this line; teach it", job, i+1, line)
					runnable = false
				}
			}
			if !runnable {
				continue
			}
			// As GitHub runs a run: step with `shell: bash`.
			cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
			cmd.Dir, cmd.Env = repo, env
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("job %s, step %d failed (%v):\n%s\n%s", job, i+1, err, script, out)
				continue
			}
			t.Logf("job %s, step %d:\n%s\n%s", job, i+1, script, out)
			for _, m := range regexp.MustCompile(`--lcov[ =](\S+)`).FindAllStringSubmatch(script, -1) {
				lcov, err := os.ReadFile(filepath.Join(repo, m[1]))
				if err != nil || !strings.HasPrefix(string(lcov), "TN:\nSF:sets/") || !strings.HasSuffix(string(lcov), "end_of_record\n") {
					t.Errorf("job %s, step %d: %s is not the LCOV of the agency's set (%v):\n%s", job, i+1, m[1], err, lcov)
				}
			}
		}
	}
	if steps == 0 || ran == 0 {
		t.Fatalf("the README's workflow has %d steps, and %d safeharbor lines", steps, ran)
	}
}

// commandLines are a run: script's commands: its lines, continuations joined, blank lines and
// comments left out.
func commandLines(script string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(script, "\n") {
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`) + " ")
			continue
		}
		cur.WriteString(line)
		if l := strings.TrimSpace(cur.String()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
		cur.Reset()
	}
	return out
}

// pullRequestRepo makes repo a git repository as a pull request's checkout has it: an origin
// whose main branch is the base (the agency's files, with the newest version of each set not
// yet there), and the branch pr, checked out, that adds it. It returns the two commits.
func pullRequestRepo(t *testing.T, repo string, env []string) (base, head string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("the README's workflow uses git: %v", err)
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	origin := filepath.Join(filepath.Dir(repo), "origin.git")
	git(filepath.Dir(repo), "init", "-q", "--bare", "-b", "main", origin)
	git(repo, "init", "-q", "-b", "main")
	git(repo, "remote", "add", "origin", origin)
	newest := map[string]string{} // set folder -> its newest file
	sets, _ := filepath.Glob(filepath.Join(repo, "sets", "*", "v*.yaml"))
	for _, f := range sets { // sorted; the fixture's versions sort as they order
		newest[filepath.Dir(f)] = f
	}
	git(repo, "add", "-A")
	for _, f := range newest {
		rel, _ := filepath.Rel(repo, f)
		git(repo, "rm", "-q", "--cached", rel)
	}
	git(repo, "commit", "-q", "-m", "The agency's sets as published")
	git(repo, "push", "-q", "origin", "main")
	git(repo, "checkout", "-q", "-b", "pr")
	git(repo, "add", "-A")
	git(repo, "commit", "-q", "-m", "A new version of the set")
	git(repo, "push", "-q", "origin", "pr")
	git(repo, "fetch", "-q", "origin")
	return git(repo, "rev-parse", "main"), git(repo, "rev-parse", "HEAD")
}

// TestREADMECoverageExample runs the README's example of `test --coverage` in the agency
// repository: what it shows must be what the command prints, in order ("..." stands for lines
// left out).
func TestREADMECoverageExample(t *testing.T) {
	block := readmeBlock(t, "### test --coverage: what the scenarios leave untested", "$ safeharbor test")
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	args := strings.Fields(strings.TrimPrefix(lines[0], "$ "))
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = agencyRepo
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home+"/config", "XDG_STATE_HOME="+home+"/state", "NO_COLOR=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", lines[0], err, out)
	}
	got := strings.Split(string(out), "\n")
	at := 0
	for _, want := range lines[1:] {
		if strings.TrimSpace(want) == "..." {
			continue
		}
		for at < len(got) && got[at] != want {
			at++
		}
		if at == len(got) {
			t.Fatalf("the README shows %q, which %s does not print there; it prints:\n%s", want, lines[0], out)
		}
	}
}
