package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Word numbers a paragraph from numbering.xml: the paragraph (or its style)
// names a w:num and a level; the w:num points at a w:abstractNum whose w:lvl
// gives the format (numFmt), the template (lvlText, "%1、") and the start
// value. The reader keeps the counters Word keeps and renders the marker.

type xNumbering struct {
	Abstract []xAbstractNum `xml:"abstractNum"`
	Num      []xNum         `xml:"num"`
}

type xAbstractNum struct {
	ID           string `xml:"abstractNumId,attr"`
	NumStyleLink xVal   `xml:"numStyleLink"`
	Lvl          []xLvl `xml:"lvl"`
}

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   xVal   `xml:"start"`
	NumFmt  xVal   `xml:"numFmt"`
	LvlText xVal   `xml:"lvlText"`
	Restart *xVal  `xml:"lvlRestart"`
	IsLgl   *xVal  `xml:"isLgl"`
	Suff    xVal   `xml:"suff"`
	PStyle  xVal   `xml:"pStyle"`
}

type xNum struct {
	ID       string `xml:"numId,attr"`
	Abstract xVal   `xml:"abstractNumId"`
	Override []struct {
		Ilvl  string `xml:"ilvl,attr"`
		Start *xVal  `xml:"startOverride"`
		Lvl   *xLvl  `xml:"lvl"`
	} `xml:"lvlOverride"`
}

type xVal struct {
	Val string `xml:"val,attr"`
}

type level struct {
	start   int
	fmt     string
	text    string
	restart int // 1-based level after which this level restarts; 0: never; -1: any higher level
	legal   bool
	suff    string
	pStyle  string
}

type abstractNum struct {
	id     string
	levels [9]level
	link   string // numStyleLink
}

type numDef struct {
	abstract  string
	overrides map[int]int   // level → start override
	lvls      map[int]level // full level overrides
}

// numbering is the parsed numbering.xml with the running counters.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numDef
	styles    *styles
	counters  map[string]*[9]int // per abstractNum, what Word shares between lists
	started   map[string]*[9]bool
	seenNum   map[string]bool
}

func parseNumbering(d *xml.Decoder, st *styles) (*numbering, error) {
	n := &numbering{abstracts: map[string]*abstractNum{}, nums: map[string]*numDef{}, styles: st,
		counters: map[string]*[9]int{}, started: map[string]*[9]bool{}, seenNum: map[string]bool{}}
	if d == nil {
		return n, nil
	}
	var x xNumbering
	if err := d.Decode(&x); err != nil {
		return nil, err
	}
	for _, a := range x.Abstract {
		an := &abstractNum{id: a.ID, link: a.NumStyleLink.Val}
		for i := range an.levels {
			an.levels[i] = level{start: 1, fmt: "decimal", text: "%" + strconv.Itoa(i+1) + ".", restart: -1}
		}
		for _, l := range a.Lvl {
			i, err := strconv.Atoi(l.Ilvl)
			if err != nil || i < 0 || i > 8 {
				continue
			}
			an.levels[i] = toLevel(l)
		}
		n.abstracts[a.ID] = an
	}
	for _, m := range x.Num {
		nd := &numDef{abstract: m.Abstract.Val, overrides: map[int]int{}, lvls: map[int]level{}}
		for _, o := range m.Override {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i > 8 {
				continue
			}
			if o.Start != nil {
				if v, err := strconv.Atoi(o.Start.Val); err == nil {
					nd.overrides[i] = v
				}
			}
			if o.Lvl != nil {
				nd.lvls[i] = toLevel(*o.Lvl)
				if _, ok := nd.overrides[i]; !ok {
					nd.overrides[i] = nd.lvls[i].start
				}
			}
		}
		n.nums[m.ID] = nd
	}
	return n, nil
}

