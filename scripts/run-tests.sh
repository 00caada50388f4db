#!/usr/bin/env bash
# Runs `swift test --skip-build ARGS…` under a time limit, so a test that hangs fails the run in
# minutes instead of holding CI for hours. On a timeout it names the tests that had started and
# not ended, read from Swift Testing's event stream (written line by line, unlike the buffered log).
#
#   scripts/run-tests.sh LIMIT ARGS…     e.g.  scripts/run-tests.sh 15m --skip EndToEndTests
set -uo pipefail
limit="$1"
shift
swift="${SWIFT:-swift}"
events="$(mktemp -t gotriage-test-events.XXXXXX)"
trap 'rm -f "$events"' EXIT

timeout --kill-after=30s "$limit" \
  "$swift" test --skip-build "$@" --event-stream-output-path "$events" --event-stream-version 0
status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "error: the tests ($*) did not finish within $limit; still running when they were stopped:" >&2
  python3 - "$events" >&2 <<'PY'
import json, sys
running = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        record = json.loads(line)
    except ValueError:
        continue  # the last line may be cut off
    if record.get("kind") != "event":
        continue
    payload = record["payload"]
    test = payload.get("testID")
    if payload["kind"] == "testStarted":
        running[test] = True
    elif payload["kind"] in ("testEnded", "testSkipped"):
        running.pop(test, None)
for test in running:
    print("  " + test)
PY
fi
exit "$status"
