"""\\begin/\\end pairs of one source file: a crossed or stray \\end, or a \\begin never closed.

A text scan like the brace check (:func:`latex_files.unbalanced_brace`), run on the masked text
(comments, verbatim and ``\\iffalse`` blocks hidden). It reports only what cannot be valid LaTeX
whatever the macros mean, because a false alarm on a paper that compiles is worse than a miss:

- environments are paired within one brace group: ``\\newcommand{\\bc}{\\begin{center}}`` opens
  one in a group that closes before its ``\\end``, which is how such macros are written, so a group
  that closes with an environment still open (or a group's ``\\end`` with no ``\\begin`` in it)
  says nothing;
- a ``\\begin`` or ``\\end`` inside a TeX conditional (``\\ifdraft \\begin{figure*} \\else
  \\begin{figure} \\fi``) is left out: only one branch is typeset;
- an environment the file opens and never closes is reported only in the file where it opened
  when that file is not closed by another one (``\\begin{document}`` in the root file with its
  ``\\end{document}`` in an included file is left alone when the file has an ``\\input`` or
  ``\\include`` after the ``\\begin``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKENS = re.compile(
    r"(?P<env>\\(?P<kind>begin|end)\s*\{(?P<name>[^{}\\]*)\})"
    r"|(?P<newif>\\newif\s*\\if[A-Za-z@]*)"
    # \ifthenelse (ifthen), etoolbox's \iftoggle ... and \iff (a symbol) take no \fi.
    r"|\\(?:ifthenelse|iftoggle|ifbool|ifstrequal|ifstrempty|ifcsdef|ifcsundef|ifdefempty"
    r"|ifdef|ifundef|ifdefmacro|ifblank|iff)(?![A-Za-z@])"
    r"|(?P<open_if>\\if[A-Za-z@]*)"
    r"|(?P<fi>\\fi(?![A-Za-z@]))"
    r"|(?P<include>\\(?:input|include|subfile|import|subimport)(?![A-Za-z@]))"
    r"|\\.|%[^\n]*"
    r"|(?P<brace>[{}])",
    re.DOTALL,
)


@dataclass(frozen=True)
class EnvironmentProblem:
    offset: int  # where the offending \begin or \end starts in the file's text
    length: int
    message: str


@dataclass
class _Open:
    name: str
    offset: int
    length: int
    reported: bool = False  # a stray or misspelt \end was found while it was open


def unbalanced_environments(text: str) -> list[EnvironmentProblem]:
    """The environment problems of one file's (masked) text, in file order."""
    if "\\end" not in text and "\\begin" not in text:
        return []
    problems: list[EnvironmentProblem] = []
    groups: list[list[_Open]] = [[]]  # open environments of each open brace group
    conditionals = 0
    includes_after: list[int] = []  # offsets of \input-like commands
    for match in _TOKENS.finditer(text):
        if match.group("brace") == "{":
            groups.append([])
        elif match.group("brace") == "}":
            if len(groups) > 1:
                groups.pop()  # a group closing with environments open: a macro body, left alone
        elif match.group("open_if") is not None:
            conditionals += 1
        elif match.group("fi") is not None:
            conditionals = max(0, conditionals - 1)
        elif match.group("include") is not None:
            includes_after.append(match.start())
        elif match.group("env") is not None and not conditionals:
            problem = _pair(match, groups[-1], outermost=len(groups) == 1)
            if problem is not None:
                problems.append(problem)
    # A brace left open (PL004) puts every later \end in its group: no "never closed" then.
    for opened in groups[0] if len(groups) == 1 else []:
        if opened.reported or any(offset > opened.offset for offset in includes_after):
            continue  # it may be closed in a file included after it
        problems.append(EnvironmentProblem(
            opened.offset, opened.length,
            f"\\begin{{{opened.name}}} is never closed in this file"))
    return sorted(problems, key=lambda p: p.offset)


def _pair(match: re.Match[str], group: list[_Open], *, outermost: bool
          ) -> EnvironmentProblem | None:
    name = match.group("name").strip()
    offset, length = match.start(), match.end() - match.start()
    if match.group("kind") == "begin":
        group.append(_Open(name, offset, length))
        return None
    if group and group[-1].name == name:
        group.pop()
        return None
    names = [opened.name for opened in group]
    if name in names:
        # \begin{a} \begin{b} \end{a}: b is left open where a closes.
        inner = group[-1]
        del group[names.index(name):]
        if inner.reported:
            return None  # its stray \end was the finding already
        return EnvironmentProblem(  # where the author must add the missing \end
            inner.offset, inner.length,
            f"\\begin{{{inner.name}}} is not closed before \\end{{{name}}}")
    if group:
        # A misspelt \end of the open environment, or a stray one: either way one finding, and
        # the open environment is not reported again when an outer \end closes over it.
        group[-1].reported = True
        return EnvironmentProblem(
            offset, length,
            f"\\end{{{name}}} has no \\begin{{{name}}}; the environment open here is "
            f"\\begin{{{group[-1].name}}}")
    if outermost:
        return EnvironmentProblem(
            offset, length, f"\\end{{{name}}} closes no \\begin{{{name}}} in this file")
    return None  # a group's \end with no \begin in it: a macro body ("\newcommand\ec{\end{x}}")
