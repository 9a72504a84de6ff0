# The front door for people and CI: `make demo`, `make test`, `make lint`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: demo test lint format render golden screenshots bench classifier prebuilt clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "deckgen needs Python >= 3.11 (set PYTHON=python3.11)"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

## Build the bundled example's decks into out/northwind/ (rebuilds over earlier demo output).
demo: $(STAMP)
	$(VENV)/bin/deckgen build examples/northwind -o $(OUT)/northwind --force

## Run the test suite.
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Measure speed against pandoc (medians of 10 fresh processes per case; BENCH_RUNS=N to change).
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(PY) bench/run.py

## After editing tests/data/objections-train.yaml: re-embed the phrasings for the sentence
## encoder's cache and print the cross-validated constants for classify/.
classifier: $(STAMP)
	$(PY) tools/export_encoder.py --cache-only
	$(PY) tools/calibrate_classifier.py

## After editing data/, evidence/ or decks/: validate and compile deckgen's own files once into
## prebuilt/, so a first build does not (tests/load/test_prebuilt.py says when it is due).
prebuilt: $(STAMP)
	$(PY) tools/prebuild.py

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests tools bench
	$(VENV)/bin/ruff format --check src tests tools bench

format: $(STAMP)
	$(VENV)/bin/ruff format src tests tools bench
	$(VENV)/bin/ruff check --fix src tests tools bench

## Render the demo decks to PNG for a visual check (needs LibreOffice and poppler-utils).
render: demo
	rm -rf $(OUT)/render && mkdir -p $(OUT)/render
	soffice --headless --convert-to pdf --outdir $(OUT)/render $(OUT)/northwind/*.pptx >/dev/null
	for f in $(OUT)/render/*.pdf; do pdftoppm -png -r 60 "$$f" "$${f%.pdf}"; done
	@echo "PNG pages in $(OUT)/render/"

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache

## Refresh the golden outline and deck hashes after an intended change to decks (review the diff!).
golden: $(STAMP)
	DECKGEN_UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/test_golden.py
	git diff --stat tests/golden

## Regenerate the README's slide images (docs/img/) from the demo decks (needs LibreOffice):
## four of Priya Shah's slides, the contact sheet of Jordan Ellis's story and first appendix slides,
## and the picture of `deckgen serve` from the browser test (needs chromium).
screenshots: demo
	rm -rf $(OUT)/shots && mkdir -p $(OUT)/shots docs/img
	soffice --headless --convert-to pdf --outdir $(OUT)/shots $(OUT)/northwind/priya-shah.pptx $(OUT)/northwind/jordan-ellis.pptx >/dev/null
	for n in 3 4 5 7; do pdftoppm -png -r 96 -f $$n -l $$n -singlefile $(OUT)/shots/priya-shah.pdf docs/img/priya-shah-$$n; done
	pdftoppm -png -r 40 $(OUT)/shots/jordan-ellis.pdf $(OUT)/shots/jordan-ellis
	$(PY) tools/contact_sheet.py $(OUT)/shots/jordan-ellis docs/img/jordan-ellis-after.png 16
	DECKGEN_UPDATE_SCREENSHOTS=1 $(PY) -m pytest -q tests/web/test_browser.py -k main_path
	@ls docs/img
