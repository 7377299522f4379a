package ingest

import (
	"errors"
	"fmt"
)

// Kind classifies why an input could not be read, so the CLI and the web page
// can tell the clerk what is wrong in words, in Chinese or English.
type Kind int

const (
	KindUnknown     Kind = iota
	KindEmpty            // the file has no bytes, or only white space
	KindBinary           // not text and not a format we read
	KindEncoding         // text in an encoding we cannot decode
	KindTooLarge         // over a size limit (file, line, zip member, object count)
	KindNoForm           // readable, but holds no 考评表
	KindTruncated        // the file or the table ends in the middle
	KindEncrypted        // an encrypted PDF we cannot open
	KindScanned          // a PDF whose pages are images with no text layer
	KindCorrupt          // a damaged file of a known format
	KindUnsupported      // a known format we do not read here (.doc without soffice …)
	KindNoOCR            // a scan or an image, and OCR is not installed
	KindNotRegular       // a device, pipe, socket or directory, not a regular file
	KindCrashed          // the isolated reader process died (a fatal error or a limit)
)

// Error is a failure to read one input. Message gives the sentence for a
// person; Err keeps the cause for %w chains.
type Error struct {
	File   string
	Kind   Kind
	Detail string // extra facts for the message (a line number, a size), in Chinese
	// DetailEn is Detail in English; when empty, Detail is used for both.
	DetailEn string
	Err      error
}

func (e *Error) Error() string { return e.Message("zh") }

func (e *Error) Unwrap() error { return e.Err }

// Message renders the error for a person in lang ("zh" or "en").
func (e *Error) Message(lang string) string {
	zh, en := kindText(e.Kind)
	msg := zh
	if lang == "en" {
		msg = en
	}
	sep := "："
	if lang == "en" {
		sep = ": "
	}
	s := e.File + sep + msg
	if e.Detail != "" {
		if lang == "en" {
			d := e.DetailEn
			if d == "" {
				d = e.Detail
			}
			s += " (" + d + ")"
		} else {
			s += "（" + e.Detail + "）"
		}
	}
	if e.Err != nil && e.Kind == KindUnknown {
		s += sep + e.Err.Error()
	}
	return s
}

func kindText(k Kind) (zh, en string) {
	switch k {
	case KindEmpty:
		return "文件为空", "the file is empty"
	case KindBinary:
		return "不是文本文件，也不是可识别的文档格式", "not a text file nor a document format kaoping reads"
	case KindEncoding:
		return "文本编码无法识别（支持 UTF-8、UTF-16、GBK/GB18030）", "the text encoding is not recognised (UTF-8, UTF-16 and GBK/GB18030 are read)"
	case KindTooLarge:
		return "文件或其中一部分超出大小限制", "the file or a part of it is over the size limit"
	case KindNoForm:
		return "未找到绩效目标考评表（没有表头为“序号、二级指标、权重……”的表格）", "no 考评表 found (no table with a header such as 序号, 二级指标, 权重)"
	case KindTruncated:
		return "文件不完整，在中途被截断", "the file is truncated"
	case KindEncrypted:
		return "文件已加密（设有打开密码），无法读取", "the file is encrypted (it has an open password) and cannot be read"
	case KindScanned:
		return "PDF 是扫描图像，没有文字层，请先做文字识别（OCR）", "the PDF is a scanned image without a text layer; run OCR first"
	case KindCorrupt:
		return "文件已损坏，无法读取", "the file is damaged and cannot be read"
	case KindUnsupported:
		return "不支持此文件格式", "this file format is not supported"
	case KindNoOCR:
		return "文件是扫描图像或图片，没有文字层，需要文字识别（OCR），但本机未安装 OCR 组件",
			"the file is a scan or an image without a text layer and needs OCR, which is not installed"
	case KindNotRegular:
		return "不是普通文件，不予读取", "not a regular file; it is not read"
	case KindCrashed:
		return "文件无法读取（解析程序异常退出）", "the file cannot be read (the reader process stopped abnormally)"
	}
	return "无法读取", "cannot be read"
}

// Errorf builds an *Error of kind k for file, wrapping cause when not nil.
func Errorf(file string, k Kind, cause error, detail string, args ...any) *Error {
	d := detail
	if len(args) > 0 {
		d = fmt.Sprintf(detail, args...)
	}
	return &Error{File: file, Kind: k, Detail: d, Err: cause}
}

// KindOf returns the Kind of err if it is (or wraps) an *Error, else KindUnknown.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnknown
}
