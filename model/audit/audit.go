// Package audit checks a kaoping/v2 document — the 公文 notice and its 考评表
// forms — against the rule catalogue of docs/rules.md and reports every
// problem as a model.Finding with its place, the offending values, a message in
// Chinese and English and, where the repair is certain, a fix.
//
// The audit runs on the model after ingest. Ingest already records the repairs
// it made while un-merging a text dump (column-shift, merged-cell-misplaced with
// fixed: true); the audit reports what is still wrong in the model, never those
// again.
//
// Every rule is one value of the registry (Rules): the CLI, the Excel comments,
// the web page and docs/rules.md all read that one list.
//
// Review is the one entry point: the CLI's convert and audit, batch, the
// web page's convert, view, join and audit all end with it.
package audit

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/deadline"
)

// Options tune a review.
type Options struct {
	// Only, when not empty, restricts the audit to these rule codes (the
	// fixes of Fix are those of every rule).
	Only []string
	// Fix applies the certain fixes first, each kept as a fixed finding, as
	// `kaoping convert --fix` and the page's 「自动修正」 do.
	Fix bool
}

// Rule is one entry of the catalogue. Exported as the element of Rules,
// whose fields `kaoping rules`, the page and docs/rules.md read.
type Rule struct {
	Code     string
	Severity model.Severity
	// Family is the rule's section of the catalogue (structure, weights, notice,
	// dates, people, text, gbt9704), and the file its check lives in.
	Family string
	// Title is a one-line name, DocZh/DocEn say what the rule detects and how
	// (thresholds included) for docs/rules.md and `kaoping rules`.
	TitleZh, TitleEn string
	DocZh, DocEn     string
	// Fixable is true when the rule proposes a machine-applicable fix for at
	// least some of its findings.
	Fixable bool
	// Ingest is true for a rule ingest applies while reading, from facts
	// the document does not keep (the recogniser's confidence); the audit
	// keeps those findings and adds none.
	Ingest bool
	check  func(*checker)
}

// Rules returns the registry in catalogue order. The slice is a copy; the
// registry itself is never written.
func Rules() []Rule { return slices.Clone(registry) }

// lookup returns the rule with the given code.
func lookup(code string) (Rule, bool) {
	for _, r := range registry {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Review completes doc for its reader, freshly read or reviewed before and
// edited since: the audit's earlier unfixed findings are dropped (an edit
// is judged afresh), with opts.Fix the certain fixes are applied, and then
// doc.Findings becomes every finding — ingest's repairs and problems, the
// fixes, and the audit's — in position order: notice by line, then each
// form by row, column and rule. A repair ingest recorded is not repeated.
//
// The audit is linear in the rows but a form of 20,000 rows still costs
// seconds, so ctx is looked at between rules and every few dozen rows
// inside them; when it ends, Review returns its error and doc, part
// reviewed, is not to be used.
func Review(ctx context.Context, doc *model.Document, opts Options) error {
	if doc == nil {
		return nil
	}
	unreview(doc)
	if opts.Fix {
		if _, err := applyFixes(ctx, doc); err != nil {
			return err
		}
	}
	fs, err := all(ctx, doc, opts)
	if err != nil {
		return err
	}
	if fs == nil {
		fs = []model.Finding{}
	}
	doc.Findings = fs
	return nil
}

// unreview takes the audit's unfixed findings out of doc, leaving what
// ingest recorded and the fixes applied: the state a review starts from.
func unreview(doc *model.Document) {
	kept := doc.Findings[:0:0]
	for _, f := range doc.Findings {
		if f.Origin != model.OriginAudit || f.Fixed {
			kept = append(kept, f)
		}
	}
	doc.Findings = kept
}

// run audits doc and returns the audit's own findings sorted by position.
// It does not change doc and does not repeat a repair ingest recorded.
func run(ctx context.Context, doc *model.Document, opts Options) ([]model.Finding, error) {
	return runRules(ctx, doc, opts.selects)
}

// runRules is run over the rules keep selects.
func runRules(ctx context.Context, doc *model.Document, keep func(Rule) bool) ([]model.Finding, error) {
	if doc == nil {
		return nil, nil
	}
	c := newChecker(ctx, doc)
	if err := c.run(keep); err != nil {
		return nil, err
	}
	out := make([]model.Finding, len(c.out))
	for i, k := range c.out {
		out[i] = k.f
	}
	return out, nil
}

// selects reports whether the audit opts asks for runs rule r.
func (opts Options) selects(r Rule) bool {
	return len(opts.Only) == 0 || slices.Contains(opts.Only, r.Code)
}

// run fills c.out with the sorted findings of the rules keep selects,
// looking at the context before each rule and, through stop, inside them.
func (c *checker) run(keep func(Rule) bool) error {
	for _, r := range registry {
		if !keep(r) {
			continue
		}
		if err := c.ctx.Err(); err != nil {
			return err
		}
		c.rule = r
		r.check(c)
		if c.err != nil {
			return c.err
		}
	}
	c.dropIngestRepairs()
	c.out = sortKeyed(c.out)
	return nil
}

// stopEvery is how many calls of stop go by between looks at the context:
// a row of the heaviest rule costs about 0.1 ms.
const stopEvery = 64

// stop reports whether the review's context has ended. Rules call it once
// per row in their loops and break out when it says so; once it has said
// so it keeps saying so, and run returns the context's error.
func (c *checker) stop() bool {
	if c.err != nil {
		return true
	}
	if c.ticks++; c.ticks%stopEvery == 0 {
		c.err = c.ctx.Err()
	}
	return c.err != nil
}

// sortKeyed sorts findings by position, stably. It sorts indices, not the
// findings themselves, which are large to move.
func sortKeyed(ks []keyed) []keyed {
	idx := make([]int, len(ks))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(ks[a].key.compare(ks[b].key), cmp.Compare(a, b)) })
	out := make([]keyed, len(ks))
	for i, j := range idx {
		out[i] = ks[j]
	}
	return out
}

