package office

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// timeout bounds one LibreOffice conversion when the caller's context has
// no earlier deadline: a damaged file can make soffice hang.
const timeout = 2 * time.Minute

// Target is the format a conversion produces.
func Target(f fileFormat) (ext string, ok bool) {
	switch f {
	case formatDoc, formatODT:
		return "docx", true
	case formatSheet, formatODS:
		return "xlsx", true
	}
	return "", false
}

// filters names LibreOffice's export filter for each target.
var filters = map[string]string{
	"docx": "docx:MS Word 2007 XML",
	"xlsx": "xlsx:Calc MS Excel 2007 XML",
}

// inputExt is the extension the input is given in the temporary folder, a
// hint for LibreOffice's own type detection (which also reads the content).
var inputExt = map[fileFormat]string{formatDoc: ".doc", formatSheet: ".xls", formatODT: ".odt", formatODS: ".ods"}

// packageFor is the Debian package that brings the soffice a format needs.
func packageFor(f fileFormat) string {
	if f == formatSheet || f == formatODS {
		return "libreoffice-calc-nogui"
	}
	return "libreoffice-writer-nogui"
}

// soffice finds LibreOffice's command line, "" when it is not installed.
func soffice() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Convert turns data of format f into DOCX or XLSX bytes with LibreOffice,
// in a private temporary folder (with its own LibreOffice profile, so a
// clerk's running LibreOffice is neither reused nor disturbed) that is
// removed afterwards. The input is never written over.
func Convert(ctx context.Context, file string, data []byte, f fileFormat) ([]byte, error) {
	to, ok := Target(f)
	if !ok {
		return nil, readerr.Newf(readerr.Unsupported, nil, "%s", "%s", string(f))
	}
	bin := soffice()
	if bin == "" {
		pkg := packageFor(f)
		return nil, readerr.Newf(readerr.Unsupported, exec.ErrNotFound,
			"读取 .doc/.wps/.xls/.et 需要 LibreOffice，请安装：apt-get install %s",
			"reading .doc/.wps/.xls/.et needs LibreOffice; install it with: apt-get install %s", pkg)
	}
	if _, has := ctx.Deadline(); !has {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "kaoping-office-")
	if err != nil {
		return nil, fmt.Errorf("office: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+inputExt[f])
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("office: write temp input: %w", err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.CommandContext(ctx, bin,
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--nologo", "--nolockcheck",
		"--convert-to", filters[to], "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	// soffice starts soffice.bin as a child: kill the whole group on timeout.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	msg, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, readerr.New(readerr.Corrupt, ctx.Err(), "LibreOffice 转换超时", "the LibreOffice conversion timed out")
	}
	result := filepath.Join(out, "input."+to)
	conv, rerr := os.ReadFile(result)
	if err != nil || rerr != nil || len(conv) == 0 {
		cause := err
		if cause == nil {
			cause = rerr
		}
		if cause == nil {
			cause = errors.New("empty output")
		}
		detail := strings.TrimSpace(string(msg))
		if len(detail) > 300 {
			detail = detail[:300]
		}
		return nil, readerr.New(readerr.Corrupt, fmt.Errorf("soffice: %w: %s", cause, detail), "LibreOffice 无法转换此文件", "LibreOffice could not convert the file")
	}
	return conv, nil
}
