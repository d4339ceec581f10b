"""Tables of what LaTeX symbols, accents and siunitx units read as in plain text.

The aim is text a number parser reads: ``3.1\\times10^{23}`` -> ``3.1×10^23``, ``\\sim`` -> ``~``,
``\\SI{3}{\\hour}`` -> ``3 h``. Pure data plus two tiny helpers; no LaTeX parsing here.
"""

from __future__ import annotations

import unicodedata


def names(text: str) -> frozenset[str]:
    """A set of command names written as one whitespace-separated string (easy to scan)."""
    return frozenset(text.split())

# Macros that read as a fixed string, in text and in math.
SYMBOLS: dict[str, str] = {
    # escapes
    "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
    "textbackslash": "\\", "textasciitilde": "~", "textdollar": "$", "textpercent": "%",
    "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
    # approximately / relations: `~` is what authors and number parsers use for "about"
    "sim": "~", "approx": "~", "simeq": "~", "thicksim": "~", "thickapprox": "~", "propto": "∝",
    "le": "≤", "leq": "≤", "leqslant": "≤", "ge": "≥", "geq": "≥", "geqslant": "≥", "lesssim": "≲",
    "gtrsim": "≳", "ll": "≪", "gg": "≫", "neq": "≠", "ne": "≠", "equiv": "≡", "lt": "<", "gt": ">",
    # operators
    "times": "×", "texttimes": "×", "cdot": "·", "cdotp": "·", "ast": "*", "pm": "±",
    "textpm": "±", "mp": "∓", "div": "÷", "circ": "∘", "bullet": "•", "star": "⋆",
    "cdots": "...", "ldots": "...", "dots": "...", "textellipsis": "...", "infty": "∞",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦",
    "in": "∈", "sum": "∑", "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇",
    "prime": "′", "degree": "°", "textdegree": "°", "deg": "°", "colon": ":",
    "lvert": "|", "rvert": "|", "vert": "|", "mid": "|", "lbrace": "{", "rbrace": "}",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    # text symbols
    "textendash": "–", "textemdash": "—", "textmu": "μ", "textperthousand": "‰",
    "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "textregistered": "®",
    "texttrademark": "™", "copyright": "©", "textcopyright": "©", "S": "§", "P": "¶",
    "dag": "†", "ddag": "‡", "textdagger": "†", "textdaggerdbl": "‡",
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    # greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "upmu": "μ",
}

# Math function names read as the word followed by a space (spaces are otherwise dropped in math).
FUNCTIONS = names("log ln exp sin cos tan max min arg argmax argmin sup inf lim det dim ker Pr")

# Spacing macros: "wide" ones read as a space unless they sit between two digits (1\,000).
SPACES = frozenset({",", ";", ":", " ", "quad", "qquad", "enspace", "thinspace", "medspace",
                    "thickspace", "space", "nobreakspace", "hfill", "hskip"})
NEGATIVE_SPACES = frozenset({"!", "negthinspace", "negmedspace", "negthickspace", "/", "@"})

# Accents: the combining mark to put after the (single) argument.
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323",
    "b": "\u0331", "r": "\u030a", "k": "\u0328",
}


def accented(base: str, macro: str) -> str:
    """``é`` from ``e`` and ``\\'``: the base's first letter with the combining mark, composed."""
    if not base:
        return ""
    return unicodedata.normalize("NFC", base[0] + ACCENTS[macro] + base[1:])


# siunitx: prefixes and units as printed. Unit strings concatenate ("\giga\byte" -> "GB").
SI_PREFIXES: dict[str, str] = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n",
    "micro": "μ", "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da",
    "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
    "zetta": "Z", "yotta": "Y", "kibi": "Ki", "mebi": "Mi", "gibi": "Gi", "tebi": "Ti",
    "pebi": "Pi",
}
SI_UNITS: dict[str, str] = {
    # Time units as words where siunitx's symbol is no unit on its own: "\SI{3}{\day}" prints
    # "3 d", read as "3 days" ("2 d" in a table may be two-dimensional).
    "hour": "h", "day": "days", "second": "s", "minute": "min", "year": "yr", "week": "weeks",
    "byte": "B", "bit": "bit", "flop": "FLOP", "flops": "FLOP/s", "FLOP": "FLOP",
    "percent": "%", "watt": "W", "kWh": "kWh", "joule": "J", "metre": "m", "meter": "m",
    "gram": "g", "kilogram": "kg", "hertz": "Hz", "volt": "V", "ampere": "A", "kelvin": "K",
    "degreeCelsius": "°C", "celsius": "°C", "degree": "°", "litre": "l", "liter": "l",
    "tonne": "t", "ton": "t", "electronvolt": "eV", "dollar": "$", "sample": "samples",
    "token": "tokens", "parameter": "parameters",
}
SI_POWERS: dict[str, str] = {"square": "²", "squared": "²", "cubic": "³", "cubed": "³"}
