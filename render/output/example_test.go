package output_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/output"
)

func sample() *model.Document {
	b, err := os.ReadFile("../../fixtures/sample/sample.json")
	if err != nil {
		panic(err)
	}
	var doc model.Document
	if err := json.Unmarshal(b, &doc); err != nil {
		panic(err)
	}
	return &doc
}

// Each renderer is one entry of the table, looked up by the name the CLI's
// --to and the page's ?to= use.
func Example() {
	for _, name := range []string{"json", "xlsx", "pdf"} {
		f, _ := output.Lookup(name)
		var b bytes.Buffer
		if err := f.Write(context.Background(), &b, sample(), output.Options{Clean: true}); err != nil {
			fmt.Println(err)
			return
		}
		switch name {
		case "json":
			var back model.Document
			err := json.Unmarshal(b.Bytes(), &back)
			fmt.Println(f.Name, f.MIME, back.Schema, len(back.Forms), err)
		case "xlsx":
			x, err := excelize.OpenReader(&b)
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Println(f.Name, f.File, x.GetSheetList())
			x.Close()
		case "pdf":
			fmt.Println(f.Name, f.File, bytes.HasPrefix(b.Bytes(), []byte("%PDF-")), bytes.HasSuffix(bytes.TrimSpace(b.Bytes()), []byte("%%EOF")))
		}
	}
	// Output:
	// json application/json; charset=utf-8 kaoping/v1 1 <nil>
	// xlsx true [考评表]
	// pdf true true true
}

// Without Clean, the Excel carries the findings on a second sheet.
func ExampleFormat_Write() {
	f, _ := output.Lookup("xlsx")
	var b bytes.Buffer
	if err := f.Write(context.Background(), &b, sample(), output.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer x.Close()
	fmt.Println(x.GetSheetList())
	// Output:
	// [考评表 审核意见]
}
