package audit

import (
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestHeaderSpacedWhere: a letter-spaced header is on the form's page, but
// not on the line of the form's title, which is all Form.Where knows; the
// finding must not send the clerk to the title line (the seed's said L67
// for a header on lines 73–74).
func TestHeaderSpacedWhere(t *testing.T) {
	doc := seedShaped()
	fm := &doc.Forms[0]
	fm.Headers[model.ColDeadline] = "完 成 时 限"
	fm.Where = &model.Ref{Page: model.Int(3), Line: model.Int(67)}
	var got *model.Finding
	for _, fd := range auditAll(doc, Options{}) {
		if fd.Rule == model.RuleSpacedText && fd.At.Column == model.ColDeadline && fd.At.Row == "" {
			got = &fd
		}
	}
	if got == nil {
		t.Fatal("no spaced-text finding for the header")
	}
	if got.At.Line != nil {
		t.Errorf("line %d: the title's line, not the header's", *got.At.Line)
	}
	if got.At.Page == nil || *got.At.Page != 3 {
		t.Errorf("page %v, want 3", got.At.Page)
	}
}

// TestHeaderSpacedAtHeader: with the header's place in the model, the
// finding points at the header's line.
func TestHeaderSpacedAtHeader(t *testing.T) {
	doc := seedShaped()
	fm := &doc.Forms[0]
	fm.Headers[model.ColDeadline] = "完 成 时 限"
	fm.Where = &model.Ref{Page: model.Int(3), Line: model.Int(67)}
	fm.HeaderWhere = &model.Ref{Page: model.Int(3), Line: model.Int(73)}
	for _, fd := range auditAll(doc, Options{}) {
		if fd.Rule == model.RuleSpacedText && fd.At.Column == model.ColDeadline && fd.At.Row == "" {
			if fd.At.Line == nil || *fd.At.Line != 73 {
				t.Errorf("line %v, want the header's 73", fd.At.Line)
			}
			return
		}
	}
	t.Fatal("no spaced-text finding for the header")
}
