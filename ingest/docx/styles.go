package docx

import (
	"encoding/xml"
	"strconv"
)

// styles keeps what the reader needs from styles.xml: the numbering a
// paragraph style carries (headings numbered through their style, as
// LibreOffice and Word's outline lists do) and the style inheritance chain.
type styles struct {
	byID map[string]xStyle
}

type xStyles struct {
	Style []xStyle `xml:"style"`
}

type xStyle struct {
	ID      string `xml:"styleId,attr"`
	BasedOn xVal   `xml:"basedOn"`
	PPr     struct {
		NumPr *xNumPr `xml:"numPr"`
	} `xml:"pPr"`
}

type xNumPr struct {
	Ilvl  *xVal `xml:"ilvl"`
	NumID *xVal `xml:"numId"`
}

func parseStyles(d *xml.Decoder) (*styles, error) {
	s := &styles{byID: map[string]xStyle{}}
	if d == nil {
		return s, nil
	}
	var x xStyles
	if err := d.Decode(&x); err != nil {
		return nil, err
	}
	for _, st := range x.Style {
		s.byID[st.ID] = st
	}
	return s, nil
}

// numPr returns the numbering a style gives its paragraphs, walking basedOn.
// ilvl is -1 when the style names a list but not a level.
func (s *styles) numPr(id string) (numID string, ilvl int, ok bool) {
	if s == nil {
		return "", 0, false
	}
	ilvl = -1
	for hop := 0; id != "" && hop < 32; hop++ {
		st, found := s.byID[id]
		if !found {
			break
		}
		if np := st.PPr.NumPr; np != nil {
			if np.Ilvl != nil && ilvl < 0 {
				if v, err := strconv.Atoi(np.Ilvl.Val); err == nil {
					ilvl = v
				}
			}
			if np.NumID != nil {
				return np.NumID.Val, ilvl, true
			}
		}
		id = st.BasedOn.Val
	}
	return "", 0, false
}
