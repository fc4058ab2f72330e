#!/bin/sh
# Commander's transfer concurrency: 200 small files and 8 large ones, up and down, at 1/2/4/8
# parallel transfers (and small uploads batched or not), against the in-process sandbox.
# Debug build (the test build); compare the rows with each other, not with other machines.
set -e
cd "$(dirname "$0")/.."
swift build --build-tests >/dev/null
PCMD_BENCH=1 swift test --skip-build --disable-xctest --filter "ParallelBench|BatchMtimeBench" 2>&1 | grep -E "parallel [0-9]:|2000 ×|passed|failed"
