"""`explainer bench`: start-up, answer speed against the raw floor, memory, builds, search.

Figures are printed as a Markdown table, never asserted, each beside its floor measured in the
same run and the ratio: for answers, the same model and vectors through plain onnxruntime,
tokenizers and faiss with nothing else; for builds, the model encoding the same texts; for the
app and a rebuild with nothing new, the target from issue 17. The machine may be shared: every
new-process figure is the median of a few runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from explainer.settings import Settings

QUESTIONS = [
    "what is a 287(g) agreement?", "What is an ICE hold?", "Which Minnesota counties signed?",
    "can the sheriff deport me", "¿Qué es un acuerdo 287(g)?", "How do I bake bread?",
    "what does the task force model let deputies do", "is minnesota a sanctuary state",
    "where can I find a free immigration lawyer", "ICE is at my door what do I do",
]
Row = tuple[str, str, str, str]  # what, explainer's figure, the floor or target, the ratio
APP_TARGET = 1.0  # seconds from launch to the first answer in the app
REBUILD_TARGET = 3.0  # seconds for a build that embeds nothing new


def _row(what: str, figure: str, floor: str = "", ratio: str = "") -> Row:
    return (what, figure, floor, ratio)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _ratio(ours: float, floor: float) -> str:
    return f"{ours / floor:.2f}x" if floor > 0 else ""


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def _environment(settings: Settings) -> dict[str, str]:
    return {**os.environ, "EXPLAINER_CACHE_DIR": str(settings.index_folder().parent)}


def _subprocess_json(code: str, settings: Settings, stdin: str = "") -> dict[str, float]:
    """Run `code` in a new Python; its last stderr line is a JSON object of figures."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=1200, input=stdin, env=_environment(settings))
    parsed: dict[str, float] = json.loads(result.stderr.strip().splitlines()[-1])
    return parsed


def _wall(code: str, settings: Settings, stdin: str) -> tuple[float, dict[str, float]]:
    start = time.perf_counter()
    figures = _subprocess_json(code, settings, stdin)
    return time.perf_counter() - start, figures


STARTUP = """
import time, json, sys
t0 = time.perf_counter()
from explainer.core.explainer import Explainer
from explainer.settings import Settings
t1 = time.perf_counter()
e = Explainer(Settings()); e.load()
t2 = time.perf_counter()
e.ask("what is a 287(g) agreement?")
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "first": t3 - t2}), file=sys.stderr)
"""

APP = """
import time, json, asyncio, sys
t0 = time.perf_counter()
from explainer.core import prefetch
prefetch.start(prefetch.likely_index_folder())  # as `explainer` does first thing (cli.py)
from explainer.settings import Settings
settings = Settings()
from explainer.ui.app import ExplainerApp
async def main():
    app = ExplainerApp(settings)
    async with app.run_test(size=(80, 24)) as pilot:
        ready = time.perf_counter() - t0
        app.query_one("#question").value = "what is a 287(g) agreement?"
        await pilot.press("enter")
        while not app.query("AnswerCard"):
            await asyncio.sleep(0.005)
        print(json.dumps({"typing": ready, "answer": time.perf_counter() - t0}), file=sys.stderr)
asyncio.run(main())
"""

# A process's own peak memory in KiB. Not ru_maxrss: Linux carries the parent's peak over
# fork and exec, so every child of a bench that had loaded the engine reported the bench's own.
PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

# `explainer ask --json`, questions on stdin, as a user runs it; then its own peak memory.
ASK_PROCESS = PEAK + """
import json, sys
from explainer.cli import main
code = main(["ask", "--json"])
print(json.dumps({"code": code, "rss": peak_kib()}), file=sys.stderr)
"""

# The floor: the same model and vectors through plain onnxruntime, tokenizers and faiss, with
# nothing of explainer imported: read the files, encode each question, one exact search. The
# session settings are the fastest measured on 2 shared cores (the same as explainer's).
FLOOR = PEAK + """
import json, os, statistics, sys, time
import faiss, numpy as np, onnxruntime
from tokenizers import Tokenizer
index = os.path.join(os.environ["EXPLAINER_CACHE_DIR"], "index")
with open(os.path.join(index, "current.json")) as f:
    build = os.path.join(index, "builds", json.load(f)["build"])
faiss.omp_set_num_threads(1)
tokenizer = Tokenizer.from_file(os.path.join(build, "tokenizer.json"))
tokenizer.no_padding()
tokenizer.enable_truncation(256)
options = onnxruntime.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
options.add_session_config_entry("session.intra_op.allow_spinning", "0")
session = onnxruntime.InferenceSession(os.path.join(build, "encoder.onnx"), options,
                                       providers=["CPUExecutionProvider"])
vectors = np.load(os.path.join(build, "vectors.npy"))
flat = faiss.IndexFlatIP(vectors.shape[1])
flat.add(vectors)
del vectors
def answer(question):
    e = tokenizer.encode(question)
    feed = {"input_ids": np.asarray([e.ids], dtype=np.int64),
            "attention_mask": np.asarray([e.attention_mask], dtype=np.int64),
            "token_type_ids": np.asarray([e.type_ids], dtype=np.int64)}
    return flat.search(session.run(["embedding"], feed)[0], 10)
questions = [line.strip() for line in sys.stdin if line.strip()]
for q in questions:
    print(json.dumps(answer(q)[1][0].tolist()))
samples = []
for _ in range(ROUNDS):
    for q in questions:
        s = time.perf_counter()
        answer(q)
        samples.append(time.perf_counter() - s)
samples.sort()
p50 = statistics.median(samples) if samples else 0.0
p95 = samples[max(int(len(samples) * .95) - 1, 0)] if samples else 0.0
print(json.dumps({"p50": p50, "p95": p95,
                  "rss": peak_kib()}), file=sys.stderr)
"""


