package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"reflect"

	lpdf "github.com/ledongthuc/pdf"
)

// errLimit is wrapped by the errors of inputs over a limit.
var errLimit = errors.New("over a limit")

// abort carries an error out of the walker through a panic, so it can be
// told apart from a panic of the library.
type abort struct{ err error }

// readStream returns a stream's decoded bytes, charging them to budget so a
// hostile file cannot make us inflate gigabytes.
func readStream(v lpdf.Value, budget *int64) ([]byte, error) {
	return readStreamMax(v, budget, *budget, nil)
}

// readStreamMax is readStream for a stream that may not exceed most bytes
// on its own either; it stops inflating there. A plain FlateDecode stream
// is inflated by in when it is not nil (see inflater), any other by the
// library.
func readStreamMax(v lpdf.Value, budget *int64, most int64, in *inflater) ([]byte, error) {
	var rd io.Reader = in.reader(v)
	if rd == nil {
		lr := v.Reader()
		defer lr.Close()
		rd = lr
	}
	lim := min(*budget, most)
	data, err := io.ReadAll(io.LimitReader(rd, lim+1))
	if int64(len(data)) > lim {
		if lim == *budget {
			*budget = 0
		}
		return nil, fmt.Errorf("stream data over %d MB: %w", lim>>20, errLimit)
	}
	*budget -= int64(len(data))
	if err != nil {
		return data, fmt.Errorf("stream data: %w", err)
	}
	return data, nil
}

// readContent returns a content stream's decoded bytes, charged to budget
// (the error says "content stream", as the measure it replaces did). They
// are read into buf, which the caller reuses for the next stream. A plain
// FlateDecode stream is inflated by in (see inflater), any other by the
// library.
func readContent(v lpdf.Value, budget *int64, buf []byte, in *inflater) ([]byte, error) {
	var rd io.Reader = in.reader(v)
	if rd == nil {
		lr := v.Reader()
		defer lr.Close()
		rd = lr
	}
	lr := io.LimitedReader{R: rd, N: *budget + 1}
	data := buf[:0]
	var err error
	for {
		if len(data) == cap(data) {
			data = append(data, make([]byte, max(4096, len(data)))...)[:len(data)]
		}
		var n int
		n, err = lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			break
		}
	}
	if int64(len(data)) > *budget {
		*budget = 0
		return nil, fmt.Errorf("content stream: %w", errLimit)
	}
	*budget -= int64(len(data))
	if err != nil {
		return nil, fmt.Errorf("content stream: %w", err)
	}
	return data, nil
}

// inflater inflates the FlateDecode streams of one document through one
// zlib reader, reset for each: the library makes a new one per stream, its
// 32 KB window and tables a tenth of the bytes a convert allocated.
type inflater struct {
	file []byte // the file as the library reads it; nil: leave all to the library
	zr   io.ReadCloser
}

// reader returns the inflated bytes of v when its only filter is
// FlateDecode without a predictor, else nil. It reads the stream as the
// library's Value.Reader does (Length bytes at the stream's offset) and
// fails as it does (a bad zlib header panics, as the library's).
func (in *inflater) reader(v lpdf.Value) io.Reader {
	if in == nil || in.file == nil || v.Kind() != lpdf.Stream {
		return nil
	}
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	if f.Kind() == lpdf.Array && f.Len() == 1 {
		f, p = f.Index(0), p.Index(0)
	}
	if f.Kind() != lpdf.Name || f.Name() != "FlateDecode" || p.Key("Predictor").Kind() != lpdf.Null {
		return nil
	}
	raw, err := rawStream(v, source{data: in.file})
	if err != nil || len(raw) == 0 {
		return nil
	}
	src := bytes.NewReader(raw)
	if in.zr == nil {
		zr, err := zlib.NewReader(src)
		if err != nil {
			panic(err)
		}
		in.zr = zr
	} else if err := in.zr.(zlib.Resetter).Reset(src, nil); err != nil {
		panic(err)
	}
	return in.zr
}

// objID identifies an indirect object, for caches and cycle checks. The
// library keeps a Value's object number unexported; we read it by
// reflection rather than fork the library. For a direct object it is the
// number of the indirect object that contains it.
type objID struct {
	num uint32
	gen uint16
}

func idOf(v lpdf.Value) objID {
	p := reflect.ValueOf(v).FieldByName("ptr")
	if !p.IsValid() || p.NumField() < 2 {
		return objID{}
	}
	return objID{uint32(p.Field(0).Uint()), uint16(p.Field(1).Uint())}
}

// entryRef returns the object a dictionary's entry refers to, without
// resolving it (Key parses the referred object anew on every call), or
// the zero objID when the entry is missing or a direct object. Like idOf,
// it reads the library's unexported dictionary by reflection.
func entryRef(v lpdf.Value, key string) objID {
	d := reflect.ValueOf(v).FieldByName("data")
	if !d.IsValid() || d.Kind() != reflect.Interface || d.IsNil() {
		return objID{}
	}
	m := d.Elem()
	if m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String {
		return objID{}
	}
	k := reflect.New(m.Type().Key()).Elem()
	k.SetString(key)
	e := m.MapIndex(k)
	if !e.IsValid() {
		return objID{}
	}
	if e.Kind() == reflect.Interface {
		e = e.Elem()
	}
	if e.Kind() != reflect.Struct || e.NumField() < 2 || e.Field(0).Kind() != reflect.Uint32 || e.Field(1).Kind() != reflect.Uint16 {
		return objID{}
	}
	return objID{uint32(e.Field(0).Uint()), uint16(e.Field(1).Uint())}
}
