#!/usr/bin/env bash
# Records the walks of the end-to-end tests as offline playbook tests: runs them on one Go
# release with GOTRIAGE_RECORD_WALKS (every `gotriage run` of the shipped playbooks also gets
# --record), then writes
# Playbooks/tests/<cause>.test.yaml, one case per distinct path (the first recorded), with the lab's
# temporary folder written /lab. Needs a build (swift build --build-tests) and the release
# (scripts/ensure-go-releases.sh). Usage: scripts/record-playbook-tests.sh [RELEASE]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release=${1:-1.27.3}
recorded=$(mktemp -d)
trap 'rm -rf "$recorded"' EXIT
cd "$root"

status=0
GOTRIAGE_RECORD_WALKS=$recorded GOTRIAGE_GO_RELEASES=$release ${SWIFT:-swift} test --skip-build \
  --filter EndToEndTests || status=$?

mkdir -p Playbooks/tests
python3 - "$recorded" Playbooks/tests <<'PY'
import os, re, sys, yaml
source, target = sys.argv[1], sys.argv[2]
lab = re.compile(r"/tmp/gotriage-lab-[A-Fa-f0-9-]+")
by_file = {}
for folder, _, names in sorted(os.walk(source)):
    for name in sorted(names):
        text = lab.sub("/lab", open(os.path.join(folder, name), encoding="utf-8").read())
        # Each case starts with "- name:" at the left margin, below "cases:".
        body = text.split("\ncases:\n", 1)[1]
        for block in re.split(r"(?m)^(?=- name: )", body):
            if not block.strip():
                continue
            case = yaml.safe_load(block)[0]
            key = tuple(case["expect"].get("path", []))
            by_file.setdefault(name, {}).setdefault(key, block if block.endswith("\n") else block + "\n")
for name, cases in sorted(by_file.items()):
    with open(os.path.join(target, name), "w", encoding="utf-8") as out:
        out.write("# Recorded from the lab's cause tests by scripts/record-playbook-tests.sh; replayed by gotriage test.\n")
        out.write("gotriage-test: 1\ncases:\n")
        for key in sorted(cases):
            out.write(cases[key])
    print(f"wrote {target}/{name} ({len(cases)} cases)")
PY
exit "$status"
