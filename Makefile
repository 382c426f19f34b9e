# netlab — two commands do all the set-up on a fresh Debian machine (as root):
#   make demo   brings the sandbox up and runs the probes against it
#   make test   runs the test suite (unit + sandbox integration)
# Each installs what it needs (venv, Python packages, Debian packages) and is quick when done.

PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed-stamp
NETLAB   := $(BIN)/netlab
# Debian packages the sandbox and the independent test clients need; chromium and poppler-utils
# (pdftotext) check the --html page in a real browser and its printed PDF; iputils-ping is the
# independent client that sees a lab variant's delays and MTUs; redis-server is the app
# host's session store (netlab http-state).
DEB_PKGS := iproute2 iputils-ping util-linux ethtool nsd unbound caddy dnsutils openssl tshark tcpdump procps curl chromium poppler-utils traceroute iputils-tracepath nftables redis-server fonts-noto-cjk haproxy keepalived coturn conntrack

.PHONY: all venv system-deps demo test test-unit test-integration lint bench clean

all: test

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]' --config-settings editable_mode=compat
	@touch $(STAMP)

venv: $(STAMP)

system-deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

demo: venv system-deps
	@$(BIN)/python -m netlab.demo

test: venv system-deps
	@$(BIN)/python -m pytest -q

test-unit: venv
	@$(BIN)/python -m pytest -q tests/unit

lint: venv
	@$(BIN)/ruff check netlab tests

bench: venv system-deps
	@$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
