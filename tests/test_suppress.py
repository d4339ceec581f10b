"""Suppression comments: every form silences what it names, where it says, and nothing else."""

from __future__ import annotations

from paperlint.api import CheckOptions, analyse
from paperlint.document import Comment, Document, DocumentBuilder, ReaderProblem, SourceFile
from paperlint.model import Coverage, DocumentResult, Finding, Location
from paperlint.rulebook import RULES
from paperlint.suppress import (
    Directive,
    Malformed,
    apply_suppressions,
    matches_glob,
    parse_comment,
    parse_directives,
)

MAIN = "\n".join(f"line {n} of the main file." for n in range(1, 31)) + "\n"
SETUP = "\n".join(f"line {n} of the setup file." for n in range(1, 11)) + "\n"


def _document(*comments: Comment, path: str = "paper/main.tex") -> Document:
    builder = DocumentBuilder(path, "latex")
    builder.add_source(SourceFile("main.tex", MAIN))
    builder.add_source(SourceFile("sections/setup.tex", SETUP))
    builder.append_verbatim("main.tex", 0, MAIN)
    builder.append_verbatim("sections/setup.tex", 0, SETUP)
    builder.comments.extend(comments)
    return builder.build()


def _finding(code: str, line: int, file: str = "main.tex", end_line: int | None = None) -> Finding:
    location = Location(file, line, 3, end_line, 9)
    return Finding(code, "some-rule", "warning", f"{code} fired", location)


def _result(*findings: Finding) -> DocumentResult:
    return DocumentResult("paper/main.tex", "latex", findings=findings,
                          coverage=Coverage(4, 2, len(findings)))


def _run(
    findings: list[Finding], comments: list[Comment], **options: object
) -> list[tuple[str, int]]:
    document = _document(*comments)
    result = apply_suppressions(_result(*findings), document, CheckOptions(**options))  # type: ignore[arg-type]
    assert result.coverage.flagged == len(result.findings)
    assert result.coverage.statements == 4 and result.coverage.parsed == 2
    return [(f.code, f.location.line) for f in result.findings]


def _c(line: int, text: str, file: str = "main.tex", column: int = 1) -> Comment:
    return Comment(file, line, column, text)


# -- parsing -------------------------------------------------------------------------------------


def test_parse_every_kind_and_several_codes() -> None:
    for kind in ("disable", "enable", "disable-next-line", "disable-file", "ignore"):
        parsed = parse_comment(_c(1, f" paperlint: {kind}=PL104, pl105"))
        assert isinstance(parsed, Directive)
        assert (parsed.kind, parsed.codes) == (kind, ("PL104", "PL105"))
    parsed = parse_comment(_c(1, "PaperLint:ignore=all  -- the baseline's figure, not ours"))
    assert isinstance(parsed, Directive) and parsed.codes == ("ALL",)


def test_prose_comments_are_not_directives() -> None:
    assert parse_comment(_c(1, " TODO: ask the paperlint authors")) is None
    assert parse_comment(_c(1, " we ran paperlint before submission")) is None


def test_malformed_directives_are_explained() -> None:
    cases = {
        " paperlint: disabel=PL104": "unknown directive",
        " paperlint: disable": "names no rule code",
        " paperlint: disable=PL104;PL105": "cannot read the codes",
        " paperlint: disable=PL10x4": "is not a rule code",
        " paperlint: ignore=F401": "is not a rule code",
        " paperlint: what": "unknown directive",
    }
    for text, reason in cases.items():
        parsed = parse_comment(_c(1, text))
        assert isinstance(parsed, Malformed), text
        assert reason in parsed.reason, (text, parsed.reason)


# -- each form, suppressed and not ---------------------------------------------------------------


def test_ignore_on_the_same_line_only() -> None:
    comments = [_c(5, " paperlint: ignore=PL104", column=20)]
    assert _run([_finding("PL104", 5)], comments) == []
    assert _run([_finding("PL104", 6)], comments) == [("PL104", 6), ("PL901", 5)]
    assert _run([_finding("PL105", 5)], comments) == [("PL105", 5), ("PL901", 5)]


