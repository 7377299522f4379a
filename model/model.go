// Package model holds the kaoping/v2 document: a 公文 notice, the 考评表 forms
// appended to it, and the findings of ingest and audit. Its JSON is a promise
// to other programs (docs/output.md), so field names and shapes change only
// with the schema version; kaoping/v1 documents still read (ingest/kpjson).
//
// Absent values are nil pointers or empty strings with omitempty, never an
// invented default: a weight the document does not state is null, not 0.
package model

// Schema is the value of Document.Schema for this version of the contract.
const Schema = "kaoping/v2"

// Creator is the application name kaoping writes into the files it renders
// (a PDF's Info /Creator). Ingest knows a file of its own by it: only there
// does it take the finding markers render/pdf prints for its own.
const Creator = "kaoping"

// Document is one input file after ingest: the notice (when the file has one),
// its forms and every finding.
type Document struct {
	Schema   string    `json:"schema" jsonschema:"enum=kaoping/v2"`
	Source   Source    `json:"source"`
	Notice   *Notice   `json:"notice" jsonschema:"nullable"`
	Forms    []Form    `json:"forms"`
	Findings []Finding `json:"findings"`
}

// The names Source.Format takes: the format an input was read as, known from
// its content, never from the file name. Readers, the office detector and
// the audit (which doubts a reading only where it knows the page) name
// formats by these alone.
const (
	FormatText = "txt"
	FormatPDF  = "pdf"
	FormatXLSX = "xlsx"
	FormatDOCX = "docx"
	FormatOFD  = "ofd"
	// A page image, read by OCR.
	FormatJPEG = "jpeg"
	FormatPNG  = "png"
	FormatTIFF = "tiff"
	// Office files LibreOffice converts to DOCX or XLSX first: Word 97–2003
	// and WPS Writer (.wps) are doc, Excel 97–2003 and WPS Spreadsheets (.et)
	// are xls.
	FormatDoc = "doc"
	FormatXLS = "xls"
	FormatODT = "odt"
	FormatODS = "ods"
)

// Source names the input the document was read from.
type Source struct {
	File   string `json:"file"`
	Format string `json:"format"` // one of the Format* names
	Pages  *int   `json:"pages" jsonschema:"nullable"`
	SHA256 string `json:"sha256"`
	// Encoding is the text encoding detected for text inputs (utf-8, utf-16le, gb18030 …).
	Encoding string `json:"encoding,omitempty"`
	// Signed is true when the file carries electronic signatures or seals
	// (OFD Signs/); they are reported, not verified.
	Signed bool `json:"signed,omitempty"`
	// Annotated is true when the file carries annotations (OFD Annots/).
	Annotated bool `json:"annotated,omitempty"`
	// OCR is true when the text was read from page images by OCR (a scan, a
	// photo, a PDF without a text layer): every value may be misread, and
	// doubtful ones carry a low-confidence finding.
	OCR bool `json:"ocr,omitempty"`
	// Sealed lists where red seals (公章) were found on scanned pages.
	Sealed []Ref `json:"sealed,omitempty"`
}

// Notice is the 公文 that carries the forms, with the elements of GB/T 9704-2012.
type Notice struct {
	IssuerMark string `json:"issuerMark,omitempty"`
	// Issuers are the 机关 of the 发文机关标志, one for a notice of one body,
	// two or more for a joint notice (联合发文).
	Issuers     []string     `json:"issuers,omitempty"`
	DocNumber   *DocNumber   `json:"docNumber" jsonschema:"nullable" validate:"required_with=IssuerMark"`
	Title       string       `json:"title,omitempty" validate:"required"`
	Recipients  []string     `json:"recipients" validate:"min=1"`
	Outline     []Section    `json:"outline"`
	Attachments []Attachment `json:"attachments"`
	Signer      string       `json:"signer,omitempty" validate:"required"`
	// Signers are the 署名 lines of the 落款, one per issuer of a joint notice;
	// Signer is the first.
	Signers []string `json:"signers,omitempty"`
	Date    string   `json:"date,omitempty" validate:"required"` // ISO 8601 (2023-09-26)
	// DateText is the 成文日期 exactly as written, kept for the date-format rule.
	DateText string `json:"dateText,omitempty" validate:"omitempty,kp_datetext"`
	// Where says on which line (and page, box) each element was found, keyed by
	// the element's JSON name (docNumber, title, recipients, attachments, signer, date).
	Where map[string]Ref `json:"where,omitempty"`
	// Body is every line of the notice in reading order, page furniture removed.
	// Rules that read the text (count-claim, doc-number-format) work on it.
	Body []Line `json:"body,omitempty"`
}

// Line is one line of the notice body.
type Line struct {
	Text string `json:"text"`
	Ref
}

