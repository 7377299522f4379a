// Package batch reads a folder of returned 考评表 — files, folders and zip
// files of them, as the units send them back — in parallel, writes each
// document's outputs under one directory and a summary of every input, and
// picks up where an interrupted run stopped. It is the logic of `kaoping
// batch`; the command only parses flags. Each stage has its file: collect
// (what to read), pair (正文 with 附件), run (the workers, the summary, the
// rerun), progress (the bar on a terminal).
package batch

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/zipsafe"
)

// source is one file to read: on disk or a member of a zip file.
type source struct {
	// Name is the input as the clerk sees it: the path as given under the
	// folder typed, or zip!member for a member of a zip file.
	Name string
	// Rel is the slash-separated path the outputs are named after, relative
	// to the output directory, extension kept so that a.pdf and a.xlsx do
	// not write the same a.json.
	Rel string
	// Path is the file on disk (the zip file for a member); outputs are never
	// written over it.
	Path string
	open func() ([]byte, error)
}

// Read returns the file's bytes.
func (s source) Read() ([]byte, error) { return s.open() }

// Dir is the folder the source sits in, for pairing: files are paired only
// with files beside them.
func (s source) Dir() string { return path.Dir(s.Rel) }

// Base is the file name without its folder.
func (s source) Base() string { return path.Base(s.Rel) }

// maxNesting is how deep zip files inside zip files are opened.
const maxNesting = 2

// collected is what Collect found.
type collected struct {
	Sources []source
	// Skipped are files that are no document (hidden files, an editor's
	// lock file, the __MACOSX folder of a zip made on a Mac).
	Skipped []string
	// Failed are arguments or zip files that could not be opened at all.
	Failed []Failure
}

// Failure is an input that could not be listed.
type Failure struct {
	Name string
	Err  error
}

// Collect lists the files under args: files as given, folders walked (in name
// order), zip files of forms opened through the zip limits. out is the output
// directory: it is never read as input, so a rerun does not read its own
// outputs.
func Collect(args []string, out string, lim zipsafe.Limits) collected {
	var c collected
	outAbs, _ := filepath.Abs(out)
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			c.Failed = append(c.Failed, Failure{arg, err})
			continue
		}
		if !st.IsDir() {
			c.file(arg, filepath.Base(arg), lim)
			continue
		}
		root := filepath.Clean(arg)
		top := filepath.Base(root)
		if top == "." || top == string(filepath.Separator) {
			top = ""
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				c.Failed = append(c.Failed, Failure{p, err})
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); abs == outAbs {
					return filepath.SkipDir
				}
				if p != root && junk(d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			c.file(p, path.Join(top, filepath.ToSlash(rel)), lim)
			return nil
		})
		if err != nil {
			c.Failed = append(c.Failed, Failure{arg, err})
		}
	}
	uniqueRels(c.Sources)
	return c
}

// file adds one file on disk: a document, or the members of a zip of them.
func (c *collected) file(p, rel string, lim zipsafe.Limits) {
	if junk(filepath.Base(p)) {
		c.Skipped = append(c.Skipped, p)
		return
	}
	if isArchive(p) {
		data, err := readFile(p)
		if err != nil {
			c.Failed = append(c.Failed, Failure{p, err})
			return
		}
		c.zip(p, p, rel, data, lim, 1)
		return
	}
	c.Sources = append(c.Sources, source{Name: p, Rel: rel, Path: p, open: func() ([]byte, error) { return readFile(p) }})
}

// isArchive reports whether the file on disk is a zip of files rather than a
// DOCX, XLSX or OFD (which are zips too): by its content, never its name.
func isArchive(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := f.Read(head); err != nil || !zipsafe.IsZip(head) {
		return false
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return false
	}
	return plainZip(zr.File)
}

// plainZip reports a zip that is no office or OFD document.
func plainZip(files []*zip.File) bool {
	for _, f := range files {
		switch strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/") {
		case "[Content_Types].xml", "OFD.xml", "mimetype", "word/document.xml", "xl/workbook.xml":
			return false
		}
	}
	return true
}

// zip adds the members of a zip file, one zip inside another at most
// maxNesting deep. The members are inflated once, here, through the limits,
// and kept: a zip of returned forms is a few MB.
func (c *collected) zip(name, disk, rel string, data []byte, lim zipsafe.Limits, depth int) {
	zr, err := zipsafe.Open(name, data, lim)
	if err != nil {
		c.Failed = append(c.Failed, Failure{name, err})
		return
	}
	var mu sync.Mutex
	names := zr.Names()
	sort.Strings(names)
	for _, m := range names {
		if strings.HasSuffix(m, "/") {
			continue
		}
		shown := memberName(m)
		clean := path.Clean("/" + strings.ReplaceAll(shown, `\`, "/"))[1:]
		if skipMember(clean) {
			if !strings.HasPrefix(clean, "__MACOSX/") {
				c.Skipped = append(c.Skipped, name+"!"+shown)
			}
			continue
		}
		full := name + "!" + clean
		mrel := path.Join(rel, clean)
		if depth < maxNesting && strings.EqualFold(path.Ext(clean), ".zip") {
			mu.Lock()
			inner, err := zr.ReadFile(m)
			mu.Unlock()
			if err == nil && zipsafe.IsZip(inner) && ingest.Detect(inner) == "" {
				c.zip(full, disk, mrel, inner, lim, depth+1)
				continue
			}
		}
		member := m
		c.Sources = append(c.Sources, source{Name: full, Rel: mrel, Path: disk, open: func() ([]byte, error) {
			mu.Lock()
			defer mu.Unlock()
			return zr.ReadFile(member)
		}})
	}
}

// memberName decodes a member name: zip tools on Chinese Windows write names
// in GBK without the UTF-8 flag.
func memberName(m string) string {
	if utf8.ValidString(m) {
		return m
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(m); err == nil {
		return s
	}
	return strings.ToValidUTF8(m, "_")
}

// skipMember reports a zip member that is no document.
func skipMember(p string) bool {
	if strings.HasPrefix(p, "__MACOSX/") {
		return true
	}
	for _, part := range strings.Split(p, "/") {
		if junk(part) {
			return true
		}
	}
	return false
}

// junk names files and folders that are no document a person sent: hidden
// files (.DS_Store), Office lock files (~$考评表.xlsx), Windows thumbnails.
func junk(name string) bool {
	switch strings.ToLower(name) {
	case "thumbs.db", "desktop.ini", "__macosx":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

// readFile reads a file within ingest's size limit.
func readFile(p string) ([]byte, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if st.Size() > ingest.MaxInput {
		e := readerr.Newf(readerr.TooLarge, nil, "%d MB", "%d MB", st.Size()>>20)
		e.File = p
		return nil, e
	}
	return os.ReadFile(p)
}

// uniqueRels makes output names distinct where two inputs would write the
// same one: two folders of the same name given as arguments, or names that
// differ only in case (one file on Windows and macOS). The later gets ~2. A
// file named summary would write summary.xlsx over the batch's own.
func uniqueRels(srcs []source) {
	seen := map[string]bool{"summary": true}
	for i := range srcs {
		r := srcs[i].Rel
		for n := 2; seen[strings.ToLower(r)]; n++ {
			ext := path.Ext(srcs[i].Rel)
			r = strings.TrimSuffix(srcs[i].Rel, ext) + fmt.Sprintf("~%d", n) + ext
		}
		seen[strings.ToLower(r)] = true
		srcs[i].Rel = r
	}
}