func toLevel(l xLvl) level {
	lv := level{start: 1, fmt: "decimal", text: l.LvlText.Val, restart: -1, suff: l.Suff.Val, pStyle: l.PStyle.Val}
	if v, err := strconv.Atoi(l.Start.Val); err == nil {
		lv.start = v
	}
	if l.NumFmt.Val != "" {
		lv.fmt = l.NumFmt.Val
	}
	if l.Restart != nil {
		if v, err := strconv.Atoi(l.Restart.Val); err == nil {
			lv.restart = v
		}
	}
	if l.IsLgl != nil {
		lv.legal = onOff(l.IsLgl.Val)
	}
	return lv
}

func onOff(v string) bool {
	switch strings.ToLower(v) {
	case "0", "false", "off":
		return false
	}
	return true
}

// abstractFor resolves a w:num to its abstract definition, following one
// numStyleLink (a list style that points at another w:num).
func (n *numbering) abstractFor(numID string) (*abstractNum, *numDef) {
	nd := n.nums[numID]
	if nd == nil {
		return nil, nil
	}
	an := n.abstracts[nd.abstract]
	for hop := 0; an != nil && an.link != "" && hop < 4; hop++ {
		id, _, ok := n.styles.numPr(an.link)
		if !ok {
			break
		}
		other := n.nums[id]
		if other == nil {
			break
		}
		an = n.abstracts[other.abstract]
	}
	return an, nd
}

// levelFor finds the level a styled paragraph is on when its style gives a
// numId but no ilvl: the level whose pStyle is that style, else 0.
func (n *numbering) levelFor(numID, style string) int {
	an, _ := n.abstractFor(numID)
	if an == nil || style == "" {
		return 0
	}
	for i, l := range an.levels {
		if l.pStyle == style {
			return i
		}
	}
	return 0
}

// next advances the counters for a paragraph on (numID, ilvl) and returns its
// marker and the separator Word puts after it. ok is false when the paragraph
// is not numbered (numId 0, unknown list, format none with empty text).
func (n *numbering) next(numID string, ilvl int) (marker, suff string, ok bool) {
	if numID == "" || numID == "0" || ilvl < 0 || ilvl > 8 {
		return "", "", false
	}
	an, nd := n.abstractFor(numID)
	if an == nil {
		return "", "", false
	}
	levels := an.levels
	for i, l := range nd.lvls {
		levels[i] = l
	}
	cnt := n.counters[an.id]
	started := n.started[an.id]
	if cnt == nil {
		cnt, started = new([9]int), new([9]bool)
		n.counters[an.id], n.started[an.id] = cnt, started
	}
	if !n.seenNum[numID] {
		n.seenNum[numID] = true
		for i, v := range nd.overrides {
			cnt[i] = v - 1
			started[i] = true
			// a restarted list restarts its sub-levels too
			for k := i + 1; k < 9; k++ {
				started[k] = false
			}
		}
	}
	if !started[ilvl] {
		cnt[ilvl] = levels[ilvl].start
		started[ilvl] = true
	} else {
		cnt[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		r := levels[k].restart
		if r == -1 || (r > 0 && ilvl < r) {
			started[k] = false
		}
	}
	lv := levels[ilvl]
	var b strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			v := cnt[k]
			if !started[k] {
				v = levels[k].start
			}
			f := levels[k].fmt
			if lv.legal && f != "none" {
				f = "decimal"
			}
			b.WriteString(format(v, f))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return visible(b.String()), lv.suff, true
}

// visible drops the private-use characters of symbol-font bullets (Word's
// "" in Symbol), which are no text, and maps the common ones to what they
// show.
func visible(marker string) string {
	if !strings.ContainsFunc(marker, func(r rune) bool { return r >= 0xE000 && r <= 0xF8FF }) {
		return marker
	}
	var b strings.Builder
	for _, r := range marker {
		switch {
		case r == 0xF0B7 || r == 0xF0A7 || r == 0xF06C:
			b.WriteRune('•')
		case r >= 0xE000 && r <= 0xF8FF:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
