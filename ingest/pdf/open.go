// Package pdf reads the text layer and ruling lines of PDF pages into the
// page model: every glyph with its box, font and size, and the stroked lines
// and thin filled rectangles that draw table rules.
//
// It uses github.com/ledongthuc/pdf for the object layer (xref, streams,
// filters; kaoping decrypts, see decrypt.go), but tokenizes (content.go)
// and interprets the content itself: the library's Page.Content misplaces and
// garbles text (a spurious character after each TJ, CID fonts with zero
// width, ToUnicode ranges with string destinations decoded wrongly), ignores
// paths and the CTM, and panics on malformed streams.
//
// One file per stage: open.go (the document and its errors), pagetree.go,
// content.go (content stream tokens), walker.go (content operators), gstate.go, font.go, cmap.go and lexer.go
// (ToUnicode and encoding CMaps), encoding.go (simple and CJK encodings),
// paths.go (ruling segments), stream.go (limits), and before the library
// sees a file guard.go and objstm.go (structures that would make it loop or
// crash), decrypt.go and security.go (encryption).
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// limits bound the work one document may cause.
type limits struct {
	MaxPages   int
	MaxObjects int   // the xref's /Size
	MaxBytes   int64 // decoded stream bytes over the whole document
	MaxOps     int   // content stream operators over the whole document
	MaxGlyphs  int   // glyphs on one page
}

// defaultLimits are generous for real 公文 (tens of pages, a few MB) and
// still keep a hostile file to a few hundred MB and seconds.
func defaultLimits() limits {
	return limits{MaxPages: 2000, MaxObjects: 2_000_000, MaxBytes: 256 << 20, MaxOps: 20_000_000, MaxGlyphs: 100_000}
}

// Pages reads every page of the PDF in data. name is used in error messages.
// Errors are *readerr.Error, with their Chinese and English messages, or the
// context's error.
func Pages(ctx context.Context, name string, data []byte) ([]page.Page, error) {
	return pagesLimits(ctx, name, data, defaultLimits())
}

// pagesLimits is Pages with explicit limits.
func pagesLimits(ctx context.Context, name string, data []byte, lim limits) ([]page.Page, error) {
	return pagesWith(ctx, name, data, lim, nil)
}

// pagesWith is pagesLimits with, in tests, the library's content tokenizer
// (doc.legacy).
func pagesWith(ctx context.Context, name string, data []byte, lim limits, legacy func(*walker, lpdf.Value)) (pages []page.Page, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(readerr.Empty, 0, errors.New("empty file"))
	}
	r, data, err := open(name, data, lim.MaxObjects)
	if err != nil {
		return nil, err
	}
	nodes, err := safe(func() ([]pageNode, error) { return pageTree(r, lim.MaxPages) })
	if err != nil {
		return nil, classify(name, data, 0, err)
	}
	// A damaged or odd Info dictionary only costs the name: the pages read.
	creator, _ := safe(func() (string, error) { return r.Trailer().Key("Info").Key("Creator").Text(), nil })
	d := newDoc(ctx, lim)
	d.legacy = legacy
	// An encrypted file was written decrypted (open), but should the library
	// still decrypt, its streams are left to it.
	if enc, err := safe(func() (bool, error) { return r.Trailer().Key("Encrypt").Kind() != lpdf.Null, nil }); err == nil && !enc {
		d.inflate = &inflater{file: data}
	}
	pages = make([]page.Page, 0, len(nodes))
	for i, n := range nodes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, err := readPage(d, n, i+1)
		if err != nil {
			return nil, classify(name, data, i+1, err)
		}
		p.Creator = creator
		pages = append(pages, p)
	}
	glyphs := 0
	for _, p := range pages {
		glyphs += len(p.Glyphs)
	}
	// No text layer but images (a scan, a print to an image) or many filled
	// shapes (text converted to outlines): the pages must be read by OCR.
	if glyphs == 0 && (d.images > 0 || d.fills >= outlineFills) {
		return nil, fail(readerr.Scanned, 0, fmt.Errorf("%d images, %d filled paths and no text", d.images, d.fills))
	}
	return pages, nil
}

// outlineFills is the number of filled paths from which a document without
// text is taken for outlined text: a page of text is thousands of glyph
// outlines, a blank form's frame a few dozen rectangles.
const outlineFills = 200

// safe runs f, turning a panic of the library into an error.
func safe[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = panicError(x)
		}
	}()
	return f()
}

func panicError(x any) error {
	switch x := x.(type) {
	case abort:
		return x.err
	case runtime.Error:
		return fmt.Errorf("%w: %v", errMalformed, x)
	case error:
		return fmt.Errorf("%w: %w", errMalformed, x)
	}
	return fmt.Errorf("%w: %v", errMalformed, x)
}

var errMalformed = errors.New("malformed PDF")

// firstPageGlyphs is the room readPage makes for the first page's glyphs.
const firstPageGlyphs = 40 * 25

