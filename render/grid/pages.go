package grid

// Paginate assigns body rows to pages, given each row's height h, the height
// left for body rows on the form's first page and on every later page (the
// header rows repeat there, so callers subtract them). The rows of one
// 一级指标 stay together when they fit on a page; a group taller than a page
// is split row by row, its merged cells continuing on the next page. It
// returns the [start, end) row range of each page.
func (g *Grid) Paginate(h []float64, first, rest float64) [][2]int {
	var pages [][2]int
	start := g.HeaderRows
	room := first
	split := -2 // the group being split row by row
	for i := g.HeaderRows; i < g.Rows; {
		j := i + 1
		if gr := g.Groups[i]; gr >= 0 && gr != split {
			for j < g.Rows && g.Groups[j] == gr {
				j++
			}
		}
		bh := 0.0
		for k := i; k < j; k++ {
			bh += h[k]
		}
		switch {
		case bh <= room:
			room -= bh
			i = j
		case i > start && bh <= rest:
			pages = append(pages, [2]int{start, i})
			start, room = i, rest
		case h[i] <= room || i == start:
			room -= h[i]
			split = g.Groups[i]
			i++
		default:
			pages = append(pages, [2]int{start, i})
			start, room = i, rest
		}
	}
	return append(pages, [2]int{start, g.Rows})
}

// Room returns what is left of the last page's height after its rows, for
// deciding where the lines below the table go.
func Room(h []float64, pages [][2]int, first, rest float64) float64 {
	last := pages[len(pages)-1]
	room := rest
	if len(pages) == 1 {
		room = first
	}
	for k := last[0]; k < last[1]; k++ {
		room -= h[k]
	}
	return room
}
