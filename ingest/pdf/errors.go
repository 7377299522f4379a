package pdf

import (
	"fmt"
	"strings"

	"github.com/kaoping/kaoping/ingest/readerr"
)

// fail builds the *readerr.Error for a PDF that cannot be read; page is the
// 1-based page it happened on, 0 when it is not tied to a page. The PDF
// library's own words are English; the Chinese message marks them as
// technical detail for whoever the clerk asks for help.
func fail(k readerr.Kind, page int, err error) *readerr.Error {
	e := &readerr.Error{Kind: k, Page: page, Err: err}
	switch {
	case page > 0:
		e.Detail = fmt.Sprintf("第 %d 页，技术细节：%s", page, detail(err))
		e.DetailEn = fmt.Sprintf("page %d: %s", page, detail(err))
	case k == readerr.Corrupt || k == readerr.TooLarge:
		e.Detail = "技术细节：" + detail(err)
		e.DetailEn = detail(err)
	}
	return e
}

// maxDetail bounds the library's words in a message.
const maxDetail = 160

// detail is the first line of err, at most maxDetail characters: the
// library quotes what it could not parse, and for a broken hex string in a
// content stream that was the whole rest of the stream, hundreds of lines
// of operators in the clerk's message. The full error stays in Err.
func detail(err error) string {
	s, cut, _ := strings.Cut(err.Error(), "\n")
	if r := []rune(s); len(r) > maxDetail {
		s, cut = string(r[:maxDetail]), "x"
	}
	if cut != "" {
		s = strings.TrimRight(s, " ") + "…"
	}
	return s
}
