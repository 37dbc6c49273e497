"""`explainer bench`: start-up, answer speed against the raw floor, memory, builds, search.

Figures are printed as a Markdown table, never asserted. The floor is the same model encoding
the question plus one faiss search and nothing else, measured in the same run.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from explainer.settings import Settings

QUESTIONS = [
    "what is a 287(g) agreement?", "What is an ICE hold?", "Which Minnesota counties signed?",
    "can the sheriff deport me", "¿Qué es un acuerdo 287(g)?", "How do I bake bread?",
    "what does the task force model let deputies do", "is minnesota a sanctuary state",
    "where can I find a free immigration lawyer", "ICE is at my door what do I do",
]
Row = tuple[str, str]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def _subprocess_json(code: str, settings: Settings) -> dict[str, float]:
    env_cache = str(settings.index_folder().parent)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=600,
                            env={**__import__("os").environ, "EXPLAINER_CACHE_DIR": env_cache})
    parsed: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


STARTUP = """
import time, json
t0 = time.perf_counter()
from explainer.core.explainer import Explainer
from explainer.settings import Settings
t1 = time.perf_counter()
e = Explainer(Settings()); e.load()
t2 = time.perf_counter()
e.ask("what is a 287(g) agreement?")
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "first": t3 - t2}))
"""

APP = """
import time, json, asyncio
t0 = time.perf_counter()
from explainer.settings import Settings
from explainer.ui.app import ExplainerApp
async def main():
    app = ExplainerApp(Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        ready = time.perf_counter() - t0
        app.query_one("#question").value = "what is a 287(g) agreement?"
        await pilot.press("enter")
        while not app.query("AnswerCard"):
            await asyncio.sleep(0.005)
        print(json.dumps({"typing": ready, "answer": time.perf_counter() - t0}))
asyncio.run(main())
"""

FLOOR = """
import json, resource, time, statistics
import faiss, numpy as np
from explainer.core.encoder import MiniLMBackend
from explainer.core.index import IndexStore
from explainer.settings import Settings
faiss.omp_set_num_threads(1)
loaded = IndexStore(Settings().index_folder()).load(MiniLMBackend())
questions = QUESTIONS
samples = []
for _ in range(ROUNDS):
    for q in questions:
        s = time.perf_counter()
        v = loaded.encoder.encode([q])
        loaded.search_index.search(v, 10)
        samples.append(time.perf_counter() - s)
samples.sort()
print(json.dumps({"p50": statistics.median(samples), "p95": samples[int(len(samples)*.95)-1],
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def bench(settings: Settings, *, rounds: int = 20, soak: int = 0, large: bool = False,
          out: Callable[[str], None] = print) -> list[Row]:
    from explainer.core.explainer import Explainer

    rows: list[Row] = []
    out("Measuring start-up (new processes)...")
    start = _subprocess_json(STARTUP, settings)
    app = _subprocess_json(APP, settings)
    rows += [("imports (core)", _ms(start["imports"])),
             ("index and model load", _ms(start["load"])),
             ("first answer after load", _ms(start["first"])),
             ("app accepts typing after launch", _ms(app["typing"])),
             ("app shows the first answer after launch", _ms(app["answer"]))]

    out("Measuring warm answers and the floor...")
    engine = Explainer(settings)
    engine.load()
    for question in QUESTIONS:
        engine.ask(question)
    samples = [s for q in QUESTIONS for s in _timed(partial(engine.ask, q), rounds)]
    p50, p95 = _percentiles(samples)
    floor = _subprocess_json(FLOOR.replace("QUESTIONS", repr(QUESTIONS))
                             .replace("ROUNDS", str(rounds)), settings)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows += [("warm ask p50 / p95", f"{_ms(p50)} / {_ms(p95)}"),
             ("floor (encode + faiss search) p50 / p95",
              f"{_ms(floor['p50'])} / {_ms(floor['p95'])}"),
             ("ask / floor at p50", f"{p50 / floor['p50']:.1f}x"),
             ("peak RSS: explainer / floor process", f"{rss // 1024} MB / "
                                                     f"{int(floor['rss']) // 1024} MB")]

    if soak:
        out(f"Soak: {soak} questions in one process...")
        rows += _soak(engine, soak)

    out("Measuring index builds...")
    rows.append(("build, bundled knowledge", f"{_build_seconds(None):.1f} s"))
    for size in ([1000, 10000] if large else [1000]):
        rows.append((f"build, synthetic {size} passages", f"{_build_seconds(size):.1f} s"))

    out("Measuring search on synthetic vectors...")
    rows += _search_rows()
    return rows


def _soak(engine: object, count: int) -> list[Row]:
    ask = engine.ask  # type: ignore[attr-defined]
    latencies = []
    rss_after_warmup = 0
    for number in range(count):
        start = time.perf_counter()
        ask(QUESTIONS[number % len(QUESTIONS)] + f" {number % 7}")
        latencies.append(time.perf_counter() - start)
        if number == 1000:
            rss_after_warmup = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first = statistics.median(latencies[1000:2000])
    last = statistics.median(latencies[-1000:])
    growth = (rss_end - rss_after_warmup) / max(rss_after_warmup, 1) * 100
    return [("soak: memory growth after warm-up", f"{growth:.1f}%"),
            ("soak: p50 of questions 1000-2000 / last 1000", f"{_ms(first)} / {_ms(last)}")]


def _build_seconds(synthetic: int | None) -> float:
    from explainer.core.explainer import Explainer

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(cache_dir=root / "cache", include_bundled=synthetic is None,
                            extra_knowledge=[_synthetic_pack(root / "k", synthetic)]
                            if synthetic else [])
        start = time.perf_counter()
        Explainer(settings).build_index()
        return time.perf_counter() - start


def _synthetic_pack(folder: Path, passages: int) -> Path:
    """An article of `passages` varied paragraphs of about 60 words each."""
    words = ("county sheriff agreement immigration detainer jail officer federal state law "
             "court judge hearing notice rights lawyer family community report board vote "
             "training model task force warrant release custody booking program").split()
    rng = np.random.default_rng(7)
    (folder / "articles").mkdir(parents=True)
    body = "\n\n".join(
        " ".join(f"{' '.join(rng.choice(words, 11))}." for _ in range(5)).capitalize()
        for _ in range(passages))
    (folder / "articles" / "synthetic.md").write_text(
        "---\nid: synthetic\ntitle: Synthetic\npublisher: bench\ndate: '2026'\nlanguage: en\n"
        "---\n\n" + body + "\n", encoding="utf-8")
    return folder


def _search_rows(sizes: Sequence[int] = (1_000, 10_000, 100_000)) -> list[Row]:
    import faiss

    faiss.omp_set_num_threads(1)
    rng = np.random.default_rng(3)
    rows = []
    for size in sizes:
        vectors = rng.standard_normal((size, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        index = faiss.IndexFlatIP(384)
        index.add(vectors)
        queries = vectors[rng.integers(0, size, 50)]
        samples = [s for q in queries
                   for s in _timed(partial(index.search, q.reshape(1, -1), 10), 3)]
        p50, p95 = _percentiles(samples)
        rows.append((f"faiss exact search, {size:,} vectors, p50 / p95",
                     f"{_ms(p50)} / {_ms(p95)}"))
    return rows


def table(rows: list[Row]) -> str:
    lines = [f"Measured {dt.date.today().isoformat()} on {sys.platform}, "
             f"Python {sys.version.split()[0]}", "", "| what | figure |", "|---|---|"]
    lines += [f"| {what} | {figure} |" for what, figure in rows]
    return "\n".join(lines)
