#!/usr/bin/env python3
"""Fails on a force unwrap, force cast, `try!`, implicitly unwrapped optional or `fatalError` in
Swift outside tests and generated code (STYLE.md: read input by throwing, never crash on it).

Comments and string literals are blanked first, so `!` in text never counts; `!=`, `!==` and
prefix `!` (negation) are told apart from a postfix `!` by what stands before it.
"""
import pathlib
import re
import sys

ROOTS = ("Services", "Shared")
# Test code, and code generated from data (its generators are checked separately).
EXCLUDED = (
    "Shared/TestSupport/",
    "Shared/WireProtocol/Generated/",
    "Shared/Domain/Calendar/ShippedHolidayYears.swift",
    "Shared/Domain/WorkOrder/ShippedClosureStandards.swift",
)


def blank(source: str) -> str:
    """The source with comments and the text of string literals replaced by spaces (newlines
    kept, so line numbers hold). Interpolations inside strings are kept as code."""
    out = []
    i, n = 0, len(source)
    # A stack of open contexts: ("string", delimiter, hashes) or ("interp", depth of parens).
    stack = []

    def in_string():
        return stack and stack[-1][0] == "string"

    while i < n:
        c = source[i]
        if in_string():
            _, quotes, hashes = stack[-1]
            closing = quotes + "#" * hashes
            if source.startswith(closing, i):
                out.append(closing)
                i += len(closing)
                stack.pop()
                continue
            if c == "\\" and source.startswith("#" * hashes, i + 1):
                after = i + 1 + hashes
                if after < n and source[after] == "(":
                    out.append(" " * (after - i) + "(")
                    i = after + 1
                    stack.append(["interp", 1])
                    continue
                out.append(" " * (after - i + 1))
                i = after + 1
                continue
            out.append("\n" if c == "\n" else " ")
            i += 1
            continue
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if source.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if source.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif source.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("".join("\n" if ch == "\n" else " " for ch in source[i:j]))
            i = j
            continue
        match = re.compile(r'(#*)("""|")').match(source, i)
        if match:
            hashes = len(match.group(1))
            out.append(match.group(0))
            i = match.end()
            stack.append(("string", match.group(2), hashes))
            continue
        if stack and stack[-1][0] == "interp":
            if c == "(":
                stack[-1][1] += 1
            elif c == ")":
                stack[-1][1] -= 1
                if stack[-1][1] == 0:
                    stack.pop()
                    out.append(")")
                    i += 1
                    continue
        out.append(c)
        i += 1
    return "".join(out)


PATTERNS = (
    (re.compile(r"\btry!"), "try!"),
    (re.compile(r"\bas!"), "force cast (as!)"),
    (re.compile(r"\bfatalError\s*\("), "fatalError"),
    # A postfix `!`: right after a name, a closing bracket, a literal's quote or another postfix
    # operator, and not the start of `!=` / `!==`. An implicitly unwrapped type (`Int!`) matches too.
    (re.compile(r"""(?<=[\w)\]}"?>!])!(?!=)"""), "force unwrap or implicitly unwrapped optional (!)"),
)


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    hits = []
    for top in ROOTS:
        for path in sorted((root / top).rglob("*.swift")):
            relative = path.relative_to(root).as_posix()
            if any(relative.startswith(prefix) for prefix in EXCLUDED):
                continue
            code = blank(path.read_text(encoding="utf-8"))
            for number, line in enumerate(code.split("\n"), start=1):
                for pattern, what in PATTERNS:
                    if pattern.search(line):
                        hits.append(f"{relative}:{number}: {what}: {line.strip()}")
                        break
    for hit in hits:
        print(hit)
    if hits:
        print(f"check-no-force-unwrap: {len(hits)} lines crash on unexpected input instead of throwing", file=sys.stderr)
        return 1
    print("check-no-force-unwrap: no force unwrap, force cast, try! or fatalError outside tests and generated code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