// DocNumber is a 发文字号 split into its parts.
type DocNumber struct {
	Text   string `json:"text" validate:"kp_docnumber"`
	Agency string `json:"agency"`
	Year   int    `json:"year"`
	Serial int    `json:"serial"`
}

// Section is one node of the notice's numbered outline (一、 / （一） / 1. / （1）).
type Section struct {
	Marker   string    `json:"marker"`
	Heading  string    `json:"heading"`
	Text     string    `json:"text"`
	Children []Section `json:"children"`
	Where    *Ref      `json:"where,omitempty"`
}

// Attachment is one entry of the 附件说明.
type Attachment struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
}

// Column keys of the contract, whatever the header says in the document.
const (
	ColCategory    = "category"
	ColID          = "id"
	ColBasis       = "basis"
	ColIndicator   = "indicator"
	ColItem        = "item"
	ColWeight      = "weight"
	ColDeadline    = "deadline"
	ColLeaders     = "leaders"
	ColDepartments = "departments"
	ColOwners      = "owners"
	// Roles of the 考核表 family beyond the seed's form (kaoping/v2).
	ColCriteria  = "criteria"  // 评分标准, 考核标准, 目标要求
	ColTarget    = "target"    // 指标值
	ColMethod    = "method"    // 考核方式
	ColPartners  = "partners"  // 配合单位, 协办单位
	ColRemarks   = "remarks"   // 备注
	ColSelfScore = "selfScore" // 自评分
	ColScore     = "score"     // 得分
)

// LevelKey is the column key of the n-th (1-based, outermost first) level a
// form prints between its indicator and its items (三级指标 of a four-level
// form): "level1", "level2" …; Item.Levels[n-1] holds its cell.
func LevelKey(n int) string { return "level" + itoa(n) }

