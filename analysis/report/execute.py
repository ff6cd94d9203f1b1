"""Execute a notebook in a Jupyter kernel and keep its outputs, with jupyter_client alone.

nbclient (with nbformat) or papermill would do this too, but they add 8 and 22 packages to an install
whose whole core is 25; what the report needs from them is this loop: start a kernel of this
Python, inject the parameters after the cell tagged ``parameters``, run the cells in order until
one fails, and record each cell's outputs in the notebook format (nbformat 4).
"""

from __future__ import annotations

import copy
import json
import os
import queue
import sys
import tempfile
import time
from pathlib import Path

#: Tag of the cell that holds a notebook's default parameters (papermill's convention).
PARAMETERS_TAG = "parameters"
#: Tag of the cell the runner inserts after it with the values of this run.
INJECTED_TAG = "injected-parameters"


class CellError(RuntimeError):
    """A cell raised: the message names the notebook, the cell and the exception."""


def read_notebook(path) -> dict:
    """The notebook at ``path`` as a dict (nbformat 4 JSON)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    if nb.get("nbformat") != 4:
        raise ValueError(f"{path} is nbformat {nb.get('nbformat')!r}; only version 4 notebooks can be run")
    return nb


def write_notebook(nb: dict, path) -> Path:
    """Write ``nb`` as JSON the way Jupyter does (one-space indent, trailing newline)."""
    path = Path(path)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def inject_parameters(nb: dict, parameters: dict) -> dict:
    """A copy of ``nb`` with a cell setting ``parameters`` inserted after the ``parameters`` cell.

    Values are written as Python literals (``repr``), so only str, int, float, bool and None
    round-trip.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {"tags": ["parameters"]}}]}
    >>> [c["source"] for c in inject_parameters(nb, {"x": 2})["cells"]]
    ['x = 1', '# Parameters of this run\\nx = 2\\n']
    """
    nb = copy.deepcopy(nb)
    cells = nb["cells"] = [c for c in nb["cells"] if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    tagged = [i for i, c in enumerate(cells) if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise ValueError(f"a notebook needs exactly one cell tagged {PARAMETERS_TAG!r}; found {len(tagged)}")
    at = tagged[0] + 1
    source = "# Parameters of this run\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = {"cell_type": "code", "execution_count": None, "metadata": {"tags": [INJECTED_TAG]}, "outputs": [],
            "source": source}
    if nb.get("nbformat_minor", 0) >= 5:  # cell ids are required from nbformat 4.5
        cell["id"] = "injected-parameters"
    cells.insert(at, cell)
    return nb


def _kernel_spec_manager():
    # The kernel must be this interpreter (the one that has the package installed), whatever kernels
    # the user registered under the same name.
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              display_name=f"Python {sys.version_info[0]}.{sys.version_info[1]}",
                              language="python", resource_dir="")

    return ThisPython()


def kernel_environment(extra: dict | None = None) -> dict:
    """The environment a report kernel runs in: this process's, with ``extra`` on top."""
    env = dict(os.environ)
    env.update(extra or {})
    return env


