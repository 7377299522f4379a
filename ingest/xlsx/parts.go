package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// limitErr is a cap passed in sheet sh.
func limitErr(sh string, zh, en string, n int) error {
	return readerr.New(readerr.TooLarge, nil, fmt.Sprintf("工作表“%s”超过 %d %s", sh, n, zh), fmt.Sprintf("sheet “%s”: more than %d %s", sh, n, en))
}

// checkParts refuses, from the zip directory alone, a shared-strings table
// or a worksheet whose XML is over its cap: excelize reads the shared
// strings whole into memory (60 MB of them cost 1.4 GB) before the first
// cell. archive/zip fails a member that inflates past its declared size,
// so the declared sizes can be trusted.
//
// It returns the workbook as excelize is to open it: without the parts
// reading cells never needs (see unneeded), which excelize would inflate
// into memory, every one, on open, and the theme of which it would parse.
// They are copied out compressed as they are (zip.Writer.CreateRaw), so
// slimming costs a copy of the kept bytes and no deflate.
func checkParts(data []byte) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return data, nil // excelize tells what is wrong with it
	}
	drop, keep := 0, 0
	for _, f := range z.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		switch {
		case name == "xl/sharedstrings.xml" && f.UncompressedSize64 > maxSST:
			return nil, readerr.Newf(readerr.TooLarge, nil, "共享字符串表 %d MB，上限 %d MB", "shared strings table of %d MB, the limit is %d MB", f.UncompressedSize64>>20, maxSST>>20)
		case strings.HasPrefix(name, "xl/worksheets/") && f.UncompressedSize64 > maxXML:
			return nil, readerr.Newf(readerr.TooLarge, nil, "工作表 %s 的数据 %d MB，上限 %d MB", "worksheet %s holds %d MB, the limit is %d MB", path.Base(name), f.UncompressedSize64>>20, maxXML>>20)
		case unneeded(name):
			drop++
		default:
			keep += int(min(f.CompressedSize64, uint64(len(data)))) + len(f.Name) + 128 // with its headers
		}
	}
	if drop == 0 {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(min(keep, len(data)))
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		if unneeded(strings.ToLower(strings.TrimPrefix(f.Name, "/"))) {
			continue
		}
		r, err := f.OpenRaw()
		if err != nil {
			return data, nil // excelize tells what is wrong with it
		}
		fh := f.FileHeader
		dst, err := w.CreateRaw(&fh)
		if err != nil {
			return data, nil
		}
		if _, err := io.Copy(dst, r); err != nil {
			return data, nil
		}
	}
	if err := w.Close(); err != nil {
		return data, nil
	}
	return out.Bytes(), nil
}

// unneeded reports whether a part (its lower-cased name) plays no part in
// reading a sheet's cells, merges and visibility: the theme (colours),
// pictures and drawings (a scanned 公章 can be megabytes), comments, document
// properties, the calculation chain (cached values are read, nothing is
// recalculated), printer settings, macros and embedded objects.
func unneeded(name string) bool {
	for _, dir := range []string{"xl/theme/", "xl/media/", "xl/drawings/", "xl/printersettings/", "xl/embeddings/",
		"xl/threadedcomments/", "xl/persons/", "docprops/", "customxml/"} {
		if strings.HasPrefix(name, dir) {
			return true
		}
	}
	return name == "xl/calcchain.xml" || name == "xl/vbaproject.bin" ||
		(strings.HasPrefix(name, "xl/comments") && strings.HasSuffix(name, ".xml"))
}

// sheetMerges reads the merged ranges of sheet sh from its XML, after
// the rows: excelize's GetMergeCells unmarshals the whole worksheet and
// merges overlapping ranges pairwise (quadratic in their number), and
// neither is needed to list them.
func sheetMerges(f *excelize.File, sh string) ([]merge, error) {
	raw, err := sheetXML(f, sh)
	if err != nil || raw == nil {
		return nil, err
	}
	if i := bytes.LastIndex(raw, []byte("sheetData")); i >= 0 {
		if j := bytes.IndexByte(raw[i:], '>'); j >= 0 {
			raw = raw[i+j+1:]
		}
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	var out []merge
	var area int64 // cells covered as written
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, nil // the rows read; a damaged tail leaves the merges read so far
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "mergeCell" {
			continue
		}
		if len(out) >= maxMerges {
			return nil, limitErr(sh, "个合并单元格", "merged ranges", maxMerges)
		}
		for _, a := range se.Attr {
			if a.Name.Local != "ref" {
				continue
			}
			c0, r0, c1, r1, ok := rangeRef(a.Value)
			if !ok {
				continue
			}
			if area += int64(r1-r0+1) * int64(c1-c0+1); area > maxMergeCells {
				return nil, readerr.Newf(readerr.TooLarge, nil,
					"工作表“%s”的合并单元格共覆盖超过 %d 个单元格，读到 %s 时超出", "sheet “%s”: merged ranges cover more than %d cells, passed at %s",
					sh, maxMergeCells, a.Value)
			}
			out = append(out, merge{r0: r0, c0: c0, r1: r1, c1: c1})
		}
	}
}

// rangeRef reads "A1:XFD20000" as 0-based inclusive corners.
func rangeRef(ref string) (c0, r0, c1, r1 int, ok bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	c0, r0, err1 := excelize.CellNameToCoordinates(a)
	c1, r1, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return 0, 0, 0, 0, false
	}
	if c1 < c0 {
		c0, c1 = c1, c0
	}
	if r1 < r0 {
		r0, r1 = r1, r0
	}
	return c0 - 1, r0 - 1, c1 - 1, r1 - 1, true
}

// sheetXML is the worksheet part of sheet sh as excelize holds it, found
// through the workbook's relationships.
func sheetXML(f *excelize.File, sh string) ([]byte, error) {
	part := func(name string) []byte {
		if v, ok := f.Pkg.Load(name); ok {
			if b, ok := v.([]byte); ok {
				return b
			}
		}
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string     `xml:"name,attr"`
			Attr []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(part("xl/workbook.xml"), &wb); err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(part("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		return nil, err
	}
	for _, s := range wb.Sheets {
		if !strings.EqualFold(s.Name, sh) {
			continue
		}
		for _, a := range s.Attr {
			if a.Name.Local != "id" {
				continue
			}
			for _, r := range rels.Rel {
				if r.ID != a.Value {
					continue
				}
				t := r.Target
				if strings.HasPrefix(t, "/") {
					t = strings.TrimPrefix(t, "/")
				} else {
					t = path.Join("xl", t)
				}
				if b := part(t); b != nil {
					return b, nil
				}
				// over UnzipXMLSizeLimit excelize keeps the part on disk;
				// checkParts refused those, so this is a missing part
				return nil, fmt.Errorf("worksheet part %s missing", t)
			}
		}
	}
	return nil, nil
}
