"""An executed notebook as a page for readers: text, charts and short tables, code folded away.

Each code cell's source sits in a closed ``<details>`` element (no script needed); the executed
``.ipynb`` is linked at the top. Pages carry their style inline and load nothing from the network,
so they work offline, straight from the file system, on a laptop or a phone.
"""

from __future__ import annotations

import html
import re

STYLE = """
:root { --fg: #1d232b; --muted: #5b6572; --line: #d9dee5; --bg: #fff; --soft: #f4f6f9; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--fg); background: var(--bg); }
main, header.top, footer { max-width: 1100px; margin: 0 auto; padding: 0 1rem; }
header.top { padding-top: 1.2rem; }
nav.crumbs { font-size: .9rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .6rem 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
p, li { max-width: 75ch; }
code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft);
       padding: .05em .3em; border-radius: 3px; }
pre { font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft);
      padding: .6rem .8rem; border-radius: 4px; overflow-x: auto; white-space: pre; }
pre.stderr { background: #fff7e6; }
pre.error { background: #fdecec; color: #7a1010; }
details.code { margin: .3rem 0; }
details.code > summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
figure.chart { margin: 1rem 0; }
figure.chart img, .out img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
.table { overflow-x: auto; margin: .6rem 0 1rem; }
table.dataframe { border-collapse: collapse; font-size: .88rem; font-variant-numeric: tabular-nums; }
table.dataframe th, table.dataframe td { padding: .25rem .6rem; border-bottom: 1px solid var(--line);
                                        text-align: right; vertical-align: top; }
table.dataframe th { background: var(--soft); }
table.dataframe td:first-child, table.dataframe th:first-child { text-align: left; }
.table-note { font-size: .85rem; color: var(--muted); margin: .2rem 0; }
.params { font-size: .9rem; color: var(--muted); }
.failed { background: #fdecec; border-left: 4px solid #b42318; padding: .5rem .8rem; }
footer { color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
@media (max-width: 600px) { body { font-size: 15px; } h1 { font-size: 1.4rem; } }
"""

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A whole HTML page: ``body`` with the report's inline style."""
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n")


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def markdown_html(text: str) -> str:
    """Markdown (as in a notebook's text cells) to HTML.

    Examples
    --------
    >>> markdown_html("## Sizes\\n\\nThe `share` column.").strip()
    '<h2>Sizes</h2>\\n<p>The <code>share</code> column.</p>'
    """
    import mistune

    return mistune.html(text)


def inline_markdown(text: str) -> str:
    """Markdown of one paragraph to HTML without the enclosing ``<p>``.

    Examples
    --------
    >>> inline_markdown("Counts by `source`.")
    'Counts by <code>source</code>.'
    """
    out = markdown_html(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def notebook_title(nb: dict, default: str) -> tuple[str, str]:
    """``(title, first paragraph)`` from the notebook's first text cell's heading.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# 01 · Overview\\n\\nWhat is in it.\\n\\nMore."}]}
    >>> notebook_title(nb, "x")
    ('01 · Overview', 'What is in it.')
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell).strip()
        match = re.match(r"#\s+(.+)", text)
        if match:
            rest = [p.strip() for p in text[match.end():].split("\n\n") if p.strip()]
            return match.group(1).strip(), (rest[0] if rest else "")
        break
    return default, ""


def _output_html(out: dict, *, alt: str) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        text = _ANSI.sub("", _text(out.get("text")))
        if not text.strip():
            return ""
        css = "stderr" if out.get("name") == "stderr" else "stdout"
        block = f'<pre class="{css}">{html.escape(text.rstrip())}</pre>'
        if css == "stderr":
            return f'<details class="code"><summary>messages</summary>{block}</details>'
        return block
    if kind == "error":
        trace = _ANSI.sub("", "\n".join(out.get("traceback", [])))
        return f'<pre class="error">{html.escape(trace or (out.get("ename", "") + ": " + out.get("evalue", "")))}</pre>'
    data = out.get("data", {})
    if "text/html" in data:
        return f'<div class="out">{_text(data["text/html"])}</div>'
    if "image/svg+xml" in data:
        return f'<div class="out">{_text(data["image/svg+xml"])}</div>'
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            meta_alt = out.get("metadata", {}).get(mime, {}).get("alt") or alt
            b64 = _text(data[mime]).replace("\n", "")
            return f'<div class="out"><img src="data:{mime};base64,{b64}" alt="{html.escape(meta_alt)}"></div>'
    if "text/markdown" in data:
        return markdown_html(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="stdout">{html.escape(_ANSI.sub("", _text(data["text/plain"])))}</pre>'
    return ""


def notebook_html(nb: dict, *, name: str, ipynb_href: str, home_href: str | None = None,
                  corpus_label: str = "") -> str:
    """The reader's page of an executed notebook.

    Parameters
    ----------
    nb : dict
        The executed notebook (nbformat 4).
    name : str
        Its file stem, used when it has no heading.
    ipynb_href : str
        Link to the executed notebook (with code and outputs), relative to the page.
    home_href : str, optional
        Link back to the report's front page.
    corpus_label : str
        What the notebook ran on, shown under the title.
    """
    title, _ = notebook_title(nb, name)
    parts = ['<header class="top"><nav class="crumbs">']
    if home_href:
        parts.append(f'<a href="{html.escape(home_href)}">← all notebooks</a>')
    parts.append(f'<a href="{html.escape(ipynb_href)}">the executed notebook, with its code (.ipynb)</a>'
                 "<span>code is folded: open “code” to read it</span></nav></header><main>")
    info = nb.get("metadata", {}).get("news_analysis", {})
    error = info.get("error")
    first_heading_done = False
    for index, cell in enumerate(nb.get("cells", [])):
        kind = cell.get("cell_type")
        source = _source(cell)
        if kind == "markdown":
            rendered = markdown_html(source)
            if not first_heading_done and rendered.lstrip().startswith("<h1"):
                first_heading_done = True
                if corpus_label:
                    rendered = rendered.replace("</h1>", f"</h1>\n<p class=\"params\">{html.escape(corpus_label)}</p>", 1)
            parts.append(rendered)
            continue
        if kind != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if "parameters" in tags:
            continue  # the defaults; the values of this run are in the injected cell
        if "injected-parameters" in tags:
            lines = [ln for ln in source.splitlines() if ln and not ln.startswith("#")]
            parts.append(f'<details class="code"><summary>parameters of this run</summary>'
                         f'<pre>{html.escape(chr(10).join(lines))}</pre></details>')
            continue
        if source.strip():
            parts.append(f'<details class="code"><summary>code</summary><pre>{html.escape(source)}</pre></details>')
        for out in cell.get("outputs", []):
            parts.append(_output_html(out, alt=f"Chart from {title}"))
        if error and error.get("cell") == index:
            parts.append(f'<p class="failed">This notebook stopped here: {html.escape(error.get("message", ""))}. '
                         "The cells below did not run.</p>")
    parts.append("</main>")
    return page(title, "\n".join(parts))
