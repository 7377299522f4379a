package model

import (
	"slices"
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
