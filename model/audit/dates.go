package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kaoping/kaoping/model"
)

// deadline is a parsed 完成时限.
type deadline struct {
	// due is the last day the deadline allows; zero for recurring or open
	// deadlines (长期, 每季度) that have no last day.
	due time.Time
	// year is the year written in the deadline, 0 when none.
	year int
}

var (
	reMonthEnd  = regexp.MustCompile(`^(?:(\d{4})年)?([0-9一二三四五六七八九十]{1,3})月(?:份)?(?:底|末)?(?:前|之前|内|止)?$`)
	reMonthDay  = regexp.MustCompile(`^(?:(\d{4})年)?([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日(?:前|之前|止)?$`)
	reMonthPart = regexp.MustCompile(`^(?:(\d{4})年)?([0-9一二三四五六七八九十]{1,3})月(上旬|中旬|下旬)(?:前|末|之前)?$`)
	reQuarter   = regexp.MustCompile(`^(?:(\d{4})年)?第?([1-4一二三四])季度(?:末|底)?(?:前|之前)?$`)
	reYearPart  = regexp.MustCompile(`^(?:(\d{4})年)?(年底|年末|年内|全年|上半年|下半年|年中)(?:前|之前|内)?$`)
	reRecurring = regexp.MustCompile(`^(长期|常态化|持续|持续推进|长期坚持|每季度|每月|每年|每半年|按季度|按月|按年|定期|根据上级要求|按上级要求|按上级时间要求)$`)
)

// cnNum reads 1–31 written in Arabic or Chinese numerals.
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

// parseDeadline recognises a 完成时限; year is the assessment year used when
// the text names none.
func parseDeadline(s string, year int) (deadline, bool) {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return deadline{}, false
	}
	explicit := func(y string) int {
		if y == "" {
			return 0
		}
		n, _ := strconv.Atoi(y)
		return n
	}
	yearOf := func(y int) int {
		if y != 0 {
			return y
		}
		return year
	}
	if m := reMonthDay.FindStringSubmatch(s); m != nil {
		mo, ok1 := cnNum(m[2])
		d, ok2 := cnNum(m[3])
		y := explicit(m[1])
		if !ok1 || !ok2 || mo < 1 || mo > 12 || d < 1 || d > lastDay(yearOf(y), mo).Day() {
			return deadline{}, false
		}
		return deadline{due: time.Date(yearOf(y), time.Month(mo), d, 0, 0, 0, 0, time.UTC), year: y}, true
	}
	if m := reMonthPart.FindStringSubmatch(s); m != nil {
		mo, ok := cnNum(m[2])
		y := explicit(m[1])
		if !ok || mo < 1 || mo > 12 {
			return deadline{}, false
		}
		day := map[string]int{"上旬": 10, "中旬": 20}[m[3]]
		if day == 0 {
			return deadline{due: lastDay(yearOf(y), mo), year: y}, true
		}
		return deadline{due: time.Date(yearOf(y), time.Month(mo), day, 0, 0, 0, 0, time.UTC), year: y}, true
	}
	if m := reMonthEnd.FindStringSubmatch(s); m != nil {
		mo, ok := cnNum(m[2])
		y := explicit(m[1])
		if !ok || mo < 1 || mo > 12 {
			return deadline{}, false
		}
		return deadline{due: lastDay(yearOf(y), mo), year: y}, true
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		q, _ := cnNum(m[2])
		y := explicit(m[1])
		return deadline{due: lastDay(yearOf(y), 3*q), year: y}, true
	}
	if m := reYearPart.FindStringSubmatch(s); m != nil {
		y := explicit(m[1])
		mo := 12
		switch m[2] {
		case "上半年", "年中":
			mo = 6
		}
		return deadline{due: lastDay(yearOf(y), mo), year: y}, true
	}
	if reRecurring.MatchString(s) {
		return deadline{}, true
	}
	return deadline{}, false
}

var reYear = regexp.MustCompile(`(\d{4})\s*年`)

// assessmentYear is the year the forms assess: the year in the first form
// title (2023年度), else the notice's 成文日期, else 0.
func assessmentYear(doc *model.Document) int {
	for _, f := range doc.Forms {
		if m := reYear.FindStringSubmatch(f.Title); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	if d, ok := noticeDate(doc); ok {
		return d.Year()
	}
	return 0
}

func noticeDate(doc *model.Document) (time.Time, bool) {
	if doc.Notice == nil || doc.Notice.Date == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", doc.Notice.Date)
	return t, err == nil
}

var reDateText = regexp.MustCompile(`^\d{4}年[1-9]\d?月[1-9]\d?日$`)

// validDateText: GB/T 9704-2012 7.3.5.3 — 成文日期 in Arabic numerals, 年月日
// in full, months and days without leading zeros.
func validDateText(s string) bool {
	if !reDateText.MatchString(s) {
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
func checkDeadlinePassed(c *checker) {
	issued, ok := noticeDate(c.doc)
	if !ok || c.year == 0 {
		return
	}
	for _, rs := range c.rows {
		for _, r := range rs {
			d, ok := parseDeadline(r.it.Deadline, c.year)
			if !ok || d.due.IsZero() || !d.due.Before(issued) {
				continue
			}
			due := d.due.Format("2006-01-02")
			c.addRow(r, model.ColDeadline, []string{r.it.Deadline, due, c.doc.Notice.Date},
				msg{fmt.Sprintf("完成时限「%s」（%s）早于成文日期 %s，印发时已过期", r.it.Deadline, due, c.doc.Notice.Date),
					fmt.Sprintf("deadline %q (%s) had passed on the date of issue %s", r.it.Deadline, due, c.doc.Notice.Date)}, nil)
		}
	}
}

// checkDeadlineOutOfYear: a deadline in another year than the one assessed.
func checkDeadlineOutOfYear(c *checker) {
	if c.year == 0 {
		return
	}
	for _, rs := range c.rows {
		for _, r := range rs {
			d, ok := parseDeadline(r.it.Deadline, c.year)
			if !ok || d.year == 0 || d.year == c.year {
				continue
			}
			c.addRow(r, model.ColDeadline, []string{r.it.Deadline, strconv.Itoa(c.year)},
				msg{fmt.Sprintf("完成时限「%s」不在考评年度 %d 年内", r.it.Deadline, c.year),
					fmt.Sprintf("deadline %q is outside the assessment year %d", r.it.Deadline, c.year)}, nil)
		}
	}
}
