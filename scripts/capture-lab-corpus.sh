#!/usr/bin/env bash
# Runs every lab scenario on every Go release (the Lab*ScenarioTests suites) and writes what the
# failing go command printed to Corpus/lab/go<version>.yaml, one list entry per scenario, sorted.
# Needs a build (swift build --build-tests) and the releases (scripts/ensure-go-releases.sh).
# Usage: scripts/capture-lab-corpus.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
capture=$(mktemp -d)
trap 'rm -rf "$capture"' EXIT
cd "$root"

# The files are written even when a test fails (a changed text is what a new release brings);
# the script then exits with the tests' status.
status=0
GOTRIAGE_CAPTURE_CORPUS=$capture ${SWIFT:-swift} test --skip-build \
  --filter 'EndToEndTests\.Lab(GoEnv|Module|Proxy|Ssh)?ScenarioTests' || status=$?

mkdir -p Corpus/lab
for dir in "$capture"/*/; do
  version=$(basename "$dir")
  out="Corpus/lab/go$version.yaml"
  {
    echo "# What go $version prints in each fault-lab scenario (Tests/EndToEndTests/Lab*ScenarioTests),"
    echo "# written by scripts/capture-lab-corpus.sh. Verbatim except: the lab directory is /LAB,"
    echo "# loopback ports are PORT, curl's connect time is 'after N ms', ssh fingerprints are"
    echo "# SHA256:FINGERPRINT, and CRLF line ends are LF. cause: the README cause id; text: stdout,"
    echo "# then stderr."
    find "$dir" -name '*.yaml' | LC_ALL=C sort | xargs cat
  } > "$out"
  echo "wrote $out ($(grep -c '^- cause:' "$out") scenarios)"
done
exit "$status"
