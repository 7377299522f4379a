package audit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// personUse is where a name appears: rows, column, departments, and how
// it was printed on each of them.
type personUse struct {
	rows    []row
	cols    []string
	printed []string
	depts   map[string]bool
}

// checkNameVariant: one person written two ways in a form, in any person
// column (a leader's name among the owners of another row counts):
//   - two names of equal length (2–4) one character apart, where the two
//     characters sound alike (a pinyin input method offers both), look alike,
//     or are one character's traditional and simplified forms; or any one
//     character apart when the two share a department (吕金福 / 吕全福);
//   - one name printed two ways (王　伟 / 王伟, 阿依古丽•买买提 / 阿依古丽·买买提);
//   - a surname and a title for the name (王局长), named with the full name
//     where the form has one person of that surname.
//
// The rarer spelling is reported on each of its rows; when both are equally
// common, both are. Candidates come from an index of each name with one
// position masked, so the check is linear in the number of names.
func checkNameVariant(c *checker) {
	for _, rs := range c.rows {
		uses := map[string]*personUse{}
		var names []string
		note := func(name, printed string, r row, col string, depts []string) {
			u := uses[name]
			if u == nil {
				u = &personUse{depts: map[string]bool{}}
				uses[name] = u
				names = append(names, name)
			}
			if len(u.rows) == 0 || u.rows[len(u.rows)-1].seq != r.seq || u.cols[len(u.cols)-1] != col {
				u.rows = append(u.rows, r)
				u.cols = append(u.cols, col)
				u.printed = append(u.printed, printed)
			}
			for _, d := range depts {
				u.depts[d] = true
			}
		}
		for _, r := range rs {
			if c.stop() {
				break
			}
			owners := printedPeople(r.it.Raw[model.ColOwners], r.it.Owners)
			for i, p := range deptOwnerPairs(r.it) {
				pr := p[1]
				if len(r.it.Departments) == len(r.it.Owners) {
					pr = owners[i].PrintedAs()
				} else if len(r.it.Departments) > 0 {
					pr = owners[i%len(owners)].PrintedAs()
				}
				note(p[1], pr, r, model.ColOwners, []string{p[0]})
			}
			if len(r.it.Departments) == 0 {
				for _, p := range owners {
					note(p.Name, p.PrintedAs(), r, model.ColOwners, nil)
				}
			}
			for _, p := range printedPeople(r.it.Raw[model.ColLeaders], r.it.Leaders) {
				note(p.Name, p.PrintedAs(), r, model.ColLeaders, r.it.Departments)
			}
		}
		c.nameVariants(names, uses)
		c.nameSpellings(names, uses)
		c.nameTitles(names, uses)
	}
}

// nameVariants reports pairs of names one character apart.
func (c *checker) nameVariants(names []string, uses map[string]*personUse) {
	type key struct {
		pos int
		s   string
	}
	index := map[key][]string{}
	var pairs [][2]string
	why := map[[2]string]msg{}
	addPair := func(a, b string, m msg) {
		if a > b {
			a, b = b, a
		}
		if _, seen := why[[2]string{a, b}]; !seen {
			why[[2]string{a, b}] = m
			pairs = append(pairs, [2]string{a, b})
		}
	}
	bySimp := map[string]string{}
	for _, name := range names {
		if _, _, isTitle := titleForm(name); isTitle {
			continue // nameTitles' business
		}
		sn := simplify(name)
		if other, ok := bySimp[sn]; ok && other != name {
			addPair(other, name, msg{"只差繁简", "differs only in traditional/simplified form"})
		} else if !ok {
			bySimp[sn] = name
		}
		rs := []rune(name)
		if len(rs) < 2 || len(rs) > 4 {
			continue
		}
		for i := range rs {
			if c.stop() {
				break
			}
			masked := string(rs[:i]) + "\x00" + string(rs[i+1:])
			k := key{i, masked}
			for _, other := range index[k] {
				_, a, b := oneApart(other, name)
				switch {
				case confusable(a, b):
					addPair(other, name, msg{fmt.Sprintf("只差一字（「%c」与「%c」音近或形近）", a, b), fmt.Sprintf("differs in one character (%c and %c sound or look alike)", a, b)})
				case len(rs) >= 3 && i >= utf8.RuneCountInString(surnameOf(name)) && sharesDept(uses[other], uses[name]):
					// Two given names one character apart in one
					// department (吕金福 / 吕全福); two-character names
					// and different surnames are different people.
					addPair(other, name, msg{"只差一字（同一部门）", "differs in one character (same department)"})
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
		w := why[p]
		for _, name := range report {
			other := p[0]
			if other == name {
				other = p[1]
			}
			u, o := uses[name], uses[other]
			for i, r := range u.rows {
				col := u.cols[i]
				c.addRow(r, col, []string{name, other},
					msg{fmt.Sprintf("%s「%s」与其他 %d 处的「%s」%s，可能是同一人，其中一个是笔误", colZh(col), name, len(o.rows), other, w.zh),
						fmt.Sprintf("%s %q %s from %q in %d other places: probably one person, one of them a typo", colEn(col), name, w.en, other, len(o.rows))}, nil)
			}
		}
	}
}

// nameSpellings reports a name printed two ways: the rarer print on each
// of its rows (the plain name wins a tie).
func (c *checker) nameSpellings(names []string, uses map[string]*personUse) {
	for _, name := range names {
		u := uses[name]
		count := map[string]int{}
		var order []string
		for _, p := range u.printed {
			if count[p] == 0 {
				order = append(order, p)
			}
			count[p]++
		}
		if len(order) < 2 {
			continue
		}
		best := order[0]
		for _, p := range order[1:] {
			if count[p] > count[best] || count[p] == count[best] && p == name {
				best = p
			}
		}
		for i, r := range u.rows {
			p := u.printed[i]
			if p == best {
				continue
			}
			col := u.cols[i]
			d := spellingDiff(p, best)
			c.addRow(r, col, []string{p, best},
				msg{fmt.Sprintf("%s「%s」在其他 %d 处写作「%s」，同一人名%s不一致", colZh(col), p, count[best], best, d.zh),
					fmt.Sprintf("%s %q is written %q in %d other places: the %s of one name differs", colEn(col), p, best, count[best], d.en)}, nil)
		}
	}
}

// nameTitles reports a surname and a title written for a name (王局长).
func (c *checker) nameTitles(names []string, uses map[string]*personUse) {
	for _, name := range names {
		sur, title, ok := titleForm(name)
		if !ok {
			continue
		}
		var full []string
		for _, other := range names {
			if _, _, isTitle := titleForm(other); !isTitle && other != name && surnameOf(other) == sur && looksLikeName(other) {
				full = append(full, other)
			}
		}
		u := uses[name]
		for i, r := range u.rows {
			col := u.cols[i]
			m := msg{fmt.Sprintf("%s「%s」是姓加职务（%s），应写姓名", colZh(col), name, title),
				fmt.Sprintf("%s %q is a surname and a title (%s), not a name", colEn(col), name, title)}
			if len(full) == 1 {
				m.zh += fmt.Sprintf("；本表中姓%s的只有「%s」", sur, full[0])
				m.en += fmt.Sprintf("; the one person of that surname in the form is %q", full[0])
			}
			c.addRow(r, col, append([]string{name}, full...), m, nil)
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
			if c.stop() {
				break
			}
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
			if c.stop() {
				break
			}
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
			if c.stop() {
				break
			}
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
			if c.stop() {
				break
			}
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
