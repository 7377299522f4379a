package audit

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/zh"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"
	zhtrans "github.com/go-playground/validator/v10/translations/zh"

	"github.com/kaoping/kaoping/model"
)

// Field-level checks (one cell, one notice element) are the `validate:"…"` tags
// of model/model.go, run through validator/v10. Its messages come from the
// translators below: the library's zh and en defaults, overridden for every tag
// the model uses so that each message names the column as the form prints it
// (二级指标, 权重 …) and custom tags never fall back to English.

// labels names each validated field (by its JSON name) per locale: an
// item's fields by their column (model.ColumnLabel, in English singular, as
// the messages read), the notice's by model.ElementLabel.
var labels = func() map[string][2]string {
	m := map[string][2]string{}
	for key, col := range map[string]string{"id": model.ColID, "text": model.ColItem, "weight": model.ColWeight,
		"deadline": model.ColDeadline, "leaders": model.ColLeaders, "departments": model.ColDepartments, "owners": model.ColOwners} {
		m[key] = [2]string{model.ColumnLabel(col, false), colEn(col)}
	}
	m["id"] = [2]string{model.ColumnLabel(model.ColID, false), "number"}
	for _, key := range []string{"title", "docNumber", "recipients", "signer", "date", "dateText"} {
		m[key] = [2]string{model.ElementLabel(key, false), model.ElementLabel(key, true)}
	}
	return m
}()

// fieldTexts are the messages of each tag: {0} is the field's label, {1} the value.
var fieldTexts = map[string][2]string{
	"required":      {"{0}为空", "{0} is empty"},
	"required_with": {"缺少{0}", "{0} is missing"},
	"min":           {"{0}为空", "{0} is empty"},
	"gt":            {"{0}「{1}」不是正数", "{0} \"{1}\" is not a positive number"},
	"kp_dec2":       {"{0}「{1}」超过两位小数", "{0} \"{1}\" has more than two decimals"},
	"kp_id":         {"{0}「{1}」不是由正整数组成的层级编号（如 1-2-3、4-1）", "{0} \"{1}\" is not a hierarchy of positive integers (1-2-3, 4-1)"},
	"kp_deadline":   {"{0}「{1}」不是可识别的时限写法（N月底前、N月N日前、N月中旬前、年底前、全年、长期、每季度…）", "{0} \"{1}\" is not a recognised deadline (N月底前, N月N日前, N月中旬前, 年底前, 全年, 长期, 每季度 …)"},
	"kp_datetext":   {"{0}「{1}」应以阿拉伯数字写年月日且月、日不编虚位（如 2023年9月26日）", "{0} \"{1}\" must be written in Arabic numerals without leading zeros (2023年9月26日)"},
	"kp_docnumber":  {"{0}「{1}」不符合“机关代字〔年份〕序号号”（年份用六角括号、四位数，序号不编虚位、不加“第”）", "{0} \"{1}\" is not 代字〔year〕N号 (hexagonal brackets around a four-digit year, no leading zeros, no 第)"},
}

// fieldChecker is a validator with its two translators.
type fieldChecker struct {
	v      *validator.Validate
	zh, en ut.Translator
}

// fieldCheckerOnce builds the one field checker, on first use. Building it
// (the translations above all) cost 3 ms, half of a whole audit; it is
// immutable once built — validator's own struct cache is safe for
// concurrent use and does not change a result — and what one run needs
// (the year its deadlines are read in) reaches the rules through the
// context of StructCtx, so no run sees another's state.
var fieldCheckerOnce = sync.OnceValues(func() (*fieldChecker, error) { return newFieldChecker(true) })

// fieldValidatorOnce is the same validator without the translations (two
// thirds of building it), which only a failed tag needs: a value that
// passes it passes the translated one (the same tags, registered by the
// same code), and a value that fails is validated again there for its
// messages. Most forms have no field finding, so most runs never build
// the translations.
var fieldValidatorOnce = sync.OnceValues(func() (*fieldChecker, error) { return newFieldChecker(false) })

// deadlineCheck is the context key of a run's deadline parser.
type deadlineCheck struct{}

