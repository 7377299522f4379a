// Package readerr is the one vocabulary in which every reader (text, PDF,
// XLSX, DOCX, OFD, the LibreOffice conversion, the form builder) says why an
// input could not be read, with the sentence for the clerk in Chinese and in
// English. It imports nothing of kaoping, so every reader returns an *Error
// directly; before it, five vocabularies (pdf.Kind, zipsafe.Kind, xlsx.Err*,
// text.Is*, form.Is*) were mapped by five mappers into ingest's, kept apart
// only because ingest imports the readers.
package readerr

import (
	"context"
	"errors"
	"fmt"
)

// Kind classifies why an input could not be read.
type Kind int

const (
	Unknown     Kind = iota
	Empty            // the file has no bytes, or only white space
	Binary           // not text and not a format we read
	Encoding         // text in an encoding we cannot decode
	TooLarge         // over a size limit (file, line, zip member, object count)
	NoForm           // readable, but holds no 考评表
	Truncated        // the file or the table ends in the middle
	Encrypted        // password protected
	Scanned          // pages of images with no text layer
	Corrupt          // a damaged file of a known format
	Unsupported      // a known format we do not read here (.doc without soffice …)
	NotRegular       // a device, pipe, socket or directory, not a regular file
	Crashed          // the isolated reader process died (a fatal error or a limit)
	NoOCR            // a scan or an image, and OCR is not installed
)

// text is each kind's sentence, zh and en.
var text = map[Kind][2]string{
	Unknown:     {"无法读取", "cannot be read"},
	Empty:       {"文件为空", "the file is empty"},
	Binary:      {"不是文本文件，也不是可识别的文档格式", "not a text file nor a document format kaoping reads"},
	Encoding:    {"文本编码无法识别（支持 UTF-8、UTF-16、GBK/GB18030）", "the text encoding is not recognised (UTF-8, UTF-16 and GBK/GB18030 are read)"},
	TooLarge:    {"文件或其中一部分超出大小限制", "the file or a part of it is over the size limit"},
	NoForm:      {"未找到绩效目标考评表（没有表头为“序号、二级指标、权重……”的表格）", "no 考评表 found (no table with a header such as 序号, 二级指标, 权重)"},
	Truncated:   {"文件不完整，在中途被截断", "the file is truncated"},
	Encrypted:   {"文件已加密（设有打开密码），无法读取", "the file is encrypted (it has an open password) and cannot be read"},
	Scanned:     {"PDF 是扫描图像，没有文字层，请先做文字识别（OCR）", "the PDF is a scanned image without a text layer; run OCR first"},
	Corrupt:     {"文件已损坏，无法读取", "the file is damaged and cannot be read"},
	Unsupported: {"不支持此文件格式", "this file format is not supported"},
	NotRegular:  {"不是普通文件，不予读取", "not a regular file; it is not read"},
	Crashed:     {"文件无法读取（解析程序异常退出）", "the file cannot be read (the reader process stopped abnormally)"},
	NoOCR:       {"文件是扫描图像或图片，没有文字层，需要文字识别（OCR），但本机未安装 OCR 组件", "the file is a scan or an image without a text layer and needs OCR, which is not installed"},
}

// Error is a failure to read one input. Message gives the sentence for a
// person; Err keeps the cause for %w chains.
type Error struct {
	File string // set by whoever knows the name the clerk gave (ingest.Read, the CLI)
	Kind Kind
	Page int // 1-based page the failure is tied to, 0 when none
	// Detail adds facts to the message (a line number, a sheet, a size), in
	// Chinese; DetailEn is the same in English, and Detail serves both when
	// it is empty.
	Detail, DetailEn string
	Err              error
}

// New builds an *Error of kind k with the detail sentences zh and en,
// wrapping cause when not nil.
func New(k Kind, cause error, zh, en string) *Error {
	return &Error{Kind: k, Detail: zh, DetailEn: en, Err: cause}
}

// Newf is New with the same arguments formatted into both sentences.
func Newf(k Kind, cause error, zh, en string, args ...any) *Error {
	return New(k, cause, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

func (e *Error) Error() string { return e.Message("zh") }

func (e *Error) Unwrap() error { return e.Err }

// Message renders the error for a person in lang ("zh" or "en"): the file,
// what is wrong with it, and the detail.
func (e *Error) Message(lang string) string {
	en := lang == "en"
	msg, ok := text[e.Kind]
	if !ok {
		msg = text[Unknown]
	}
	sep, s := "：", msg[0]
	if en {
		sep, s = ": ", msg[1]
	}
	if e.File != "" {
		s = e.File + sep + s
	}
	switch d := e.Detail; {
	case d == "":
	case en && e.DetailEn != "":
		s += " (" + e.DetailEn + ")"
	case en:
		s += " (" + d + ")"
	default:
		s += "（" + d + "）"
	}
	if e.Err != nil && e.Kind == Unknown {
		s += sep + e.Err.Error()
	}
	return s
}

// KindOf returns the Kind of err if it is (or wraps) an *Error, else Unknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unknown
}

// In names file in err: an *Error is copied with File set (the name the
// clerk gave replaces the reader's); the context's errors pass unchanged;
// any other error becomes an Unknown *Error wrapping it. nil stays nil.
func In(file string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var e *Error
	if !errors.As(err, &e) {
		return &Error{File: file, Err: err}
	}
	c := *e
	c.File = file
	return &c
}
