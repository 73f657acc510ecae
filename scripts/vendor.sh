#!/usr/bin/env bash
# `make vendor`: fetch the pinned npm packages with `npm pack` and copy their files and licences, unmodified, into
# app/static/vendor/ (see its README.md). To update a package, change its version here and in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=app/static/vendor

# package@version  folder  files inside the package (first one is the script)
PACKAGES=(
  "htmx.org@2.0.11|htmx|dist/htmx.min.js LICENSE"
  "sortablejs@1.15.7|sortable|Sortable.min.js LICENSE"
  "axe-core@4.14.1|axe-core|axe.min.js LICENSE LICENSE-3RD-PARTY.txt"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r spec folder files <<<"$entry"
  grep -qF "$spec" "$dest/README.md" || { echo "$dest/README.md does not name $spec: update it too" >&2; exit 1; }
  tarball=$(cd "$work" && npm pack --silent "$spec" | tail -n 1)
  mkdir -p "$work/${spec%@*}" "$dest/$folder"
  tar -xzf "$work/$tarball" -C "$work/${spec%@*}"
  for file in $files; do
    cp "$work/${spec%@*}/package/$file" "$dest/$folder/$(basename "$file")"
  done
  echo "$spec -> $dest/$folder: $files"
done
