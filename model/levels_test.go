package model

import "testing"

func TestLevelKeys(t *testing.T) {
	for n := 1; n <= 12; n++ {
		if got := LevelIndex(LevelKey(n)); got != n {
			t.Errorf("LevelIndex(LevelKey(%d)) = %d (key %q)", n, got, LevelKey(n))
		}
	}
	for _, k := range []string{"", "level", "levelx", "level1x", ColIndicator, ExtraKey + "level1"} {
		if n := LevelIndex(k); n != 0 {
			t.Errorf("LevelIndex(%q) = %d, want 0", k, n)
		}
	}
	for _, c := range []struct {
		key  string
		en   bool
		want string
	}{
		{"level1", false, "三级指标"}, {"level2", false, "四级指标"}, {"level1", true, "level 3 indicator"},
		{"level12", true, "level12"}, {ColItem, false, "二级指标"},
	} {
		if got := ColumnLabel(c.key, c.en); got != c.want {
			t.Errorf("ColumnLabel(%q, %v) = %q, want %q", c.key, c.en, got, c.want)
		}
	}
}
