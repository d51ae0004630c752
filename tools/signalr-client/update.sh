#!/usr/bin/env bash
# Refreshes the vendored SignalR browser client in the Gateway's wwwroot.
# The game is served without a build step or CDN, so the minified bundle is
# committed under wwwroot/lib/signalr/. Run this after changing the pinned
# version in package.json, then commit package-lock.json and the copied files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="$repo/src/TypingRace.Gateway/wwwroot/lib/signalr"

cd "$here"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --ignore-scripts
else
  npm install --no-audit --no-fund --ignore-scripts
fi

pkg="$here/node_modules/@microsoft/signalr"
version="$(node -p "require('$pkg/package.json').version")"

mkdir -p "$target"
cp "$pkg/dist/browser/signalr.min.js" "$target/signalr.min.js"
# The npm package declares "license": "MIT" but ships no LICENSE file, so the
# MIT text is written here with the copyright holder named in its sources.
declared="$(node -p "require('$pkg/package.json').license")"
if [[ "$declared" != "MIT" ]]; then
  echo "update.sh: @microsoft/signalr $version declares license '$declared', expected MIT; review before vendoring" >&2
  exit 1
fi
cat > "$target/LICENSE.txt" <<LICENSE
@microsoft/signalr $version (https://github.com/dotnet/aspnetcore), license: MIT

The MIT License (MIT)

Copyright (c) .NET Foundation and Contributors

All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE
if [[ -f "$pkg/src/third-party-notices.txt" ]]; then
  cp "$pkg/src/third-party-notices.txt" "$target/third-party-notices.txt"
fi
printf '@microsoft/signalr %s\n' "$version" > "$target/VERSION"

echo "Copied @microsoft/signalr $version to ${target#"$repo"/}"
