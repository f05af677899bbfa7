"""Inference runtimes behind ``Encoder``: sentence-transformers on torch, or an OpenVINO IR.

The OpenVINO runtime needs neither torch nor sentence-transformers once the model has been
exported: it reads the cached IR with ``openvino``, tokenises with ``tokenizers`` and pools
in numpy, which is what keeps a cold start near one second instead of ten. Exporting (once
per model and cache folder) does need torch and transformers.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

Matrix = np.ndarray[Any, np.dtype[np.float32]]
ProgressFn = Callable[[int], None]

BACKEND_ENV = "PROVENANCE_BACKEND"
CACHE_ENV = "PROVENANCE_CACHE"
AUTO = "auto"
TORCH = "torch"
TORCH_BF16 = "torch-bf16"
OPENVINO = "openvino"
OPENVINO_BF16 = "openvino-bf16"
BACKENDS = (AUTO, TORCH, TORCH_BF16, OPENVINO, OPENVINO_BF16)

# Bumped whenever the exported graph changes, so stale IRs in a cache are not reused.
_EXPORT_FORMAT = 1
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "config.json")

log = logging.getLogger(__name__)


class ModelLoadError(RuntimeError):
    """The sentence-transformers model could not be loaded."""


class Runtime(Protocol):
    """One loaded model on one backend."""

    @property
    def backend(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], batch_size: int, progress: ProgressFn | None) -> Matrix:
        """Unit vectors for ``texts`` in their order."""
        ...


def check_backend(name: str) -> str:
    """``name`` lower-cased if it is a known backend, else a ValueError listing the choices."""
    key = name.strip().lower()
    if key not in BACKENDS:
        raise ValueError(f"unknown encoder backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return key


def default_cache_dir() -> Path:
    """``PROVENANCE_CACHE``, else ``$XDG_CACHE_HOME/provenance``, else ``~/.cache/provenance``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "provenance"


def _cpu_flags() -> set[str] | None:
    """The CPU's feature flags on Linux; None where /proc/cpuinfo cannot tell."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return set(line.partition(":")[2].split())
    except OSError:
        return None
    return None


def cpu_has_native_bf16() -> bool:
    """Whether the CPU computes in bf16 natively (AVX512-BF16 or AMX).

    Without it bf16 is emulated, which is slower than fp32 and so never worth choosing.
    """
    flags = _cpu_flags()
    if flags is None:
        # Not Linux: OpenVINO's own capability report is the only evidence, asked later.
        return True
    return bool(flags & {"avx512_bf16", "amx_bf16"})


def _openvino() -> Any:
    # Imported lazily and untyped: openvino ships no type information, and a torch-only
    # install must still import this module.
    return importlib.import_module("openvino")


def openvino_bf16_supported() -> bool:
    """Whether OpenVINO is importable and runs bf16 natively on this CPU."""
    if not cpu_has_native_bf16():
        return False
    try:
        core = _openvino().Core()
        caps = core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:
        return False
    return "BF16" in caps


def torch_bf16_supported() -> bool:
    """Whether torch's CPU kernels run bf16 natively here."""
    if not cpu_has_native_bf16():
        return False
    try:
        import torch

        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:
        return False


def _offline_for(path: str) -> None:
    if os.path.isdir(path):
        # A local folder needs no hub; saying so stops transformers from phoning home.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


# --------------------------------------------------------------------------- torch


class TorchRuntime:
    """sentence-transformers in fp32, or under bf16 autocast."""

    def __init__(self, path: str, name: str, *, device: str, bf16: bool) -> None:
        _offline_for(path)
        if bf16 and device == "cpu" and not torch_bf16_supported():
            raise ModelLoadError("backend torch-bf16: this CPU has no native bf16 support")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelLoadError(f"sentence-transformers is not importable: {exc}") from exc
        try:
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:
            raise ModelLoadError(f"cannot load model {name!r}: {_one_line(exc)}") from exc
        self._device = device
        self._bf16 = bf16
        # Renamed in sentence-transformers 6; the old name still works but warns.
        get_dim = getattr(self._model, "get_embedding_dimension", None)
        if get_dim is None:
            get_dim = self._model.get_sentence_embedding_dimension
        dim = get_dim()
        if dim is None:  # pragma: no cover - every pooling model reports it
            raise ModelLoadError(f"model {name!r} does not report its dimension")
        self._dim = int(dim)

    @property
    def backend(self) -> str:
        return TORCH_BF16 if self._bf16 else TORCH

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: Sequence[str], batch_size: int, progress: ProgressFn | None) -> Matrix:
        import torch

        out = np.empty((len(texts), self._dim), dtype=np.float32)
        ctx = (
            torch.autocast(device_type=self._device.split(":")[0], dtype=torch.bfloat16)
            if self._bf16
            else contextlib.nullcontext()
        )
        # One call per batch only so progress can be reported; the caller already sorted
        # the texts by length, so nothing is lost against one big call.
        with ctx, torch.inference_mode():
            for lo in range(0, len(texts), batch_size):
                chunk = list(texts[lo : lo + batch_size])
                vecs = self._model.encode(
                    chunk,
                    batch_size=len(chunk),
                    normalize_embeddings=True,
                    convert_to_tensor=True,
                    show_progress_bar=False,
                )
                out[lo : lo + len(chunk)] = vecs.float().cpu().numpy()
                if progress is not None:
                    progress(len(chunk))
        if self._bf16:
            # Normalised in bf16 the norms drift by ~1e-3; callers rely on exact unit length.
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


