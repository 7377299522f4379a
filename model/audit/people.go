package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kaoping/kaoping/model"
)

// pairs zips a row's departments with its owners when both lists have the
// same length (1:1 or n:n); otherwise every owner goes with every department.
func deptOwnerPairs(it *model.Item) [][2]string {
	var out [][2]string
	if len(it.Departments) == len(it.Owners) {
		for i := range it.Owners {
			out = append(out, [2]string{it.Departments[i], it.Owners[i]})
		}
		return out
	}
	for _, d := range it.Departments {
		for _, o := range it.Owners {
			out = append(out, [2]string{d, o})
		}
	}
	return out
}

// personUse is where a name appears: rows, column, departments.
type personUse struct {
	rows  []row
	cols  []string
	depts map[string]bool
}

// checkNameVariant: two personal names of the same length that differ in one
// character and share a department (吕金福 / 吕全福), or differ only in 繁/简
// form. The rarer spelling is reported on each of its rows; when both are
// equally common, both are. Candidates come from an index of each name with
// one position masked, so the check is linear in the number of names.
func checkNameVariant(c *checker) {
	for _, rs := range c.rows {
		uses := map[string]*personUse{}
		var names []string
		note := func(name string, r row, col string, depts []string) {
			u := uses[name]
			if u == nil {
				u = &personUse{depts: map[string]bool{}}
				uses[name] = u
				names = append(names, name)
			}
			if len(u.rows) == 0 || u.rows[len(u.rows)-1].seq != r.seq || u.cols[len(u.cols)-1] != col {
				u.rows = append(u.rows, r)
				u.cols = append(u.cols, col)
			}
			for _, d := range depts {
				u.depts[d] = true
			}
		}
		for _, r := range rs {
			for _, p := range deptOwnerPairs(r.it) {
				note(p[1], r, model.ColOwners, []string{p[0]})
			}
			for _, l := range r.it.Leaders {
				note(l, r, model.ColLeaders, r.it.Departments)
			}
		}
		type key struct {
			pos int
			s   string
		}
		index := map[key][]string{}
		var pairs [][2]string
		seenPair := map[[2]string]bool{}
		addPair := func(a, b string) {
			if a > b {
				a, b = b, a
			}
			if !seenPair[[2]string{a, b}] {
				seenPair[[2]string{a, b}] = true
				pairs = append(pairs, [2]string{a, b})
			}
		}
		bySimp := map[string]string{}
		for _, name := range names {
			sn := simplify(name)
			if other, ok := bySimp[sn]; ok && other != name {
				addPair(other, name)
			} else if !ok {
				bySimp[sn] = name
			}
			rs := []rune(name)
			if len(rs) < 2 || len(rs) > 4 {
				continue
			}
			for i := range rs {
				masked := string(rs[:i]) + "\x00" + string(rs[i+1:])
				k := key{i, masked}
				for _, other := range index[k] {
					if sharesDept(uses[other], uses[name]) {
						addPair(other, name)
					}
				}
				index[k] = append(index[k], name)
			}
		}
		slices.SortFunc(pairs, func(a, b [2]string) int { return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1])) })
		for _, p := range pairs {
			a, b := uses[p[0]], uses[p[1]]
			var report []string
			switch {
			case len(a.rows) < len(b.rows):
				report = []string{p[0]}
			case len(b.rows) < len(a.rows):
				report = []string{p[1]}
			default:
				report = []string{p[0], p[1]}
			}
			for _, name := range report {
				other := p[0]
				if other == name {
					other = p[1]
				}
				u, o := uses[name], uses[other]
				for i, r := range u.rows {
					col := u.cols[i]
					c.addRow(r, col, []string{name, other},
						msg{fmt.Sprintf("%s「%s」与其他 %d 行的「%s」只差一字（同一部门），其中一个可能是笔误", colZh(col), name, len(o.rows), other),
							fmt.Sprintf("%s %q differs by one character from %q on %d other rows (same department): one is likely a typo", colEn(col), name, other, len(o.rows))}, nil)
				}
			}
		}
	}
}

func sharesDept(a, b *personUse) bool {
	for d := range a.depts {
		if b.depts[d] {
			return true
		}
	}
	return false
}