def test_ignore_covers_a_finding_spanning_the_line() -> None:
    assert _run([_finding("PL104", 4, end_line=6)], [_c(5, " paperlint: ignore=PL104")]) == []


def test_disable_next_line() -> None:
    comments = [_c(7, " paperlint: disable-next-line=PL104")]
    assert _run([_finding("PL104", 8)], comments) == []
    assert _run([_finding("PL104", 9)], comments) == [("PL104", 9), ("PL901", 7)]
    assert _run([_finding("PL104", 7)], comments) == [("PL104", 7), ("PL901", 7)]


def test_disable_region_until_enable() -> None:
    comments = [_c(10, " paperlint: disable=PL104"), _c(20, " paperlint: enable=PL104")]
    inside = [_finding("PL104", 10), _finding("PL104", 15), _finding("PL104", 19)]
    assert _run(inside, comments) == []
    outside = [_finding("PL104", 9), _finding("PL104", 20), _finding("PL104", 25)]
    assert _run([*inside, *outside], comments) == [("PL104", 9), ("PL104", 20), ("PL104", 25)]


def test_disable_without_enable_runs_to_the_end_of_its_file_only() -> None:
    comments = [_c(10, " paperlint: disable=PL104")]
    assert _run([_finding("PL104", 30)], comments) == []
    kept = _run([_finding("PL104", 3, "sections/setup.tex")], comments)
    assert kept == [("PL104", 3), ("PL901", 10)]


def test_enable_closes_codes_one_by_one() -> None:
    comments = [_c(10, " paperlint: disable=PL104,PL105"), _c(20, " paperlint: enable=PL104")]
    found = _run([_finding("PL104", 25), _finding("PL105", 25), _finding("PL104", 12)], comments)
    assert found == [("PL104", 25)]


def test_enable_with_nothing_open_is_reported() -> None:
    assert _run([], [_c(3, " paperlint: enable=PL104")]) == [("PL901", 3)]


def test_disable_file_is_per_file() -> None:
    comments = [_c(30, " paperlint: disable-file=PL104")]
    assert _run([_finding("PL104", 1), _finding("PL104", 29)], comments) == []
    kept = _run([_finding("PL104", 1, "sections/setup.tex")], comments)
    assert kept == [("PL104", 1), ("PL901", 30)]


def test_suppression_in_an_included_file() -> None:
    comments = [_c(2, " paperlint: disable-next-line=PL201", file="sections/setup.tex")]
    assert _run([_finding("PL201", 3, "sections/setup.tex")], comments) == []
    # Same line number, other file: not silenced.
    assert _run([_finding("PL201", 3)], comments) == [("PL201", 3), ("PL901", 2)]


def test_all_silences_every_code() -> None:
    comments = [_c(5, " paperlint: ignore=all")]
    assert _run([_finding("PL104", 5), _finding("PL301", 5)], comments) == []
    assert _run([_finding("PL104", 6)], comments) == [("PL104", 6), ("PL901", 5)]


def test_partly_used_directive_names_the_unused_code() -> None:
    result = apply_suppressions(
        _result(_finding("PL104", 5)),
        _document(_c(5, " paperlint: ignore=PL104,PL105", column=12)),
        CheckOptions(),
    )
    [unused] = result.findings
    assert unused.code == "PL901" and "PL105" in unused.message and "PL104" not in unused.message
    assert unused.suggestion == "keep only the codes in use: `paperlint: ignore=PL104`"
    assert (unused.location.line, unused.location.column) == (5, 12)
    assert unused.severity == RULES["PL901"].severity and unused.name == RULES["PL901"].name


def test_malformed_directive_is_a_pl901_finding() -> None:
    assert _run([], [_c(4, " paperlint: disable-nxt-line=PL104")]) == [("PL901", 4)]