# --------------------------------------------------------------------------- openvino


@dataclass(frozen=True)
class _StModel:
    """What the OpenVINO runtime must reproduce of a sentence-transformers folder."""

    transformer_dir: Path
    pooling: str
    dim: int
    max_seq_length: int
    do_lower_case: bool


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _st_layout(model_dir: Path) -> _StModel:
    """Read modules.json and friends; ModelLoadError for anything this runtime cannot mimic."""
    modules_file = model_dir / "modules.json"
    if not modules_file.is_file():
        raise ModelLoadError(f"{model_dir} has no modules.json (not a sentence-transformers model)")
    modules = _read_json(modules_file)
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise ModelLoadError(f"openvino backend supports Transformer+Pooling models, not {kinds}")
    transformer_dir = model_dir / str(modules[0].get("path", ""))
    pool_cfg = _read_json(model_dir / str(modules[1]["path"]) / "config.json")
    modes = [k for k, v in pool_cfg.items() if k.startswith("pooling_mode_") and v is True]
    pooling = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}.get(
        modes[0] if len(modes) == 1 else "", ""
    )
    if not pooling:
        raise ModelLoadError(f"openvino backend supports mean or cls pooling, not {modes}")
    st_cfg_file = transformer_dir / "sentence_bert_config.json"
    st_cfg = _read_json(st_cfg_file) if st_cfg_file.is_file() else {}
    hf_cfg = _read_json(transformer_dir / "config.json")
    max_len = st_cfg.get("max_seq_length") or hf_cfg.get("max_position_embeddings", 512)
    if not (transformer_dir / "tokenizer.json").is_file():
        raise ModelLoadError(
            f"{transformer_dir} has no tokenizer.json (a fast tokenizer is needed)"
        )
    return _StModel(
        transformer_dir=transformer_dir,
        pooling=pooling,
        dim=int(pool_cfg.get("word_embedding_dimension") or hf_cfg["hidden_size"]),
        max_seq_length=int(max_len),
        do_lower_case=bool(st_cfg.get("do_lower_case", False)),
    )


def _export_key(transformer_dir: Path) -> str:
    """Names the exported IR after the files it was made from, cheaply (no weight hashing)."""
    h = hashlib.sha256(f"format={_EXPORT_FORMAT}|{transformer_dir.resolve()}".encode())
    for fname in _WEIGHT_FILES:
        f = transformer_dir / fname
        if f.is_file():
            st = f.stat()
            h.update(f"|{fname}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def ir_path(model_dir: Path, cache_dir: Path) -> Path:
    """Where the OpenVINO IR of ``model_dir`` lives (or will) under ``cache_dir``."""
    layout = _st_layout(model_dir)
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_dir.resolve().name)
    return cache_dir / "openvino" / f"{slug}-{_export_key(layout.transformer_dir)}" / "model.xml"


