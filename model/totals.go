package model

// RecomputeTotals sets each total's Computed from the items' weights: a
// subtotal adds up the categories it names, the grand total (no categories)
// every item. Ingest calls it once the form is read; an editor calls it after
// changing a weight.
func (f *Form) RecomputeTotals() {
	sum := map[string]float64{}
	all := 0.0
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				if it.Weight != nil {
					sum[c.Name] += *it.Weight
					all += *it.Weight
				}
			}
		}
	}
	for i := range f.Totals {
		t := &f.Totals[i]
		if len(t.Categories) == 0 {
			t.Computed = all
			continue
		}
		t.Computed = 0
		for _, c := range t.Categories {
			t.Computed += sum[c]
		}
	}
}
