#!/usr/bin/env bash
# The whole test suite: unit and raw-HTTP conformance tests (swift test), then rclone's pcloud
# backend against the sandbox (scripts/rclone-conformance.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# dpkg-dev, fakeroot, binutils and xz-utils: the .deb test packages the debug binary (scripts/package.sh --quick).
scripts/deps.sh rclone tmux python3 curl dpkg-dev fakeroot binutils xz-utils
swift build --build-tests
# The suite's sandboxes, homes and files go in one folder removed at the end: a run leaves about
# 700 MB in /tmp otherwise (each test target starts sandboxes that live as long as the process).
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-test-run.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
swift test --skip-build --disable-xctest
PCMD=.build/debug/pcmd scripts/rclone-conformance.sh