// row is one 二级指标 row of a form, flattened out of the category/indicator tree.
type row struct {
	form int
	seq  int // position of the row in its form, from 0
	cat  *model.Category
	ind  *model.Indicator
	it   *model.Item
	// ci, ii, ti index the category, indicator and item in the form.
	ci, ii, ti int
	// grp is groupOf(it.ID), computed once.
	grp string
}

// name is the row's 序号, or its position when the row has none.
func (r row) name() string {
	if r.it.ID != "" {
		return r.it.ID
	}
	return "#" + strconv.Itoa(r.seq+1)
}

type sortKey struct {
	form int // -1 for the notice
	seq  int
	col  int
	line int
	rule string
}

func (a sortKey) compare(b sortKey) int {
	return cmp.Or(cmp.Compare(a.form, b.form), cmp.Compare(a.seq, b.seq), cmp.Compare(a.line, b.line),
		cmp.Compare(a.col, b.col), strings.Compare(a.rule, b.rule))
}

type keyed struct {
	f   model.Finding
	key sortKey
}

// checker carries one run: the document, its rows and what several rules share.
type checker struct {
	ctx   context.Context
	err   error // the context's, once stop has seen it end
	ticks int
	doc   *model.Document
	rows  [][]row // per form
	rule  Rule
	out   []keyed
	// years is each form's assessment year (model.Form.Year, the rule
	// ingest reads its deadlines by); 0 when unknown.
	years []int
	// persons is every name written in a leaders or owners cell.
	persons map[string]bool
	fields  *fieldResults
	// byInd lists each indicator's rows, byGroup each form's rows by 序号 group.
	byInd   map[*model.Indicator][]row
	byGroup map[int]map[string][]row
	norm    map[string]string
	// spots and formSpots cache the texts the text and duplicate rules read.
	spots     []spot
	formSpots map[int][]textSpot
	deadlines map[deadlineKey]deadlineResult
}

type deadlineKey struct {
	year int
	text string
}

type deadlineResult struct {
	d  deadline.Deadline
	ok bool
}

