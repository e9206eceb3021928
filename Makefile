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
	$(PY) -m pytest -q -n 2 --dist loadfile --durations=30

bench: setup
	$(PY) benchmarks/render_web.py
	$(PY) benchmarks/render_desktop.py
	$(PY) benchmarks/render_game.py
	$(PY) benchmarks/train_mae.py --square
	@test -d datasets/v1/parts || { echo "loader/predict benchmarks read datasets/v1: run dvc repro (or dvc pull) first"; exit 2; }
	$(PY) benchmarks/loader.py datasets/v1/parts/web-material datasets/v1/parts/desktop-fusion datasets/v1/parts/game-pixel
	$(PY) benchmarks/predict.py --checkpoint datasets/v1/train/det/model.safetensors --dataset datasets/v1/val

clean:
	rm -rf $(DEMO_OUT)
