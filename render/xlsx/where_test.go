package xlsx

import (
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestWhereElement: the 审核意见 sheet names a notice element in Chinese,
// not by its JSON key.
func TestWhereElement(t *testing.T) {
	got := where(model.Location{Element: "date", Line: model.Int(63)}, cellRef{})
	if want := "通知·成文日期 第63行"; got != want {
		t.Errorf("where = %q, want %q", got, want)
	}
}