def export_openvino(transformer_dir: Path, out_xml: Path) -> Any:
    """Trace the Hugging Face model in ``transformer_dir`` to OpenVINO and save it as IR.

    Offline by construction: only local files are read. The graph ends at the last hidden
    state; pooling stays in numpy so it runs in fp32 whatever the inference precision.
    Returns the in-memory ``openvino.Model``, which stays usable when the cache folder is
    not writable (that only costs the export again on the next start).
    """
    _offline_for(str(transformer_dir))
    try:
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelLoadError(f"exporting to OpenVINO needs torch and transformers: {exc}") from exc
    ov = _openvino()
    try:
        hf = AutoModel.from_pretrained(str(transformer_dir), local_files_only=True).eval()
    except Exception as exc:
        raise ModelLoadError(f"cannot load {transformer_dir} for export: {_one_line(exc)}") from exc
    takes_types = int(getattr(hf.config, "type_vocab_size", 0) or 0) > 0

    class _LastHidden(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor | None = None,
        ) -> torch.Tensor:
            kwargs = {"input_ids": input_ids, "attention_mask": attention_mask}
            if token_type_ids is not None:
                kwargs["token_type_ids"] = token_type_ids
            hidden: torch.Tensor = self.inner(**kwargs)[0]
            return hidden

    # Two rows of unequal length, so the trace sees real padding in the attention mask.
    example = {
        "input_ids": torch.tensor([[101, 2023, 2003, 102], [101, 2023, 102, 0]]),
        "attention_mask": torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]]),
    }
    if takes_types:
        example["token_type_ids"] = torch.zeros_like(example["input_ids"])
    try:
        with torch.no_grad(), warnings.catch_warnings():
            # The tracer warns about shape checks that are constant for encoder inputs.
            warnings.simplefilter("ignore")
            ov_model = ov.convert_model(_LastHidden(hf), example_input=example)
    except Exception as exc:
        raise ModelLoadError(
            f"OpenVINO export of {transformer_dir} failed: {_one_line(exc)}"
        ) from exc
    for port in ov_model.inputs:
        port.get_node().set_partial_shape(ov.PartialShape([-1, -1]))
    ov_model.validate_nodes_and_infer_types()
    try:
        _save_ir(ov, ov_model, out_xml)
    except OSError as exc:
        log.warning("cannot cache the OpenVINO IR in %s: %s", out_xml.parent, exc)
    return ov_model


def _save_ir(ov: Any, ov_model: Any, out_xml: Path) -> None:
    out_xml.parent.parent.mkdir(parents=True, exist_ok=True)
    # Written to a scratch folder and renamed into place, so a concurrent start never reads
    # half an IR and the loser of a race just discards its copy.
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=out_xml.parent.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp's 0700 would hide a shared cache from other users
        # fp16 weights would halve the file but shift vectors before any bf16 choice.
        ov.save_model(ov_model, str(tmp / out_xml.name), compress_to_fp16=False)
        try:
            os.replace(tmp, out_xml.parent)
        except OSError:
            if not out_xml.is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Padded word pieces in one OpenVINO batch (see OpenVINORuntime._batches).
TOKEN_BUDGET = 4096