// newFieldChecker builds the validator with kaoping's tags and, if
// translated, its zh and en messages.
func newFieldChecker(translated bool) (*fieldChecker, error) {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	customs := map[string]validator.Func{
		"kp_id":        func(fl validator.FieldLevel) bool { return validID(fl.Field().String()) },
		"kp_dec2":      func(fl validator.FieldLevel) bool { return twoDecimals(fl.Field().Float()) },
		"kp_datetext":  func(fl validator.FieldLevel) bool { return validDateText(fl.Field().String()) },
		"kp_docnumber": func(fl validator.FieldLevel) bool { return docNumberProblem(fl.Field().String()) == "" },
	}
	for tag, fn := range customs {
		if err := v.RegisterValidation(tag, fn); err != nil {
			return nil, fmt.Errorf("audit: register %s: %w", tag, err)
		}
	}
	if err := v.RegisterValidationCtx("kp_deadline", func(ctx context.Context, fl validator.FieldLevel) bool {
		ok, _ := ctx.Value(deadlineCheck{}).(func(string) bool)
		return ok == nil || ok(fl.Field().String())
	}); err != nil {
		return nil, fmt.Errorf("audit: register kp_deadline: %w", err)
	}
	if !translated {
		return &fieldChecker{v: v}, nil
	}
	uni := ut.New(zh.New(), zh.New(), en.New())
	fc := &fieldChecker{v: v}
	fc.zh, _ = uni.GetTranslator("zh")
	fc.en, _ = uni.GetTranslator("en")
	if err := zhtrans.RegisterDefaultTranslations(v, fc.zh); err != nil {
		return nil, fmt.Errorf("audit: zh translations: %w", err)
	}
	if err := entrans.RegisterDefaultTranslations(v, fc.en); err != nil {
		return nil, fmt.Errorf("audit: en translations: %w", err)
	}
	for tag, texts := range fieldTexts {
		for li, tr := range []ut.Translator{fc.zh, fc.en} {
			text := texts[li]
			err := v.RegisterTranslation(tag, tr,
				func(t ut.Translator) error { return t.Add(tag, text, true) },
				func(t ut.Translator, fe validator.FieldError) string {
					key := fe.Field()
					if strings.Contains(fe.Namespace(), "docNumber") {
						key = "docNumber"
					}
					lab := key
					if l, ok := labels[key]; ok {
						lab = l[li]
					}
					s, err := t.T(fe.Tag(), lab, valueText(fe.Value()))
					if err != nil {
						return fe.Error()
					}
					return s
				})
			if err != nil {
				return nil, fmt.Errorf("audit: translation %s: %w", tag, err)
			}
		}
	}
	return fc, nil
}

