#!/bin/sh
# Release-build decoding benchmark for a 100,000-entry listing (see decode-listing.swift).
set -e
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
cp Benchmarks/decode-listing.swift "$work/main.swift"
swiftc -O -module-name DecodeBench Sources/PCloudAPI/Models/Metadata.swift \
    Sources/PCloudAPI/Models/MetadataScanner.swift "$work/main.swift" -o "$work/decode-listing"
"$work/decode-listing"
rm -rf "$work"
