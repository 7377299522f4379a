package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// encryptions are the ways qpdf (an independent implementation of the
// standard security handler) encrypts a file for the tests, by the name
// the test gives them.
var encryptions = []struct {
	name string
	args []string
	user bool // a real user password: must be refused as such
}{
	{"rc4-40", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "40", "--"}, false},
	{"rc4-128", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}, false},
	{"rc4-128-meta", []string{"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--cleartext-metadata", "--"}, false},
	{"rc4-128-objstm", []string{"--object-streams=generate", "--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}, false},
	{"aes-128", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--"}, false},
	{"aes-128-meta", []string{"--encrypt", "", "owner", "128", "--use-aes=y", "--cleartext-metadata", "--"}, false},
	{"aes-256", []string{"--encrypt", "", "owner", "256", "--"}, false},
	{"aes-256-meta", []string{"--encrypt", "", "owner", "256", "--cleartext-metadata", "--"}, false},
	{"aes-256-r5", []string{"--encrypt", "", "owner", "256", "--force-R5", "--"}, false},
	{"aes-256-objstm", []string{"--object-streams=generate", "--encrypt", "", "owner", "256", "--"}, false},
	{"aes-256-user", []string{"--encrypt", "user", "owner", "256", "--"}, true},
	{"rc4-40-user", []string{"--allow-weak-crypto", "--encrypt", "user", "owner", "40", "--"}, true},
}

// encrypt writes src encrypted by qpdf with args into dir and returns it.
func encrypt(t testing.TB, qpdf, src, dir, name string, args []string) []byte {
	t.Helper()
	out := filepath.Join(dir, name+".pdf")
	cmd := exec.Command(qpdf, append(append([]string{}, args...), src, out)...)
	if b, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != 3 { // 3: warnings
		t.Fatalf("qpdf %v: %v %s", args, err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestDecryptMatchesSource: every fixture encrypted every way qpdf knows
// with the empty user password reads to exactly the pages of the source
// (glyphs, boxes, fonts, rules); with a real user password it is refused
// as 设有打开密码. -short reads one fixture.
func TestDecryptMatchesSource(t *testing.T) {
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	files := fixtures(t)
	if testing.Short() {
		files = []string{"../../fixtures/pdf/lo-calc-kaopingbiao.pdf"}
	}
	for _, file := range files {
		want := readFixture(t, file)
		dir := t.TempDir()
		for _, e := range encryptions {
			t.Run(filepath.Base(file)+"/"+e.name, func(t *testing.T) {
				data := encrypt(t, qpdf, file, dir, e.name, e.args)
				got, err := Pages(context.Background(), e.name+".pdf", data)
				if e.user {
					var re *readerr.Error
					if !errors.As(err, &re) || re.Kind != readerr.Encrypted || !strings.Contains(re.Message("zh"), "设有打开密码") {
						t.Fatalf("err %v, want 设有打开密码", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("pages differ from the source (-source +encrypted):\n%s", d)
				}
			})
		}
	}
}

// TestDecryptCommitted: the small encrypted files in testdata (made by
// qpdf from a one-page fpdf file, see testdata/encrypted/make.sh) read
// without qpdf on the machine, to the text of their source.
func TestDecryptCommitted(t *testing.T) {
	src, err := os.ReadFile("testdata/encrypted/plain.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Pages(context.Background(), "plain.pdf", src)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/encrypted/*.pdf")
	if len(files) < 5 {
		t.Fatalf("%d files in testdata/encrypted", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Pages(context.Background(), filepath.Base(f), data)
			if strings.Contains(f, "-user") {
				if readerr.KindOf(err) != readerr.Encrypted {
					t.Fatalf("err %v, want Encrypted", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-source +encrypted):\n%s", d)
			}
			// Strings outside streams are decrypted too (the page model
			// carries none): /Info's title and the annotation's text.
			plain, err := decrypt(data, false)
			if err != nil {
				t.Fatal(err)
			}
			r, err := lpdf.NewReader(bytes.NewReader(plain), int64(len(plain)))
			if err != nil {
				t.Fatal(err)
			}
			info := r.Trailer().Key("Info")
			if title := info.Key("Title").Text(); title != "kaoping (encrypted) test" {
				t.Errorf("title %q", title)
			}
			if p := info.Key("Producer").Text(); p != "考评" {
				t.Errorf("producer %q", p)
			}
			note := r.Page(1).V.Key("Annots").Index(0).Key("Contents").RawString()
			if note != "note (1)" {
				t.Errorf("annotation %q", note)
			}
		})
	}
}

// TestDecryptUnsupported: a security handler other than the password one,
// or a version/revision kaoping does not know, is said to be unsupported
// encryption (zh and en), neither damage nor a password.
func TestDecryptUnsupported(t *testing.T) {
	src, err := os.ReadFile("testdata/encrypted/rc4-128.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, zh, en string
	}{
		{"public key", "/Filter /Standard", "/Filter /PubSecXX", "/Filter /PubSecXX", "/Filter /PubSecXX"},
		{"V 3", "/V 2", "/V 3", "/V 3 /R 3", "/V 3 /R 3"},
		{"R 7", "/R 3", "/R 7", "/V 2 /R 7", "/V 2 /R 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := string(src)
			if !strings.Contains(s, tt.old) {
				t.Fatalf("no %q in the file", tt.old)
			}
			_, err := Pages(context.Background(), "x.pdf", []byte(strings.Replace(s, tt.old, tt.new, 1)))
			var re *readerr.Error
			if !errors.As(err, &re) || re.Kind != readerr.Unsupported {
				t.Fatalf("err %v, want Unsupported", err)
			}
			if zh := re.Message("zh"); !strings.Contains(zh, "不支持的加密方式") || !strings.Contains(zh, tt.zh) {
				t.Errorf("zh %q", zh)
			}
			if en := re.Message("en"); !strings.Contains(en, "encrypted with a method kaoping does not support") || !strings.Contains(en, tt.en) {
				t.Errorf("en %q", en)
			}
		})
	}
}

// FuzzDecrypt feeds the decryption stage files with an /Encrypt: the
// committed ones, cut and with bytes flipped. It must return a file or a
// *readerr.Error, never panic; what it returns must open in the library
// or fail there with an error, which PagesLimits turns into one.
func FuzzDecrypt(f *testing.F) {
	files, _ := filepath.Glob("testdata/encrypted/*.pdf")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)*2/3])
		for _, at := range []int{len(data) / 3, len(data) / 2, len(data) - 300} {
			m := bytes.Clone(data)
			for i := at; i < at+8 && i < len(m); i++ {
				m[i] ^= 0x21
			}
			f.Add(m)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// the guards run before the stage, as in open
		if guardXref(data, 100000) != nil || preflight(data, false) != nil {
			return
		}
		plain, err := decrypt(data, false) // a panic here is a failure
		if err != nil {
			var re *readerr.Error
			if !errors.As(err, &re) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		_, _ = safe(func() (*lpdf.Reader, error) { return lpdf.NewReader(bytes.NewReader(plain), int64(len(plain))) })
	})
}
