package readerr

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestMessage(t *testing.T) {
	t.Parallel()
	cause := errors.New("xref broken")
	for _, c := range []struct {
		e      *Error
		zh, en string
	}{
		{&Error{File: "a.pdf", Kind: Empty}, "a.pdf：文件为空", "a.pdf: the file is empty"},
		{&Error{Kind: Encrypted}, "文件已加密（设有打开密码），无法读取", "the file is encrypted (it has an open password) and cannot be read"},
		{&Error{File: "b.txt", Kind: TooLarge, Detail: "第 3 行超过 1024 KB", DetailEn: "line 3 is over 1024 KB"},
			"b.txt：文件或其中一部分超出大小限制（第 3 行超过 1024 KB）", "b.txt: the file or a part of it is over the size limit (line 3 is over 1024 KB)"},
		{&Error{File: "c.xlsx", Kind: Corrupt, Detail: "512 MB"}, "c.xlsx：文件已损坏，无法读取（512 MB）", "c.xlsx: the file is damaged and cannot be read (512 MB)"},
		{&Error{File: "d", Err: cause}, "d：无法读取：xref broken", "d: cannot be read: xref broken"},
		{&Error{File: "e", Kind: Corrupt, Err: cause}, "e：文件已损坏，无法读取", "e: the file is damaged and cannot be read"},
	} {
		if got := c.e.Message("zh"); got != c.zh {
			t.Errorf("zh %q, want %q", got, c.zh)
		}
		if got := c.e.Message("en"); got != c.en {
			t.Errorf("en %q, want %q", got, c.en)
		}
		if c.e.Error() != c.e.Message("zh") {
			t.Errorf("Error() %q is not the zh message", c.e.Error())
		}
	}
}

func TestIn(t *testing.T) {
	t.Parallel()
	inner := Newf(Truncated, nil, "序号 %s", "row %s", "2-1")
	wrapped := fmt.Errorf("build: %w", inner)
	got := In("表.pdf", wrapped)
	if KindOf(got) != Truncated || got.Error() != "表.pdf：文件不完整，在中途被截断（序号 2-1）" {
		t.Errorf("In = %v", got)
	}
	if inner.File != "" {
		t.Errorf("In changed the reader's error: %q", inner.File)
	}
	if In("x", nil) != nil {
		t.Error("In(nil) is not nil")
	}
	if err := In("x", context.Canceled); err != context.Canceled {
		t.Errorf("context error became %v", err)
	}
	other := errors.New("boom")
	if err := In("x", other); KindOf(err) != Unknown || !errors.Is(err, other) || err.Error() != "x：无法读取：boom" {
		t.Errorf("plain error became %v", err)
	}
}
