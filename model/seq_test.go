package model

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestParseSeq(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in                  string
		ok, cell, canonical bool
		levels              []int
		group               string
	}{
		{"1-2-3", true, true, true, []int{1, 2, 3}, "1-2"},
		{" 2-1 ", true, true, true, []int{2, 1}, "2"},
		{"1－2", true, true, false, []int{1, 2}, "1"},
		{"01-2", true, true, false, []int{1, 2}, "1"},
		{"0-1", true, true, false, []int{0, 1}, "0"},
		{"1.2.3", true, true, true, []int{1, 2, 3}, "1-2"},
		{"1．2．3", true, true, false, []int{1, 2, 3}, "1-2"},
		{"1.5", true, false, true, []int{1, 5}, "1"},
		{"5", true, false, true, []int{5}, ""},
		{"1-2－3", true, true, false, []int{1, 2, 3}, "1-2"},
		{"1-2.3", false, false, false, nil, ""},
		{"2023-12", false, false, false, nil, ""},
		{"1--2", false, false, false, nil, ""},
		{"1-", false, false, false, nil, ""},
		{"-1", false, false, false, nil, ""},
		{"一-1", false, false, false, nil, ""},
		{"１-2", false, false, false, nil, ""},
		{"", false, false, false, nil, ""},
	} {
		q, ok := ParseSeq(c.in)
		if ok != c.ok || q.InCell() != c.cell || IsSeq(c.in) != (c.ok && c.cell) || ok && (q.Canonical() != c.canonical || !slices.Equal(q.Levels, c.levels) || q.Group() != c.group) {
			t.Errorf("ParseSeq(%q) = %+v (ok %v, cell %v, canonical %v, group %q), want ok %v cell %v canonical %v levels %v group %q",
				c.in, q, ok, q.InCell(), q.Canonical(), q.Group(), c.ok, c.cell, c.canonical, c.levels, c.group)
		}
	}
}

func TestCompareSeq(t *testing.T) {
	t.Parallel()
	ids := []string{"1-10", "1-2-1", "2-1", "1-2", "1-9", "x"}
	slices.SortFunc(ids, CompareSeq)
	if want := []string{"1-2", "1-2-1", "1-9", "1-10", "2-1", "x"}; !slices.Equal(ids, want) {
		t.Errorf("sorted %v, want %v", ids, want)
	}
}

// parseSeqRef is ParseSeq as first written (split at the separators, each
// field checked), kept as the reference the one-pass ParseSeq must agree
// with on every input.
func parseSeqRef(s string) (Seq, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Seq{}, false
	}
	q := Seq{canonical: true}
	hyphen := strings.ContainsAny(s, "-－")
	q.dotted = strings.ContainsAny(s, ".．")
	if hyphen && q.dotted {
		return Seq{}, false
	}
	if strings.ContainsAny(s, "－．") {
		q.canonical = false
	}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("-－.．", r) }) {
		if len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return Seq{}, false
		}
		n, _ := strconv.Atoi(p)
		if p[0] == '0' {
			q.canonical = false
		}
		q.Levels = append(q.Levels, n)
	}
	if strings.Count(s, "-")+strings.Count(s, "－")+strings.Count(s, ".")+strings.Count(s, "．") != len(q.Levels)-1 {
		return Seq{}, false
	}
	return q, true
}

// FuzzParseSeq checks ParseSeq against parseSeqRef: the same ok, levels,
// separator kind and spelling verdict.
func FuzzParseSeq(f *testing.F) {
	for _, s := range []string{"1-2-3", " 2-1 ", "1－2", "01-2", "0-1", "1.2.3", "1．2．3", "1.5", "5", "1-2－3",
		"1-2.3", "2023-12", "1--2", "1-", "-1", "一-1", "１-2", "", "1000", "999-999", "1 -2", "\xef\xbc", "1\xef\xbc\x8d",
		"1-\xef\xbc\x8e2", "\u3000１\u3000", "1-2-", ".", "－", "12a", "1-0-007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseSeq(s)
		want, wok := parseSeqRef(s)
		if ok != wok || !slices.Equal(got.Levels, want.Levels) || got.dotted != want.dotted || got.canonical != want.canonical {
			t.Errorf("ParseSeq(%q) = %+v, %v; the reference reads %+v, %v", s, got, ok, want, wok)
		}
	})
}