class OpenVINORuntime:
    """A cached OpenVINO IR of the transformer, with tokenising and pooling done here."""

    def __init__(
        self,
        path: str,
        name: str,
        *,
        bf16: bool,
        cache_dir: Path,
        threads: int | None = None,
    ) -> None:
        model_dir = Path(path)
        if not model_dir.is_dir():
            raise ModelLoadError(f"cannot load model {name!r}: {path} is not a local folder")
        try:
            ov = _openvino()
        except ImportError as exc:
            raise ModelLoadError(f"backend openvino needs the openvino package: {exc}") from exc
        if bf16 and not openvino_bf16_supported():
            raise ModelLoadError("backend openvino-bf16: this CPU has no native bf16 support")
        self._layout = _st_layout(model_dir)
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self._layout.transformer_dir / "tokenizer.json"))
        # tokenizer.json carries its own padding/truncation (128 for MiniLM); what counts is
        # sentence-transformers' max_seq_length, and padding is done per batch below.
        tok.no_padding()
        tok.enable_truncation(max_length=self._layout.max_seq_length)
        self._tok = tok
        config: dict[str, Any] = {
            # Explicit both ways: OpenVINO picks bf16 by itself on CPUs that have it.
            "INFERENCE_PRECISION_HINT": "bf16" if bf16 else "f32",
            # One stream per core, each running its own batch: 1.07-1.24x the throughput of
            # one stream spread over both cores here (no barrier between the cores at every
            # layer).
            "PERFORMANCE_HINT": "THROUGHPUT",
        }
        if threads:
            # Otherwise OpenVINO counts physical cores within the affinity mask itself,
            # which os.cpu_count() would not.
            config["INFERENCE_NUM_THREADS"] = threads
        self._compiled = self._compile(ov, ir_path(model_dir, cache_dir), config, name)
        jobs = int(self._compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS"))
        self._jobs = max(1, jobs)
        self._queue = ov.AsyncInferQueue(self._compiled, self._jobs)
        # The queue has one callback at a time: encode() is not reentrant.
        self._lock = threading.Lock()
        self._inputs = {p.get_any_name() for p in self._compiled.inputs}
        self._bf16 = bf16

    def _compile(self, ov: Any, xml: Path, config: dict[str, Any], name: str) -> Any:
        core = ov.Core()
        source: Any = str(xml)
        if xml.is_file():
            try:
                return core.compile_model(source, "CPU", config)
            except Exception as exc:
                # A truncated or foreign IR (disk full, killed export): make it anew once.
                log.warning(
                    "cached OpenVINO IR %s is unusable (%s); exporting again", xml, _one_line(exc)
                )
                shutil.rmtree(xml.parent, ignore_errors=True)
        log.info("exporting %s to OpenVINO IR in %s (once)", name, xml.parent)
        source = export_openvino(self._layout.transformer_dir, xml)
        try:
            return core.compile_model(source, "CPU", config)
        except Exception as exc:
            raise ModelLoadError(
                f"cannot compile OpenVINO model {name!r}: {_one_line(exc)}"
            ) from exc

    @property
    def backend(self) -> str:
        return OPENVINO_BF16 if self._bf16 else OPENVINO

    @property
    def dim(self) -> int:
        return self._layout.dim

    def _batches(
        self, texts: Sequence[str], batch_size: int
    ) -> Iterator[tuple[list[int], dict[str, np.ndarray[Any, np.dtype[np.int64]]]]]:
        if self._layout.do_lower_case:
            texts = [t.lower() for t in texts]
        encs = self._tok.encode_batch(list(texts))
        # Longest first, by word pieces: each batch pads to nearly its own length. A batch
        # holds at most TOKEN_BUDGET padded word pieces, so one long text does not make 63
        # short ones pad to 256: encoded 1,024 texts at a time, fixed batches of 64 were
        # 1.8x slower than one sorted pass of all of them; with the budget, as fast.
        order = sorted(range(len(encs)), key=lambda i: -len(encs[i].ids))
        lo = 0
        while lo < len(order):
            longest = max(1, len(encs[order[lo]].ids))
            rows = order[lo : lo + max(1, min(batch_size, TOKEN_BUDGET // longest))]
            lo += len(rows)
            width = len(encs[rows[0]].ids)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for r, i in enumerate(rows):
                e = encs[i]
                n = len(e.ids)
                ids[r, :n] = e.ids
                mask[r, :n] = 1
                types[r, :n] = e.type_ids
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            yield rows, {k: v for k, v in feeds.items() if k in self._inputs}

    def encode(self, texts: Sequence[str], batch_size: int, progress: ProgressFn | None) -> Matrix:
        out = np.empty((len(texts), self._layout.dim), dtype=np.float32)
        failed: list[BaseException] = []

        def done(request: Any, job: tuple[list[int], np.ndarray[Any, Any]]) -> None:
            # Runs on OpenVINO's thread: an exception here would be lost, so it is kept
            # and raised by the caller after the queue drains.
            try:
                rows, mask = job
                out[rows] = self._pool(np.asarray(request.get_output_tensor(0).data), mask)
                if progress is not None:
                    progress(len(rows))
            except BaseException as exc:  # kept, raised again in the caller's thread
                failed.append(exc)

        with self._lock:
            self._queue.set_callback(done)
            # A few texts are shared out so that every stream has some (check's queries).
            size = max(1, min(batch_size, -(-len(texts) // self._jobs)))
            try:
                for rows, feeds in self._batches(texts, size):
                    if failed:
                        break
                    self._queue.start_async(feeds, (rows, feeds["attention_mask"]))
            finally:
                self._queue.wait_all()
        if failed:
            raise failed[0]
        return out

    def _pool(self, hidden: Matrix, mask: np.ndarray[Any, Any]) -> Matrix:
        if self._layout.pooling == "cls":
            pooled = hidden[:, 0, :]
        else:
            weights = mask.astype(np.float32)
            summed = np.einsum("bld,bl->bd", hidden, weights)
            pooled = summed / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


# --------------------------------------------------------------------------- choice


def load_runtime(
    backend: str,
    path: str,
    name: str,
    *,
    device: str,
    cache_dir: Path,
) -> Runtime:
    """Load ``path`` on ``backend``; "auto" tries OpenVINO and falls back to torch fp32."""
    if backend == TORCH:
        return TorchRuntime(path, name, device=device, bf16=False)
    if backend == TORCH_BF16:
        return TorchRuntime(path, name, device=device, bf16=True)
    if backend in (OPENVINO, OPENVINO_BF16):
        if device != "cpu":
            raise ModelLoadError(f"backend {backend} runs on cpu only, not {device!r}")
        return OpenVINORuntime(path, name, bf16=backend == OPENVINO_BF16, cache_dir=cache_dir)
    if backend != AUTO:  # pragma: no cover - check_backend ran first
        raise ValueError(f"unknown encoder backend {backend!r}")
    if device == "cpu" and os.path.isdir(path):
        # openvino-bf16 is the only faster path whose neighbours match fp32 closely enough
        # (bench/encoders.py); without native bf16 OpenVINO fp32 still starts in a second.
        bf16 = openvino_bf16_supported()
        try:
            return OpenVINORuntime(path, name, bf16=bf16, cache_dir=cache_dir)
        except (ModelLoadError, ImportError, OSError) as exc:
            log.warning("encoder backend auto: OpenVINO unavailable (%s); using torch fp32", exc)
    return TorchRuntime(path, name, device=device, bf16=False)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."
