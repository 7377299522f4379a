package ingest

import (
	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// flagJoinDoubts adds a reading-doubt finding for every table cell the
// reader made from parts on two pages on the text alone (flow.Cell.Doubt: a
// row broken by the page in a table that numbers no rows, where no short
// cell left empty confirms it). The join is kept — the parts are likelier
// one cell than two rows — and the clerk is told where to look: on the form
// row and column where an item field was read from the cell, else on its
// page and box.
func flagJoinDoubts(doc *model.Document, fl flow.Flow) {
	var cells []ocrCell
	var texts []string
	for _, b := range fl.Blocks {
		if !b.IsRow() || b.Ref.Page == nil {
			continue
		}
		for _, c := range b.Cells {
			if c.Doubt && c.Box != nil {
				cells = append(cells, ocrCell{page: *b.Ref.Page, box: *c.Box, text: squashText(c.Text)})
				texts = append(texts, c.Text)
			}
		}
	}
	if len(cells) == 0 {
		return
	}
	at, _ := cellPlaces(doc, cells)
	for j, c := range cells {
		loc := at[j]
		loc.Page = model.Int(c.page)
		box := c.box
		loc.Box = &box
		doc.Findings = append(doc.Findings, model.Finding{
			Rule: model.RuleReadingDoubt, Severity: model.SevWarning, At: loc, Values: []string{texts[j]},
			Message:   audit.DoubtBanner + "：“" + texts[j] + "”由页末和下一页页首的两部分拼成一格，下一页的部分也可能是新的一行",
			MessageEn: audit.DoubtBannerEn + ": “" + texts[j] + "” was joined from the end of one page and the top of the next; the part on the next page may be a row of its own",
			Origin:    model.OriginIngest,
		})
	}
}
