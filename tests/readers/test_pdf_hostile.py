"""The PDF reader's own voice: pypdf's log lines never reach the terminal, and what they mean is
said in paperlint's words, naming the file; an AES PDF without ``cryptography`` says so (issue 19).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paperlint.api import CheckOptions, check_path
from paperlint.errors import InputError
from paperlint.readers.pdf import read_pdf

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
HAS_CRYPTOGRAPHY = importlib.util.find_spec("cryptography") is not None


def _without_eof(tmp_path: Path) -> Path:
    data = (FIXTURES / "exponent.pdf").read_bytes()
    cut = tmp_path / "no-eof.pdf"
    cut.write_bytes(data[: data.rfind(b"%%EOF")])
    return cut


def _bad_startxref(tmp_path: Path) -> Path:
    data = (FIXTURES / "exponent.pdf").read_bytes()
    start = data.rfind(b"startxref")
    broken = tmp_path / "bad-xref.pdf"
    broken.write_bytes(data[:start] + b"startxref\n123\n%%EOF\n")
    return broken


def _wrong_pointers(tmp_path: Path) -> Path:
    """The offsets of a classic cross-reference table (pypdf writes one) shifted by three bytes:
    "Ignoring wrong pointing object"."""
    import io

    import pypdf

    buffer = io.BytesIO()
    pypdf.PdfWriter(clone_from=FIXTURES / "exponent.pdf").write(buffer)
    data = buffer.getvalue()
    start = data.rfind(b"\nxref\n")
    table = data[start:data.find(b"trailer", start)]
    lines = table.split(b"\n")
    shifted = [b"%010d %s" % (int(line[:10]) + 3, line[11:]) if len(line) >= 18
               and line[:10].isdigit() and line[10:11] == b" " and int(line[:10]) else line
               for line in lines]
    broken = tmp_path / "wrong-pointers.pdf"
    broken.write_bytes(data[:start] + b"\n".join(shifted) + data[start + len(table):])
    return broken


def _stderr_of(path: Path) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-m", "paperlint", "check", str(path)],
                          capture_output=True, text=True, timeout=300)
    return done.returncode, done.stderr.splitlines()


@pytest.mark.parametrize("make", [_without_eof, _bad_startxref, _wrong_pointers])
def test_pypdf_log_lines_never_reach_the_terminal(tmp_path: Path, make: object) -> None:
    broken = make(tmp_path)  # type: ignore[operator]
    # The file does make pypdf log (otherwise this test tests nothing).
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("pypdf").addHandler(handler)
    try:
        import pypdf

        reader = pypdf.PdfReader(broken, strict=False)
        for page in reader.pages:
            page.extract_text()
    except Exception:  # the file may not be readable: the logging before the failure counts
        pass
    finally:
        logging.getLogger("pypdf").removeHandler(handler)
    assert records
    code, lines = _stderr_of(broken)
    assert code in (0, 1, 2)
    assert all(line.startswith("paperlint: ") for line in lines), lines


def test_a_pdf_cut_before_its_end_marker_says_so(tmp_path: Path) -> None:
    result = check_path(_without_eof(tmp_path))
    assert result.error is not None and "cut off" in result.error
    assert "EOF marker not found" not in result.error  # pypdf's words are not ours


def test_a_damaged_end_marker_on_a_readable_pdf_is_a_reader_note(tmp_path: Path) -> None:
    data = (FIXTURES / "exponent.pdf").read_bytes()
    damaged = tmp_path / "damaged-end.pdf"
    damaged.write_bytes(data[: data.rfind(b"%%EOF")] + b"%%EO")
    result = check_path(damaged)
    assert result.error is None and result.claims
    notes = [f for f in result.findings if f.code == "PL003"]
    assert len(notes) == 1 and "may be cut off" in notes[0].message
    assert notes[0].location.file == "damaged-end.pdf"


def test_the_fonttools_line_is_kept_in_the_metadata_not_printed_nor_a_finding(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """pypdf logs this for a CFF Type 1 font when fontTools is missing; simulated by logging it
    from inside the page's extraction, as pypdf does. It changes no character of the text read
    (measured on the corpus PDFs that log it), so it is no note of its own."""
    from pypdf import PageObject
    from pypdf._utils import logger_warning

    real = PageObject.extract_text

    def extract_text(self: PageObject, *args: object, **kwargs: object) -> str:
        logger_warning("fontTools is required to fully parse the encoding of a CFF Type1 font in "
                       "font dictionary /F1, but is not installed.", source="pypdf._cmap")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PageObject, "extract_text", extract_text)
    document = read_pdf(FIXTURES / "exponent.pdf", CheckOptions(), display_path="exponent.pdf")
    assert not document.problems
    assert any("fontTools" in m for m in document.metadata["pdf_warnings"])  # type: ignore[union-attr]
    captured = capsys.readouterr()
    assert "fontTools" not in captured.err + captured.out


def test_log_lines_of_other_libraries_are_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        logging.getLogger("someone.else").warning("not ours")
        read_pdf(FIXTURES / "exponent.pdf", CheckOptions(), display_path="exponent.pdf")
        logging.getLogger("pypdf").warning("after the read: not captured any more")
    assert [r.getMessage() for r in caplog.records] == [
        "not ours", "after the read: not captured any more"]


@pytest.mark.parametrize("name", ["aes128.pdf", "aes256.pdf"])
def test_an_aes_pdf_without_cryptography_says_what_it_needs(name: str) -> None:
    result = check_path(FIXTURES / name)
    if HAS_CRYPTOGRAPHY:
        assert result.error is None and result.claims
        return
    assert result.error is not None
    assert "AES" in result.error and "cryptography" in result.error
    assert "malformed" not in result.error


def test_no_cryptography_is_reported_the_same_way_when_it_is_installed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Where cryptography is installed, pypdf's own error for its absence is raised instead."""
    from pypdf.errors import DependencyError

    from paperlint.readers import pdf

    def needs_it(*args: object, **kwargs: object) -> object:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pdf, "_open_pypdf", needs_it)
    with pytest.raises(InputError, match="needs the cryptography package") as raised:
        read_pdf(FIXTURES / "aes256.pdf", CheckOptions(), display_path="aes256.pdf")
    assert str(raised.value).startswith("aes256.pdf: encrypted PDF (AES)")


@pytest.mark.skipif(os.name != "posix", reason="POSIX-only")
def test_the_cli_line_for_an_aes_pdf(tmp_path: Path) -> None:
    if HAS_CRYPTOGRAPHY:
        pytest.skip("cryptography is installed here: the AES fixtures are read")
    code, lines = _stderr_of(FIXTURES / "aes256.pdf")
    assert code == 2 and len(lines) == 1 and "aes256.pdf: encrypted PDF (AES)" in lines[0]


def test_a_caller_that_silenced_pypdf_still_gets_paperlints_words(tmp_path: Path) -> None:
    """A host program (the fuzz harness once did) may set pypdf's logger to CRITICAL: the repairs
    paperlint reads are still seen, and the host's level is given back afterwards."""
    import logging

    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        result = check_path(_without_eof(tmp_path))
        assert result.error is not None and "cut off" in result.error
        assert logger.level == logging.CRITICAL
    finally:
        logger.setLevel(before)
