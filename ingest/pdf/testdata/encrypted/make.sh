#!/usr/bin/env bash
# Makes the small encrypted PDFs of TestDecryptCommitted and of the fuzz
# seeds: plain.pdf, a one-page file with a content stream, a font with a
# ToUnicode stream, and strings in the page and in /Info (so both stream
# and string decryption matter), encrypted by qpdf every standard way. qpdf
# writes the cross-reference table of plain.pdf from the objects below.
set -euo pipefail
cd "$(dirname "$0")"
src=$(mktemp)
trap 'rm -f "$src"' EXIT
cat >"$src" <<'PDF'
%PDF-1.7
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 200] >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>
  /Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (note \(1\)) >>] >> endobj
4 0 obj << /Length 93 >>
stream
BT /F1 12 Tf 20 150 Td (AB 2023) Tj 0 -20 Td [(A) -250 (B)] TJ ET 20 100 m 280 100 l 0.5 w S
endstream
endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >> endobj
6 0 obj << /Length 221 >>
stream
/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <41> <8003> <42> <8BC4> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end
endstream
endobj
7 0 obj << /Title (kaoping \(encrypted\) test) /Producer <FEFF80038BC4> >> endobj
trailer << /Size 8 /Root 1 0 R /Info 7 0 R >>
%%EOF
PDF
qpdf --compress-streams=y --deterministic-id "$src" plain.pdf || [ $? -eq 3 ] # 3: repaired, with warnings
enc() { out=$1; shift; qpdf --deterministic-id "$@" plain.pdf "$out" 2>/dev/null || qpdf "$@" plain.pdf "$out"; }
enc rc4-40.pdf --allow-weak-crypto --encrypt "" owner 40 --
enc rc4-128.pdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n --
enc aes-128-meta.pdf --encrypt "" owner 128 --use-aes=y --cleartext-metadata --
enc aes-256.pdf --encrypt "" owner 256 --
enc aes-256-objstm.pdf --object-streams=generate --encrypt "" owner 256 --
enc aes-256-user.pdf --encrypt user owner 256 --
