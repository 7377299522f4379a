package pdf

import (
	"bytes"
	"compress/flate"
	"compress/lzw"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"reflect"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"
	tifflzw "golang.org/x/image/tiff/lzw"
)

// Image streams are decoded here, not by the library: it knows Flate (with
// PNG Up prediction only, one byte a column) and ASCII85, and panics on
// DCT, the filter of nearly every scan.

// errUnsupported is wrapped by the errors of image data this package does
// not decode; the page is then rendered by pdftoppm.
var errUnsupported = errors.New("unsupported")

// source is the file that image streams are read from.
type source struct {
	data      []byte
	encrypted bool
}

// rawStream returns a stream's bytes as stored in the file, before any
// filter. The library keeps the stream's offset unexported; we read it by
// reflection, as idOf reads object numbers. An encrypted file was written
// decrypted by open (decrypt.go), so its bytes are plain.
func rawStream(v lpdf.Value, src source) ([]byte, error) {
	if src.encrypted {
		return nil, fmt.Errorf("image of an encrypted PDF: %w", errUnsupported)
	}
	d := reflect.ValueOf(v).FieldByName("data")
	if !d.IsValid() || d.Kind() != reflect.Interface || d.IsNil() || d.Elem().Kind() != reflect.Struct {
		return nil, errors.New("image XObject is not a stream")
	}
	off := d.Elem().FieldByName("offset")
	if !off.IsValid() || off.Kind() != reflect.Int64 {
		return nil, fmt.Errorf("stream offset not found in the PDF library: %w", errUnsupported)
	}
	o, n := off.Int(), v.Key("Length").Int64()
	if o < 0 || n < 0 || o > int64(len(src.data)) {
		return nil, fmt.Errorf("stream at %d, length %d, outside the file", o, n)
	}
	return src.data[o:min(o+n, int64(len(src.data)))], nil
}

// filterChain lists a stream's filters with their parameters.
func filterChain(v lpdf.Value) (names []string, params []lpdf.Value) {
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	if f.Kind() == lpdf.Null {
		f, p = v.Key("F"), v.Key("DP")
	}
	switch f.Kind() {
	case lpdf.Name:
		return []string{f.Name()}, []lpdf.Value{p}
	case lpdf.Array:
		for i := 0; i < f.Len(); i++ {
			names = append(names, f.Index(i).Name())
			if p.Kind() == lpdf.Array {
				params = append(params, p.Index(i))
			} else {
				params = append(params, lpdf.Value{})
			}
		}
	}
	return names, params
}

// unfilter applies the filters in order, stopping before DCTDecode, which
// it reports so the caller decodes a JPEG; most bounds every stage's
// output. width and height are the image's, for CCITT.
func unfilter(raw []byte, names []string, params []lpdf.Value, most int64, width, height int) (data []byte, jpeg bool, err error) {
	data = raw
	for i, name := range names {
		var r io.Reader
		in := bytes.NewReader(data)
		switch name {
		case "DCTDecode", "DCT":
			if i != len(names)-1 {
				return nil, false, fmt.Errorf("filter after DCTDecode: %w", errUnsupported)
			}
			return data, true, nil
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(in)
			if err != nil {
				// Some producers write raw deflate without the zlib header.
				r = flate.NewReader(bytes.NewReader(data))
			} else {
				r = zr
			}
		case "LZWDecode", "LZW":
			if p := params[i].Key("EarlyChange"); p.Kind() == lpdf.Integer && p.Int64() == 0 {
				r = lzw.NewReader(in, lzw.MSB, 8)
			} else {
				r = tifflzw.NewReader(in, tifflzw.MSB, 8)
			}
		case "ASCIIHexDecode", "AHx":
			r = bytes.NewReader(asciiHex(data))
		case "ASCII85Decode", "A85":
			r = ascii85.NewDecoder(bytes.NewReader(clean85(data)))
		case "RunLengthDecode", "RL":
			r = bytes.NewReader(unrun(data, most))
		case "CCITTFaxDecode", "CCF":
			r, err = ccittReader(in, params[i], width, height)
			if err != nil {
				return nil, false, err
			}
		default:
			return nil, false, fmt.Errorf("filter %s: %w", name, errUnsupported)
		}
		out, err := io.ReadAll(io.LimitReader(r, most))
		// A stream cut short of its checksum still holds its rows; what is
		// missing is judged by the caller against the size it needs.
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && len(out) == 0 {
			return nil, false, fmt.Errorf("%s: %w", name, err)
		}
		if name == "FlateDecode" || name == "Fl" || name == "LZWDecode" || name == "LZW" {
			if out, err = unpredict(out, params[i]); err != nil {
				return nil, false, err
			}
		}
		data = out
	}
	return data, false, nil
}

