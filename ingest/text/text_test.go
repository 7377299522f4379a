package text

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/readerr"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		enc  string
		text string
		err  readerr.Kind
	}{
		{"utf-8", []byte("项目\t序号\n"), "utf-8", "项目\t序号\n", 0},
		{"utf-8 bom", []byte("\xEF\xBB\xBF项目"), "utf-8-bom", "项目", 0},
		{"gbk", []byte{0xCF, 0xEE, 0xC4, 0xBF}, "gb18030", "项目", 0},
		{"utf-16le bom", []byte{0xFF, 0xFE, 0x79, 0x98, 0xEE, 0x76}, "utf-16le", "项目", 0},
		{"utf-16be bom", []byte{0xFE, 0xFF, 0x98, 0x79, 0x76, 0xEE}, "utf-16be", "项目", 0},
		{"utf-16le no bom", []byte("1\x00-\x001\x00\t\x00x\x00\n\x00"), "utf-16le", "1-1\tx\n", 0},
		{"empty", nil, "", "", readerr.Empty},
		{"spaces", []byte(" \r\n "), "", "", readerr.Empty},
		{"nul bytes", []byte("ab\x00cd\x00ef\x00\x01\x02"), "", "", readerr.Binary},
		{"controls", []byte(strings.Repeat("\x01\x02\x03a", 50)), "", "", readerr.Binary},
		{"bad gbk", []byte{0xFF, 0xFF, 0x80}, "", "", readerr.Encoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.in)
			if tt.err != readerr.Unknown {
				if readerr.KindOf(err) != tt.err {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.enc || d.Text != tt.text {
				t.Errorf("got %q %q, want %q %q", d.Encoding, d.Text, tt.enc, tt.text)
			}
		})
	}
}

func TestFlow(t *testing.T) {
	fl, err := Flow("标题\r\n\r\n项目\t序号\n\f\t1-1\t任务\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(fl.Blocks) != 3 || fl.Pages != 2 {
		t.Fatalf("blocks %d pages %d", len(fl.Blocks), fl.Pages)
	}
	if fl.Blocks[0].Text != "标题" || fl.Blocks[0].IsRow() || *fl.Blocks[0].Ref.Line != 1 {
		t.Errorf("block 0 = %+v", fl.Blocks[0])
	}
	row := fl.Blocks[2]
	if !row.IsRow() || len(row.Cells) != 3 || row.Cells[1].Text != "1-1" || row.Cells[1].Col != 1 || *row.Ref.Page != 2 || *row.Ref.Line != 4 {
		t.Errorf("block 2 = %+v", row)
	}
	if _, err := Flow(strings.Repeat("x", maxLine+1)); err == nil {
		t.Error("no error for a line over MaxLine")
	}
}