// checkOwnerDepartment: a 责任人 listed under different 责任部门. The rarer
// department is reported; a tie reports every row of the person. Departments
// that are really names (column-shift) are left to that rule.
func checkOwnerDepartment(c *checker) {
	for _, rs := range c.rows {
		type use struct {
			r    row
			dept string
		}
		byOwner := map[string][]use{}
		var owners []string
		for _, r := range rs {
			for _, p := range deptOwnerPairs(r.it) {
				if c.persons[p[0]] || looksLikeName(p[0]) && !isOrgUnit(p[0]) {
					continue
				}
				if _, ok := byOwner[p[1]]; !ok {
					owners = append(owners, p[1])
				}
				byOwner[p[1]] = append(byOwner[p[1]], use{r, p[0]})
			}
		}
		for _, o := range owners {
			us := byOwner[o]
			count := map[string]int{}
			for _, u := range us {
				count[u.dept]++
			}
			if len(count) < 2 {
				continue
			}
			best := 0
			for _, n := range count {
				best = max(best, n)
			}
			ties := 0
			for _, n := range count {
				if n == best {
					ties++
				}
			}
			var depts []string
			for d := range count {
				depts = append(depts, d)
			}
			slices.Sort(depts)
			lastSeq := -1
			for _, u := range us {
				if (count[u.dept] == best && ties == 1) || u.r.seq == lastSeq {
					continue
				}
				lastSeq = u.r.seq
				c.addRow(u.r, model.ColDepartments, append([]string{o, u.dept}, depts...),
					msg{fmt.Sprintf("责任人「%s」在本行属「%s」，在其他行属「%s」", o, u.dept, strings.Join(without(depts, u.dept), "」「")),
						fmt.Sprintf("owner %q is under %q here but under %s elsewhere", o, u.dept, quoteAll(without(depts, u.dept)))}, nil)
			}
		}
	}
}

func without(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// checkListArity: each department needs its owner, and a row cannot have more
// leaders than departments (1-3-3: two leaders, one department, two owners).
func checkListArity(c *checker) {
	for fi, rs := range c.rows {
		for _, r := range rs {
			it := r.it
			l, d, o := len(it.Leaders), len(it.Departments), len(it.Owners)
			if max(l, d, o) < 2 {
				continue
			}
			hasO := c.hasColumn(fi, model.ColOwners) && o > 0
			col := ""
			switch {
			case hasO && d > 0 && d != o:
				col = model.ColDepartments
			case d > 0 && l > d:
				col = model.ColLeaders
			}
			if col == "" {
				continue
			}
			counts := []string{strconv.Itoa(l), strconv.Itoa(d), strconv.Itoa(o)}
			c.addRow(r, col, counts,
				msg{fmt.Sprintf("分管领导 %d 人、责任部门 %d 个、责任人 %d 人，数目对不上", l, d, o),
					fmt.Sprintf("%d leaders, %d departments and %d owners do not correspond", l, d, o)}, nil)
		}
	}
}

// listSeps are the separators a list cell can use, by name.
var listSeps = []struct{ name, sep string }{{"、", "、"}, {"，", "，"}, {",", ","}, {"；", "；"}, {";", ";"}, {"/", "/"}, {"空格", " "}}

// sepStyle names the separator(s) a printed list cell uses.
func sepStyle(raw string) string {
	var used []string
	for _, s := range listSeps {
		if strings.Contains(strings.TrimSpace(raw), s.sep) {
			used = append(used, s.name)
		}
	}
	return strings.Join(used, "+")
}

// checkListSeparator: when a form's list cells (Raw keeps the printed text)
// use more than one separator, every cell not separated by 、 — the 顿号 of
// GB/T 15834 for coordinate names — is reported, with a fix to 、.
func checkListSeparator(c *checker) {
	cols := []string{model.ColLeaders, model.ColDepartments, model.ColOwners}
	for _, rs := range c.rows {
		styles := map[string]bool{}
		for _, r := range rs {
			for _, col := range cols {
				if st := sepStyle(r.it.Raw[col]); st != "" {
					styles[st] = true
				}
			}
		}
		if len(styles) < 2 {
			continue
		}
		for _, r := range rs {
			for _, col := range cols {
				raw := r.it.Raw[col]
				st := sepStyle(raw)
				if st == "" || st == "、" {
					continue
				}
				vals := listValues(r.it, col)
				c.addRow(r, col, []string{raw},
					msg{fmt.Sprintf("%s「%s」用「%s」分隔，本表其他行用「、」", colZh(col), raw, st),
						fmt.Sprintf("the %s list %q is separated by %s while other rows use 、", colEn(col), raw, sepEn(st))},
					&model.Fix{Column: col, From: raw, To: strings.Join(vals, "、")})
			}
		}
	}
}

func listValues(it *model.Item, col string) []string {
	switch col {
	case model.ColLeaders:
		return it.Leaders
	case model.ColDepartments:
		return it.Departments
	case model.ColOwners:
		return it.Owners
	}
	return nil
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// sepEn names a separator style in English.
func sepEn(st string) string {
	return strings.NewReplacer("空格", "spaces", "+", " and ").Replace(st)
}