// deadline parses a 完成时限 of form fi in its assessment year, once per
// distinct year and text.
func (c *checker) deadline(fi int, s string) (deadline.Deadline, bool) {
	k := deadlineKey{text: s}
	if fi < len(c.years) {
		k.year = c.years[fi]
	}
	if r, ok := c.deadlines[k]; ok {
		return r.d, r.ok
	}
	d, ok := parseDeadline(s, k.year)
	c.deadlines[k] = deadlineResult{d, ok}
	return d, ok
}

// normText memoises normText for the run.
func (c *checker) normText(s string) string {
	if v, ok := c.norm[s]; ok {
		return v
	}
	v := normText(s)
	c.norm[s] = v
	return v
}

func newChecker(ctx context.Context, doc *model.Document) *checker {
	c := &checker{ctx: ctx, doc: doc, persons: map[string]bool{}, byInd: map[*model.Indicator][]row{},
		byGroup: map[int]map[string][]row{}, norm: map[string]string{}, formSpots: map[int][]textSpot{},
		deadlines: map[deadlineKey]deadlineResult{}}
	for fi := range doc.Forms {
		f := &doc.Forms[fi]
		c.years = append(c.years, f.Year(doc.Notice))
		var rs []row
		for ci := range f.Categories {
			cat := &f.Categories[ci]
			for ii := range cat.Indicators {
				ind := &cat.Indicators[ii]
				for ti := range ind.Items {
					it := &ind.Items[ti]
					r := row{form: fi, seq: len(rs), cat: cat, ind: ind, it: it, ci: ci, ii: ii, ti: ti, grp: groupOf(it.ID)}
					rs = append(rs, r)
					c.byInd[ind] = append(c.byInd[ind], r)
					if r.grp != "" {
						if c.byGroup[fi] == nil {
							c.byGroup[fi] = map[string][]row{}
						}
						c.byGroup[fi][r.grp] = append(c.byGroup[fi][r.grp], r)
					}
					for _, p := range it.Leaders {
						c.persons[p] = true
					}
					for _, p := range it.Owners {
						c.persons[p] = true
					}
				}
			}
		}
		c.rows = append(c.rows, rs)
	}
	return c
}

func colIndex(col string) int {
	if i := slices.Index(model.Columns, col); i >= 0 {
		return i
	}
	return len(model.Columns)
}

// hasColumn reports whether form fi prints column col. A form without a
// Columns list is taken to have them all.
func (c *checker) hasColumn(fi int, col string) bool {
	cols := c.doc.Forms[fi].Columns
	return len(cols) == 0 || slices.Contains(cols, col)
}

// msg is a finding's text in both languages.
type msg struct{ zh, en string }

// addRow records a finding on a cell of a row.
func (c *checker) addRow(r row, col string, values []string, m msg, fix *model.Fix) {
	c.addRowSev(r, col, c.rule.Severity, values, m, fix)
}

func (c *checker) addRowSev(r row, col string, sev model.Severity, values []string, m msg, fix *model.Fix) {
	loc := model.Location{Form: model.Int(r.form), Row: r.name(), Column: col}
	refInto(&loc, &r.it.Source)
	c.push(model.Finding{Rule: c.rule.Code, Severity: sev, At: loc, Values: nonNil(values), Message: m.zh, MessageEn: m.en, Fix: fix},
		sortKey{form: r.form, seq: r.seq, col: colIndex(col), rule: c.rule.Code})
}

// addForm records a finding on a form-level place (a category or total) placed
// before row seq (use -1 for the head of the form, len(rows) for its end).
func (c *checker) addForm(fi, seq int, rowName, col string, where *model.Ref, values []string, m msg, fix *model.Fix) {
	loc := model.Location{Form: model.Int(fi), Row: rowName, Column: col}
	refInto(&loc, where)
	c.push(model.Finding{Rule: c.rule.Code, Severity: c.rule.Severity, At: loc, Values: nonNil(values), Message: m.zh, MessageEn: m.en, Fix: fix},
		sortKey{form: fi, seq: seq, col: colIndex(col), rule: c.rule.Code})
}

// addNotice records a finding on the notice: an element and, when known, its line.
func (c *checker) addNotice(element string, where *model.Ref, values []string, m msg) {
	c.addNoticeSev(element, where, c.rule.Severity, values, m)
}

