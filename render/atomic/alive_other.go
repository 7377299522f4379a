//go:build !unix

package atomic

// alive cannot tell here; the age decides alone.
func alive(int) bool { return true }
