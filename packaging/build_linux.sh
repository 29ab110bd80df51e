#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/trellis/) with packaging/trellis.spec, then run the
# bundled `trellis --self-test` headless, outside this checkout and without its Python.
# Fails when the bundle is broken or bigger than TRELLIS_BUNDLE_LIMIT_MB (default 200).
#
#   packaging/build_linux.sh            # what `.ci/run` calls after `make test`
#   VENV=/path/to/venv packaging/build_linux.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=${VENV:-.venv}
limit_mb=${TRELLIS_BUNDLE_LIMIT_MB:-200}

if [[ ! -x $venv/bin/python ]]; then
  make "$venv/.installed"
fi
if ! "$venv/bin/python" -c "import PyInstaller" 2>/dev/null; then
  "$venv/bin/pip" install --quiet -e '.[package]'
fi

started=$SECONDS
rm -rf dist/trellis
"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/trellis.spec
bundle=$root/dist/trellis
echo "build_linux: built $bundle in $((SECONDS - started)) s"

size_mb=$(du -sm "$bundle" | cut -f1)
echo "build_linux: bundle size ${size_mb} MB (limit ${limit_mb} MB)"

# A clean environment and another folder: the bundle must not lean on the venv or the checkout.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run_bundled() {
  (cd "$scratch" && env -i HOME="$scratch" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen "$bundle/trellis" "$@")
}
expected_version=$("$venv/bin/python" -c "import desktop_app; print(desktop_app.__version__)")
reported_version=$(run_bundled --version)
if [[ $reported_version != "trellis $expected_version" ]]; then
  echo "build_linux: the bundle says '$reported_version', expected 'trellis $expected_version'" >&2
  exit 1
fi
# Every file of resources/ must be in the bundle: the self-test counts what it finds.
shipped=$(find resources -type f ! -name '.*' ! -path '*/__pycache__/*' | wc -l)
report=$(run_bundled --self-test) || { echo "$report"; exit 1; }
echo "$report"
if [[ $report != *"resources ($shipped files, "* ]]; then
  echo "build_linux: the bundle's self-test does not find the $shipped files of resources/" >&2
  exit 1
fi
if ((size_mb > limit_mb)); then
  echo "build_linux: the bundle is ${size_mb} MB, over the ${limit_mb} MB goal" >&2
  exit 1
fi
