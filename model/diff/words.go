package diff

import (
	"unicode"
)

// Edit is one run of a word-level text diff.
type Edit struct {
	Op   string `json:"op"` // "=" kept, "-" deleted, "+" inserted
	Text string `json:"text"`
}

// tokens splits text into the units a change is shown in: a run of Latin
// letters or digits (2023, 5, PPT, 12345) is one token, every other rune —
// a Han character, a punctuation mark — one token. Chinese has no spaces to
// split words at; Words joins neighbouring edits so that a changed word
// shows as one edit (招商→引资, not 招→引 and 商→资).
func tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if latin(rs[i]) {
			for j < len(rs) && latin(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func latin(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '.'
}

// lcs returns the table of the longest common subsequence of a and b.
func lcs(a, b []string) [][]int32 {
	t := make([][]int32, len(a)+1)
	for i := range t {
		t[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t
}

// textSimilarity is the share of tokens two texts have in common: twice their
// longest common subsequence over their total length, 1 for equal texts.
func textSimilarity(a, b string) float64 { return similarity(tokens(a), tokens(b)) }

func similarity(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// one row per old token is enough for the length
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				cur[j] = prev[j+1] + 1
			} else {
				cur[j] = max(prev[j], cur[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[0]) / float64(len(a)+len(b))
}

// wordEdits diffs two texts token by token and merges the result into runs: an
// unchanged run of one Han character between two edits is taken into them,
// as a person reads 招商引资→招才引智 as one changed phrase.
func wordEdits(old, new string) []Edit {
	a, b := tokens(old), tokens(new)
	t := lcs(a, b)
	var raw []Edit
	push := func(op, s string) {
		if n := len(raw); n > 0 && raw[n-1].Op == op {
			raw[n-1].Text += s
			return
		}
		raw = append(raw, Edit{op, s})
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			push("=", a[i])
			i++
			j++
		case j < len(b) && (i == len(a) || t[i][j+1] >= t[i+1][j]):
			push("+", b[j])
			j++
		default:
			push("-", a[i])
			i++
		}
	}
	return merge(raw)
}

// merge folds a one-rune kept run that stands between edits into them, and
// puts each group of edits as one deletion then one insertion.
func merge(raw []Edit) []Edit {
	var out []Edit
	var del, ins string
	flush := func() {
		if del != "" {
			out = append(out, Edit{"-", del})
		}
		if ins != "" {
			out = append(out, Edit{"+", ins})
		}
		del, ins = "", ""
	}
	for k, e := range raw {
		switch e.Op {
		case "-":
			del += e.Text
		case "+":
			ins += e.Text
		default:
			between := (del != "" || ins != "") && k+1 < len(raw) && len([]rune(e.Text)) == 1
			if between {
				del += e.Text
				ins += e.Text
				continue
			}
			flush()
			out = append(out, e)
		}
	}
	flush()
	return out
}
