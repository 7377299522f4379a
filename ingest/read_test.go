package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/office/officetest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../fixtures/quanxin-2023-9-notice.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encode(t *testing.T, tr transform.Transformer, b []byte) []byte {
	t.Helper()
	out, _, err := transform.Bytes(tr, b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEncodings: the same notice in every encoding offices produce reads to
// the same model; only Source (encoding, checksum) differs.
func TestEncodings(t *testing.T) {
	src := seed(t)
	want, err := ingest.Read(context.Background(), "seed.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"gb18030":        encode(t, simplifiedchinese.GB18030.NewEncoder(), src),
		"gbk":            encode(t, simplifiedchinese.GBK.NewEncoder(), src),
		"utf-8-bom":      append([]byte{0xEF, 0xBB, 0xBF}, src...),
		"utf-16le":       encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), src),
		"utf-16be":       encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), src),
		"utf-16le-nobom": encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), src),
		"crlf":           bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
	}
	wantEnc := map[string]string{"gb18030": "gb18030", "gbk": "gb18030", "utf-8-bom": "utf-8-bom", "utf-16le": "utf-16le", "utf-16be": "utf-16be", "utf-16le-nobom": "utf-16le", "crlf": "utf-8"}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ingest.Read(context.Background(), "seed.txt", data)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if got.Source.Encoding != wantEnc[name] {
				t.Errorf("encoding = %q, want %q", got.Source.Encoding, wantEnc[name])
			}
			if d := cmp.Diff(want.Forms, got.Forms); d != "" {
				t.Errorf("forms differ (-utf8 +%s):\n%s", name, d)
			}
			if d := cmp.Diff(want.Notice.Title, got.Notice.Title); d != "" {
				t.Errorf("title differs: %s", d)
			}
		})
	}
}

// TestBadInput: each kind of bad input gives a typed error with a message
// naming the file, never a panic or a document.
// TestNoticeOnly: a 正文 without its 附件 (OA systems send them apart) is a
// document with its notice and no forms, not an error.
func TestNoticeOnly(t *testing.T) {
	src := seed(t)
	noticeOnly := src[:bytes.Index(src, []byte("\n附件\n"))]
	for name, data := range map[string][]byte{"utf-8": noticeOnly, "gbk": encode(t, simplifiedchinese.GBK.NewEncoder(), noticeOnly)} {
		doc, err := ingest.Read(context.Background(), "正文.txt", data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc.Notice == nil || doc.Notice.Title == "" || len(doc.Forms) != 0 {
			t.Errorf("%s: notice %+v, %d forms", name, doc.Notice, len(doc.Forms))
		}
	}
}

func TestBadInput(t *testing.T) {
	src := seed(t)
	cut := bytes.Index(src, []byte("大力招引龙头企业"))
	truncated := src[:cut+len("大力招引龙头企业")]
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/13)
	}
	longLine := append([]byte("附件\n"), bytes.Repeat([]byte("长"), 2<<20/3+10)...)
	badGBK := []byte{0xB9, 0xDC, 0xCE, 0xAF, 0xBB, 0xE1, 0x0A, 0xFF, 0xFF, 0xFF, 0x80, 0x0A}
	cases := []struct {
		name string
		data []byte
		kind readerr.Kind
		zh   string
		en   string
	}{
		{"empty", nil, readerr.Empty, "文件为空", "empty"},
		{"blank", []byte(" \n\t\n"), readerr.Empty, "文件为空", "empty"},
		{"garbage", garbage, readerr.Binary, "不是文本文件", "not a text file"},
		{"memo, neither notice nor form", []byte("各位同事：\n\n周五下午三点在三楼会议室开会，请准时参加。\n\n办公室\n"), readerr.NoForm, "未找到绩效目标考评表", "no 考评表 found"},
		{"table cut off mid-row", truncated, readerr.Truncated, "截断", "truncated"},
		{"invalid gbk bytes", badGBK, readerr.Encoding, "编码无法识别", "encoding"},
		{"2 MB line", longLine, readerr.TooLarge, "超过", "over"},
		{"zip of unknown kind", []byte("PK\x03\x04junkjunkjunk"), readerr.Binary, "不是文本文件", "not a text file"},
		{"password-protected docx", officetest.CompoundFile("EncryptedPackage"), readerr.Encrypted, "已加密", "encrypted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := ingest.Read(context.Background(), "bad.txt", c.data)
			if err == nil {
				t.Fatalf("no error; got a document with %d forms", len(doc.Forms))
			}
			var ie *readerr.Error
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *readerr.Error", err)
			}
			if ie.Kind != c.kind {
				t.Errorf("kind = %v, want %v (%v)", ie.Kind, c.kind, err)
			}
			zh, en := ie.Message("zh"), ie.Message("en")
			if !strings.HasPrefix(zh, "bad.txt：") || !strings.Contains(zh, c.zh) {
				t.Errorf("zh message %q lacks file name or %q", zh, c.zh)
			}
			if !strings.HasPrefix(en, "bad.txt: ") || !strings.Contains(en, c.en) {
				t.Errorf("en message %q lacks file name or %q", en, c.en)
			}
		})
	}
}
