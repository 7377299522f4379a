package audit

import (
	"flag"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/fixtures/golden"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the registry")

// TestRulesDoc fails when docs/rules.md is not what the registry generates.
func TestRulesDoc(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "rules.md")
	// docs/rules.md is generated from the registry; stale, it fails here.
	golden.Check(t, path, []byte(Markdown()), *update)
}

// TestRegistry: every catalogue code once, each with docs in both languages
// and a known family.
func TestRegistry(t *testing.T) {
	codes := []string{model.RuleColumnShift, model.RuleMergedCellMisplaced, model.RuleMissingCell, model.RuleIDFormat,
		model.RuleIDDuplicate, model.RuleIDSequence, model.RuleDuplicateText, model.RuleNearDuplicateText, model.RuleWeightSum, model.RuleLevelWeightSum,
		model.RuleCategoryTotal, model.RuleGrandTotal, model.RulePointsMissing, model.RuleWeightFormat, model.RuleCountClaim,
		model.RuleAttachmentTitle, model.RuleDateMismatch, model.RuleDeadlineFormat, model.RuleDeadlinePassed,
		model.RuleDeadlineOutOfYear, model.RuleNameVariant, model.RuleOwnerDepartment, model.RuleListArity,
		model.RuleListSeparator, model.RuleTraditionalChar, model.RuleRepeatedWord, model.RuleHalfWidthPunct,
		model.RuleSpacedText, model.RuleDocNumberFormat, model.RuleDateFormat, model.RuleHeadingSequence, model.RuleMissingElement, model.RuleReadingDoubt,
		model.RuleLowConfidence, model.RuleWeightMisread}
	var got []string
	for _, r := range Rules() {
		got = append(got, r.Code)
		if r.DocZh == "" || r.DocEn == "" || r.TitleZh == "" || r.TitleEn == "" || r.check == nil {
			t.Errorf("%s: incomplete entry", r.Code)
		}
		if !slices.ContainsFunc(familyTitles, func(f struct{ key, zh, en string }) bool { return f.key == r.Family }) {
			t.Errorf("%s: unknown family %q", r.Code, r.Family)
		}
		if _, ok := lookup(r.Code); !ok {
			t.Errorf("%s: lookup fails", r.Code)
		}
	}
	slices.Sort(got)
	slices.Sort(codes)
	if !slices.Equal(got, codes) {
		t.Errorf("registry codes %v\nwant %v", got, codes)
	}
}

// TestFieldTranslations: every tag the model uses has a zh message that is
// not the validator's English fallback.
func TestFieldTranslations(t *testing.T) {
	doc := seedShaped()
	it := &doc.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Text, it.Deadline, it.ID = "", "尽快", "1-x"
	it.Weight = f(1.234)
	doc.Notice.DateText = "2023年09月26日"
	doc.Notice.DocNumber.Text = "泉芯管[2023]9号"
	doc.Notice.Signer = ""
	for _, fd := range auditRun(doc, Options{}) {
		for _, m := range []string{fd.Message, fd.MessageEn} {
			if m == "" || slices.Contains([]string{"Key: ", "Field validation"}, m[:min(len(m), 5)]) {
				t.Errorf("%s: bad message %q", fd.Rule, m)
			}
		}
		if fd.Rule != model.RuleSpacedText && !containsHan(fd.Message) {
			t.Errorf("%s: zh message without Chinese: %q", fd.Rule, fd.Message)
		}
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if cjk.Han(r) {
			return true
		}
	}
	return false
}