// ccittReader decodes CCITT Group 3 (one-dimensional) and Group 4 fax
// data. The output is one bit a pixel, 0 black unless BlackIs1, as the PDF
// image's samples are.
//
// BUG: two-dimensional Group 3 (K > 0) is not decoded (golang.org/x/image's
// decoder does not have it); such pages are rendered by pdftoppm.
func ccittReader(r io.Reader, p lpdf.Value, width, height int) (io.Reader, error) {
	k := p.Key("K").Int64()
	cols := width
	if c := p.Key("Columns"); c.Kind() == lpdf.Integer {
		cols = int(c.Int64())
	}
	if cols != width {
		return nil, fmt.Errorf("CCITT columns %d for an image %d wide: %w", cols, width, errUnsupported)
	}
	sf := ccitt.Group4
	switch {
	case k == 0:
		sf = ccitt.Group3
	case k > 0:
		return nil, fmt.Errorf("CCITT Group 3 2-D: %w", errUnsupported)
	}
	opts := &ccitt.Options{Align: p.Key("EncodedByteAlign").Bool(), Invert: p.Key("BlackIs1").Bool()}
	return ccitt.NewReader(r, ccitt.MSB, sf, width, height, opts), nil
}

// unpredict undoes a Flate or LZW predictor: TIFF's horizontal
// differencing (2) or PNG's per-row filters (10–15).
func unpredict(data []byte, p lpdf.Value) ([]byte, error) {
	pred := p.Key("Predictor").Int64()
	if pred <= 1 {
		return data, nil
	}
	colors, bpc, cols := intOr(p.Key("Colors"), 1), intOr(p.Key("BitsPerComponent"), 8), intOr(p.Key("Columns"), 1)
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || cols < 1 || cols > 1<<20 {
		return nil, fmt.Errorf("predictor parameters Colors %d, BitsPerComponent %d, Columns %d", colors, bpc, cols)
	}
	row := (colors*bpc*cols + 7) / 8
	bpp := max(1, colors*bpc/8)
	if pred == 2 {
		if bpc != 8 {
			return nil, fmt.Errorf("TIFF predictor with %d bits: %w", bpc, errUnsupported)
		}
		for y := 0; y+row <= len(data); y += row {
			for x := bpp; x < row; x++ {
				data[y+x] += data[y+x-bpp]
			}
		}
		return data, nil
	}
	out := make([]byte, 0, len(data)/(row+1)*row)
	prev := make([]byte, row)
	for y := 0; y+1 < len(data); y += row + 1 {
		cur := data[y+1 : min(len(data), y+1+row)]
		if len(cur) < row {
			cur = append(append([]byte{}, cur...), make([]byte, row-len(cur))...)
		}
		ft := data[y]
		for x := range cur {
			var a, b, c byte
			if x >= bpp {
				a, c = cur[x-bpp], prev[x-bpp]
			}
			b = prev[x]
			switch ft {
			case 1:
				cur[x] += a
			case 2:
				cur[x] += b
			case 3:
				cur[x] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[x] += paeth(a, b, c)
			}
		}
		out = append(out, cur...)
		copy(prev, cur)
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func intOr(v lpdf.Value, def int) int {
	if v.Kind() != lpdf.Integer {
		return def
	}
	return int(v.Int64())
}

// asciiHex decodes ASCIIHexDecode data: what the CMap lexer reads as a
// hex string (digits up to '>', white space skipped, an odd last digit
// followed by 0).
func asciiHex(data []byte) []byte {
	l := &lexer{data: data, pos: -1} // hex skips the '<' it expects at pos
	return []byte(l.hex().s)
}

// clean85 drops the white space and the <~ ~> brackets ASCII85 data may
// carry, which encoding/ascii85 does not accept.
func clean85(data []byte) []byte {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
	if i := bytes.Index(data, []byte("~>")); i >= 0 {
		data = data[:i]
	}
	return bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\f' || r == 0 {
			return -1
		}
		return r
	}, data)
}

func unrun(data []byte, most int64) []byte {
	var out []byte
	for i := 0; i < len(data) && int64(len(out)) < most; {
		n := int(data[i])
		i++
		switch {
		case n < 128:
			end := min(len(data), i+n+1)
			out = append(out, data[i:end]...)
			i = end
		case n > 128:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
			}
			i++
		default:
			return out
		}
	}
	return out
}