func valueText(v any) string {
	switch x := v.(type) {
	case *float64:
		if x == nil {
			return ""
		}
		return formatNum(*x)
	case float64:
		return formatNum(x)
	case []string:
		return strings.Join(x, "、")
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// fieldIssue is one failed tag, already turned into a rule code.
type fieldIssue struct {
	code string
	sev  model.Severity
	col  string // column key or notice element
	val  string
	m    msg
}

// fieldResults holds the validator's verdicts per row and for the notice; rules
// that own a tag pick theirs from here, so validation runs once per run.
type fieldResults struct {
	rows   map[*model.Item][]fieldIssue
	inds   map[*model.Indicator][]fieldIssue
	notice []fieldIssue
}

// fieldsFor runs the validator over every row, indicator and the notice, once.
func (c *checker) fieldsFor() *fieldResults {
	if c.fields != nil {
		return c.fields
	}
	res := &fieldResults{rows: map[*model.Item][]fieldIssue{}, inds: map[*model.Indicator][]fieldIssue{}}
	c.fields = res
	// The validator sees a value, not its form: a deadline's format is
	// judged in the first form's year (only 2月29日 depends on it).
	plain, err := fieldValidatorOnce()
	ctx := context.WithValue(context.Background(), deadlineCheck{}, func(s string) bool { _, ok := c.deadline(0, s); return ok })
	if err != nil {
		// The tags and translations are fixed at compile time; a failure here
		// is a programming error, caught by the tests, not bad input.
		return res
	}
	// issues validates v; what fails is validated again by the translated
	// checker, whose errors carry the messages (fieldValidatorOnce).
	issues := func(v any) []fieldIssue {
		if plain.v.StructCtx(ctx, v) == nil {
			return nil
		}
		fc, err := fieldCheckerOnce()
		if err != nil {
			return nil
		}
		verrs, ok := fc.v.StructCtx(ctx, v).(validator.ValidationErrors)
		if !ok {
			return nil
		}
		var out []fieldIssue
		for _, fe := range verrs {
			out = append(out, fieldIssue{col: fe.Field(), val: valueText(fe.Value()), code: fe.Tag(),
				m: msg{fe.Translate(fc.zh), fe.Translate(fc.en)}})
		}
		return out
	}
	seenInd := map[*model.Indicator]bool{}
	for fi, rs := range c.rows {
		for _, r := range rs {
			if c.stop() {
				break
			}
			if !seenInd[r.ind] {
				seenInd[r.ind] = true
				for _, is := range issues(r.ind) {
					if is.code == "kp_id" {
						is.code, is.sev = model.RuleIDFormat, model.SevError
						res.inds[r.ind] = append(res.inds[r.ind], is)
					}
				}
			}
			for _, is := range issues(r.it) {
				if is.col == "text" {
					is.col = model.ColItem
				}
				if !c.hasColumn(fi, is.col) {
					continue
				}
				switch {
				case is.code == "kp_id":
					is.code, is.sev = model.RuleIDFormat, model.SevError
				case is.col == model.ColWeight && (is.code == "gt" || is.code == "kp_dec2"):
					is.code, is.sev = model.RuleWeightFormat, model.SevError
				case is.col == model.ColWeight && strings.TrimSpace(r.it.Raw[model.ColWeight]) != "":
					// No number, but the cell says something: a format problem
					// (or a shifted cell, which column-shift reports instead).
					raw := strings.TrimSpace(r.it.Raw[model.ColWeight])
					if _, isDeadline := c.deadline(fi, raw); isDeadline || shiftedKind(raw, c) != "" {
						continue
					}
					is.code, is.sev, is.val = model.RuleWeightFormat, model.SevError, raw
					is.m = msg{fmt.Sprintf("权重「%s」不是正数", raw), fmt.Sprintf("weight %q is not a positive number", raw)}
				case is.code == "kp_deadline":
					if shiftedKind(is.val, c) != "" {
						continue
					}
					is.code, is.sev = model.RuleDeadlineFormat, model.SevError
				case is.code == "required" || is.code == "min":
					is.code, is.sev = model.RuleMissingCell, model.SevError
					if is.col == model.ColLeaders {
						is.sev = model.SevWarning
					}
				default:
					continue
				}
				res.rows[r.it] = append(res.rows[r.it], is)
			}
		}
	}
	if n := c.doc.Notice; n != nil {
		for _, is := range issues(n) {
			switch is.code {
			case "required", "required_with", "min":
				is.code, is.sev = model.RuleMissingElement, model.SevError
				l := labels[is.col]
				is.m = msg{"通知缺少" + l[0], "the notice has no " + l[1]}
			case "kp_datetext":
				is.code, is.sev = model.RuleDateFormat, model.SevWarning
				is.col = "date"
			case "kp_docnumber":
				is.code, is.sev = model.RuleDocNumberFormat, model.SevError
				is.col = "docNumber"
			default:
				continue
			}
			res.notice = append(res.notice, is)
		}
	}
	return res
}

// emitFields reports the validator's verdicts that belong to the current rule.
func (c *checker) emitFields() {
	res := c.fieldsFor()
	for _, rs := range c.rows {
		seenInd := map[*model.Indicator]bool{}
		for _, r := range rs {
			if c.stop() {
				break
			}
			if !seenInd[r.ind] {
				seenInd[r.ind] = true
				for _, is := range res.inds[r.ind] {
					if is.code == c.rule.Code {
						c.addForm(r.form, r.seq, r.ind.ID, model.ColID, &r.it.Source, []string{is.val},
							msg{"一级指标" + is.m.zh, "indicator " + is.m.en}, nil)
					}
				}
			}
			for _, is := range res.rows[r.it] {
				if is.code == c.rule.Code {
					c.addRowSev(r, is.col, is.sev, []string{is.val}, is.m, nil)
				}
			}
		}
	}
	for _, is := range res.notice {
		if is.code == c.rule.Code {
			c.addNoticeSev(is.col, c.noticeWhere(is.col), is.sev, []string{is.val}, is.m)
		}
	}
}

func twoDecimals(f float64) bool {
	x := f * 100
	return math.Abs(x-math.Round(x)) < 1e-6
}
