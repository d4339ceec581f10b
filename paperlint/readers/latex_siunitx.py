"""siunitx's quantities, numbers and units: ``\\SI``, ``\\qty``, ``\\num``, ``\\si``, ``\\ang``...

Each command is read as siunitx prints it by default: "\\SI{8}{\\giga\\byte}" reads "8 GB". The
handlers have the walk loop's signature ``(node, siblings, next_index, frame) -> next_index``, like
latex_commands.py's; ``\\DeclareSIUnit`` is a definition and stays there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode, LatexMacroNode

from paperlint.readers.latex_frame import Frame
from paperlint.readers.latex_macros import MacroDef
from paperlint.readers.latex_math import SI_POWERS, SI_PREFIXES, SI_UNITS, SYMBOLS
from paperlint.readers.latex_sinks import Sink


class UnitWalker(Protocol):
    """What the handlers use of the walker (latex_walk.Walker), named here so that this module
    needs no import of the walker that builds it."""

    sink: Sink
    units: dict[str, str]  # \DeclareSIUnit's: name -> text
    macros: dict[str, MacroDef]

    def mandatory(self, node: Any) -> list[Any]: ...

    def walk_one(self, arg: Any, frame: Frame) -> None: ...


class SiunitxCommands:
    """The siunitx handlers, by command name in ``handlers``."""

    def __init__(self, walker: UnitWalker, expansion: Callable[[str, Frame], str]) -> None:
        self.w = walker
        self._expansion = expansion  # a user macro's text, as latex_commands.Commands reads it
        self.handlers = {
            "SI": self.quantity, "qty": self.quantity, "num": self.number,
            "tablenum": self.number, "si": self.unit, "unit": self.unit,
            "SIrange": self.quantity_range, "qtyrange": self.quantity_range,
            "numrange": self.quantity_range, "ang": self.angle,
        }

    def quantity(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        args = self.w.mandatory(node)
        if args:
            self.w.walk_one(args[0], frame)
            if len(args) > 1:
                self._unit_after(args[-1], frame)
        return index

    def number(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        for arg in self.w.mandatory(node)[:1]:
            self.w.walk_one(arg, frame)
        return index

    def unit(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        args = self.w.mandatory(node)
        if args:
            text = self.unit_text(inner(args[-1]), frame)
            self.w.sink.generated(frame.file, node.pos, node.pos + node.len, text)
        return index

    def quantity_range(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        """siunitx's default range output: "10 h to 20 h" (numrange: "10 to 20")."""
        args = self.w.mandatory(node)
        if len(args) < 2:
            return index
        unit = args[2] if node.macroname != "numrange" and len(args) > 2 else None
        for position, arg in enumerate(args[:2]):
            if position:
                self.w.sink.generated(frame.file, arg.pos, arg.pos, " to ")
            self.w.walk_one(arg, frame)
            if unit is not None:
                self._unit_after(unit, frame)
        return index

    def angle(self, node: Any, nodes: list[Any], index: int, frame: Frame) -> int:
        args = self.w.mandatory(node)
        if args:
            self.w.walk_one(args[0], frame)
            self.w.sink.generated(frame.file, node.pos, node.pos + node.len, "°")
        return index

    def _unit_after(self, arg: Any, frame: Frame) -> None:
        text = self.unit_text(inner(arg), frame)
        if text:
            separator = "" if text.startswith(("%", "°")) else " "
            self.w.sink.generated(frame.file, arg.pos, arg.pos + arg.len, separator + text)

    def unit_text(self, nodes: list[Any], frame: Frame) -> str:
        """``\\giga\\byte`` -> "GB", ``\\tera\\flop\\per\\second`` -> "TFLOP/s"."""
        parts: list[str] = []
        prefix = ""
        for node in nodes:
            if isinstance(node, LatexMacroNode):
                name = node.macroname
                if name in SI_PREFIXES:
                    prefix += SI_PREFIXES[name]
                    continue
                if name == "per":
                    parts.append("/")
                elif name in SI_POWERS:
                    parts.append(SI_POWERS[name])
                elif name in self.w.units:
                    parts.append(prefix + self.w.units[name])
                elif name in SI_UNITS:
                    parts.append(prefix + SI_UNITS[name])
                elif name in self.w.macros:
                    parts.append(prefix + self._expansion(self.w.macros[name].body, frame))
                else:
                    parts.append(prefix + SYMBOLS.get(name, name))
                prefix = ""
            elif isinstance(node, LatexCharsNode):
                parts.append(prefix + node.chars.strip())
                prefix = ""
            elif isinstance(node, LatexGroupNode):
                parts.append(self.unit_text(node.nodelist, frame))
        return "".join(parts) + prefix


def inner(arg: Any) -> list[Any]:
    return list(arg.nodelist) if isinstance(arg, LatexGroupNode) else [arg]
