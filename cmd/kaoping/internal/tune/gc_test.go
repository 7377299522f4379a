package tune

import "testing"

func TestGCSettings(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		env                  map[string]string
		setPercent, setLimit bool
	}{
		{"nothing set: ours", nil, true, true},
		{"GOGC set: the user's", map[string]string{"GOGC": "100"}, false, true},
		{"GOGC=off: the user's", map[string]string{"GOGC": "off"}, false, true},
		{"GOMEMLIMIT set: the user's", map[string]string{"GOMEMLIMIT": "200MiB"}, true, false},
		{"both set", map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			percent, setPercent, limit, setLimit := gcSettings(func(k string) string { return tc.env[k] })
			if setPercent != tc.setPercent || setLimit != tc.setLimit {
				t.Errorf("set percent %v, limit %v; want %v, %v", setPercent, setLimit, tc.setPercent, tc.setLimit)
			}
			if percent <= 100 || limit < 256<<20 {
				t.Errorf("percent %d, limit %d: want more room than Go's default and a limit of at least 256 MiB", percent, limit)
			}
		})
	}
}
