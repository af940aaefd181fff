# jwt-ffi: the two commands of the README.
#   make run     builds the library and the C examples, and runs the examples
#   make check   runs every test (installs what a fresh machine lacks first)
CARGO   ?= cargo
PREFIX  ?= /usr/local

.PHONY: all build run examples check deps test-rust header-check test-c test-python fuzz clippy

all: build

build:
	$(CARGO) build --release

examples: build
	$(MAKE) -C c-examples

run: build
	$(MAKE) -C c-examples run

# Everything CI runs, in order of cost.
check: deps test-rust header-check clippy test-c test-python fuzz
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

test-c: build
	$(MAKE) -C c-examples check
	$(MAKE) -C c-examples check VALGRIND="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all -q"
	$(MAKE) -C c-examples check SAN=1

test-python: build
	bindings/python/run-tests.sh

fuzz:
	scripts/fuzz.sh 30
