package tune

import (
	"runtime"
	"testing"
)

// TestProcs: serial leaves one processor, parallel gives back the default,
// and neither touches a GOMAXPROCS the environment sets.
func TestProcs(t *testing.T) {
	defer runtime.SetDefaultGOMAXPROCS()
	runtime.SetDefaultGOMAXPROCS()
	def := runtime.GOMAXPROCS(0)
	none := func(string) string { return "" }
	set := func(k string) string {
		if k == "GOMAXPROCS" {
			return "3"
		}
		return ""
	}

	serial(none)
	if n := runtime.GOMAXPROCS(0); n != 1 {
		t.Errorf("after serial: %d processors, want 1", n)
	}
	parallel(none)
	if n := runtime.GOMAXPROCS(0); n != def {
		t.Errorf("after parallel: %d processors, want the default %d", n, def)
	}

	runtime.GOMAXPROCS(3) // as GOMAXPROCS=3 in the environment would
	serial(set)
	if n := runtime.GOMAXPROCS(0); n != 3 {
		t.Errorf("serial with GOMAXPROCS=3 set: %d processors, want 3", n)
	}
	parallel(set)
	if n := runtime.GOMAXPROCS(0); n != 3 {
		t.Errorf("parallel with GOMAXPROCS=3 set: %d processors, want 3", n)
	}
}