// LevelIndex returns n for a LevelKey ("level2" → 2), 0 for any other key.
func LevelIndex(key string) int {
	if len(key) <= len("level") || key[:len("level")] != "level" {
		return 0
	}
	n := 0
	for _, c := range key[len("level"):] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// NotePrefix starts the row kaoping prints under an item whose text could
// not be placed in any column (Item.Notes); reading such a print back puts
// the notes on the item again.
const NotePrefix = "待核对："

// ExtraKey is the column key of a column the contract does not name: "x:"
// and its header as printed.
const ExtraKey = "x:"

// Columns is the canonical column order of a 考评表, for a form that states
// none.
var Columns = []string{ColCategory, ColID, ColBasis, ColIndicator, ColItem, ColWeight, ColDeadline, ColLeaders, ColDepartments, ColOwners}

// RoleColumns are the keys of item roles kaoping/v2 added, in the order a
// form without its own order prints them.
var RoleColumns = []string{ColCriteria, ColTarget, ColMethod, ColPartners, ColRemarks, ColSelfScore, ColScore}

// Form is one 考评表.
type Form struct {
	Title string `json:"title"`
	Unit  string `json:"unit,omitempty"`
	Date  string `json:"date,omitempty"`
	// Attachment is the number of the 附件 this form is (附件2 → 2), 0 where
	// the form is not marked as one.
	Attachment int `json:"attachment,omitempty"`
	// Columns lists every column the form prints, in its order: contract
	// keys (Col*) and, for a column of the form's own, ExtraKey and its
	// printed header (x:佐证材料).
	Columns []string `json:"columns"`
	// WeightUnit is the unit of the weights, 分 or %, as the weight header
	// states it; "" where it states none (points are assumed). A section may
	// state its own.
	WeightUnit string `json:"weightUnit,omitempty"`
	// Sections are the parts of a form printed under banners across the
	// table (一、共性指标（30分）, Part Ⅲ：行为价值观考评), each over some of its
	// categories; empty for a form of one part.
	Sections []FormSection `json:"sections,omitempty"`
	// Headers maps each column key to the header text as printed (权重 or 分值 …).
	Headers    map[string]string `json:"headers,omitempty"`
	Categories []Category        `json:"categories"`
	Totals     []Total           `json:"totals"`
	// Signatures is the signature row (单位主要领导：… 日期：) as printed.
	Signatures []string `json:"signatures,omitempty"`
	// Notes are lines printed with the form outside its table (以上指标由…).
	Notes []string `json:"notes,omitempty"`
	Where *Ref     `json:"where,omitempty"`
	// HeaderWhere is where the form's (first) header row is printed.
	HeaderWhere *Ref `json:"headerWhere,omitempty"`
}

// FormSection is one part of a form under its banner.
type FormSection struct {
	// Title is the banner as printed, points included.
	Title string `json:"title"`
	// Points are the points the banner states (（30分）), null where none.
	Points *float64 `json:"points" jsonschema:"nullable"`
	// WeightUnit is the unit the section's own header states, "" for the form's.
	WeightUnit string `json:"weightUnit,omitempty"`
	// Categories are the indexes into Form.Categories of the section's categories.
	Categories []int `json:"categories"`
}

// Category is a 项目 of the form (重点工作目标, 常规工作目标, 行政能力, 文明创建, 平安建设).
type Category struct {
	Name string `json:"name"`
	// Group is the heading above several categories (职能工作目标), when the form has one.
	Group      string      `json:"group,omitempty"`
	Points     *float64    `json:"points" jsonschema:"nullable"`
	Indicators []Indicator `json:"indicators"`
}

// Indicator is a 一级指标 with its 二级指标 items.
type Indicator struct {
	ID     string   `json:"id,omitempty" validate:"omitempty,kp_id"`
	Text   string   `json:"text"`
	Points *float64 `json:"points" jsonschema:"nullable"`
	// Citation is a trailing （属…） reference in the indicator text, kept apart from Text.
	Citation string `json:"citation,omitempty"`
	// Raw is the indicator cell as printed, points and citation included,
	// where it differs from Text (the half-width-punct rule reads it).
	Raw   string `json:"raw,omitempty"`
	Basis string `json:"basis,omitempty"`
	Items []Item `json:"items"`
}

// Item is a 二级指标 row.
type Item struct {
	ID string `json:"id,omitempty" validate:"kp_id"`
	// Levels are the indicator levels a form of four or more levels prints
	// between the item's Indicator and the item itself (the 三级指标 of a
	// 一级/二级/三级/四级指标 form), outermost first; empty for a form of
	// three levels or fewer. Each is the level's cell as read on the item's
	// row, a merged cell repeated on every row it spans: the tree stays
	// Category → Indicator → Item, so every consumer sees every item, and the
	// deeper levels ride with the items they group.
	Levels   []Level  `json:"levels,omitempty"`
	Text     string   `json:"text" validate:"required"`
	Weight   *float64 `json:"weight" jsonschema:"nullable" validate:"required,gt=0,kp_dec2"`
	Deadline string   `json:"deadline,omitempty" validate:"required,kp_deadline"`
	// Due is the last day the deadline allows, in the form's year (ISO 8601).
	Due         string   `json:"due,omitempty"`
	Leaders     []string `json:"leaders" validate:"min=1"`
	Departments []string `json:"departments" validate:"min=1"`
	Owners      []string `json:"owners" validate:"min=1"`
	// The roles of the 考核表 family (kaoping/v2), where the form has their columns.
	Criteria  string   `json:"criteria,omitempty"`
	Target    string   `json:"target,omitempty"`
	Method    string   `json:"method,omitempty"`
	Partners  []string `json:"partners,omitempty"`
	Remarks   string   `json:"remarks,omitempty"`
	SelfScore *float64 `json:"selfScore,omitempty"`
	Score     *float64 `json:"score,omitempty"`
	// Notes are texts read on the item's row that could not be placed in
	// any column (a garbled page): kept with the row, printed under it and
	// listed for a person to check.
	Notes []string `json:"notes,omitempty"`
	// Extra keeps columns the contract does not name, under their printed header.
	Extra map[string]string `json:"extra,omitempty"`
	// Raw keeps a cell's text as printed where the value above was normalised
	// from it (a weight written 2分, a list with mixed separators), so nothing
	// a person wrote is lost.
	Raw    map[string]string `json:"raw,omitempty"`
	Source Ref               `json:"source"`
}

// Level is one indicator level above an item (Item.Levels).
type Level struct {
	Text string `json:"text"`
	// Points are the points the level's cell states (（6分）), in the form's
	// weight unit; null where it states none.
	Points *float64 `json:"points" jsonschema:"nullable"`
	// Raw is the cell as printed where it differs from Text.
	Raw string `json:"raw,omitempty"`
}

// Total is a stated subtotal or total row and what the items add up to.
type Total struct {
	Label    string   `json:"label"`
	Stated   *float64 `json:"stated" jsonschema:"nullable"`
	Computed float64  `json:"computed"`
	// Categories names the categories the total covers; empty for the grand total.
	Categories []string `json:"categories,omitempty"`
	Where      *Ref     `json:"where,omitempty"`
}

// Ref says where something was read: page and line of the input, and the box
// on the page (points, origin top left) where the input has a layout.
type Ref struct {
	Page *int `json:"page" jsonschema:"nullable"`
	Line *int `json:"line" jsonschema:"nullable"`
	Box  *Box `json:"box,omitempty"`
}

// Box is a rectangle on a page in points, origin at the top left.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Int returns a pointer to n, for the optional fields above.
func Int(n int) *int { return &n }

// Float returns a pointer to f, for the optional fields above.
func Float(f float64) *float64 { return &f }
