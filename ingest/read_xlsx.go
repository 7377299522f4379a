package ingest

import (
	"context"
	"errors"

	"github.com/kaoping/kaoping/ingest/flow"
	"github.com/kaoping/kaoping/ingest/xlsx"
)

// readXLSX reads a workbook's flow, its errors turned into typed ones.
func readXLSX(ctx context.Context, name string, data []byte) (flow.Flow, error) {
	fl, err := xlsx.Read(ctx, data)
	if err == nil {
		return fl, nil
	}
	var se *xlsx.SheetError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fl, err
	case errors.Is(err, xlsx.ErrEmpty):
		return fl, Errorf(name, KindEmpty, err, "")
	case errors.Is(err, xlsx.ErrTooLarge):
		e := Errorf(name, KindTooLarge, err, "")
		var le *xlsx.LimitError
		if errors.As(err, &le) {
			e.Detail, e.DetailEn = le.Zh, le.En
			if errors.As(err, &se) {
				e.Detail = "工作表“" + se.Sheet + "”" + le.Zh
				e.DetailEn = "sheet “" + se.Sheet + "”: " + le.En
			}
		}
		return fl, e
	case errors.Is(err, xlsx.ErrEncrypted):
		return fl, Errorf(name, KindEncrypted, err, "")
	case errors.Is(err, xlsx.ErrNoTable):
		return fl, Errorf(name, KindNoForm, err, "")
	case errors.As(err, &se):
		e := Errorf(name, KindCorrupt, err, "工作表“%s”", se.Sheet)
		e.DetailEn = "sheet “" + se.Sheet + "”"
		return fl, e
	}
	return fl, Errorf(name, KindCorrupt, err, "")
}