# A Textual app with nothing but an input box: the floor for "accepts typing after launch".
APP_FLOOR = """
import time, json, asyncio, sys
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Input
class Bare(App[None]):
    def compose(self):
        yield Input(id="question")
async def main():
    async with Bare().run_test(size=(80, 24)):
        print(json.dumps({"typing": time.perf_counter() - t0}), file=sys.stderr)
asyncio.run(main())
"""

PARTS = ("cold", "app", "warm", "memory", "rebuild", "build", "search")


def parse_parts(text: str) -> list[str]:
    """`--only cold,app`: the parts in the order given; raises ValueError on an unknown one."""
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in PARTS]
    if unknown or not chosen:
        raise ValueError(f"unknown part {', '.join(unknown) or '(none)'}: "
                         f"choose from {', '.join(PARTS)}")
    return list(dict.fromkeys(chosen))


def bench(settings: Settings, *, rounds: int = 20, repeat: int = 3, soak: int = 0,
          large: bool = False, parts: Sequence[str] = PARTS,
          out: Callable[[str], None] = print) -> list[Row]:
    """Every figure beside its floor (or target) from this same run, medians of `repeat`."""
    rows: list[Row] = []

    def measured(new: list[Row]) -> None:
        """Keep the rows and show them at once: a long run on a busy machine keeps what it has."""
        rows.extend(new)
        for row in new:
            out("  " + " | ".join(part for part in row if part))

    runs: dict[str, Callable[[], list[Row]]] = {
        "cold": partial(_cold_rows, settings, repeat),
        "app": partial(_app_rows, settings, repeat),
        "warm": partial(_warm_rows, settings, rounds),
        "memory": partial(_memory_rows, settings, repeat),
        "rebuild": partial(_rebuild_rows, settings, repeat),
        "build": partial(_build_rows, large),
        "search": _search_rows,
    }
    for part in parts:
        out(f"Measuring {part}...")
        start = time.perf_counter()
        measured(runs[part]())
        out(f"  ({part} took {time.perf_counter() - start:.0f} s)")
    if soak:
        out(f"Soak: {soak} questions in one process...")
        measured(_soak(_loaded_engine(settings), soak))
    return rows


def _loaded_engine(settings: Settings) -> object:
    from explainer.core.explainer import Explainer

    engine = Explainer(settings)
    engine.load()
    for question in QUESTIONS:
        engine.ask(question)
    return engine


def _median(figures: list[dict[str, float]], key: str) -> float:
    return statistics.median(f[key] for f in figures)


def _cold_rows(settings: Settings, repeat: int) -> list[Row]:
    first = QUESTIONS[0] + "\n"
    floor_once = FLOOR.replace("ROUNDS", "0")
    # Ours and the floor take turns, so a change in the machine's load hits both alike.
    cold, cold_floor = [], []
    for _ in range(repeat):
        cold.append(_wall(ASK_PROCESS, settings, first)[0])
        cold_floor.append(_wall(floor_once, settings, first)[0])
    ours, floor = statistics.median(cold), statistics.median(cold_floor)
    start = [_subprocess_json(STARTUP, settings) for _ in range(repeat)]
    return [_row("cold process, one answer (`ask --json`)", _ms(ours), _ms(floor),
                 _ratio(ours, floor)),
            _row("imports (core)", _ms(_median(start, "imports"))),
            _row("index and model load", _ms(_median(start, "load"))),
            _row("first answer after load", _ms(_median(start, "first")))]


