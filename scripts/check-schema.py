#!/usr/bin/env python3
"""Checks playbook files against a JSON Schema (Playbooks/schema.json) with the jsonschema package.

Usage: scripts/check-schema.py SCHEMA FILE...
Prints "accepted FILE" or "refused FILE: why" per file; exits 0. YAML is read with libyaml (the
parser gotriage's Yams wraps) and YAML 1.2's booleans (only true and false), as editors read it.
"""
import json, re, sys, yaml, jsonschema

class Loader(yaml.CSafeLoader):
    """libyaml (the parser Yams wraps) with YAML 1.2's booleans: only true and false."""
Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()}
for first in "tTfF":
    Loader.yaml_implicit_resolvers.setdefault(first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    try:
        document = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as error:
        print(f"refused {path}: YAML: {str(error).splitlines()[0]}")
        continue
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    if errors:
        where = "/".join(map(str, errors[0].path))
        print(f"refused {path}: {errors[0].message[:160]} at /{where}")
    else:
        print(f"accepted {path}")
