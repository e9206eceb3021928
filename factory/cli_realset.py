"""`factory realset`: build the real-world development set (registered on the `factory` group).

Playwright loads inside the command (in the build's worker processes), so `factory --help` stays instant.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from factory.cli import main
from factory.cli_types import Count, Number, fail
from factory.config import MAX_SEED
from factory.ownership import check_writable, prepare_dir


@main.command()
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Set directory (e.g. datasets/real): new, or one that `factory realset` wrote.")
@click.option("--sources", type=click.Path(path_type=Path), default=Path("realset"), show_default=True,
              help="The catalogue directory: sites.toml, apt-packages.txt, package-lock.json, node_modules/.")
@click.option("--sites", default="all", show_default=True, help="Comma-separated site names, or 'all'.")
@click.option("--screens", type=Count(minimum=1, maximum=10_000), default=16, show_default=True,
              help="Screens per site (fewer when a site has fewer distinct screens); few-shot needs 12 or more.")
@click.option("--seed", type=Count(maximum=MAX_SEED), default=0, show_default=True,
              help="Seed of the page and screen draws.")
@click.option("--workers", type=Count(minimum=1, maximum=64), default=None,
              help="Sites built at once, one browser each [default: all cores]. The bytes do not depend on it.")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Keep sites finished by an earlier run with the same settings and sources.")
@click.option("--timeout", "timeout_s", type=Number(minimum=0, maximum=3600, low_open=True), default=60.0,
              show_default=True, help="Seconds allowed for one page load.")
def realset(out, sources, sites, screens, seed, workers, resume, timeout_s) -> None:
    """Render the real-world development set: real HTML pages that pinned npm and Debian packages ship (site
    templates, UI kits' pages, Sphinx / Doxygen / Javadoc documentation), offline in Chromium, labelled from
    their DOM, one dataset part per site in OUT/<site>/. The set is marked evaluation-only: `factory evaluate
    CKPT --split real 'OUT/*'` reads it; `factory finetune` refuses it without --allow-evaluation-only."""
    from factory import realsites
    from factory.realset import RealsetConfig, build, check_out, few_screens
    from factory.writer_lock import WriterLock
    from renderers import RENDERERS

    cfg = RealsetConfig(screens=screens, seed=seed, timeout_s=timeout_s).validate()
    cat = realsites.load(sources)
    names = None if sites.strip() in ("", "all") else [n.strip() for n in sites.split(",") if n.strip()]
    chosen = cat.select(names)  # an unknown name: ConfigError listing the catalogue
    realsites.check_sources(cat, chosen)  # before anything is created: missing sources are one message
    check_out(out, cat)
    check_writable(out, "--out")
    try:
        chromium = RENDERERS.get("web").version()
    except RuntimeError as e:  # no browser
        fail(str(e), code=3)
    prepare_dir(out, "--out")

    def shown(name: str, manifest: dict, reused: bool) -> None:
        c = manifest["counts"]
        kept = " (kept from an earlier run)" if reused else ""
        click.echo(f"{name}: {c['samples']} screens, {c['elements']:,} boxes{kept}")

    with WriterLock(out, "--out") as lock:
        result = build(cat, [s.name for s in chosen], cfg, out, workers=workers or os.cpu_count() or 1,
                       resume=resume, chromium=chromium, on_site=shown)
        lock.clear()
    screens_total = sum(m["counts"]["samples"] for m in result.sites.values())
    boxes = sum(m["counts"]["elements"] for m in result.sites.values())
    click.echo(f"real-world set: {len(result.sites)} sites, {screens_total:,} screens, {boxes:,} boxes in "
               f"{result.seconds:.0f} s ({len(result.built)} built, {len(result.reused)} kept) -> {out}")
    short = few_screens(result)
    if short:
        click.echo(f"note: {', '.join(short)} have fewer than {realsites.MIN_SCREENS} screens (few-shot needs 10 "
                   f"to train on and some to evaluate)", err=True)
