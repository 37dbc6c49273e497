"""Make every Hugging Face library refuse the network. Import this before any of them."""

from __future__ import annotations

import os

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "DO_NOT_TRACK": "1",
    # onnxruntime 1.32 on Linux otherwise writes a device id and queued telemetry events to
    # ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ when a session is created.
    "ORT_DISABLE_TELEMETRY": "1",
    # Library progress bars and advice go nowhere: stdout carries only our output.
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
}


def go_offline() -> None:
    """Set the offline switches (they are read when huggingface_hub is first imported)."""
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ[name] = value


go_offline()
