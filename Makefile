# jwt-ffi: the two commands of the README.
#   make run     builds the library and the C examples, and runs the examples
#   make check   runs every test (installs what a fresh machine lacks first)
CARGO   ?= cargo
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

.PHONY: all build lib run examples check deps test-rust header-check test-c test-python fuzz clippy \
        install uninstall install-test bench bench-compare bench-build

all: build

# The library (target/release/libjwt_ffi.{so,a}). Every sub-Makefile (c-examples,
# tools/jwt-tool, tests/c, bench/c) builds it through this target, so all of them
# use one cargo profile and one feature set.
lib:
	$(CARGO) build --release

build: lib

examples: lib
	$(MAKE) -C c-examples
	$(MAKE) -C tools/jwt-tool

run: lib
	$(MAKE) -C c-examples run
	$(MAKE) -C tools/jwt-tool demo

# Everything CI runs, in order of cost.
check: deps test-rust header-check clippy test-c install-test test-python fuzz bench-build
	@echo "make check: all suites passed"

deps:
	scripts/ensure-deps.sh

test-rust:
	$(CARGO) test --release

# The committed header must be what build.rs generates (tests/header.rs checks it
# too); a dirty include/jwt.h after the build means someone forgot to commit it.
header-check: build
	git diff --exit-code -- include/jwt.h

clippy:
	$(CARGO) clippy --release --all-targets -- -D warnings

test-c: lib
	$(MAKE) -C tests/c check
	$(MAKE) -C tests/c check VALGRIND="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all -q"
	$(MAKE) -C tests/c check SAN=1

test-python: build
	bindings/python/run-tests.sh

fuzz:
	scripts/fuzz.sh 30

# make install [PREFIX=/usr/local] [LIBDIR=$(PREFIX)/lib] [INCLUDEDIR=$(PREFIX)/include] [DESTDIR=]
# builds the library again in target/install with the soname libjwt_ffi.so.MAJOR and
# installs it with its links, the .a, jwt.h, jwt_ffi.pc and the CMake package
# (scripts/install.sh). make uninstall, with the same settings, removes exactly those.
INSTALL_ENV = PREFIX="$(PREFIX)" LIBDIR="$(LIBDIR)" INCLUDEDIR="$(INCLUDEDIR)" \
              DESTDIR="$(DESTDIR)" CARGO="$(CARGO)"

install:
	$(INSTALL_ENV) scripts/install.sh install

uninstall:
	$(INSTALL_ENV) scripts/install.sh uninstall

# Installs into a temporary prefix and builds the README's pkg-config, static, make and
# CMake snippets against it, then uninstalls.
install-test:
	tests/install/run.sh

# Benchmarks (README, Performance). CI builds them and checks they run and how
# much they allocate, and never times anything:
# (bench/README.md says which command runs what)
#   make bench          criterion bench/criterion/ (per-op cost vs the HMAC lower bound,
#                       size scaling vs SHA-256, 1 vs 2 threads), then the
#                       allocation counts; BENCH_ARGS goes to criterion
#   make bench-compare  this library vs libjwt, jsonwebtoken, jwt-simple, and its
#                       Python package vs PyJWT, in one run (bench/compare.sh)
#   make bench-build    what CI runs: builds all of the above but the peers, runs
#                       each C bench call a few times, asserts the allocation counts
bench: build
	$(CARGO) bench --bench ops --bench scaling --bench threads --bench asym -- $(BENCH_ARGS)
	bench/alloc-count.sh

bench-compare: build
	bench/compare.sh

bench-build: build
	$(CARGO) bench --no-run
	$(MAKE) -C bench/c smoke
	bench/alloc-count.sh --check
