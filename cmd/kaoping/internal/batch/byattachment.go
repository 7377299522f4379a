package batch

import (
	"context"
	"errors"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/width"

	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// Group is one document to make of several read files: the file whose
// notice names the others in its 附件说明, and those files in the order of
// the 附件说明.
type Group struct {
	Main  int   `json:"main"`
	Parts []int `json:"parts,omitempty"`
}

// PairByAttachments groups read documents the way a clerk would: a file
// with a notice and no form (a 正文) takes every file without a notice
// whose form title is an item of its 附件说明 (附件：1.《…》 2. …), in the
// order of the 附件说明. A form whose title two 正文 name goes with the
// first. Every other file is a group of its own. Groups keep the order of
// their main files.
//
// convert (several inputs), batch and the page's join all pair through
// here; Pair, by file name, runs before anything is read.
func PairByAttachments(docs []*model.Document) []Group {
	type claim struct{ main, number int }
	claimed := map[int]claim{} // form file → 正文 and 附件 number
	for m, d := range docs {
		if d == nil || d.Notice == nil || len(d.Forms) > 0 {
			continue
		}
		for ai, a := range d.Notice.Attachments {
			key := attachmentKey(a.Name)
			if key == "" {
				continue
			}
			for p, pd := range docs {
				if _, taken := claimed[p]; taken || p == m || pd == nil || pd.Notice != nil || len(pd.Forms) == 0 {
					continue
				}
				if attachmentKey(pd.Forms[0].Title) == key {
					n := a.Number
					if n == 0 {
						n = ai + 1
					}
					claimed[p] = claim{m, n}
					break
				}
			}
		}
	}
	var groups []Group
	at := map[int]int{}
	for i := range docs {
		if _, ok := claimed[i]; ok {
			continue
		}
		at[i] = len(groups)
		groups = append(groups, Group{Main: i})
	}
	for n := 1; len(claimed) > 0; n++ {
		for p := range docs {
			if c, ok := claimed[p]; ok && c.number <= n {
				g := &groups[at[c.main]]
				g.Parts = append(g.Parts, p)
				delete(claimed, p)
			}
		}
	}
	return groups
}

// attachmentLabel is what stands before the name of an attachment: 附件,
// 附件1, 附件：, 1., 2、, （1）.
var attachmentLabel = regexp.MustCompile(`^(?:附件\s*\d*\s*[：:.、．]?\s*)?(?:(?:[（(]\d+[)）]|\d+[.、．])\s*)?`)

// attachmentKey is a 附件说明 item or a form title as compared: width folded,
// white space, the 附件1/1. label, book-title marks and quotes, and a closing
// full stop dropped.
func attachmentKey(s string) string {
	s = width.Fold.String(strings.TrimSpace(s))
	s = attachmentLabel.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), strings.ContainsRune("《》〈〉“”\"'‘’「」。.;；", r):
			return -1
		}
		return r
	}, s)
}

// PairRead pairs by their 附件说明 (PairByAttachments) the files Pair left
// alone, folder by folder: each such file of a folder holding more than
// one is read, in parallel, and a 正文 takes the 附件 files its 附件说明
// names. The documents read are kept for Run, which does not read them
// again. paired is told each document made of several files.
func (cfg *Config) PairRead(ctx context.Context, docs []Doc, paired func(Doc)) []Doc {
	byDir := map[string][]int{}
	for i, d := range docs {
		if len(d.Parts) == 0 {
			byDir[d.Main.Dir()] = append(byDir[d.Main.Dir()], i)
		}
	}
	var todo []int
	for _, is := range byDir {
		if len(is) > 1 {
			todo = append(todo, is...)
		}
	}
	if len(todo) == 0 {
		return docs
	}
	read := make([]*model.Document, len(docs))
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				s := docs[i].Main
				data, err := s.Read()
				if err != nil {
					continue
				}
				doc, err := cfg.Read(ctx, path.Base(s.Rel), data)
				var ie *readerr.Error
				if err == nil || doc != nil && errors.As(err, &ie) && ie.Kind == readerr.NoForm {
					read[i] = doc
				}
			}
		}()
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
	cfg.preread = map[string]*model.Document{}
	for i, d := range read {
		if d != nil {
			cfg.preread[docs[i].Main.Name] = d
		}
	}
	partOf := map[int][]int{} // main → its parts, by index into docs
	isPart := map[int]bool{}
	for _, is := range byDir {
		if len(is) < 2 {
			continue
		}
		group := make([]*model.Document, len(is))
		for k, i := range is {
			group[k] = read[i]
		}
		for _, g := range PairByAttachments(group) {
			for _, p := range g.Parts {
				partOf[is[g.Main]] = append(partOf[is[g.Main]], is[p])
				isPart[is[p]] = true
			}
		}
	}
	var out []Doc
	for i, d := range docs {
		if isPart[i] {
			continue
		}
		for _, p := range partOf[i] {
			d.Parts = append(d.Parts, docs[p].Main)
		}
		if len(partOf[i]) > 0 && paired != nil {
			paired(d)
		}
		out = append(out, d)
	}
	return out
}