def _output(msg) -> dict | None:
    kind, content = msg["msg_type"], msg["content"]
    if kind in ("display_data", "execute_result"):
        out = {"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {})}
        if kind == "execute_result":
            out["execution_count"] = content.get("execution_count")
        return out
    if kind == "error":
        return {"output_type": "error", "ename": content["ename"], "evalue": content["evalue"],
                "traceback": content["traceback"]}
    return None


class Kernel:
    """A running ipykernel of this Python, started in ``cwd`` (a context manager).

    Communication goes over Unix sockets (``ipc``) in a private temporary folder rather than
    TCP ports on localhost: nothing listens on the network, so other users of the machine cannot
    connect, and the kernel has no reason to warn about unencrypted traffic.
    """

    def __init__(self, cwd, *, env: dict | None = None, startup_timeout: float = 120):
        from jupyter_client.manager import KernelManager

        self._tmp = tempfile.TemporaryDirectory(prefix="na-kernel-")
        transport = "ipc" if os.name == "posix" else "tcp"
        self.manager = KernelManager(kernel_name="python3", kernel_spec_manager=_kernel_spec_manager(),
                                     transport=transport,
                                     connection_file=os.path.join(self._tmp.name, "kernel.json"))
        if transport == "ipc":
            self.manager.ip = os.path.join(self._tmp.name, "k")
        self.manager.start_kernel(cwd=str(cwd), env=kernel_environment(env))
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=startup_timeout)
        except RuntimeError:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.client.stop_channels()
        finally:
            try:
                if self.manager.has_kernel:
                    self.manager.shutdown_kernel(now=False)
            finally:
                self._tmp.cleanup()

    def run(self, code: str, *, timeout: float | None = None, silent: bool = False):
        """Run ``code``; return ``(outputs, execution_count, status)`` with outputs in nbformat 4.

        ``status`` is ``"ok"`` or ``"error"``. Raises ``TimeoutError`` (after interrupting the
        kernel) when the code runs longer than ``timeout`` seconds, and ``RuntimeError`` when the
        kernel dies.
        """
        msg_id = self.client.execute(code, silent=silent, store_history=not silent, allow_stdin=False,
                                     stop_on_error=False)
        outputs: list[dict] = []
        count = None
        deadline = None if timeout is None else time.monotonic() + timeout
        idle = False
        while not idle:
            if deadline is not None and time.monotonic() > deadline:
                self.manager.interrupt_kernel()
                raise TimeoutError(f"a cell ran longer than {timeout:g} s; pass a larger timeout")
            try:
                msg = self.client.get_iopub_msg(timeout=1)
            except queue.Empty:
                if not self.manager.is_alive():
                    raise RuntimeError("the kernel died while running a cell (out of memory?)") from None
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind == "execute_input":
                count = content.get("execution_count")
            elif kind == "stream":
                if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                    outputs[-1]["text"] += content["text"]
                else:
                    outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind == "clear_output":
                outputs.clear()
            else:
                out = _output(msg)
                if out is not None:
                    outputs.append(out)
        # The reply follows the idle status on the shell channel.
        status = "ok"
        while True:
            try:
                reply = self.client.get_shell_msg(timeout=30)
            except queue.Empty:
                break
            if reply["parent_header"].get("msg_id") == msg_id:
                status = reply["content"]["status"]
                break
        for out in outputs:
            if out["output_type"] == "stream":
                out["text"] = out["text"].splitlines(keepends=True)
        return outputs, count, status


def execute_notebook(nb: dict, cwd, *, setup: str = "", timeout: float | None = 1800,
                     env: dict | None = None, name: str = "notebook") -> dict:
    """Run every code cell of ``nb`` in a new kernel started in ``cwd``; return the executed copy.

    ``setup`` runs first, silently (it records no cell and no output). Execution stops at the first
    cell that raises: the returned notebook then holds the outputs up to and including that cell,
    and ``nb["metadata"]["news_analysis"]["error"]`` says which; no exception is raised, so the
    caller can save the notebook before reporting the failure (see :class:`CellError`).
    """
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    info = nb.setdefault("metadata", {}).setdefault("news_analysis", {})
    info.pop("error", None)
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    started = time.monotonic()
    with Kernel(cwd, env=env) as kernel:
        if setup:
            outputs, _, status = kernel.run(setup, timeout=timeout, silent=True)
            if status != "ok":
                errors = [o for o in outputs if o["output_type"] == "error"]
                detail = f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else "no detail"
                raise CellError(f"{name}: the report's setup code failed in the kernel ({detail})")
        for index, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code" or not _source(cell).strip():
                continue
            cell_started = time.monotonic()
            try:
                outputs, count, status = kernel.run(_source(cell), timeout=timeout)
            except TimeoutError as exc:
                cell["outputs"] = [{"output_type": "error", "ename": "TimeoutError", "evalue": str(exc),
                                    "traceback": [f"TimeoutError: {exc}"]}]
                status, count = "error", None
            cell["outputs"], cell["execution_count"] = outputs, count
            cell.setdefault("metadata", {})["execution_seconds"] = round(time.monotonic() - cell_started, 3)
            if status != "ok":
                errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
                detail = f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else "the cell failed"
                info["error"] = {"cell": index, "message": detail}
                break
    info["seconds"] = round(time.monotonic() - started, 3)
    return nb
