package model

// Severity of a finding: error (must not be submitted as is), warning (a
// person must look), info (a style deviation --fix normalises).
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Rank orders severities so callers can compare them (error > warning > info).
func (s Severity) Rank() int {
	switch s {
	case SevError:
		return 3
	case SevWarning:
		return 2
	case SevInfo:
		return 1
	}
	return 0
}

// Finding is one problem found in the notice or a form, by ingest (a repair it
// made) or by the audit.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity" jsonschema:"enum=error,enum=warning,enum=info"`
	At       Location `json:"at"`
	Values   []string `json:"values"`
	Message  string   `json:"message"`
	// MessageEn is the same message in English (shown with --lang en).
	MessageEn string `json:"messageEn,omitempty"`
	Fix       *Fix   `json:"fix" jsonschema:"nullable"`
	// Fixed is true when the fix has been applied (by ingest, or by --fix);
	// Fix.From then keeps the original value.
	Fixed bool `json:"fixed"`
	// Origin says who made the finding: "ingest" (a repair or a doubt while
	// reading) or "audit" (a rule of the catalogue). A reviewed document can
	// be reviewed again after an edit: the audit's unfixed findings are
	// dropped and found afresh, ingest's stay.
	Origin string `json:"origin,omitempty" jsonschema:"enum=ingest,enum=audit"`
}

// Origins of findings.
const (
	OriginIngest = "ingest"
	OriginAudit  = "audit"
)

// Location says where a finding is: form index, row 序号 and column key for a
// form; line for the notice; page and cell box where the input has a layout.
type Location struct {
	Form   *int   `json:"form,omitempty"`
	Row    string `json:"row,omitempty"`
	Column string `json:"column,omitempty"`
	Page   *int   `json:"page,omitempty"`
	Line   *int   `json:"line,omitempty"`
	Box    *Box   `json:"box,omitempty"`
	// Element names the notice element (docNumber, title, outline …) for notice findings.
	Element string `json:"element,omitempty"`
}

// Fix is a machine-applicable repair: set Column of the row to To (it was From).
type Fix struct {
	Column string `json:"column"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Rule codes of docs/rules.md. They are a contract: never rename one.
const (
	RuleColumnShift         = "column-shift"
	RuleMergedCellMisplaced = "merged-cell-misplaced"
	RuleMissingCell         = "missing-cell"
	RuleIDFormat            = "id-format"
	RuleIDDuplicate         = "id-duplicate"
	RuleIDSequence          = "id-sequence"
	RuleDuplicateText       = "duplicate-text"
	RuleNearDuplicateText   = "near-duplicate-text"
	RuleWeightSum           = "weight-sum"
	RuleLevelWeightSum      = "level-weight-sum"
	RuleCategoryTotal       = "category-total"
	RuleGrandTotal          = "grand-total"
	RulePointsMissing       = "points-missing"
	RuleWeightFormat        = "weight-format"
	RuleCountClaim          = "count-claim"
	RuleAttachmentTitle     = "attachment-title"
	RuleDateMismatch        = "date-mismatch"
	RuleDeadlineFormat      = "deadline-format"
	RuleDeadlinePassed      = "deadline-passed"
	RuleDeadlineOutOfYear   = "deadline-out-of-year"
	RuleNameVariant         = "name-variant"
	RuleOwnerDepartment     = "owner-department"
	RuleListArity           = "list-arity"
	RuleListSeparator       = "list-separator"
	RuleTraditionalChar     = "traditional-char"
	RuleRepeatedWord        = "repeated-word"
	RuleHalfWidthPunct      = "half-width-punct"
	RuleSpacedText          = "spaced-text"
	RuleDocNumberFormat     = "doc-number-format"
	RuleDateFormat          = "date-format"
	RuleHeadingSequence     = "heading-sequence"
	RuleMissingElement      = "missing-element"
	RuleReadingDoubt        = "reading-doubt"
	RuleFindingMarker       = "finding-marker"
	// Rules of documents read by OCR.
	RuleLowConfidence = "low-confidence"
	RuleWeightMisread = "weight-misread"
)
