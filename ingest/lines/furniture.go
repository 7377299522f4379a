package lines

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/kaoping/kaoping/ingest/page"
)

// margin is the fraction of the page height, at the top and at the bottom,
// where page numbers and running headers and footers live.
const margin = 0.12

// pageNumber matches the page numbers of 公文 and office documents:
// "— 2 —" (GB/T 9704), "-2-", "2", "第 2 页", "第2页 共5页", "2 / 5", "Page 2 of 5".
var pageNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[-—–－~·\s]*\d{1,4}[-—–－~·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)$`)
})

var digits = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d+`) })

// attachmentLabel matches the 附件 label GB/T 9704 puts at the top left of
// an attachment's first page (附件1, 附件 2): its number names the
// attachment, not the page, so 附件1 and 附件2 are two labels, not one
// running header with a page number.
var attachmentLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^附\s*件\s*\d{1,2}$`) })

// markFurniture marks, on every page, the lines in the top or bottom margin
// that are page numbers, and those whose text (numbers aside) recurs at
// about the same height on at least half the pages (two at least). Lines
// inside a ruled table are never furniture: a table's header row repeated
// on each page is content.
func markFurniture(pages []page.Page, doc [][]Line) {
	type key struct {
		text string
		band int
	}
	count := map[key]map[int]bool{}
	inMargin := func(p page.Page, l Line) bool {
		return l.Box.Y1 <= p.Height*margin || l.Box.Y0 >= p.Height*(1-margin)
	}
	keyOf := func(p page.Page, l Line) key {
		band := int(math.Round(l.Box.Y0 / 6)) // within a few points
		if l.Box.Y0 >= p.Height*(1-margin) {
			band = -int(math.Round((p.Height - l.Box.Y0) / 6))
		}
		t := strings.Join(strings.Fields(l.Text), "")
		if !attachmentLabel().MatchString(t) {
			t = digits().ReplaceAllString(t, "#")
		}
		return key{t, band}
	}
	for i, p := range pages {
		p.Segments = usableRulings(p)
		for j := range doc[i] {
			l := &doc[i][j]
			if !inMargin(p, *l) || inTable(*l, p.Segments) {
				continue
			}
			if pageNumber().MatchString(strings.TrimSpace(l.Text)) {
				l.Furniture = true
				continue
			}
			if !running(l.Text) {
				continue
			}
			k := keyOf(p, *l)
			if count[k] == nil {
				count[k] = map[int]bool{}
			}
			count[k][i] = true
		}
	}
	need := max(2, (len(pages)+1)/2)
	if len(pages) < 2 {
		return
	}
	for i, p := range pages {
		p.Segments = usableRulings(p)
		for j := range doc[i] {
			l := &doc[i][j]
			if l.Furniture || !inMargin(p, *l) || inTable(*l, p.Segments) || !running(l.Text) {
				continue
			}
			if len(count[keyOf(p, *l)]) >= need {
				l.Furniture = true
			}
		}
	}
}

// running reports whether text can be a running header or footer: two
// characters at least, one of them a letter or ideograph. A lone bracket
// left at the foot of two pages by a table's overflowing cell is not.
func running(text string) bool {
	n, letter := 0, false
	for _, r := range text {
		if !unicode.IsSpace(r) {
			n++
		}
		letter = letter || unicode.IsLetter(r)
	}
	return n >= 2 && letter
}

// inTable reports whether vertical rulings run on both sides of the line
// at its height.
func inTable(l Line, segs []page.Segment) bool {
	cy := (l.Box.Y0 + l.Box.Y1) / 2
	left, right := false, false
	for _, s := range segs {
		if s.Horizontal() || math.Min(s.Y0, s.Y1) > cy || math.Max(s.Y0, s.Y1) < cy {
			continue
		}
		x := (s.X0 + s.X1) / 2
		if x <= l.Box.X0+1 {
			left = true
		}
		if x >= l.Box.X1-1 {
			right = true
		}
	}
	return left && right
}
