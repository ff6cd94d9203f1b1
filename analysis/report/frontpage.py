"""The report's front page: per corpus a summary card, its topics, the key charts, the notebook pages.

Every number comes from files the notebooks saved while they ran: ``figures/01_overview.csv``
(:func:`analysis.corpus.summary`'s ``overview``), ``figures/04_topics.csv``
(:attr:`analysis.topics.TopicResult.sizes`), and each chart's ``figures/<name>.json`` (title, alt
text). Whatever is missing (a notebook that failed, a corpus without dates) is left out of the card.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import json
from pathlib import Path

from analysis.report import pages

#: Charts shown as thumbnails, in this order of preference, at most :data:`N_THUMBNAILS` per corpus.
KEY_FIGURES = (
    "01_articles_per_period", "04_article_map", "02_top_terms", "02_keyness", "04_topic_sizes",
    "03_readability_by_group", "01_articles_by_group", "02_names", "04_topics_over_time",
)
N_THUMBNAILS = 6


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _int(value) -> str:
    try:
        return f"{int(float(value)):,}"
    except (TypeError, ValueError):
        return str(value)


def _day(value: str) -> str:
    return (value or "").strip()[:10]


def summary_facts(folder: Path) -> list[tuple[str, str]]:
    """``(label, value)`` pairs for a corpus's card, from the overview table notebook 01 saved.

    Rows whose measure mentions boilerplate (present once the loader reports boilerplate it
    removed) are shown as they are named.
    """
    rows = {r.get("measure", ""): r.get("value", "") for r in _read_csv(folder / "figures" / "01_overview.csv")}
    if not rows:
        return []
    facts = []
    if "articles" in rows:
        facts.append(("articles", _int(rows["articles"])))
    if "sources" in rows:
        facts.append(("sources", _int(rows["sources"]) if _int(rows["sources"]) != "0" else "none in the articles"))
    labels = rows.get("labels")
    if labels not in (None, "", "0", "1"):
        facts.append(("labels", _int(labels)))
    first, last = _day(rows.get("first date", "")), _day(rows.get("last date", ""))
    if first and first.lower() not in ("nat", "nan"):
        facts.append(("dates", f"{first} to {last}" if last and last != first else first))
    else:
        facts.append(("dates", "none in the articles"))
    if "duplicates" in rows:
        facts.append(("duplicates found", _int(rows["duplicates"])))
    for measure, value in rows.items():
        if "boilerplate" in measure.lower():
            facts.append((measure, _int(value)))
    boilerplate = _read_csv(folder / "figures" / "01_boilerplate.csv")
    if boilerplate and not any("boilerplate" in m.lower() for m in rows):
        facts.append(("boilerplate lines removed", f"{len(boilerplate):,}"))
    return facts


def topic_rows(folder: Path) -> list[dict]:
    """The topics notebook 04 found (``topic, name, n_articles, share``), largest first."""
    rows = _read_csv(folder / "figures" / "04_topics.csv")
    return sorted(rows, key=lambda r: -float(r.get("n_articles") or 0))


def _figures(folder: Path) -> dict[str, dict]:
    found = {}
    for meta in sorted((folder / "figures").glob("*.json")):
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (folder / "figures" / info.get("file", "")).exists():
            found[meta.stem] = info
    return found


def _notebook_info(folder: Path, stem: str) -> tuple[str, str]:
    ipynb = folder / f"{stem}.ipynb"
    try:
        nb = json.loads(ipynb.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return stem, ""
    title, intro = pages.notebook_title(nb, stem)
    return title, intro


def _corpus_section(out_root: Path, record: dict) -> str:
    from analysis import datasets

    name, folder_name = record["corpus"], record["folder"]
    folder = out_root / folder_name
    esc = html.escape
    parts = [f'<section class="corpus" id="{esc(folder_name)}"><h2>{esc(name)}</h2>']
    described = datasets.NAMES.get(name) or record.get("parameter", "")
    if record.get("max_articles"):
        described += f" (a reproducible sample of {record['max_articles']:,} articles)"
    parts.append(f'<p class="lede">{esc(described)}</p>')

    facts = summary_facts(folder)
    topics = topic_rows(folder)
    card = ['<div class="card">']
    if facts:
        words = ' class="words"'
        card.append("<dl>" + "".join(
            f"<div><dt>{esc(k)}</dt><dd{'' if v[:1].isdigit() else words}>{esc(v)}</dd></div>"
            for k, v in facts) + "</dl>")
    if topics:
        card.append(f"<h3>{len(topics)} topics found</h3><ol class=\"topics\">")
        for row in topics:
            share = float(row.get("share") or 0)
            card.append(f"<li><span class=\"topic\">{esc(row.get('name', ''))}</span> "
                        f"<span class=\"n\">{_int(row.get('n_articles'))} articles · {share:.0%}</span></li>")
        card.append("</ol>")
    if not facts and not topics:
        card.append("<p>No summary: the overview and topic notebooks did not finish (see below).</p>")
    card.append("</div>")
    parts.extend(card)

    figures = _figures(folder)
    pages_by_prefix = {nb["notebook"][:2]: nb for nb in record["notebooks"] if nb.get("page")}
    thumbs = [n for n in KEY_FIGURES if n in figures][:N_THUMBNAILS]
    if thumbs:
        parts.append('<div class="thumbs">')
        for fig in thumbs:
            info = figures[fig]
            page = pages_by_prefix.get(fig[:2])
            href = f"{folder_name}/{page['page']}#fig-{fig}" if page else f"{folder_name}/figures/{info['file']}"
            parts.append(f'<figure><a href="{esc(href)}"><img src="{esc(folder_name)}/figures/{esc(info["file"])}" '
                         f'alt="{esc(info.get("alt", info.get("title", fig)))}" loading="lazy"></a>'
                         f"<figcaption>{esc(info.get('title', fig))}</figcaption></figure>")
        parts.append("</div>")

    parts.append('<h3>Notebooks</h3><ul class="notebooks">')
    for nb in record["notebooks"]:
        stem = nb["notebook"]
        title, intro = _notebook_info(folder, stem)
        if nb.get("page"):
            head = f'<a href="{esc(folder_name)}/{esc(nb["page"])}">{esc(title)}</a>'
        else:
            head = esc(title)
        status = ""
        if nb.get("error"):
            status = f' <span class="bad">failed: {esc(nb["error"][:200])}</span>'
            if (folder / f"{stem}.ipynb").exists():
                status += f' (<a href="{esc(folder_name)}/{esc(stem)}.ipynb">executed notebook</a>)'
        charts = [(n, figures[n]) for n in figures if n[:2] == stem[:2]]
        chart_links = ", ".join(f'<a href="{esc(folder_name)}/figures/{esc(i["file"])}">{esc(i.get("title", n))}</a>'
                                for n, i in charts)
        parts.append(f"<li>{head}{status}<span class=\"time\"> · {nb.get('seconds', 0):.0f} s</span>"
                     + (f"<p>{pages.inline_markdown(intro)}</p>" if intro else "")
                     + (f'<p class="charts">Charts (PNG): {chart_links}</p>' if chart_links else "")
                     + "</li>")
    parts.append("</ul></section>")
    return "\n".join(parts)


FRONT_STYLE = """
.lede { color: var(--muted); }
.card { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; }
.card dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .6rem 1rem; margin: 0; }
.card dt { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
.card dd { margin: 0; font-size: 1.25rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card dd.words { font-size: 1rem; font-weight: 500; color: var(--muted); }
.card h3 { margin-top: 1rem; }
ol.topics { margin: .2rem 0; padding-left: 1.4rem; columns: 2 320px; }
ol.topics li { break-inside: avoid; margin-bottom: .2rem; }
ol.topics .n { color: var(--muted); font-size: .85rem; white-space: nowrap; }
.thumbs { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 1rem; margin: 1rem 0; }
.thumbs figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: .4rem; background: #fff; }
.thumbs img { width: 100%; height: 170px; object-fit: contain; display: block; }
ul.notebooks { padding-left: 1.2rem; }
ul.notebooks li { margin-bottom: .8rem; }
ul.notebooks p { margin: .2rem 0; }
.charts { font-size: .88rem; }
.time { color: var(--muted); font-size: .85rem; }
.bad { color: #b42318; font-weight: 600; }
nav.toc a { margin-right: 1rem; }
"""


def write_index(out_root, runs: list[dict]) -> Path:
    """Write ``out_root/index.html`` for the runs of :func:`analysis.report.run` (one record per corpus)."""
    from analysis import __version__

    out_root = Path(out_root)
    body = ['<header class="top"><h1>News corpus report</h1>']
    if len(runs) > 1:
        body.append('<nav class="toc">' + "".join(f'<a href="#{html.escape(r["folder"])}">{html.escape(r["corpus"])}</a>'
                                                  for r in runs) + "</nav>")
    body.append("</header><main>")
    body.extend(_corpus_section(out_root, r) for r in runs)
    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    body.append(f"</main><footer>Made by news-analysis {html.escape(__version__)} on {stamp}. "
                "Each page works offline; charts are PNG files in each corpus's <code>figures/</code> folder, "
                "full tables CSV files in <code>tables/</code>.</footer>")
    index = out_root / "index.html"
    text = pages.page("News corpus report", "\n".join(body)).replace("</style>", FRONT_STYLE + "</style>", 1)
    index.write_text(text, encoding="utf-8")
    return index
