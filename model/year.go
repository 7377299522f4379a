package model

import (
	"regexp"
	"strconv"
	"sync"
)

var yearRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(20\d{2}|19\d{2})\s*年`) })

// AssessmentYear is the year a form assesses, in which its deadlines (12月底前)
// fall: the year in its title (2023年度), else the year of its date, else
// of the notice's 成文日期 (dates ISO or written 2023年9月26日); 0 when none
// says. It is the one rule: ingest fills Item.Due with it, the audit checks
// deadlines against it and the page re-reads an edited deadline in it, so a
// form dated in another year than its notice is read in one year by all.
func AssessmentYear(title, date, noticeDate string) int {
	for _, s := range []string{title, date, noticeDate} {
		if m := yearRE().FindStringSubmatch(s); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
		if len(s) >= 4 {
			if y, err := strconv.Atoi(s[:4]); err == nil {
				return y
			}
		}
	}
	return 0
}

// Year is AssessmentYear of form f, which came with notice n (nil for none).
func (f *Form) Year(n *Notice) int {
	nd := ""
	if n != nil {
		nd = n.Date
	}
	return AssessmentYear(f.Title, f.Date, nd)
}