def test_pl901_can_be_silenced_and_ignored() -> None:
    comments = [_c(1, " paperlint: disable-file=PL901"), _c(5, " paperlint: ignore=PL104")]
    assert _run([], comments) == []
    assert _run([], [_c(5, " paperlint: ignore=PL104")], ignore=("PL901",)) == []
    assert _run([], [_c(5, " paperlint: ignore=PL104")], ignore=("PL9",)) == []


def test_no_suppressions_ignores_every_comment() -> None:
    comments = [_c(5, " paperlint: ignore=PL104"), _c(9, " paperlint: nonsense")]
    found = _run([_finding("PL104", 5)], comments, use_suppressions=False)
    assert found == [("PL104", 5)]


# -- per-file-ignores ----------------------------------------------------------------------------


def test_per_file_ignores_by_glob_and_prefix() -> None:
    setup = "sections/setup.tex"
    findings = [_finding("PL104", 2, setup), _finding("PL201", 2, setup), _finding("PL104", 2)]
    kept = _run(findings, [], per_file_ignores={"sections/*.tex": ("PL1",)})
    assert kept == [("PL201", 2), ("PL104", 2)]
    # The path as seen from the repository (the paper lives in paper/) works too.
    kept = _run(findings, [], per_file_ignores={"paper/sections/setup.tex": ("ALL",)})
    assert kept == [("PL104", 2)]
    assert _run(findings, [], per_file_ignores={"other/*.tex": ("PL1",)}) == [
        ("PL104", 2), ("PL201", 2), ("PL104", 2)]


def test_per_file_ignores_apply_without_suppressions() -> None:
    kept = _run([_finding("PL104", 2)], [], per_file_ignores={"main.tex": ("PL104",)},
                use_suppressions=False)
    assert kept == []


def test_glob_forms() -> None:
    assert matches_glob("sections/setup.tex", "setup.tex")
    assert matches_glob("sections/setup.tex", "**/setup.tex")
    assert matches_glob("setup.tex", "**/setup.tex")
    assert matches_glob("sections/deep/setup.tex", "sections/*")
    assert matches_glob("a/b.tex", "paper/a/*.tex", root="paper")
    assert not matches_glob("sections/setup.tex", "main.tex")
    assert not matches_glob("sections/setup.tex", "other/*.tex", root="paper")


def test_regions_are_closed_in_source_order() -> None:
    directives, malformed = parse_directives([
        _c(20, " paperlint: enable=PL104"), _c(10, " paperlint: disable=PL104"),
    ])
    assert not malformed
    disable = next(d for d in directives if d.kind == "disable")
    assert disable.end_lines == {"PL104": 20}


# -- through the pipeline: a reader problem in an included file -----------------------------------


def _paper_with_problem(comment: Comment | None) -> Document:
    builder = DocumentBuilder("main.tex", "latex")
    builder.add_source(SourceFile("main.tex", MAIN))
    builder.add_source(SourceFile("sections/setup.tex", SETUP))
    builder.append_verbatim("main.tex", 0, MAIN)
    builder.problems.append(ReaderProblem("PL001", "cannot find the included file",
                                          Location("sections/setup.tex", 4, 1, 4, 12)))
    if comment is not None:
        builder.comments.append(comment)
    return builder.build()


def test_analyse_applies_suppressions() -> None:
    silenced = analyse(_paper_with_problem(_c(3, " paperlint: disable-next-line=PL001",
                                              file="sections/setup.tex")))
    # Other rules fire on this content-free paper (no compute report); look at PL001 and PL901.
    assert [f.code for f in silenced.findings if f.code in ("PL001", "PL901")] == []
    assert silenced.coverage.flagged == len(silenced.findings)
    loud = analyse(_paper_with_problem(None))
    assert [f.code for f in loud.findings if f.code in ("PL001", "PL901")] == ["PL001"]
    assert loud.coverage.flagged == len(loud.findings) == len(silenced.findings) + 1
    raw = analyse(_paper_with_problem(_c(3, " paperlint: disable-next-line=PL001",
                                         file="sections/setup.tex")),
                  CheckOptions(use_suppressions=False))
    assert [f.code for f in raw.findings if f.code in ("PL001", "PL901")] == ["PL001"]
