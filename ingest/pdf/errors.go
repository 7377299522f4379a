package pdf

import (
	"fmt"

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
		e.Detail = fmt.Sprintf("第 %d 页，技术细节：%v", page, err)
		e.DetailEn = fmt.Sprintf("page %d: %v", page, err)
	case k == readerr.Corrupt || k == readerr.TooLarge:
		e.Detail = "技术细节：" + err.Error()
		e.DetailEn = err.Error()
	}
	return e
}
