package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/jsonout"
	"github.com/kaoping/kaoping/render/output"
)

// apiError is the body of every failed API call: a code for programs and the
// sentence for a person in both languages, so the page can switch language
// without asking again.
type apiError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEn string `json:"messageEn"`
}

func fail(w http.ResponseWriter, status int, code, zh, en string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]apiError{"error": {Code: code, Message: zh, MessageEn: en}})
}

// failErr answers with the status and words that fit err: an unreadable
// input says what the CLI says (ingest.Error.Message), an oversize body the
// limit, a timeout that the work took too long.
func (s *server) failErr(w http.ResponseWriter, err error) {
	var ie *readerr.Error
	var me *http.MaxBytesError
	var ee *editError
	switch {
	case errors.As(err, &me):
		mb := s.cfg.MaxUpload >> 20
		fail(w, http.StatusRequestEntityTooLarge, "too-large",
			fmt.Sprintf("文件太大：上传上限为 %d MB", mb), fmt.Sprintf("the file is too large: the upload limit is %d MB", mb))
	case errors.As(err, &ie):
		fail(w, http.StatusUnprocessableEntity, "unreadable", ie.Message("zh"), ie.Message("en"))
	case errors.As(err, &ee):
		fail(w, http.StatusBadRequest, "bad-edit", ee.Zh, ee.En)
	case errors.Is(err, errBusy):
		fail(w, http.StatusServiceUnavailable, "busy", "服务器正忙，请稍后再试", "the server is busy; try again shortly")
	case errors.Is(err, context.DeadlineExceeded):
		fail(w, http.StatusGatewayTimeout, "timeout", "处理超时，请稍后再试或换一个较小的文件", "the work took too long; try again or with a smaller file")
	case errors.Is(err, context.Canceled):
		// the client went away; nobody reads the answer
	default:
		fail(w, http.StatusInternalServerError, "internal", "处理失败："+err.Error(), "failed: "+err.Error())
	}
}

func (s *server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	fail(w, http.StatusNotFound, "not-found", "没有这个接口："+r.Method+" "+r.URL.Path, "no such endpoint: "+r.Method+" "+r.URL.Path)
}

// mediaType reports whether r's Content-Type is want, and answers 415 if not.
func mediaType(w http.ResponseWriter, r *http.Request, want string) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err == nil && mt == want {
		return true
	}
	fail(w, http.StatusUnsupportedMediaType, "unsupported-media-type",
		"请求的内容类型应为 "+want, "the request's Content-Type must be "+want)
	return false
}

// handleConvert: POST /api/convert, multipart/form-data with one part named
// "file" → the kaoping/v2 document, as `kaoping convert` prints it. ?fix=1
// applies the certain fixes, as --fix does.
func (s *server) handleConvert(w http.ResponseWriter, r *http.Request) {
	if !mediaType(w, r, "multipart/form-data") {
		return
	}
	if !s.admit(r.ContentLength) {
		w.Header().Set("Connection", "close") // the body is not read
		s.failErr(w, errBusy)
		return
	}
	defer s.unadmit(r.ContentLength)
	name, data, err := readUpload(r)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			s.failErr(w, err)
			return
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.failErr(w, context.DeadlineExceeded)
			return
		}
		if errors.Is(err, errNoFile) {
			fail(w, http.StatusBadRequest, "bad-request", "上传内容中没有名为 file 的文件", "the upload has no part named \"file\"")
			return
		}
		fail(w, http.StatusBadRequest, "bad-request", "上传内容无法读取："+err.Error(), "cannot read the upload: "+err.Error())
		return
	}
	job := r.Header.Get(JobHeader)
	if !validJob(job) {
		job = ""
	} else {
		s.board.start(job)
		defer s.board.end(job)
	}
	ctx := s.withPageProgress(r.Context(), w, job)
	var doc *model.Document
	err = s.job(ctx, func() (err error) {
		doc, err = convertWith(ctx, s.cfg.Read, name, data, r.URL.Query().Get("fix") == "1")
		return err
	})
	if err != nil {
		s.failErr(w, err)
		return
	}
	writeDoc(w, doc)
}

// errNoFile: the multipart body has no part named "file".
var errNoFile = errors.New(`no part named "file"`)

// readUpload reads the part named "file" into memory. The multipart reader is
// used directly because ParseMultipartForm spills large parts to temp files;
// here nothing touches the disk, and the body is already capped.
func readUpload(r *http.Request) (string, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, err
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return "", nil, errNoFile
		}
		if err != nil {
			return "", nil, err
		}
		if p.FormName() != "file" {
			_ = p.Close()
			continue
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return "", nil, err
		}
		return uploadName(p.FileName()), data, nil
	}
}

// uploadName keeps the last element of a client's file name, for messages and
// Source.File only: it never names a file on this machine.
func uploadName(n string) string {
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	if n == "" {
		n = "upload"
	}
	return n
}

// decodeJSON reads a JSON body into v.
func (s *server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if !mediaType(w, r, "application/json") {
		return false
	}
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			s.failErr(w, err)
			return false
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.failErr(w, context.DeadlineExceeded) // the body did not arrive within the timeout
			return false
		}
		fail(w, http.StatusBadRequest, "bad-json", "JSON 无法解析："+err.Error(), "cannot parse the JSON: "+err.Error())
		return false
	}
	return true
}

