"""MkDocs hook: doctest examples in docstrings are shown as code, not read as Markdown.

Docstrings hold bare ``>>>`` examples (they run as doctests). Read as Markdown,
an output line such as ``['informed', 'registered']`` is a reference link, and
mkdocs-autorefs warns that it cannot find the target. This hook adds a small
Markdown preprocessor that wraps each bare doctest block (from a ``>>>`` line
to the next blank line) in a ``pycon`` code fence. Blocks already inside a
fence are left alone.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_FENCE = re.compile(r"^\s*(```|~~~)")
_PROMPT = re.compile(r"^(\s*)>>>( |$)")


class _DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fenced = False
        block_indent: str | None = None
        for line in lines:
            if block_indent is not None:
                if line.strip():
                    out.append(line)
                    continue
                out.append(f"{block_indent}```")
                block_indent = None
            if _FENCE.match(line):
                fenced = not fenced
            elif not fenced and (prompt := _PROMPT.match(line)):
                block_indent = prompt.group(1)
                if out and out[-1].strip():
                    out.append("")
                out.append(f"{block_indent}```pycon")
            out.append(line)
        if block_indent is not None:
            out.append(f"{block_indent}```")
        return out


class DoctestBlocks(Extension):
    """Registers the preprocessor before the fenced-code ones."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_DoctestBlocks(md), "doctest_blocks", 40)


def on_config(config: Any) -> Any:
    """Add the extension to every Markdown instance (pages and docstrings alike)."""
    config.markdown_extensions.append(DoctestBlocks())
    return config
