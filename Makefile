# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WORKBOOK ?= data/edudesk.xlsx
PORT     ?= 8501

.PHONY: install run test lint browser office server-tools bench screenshots previews clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(WORKBOOK): | $(STAMP)
	$(BIN)/edudesk --workbook $(WORKBOOK) init --demo

# PYTHONMALLOC=malloc: glibc's allocator, so the memory the pages freed goes back to the system when visitors leave
# (ui/memory.py), as the systemd unit runs it.
run: install $(WORKBOOK)
	PYTHONMALLOC=malloc EDUDESK_WORKBOOK=$(WORKBOOK) $(BIN)/streamlit run streamlit_app.py \
		--server.address 127.0.0.1 --server.port $(PORT) --server.headless true --browser.gatherUsageStats false \
		--server.fileWatcherType none

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

browser:
	tools/ensure_debian.sh chromium chromium "браузерные тесты будут пропущены" "" with-recommends

# LibreOffice (headless, from Debian) opens every workbook and letter the tests write, as a user's office would.
office:
	tools/ensure_debian.sh soffice libreoffice-calc-nogui "проверки книг в LibreOffice будут пропущены"
	tools/ensure_debian.sh /usr/lib/libreoffice/program/libswlo.so libreoffice-writer-nogui \
		"письма .docx для СЭД не проверить в LibreOffice"
	tools/ensure_debian.sh /usr/lib/python3/dist-packages/uno.py python3-uno \
		"не проверить, что метки столбцов книги переживают правку в LibreOffice"
	tools/ensure_debian.sh pdffonts poppler-utils "не проверить шрифты в PDF-письмах, сделанных LibreOffice"

# nginx from Debian: the server test brings up the arrangement deploy/install.sh lays out (HTTPS in front of the app).
server-tools:
	tools/ensure_debian.sh nginx nginx "тест сервера (nginx с TLS перед приложением) будет пропущен"
	tools/ensure_debian.sh ss iproute2 "тест сервера не проверит, что приложение слушает только 127.0.0.1"

# Two workers, as many as CI's cores: every test makes its own files, ports and servers, so they run side by side.
# `loadfile`: a file's tests stay on one worker, so a module's expensive fixtures (LibreOffice over the whole
# workbook corpus, a server) are built once, not once per worker.
# `--durations`: the slowest tests named at the end of every run, to keep the suite well under 15 minutes.
test: lint browser office server-tools
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=12

# st-gsheets-connection needs gspread < 6, so the comparison runs it from a venv of its own.
STG_VENV := bench/.venv-stgsheets

$(STG_VENV)/.installed:
	$(PYTHON) -m venv $(STG_VENV)
	$(STG_VENV)/bin/python -m pip install --quiet st-gsheets-connection==0.1.0
	touch $@

bench: install $(STG_VENV)/.installed
	$(BIN)/python -m pip install --quiet gspread-dataframe==4.0.0
	$(BIN)/python -m bench.run

# Screenshots of every page into docs/screenshots/, taken by the browser tests (Debian's chromium).
screenshots: install browser
	EDUDESK_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/e2e -k every_page

# PNG previews of every document's first page into docs/documents/ (pdftoppm from Debian's poppler-utils),
# and of the «Проверка» tab as LibreOffice shows it (docs/check-sheet.png).
previews: install office
	tools/ensure_debian.sh pdftoppm poppler-utils "превью документов не сделать" required
	$(BIN)/python tools/previews.py
	$(BIN)/python tools/check_sheet_picture.py
	$(BIN)/python tools/totals_picture.py
	$(BIN)/python tools/grid_marks_picture.py
	$(BIN)/python tools/official_form_picture.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
