#!/usr/bin/env bash
# Debian's poppler-utils (pdftoppm) renders document previews for docs/documents/ (`make previews`).
set -u
if command -v pdftoppm >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "нет pdftoppm, а прав root нет: поставьте poppler-utils (apt-get install poppler-utils)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