def _app_rows(settings: Settings, repeat: int) -> list[Row]:
    app, bare = [], []
    for _ in range(repeat):
        app.append(_subprocess_json(APP, settings))
        bare.append(_subprocess_json(APP_FLOOR, settings))
    typing, shown = _median(app, "typing"), _median(app, "answer")
    floor = _median(bare, "typing")
    return [_row("app accepts typing after launch", _ms(typing),
                 f"{_ms(floor)} (a bare Textual app)", _ratio(typing, floor)),
            _row("app shows the first answer after launch", _ms(shown),
                 "target " + _ms(APP_TARGET), _ratio(shown, APP_TARGET))]


def _warm_rows(settings: Settings, rounds: int) -> list[Row]:
    engine: Any = _loaded_engine(settings)
    samples = [s for q in QUESTIONS for s in _timed(partial(engine.ask, q), rounds)]
    p50, p95 = _percentiles(samples)
    everything = "\n".join(QUESTIONS) + "\n"
    floor = _subprocess_json(FLOOR.replace("ROUNDS", str(rounds)), settings, everything)
    return [_row("warm answer p50", _ms(p50), _ms(floor["p50"]), _ratio(p50, floor["p50"])),
            _row("warm answer p95", _ms(p95), _ms(floor["p95"]), _ratio(p95, floor["p95"]))]


def _memory_rows(settings: Settings, repeat: int) -> list[Row]:
    everything = "\n".join(QUESTIONS) + "\n"
    ours = statistics.median(_subprocess_json(ASK_PROCESS, settings, everything)["rss"]
                             for _ in range(repeat))
    floor = statistics.median(
        _subprocess_json(FLOOR.replace("ROUNDS", "0"), settings, everything)["rss"]
        for _ in range(repeat))
    return [_row("peak memory, a process answering 10 questions", f"{int(ours) // 1024} MB",
                 f"{int(floor) // 1024} MB", _ratio(ours, floor))]


def _rebuild_rows(settings: Settings, repeat: int) -> list[Row]:
    """`explainer index build` in a new process when nothing is new to embed: a copy of the
    current index in a temporary cache folder, built again `repeat` times."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Settings(cache_dir=Path(folder))
        shutil.copytree(settings.index_folder(), copy.index_folder())
        environment = {**os.environ, "EXPLAINER_CACHE_DIR": folder}
        command = [sys.executable, "-m", "explainer", "index", "build"]
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=environment,
                           timeout=1200)
            samples.append(time.perf_counter() - start)
    again = statistics.median(samples)
    return [_row("build again, nothing new to embed (`index build`, new process)",
                 f"{again:.2f} s", f"target {REBUILD_TARGET:.1f} s",
                 _ratio(again, REBUILD_TARGET))]


def _build_rows(large: bool) -> list[Row]:
    full, raw = _bundled_build_seconds()
    rows = [_row("build, bundled knowledge (all texts embedded)", f"{full:.1f} s",
                 f"{raw:.1f} s raw encoding", _ratio(full, raw))]
    for size in ([1000, 10000] if large else [1000]):
        rows.append(_row(f"build, synthetic {size} passages", f"{_build_seconds(size):.1f} s"))
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
    return [_row("soak: memory growth after warm-up", f"{growth:.1f}%"),
            _row("soak: p50 of questions 1000-2000 / last 1000", f"{_ms(first)} / {_ms(last)}")]


def _bundled_build_seconds() -> tuple[float, float]:
    """A full build of the bundled knowledge and the floor: the model alone encoding the same
    texts (loaded beforehand, one call, batches of 32)."""
    from explainer.core.encoder import MiniLMBackend
    from explainer.core.explainer import Explainer
    from explainer.core.index import ask_texts, embedding_text, sentence_texts
    from explainer.core.knowledge import load_knowledge

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(cache_dir=Path(folder) / "cache", include_bundled=True)
        full = _timed(Explainer(settings).build_index, 1)[0]
    knowledge = load_knowledge(Settings(include_bundled=True).knowledge_folders())
    units = knowledge.vetted()
    texts = [embedding_text(u) for u in units] + sentence_texts(units) + ask_texts(units)
    texts += [q.text for q in knowledge.not_covered]
    model = MiniLMBackend()._sentence_transformer()
    raw = _timed(partial(model.encode, texts, batch_size=32, normalize_embeddings=True,
                         show_progress_bar=False, convert_to_numpy=True), 1)[0]
    return full, raw


def _build_seconds(synthetic: int) -> float:
    from explainer.core.explainer import Explainer

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(cache_dir=root / "cache", include_bundled=False,
                            extra_knowledge=[_synthetic_pack(root / "k", synthetic)])
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
        rows.append(_row(f"faiss exact search, {size:,} vectors, p50 / p95",
                         f"{_ms(p50)} / {_ms(p95)}"))
    return rows


def table(rows: list[Row]) -> str:
    lines = [f"Measured {dt.date.today().isoformat()} on {sys.platform}, "
             f"Python {sys.version.split()[0]}", "",
             "| what | explainer | floor or target | ratio |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)
