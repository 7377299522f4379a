package pdf

import (
	"errors"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestFailDetail: the library's words in a message are its first line, cut
// to maxDetail characters, and the error itself is kept whole.
func TestFailDetail(t *testing.T) {
	long := errors.New("malformed hex string 3 " + strings.Repeat("字", 300))
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errors.New("malformed PDF: bad xref"), "技术细节：malformed PDF: bad xref"},
		{errors.New("malformed hex string 3 hV\nBT /F1 10 Tf\n0.5 w"), "技术细节：malformed hex string 3 hV…"},
		{long, "技术细节：" + string([]rune(long.Error())[:maxDetail]) + "…"},
	} {
		e := fail(readerr.Corrupt, 0, tc.err)
		if e.Detail != tc.want {
			t.Errorf("detail %q, want %q", e.Detail, tc.want)
		}
		if !errors.Is(e, tc.err) {
			t.Errorf("%v does not wrap %v", e, tc.err)
		}
	}
	if e := fail(readerr.Corrupt, 2, errors.New("a\nb")); e.Detail != "第 2 页，技术细节：a…" || e.DetailEn != "page 2: a…" {
		t.Errorf("page detail %q / %q", e.Detail, e.DetailEn)
	}
}
