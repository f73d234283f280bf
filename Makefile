# poe-tui: `make run` installs what is missing, builds and starts the app; `make test` runs
# every test (Swift unit and end-to-end tests, then the interop tests against fastapi_poe).

PREFIX ?= /usr/local
SWIFT ?= swift
APT_PACKAGES := libncurses-dev libcurl4-openssl-dev libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config tmux python3-venv
VENV ?= .venv
BIN := .build/debug
RELEASE_BIN := .build/release
# A static Swift runtime: the installed binary runs without the toolchain, and starts faster.
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all deps pydeps build release run test test-swift test-interop bench bench-store install uninstall clean

## The benchmark store: 1,000 conversations x 50 messages of ~400 characters (+ one of 500).
BENCH_DATA := .build/bench-data

all: build

## Native packages, installed only when missing (apt-get update first; sudo when not root).
deps:
	@./scripts/install-deps.sh $(APT_PACKAGES)

## The Python virtual environment for the interop peer (fastapi_poe + uvicorn).
pydeps: $(VENV)/.installed
$(VENV)/.installed: Tests/interop/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/interop/requirements.txt
	touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## Starts the app: with a key configured (POE_API_KEY or config.toml) it talks to Poe,
## otherwise a first-run screen asks for a key or starts the offline demo.
run: build
	$(BIN)/poe-tui

test: test-swift test-interop

test-swift: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-interop: deps pydeps
	$(SWIFT) build
	POE_TUI_BIN=$(CURDIR)/$(BIN) $(VENV)/bin/python -m pytest -q Tests/interop

bench: deps bench-store
	./scripts/bench.sh

bench-store: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	@if [ ! -f $(BENCH_DATA)/poe-tui/index.json ]; then \
		echo "Generating the benchmark store in $(BENCH_DATA)/poe-tui (1,000 x 50 messages)..."; \
		rm -rf $(BENCH_DATA) && mkdir -p $(BENCH_DATA) && $(RELEASE_BIN)/poe-bench store-generate $(BENCH_DATA)/poe-tui; \
	fi

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE_BIN)/poe-tui $(DESTDIR)$(PREFIX)/bin/poe-tui
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN)/poe-tui --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/poe-tui
	$(RELEASE_BIN)/poe-tui --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_poe-tui
	$(RELEASE_BIN)/poe-tui --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/poe-tui.fish
	install -d $(DESTDIR)$(PREFIX)/share/poe-tui/themes
	cp -R themes/. $(DESTDIR)$(PREFIX)/share/poe-tui/themes/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/poe-tui \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/poe-tui \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_poe-tui \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/poe-tui.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/poe-tui

clean:
	rm -rf .build $(VENV)
