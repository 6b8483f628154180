package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// checkLCOV is the script command `lcov FILE`: FILE must be an LCOV tracefile as geninfo(1)
// describes it, read back line by line: every line a known record, every summary line (FNF, FNH,
// BRF, BRH, LF, LH) equal to the records it sums, no line or branch twice, and every DA and BRDA
// pointing at a line of its SF file that holds something (the file is looked for in the script's
// folder, then in the repository, where a built-in set is). It prints, per file, what a reader of
// a coverage service sees: the totals, and each line and branch not covered with its text.
func checkLCOV(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: lcov FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	type record struct {
		file                  string
		source                []string
		fns                   map[string]int // name -> line
		fnHit                 int
		branches, branchesHit int
		lines, linesHit       int
		da                    map[int]bool
		brda                  map[string]bool
		out                   []string
		sawFNF, sawBRF, sawLF bool
	}
	var r *record
	w := ts.Stdout()
	number := func(lineNo int, s, what string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			ts.Fatalf("%s:%d: %s %q is not a count", args[0], lineNo, what, s)
		}
		return n
	}
	sourceLine := func(lineNo, n int) string {
		if n < 1 || n > len(r.source) {
			ts.Fatalf("%s:%d: line %d is not in %s (%d lines)", args[0], lineNo, n, r.file, len(r.source))
		}
		text := r.source[n-1]
		if t := strings.TrimSpace(text); t == "" || strings.HasPrefix(t, "#") {
			ts.Fatalf("%s:%d: line %d of %s holds nothing: %q", args[0], lineNo, n, r.file, text)
		}
		return strings.TrimSpace(text)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		key, val, ok := strings.Cut(line, ":")
		if line == "end_of_record" {
			key, ok = line, true
		}
		if !ok {
			ts.Fatalf("%s:%d: not an LCOV record: %q", args[0], lineNo, line)
		}
		if key != "TN" && key != "SF" && r == nil {
			ts.Fatalf("%s:%d: %s before SF", args[0], lineNo, key)
		}
		switch key {
		case "TN":
		case "SF":
			if r != nil {
				ts.Fatalf("%s:%d: SF inside the record of %s", args[0], lineNo, r.file)
			}
			r = &record{file: val, fns: map[string]int{}, da: map[int]bool{}, brda: map[string]bool{}}
			src, err := os.ReadFile(ts.MkAbs(val))
			if err != nil && !filepath.IsAbs(val) {
				src, err = os.ReadFile(filepath.Join("..", "..", val)) // the repository's root
			}
			if err != nil {
				ts.Fatalf("%s:%d: SF %s: %v", args[0], lineNo, val, err)
			}
			r.source = strings.Split(string(src), "\n")
		case "FN":
			l, name, ok := strings.Cut(val, ",")
			if !ok || name == "" {
				ts.Fatalf("%s:%d: FN needs a line and a name: %q", args[0], lineNo, line)
			}
			if _, dup := r.fns[name]; dup {
				ts.Fatalf("%s:%d: function %s twice", args[0], lineNo, name)
			}
			r.fns[name] = number(lineNo, l, "FN line")
			sourceLine(lineNo, r.fns[name])
		case "FNDA":
			n, name, ok := strings.Cut(val, ",")
			if _, known := r.fns[name]; !ok || !known {
				ts.Fatalf("%s:%d: FNDA for a function with no FN: %q", args[0], lineNo, line)
			}
			if number(lineNo, n, "FNDA count") > 0 {
				r.fnHit++
			} else {
				r.out = append(r.out, fmt.Sprintf("  function %s (line %d) not covered", name, r.fns[name]))
			}
		case "FNF", "FNH", "BRF", "BRH", "LF", "LH":
			n := number(lineNo, val, key)
			got := map[string]int{"FNF": len(r.fns), "FNH": r.fnHit, "BRF": r.branches, "BRH": r.branchesHit, "LF": r.lines, "LH": r.linesHit}[key]
			if n != got {
				ts.Fatalf("%s:%d: %s:%d, but the records before it give %d", args[0], lineNo, key, n, got)
			}
			switch key {
			case "FNF":
				r.sawFNF = true
			case "BRF":
				r.sawBRF = true
			case "LF":
				r.sawLF = true
			}
		case "BRDA":
			f := strings.Split(val, ",")
			if len(f) != 4 {
				ts.Fatalf("%s:%d: BRDA needs line, block, branch and taken: %q", args[0], lineNo, line)
			}
			l := number(lineNo, f[0], "BRDA line")
			number(lineNo, f[1], "BRDA block")
			number(lineNo, f[2], "BRDA branch")
			id := f[0] + "," + f[1] + "," + f[2]
			if r.brda[id] {
				ts.Fatalf("%s:%d: branch %s twice", args[0], lineNo, id)
			}
			r.brda[id] = true
			r.branches++
			text := sourceLine(lineNo, l)
			switch {
			case f[3] == "-":
				r.out = append(r.out, fmt.Sprintf("  branch %s never reached: %s", id, text))
			case number(lineNo, f[3], "BRDA taken") == 0:
				r.out = append(r.out, fmt.Sprintf("  branch %s not taken: %s", id, text))
			default:
				r.branchesHit++
			}
		case "DA":
			f := strings.Split(val, ",")
			if len(f) < 2 || len(f) > 3 {
				ts.Fatalf("%s:%d: DA needs a line and a count: %q", args[0], lineNo, line)
			}
			l := number(lineNo, f[0], "DA line")
			if r.da[l] {
				ts.Fatalf("%s:%d: line %d twice", args[0], lineNo, l)
			}
			r.da[l] = true
			r.lines++
			text := sourceLine(lineNo, l)
			if number(lineNo, f[1], "DA count") > 0 {
				r.linesHit++
			} else {
				r.out = append(r.out, fmt.Sprintf("  line %d not covered: %s", l, text))
			}
		case "end_of_record":
			if !r.sawFNF || !r.sawBRF || !r.sawLF {
				ts.Fatalf("%s:%d: the record of %s lacks FNF, BRF or LF", args[0], lineNo, r.file)
			}
			fmt.Fprintf(w, "SF %s: lines %d of %d, branches %d of %d, functions %d of %d\n", r.file, r.linesHit, r.lines, r.branchesHit, r.branches, r.fnHit, len(r.fns))
			for _, o := range r.out {
				fmt.Fprintln(w, o)
			}
			r = nil
		default:
			ts.Fatalf("%s:%d: unknown LCOV record %q", args[0], lineNo, key)
		}
	}
	if r != nil {
		ts.Fatalf("%s: the record of %s has no end_of_record", args[0], r.file)
	}
}
