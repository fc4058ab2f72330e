#!/usr/bin/env bash
# Builds pcmd's Debian package, pcmd_VERSION_amd64.deb (binary, man page, completions, the
# themes for reference, copyright, changelog; Depends from dpkg-shlibdeps), checks it with
# lintian, and packs the same files as pcmd-VERSION-linux-x86_64.tar.gz for other systems.
#
# Usage: scripts/package.sh [--binary FILE] [--out DIR] [--quick]
#   --binary FILE   package this pcmd instead of building the release one (as scripts/run.sh does)
#   --out DIR       where the .deb and .tar.gz go (default .build/package)
#   --quick         gzip -1 instead of xz -9, no lintian and no tar.gz: for tests packaging a debug build
#                   (whose Swift libraries come from the toolchain, not from a package)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/layout.sh

binary='' out=.build/package quick=0
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=${2:?--binary needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a folder}; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
# CI starts from a fresh machine: what packaging needs comes first.
tools=(dpkg-dev fakeroot binutils xz-utils)
[ $quick = 1 ] || tools+=(lintian)
scripts/deps.sh "${tools[@]}" >&2
[ -n "$binary" ] || binary=$(build_release)
[ -x "$binary" ] || { echo "package.sh: no pcmd binary at $binary" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The package's tree where dpkg-shlibdeps looks for it: debian/PACKAGE beside debian/control.
root=$work/src/debian/pcmd
install -d "$root/DEBIAN"
layout "$binary" "$root/usr" share/zsh/vendor-completions > /dev/null
version=$("$root/usr/bin/pcmd" --version)
commit=$("$root/usr/bin/pcmd" version --json | sed -n 's/.*"commit":"\([^"]*\)".*/\1/p')
maintainer="pcmd maintainers <maintainers@users.noreply.r-seed-d6e8ea0f.example>"
doc=$root/usr/share/doc/pcmd

# Debian wants man pages and changelogs compressed, reproducibly (-n: no name or time inside).
gzip -9n "$root/usr/share/man/man1/pcmd.1"
install -d "$doc"
sed "s/@YEAR@/$(date -u +%Y)/" > "$doc/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: pcmd
Comment: pcmd is one static binary: the Swift runtime, Foundation (with ICU data) and the
 Swift packages below are linked into /usr/bin/pcmd.

Files: *
Copyright: @YEAR@ the pcmd authors
License: unspecified
 The pcmd repository does not name a licence yet; until it does, ask its authors.

Files: swift-runtime/* swift-foundation/* swift-argument-parser/* swift-log/* swift-nio/*
 swift-nio-ssl/* swift-nio-extras/* swift-crypto/* swift-asn1/* swift-certificates/*
 swift-http-types/* swift-service-lifecycle/* async-http-client/* hummingbird/*
Copyright: Apple Inc. and the Swift project authors; the SwiftNIO project authors;
 the Hummingbird authors
License: Apache-2.0 with Runtime Library Exception
 Licensed under the Apache License, Version 2.0 (with the Swift Runtime Library Exception
 for the Swift runtime and standard library). On Debian systems the full text of the Apache
 License 2.0 is in /usr/share/common-licenses/Apache-2.0.

Files: boringssl/*
Copyright: Google Inc.; The OpenSSL Project; Eric Young
License: ISC and OpenSSL
 BoringSSL, linked through swift-nio-ssl and swift-crypto, is under the ISC licence and the
 OpenSSL and SSLeay licences, as its LICENSE file gives them.

Files: GRDB.swift/* ZIPFoundation/* TOMLKit/* tomlplusplus/*
Copyright: Gwendal Roué; Thomas Zoechling; Jeff Lebrun; Mark Gillard
License: Expat
 Permission is hereby granted, free of charge, to any person obtaining a copy of this software
 and associated documentation files (the "Software"), to deal in the Software without
 restriction, including without limitation the rights to use, copy, modify, merge, publish,
 distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
 Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
 BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
COPYRIGHT
cat > "$work/changelog" <<CHANGELOG
pcmd ($version) unstable; urgency=medium

  * Built from commit $commit.

 -- $maintainer  $(date -u -R)
CHANGELOG
gzip -9n -c "$work/changelog" > "$doc/changelog.gz"

# swift-nio-extras vendors zlib (its symbols renamed cnioextras_z_*) for AsyncHTTPClient's
# decompression; with no Swift packages in Debian it is linked in like the rest of the runtime.
install -d "$root/usr/share/lintian/overrides"
printf 'pcmd: embedded-library zlib [usr/bin/pcmd]\n' > "$root/usr/share/lintian/overrides/pcmd"

# Depends: the shared libraries the binary loads, as dpkg-shlibdeps names their packages.
printf 'Source: pcmd\n\nPackage: pcmd\nArchitecture: amd64\n' > "$work/src/debian/control"
# A debug build (--quick) loads the toolchain's Swift libraries, which no package provides.
missing=()
[ $quick = 1 ] && missing=(--ignore-missing-info)
depends=$(cd "$work/src" && dpkg-shlibdeps "${missing[@]}" -O -e"$root/usr/bin/pcmd" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

cat > "$root/DEBIAN/control" <<CONTROL
Package: pcmd
Version: $version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: two-pane terminal file manager for pCloud
 pcmd browses local files and a pCloud account side by side with the keyboard:
 copy, move, share a folder, send a public link, zip and extract on the server,
 restore from the trash and from revisions, with jobs in a background queue.
 It ships a local pCloud-compatible server (pcmd sandbox) with demo data, which
 it uses before you sign in.
CONTROL
(cd "$root" && find usr -type f | sort | xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/pcmd_${version}_amd64.deb
compression=(-Zxz -z9)
[ $quick = 1 ] && compression=(-Zgzip -z1)
dpkg-deb --root-owner-group "${compression[@]}" --build "$root" "$deb" >/dev/null

size() { numfmt --to=iec-i --suffix=B --format='%.1f' "$(stat -c %s "$1")"; }
echo "stripped binary  $(size "$root/usr/bin/pcmd")"
echo "$(basename "$deb")  $(size "$deb")"
if [ $quick = 0 ]; then
  tarball=$out/pcmd-${version}-linux-x86_64.tar.gz
  mkdir -p "$work/tar"
  cp -a "$root/usr" "$work/tar/pcmd-$version"
  rm -r "$work/tar/pcmd-$version/share/lintian"
  tar -C "$work/tar" --owner=0 --group=0 --sort=name -czf "$tarball" "pcmd-$version"
  echo "$(basename "$tarball")  $(size "$tarball")"
  echo "lintian:" >&2
  lintian --fail-on error "$deb" >&2 && echo "lintian: no errors" >&2
fi
echo "$deb"
