// Package text reads the text dump of a PDF (pdftotext or a copy from a
// viewer): it detects the encoding without asking, then splits the text into
// lines and tab-separated table rows for the shared parsers.
package text

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/kaoping/kaoping/ingest/readerr"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// decoded is a text input converted to UTF-8.
type decoded struct {
	Text     string
	Encoding string // utf-8, utf-8-bom, utf-16le, utf-16be, gb18030
}

func errEmpty() error  { return readerr.New(readerr.Empty, nil, "", "") }
func errBinary() error { return readerr.New(readerr.Binary, nil, "", "") }

// Decode detects the encoding of data and returns it as UTF-8. It tries, in
// order: a byte-order mark, UTF-16 without a mark (every other byte zero),
// valid UTF-8, then GB18030 (a superset of GBK, the usual encoding of text
// exported on Chinese Windows). Binary data is refused rather than decoded to
// garbage. Errors are *readerr.Error.
func Decode(data []byte) (decoded, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return decoded{}, errEmpty()
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return check(decoded{Text: string(data[3:]), Encoding: "utf-8-bom"})
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(data, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(data, xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "utf-16be")
	}
	if e, name := utf16WithoutBOM(data); e != nil {
		return decodeWith(data, e, name)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return decoded{}, errBinary()
	}
	if utf8.Valid(data) {
		return check(decoded{Text: string(data), Encoding: "utf-8"})
	}
	return decodeWith(data, simplifiedchinese.GB18030, "gb18030")
}

// utf16WithoutBOM recognises UTF-16 text without a byte-order mark by its
// zero bytes: in CJK and ASCII text one byte of most code units is zero or
// the high bytes repeat; here we use the zero-byte test, which is exact for
// the ASCII punctuation, tabs and newlines every dump contains.
func utf16WithoutBOM(data []byte) (encoding.Encoding, string) {
	if len(data) < 4 || len(data)%2 != 0 {
		return nil, ""
	}
	var evenZero, oddZero int
	for i := 0; i+1 < len(data); i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	units := len(data) / 2
	switch {
	case oddZero*5 >= units && evenZero*20 < units:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "utf-16le"
	case evenZero*5 >= units && oddZero*20 < units:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "utf-16be"
	}
	return nil, ""
}

func decodeWith(data []byte, e encoding.Encoding, name string) (decoded, error) {
	out, _, err := transform.Bytes(e.NewDecoder(), data)
	if err != nil {
		return decoded{}, readerr.New(readerr.Encoding, fmt.Errorf("%s: %w", name, err), "", "")
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return decoded{}, readerr.New(readerr.Encoding, fmt.Errorf("not valid %s", name), "", "")
	}
	return check(decoded{Text: string(bytes.TrimPrefix(out, []byte("\uFEFF"))), Encoding: name})
}

// check refuses decoded text that is mostly control characters or private-use
// code points: that is binary data that happened to decode.
func check(d decoded) (decoded, error) {
	var bad, total int
	for _, r := range d.Text {
		total++
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\f':
		case r == 0 || unicode.IsControl(r) || unicode.Is(unicode.Co, r) || r == utf8.RuneError:
			bad++
		}
	}
	if total == 0 {
		return decoded{}, errEmpty()
	}
	if bad*20 > total {
		return decoded{}, errBinary()
	}
	if len(bytes.TrimSpace([]byte(d.Text))) == 0 {
		return decoded{}, errEmpty()
	}
	return d, nil
}
