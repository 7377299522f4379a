package deadline

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		ok        bool
		due       string
		recurring bool
	}{
		{"12月底前", true, "2023-12-31", false},
		{"6月底前", true, "2023-06-30", false},
		{"2月底前", true, "2023-02-28", false},
		{"9月底", true, "2023-09-30", false},
		{"１２月底前", true, "2023-12-31", false},
		{"12 月底前", true, "2023-12-31", false},
		{"6月30日前", true, "2023-06-30", false},
		{"2月30日前", false, "", false},
		{"9月中旬前", true, "2023-09-20", false},
		{"9月上旬", true, "2023-09-10", false},
		{"9月下旬前", true, "2023-09-30", false},
		{"年底前", true, "2023-12-31", false},
		{"全年", true, "2023-12-31", false},
		{"长期", true, "", true},
		{"每季度", true, "", true},
		{"第三季度", true, "2023-09-30", false},
		{"三季度末前", true, "2023-09-30", false},
		{"上半年", true, "2023-06-30", false},
		{"2024年6月底前", true, "2024-06-30", false},
		{"2022年底前", true, "2022-12-31", false},
		{"13月底前", false, "", false},
		{"尽快", false, "", false},
		{"", false, "", false},
		{"2", false, "", false},
	}
	for _, tt := range tests {
		d := Parse(tt.in, 2023)
		if d.Recognised != tt.ok || d.ISO() != tt.due || d.Recurring != tt.recurring {
			t.Errorf("Parse(%q) = %v, want ok=%v due=%q recurring=%v", tt.in, d, tt.ok, tt.due, tt.recurring)
		}
	}
}
