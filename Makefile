# Jointly: `make run` to use it, `make test` to check it. See README.md.
JOBS ?= 2
DB ?= sqlite:var/jointly.db
PORT ?= 8080
RELEASE := build/release
ASAN := build/asan

.PHONY: all deps build run test test-asan bench format lint clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(RELEASE) -DCMAKE_BUILD_TYPE=Release -DJOINTLY_BUILD_TESTS=ON -DJOINTLY_BUILD_BENCHMARKS=ON >/dev/null
	@cmake --build $(RELEASE) -j$(JOBS)

run: build
	@mkdir -p var
	$(RELEASE)/jointly --db $(DB) serve --demo --port $(PORT)

# Every test on both backends, then the unit, store and service tests again
# under AddressSanitizer and UndefinedBehaviorSanitizer.
test: build test-asan
	@ctest --test-dir $(RELEASE) --output-on-failure -j$(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DJOINTLY_SANITIZE=ON -DJOINTLY_BUILD_APP=OFF -DJOINTLY_BUILD_TESTS=ON >/dev/null
	@cmake --build $(ASAN) -j$(JOBS)
	@ctest --test-dir $(ASAN) --output-on-failure -j$(JOBS)

bench: build
	@bench/run.sh

format:
	@clang-format -i $$(git ls-files '*.cc' '*.h')

# clang-tidy (bugprone-*, performance-*; see .clang-tidy) over src/.
lint: build
	@run-clang-tidy -quiet -p $(RELEASE) -j $(JOBS) -extra-arg=-Wno-unknown-warning-option "$(CURDIR)/src/.*\.cc$$"

clean:
	rm -rf build
