"""The model names of one paper: those it calls its own ("we propose Finch", "our Finch-7B"),
those it cites, and the words it writes in lower case (an ordinary word, never a name). Read
once per document; :mod:`whose` and :mod:`antecedents` ask them whose a clause's run is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

# Names the paper makes its own: "we propose Finch", "our Finch-7B", "we fine-tune BERT-base",
# "Finch (ours)".
_OWN = re.compile(
    r"\b(?:[Ww]e\s+(?:propose|introduce|present|call|name|release|build|train|pre-?train|"
    r"fine-?tune|finetune|use|adopt|extend|distil+|initiali[sz]e\s+from|start\s+from|"
    r"reimplement|reproduce)|[Oo]ur|[Dd]ubbed|[Cc]alled|[Nn]amed|"
    r"(?:[Tt]his|[Oo]ur)\s+(?:paper|work|report|article)\s+(?:proposes|introduces|presents))"
    r"\s+(?:the\s+|a\s+|an\s+|this\s+|our\s+)?"
    r"(?:(?:resulting|final|new|full)\s+)?"
    r"(?:(?:model|method|system|network|agent|approach|framework|student|variant)\s+)?"
    r"(?P<name>[A-Z][\w.\-/]*)"
    r"|(?P<ours>[A-Z][\w.\-/]*)\s*\((?:ours|Ours|this work)\)"
)
# A token that reads as a model's name: a letter and a digit ("GPT-4", "ViT-H/14"), or a capital
# inside ("AlphaGo", "MuZero", "DALL-E", "LLaMA").
MODEL_NAME = re.compile(
    r"^(?=.*[A-Za-z])(?:(?=.*\d)[A-Za-z][\w.\-/]*|[A-Z]\w*[a-z][A-Z][\w.\-/]*)$")


# The shortest own name a variant may be glued to ("BERT" of "BERTBASE").
_GLUED_STEM = 4


@dataclass(frozen=True)
class Names:
    """Model names of one paper, lowercased: its own, and those it cites."""

    own: frozenset[str] = frozenset()
    cited: frozenset[str] = frozenset()
    # Every word the paper writes in lower case somewhere: an ordinary word, never a model's name.
    lowered: frozenset[str] = frozenset()
    # Whether the paper speaks of itself as "we" or "our" anywhere: if so, "the authors" it names
    # are another work's; a paper written in the third person calls itself "the authors".
    first_person: bool = False

    def is_own(self, text: str) -> bool:
        """Whether ``text`` (or its stem before a hyphen or slash: "Finch" of "Finch-7B") is a
        name the paper calls its own, or one of them with a variant glued on ("BERTBASE" in a
        paper that introduces BERT: a PDF drops the subscript's space)."""
        lower = text.lower()
        return (lower in self.own or re.split(r"[-/]", lower)[0] in self.own
                or any(len(name) >= _GLUED_STEM and lower.startswith(name) for name in self.own))


NO_NAMES = Names()

_FIRST_PERSON_WORD = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z]+(?![\w-])")
# The name just before a citation ("Gopher~\cite{rae21}" leaves "Gopher " before its offset).
_BEFORE_CITATION = re.compile(r"(?P<name>[A-Z][\w.\-/]*)[\s~(]*$")


def paper_names(text: str, citations: Sequence[int] = ()) -> Names:
    """The names a paper introduces as its own models, and the names it cites, lowercased, each
    with its stem before a size or a hyphen too ("Finch-7B" also gives "finch")."""
    own: set[str] = set()
    for match in _OWN.finditer(text):
        _add(own, (match.group("name") or match.group("ours") or "").rstrip(".,;:"))
    cited: set[str] = set()
    for offset in citations:
        found = _BEFORE_CITATION.search(text, max(0, offset - 40), offset)
        if found:
            _add(cited, found.group("name").rstrip(".,;:"))
    lowered = frozenset(_LOWER_WORD.findall(text))
    return Names(frozenset(own), frozenset(cited - own), lowered,
                 _FIRST_PERSON_WORD.search(text) is not None)


# The words a paragraph writes capitalised, as whose._plain_name reads them (a capital, then
# letters).
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]{2,}")


def names_for(names: Names, piece: str) -> Names:
    """``names`` as one paragraph ``piece`` reads them: of the words the paper writes in lower
    case, only those the paragraph writes capitalised, the only ones ``whose._plain_name`` asks
    about. The paragraph memo keys on this, so an edit elsewhere in the paper that adds or drops
    an ordinary word does not make every paragraph be read again."""
    if not names.lowered:
        return names
    capitalised = {word.lower() for word in _CAPITALISED.findall(piece)}
    return replace(names, lowered=frozenset(capitalised & names.lowered))


def _add(names: set[str], name: str) -> None:
    if (len(name) >= 2 and MODEL_NAME.match(name)) or (name[:1].isupper() and len(name) >= 3):
        names.add(name.lower())
        names.add(re.split(r"[-/]", name)[0].lower())
