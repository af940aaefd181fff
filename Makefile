# jwt-ffi: the two commands of the README, and the pieces they are made of.
#   make run       builds the library and the C examples, and runs the examples
#   make check     runs every test (installs what a fresh machine lacks first)
#   make / make build   builds everything `make install` copies, into target/dist/
#   make install   copies target/dist/ into PREFIX (builds nothing; no cargo needed)
CARGO   ?= cargo
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
# One cargo profile (release) and one feature set for every build of the library: the
# tests, clippy, the benches, the examples, install and Python all share one build of
# each crate. FEATURES (cargo features, none by default) reaches every step.
FEATURES ?=
export FEATURES
CARGO_FLAGS = --release $(if $(strip $(FEATURES)),--features $(FEATURES))
# tools/gen-header writes include/jwt.h with cbindgen; its own crate and target
# directory, so the library's builds never compile cbindgen.
GEN_HEADER = $(CARGO) run --quiet --manifest-path tools/gen-header/Cargo.toml \
             --target-dir target/gen-header --

# The version is Cargo.toml's. ABI is what the soname and the symbol version carry:
# the major version, or 0.MINOR while it is 0 (build.rs applies the same rule).
VERSION := $(shell sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n1)
MAJOR   := $(word 1,$(subst ., ,$(VERSION)))
MINOR   := $(word 2,$(subst ., ,$(VERSION)))
ABI     := $(if $(filter 0,$(MAJOR)),0.$(MINOR),$(MAJOR))
export VERSION ABI

RELEASE := target/release
NPROC   := $(shell nproc 2>/dev/null || echo 2)
DIST    := target/dist

.PHONY: all build lib dist header run examples check deps test-rust check-features header-check test-c \
        test-python python-wheel fuzz clippy install uninstall install-test bench bench-compare bench-build clean

all: build

# The library, as cargo builds it (target/release/libjwt_ffi.{so,a}, soname
# libjwt_ffi.so.$(ABI), every export versioned JWT_FFI_$(ABI)), plus the soname link
# beside it so that in-tree programs linked with -Ltarget/release -ljwt_ffi run.
# Every sub-Makefile (c-examples, tools/jwt-tool, tests/c, bench/c) builds the library
# through this target: one cargo profile and one feature set for all.
lib:
	$(CARGO) build $(CARGO_FLAGS) $(CARGO_QUIET)
	@ln -sfn libjwt_ffi.so $(RELEASE)/libjwt_ffi.so.$(ABI)

# What `make install` copies, made from the release build: the .so stripped (its
# debug info split into target/dist/debug/, linked by .gnu_debuglink), the .a
# without debug info, the public headers and the system libraries a static link
# needs (scripts/dist.sh). Nothing is rebuilt when the library did not change.
build: lib
	@scripts/dist.sh
	@$(MAKE) -s --no-print-directory -C tools/jwt-tool dist

dist: build

# Regenerates include/jwt.h from src/ffi/: run it after changing the ABI, and commit
# the header (make header-check fails until then).
header:
	$(GEN_HEADER) include/jwt.h

examples: lib
	$(MAKE) -C c-examples
	$(MAKE) -C tools/jwt-tool

run: lib
	$(MAKE) -C c-examples run
	$(MAKE) -C tools/jwt-tool demo

# Everything CI runs; each step prints when it starts, its wall time when it ends, and
# scripts/check.sh a summary with counts at the end. CHECK_BESIDE's steps have cargo
# target directories of their own (target/gen-header, fuzz/target): they run one after
# the other beside CHECK_STEPS, on the core those leave idle (scripts/check.sh). The
# steps that keep about one core busy (test-rust, test-python, install-test,
# bench-build) come first, beside the fuzzing; test-c, which keeps both busy, last.
CHECK_STEPS  := deps python-wheel test-rust clippy test-python install-test bench-build test-c
CHECK_BESIDE := header-check fuzz
check:
	@scripts/check.sh $(CHECK_STEPS) -- $(CHECK_BESIDE)

deps:
	scripts/ensure-deps.sh

test-rust: check-features
	$(CARGO) test $(CARGO_FLAGS)

# cargo build and cargo test must resolve the library's dependencies alike, or the two
# builds evict each other's library (scripts/check-features.sh says why).
check-features:
	scripts/check-features.sh

# include/jwt.h must be what tools/gen-header generates from src/ffi/, and committed.
header-check:
	@$(GEN_HEADER) target/gen-header/jwt.h
	@diff -u include/jwt.h target/gen-header/jwt.h || \
	  { echo "header-check: include/jwt.h is not what src/ffi/ generates: run 'make header' and commit it" >&2; exit 1; }
	@git diff --exit-code --quiet -- include/jwt.h || \
	  { echo "header-check: include/jwt.h has uncommitted changes: commit it" >&2; exit 1; }
	@echo "header-check: include/jwt.h is what tools/gen-header generates from src/ffi/, and committed"

