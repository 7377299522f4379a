package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/deadline"
)

// cnNum reads 1–99 written in Arabic or Chinese numerals (heading markers
// 十二、).
func cnNum(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10, true
	case len(rs) == 1:
		d, ok := digits[rs[0]]
		return d, ok
	case len(rs) == 2 && rs[0] == '十':
		d, ok := digits[rs[1]]
		return 10 + d, ok
	case len(rs) == 2 && rs[1] == '十':
		d, ok := digits[rs[0]]
		return 10 * d, ok
	case len(rs) == 3 && rs[1] == '十':
		a, ok1 := digits[rs[0]]
		b, ok2 := digits[rs[2]]
		return 10*a + b, ok1 && ok2
	}
	return 0, false
}

func lastDay(y, m int) time.Time {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)
}

// parseDeadline reads a 完成时限 with model/deadline, the parser ingest uses
// to fill Item.Due, so the audit and ingest agree on what a deadline is.
func parseDeadline(s string, year int) (deadline.Deadline, bool) {
	d := deadline.Parse(s, year)
	return d, d.Recognised
}

func noticeDate(doc *model.Document) (time.Time, bool) {
	if doc.Notice == nil || doc.Notice.Date == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", doc.Notice.Date)
	return t, err == nil
}

var reDateText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}年[1-9]\d?月[1-9]\d?日$`) })

// validDateText: GB/T 9704-2012 7.3.5.3 — 成文日期 in Arabic numerals, 年月日
// in full, months and days without leading zeros.
func validDateText(s string) bool {
	if !reDateText().MatchString(s) {
		return false
	}
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d年%d月%d日", &y, &m, &d); err != nil {
		return false
	}
	return m <= 12 && d <= lastDay(y, m).Day()
}

func checkDeadlineFormat(c *checker) { c.emitFields() }

// checkDeadlinePassed: a deadline that ended before the notice was issued can
// only be a copy of last year's plan or a date that needs moving.
//
// A form that came without its notice (a 附件 alone) is judged against its
// own date (填报日期), the day it was filled in.
func checkDeadlinePassed(c *checker) {
	issued, noticeOK := noticeDate(c.doc)
	for fi, rs := range c.rows {
		if c.years[fi] == 0 {
			continue
		}
		ref, refText, zh, en := issued, "", "成文日期", "the date of issue"
		late := "印发时已过期"
		if noticeOK {
			refText = c.doc.Notice.Date
		} else {
			t, err := time.Parse("2006-01-02", c.doc.Forms[fi].Date)
			if err != nil {
				continue
			}
			ref, refText, zh, en = t, c.doc.Forms[fi].Date, "填报日期", "the form's date"
			late = "填报时已过期"
		}
		for _, r := range rs {
			if c.stop() {
				break
			}
			d, ok := c.deadline(fi, r.it.Deadline)
			if !ok || d.Due.IsZero() || !d.Due.Before(ref) {
				continue
			}
			due := d.Due.Format("2006-01-02")
			c.addRow(r, model.ColDeadline, []string{r.it.Deadline, due, refText},
				msg{fmt.Sprintf("完成时限「%s」（%s）早于%s %s，%s", r.it.Deadline, due, zh, refText, late),
					fmt.Sprintf("deadline %q (%s) had passed on %s %s", r.it.Deadline, due, en, refText)}, nil)
		}
	}
}

// checkDeadlineOutOfYear: a deadline in another year than the one assessed.
func checkDeadlineOutOfYear(c *checker) {
	for fi, rs := range c.rows {
		year := c.years[fi]
		if year == 0 {
			continue
		}
		for _, r := range rs {
			if c.stop() {
				break
			}
			d, ok := c.deadline(fi, r.it.Deadline)
			if !ok || d.Year == 0 || d.Year == year {
				continue
			}
			c.addRow(r, model.ColDeadline, []string{r.it.Deadline, strconv.Itoa(year)},
				msg{fmt.Sprintf("完成时限「%s」不在考评年度 %d 年内", r.it.Deadline, year),
					fmt.Sprintf("deadline %q is outside the assessment year %d", r.it.Deadline, year)}, nil)
		}
	}
}
