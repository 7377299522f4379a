package pdf_test

import (
	"bytes"
	"context"
	"fmt"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/render/pdf"
)

// The printable PDF is the form on A4 with the findings listed on a last
// page; Clean prints the form alone. Two renders of one document are the
// same bytes: the creation date comes from the source, not the clock.
func ExampleWrite() {
	for _, clean := range []bool{false, true} {
		var a, b bytes.Buffer
		opt := pdf.Options{Clean: clean}
		if err := pdf.Write(context.Background(), &a, sample.Tiny(), opt); err != nil {
			fmt.Println(err)
			return
		}
		if err := pdf.Write(context.Background(), &b, sample.Tiny(), opt); err != nil {
			fmt.Println(err)
			return
		}
		r, err := lpdf.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("clean=%v: %d pages, same bytes: %v\n", clean, r.NumPage(), bytes.Equal(a.Bytes(), b.Bytes()))
	}
	// Output:
	// clean=false: 2 pages, same bytes: true
	// clean=true: 1 pages, same bytes: true
}