func (c *checker) addNoticeSev(element string, where *model.Ref, sev model.Severity, values []string, m msg) {
	loc := model.Location{Element: element}
	refInto(&loc, where)
	line := 0
	if loc.Line != nil {
		line = *loc.Line
	}
	c.push(model.Finding{Rule: c.rule.Code, Severity: sev, At: loc, Values: nonNil(values), Message: m.zh, MessageEn: m.en},
		sortKey{form: -1, line: line, rule: c.rule.Code})
}

func refInto(loc *model.Location, where *model.Ref) {
	if where == nil {
		return
	}
	if where.Page != nil {
		loc.Page = model.Int(*where.Page)
	}
	if where.Line != nil {
		loc.Line = model.Int(*where.Line)
	}
	if where.Box != nil {
		b := *where.Box
		loc.Box = &b
	}
}

func (c *checker) push(f model.Finding, k sortKey) {
	f.Origin = model.OriginAudit
	c.out = append(c.out, keyed{f: f, key: k})
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// dropIngestRepairs removes audit findings that repeat what ingest already
// recorded — a repair it made (fixed) or a problem it saw and could not repair
// — at the same rule, form, row and column.
func (c *checker) dropIngestRepairs() {
	type spot struct {
		rule, row, col string
		form           int
	}
	fixed := map[spot]bool{}
	for _, f := range c.doc.Findings {
		if f.At.Form != nil {
			fixed[spot{f.Rule, f.At.Row, f.At.Column, *f.At.Form}] = true
		}
	}
	if len(fixed) == 0 {
		return
	}
	c.out = slices.DeleteFunc(c.out, func(k keyed) bool {
		f := k.f
		return f.At.Form != nil && fixed[spot{f.Rule, f.At.Row, f.At.Column, *f.At.Form}]
	})
}

// noticeWhere returns where the notice element was found, or nil.
func (c *checker) noticeWhere(element string) *model.Ref {
	n := c.doc.Notice
	if n == nil || n.Where == nil {
		return nil
	}
	if r, ok := n.Where[element]; ok {
		return &r
	}
	return nil
}

// all returns what a reviewer needs to see for doc: the findings doc
// carries (ingest's repairs and problems, the fixes) and the audit's,
// merged and sorted by position — notice by line, then each form by row
// order, column and rule.
func all(ctx context.Context, doc *model.Document, opts Options) ([]model.Finding, error) {
	if doc == nil {
		return nil, nil
	}
	c := newChecker(ctx, doc)
	seqOf := make([]map[string]int, len(c.rows))
	for fi, rs := range c.rows {
		seqOf[fi] = map[string]int{}
		for _, r := range rs {
			if _, ok := seqOf[fi][r.name()]; !ok {
				seqOf[fi][r.name()] = r.seq
			}
		}
	}
	key := func(f model.Finding) sortKey {
		k := sortKey{form: -1, col: colIndex(f.At.Column), rule: f.Rule}
		if f.At.Line != nil {
			k.line = *f.At.Line
		}
		if f.At.Form != nil {
			k.form = *f.At.Form
			k.seq = -1
			if fi := *f.At.Form; fi >= 0 && fi < len(seqOf) {
				if s, ok := seqOf[fi][f.At.Row]; ok {
					k.seq = s
				} else if f.At.Row == "" && f.At.Line != nil {
					// No row: place it after the last row read before its line.
					for _, r := range c.rows[fi] {
						if l := r.it.Source.Line; l != nil && *l <= *f.At.Line {
							k.seq = r.seq
						}
					}
				} else if f.At.Row != "" {
					// A group (1-2) or a total: after the rows before it
					// in line order, so place it by line within the form.
					k.seq = len(c.rows[fi])
				}
			}
		}
		return k
	}
	keys := make([]keyed, 0, len(doc.Findings))
	for _, f := range doc.Findings {
		keys = append(keys, keyed{f: f, key: key(f)})
	}
	if err := c.run(opts.selects); err != nil {
		return nil, err
	}
	keys = sortKeyed(append(keys, c.out...))
	out := make([]model.Finding, len(keys))
	for i := range keys {
		out[i] = keys[i].f
	}
	return out, nil
}
