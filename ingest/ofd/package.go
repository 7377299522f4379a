// Package ofd reads OFD (GB/T 33190-2016), China's fixed-layout format for
// official documents, into the page model shared with the PDF reader
// (ingest/page): glyphs with boxes and ruling segments in points, origin top
// left. Lines of text and ruled tables are then rebuilt by the same code as
// for PDF, so an OFD 文件 goes through the same notice parser and form builder.
//
// The container is a zip: OFD.xml names the document root (DocBody/DocRoot),
// Document.xml lists the pages and template pages, and each page's
// Content.xml holds layers of TextObject and PathObject in millimetres.
// Signatures (Signs/) and annotations (Annots/) are reported as present but
// not parsed: a seal is not text, and verifying it is not kaoping's job.
package ofd