// checkDoc answers 400 unless doc is a kaoping document.
func checkDoc(w http.ResponseWriter, doc *model.Document) bool {
	if doc == nil || doc.Schema != model.Schema {
		fail(w, http.StatusBadRequest, "bad-document", "不是 kaoping 文档（schema 字段应为 "+model.Schema+"）",
			"not a kaoping document (the schema field must be "+model.Schema+")")
		return false
	}
	return true
}

// auditResult is the shape `kaoping audit --format json` prints for one file.
type auditResult struct {
	File     string          `json:"file"`
	Findings []model.Finding `json:"findings"`
}

// handleAudit: POST /api/audit, a kaoping document → its findings (those
// ingest recorded and the audit's, run afresh), as `kaoping audit --format json`.
func (s *server) handleAudit(w http.ResponseWriter, r *http.Request) {
	var doc model.Document
	if !s.decodeJSON(w, r, &doc) || !checkDoc(w, &doc) {
		return
	}
	var res auditResult
	if err := s.job(r.Context(), func() error {
		fs, err := auditDoc(r.Context(), &doc)
		res = auditResult{File: doc.Source.File, Findings: fs}
		return err
	}); err != nil {
		s.failErr(w, err)
		return
	}
	writeJSON(w, res)
}

// handleRender: POST /api/render?to=xlsx|pdf|json[&clean=1], a kaoping
// document → the file, with the document's findings marked unless clean.
func (s *server) handleRender(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	f, ok := output.Lookup(to)
	if !ok {
		fail(w, http.StatusBadRequest, "bad-format", "to 应为 xlsx、pdf 或 json", "to must be xlsx, pdf or json")
		return
	}
	var doc model.Document
	if !s.decodeJSON(w, r, &doc) || !checkDoc(w, &doc) {
		return
	}
	// Rendered to memory first, so a failure is an error answer, never half a file.
	var buf bytes.Buffer
	if err := s.job(r.Context(), func() error {
		return render(r.Context(), &buf, f, &doc, r.URL.Query().Get("clean") == "1")
	}); err != nil {
		s.failErr(w, err)
		return
	}
	name := fileName(&doc, f)
	w.Header().Set("Content-Type", f.MIME)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName(name, f.Ext), url.PathEscape(name)))
	_, _ = w.Write(buf.Bytes())
}

// asciiName is the filename= fallback for clients without filename*.
func asciiName(name, ext string) string {
	ok := true
	for _, r := range name {
		if r >= 0x80 || r == '"' || r == '\\' {
			ok = false
		}
	}
	if ok {
		return name
	}
	return "kaoping" + ext
}

// handleView: POST /api/view, {document, edits, fix} → the edited document,
// its findings and each form's grid: what the page draws after every change.
func (s *server) handleView(w http.ResponseWriter, r *http.Request) {
	var req viewRequest
	if !s.decodeJSON(w, r, &req) || !checkDoc(w, req.Document) {
		return
	}
	var v *docView
	if err := s.job(r.Context(), func() (err error) {
		v, err = buildView(r.Context(), req)
		return err
	}); err != nil {
		s.failErr(w, err)
		return
	}
	writeJSON(w, v)
}

// joinView is the answer of /api/join: the view of the joined document,
// as /api/view gives it, and the order the documents were joined in (the
// 正文 first), for the page to name the pairing. The view is embedded by
// value: encoding/json fills the fields of an embedded unexported struct,
// but not through an embedded pointer to one.
type joinView struct {
	docView
	Order []int `json:"order"`
}

// handleJoin: POST /api/join, {documents: [正文, 附件…]} → the one document
// `kaoping convert --as-one` makes of the same files, laid out as /api/view
// lays it out, and the order joined.
func (s *server) handleJoin(w http.ResponseWriter, r *http.Request) {
	var req joinRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	if len(req.Documents) < 2 {
		fail(w, http.StatusBadRequest, "bad-join", "合并需要至少两个文档（正文及其附件）", "a join needs at least two documents (the 正文 and its 附件)")
		return
	}
	for _, d := range req.Documents {
		if !checkDoc(w, d) {
			return
		}
	}
	var res joinView
	if err := s.job(r.Context(), func() (err error) {
		var v *docView
		if v, res.Order, err = join(r.Context(), req.Documents); v != nil {
			res.docView = *v
		}
		return err
	}); err != nil {
		s.failErr(w, err)
		return
	}
	writeJSON(w, res)
}

// pairView is the answer of /api/pair: the documents grouped as convert
// and batch group files given together (batch.PairByAttachments), every
// document in one group, a 正文 with the 附件 its 附件说明 names.
type pairView struct {
	Groups []batch.Group `json:"groups"`
}

// handlePair: POST /api/pair, {documents: [...]} → which of them are one
// 文件, for the page to join what was dropped together.
func (s *server) handlePair(w http.ResponseWriter, r *http.Request) {
	var req joinRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	for _, d := range req.Documents {
		if !checkDoc(w, d) {
			return
		}
	}
	writeJSON(w, pairView{Groups: batch.PairByAttachments(req.Documents)})
}

func writeDoc(w http.ResponseWriter, doc *model.Document) {
	var buf bytes.Buffer
	if err := jsonout.Write(&buf, doc); err != nil {
		fail(w, http.StatusInternalServerError, "internal", err.Error(), err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fail(w, http.StatusInternalServerError, "internal", err.Error(), err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}
