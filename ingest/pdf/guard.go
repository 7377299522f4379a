package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"sync"
)

// The library trusts the cross-reference data: a subsection "999999999 1",
// an xref stream with a huge /Size, or an /Index pair far out allocates a
// table of that many entries (an out-of-memory crash, which recover cannot
// catch), and a /Prev chain or an object stream's /Extends chain that loops
// never ends. guardXref reads just enough of the file to refuse those
// before the library sees it.

var (
	reSize    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Size\s+(\d+)`) })
	rePrev    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Prev\s+(\d+)`) })
	reIndex   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`) })
	reExtends = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Extends\s+(\d+)\s+\d+\s+R`) })
	reObj     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\s+\d+\s+obj\b`) })
	reSub     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*(\d+)\s+(\d+)\s*$`) })
	reObjStm  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Type\s*/ObjStm`) })
	reN       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/N\s+(\d+)`) })
)

// maxXrefSections bounds the /Prev chain (incremental updates).
const maxXrefSections = 256

func guardXref(data []byte, maxObjects int) error {
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil // the library reports it
	}
	fields := bytes.Fields(tail[i+len("startxref"):])
	if len(fields) == 0 {
		return nil
	}
	off, err := strconv.ParseInt(string(fields[0]), 10, 64)
	if err != nil {
		return nil
	}
	tooMany := func(n int64) error {
		if n > int64(maxObjects) || n < 0 {
			return fmt.Errorf("cross-reference table of %d objects: %w", n, errLimit)
		}
		return nil
	}
	seen := map[int64]bool{}
	for hops := 0; off >= 0 && off < int64(len(data)); hops++ {
		if seen[off] {
			return fmt.Errorf("%w: cross-reference sections form a loop", errMalformed)
		}
		if hops > maxXrefSections {
			return fmt.Errorf("more than %d cross-reference sections: %w", maxXrefSections, errLimit)
		}
		seen[off] = true
		sec := data[off:]
		var dict []byte
		if bytes.HasPrefix(bytes.TrimLeft(sec, " \t\r\n\f\x00"), []byte("xref")) {
			t := bytes.Index(sec, []byte("trailer"))
			if t < 0 {
				return nil
			}
			for _, m := range reSub().FindAllSubmatch(sec[:t], -1) {
				start, _ := strconv.ParseInt(string(m[1]), 10, 64)
				n, _ := strconv.ParseInt(string(m[2]), 10, 64)
				if err := tooMany(start + n); err != nil {
					return err
				}
			}
			dict = sec[t:]
			if e := bytes.Index(dict, []byte("startxref")); e >= 0 {
				dict = dict[:e]
			}
		} else {
			e := bytes.Index(sec, []byte("stream"))
			if e < 0 {
				return nil
			}
			dict = sec[:e]
			if m := reIndex().FindSubmatch(dict); m != nil {
				nums := bytes.Fields(m[1])
				for k := 0; k+1 < len(nums); k += 2 {
					start, _ := strconv.ParseInt(string(nums[k]), 10, 64)
					n, _ := strconv.ParseInt(string(nums[k+1]), 10, 64)
					if err := tooMany(start + n); err != nil {
						return err
					}
				}
			}
		}
		if m := reSize().FindSubmatch(dict); m != nil {
			n, err := strconv.ParseInt(string(m[1]), 10, 64)
			if err != nil {
				return fmt.Errorf("cross-reference /Size %s: %w", m[1], errLimit)
			}
			if err := tooMany(n); err != nil {
				return err
			}
		}
		m := rePrev().FindSubmatch(dict)
		if m == nil {
			break
		}
		off, err = strconv.ParseInt(string(m[1]), 10, 64)
		if err != nil {
			break
		}
	}
	return guardExtends(data, maxObjects)
}

// guardExtends refuses object streams whose /Extends chain loops, and
// object streams claiming more objects than the limit (the library scans
// an object stream's /N entries for every object it loads from it).
func guardExtends(data []byte, maxObjects int) error {
	for _, m := range reObjStm().FindAllIndex(data, -1) {
		lo := max(0, m[0]-512)
		hi := min(len(data), m[1]+512)
		if e := bytes.Index(data[m[1]:hi], []byte("stream")); e >= 0 {
			hi = m[1] + e
		}
		if s := bytes.LastIndex(data[lo:m[0]], []byte("obj")); s >= 0 {
			lo += s
		}
		if n := reN().FindSubmatch(data[lo:hi]); n != nil {
			v, err := strconv.ParseInt(string(n[1]), 10, 64)
			if err != nil || v > int64(maxObjects) {
				return fmt.Errorf("object stream of %s objects: %w", n[1], errLimit)
			}
		}
	}
	if !bytes.Contains(data, []byte("/Extends")) {
		return nil
	}
	next := map[int64]int64{}
	objs := reObj().FindAllSubmatchIndex(data, -1)
	for _, m := range reExtends().FindAllSubmatchIndex(data, -1) {
		// the object whose dictionary holds this /Extends: the last "N G obj" before it
		k := len(objs) - 1
		for k >= 0 && objs[k][0] > m[0] {
			k--
		}
		if k < 0 {
			continue
		}
		from, _ := strconv.ParseInt(string(data[objs[k][2]:objs[k][3]]), 10, 64)
		to, _ := strconv.ParseInt(string(data[m[2]:m[3]]), 10, 64)
		next[from] = to
	}
	for start := range next {
		seen := map[int64]bool{}
		for at, ok := start, true; ok; at, ok = next[at] {
			if seen[at] {
				return fmt.Errorf("%w: object streams extend each other in a loop", errMalformed)
			}
			seen[at] = true
		}
	}
	return nil
}
