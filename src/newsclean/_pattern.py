"""A reader of the regular-expression syntax the rulebook is written in, for the rule compiler.

It finds the literals every match of a pattern must contain (so that a rule runs only on the lines
where one occurs) and rewrites alternations of words into trie shape (``home|homepage|help`` becomes
``h(?:ome(?:page)??|elp)``), so that ``re`` tests one character where it tried every word in turn.

The rewrite keeps the order in which ``re`` tries the ways a pattern can match, not only the set of
texts it matches: inside a possessive repeat or an atomic group the first way found is the one kept.
Two alternatives are merged under a shared first character only when no alternative between them can
match at the same place; an alternative that ends (``home`` before ``homepage``) stays in its turn.

Only the syntax the rulebook uses is read (see :func:`parse`); anything else raises
:class:`Unsupported`, and the compiler then uses the pattern as it is written. CPython's own parser
(``re._parser``) is private and changes between releases, so it is not used.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple


class Unsupported(ValueError):
    """The pattern uses syntax this reader does not handle."""


class Literal(NamedTuple):
    """One literal character, and how the pattern spells it (``\\.``, ``é``)."""

    char: str
    source: str


class Atom(NamedTuple):
    """A character class, an escape such as ``\\d``, ``.``, an anchor or a lookaround: matched in one
    way only (one character, or none), so alternatives that start with the same one can share it."""

    source: str
    zero_width: bool = False


class Group(NamedTuple):
    """A parenthesised group: its opening (``(?:``, ``(?P<r1>``, ``(?i:``, ``(?>``) and alternatives."""

    opening: str
    alternatives: tuple[tuple[Item, ...], ...]


class Repeat(NamedTuple):
    """An item with a quantifier (``*``, ``+?``, ``{0,3}+``...) and its least count."""

    item: Item
    quantifier: str
    least: int


Item = Literal | Atom | Group | Repeat
Alternatives = tuple[tuple[Item, ...], ...]

# Characters that stand for themselves outside a class: taken a run at a time (a quantifier after the
# run then applies to its last character, which is the last item).
_PLAIN_RUN = re.compile(r"[^\\\[\](){}|*+?.^$]+")
_QUANTIFIER = re.compile(r"(?:[*+?]|\{(\d*)(?:(,)(\d*))?\})[?+]?")
_CONTROL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = frozenset("dDwWsS")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_FLAGS = frozenset("aiLmsu-")  # not x: in verbose mode spaces and # would not be literals


@cache
def parse(pattern: str) -> Alternatives:
    """The top-level alternatives of *pattern*, each a sequence of items.

    Reads literals and escapes, character classes, ``.``, ``^``, ``$``, groups (``(...)``, ``(?:``,
    ``(?P<name>``, ``(?>``, scoped flags such as ``(?-i:``), lookarounds, alternation and every
    quantifier (greedy, lazy, possessive); raises :class:`Unsupported` for the rest (backreferences,
    conditionals, comments, global flags).
    """
    alternatives, end = _parse_alternatives(pattern, 0)
    if end != len(pattern):
        raise Unsupported(f"unbalanced ')' at {end}")
    return alternatives


def _parse_alternatives(pattern: str, position: int) -> tuple[Alternatives, int]:
    alternatives: list[tuple[Item, ...]] = []
    items: list[Item] = []
    while position < len(pattern):
        char = pattern[position]
        if char == ")":
            break
        if char == "|":
            alternatives.append(tuple(items))
            items = []
            position += 1
            continue
        quantifier = _QUANTIFIER.match(pattern, position) if char in "*+?{" else None
        if quantifier is not None:
            if not items or isinstance(items[-1], Repeat) or (isinstance(items[-1], Atom) and items[-1].zero_width):
                raise Unsupported(f"quantifier without an item at {position}")
            least = 0 if quantifier.group()[0] in "*?" else 1 if quantifier.group()[0] == "+" else int(quantifier.group(1) or 0)
            items.append(Repeat(items.pop(), quantifier.group(), least))
            position = quantifier.end()
            continue
        run = _PLAIN_RUN.match(pattern, position)
        if run is not None:
            items.extend(Literal(char, char) for char in run.group())
            position = run.end()
            continue
        item, position = _parse_item(pattern, position)
        items.append(item)
    alternatives.append(tuple(items))
    return tuple(alternatives), position


def _parse_item(pattern: str, position: int) -> tuple[Item, int]:
    char = pattern[position]
    if char == "\\":
        return _parse_escape(pattern, position)
    if char == "[":
        end = _class_end(pattern, position)
        return Atom(pattern[position:end]), end
    if char == "(":
        return _parse_group(pattern, position)
    if char == ".":
        return Atom("."), position + 1
    if char in "^$":
        return Atom(char, zero_width=True), position + 1
    if char == "{":  # not a quantifier (checked before): a literal brace
        return Literal("{", "\\{"), position + 1
    return Literal(char, char), position + 1


def _parse_escape(pattern: str, position: int) -> tuple[Item, int]:
    if position + 1 >= len(pattern):
        raise Unsupported("pattern ends with a backslash")
    char = pattern[position + 1]
    source = pattern[position : position + 2]
    if char in _CLASS_ESCAPES:
        return Atom(source), position + 2
    if char in _ZERO_WIDTH_ESCAPES:
        return Atom(source, zero_width=True), position + 2
    if char in _CONTROL_ESCAPES:
        return Literal(_CONTROL_ESCAPES[char], source), position + 2
    if char in _HEX_ESCAPES:
        digits = pattern[position + 2 : position + 2 + _HEX_ESCAPES[char]]
        if len(digits) != _HEX_ESCAPES[char] or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise Unsupported(f"bad escape at {position}")
        end = position + 2 + len(digits)
        return Literal(chr(int(digits, 16)), pattern[position:end]), end
    if char.isascii() and char.isalnum():  # backreferences, \N{...}, octal: not used by the rulebook
        raise Unsupported(f"escape {source!r}")
    return Literal(char, source), position + 2


def _class_end(pattern: str, position: int) -> int:
    """The position just after the character class that starts at *position*."""
    index = position + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":  # a leading ']' is a literal
        index += 1
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            raise Unsupported("nested set syntax")  # re warns about it; the rulebook never needs it
        if char == "]":
            return index + 1
        index += 1
    raise Unsupported("unterminated character class")


def _parse_group(pattern: str, position: int) -> tuple[Item, int]:
    if not pattern.startswith("(?", position):
        opening, lookaround = "(", False
    elif pattern.startswith(("(?:", "(?>"), position):
        opening, lookaround = pattern[position : position + 3], False
    elif pattern.startswith(("(?=", "(?!"), position):
        opening, lookaround = pattern[position : position + 3], True
    elif pattern.startswith(("(?<=", "(?<!"), position):
        opening, lookaround = pattern[position : position + 4], True
    elif pattern.startswith("(?P<", position):
        close = pattern.find(">", position)
        if close < 0 or not pattern[position + 4 : close].isidentifier():
            raise Unsupported(f"bad group name at {position}")
        opening, lookaround = pattern[position : close + 1], False
    else:
        flags = position + 2
        while flags < len(pattern) and pattern[flags] in _FLAGS:
            flags += 1
        if flags == position + 2 or not pattern.startswith(":", flags):
            raise Unsupported(f"group syntax at {position}")  # global flags, comments, conditionals...
        opening, lookaround = pattern[position : flags + 1], False
    alternatives, end = _parse_alternatives(pattern, position + len(opening))
    if end >= len(pattern):
        raise Unsupported("missing ')'")
    if lookaround:
        return Atom(pattern[position : end + 1], zero_width=True), end + 1
    return Group(opening, alternatives), end + 1


# --- writing a pattern back, in trie shape -----------------------------------------------------


def factored(pattern: str) -> str:
    """*pattern* with every alternation of words in trie shape; the same matches, tried in the same order.

    Raises :class:`Unsupported` if :func:`parse` does.
    """
    return _write_alternatives(parse(pattern))


def _write_alternatives(alternatives: Alternatives) -> str:
    return "|".join(_factor(list(alternatives)))


def _write(item: Item) -> str:
    if isinstance(item, (Literal, Atom)):
        return item.source
    if isinstance(item, Group):
        return item.opening + _write_alternatives(item.alternatives) + ")"
    return _write(item.item) + item.quantifier


_END = ("end",)  # the key of an empty alternative: it matches anywhere, so nothing moves past it


def _key(item: Item) -> object:
    """Items with equal keys match the same text in the same single way; others get a unique key."""
    if isinstance(item, Literal):
        return ("literal", item.char)
    if isinstance(item, Atom):
        return ("atom", item.source)
    return ("unique", id(item))


def _exclusive(first: object, second: object) -> bool:
    """Whether alternatives starting with these keys can never both match at one place."""
    if not (isinstance(first, tuple) and isinstance(second, tuple)):
        return False
    if first[0] != "literal" or second[0] != "literal" or first[1] == second[1]:
        return False
    return not _case_equivalent(first[1], second[1])


@lru_cache(maxsize=4096)
def _case_equivalent(a: str, b: str) -> bool:
    # Asked of re itself, so that any case equivalence it knows ('s' and 'ſ', 'k' and 'K') counts.
    return re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None or re.fullmatch(re.escape(b), a, re.IGNORECASE) is not None


def _factor(alternatives: list[tuple[Item, ...]]) -> list[str]:
    """The alternatives written as a list of branches, with shared first items taken out."""
    groups: list[tuple[object, list[tuple[Item, ...]]]] = []
    for alternative in alternatives:
        key = _key(alternative[0]) if alternative else _END
        target = None
        if key[0] != "unique" and key is not _END:  # type: ignore[index]
            for index in range(len(groups) - 1, -1, -1):
                if groups[index][0] == key:
                    target = index
                    break
                if not _exclusive(groups[index][0], key):
                    break
        if target is None:
            groups.append((key, [alternative]))
        else:
            groups[target][1].append(alternative)
    branches = []
    for key, members in groups:
        if key is _END:
            branches.append("")
        elif len(members) == 1:
            branches.append("".join(map(_write, members[0])))
        else:
            branches.append(_write(members[0][0]) + _grouped(_factor([member[1:] for member in members])))
    return branches


def _grouped(branches: list[str]) -> str:
    if len(branches) == 1:
        return branches[0]
    if len(branches) == 2 and branches[1] == "":
        return f"(?:{branches[0]})?"
    if len(branches) == 2 and branches[0] == "":
        return f"(?:{branches[1]})??"
    return "(?:" + "|".join(branches) + ")"


# --- literals a match must contain -------------------------------------------------------------


def required_literals(alternatives: Alternatives) -> frozenset[str] | None:
    """A set of literals one of which every match contains (``None``: no such set is known)."""
    union: set[str] = set()
    for alternative in alternatives:
        required = _required_in_sequence(alternative)
        if required is None:
            return None
        union |= required
    return frozenset(union)


def _required_in_sequence(items: tuple[Item, ...]) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for item in items:
        if isinstance(item, Literal):
            run.append(item.char)
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        required = _required_in_item(item)
        if required:
            candidates.append(required)
    if run:
        candidates.append(frozenset({"".join(run)}))
    # Any required piece will do; prefer the one whose shortest literal is longest (fewest false leads).
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c))) if candidates else None


def _required_in_item(item: Item) -> frozenset[str] | None:
    if isinstance(item, Group):
        return required_literals(item.alternatives)
    if isinstance(item, Repeat) and item.least >= 1:
        return _required_in_item(item.item) if not isinstance(item.item, Literal) else frozenset({item.item.char})
    return None
