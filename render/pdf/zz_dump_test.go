package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/xlsx"
)

// parse a "go test fuzz v1" file of string/float64/int values
func zzParseCorpus(b []byte) ([]any, bool) {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		return nil, false
	}
	var out []any
	for _, l := range lines[1:] {
		i := strings.IndexByte(l, '(')
		typ, v := l[:i], l[i+1:len(l)-1]
		switch typ {
		case "string":
			s, err := strconv.Unquote(v)
			if err != nil {
				return nil, false
			}
			out = append(out, s)
		case "float64":
			var f float64
			switch v {
			case "NaN":
				f = math.NaN()
			case "+Inf":
				f = math.Inf(1)
			case "-Inf":
				f = math.Inf(-1)
			default:
				var err error
				if f, err = strconv.ParseFloat(v, 64); err != nil {
					if strings.HasPrefix(v, "math.Float64frombits(") {
						u, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(v, "math.Float64frombits("), ")"), 0, 64)
						f = math.Float64frombits(u)
					} else {
						return nil, false
					}
				}
			}
			out = append(out, f)
		case "int":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, false
			}
			out = append(out, n)
		case "[]byte":
			s, err := strconv.Unquote(v)
			if err != nil {
				return nil, false
			}
			out = append(out, []byte(s))
		default:
			return nil, false
		}
	}
	return out, true
}

func TestZZDump(t *testing.T) {
	dir := os.Getenv("ZZDUMP")
	if dir == "" {
		t.Skip()
	}
	docs := map[string]*model.Document{"sample": sample(t), "tiny": sampledoc.Tiny()}
	for _, c := range subsetCases(t) {
		docs["case-"+c.name] = c.doc
	}
	for i, s := range scratchSeeds() {
		docs[fmt.Sprintf("seed%d", i)], _ = fuzzDoc(s.title, s.text, s.deadline, s.unit, s.weight, s.findings)
	}
	var corpora []string
	for _, d := range []string{"testdata/fuzz/FuzzRender", "testdata/fuzz/FuzzLayout", os.Getenv("ZZCACHE") + "/FuzzRender", os.Getenv("ZZCACHE") + "/FuzzLayout", os.Getenv("ZZEXTRA")} {
		m, _ := filepath.Glob(d + "/*")
		corpora = append(corpora, m...)
	}
	for _, f := range corpora {
		b, _ := os.ReadFile(f)
		v, ok := zzParseCorpus(b)
		if !ok || len(v) != 6 {
			continue
		}
		docs["corpus-"+filepath.Base(f)], _ = fuzzDoc(v[0].(string), v[1].(string), v[2].(string), v[3].(string), v[4].(float64), v[5].(int))
	}
	js, _ := filepath.Glob("../../fixtures/*.golden.json")
	more, _ := filepath.Glob(os.Getenv("ZZDOCS") + "/*.json")
	js = append(js, more...)
	for _, f := range js {
		b, _ := os.ReadFile(f)
		var d model.Document
		if json.Unmarshal(b, &d) == nil && len(d.Forms) > 0 {
			docs["fixture-"+filepath.Base(f)] = &d
		}
	}
	t.Logf("%d documents", len(docs))
	for name, doc := range docs {
		for oname, opt := range map[string]Options{"plain": {}, "clean": {Clean: true}, "font": {Font: defaultFont}} {
			var buf bytes.Buffer
			err := Write(context.Background(), &buf, doc, opt)
			if err != nil {
				buf.WriteString("ERR " + err.Error())
			}
			os.WriteFile(filepath.Join(dir, name+"."+oname+".pdf"), buf.Bytes(), 0o644)
		}
		var buf bytes.Buffer
		if err := xlsx.Write(context.Background(), &buf, doc, xlsx.Options{}); err != nil {
			buf.WriteString("ERR " + err.Error())
		}
		os.WriteFile(filepath.Join(dir, name+".xlsx"), buf.Bytes(), 0o644)
	}
}
