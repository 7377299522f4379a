package ingest_test

import (
	"context"
	"fmt"
	"os"

	"github.com/kaoping/kaoping/ingest"
)

// Read takes the bytes of a 文件 in any format it knows (here the seed's
// text dump) and gives the notice, the forms and every repair it made.
func ExampleRead() {
	data, err := os.ReadFile("../fixtures/quanxin-2023-9-notice.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := ingest.Read(context.Background(), "quanxin-2023-9-notice.txt", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	f := doc.Forms[0]
	fmt.Println(doc.Source.Format, doc.Notice.DocNumber.Text, doc.Notice.Date)
	fmt.Println(f.Title)
	fmt.Println(f.Categories[0].Name, f.Categories[0].Indicators[0].Items[0].ID, f.Categories[0].Indicators[0].Items[0].Due)
	// Output:
	// txt 泉芯管〔2023〕9号 2023-09-26
	// 泉州半导体高新区管委会2023年度绩效目标考评表
	// 重点工作目标 1-1-1 2023-12-31
}

// A file kaoping cannot read is a *readerr.Error naming the file, in
// Chinese or English.
func ExampleRead_unreadable() {
	_, err := ingest.Read(context.Background(), "empty.txt", []byte("  \n"))
	fmt.Println(err)
	// Output:
	// empty.txt：文件为空
}
