package zipsafe

import (
	"errors"
	"fmt"
)

// Kind classifies a failure of the zip-based readers (docx, ofd, office). It
// mirrors the kinds of ingest.Error, which ingest.Read maps it to: the readers
// cannot return *ingest.Error themselves because package ingest imports them.
type Kind int

const (
	KindNone        Kind = iota
	KindCorrupt          // damaged container, member or XML
	KindTooLarge         // over a size, count or depth limit
	KindTruncated        // the container ends in the middle
	KindUnsupported      // a format we read only with a tool that is missing
	KindEncrypted        // password protected
	KindScanned          // pages of images only, no text to read
)

// Error is a reader failure: Detail says what, in Chinese, DetailEn in English.
type Error struct {
	Kind     Kind
	Detail   string
	DetailEn string
	Err      error
}

func (e *Error) Error() string {
	s := e.Detail
	if e.DetailEn != "" {
		s += " / " + e.DetailEn
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Fail builds an *Error.
func Fail(k Kind, cause error, zh, en string) *Error {
	return &Error{Kind: k, Detail: zh, DetailEn: en, Err: cause}
}

// Failf is Fail with the same arguments formatted into both sentences.
func Failf(k Kind, cause error, zh, en string, args ...any) *Error {
	return Fail(k, cause, fmt.Sprintf(zh, args...), fmt.Sprintf(en, args...))
}

// KindOf returns the Kind of err if it is (or wraps) an *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindNone
}
