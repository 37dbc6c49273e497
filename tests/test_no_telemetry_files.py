"""onnxruntime must write nothing about a session to disk (no telemetry, nothing in ~/.cache)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import onnx
from onnx import TensorProto, helper


def tiny_model() -> bytes:
    """The smallest model onnxruntime will open: y = x."""
    graph = helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])], "identity",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return bytes(model.SerializeToString())


def test_answering_leaves_no_onnxruntime_files_in_the_home_folder(tmp_path: Path) -> None:
    model = tmp_path / "identity.onnx"
    onnx.save_model(onnx.load_from_string(tiny_model()), model)
    home = tmp_path / "home"
    home.mkdir()
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith(("ORT_", "XDG_"))}
    # The encoder module is what answering imports before onnxruntime.
    script = ("import explainer.core.encoder\n"
              "import onnxruntime\n"
              f"onnxruntime.InferenceSession({str(model)!r}, "
              "providers=['CPUExecutionProvider'])\n")
    done = subprocess.run([sys.executable, "-c", script], env=dict(environment, HOME=str(home)),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert sorted(str(path.relative_to(home)) for path in home.rglob("*")) == []
