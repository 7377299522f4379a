package ocr

import (
	"errors"
	"os"
	"path/filepath"
)

// EnvDir is the environment variable naming the OCR folder.
const EnvDir = "KAOPING_OCR_DIR"

// InstallCommand is the command that installs OCR, as messages name it.
const InstallCommand = "scripts/install-ocr.sh"

// ErrNotInstalled is wrapped by Open's error when the folder lacks a file.
var ErrNotInstalled = errors.New("ocr: not installed")

const libName = "libonnxruntime.so.1"

// files are what scripts/install-ocr.sh puts in the folder.
var files = []string{"det.onnx", "rec.onnx", "keys.txt", libName}

// Dir returns the OCR folder: override when not empty, else $KAOPING_OCR_DIR,
// else kaoping/ocr in the user's cache folder ($XDG_CACHE_HOME or
// ~/.cache) — the order scripts/install-ocr.sh uses.
func Dir(override string) string {
	if override != "" {
		return override
	}
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return filepath.Join(".cache", "kaoping", "ocr")
	}
	return filepath.Join(c, "kaoping", "ocr")
}