clippy:
	$(CARGO) clippy $(CARGO_FLAGS) --all-targets -- -D warnings

# Two passes over every C/C++ check: the plain builds under valgrind (every test
# program; a third of the jwt-tool runs, test-jwt-tool.sh says why), then all rebuilt with
# ASan + UBSan. Each pass also checks every output, so a third, plain pass would
# repeat the first one's verdicts. --read-inline-info=no: valgrind then skips the
# library's inlined-frame debug info at each start (a third of a short run's cost);
# its reports still carry file and line. --fair-sched=yes: valgrind runs one thread at a
# time, and by default a spinning thread keeps that turn, so keyset_rotation's main
# thread (which swaps the set while four threads verify) waited 10-20 s for it.
test-c: build
	$(MAKE) -j$(NPROC) -C tests/c check VALGRIND="valgrind --read-inline-info=no --fair-sched=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all --suppressions=$(CURDIR)/tests/c/aws-lc.supp -q"
	$(MAKE) -j$(NPROC) -C tests/c check SAN=1

test-python: lib
	bindings/python/run-tests.sh

# The Python wheel from the sdist, built (or found in target/python-wheels/) before
# the checkout's builds; bindings/python/run-tests.sh says why.
python-wheel:
	bindings/python/run-tests.sh --wheel

# A short cargo-fuzz run of every target in fuzz/fuzz_targets/ (seconds per target,
# one target per core at a time); a longer hunt: make fuzz FUZZ_SECONDS=600. In make
# check, 12 s a target, one at a time, ends the fuzzing in about the minute the
# one-core steps take beside it, before test-c needs both cores.
FUZZ_SECONDS ?= 12
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

# make install [PREFIX=/usr/local] [LIBDIR=$(PREFIX)/lib] [INCLUDEDIR=$(PREFIX)/include] [DESTDIR=]
# copies what `make build` put in target/dist/: libjwt_ffi.so.$(VERSION) with its links,
# the .a, the headers under INCLUDEDIR/jwt_ffi/, jwt_ffi.pc and the CMake package
# (scripts/install.sh). It compiles nothing, so `sudo make install` works without cargo
# on root's PATH. make uninstall, with the same settings, removes exactly those.
INSTALL_ENV = PREFIX="$(PREFIX)" LIBDIR="$(LIBDIR)" INCLUDEDIR="$(INCLUDEDIR)" DESTDIR="$(DESTDIR)"

install:
	@$(INSTALL_ENV) scripts/install.sh install

uninstall:
	@$(INSTALL_ENV) scripts/install.sh uninstall

# Installs into temporary prefixes and checks the result: files, soname, symbol
# versions, the README's pkg-config, make, CMake and C++ snippets, and coexistence
# with Debian's libjwt (tests/install/run.sh).
install-test: build
	tests/install/run.sh

# Benchmarks: bench/README.md says which command runs what. CI builds them and checks
# they run and how much they allocate, and never times anything:
#   make bench          bench/interleaved.rs (each op and its HMAC bound in the same
#                       shuffled rounds: the README's figures), then
#                       criterion bench/criterion/ (per-op cost vs the HMAC lower bound,
#                       size scaling vs SHA-256, 1 vs 2 threads), then the
#                       allocation counts; BENCH_ARGS goes to criterion
#   make bench-compare  this library vs libjwt, jsonwebtoken, jwt-simple, and its
#                       Python package vs PyJWT, in one run (bench/compare.sh)
#   make bench-build    what CI runs: builds and runs bench/interleaved.rs once per
#                       unit (--test), builds and runs each C bench call a few times,
#                       asserts the allocation counts. The criterion benches are
#                       compiled by `make clippy` (--all-targets), not linked here:
#                       each link is a fat-LTO minute of one core.
bench: lib
	$(CARGO) bench $(if $(strip $(FEATURES)),--features $(FEATURES)) --bench interleaved
	$(CARGO) bench $(if $(strip $(FEATURES)),--features $(FEATURES)) --bench ops --bench scaling --bench threads --bench asym -- $(BENCH_ARGS)
	bench/alloc-count.sh

bench-compare: lib
	bench/compare.sh

bench-build: lib
	$(CARGO) bench $(if $(strip $(FEATURES)),--features $(FEATURES)) --bench interleaved -- --test
	$(MAKE) -C bench/c smoke
	bench/alloc-count.sh --check

clean:
	$(CARGO) clean
	rm -rf c-examples/build tools/jwt-tool/build tests/c/build bench/c/build
