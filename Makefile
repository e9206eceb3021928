# The two commands of the README: `make demo` and `make test`. Each installs what is missing first.
PY := .venv/bin/python
DEMO_OUT ?= datasets/demo

.PHONY: setup demo test bench clean

setup:
	@scripts/setup.sh

demo: setup
	$(PY) -m factory render --renderer web --count 48 --shard-size 16 --seed 0 --workers 2 --out $(DEMO_OUT)
	$(PY) -m factory stats $(DEMO_OUT)
	@echo "preview: $(DEMO_OUT)/preview.png"

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) benchmarks/render_web.py
	$(PY) benchmarks/render_desktop.py
	$(PY) benchmarks/render_game.py

clean:
	rm -rf $(DEMO_OUT)
