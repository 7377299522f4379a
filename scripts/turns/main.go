// Command turns times commands whole process, in turns: each turn runs
// every command once, one after another, so that a change in the machine's
// load falls on all of them alike. It prints, per command, the median CPU
// (user+sys of the finished process and its threads, from rusage, in
// microseconds, so a 20 ms run is not rounded to the millisecond) and the
// median over the turns of its CPU divided by the last command's, the
// baseline. scripts/bench-tables.sh --matrix runs it.
//
//	go run ./scripts/turns -n 30 -- kaoping convert f.pdf -- pdftotext -layout f.pdf -
//
// Output, a line per command: median-ms ratio. A command's exit code is
// not checked (kaoping convert exits 1 on findings); its output is
// discarded.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
)

func main() {
	n := flag.Int("n", 20, "turns")
	flag.Parse()
	cmds := split(flag.Args())
	if len(cmds) < 1 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: turns -n N -- CMD ARGS... [-- CMD ARGS...] (the last one is the baseline)")
		os.Exit(2)
	}
	cpu := make([][]float64, len(cmds))
	for range *n {
		for i, c := range cmds {
			ms, err := run(c)
			if err != nil {
				fmt.Fprintf(os.Stderr, "turns: %v\n", err)
				os.Exit(2)
			}
			cpu[i] = append(cpu[i], ms)
		}
	}
	base := cpu[len(cmds)-1]
	for i := range cmds {
		r := make([]float64, *n)
		for t := range r {
			r[t] = cpu[i][t] / base[t]
		}
		fmt.Printf("%.2f %.3f\n", median(cpu[i]), median(r))
	}
}

// split cuts args at each "--".
func split(args []string) [][]string {
	var cmds [][]string
	for _, a := range args {
		if a == "--" {
			cmds = append(cmds, nil)
			continue
		}
		if len(cmds) == 0 {
			cmds = append(cmds, nil)
		}
		cmds[len(cmds)-1] = append(cmds[len(cmds)-1], a)
	}
	return slices.DeleteFunc(cmds, func(c []string) bool { return len(c) == 0 })
}

// run runs c and returns its CPU milliseconds.
func run(c []string) (float64, error) {
	cmd := exec.Command(c[0], c[1:]...)
	if err := cmd.Run(); cmd.ProcessState == nil {
		return 0, fmt.Errorf("%s: %w", c[0], err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, fmt.Errorf("%s: no rusage on this system", c[0])
	}
	us := ru.Utime.Sec*1e6 + int64(ru.Utime.Usec) + ru.Stime.Sec*1e6 + int64(ru.Stime.Usec)
	return float64(us) / 1000, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
