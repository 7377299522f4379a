// Package ziptest writes small zips for the tests of the zip-based readers
// (DOCX, XLSX, OFD) and of their limits: hostile ones (a member that
// inflates a thousandfold, entity expansion, deep nesting) whose zipped size
// is tiny.
package ziptest

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// Of zips the members in the order given, name then content.
func Of(nameContent ...string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(nameContent); i += 2 {
		w, err := zw.Create(nameContent[i])
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		io.WriteString(w, nameContent[i+1])
	}
	zw.Close()
	return b.Bytes()
}

// Bomb is a zip whose one member, name, inflates to n bytes (a multiple
// of 1 MB) of '<'.
func Bomb(name string, n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		panic(err)
	}
	chunk := bytes.Repeat([]byte("<"), 1<<20)
	for range n >> 20 {
		w.Write(chunk)
	}
	zw.Close()
	return b.Bytes()
}

// BillionLaughs is a WordprocessingML document whose one text run is a
// 10⁹-fold entity expansion.
const BillionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`

// Deep is XML of n nested elements named tag inside root: <root><tag><tag>…
func Deep(root, tag string, n int) string {
	return "<" + root + ">" + strings.Repeat("<"+tag+">", n) + strings.Repeat("</"+tag+">", n) + "</" + root + ">"
}