func readPage(d *doc, n pageNode, num int) (page.Page, error) {
	return safe(func() (page.Page, error) {
		ctm, wd, ht := n.deviceMatrix()
		// The pages of one document carry about as much text each: room
		// for the last page's glyphs and a quarter more spares the growing
		// slice its copies (room never written to costs little: memory
		// fresh from the system is paged in when first touched). The
		// first page gets room for a page of 小四 text, 40 lines of 25.
		p := page.Page{Number: num, Width: wd, Height: ht}
		hint := firstPageGlyphs
		if d.read > 0 {
			hint = d.glyphHint + d.glyphHint/4
		}
		if hint > 0 {
			p.Glyphs = make([]page.Glyph, 0, hint)
		}
		w := &walker{d: d, pg: &p, gs: newGState(ctm)}
		w.run(n.v.Key("Contents"), n.resources)
		d.glyphHint = len(p.Glyphs)
		d.read++
		if len(p.Glyphs) == 0 {
			p.Glyphs = nil // as a page without text always read
		}
		return p, nil
	})
}

// open parses the file structure, telling encrypted and truncated files
// apart from other damage. It returns the file the library reads: data
// itself, or for an encrypted file the same document decrypted.
func open(name string, data []byte, maxObjects int) (*lpdf.Reader, []byte, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		return nil, nil, fail(readerr.Corrupt, 0, fmt.Errorf("%w: no %%PDF header", errMalformed))
	}
	pdf2 := i == 0 && len(data) > 9 && data[5] == '2'
	if err := guardXref(data, maxObjects); err != nil {
		return nil, nil, classify(name, data, 0, err)
	}
	if err := preflight(data, pdf2); err != nil {
		return nil, nil, classify(name, data, 0, err)
	}
	plain, err := safe(func() ([]byte, error) { return decrypt(data, pdf2) })
	if err != nil {
		return nil, nil, classify(name, data, 0, err)
	}
	if len(plain) > 0 && &plain[0] != &data[0] {
		data, pdf2 = plain, false // written as PDF 1.7
	}
	r, err := safe(func() (*lpdf.Reader, error) { return lpdf.NewReader(readerFor(data, pdf2), int64(len(data))) })
	if err != nil {
		return nil, nil, classify(name, data, 0, err)
	}
	size, err := safe(func() (int64, error) { return r.Trailer().Key("Size").Int64(), nil })
	if err != nil {
		return nil, nil, classify(name, data, 0, err)
	}
	if size > int64(maxObjects) {
		return nil, nil, fail(readerr.TooLarge, 0, fmt.Errorf("%d objects: %w", size, errLimit))
	}
	return r, data, nil
}

// preflight opens the file once without its encryption dictionary, which
// resolves nothing, to check the library's cross-reference table with
// guardObjStreams before any object is resolved. Failures to open are left
// to the real opening, which reports them.
func preflight(data []byte, pdf2 bool) error {
	plain := withoutEncrypt(data)
	ra := readerFor(plain, pdf2)
	r, err := safe(func() (*lpdf.Reader, error) { return lpdf.NewReader(ra, int64(len(plain))) })
	if err != nil {
		return nil
	}
	if err := guardObjStreams(r, data); err != nil {
		// damage, not a password, even when the file has an /Encrypt
		return fail(readerr.Corrupt, 0, err)
	}
	return nil
}

// readerFor presents data to the library. The library insists on a header
// at offset 0 reading %PDF-1.0 to %PDF-1.7. PDF 2.0 files read the same for
// what we need, so they are presented as 1.7; offsets stay the same since
// the header keeps its length.
func readerFor(data []byte, pdf2 bool) readerAt {
	if pdf2 {
		return patched{data: data, at: 5, with: []byte("1.7")}
	}
	return bytes.NewReader(data)
}

type readerAt interface {
	ReadAt(p []byte, off int64) (int, error)
}

// patched overlays a few bytes of data.
type patched struct {
	data []byte
	at   int64
	with []byte
}

func (p patched) ReadAt(b []byte, off int64) (int, error) {
	n, err := bytes.NewReader(p.data).ReadAt(b, off)
	for i := 0; i < len(p.with); i++ {
		if j := p.at + int64(i) - off; j >= 0 && j < int64(n) {
			b[j] = p.with[i]
		}
	}
	return n, err
}

// classify turns a failure into an *Error. page is 0 for failures outside
// a page. Whether a file needs a password is decided by decrypt, never
// guessed from a failure.
func classify(name string, data []byte, page int, err error) error {
	var pe *readerr.Error
	if errors.As(err, &pe) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	kind := readerr.Corrupt
	tail := data[max(0, len(data)-1024):]
	switch {
	case errors.Is(err, errLimit):
		kind = readerr.TooLarge
	case !bytes.Contains(tail, []byte("%%EOF")):
		kind = readerr.Truncated
	}
	return fail(kind, page, err)
}
