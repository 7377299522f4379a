package batch

import (
	"context"
	"path"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// Doc is one document to read: a file, or a 正文 with the 附件 files sent
// beside it, read as one.
type Doc struct {
	Main  source
	Parts []source
}

// Sources lists the files of the document, the main one first.
func (d Doc) Sources() []source { return append([]source{d.Main}, d.Parts...) }

// Pair groups the sources into documents. In one folder, a file whose name
// says 正文 and the files whose names say 附件 are one document: OA systems
// export a 文件 as 正文.pdf and 附件1….xlsx. Where a folder has several 正文,
// each 附件 goes with the one whose name shares the longest start with it
// (关于A的通知_正文 with 关于A的通知_附件1). Every other file is a document of
// its own. The order of the sources is kept.
//
// This is the one place that decides what belongs together; the join itself
// is Join.
func Pair(srcs []source) []Doc {
	mains := map[string][]int{} // folder → indexes of 正文 files
	for i, s := range srcs {
		if isMain(s.Base()) {
			mains[s.Dir()] = append(mains[s.Dir()], i)
		}
	}
	partOf := map[int]int{} // 附件 index → 正文 index
	for i, s := range srcs {
		ms := mains[s.Dir()]
		if len(ms) == 0 || !isPart(s.Base()) {
			continue
		}
		best, bestLen := ms[0], -1
		for _, m := range ms {
			if n := commonPrefix(stem(srcs[m].Base()), stem(s.Base())); n > bestLen {
				best, bestLen = m, n
			}
		}
		partOf[i] = best
	}
	var docs []Doc
	at := map[int]int{} // 正文 index → its doc
	for i, s := range srcs {
		if _, ok := partOf[i]; ok {
			continue
		}
		at[i] = len(docs)
		docs = append(docs, Doc{Main: s})
	}
	for i, s := range srcs {
		if m, ok := partOf[i]; ok {
			d := &docs[at[m]]
			d.Parts = append(d.Parts, s)
		}
	}
	return docs
}

func isMain(base string) bool { return strings.Contains(stem(base), "正文") }

func isPart(base string) bool {
	s := stem(base)
	return strings.Contains(s, "附件") && !strings.Contains(s, "正文")
}

func stem(base string) string { return strings.TrimSuffix(base, path.Ext(base)) }

func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

// join makes one document of a 正文 and its 附件: the notice of the first
// that has one, the forms of all in order, the findings of each with their
// form indexes moved to where its forms now stand. It is called before the
// audit, so the rules that compare the notice with its forms (count-claim,
// attachment-title, date-mismatch) see both.
func join(docs []*model.Document) *model.Document {
	out := *docs[0]
	out.Forms = append([]model.Form(nil), docs[0].Forms...)
	out.Findings = append([]model.Finding(nil), docs[0].Findings...)
	for _, d := range docs[1:] {
		if out.Notice == nil {
			out.Notice = d.Notice
		}
		shift := len(out.Forms)
		out.Forms = append(out.Forms, d.Forms...)
		for _, f := range d.Findings {
			if f.At.Form != nil {
				f.At.Form = model.Int(*f.At.Form + shift)
			}
			out.Findings = append(out.Findings, f)
		}
		if out.Source.Pages != nil && d.Source.Pages != nil {
			out.Source.Pages = model.Int(*out.Source.Pages + *d.Source.Pages)
		}
	}
	if out.Findings == nil {
		out.Findings = []model.Finding{}
	}
	return &out
}

// AsOne is a 文件 read from several files made one document, as `kaoping
// convert --as-one` and the page's join both do: the 正文 leads (its notice,
// its name), the others follow in the order given, joined by Join and then
// reviewed together (with the certain fixes when fix). order is the indexes
// of docs in the order they were joined, the 正文 first. The error is the
// context's, when it ends during the review.
func AsOne(ctx context.Context, docs []*model.Document, fix bool) (doc *model.Document, order []int, err error) {
	main := leading(docs)
	order = []int{main}
	for i := range docs {
		if i != main {
			order = append(order, i)
		}
	}
	joined := make([]*model.Document, 0, len(docs))
	for _, i := range order {
		joined = append(joined, docs[i])
	}
	doc = join(joined)
	if err := audit.Review(ctx, doc, audit.Options{Fix: fix}); err != nil {
		return nil, nil, err
	}
	return doc, order, nil
}

// leading is the document a 文件 read from several files leads with: the
// 正文 (a notice without forms), else the first with a notice, else the first.
func leading(docs []*model.Document) int {
	for i, d := range docs {
		if d.Notice != nil && len(d.Forms) == 0 {
			return i
		}
	}
	for i, d := range docs {
		if d.Notice != nil {
			return i
		}
	}
	return 0
}
