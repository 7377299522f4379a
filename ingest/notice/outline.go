package notice

import (
	"regexp"
	"strings"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// The four levels of 公文 structure numbering (GB/T 9704-2012 7.3.3):
// 一、 （一） 1. （1）. The heading-sequence rule checks their order; here
// each marker only tells the level.
var markerREs = []*regexp.Regexp{
	regexp.MustCompile(`^([一二三四五六七八九十]{1,3}[、，.．])`),
	regexp.MustCompile(`^([（(][一二三四五六七八九十]{1,3}[）)][、，]?)`),
	regexp.MustCompile(`^(\d{1,2}[.．、](?:\s|[^\d]))`),
	regexp.MustCompile(`^([（(]\d{1,2}[）)][、，]?)`),
}

// marker returns the outline marker s starts with, or "".
func marker(s string) string {
	_, m := level(s)
	return m
}

// level returns the outline level (0-3) and marker of s, or -1.
func level(s string) (int, string) {
	s = strings.TrimSpace(s)
	for i, re := range markerREs {
		if m := re.FindString(s); m != "" {
			if i == 2 {
				// "1. " keeps only the digits and the point.
				m = strings.TrimRight(m, " \t")
				if r := []rune(m); len(r) > 0 && !strings.ContainsRune(".．、", r[len(r)-1]) {
					m = string(r[:len(r)-1])
				}
			}
			return i, m
		}
	}
	return -1, ""
}

// parseOutline builds the section tree. A section's heading is its first
// line when short and without a full stop (一、评估对象), or the part before
// the first 。 or ： (（一）设定工作指标。根据…); the rest and the lines
// below until the next marker are its text. Lines before the first marker
// (the preamble) are not a section: they stay in Notice.Body.
func parseOutline(lines []flow.Block) []model.Section {
	root := &model.Section{}
	// stack[i] is the open section at level i.
	stack := []*model.Section{root}
	levels := []int{-1}
	var cur *model.Section
	for _, l := range lines {
		lv, mk := level(l.Text)
		if lv < 0 {
			if cur != nil {
				cur.Text = joinPara(cur.Text, strings.TrimSpace(l.Text))
			}
			continue
		}
		rest := strings.TrimSpace(strings.TrimSpace(l.Text)[len(mk):])
		heading, text := splitHeading(rest)
		ref := l.Ref
		sec := model.Section{Marker: strings.TrimSpace(mk), Heading: heading, Text: text, Children: []model.Section{}, Where: &ref}
		for len(levels) > 1 && levels[len(levels)-1] >= lv {
			stack = stack[:len(stack)-1]
			levels = levels[:len(levels)-1]
		}
		parent := stack[len(stack)-1]
		parent.Children = append(parent.Children, sec)
		cur = &parent.Children[len(parent.Children)-1]
		stack = append(stack, cur)
		levels = append(levels, lv)
	}
	if root.Children == nil {
		return []model.Section{}
	}
	return root.Children
}

// splitHeading splits the text after a marker into heading and text.
func splitHeading(s string) (string, string) {
	if s == "" {
		return "", ""
	}
	if i := strings.IndexAny(s, "。：:"); i >= 0 {
		head := s[:i]
		if runeLen(head) <= 30 {
			_, w := firstRune(s[i:])
			return strings.TrimSpace(head), strings.TrimSpace(s[i+w:])
		}
		return "", s
	}
	if runeLen(s) <= 30 && !strings.ContainsAny(s, "，；") {
		return s, ""
	}
	return "", s
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// joinPara appends a line to a section's text. A line that ends a sentence
// ends a paragraph (newline); otherwise the next line continues it, as when a
// PDF line breaks inside a sentence, and Han text joins without a space.
func joinPara(text, line string) string {
	if text == "" {
		return line
	}
	if line == "" {
		return text
	}
	last := []rune(text)[len([]rune(text))-1]
	if strings.ContainsRune("。！？；：…", last) {
		return text + "\n" + line
	}
	first, _ := firstRune(line)
	if cjk.Wide(last) || cjk.Wide(first) {
		return text + line
	}
	return text + " " + line
}
