// Package deadline reads a 完成时限 as offices write it (12月底前, 6月30日前,
// 9月中旬前, 年底前, 全年, 长期, 每季度, 第三季度 …) and gives the last day it
// allows in a given year. Ingest fills Item.Due with it; the audit checks
// deadlines that are unrecognised, already passed or outside the year.
package deadline

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/kaoping/kaoping/model/cjk"
)

// Deadline is a parsed 完成时限.
type Deadline struct {
	// Recognised is false when the text is in no known form.
	Recognised bool
	// Due is the last day allowed, zero when the deadline names no single day
	// (长期, 每季度, 每月).
	Due time.Time
	// Year is the year written in the text (2024年6月底前), 0 when none.
	Year int
	// Recurring is true for 每月, 每季度, 每半年, 长期 and the like.
	Recurring bool
}

// ISO returns Due as 2006-01-02, or "" when there is no single due day.
func (d Deadline) ISO() string {
	if d.Due.IsZero() {
		return ""
	}
	return d.Due.Format("2006-01-02")
}

var (
	yearRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})年(?:度)?`) })
	monthEnd = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{1,2})月(?:份)?(?:底|末|底前|末前|前|内|份前|份内|底以前|以前|前完成|底前完成|)$`)
	})
	monthDay = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{1,2})月(\d{1,2})日(?:前|以前|之前|前完成|)$`)
	})
	monthPart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})月(上|中|下)旬(?:前|以前|)$`) })
	quarterRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^第?([一二三四1-4])季度(?:末|底|)(?:前|内|以前|)$`)
	})
	halfRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(上|下)半年(?:前|内|)$`) })
)

var cnDigit = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// Parse reads text as a deadline in year (the form's assessment year).
func Parse(text string, year int) Deadline {
	s := normalize(text)
	var d Deadline
	if m := yearRE().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		d.Year, year = y, y
		s = s[len(m[0]):]
		if s == "" || s == "底" || s == "底前" || s == "内" || s == "末" {
			d.Recognised = true
			d.Due = date(year, 12, 31)
			return d
		}
	}
	switch s {
	case "年底前", "年底", "年末", "年底以前", "年内", "全年", "本年度", "年度内", "全年度", "年终", "年终前":
		d.Recognised = true
		d.Due = date(year, 12, 31)
		return d
	case "长期", "持续", "持续推进", "长期坚持", "常态化", "每月", "每季度", "每半年", "每年", "按季度", "按月", "每周", "定期":
		d.Recognised = true
		d.Recurring = true
		return d
	}
	if m := monthEnd().FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			d.Recognised = true
			d.Due = date(year, time.Month(mo)+1, 0)
		}
		return d
	}
	if m := monthDay().FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		day, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 && day >= 1 && day <= date(year, time.Month(mo)+1, 0).Day() {
			d.Recognised = true
			d.Due = date(year, time.Month(mo), day)
		}
		return d
	}
	if m := monthPart().FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		if mo >= 1 && mo <= 12 {
			d.Recognised = true
			switch m[2] {
			case "上":
				d.Due = date(year, time.Month(mo), 10)
			case "中":
				d.Due = date(year, time.Month(mo), 20)
			default:
				d.Due = date(year, time.Month(mo)+1, 0)
			}
		}
		return d
	}
	if m := quarterRE().FindStringSubmatch(s); m != nil {
		q := cnDigit[m[1]]
		d.Recognised = true
		d.Due = date(year, time.Month(3*q)+1, 0)
		return d
	}
	if m := halfRE().FindStringSubmatch(s); m != nil {
		d.Recognised = true
		if m[1] == "上" {
			d.Due = date(year, 6, 30)
		} else {
			d.Due = date(year, 12, 31)
		}
		return d
	}
	return d
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// normalize removes white space and maps full-width digits, so "12 月底前" and
// "１２月底前" read like "12月底前".
func normalize(s string) string { return cjk.Squash(cjk.NarrowDigits(s)) }

// String renders d for debugging.
func (d Deadline) String() string {
	return fmt.Sprintf("{ok:%v due:%s recurring:%v}", d.Recognised, d.ISO(), d.Recurring)
}
