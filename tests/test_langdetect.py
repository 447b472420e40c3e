"""Telling a document's language from its text (kg.langdetect) and ``kg extract`` without --lang."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import evaluate
from kg.cli import main
from kg.errors import EXIT_ERROR, EXIT_OK, KgError
from kg.langdetect import detect

CASES = Path(__file__).parent / "cases"


def read_cases():
    """The seed and dev documents: a test document is read only by its reader."""
    return [c for c in evaluate.load_cases(CASES) if c.set in ("seed", "dev")]


def test_every_seed_and_dev_document_is_told_its_catalog_language():
    wrong = [(c.id, c.document.language, detect(c.document.text())) for c in read_cases()
             if detect(c.document.text()) != c.document.language]
    assert not wrong


@pytest.mark.parametrize("text", ["Lima", "Jakarta 2024", "Peru, Indonesia, APEC."])
def test_a_text_too_short_to_tell_is_an_error_that_asks_for_the_language(text):
    with pytest.raises(KgError, match="cannot tell the language.*--lang"):
        detect(text, source=Path("x.txt"))


def test_extract_without_lang_tells_it_and_gives_the_same_facts(capsys, tmp_path):
    document = tmp_path / "note.txt"
    document.write_text("El presidente de Chile, Gabriel Boric, se reunió con el presidente de Vietnam "
                        "en Hanói y firmaron un memorando de entendimiento sobre comercio.\n", encoding="utf-8")
    assert main(["extract", str(document), "--format", "jsonl"]) == EXIT_OK
    told, note = capsys.readouterr()
    assert "language es (told from the text" in note
    assert main(["extract", str(document), "--format", "jsonl", "--lang", "es"]) == EXIT_OK
    assert capsys.readouterr().out == told


def test_extract_of_a_text_it_cannot_tell_is_one_line_naming_the_file(capsys, tmp_path):
    document = tmp_path / "short.txt"
    document.write_text("Lima\n", encoding="utf-8")
    assert main(["extract", str(document)]) == EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"kg: error: {document}: cannot tell the language")
