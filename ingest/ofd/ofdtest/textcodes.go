package ofdtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

var textCodeRE = regexp.MustCompile(`(?s)<ofd:TextCode[^>]*>(.*?)</ofd:TextCode>`)

// TextCodes returns, page by page (pages in member-name order), the TextCode
// strings of an OFD container as the producer wrote them. It reads the raw
// XML with a regular expression, so tests can check the reader against it
// without going through the reader.
func TextCodes(data []byte) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("open container: %w", err)
	}
	var names []string
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		if strings.Contains(f.Name, "Pages/") && strings.HasSuffix(f.Name, "Content.xml") {
			names = append(names, f.Name)
			files[f.Name] = f
		}
	}
	sort.Strings(names)
	var out [][]string
	for _, n := range names {
		rc, err := files[n].Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", n, err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", n, err)
		}
		var page []string
		for _, m := range textCodeRE.FindAllSubmatch(x, -1) {
			page = append(page, string(m[1]))
		}
		out = append(out, page)
	}
	return out, nil
}
