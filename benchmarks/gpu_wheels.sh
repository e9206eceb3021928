#!/usr/bin/env bash
# The wheels `factory finetune` needs on the device machine beyond its image's packages (torch, timm, safetensors,
# pyarrow, click, rich, jinja2, pyyaml, opencv... are there), at the versions of this checkout's .venv, for Python 3.12
# on x86-64, into .whl/ (ignored; ~8 MB). Found by recording the modules a finetune run imports and taking out those
# the image holds (/work/.library/device/KINDS.md). On the machine, each call's command starts with:
#   python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
#   export PYTHONPATH=/tmp/site
# (`factory evaluate` there needs faster-coco-eval too: add it to NAMES.)
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES=${NAMES:-"albumentations albucore simsimd stringzilla pydantic pydantic_core annotated-types typing-inspection typing_extensions webdataset braceexpand"}
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo /.whl/ >> .git/info/exclude
P=(); for n in 17 24 27 28 31 34 35; do P+=(--platform "manylinux_2_${n}_x86_64"); done
for name in $NAMES; do
  version=$(.venv/bin/python -c "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))" "$name")
  .venv/bin/python -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    "${P[@]}" --platform manylinux2014_x86_64 --platform manylinux1_x86_64 -d .whl "$name==$version"
done
du -sh .whl
