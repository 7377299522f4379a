// Package zipsafe opens the zip containers of DOCX, XLSX and OFD with limits,
// so that a zip bomb (a few kilobytes that inflate to gigabytes) or a member
// list of millions of entries is refused with readerr.TooLarge instead of
// exhausting memory. The sizes in a zip's directory are written by whoever made
// the file, so they are checked up front but never trusted: every member is
// inflated through a counting reader that stops at the limit.
package zipsafe

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// Limits bounds what one container may cost to read.
type Limits struct {
	MaxMembers int   // entries in the central directory
	MaxMember  int64 // uncompressed bytes of one member
	MaxTotal   int64 // uncompressed bytes of all members read, together
	MaxDepth   int   // element nesting of an XML member
}

// DefaultLimits are generous for real office files (a 200-page DOCX with
// images is far below them) and small enough for a 2-core, shared machine.
var DefaultLimits = Limits{
	MaxMembers: 20000,
	MaxMember:  128 << 20,
	MaxTotal:   512 << 20,
	MaxDepth:   512,
}

// Reader reads members of one zip container within its Limits.
type Reader struct {
	file  string
	lim   Limits
	zr    *zip.Reader
	byKey map[string]*zip.File
	used  int64 // uncompressed bytes handed out so far
}

// errNotZip is wrapped when the data is not a zip archive at all.
var errNotZip = errors.New("not a zip archive")

// IsZip reports whether data starts like a zip archive (local file header).
func IsZip(data []byte) bool {
	return len(data) >= 4 && bytes.Equal(data[:4], []byte("PK\x03\x04"))
}

// Open reads the central directory of data. file names the input in errors.
func Open(file string, data []byte, lim Limits) (*Reader, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, readerr.New(readerr.Corrupt, fmt.Errorf("%w: %w", errNotZip, err), "不是有效的 ZIP 容器", "not a valid zip container")
	}
	if len(zr.File) > lim.MaxMembers {
		return nil, tooLarge(file, fmt.Sprintf("ZIP 成员 %d 个，超过上限 %d", len(zr.File), lim.MaxMembers),
			fmt.Sprintf("%d zip members, over the limit of %d", len(zr.File), lim.MaxMembers))
	}
	r := &Reader{file: file, lim: lim, zr: zr, byKey: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		k := key(f.Name)
		if _, dup := r.byKey[k]; !dup {
			r.byKey[k] = f
		}
	}
	return r, nil
}

func (l Limits) withDefaults() Limits {
	if l.MaxMembers <= 0 {
		l.MaxMembers = DefaultLimits.MaxMembers
	}
	if l.MaxMember <= 0 {
		l.MaxMember = DefaultLimits.MaxMember
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = DefaultLimits.MaxTotal
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	return l
}

// key normalises a member name: zip names are case-sensitive, but producers
// of OFD and DOCX disagree on leading slashes, backslashes and "./".
func key(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Clean("/" + name)
	return strings.TrimPrefix(name, "/")
}

// Names lists the member names in directory order.
func (r *Reader) Names() []string {
	out := make([]string, 0, len(r.zr.File))
	for _, f := range r.zr.File {
		out = append(out, f.Name)
	}
	return out
}

// Has reports whether a member of that name exists.
func (r *Reader) Has(name string) bool {
	_, ok := r.byKey[key(name)]
	return ok
}

// HasPrefix reports whether some member's name starts with the folder prefix
// (for example "Doc_0/Signs/").
func (r *Reader) HasPrefix(prefix string) bool {
	p := key(prefix)
	for k := range r.byKey {
		if strings.HasPrefix(k, p+"/") || k == p {
			return true
		}
	}
	return false
}

// ErrMissing is wrapped when a member that the format requires is absent.
var ErrMissing = errors.New("zip member missing")

// ReadFile inflates one member, refusing it as soon as it passes the
// per-member or the running total limit.
func (r *Reader) ReadFile(name string) ([]byte, error) {
	f, ok := r.byKey[key(name)]
	if !ok {
		return nil, readerr.Newf(readerr.Corrupt, fmt.Errorf("%w: %s", ErrMissing, name), "缺少 %s", "%s is missing", name)
	}
	max := r.lim.MaxMember
	if left := r.lim.MaxTotal - r.used; left < max {
		max = left
	}
	if f.UncompressedSize64 > uint64(r.lim.MaxMember) {
		return nil, r.memberTooLarge(name, int64(f.UncompressedSize64))
	}
	if int64(f.UncompressedSize64) > max {
		return nil, r.totalTooLarge()
	}
	rc, err := f.Open()
	if err != nil {
		return nil, readerr.Newf(readerr.Corrupt, err, "无法解压 %s", "cannot inflate %s", name)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if f.UncompressedSize64 > 0 && f.UncompressedSize64 < 64<<20 {
		// bytes.MinRead over the size: ReadFrom wants that much room
		// before each read, the last one (which finds the end) included,
		// and a buffer grown to the size alone is grown again, doubled
		// and copied, for those zero bytes.
		buf.Grow(int(f.UncompressedSize64) + bytes.MinRead)
	}
	n, err := io.Copy(&buf, io.LimitReader(rc, max+1))
	r.used += n
	if n > max {
		if n > r.lim.MaxMember {
			return nil, r.memberTooLarge(name, n)
		}
		return nil, r.totalTooLarge()
	}
	if err != nil {
		kind := readerr.Corrupt
		if errors.Is(err, io.ErrUnexpectedEOF) {
			kind = readerr.Truncated
		}
		return nil, readerr.Newf(kind, err, "解压 %s 出错", "error inflating %s", name)
	}
	return buf.Bytes(), nil
}

func (r *Reader) memberTooLarge(name string, n int64) error {
	return tooLarge(r.file, fmt.Sprintf("ZIP 成员 %s 解压后超过 %d 字节（至少 %d）", name, r.lim.MaxMember, n),
		fmt.Sprintf("zip member %s inflates to more than %d bytes (at least %d)", name, r.lim.MaxMember, n))
}

func (r *Reader) totalTooLarge() error {
	return tooLarge(r.file, fmt.Sprintf("ZIP 解压总量超过 %d 字节", r.lim.MaxTotal),
		fmt.Sprintf("the zip inflates to more than %d bytes in total", r.lim.MaxTotal))
}

func tooLarge(file, zh, en string) error {
	return readerr.New(readerr.TooLarge, nil, zh, en)
}
