"""The encoder on the real model: shape, determinism, and every backend against torch fp32."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from embeddings import BACKEND_ENV, Encoder, ModelLoadError
from embeddings import backends as backends_mod
from embeddings.backends import openvino_bf16_supported, torch_bf16_supported

pytestmark = pytest.mark.model

SENTENCES = [
    "The central bank raised interest rates by a quarter point on Wednesday.",
    "Officials said the fire had been contained by Sunday evening.",
    "“We will not back down,” the senator told reporters outside the Capitol.",
    "Shares of the company fell 12 percent after the earnings report.",
    "Reid checked herself into a rehabilitation center , her representative said .",
    "x",
    "",
    "A long sentence " * 120,
]


def _available(name: str) -> bool:
    if name == "torch-bf16":
        return torch_bf16_supported()
    if name == "openvino-bf16":
        return openvino_bf16_supported()
    if name == "openvino":
        try:
            backends_mod._openvino()
        except ImportError:
            return False
    return True


@pytest.fixture(scope="module")
def fp32() -> Encoder:
    enc = Encoder(backend="torch")
    enc.encode(["warm up"])
    return enc


@pytest.fixture(scope="module")
def reference(fp32: Encoder) -> np.ndarray:
    return fp32.encode(SENTENCES)


@pytest.fixture()
def no_backend_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    yield


def test_default_encoder_gives_unit_vectors_of_dim_384(encoder: Encoder) -> None:
    vecs = encoder.encode(SENTENCES)
    assert encoder.dim == 384
    assert vecs.shape == (len(SENTENCES), 384)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_same_text_gives_the_same_vector(encoder: Encoder) -> None:
    text = SENTENCES[0]
    vecs = encoder.encode([text, SENTENCES[1], text])
    np.testing.assert_array_equal(vecs[0], vecs[2])
    again = encoder.encode([text])[0]
    # Alone it pads differently from inside a batch, which may move the last bf16 bit.
    assert float(again @ vecs[0]) >= 0.9999


def test_encode_keeps_input_order_and_reports_progress(encoder: Encoder) -> None:
    texts = SENTENCES * 20
    done: list[int] = []
    vecs = encoder.encode(texts, progress=done.append)
    assert sum(done) == len(texts)
    singles = encoder.encode(SENTENCES)
    for i, text in enumerate(texts):
        assert float(vecs[i] @ singles[SENTENCES.index(text)]) >= 0.9999


def test_an_error_in_a_progress_callback_reaches_the_caller(encoder: Encoder) -> None:
    # Batches finish on the runtime's own threads; what fails there must not be lost.
    def fail(_n: int) -> None:
        raise KeyError("bar closed")

    with pytest.raises(KeyError, match="bar closed"):
        encoder.encode(SENTENCES * 40, progress=fail)
    assert encoder.encode(SENTENCES).shape == (len(SENTENCES), 384)  # still usable


def test_empty_input(encoder: Encoder) -> None:
    assert encoder.encode([]).shape == (0, 384)


@pytest.mark.parametrize("name", ["auto", "torch-bf16", "openvino", "openvino-bf16"])
def test_every_available_backend_agrees_with_fp32(name: str, reference: np.ndarray) -> None:
    if not _available(name):
        pytest.skip(f"backend {name} is not available on this machine")
    enc = Encoder(backend=name)
    vecs = enc.encode(SENTENCES)
    cos = (vecs * reference).sum(axis=1)
    assert cos.min() >= 0.999, (enc.backend, cos)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_torch_backend_forces_fp32(fp32: Encoder, reference: np.ndarray) -> None:
    assert fp32.backend == "torch"
    from sentence_transformers import SentenceTransformer

    plain = SentenceTransformer(fp32.path, device="cpu")
    # bf16 anywhere on the way would leave differences near 1e-3, not 1e-5.
    direct = plain.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    np.testing.assert_allclose(reference, direct, atol=1e-5)


def test_backend_env_var_is_read_and_argument_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert Encoder().requested_backend == "torch"
    assert Encoder(backend="openvino").requested_backend == "openvino"


def test_unknown_backend_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, no_backend_env: None
) -> None:
    with pytest.raises(ValueError, match=r"unknown encoder backend 'fast'.*torch-bf16"):
        Encoder(backend="fast")
    monkeypatch.setenv(BACKEND_ENV, "cuda-int4")
    with pytest.raises(ValueError, match=BACKEND_ENV):
        Encoder()


@pytest.mark.parametrize("name", ["auto", "torch", "openvino"])
def test_missing_model_path_is_a_one_line_model_load_error(tmp_path: Path, name: str) -> None:
    enc = Encoder(str(tmp_path / "no-such-model"), backend=name, cache_dir=tmp_path / "cache")
    with pytest.raises(ModelLoadError) as info:
        enc.encode(["hello"])
    message = str(info.value)
    assert "\n" not in message
    assert "no-such-model" in message


def test_openvino_export_is_cached_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: np.ndarray
) -> None:
    if not _available("openvino"):
        pytest.skip("openvino is not installed")
    first = Encoder(backend="openvino", cache_dir=tmp_path)
    vecs = first.encode(SENTENCES)
    assert list(tmp_path.glob("openvino/*/model.xml"))
    np.testing.assert_allclose(vecs, reference, atol=1e-4)

    def no_export(*_: object) -> None:
        raise AssertionError("exported again despite a cached IR")

    monkeypatch.setattr(backends_mod, "export_openvino", no_export)
    second = Encoder(backend="openvino", cache_dir=tmp_path)
    np.testing.assert_array_equal(second.encode(SENTENCES), vecs)


def test_auto_falls_back_to_torch_fp32_without_openvino(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> object:
        raise ImportError("No module named 'openvino'")

    monkeypatch.setattr(backends_mod, "_openvino", missing)
    enc = Encoder(backend="auto")
    assert enc.backend == "torch"
    assert enc.encode(["hello"]).shape == (1, 384)
