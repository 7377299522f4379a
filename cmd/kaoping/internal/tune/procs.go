package tune

import (
	"os"
	"runtime"
)

// serial gives the process one processor (GOMAXPROCS=1) unless the
// environment sets GOMAXPROCS. The package's init calls it: most runs read
// one document, one stage after another, and a second processor only costs
// there. Each goroutine started while a processor idles (the runtime's own,
// the signal watcher) wakes a thread on it that spins, finds little and
// sleeps again, and while the process has threads on both cores the kernel
// interrupts the other core to flush its TLB whenever a page mapping
// changes — the first write to a page of fresh heap is such a change, and a
// run faults in thousands. With one processor `kaoping convert` costs 4–12%
// less CPU on the producer matrix (scripts/bench-tables.sh --matrix, both
// builds in the same turns), and a 120-page convert takes as long. Reading
// a scan by OCR takes as long either way: ONNX Runtime runs its own
// threads, and the recogniser's goroutines wait in cgo calls, which hold no
// processor. In the init rather than in main: by main, the inits have run
// on both processors, and giving one up hands its cached spans back, a
// first touch of the runtime's span lists; set first, convert costs 4–5%
// less again (100 turns each on the matrix's unruled and calc PDFs).
func serial(getenv func(string) string) {
	if getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}

// Parallel gives the process back the runtime's default processors (all
// the CPUs it may use), unless the environment sets GOMAXPROCS: the
// commands that read or render documents side by side, batch and serve,
// call it before they start.
func Parallel() { parallel(os.Getenv) }

func parallel(getenv func(string) string) {
	if getenv("GOMAXPROCS") == "" {
		runtime.SetDefaultGOMAXPROCS()
	}
}
