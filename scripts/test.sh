#!/usr/bin/env bash
# The whole test suite: unit and raw-HTTP conformance tests (swift test), then rclone's pcloud
# backend against the sandbox (scripts/rclone-conformance.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# dpkg-dev, fakeroot, binutils and xz-utils: the .deb test packages the debug binary (scripts/package.sh --quick).
scripts/deps.sh rclone tmux python3 curl dpkg-dev fakeroot binutils xz-utils
swift build --build-tests
swift test --skip-build --disable-xctest
PCMD=.build/debug/pcmd scripts/rclone-conformance.sh
