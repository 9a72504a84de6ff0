"""Write deckgen's sentence encoder files from the published all-MiniLM-L6-v2 model.

    python tools/export_encoder.py MODEL_DIR          # weights + vocabulary + training cache
    python tools/export_encoder.py --cache-only       # only re-embed the training phrasings

MODEL_DIR holds sentence-transformers/all-MiniLM-L6-v2 as published (revision 1110a243...):
model.safetensors and vocab.txt, checked against their SHA-256 below. Needs numpy only.
Matrices are stored as int8 with one scale per row (about 23 MB instead of 87 MB); biases and
layer norms stay float32. Run it again with --cache-only after editing the training phrasings, so
the classifier does not have to embed them at start-up.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from deckgen import encoder  # noqa: E402

SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
DTYPES = {"F32": np.float32, "I64": np.int64}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    data = path.read_bytes()
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=DTYPES[info["dtype"]])
        tensors[name] = array.reshape(info["shape"])
    return tensors


def quantise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.round(matrix / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def export_weights(model_dir: Path) -> None:
    checks = (
        (model_dir / "model.safetensors", SAFETENSORS_SHA256),
        (model_dir / "vocab.txt", VOCAB_SHA256),
    )
    for path, expected in checks:
        if sha256(path) != expected:
            sys.exit(f"{path}: SHA-256 differs from the published all-MiniLM-L6-v2 file")
    t = read_safetensors(model_dir / "model.safetensors")
    out: dict[str, np.ndarray] = {}

    def matrix(name: str, source: str) -> None:
        out[name], out[name + ".scale"] = quantise(t[source])

    matrix("word", "embeddings.word_embeddings.weight")
    out["position"] = t["embeddings.position_embeddings.weight"][: encoder.MAX_TOKENS].astype(
        np.float16
    )
    out["token_type"] = t["embeddings.token_type_embeddings.weight"][:1]
    out["embed_ln.g"] = t["embeddings.LayerNorm.weight"]
    out["embed_ln.b"] = t["embeddings.LayerNorm.bias"]
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "o": "attention.output.dense",
        "up": "intermediate.dense",
        "down": "output.dense",
    }
    for i in range(encoder.LAYERS):
        src = f"encoder.layer.{i}."
        for short, long in parts.items():
            matrix(f"l{i}.{short}", src + long + ".weight")
            out[f"l{i}.{short}.b"] = t[src + long + ".bias"]
        out[f"l{i}.ln1.g"] = t[src + "attention.output.LayerNorm.weight"]
        out[f"l{i}.ln1.b"] = t[src + "attention.output.LayerNorm.bias"]
        out[f"l{i}.ln2.g"] = t[src + "output.LayerNorm.weight"]
        out[f"l{i}.ln2.b"] = t[src + "output.LayerNorm.bias"]
    encoder.DIR.mkdir(exist_ok=True)
    np.savez(encoder.WEIGHTS, **out)  # int8 barely compresses; uncompressed loads faster
    encoder.VOCAB.write_bytes((model_dir / "vocab.txt").read_bytes())
    print(f"wrote {encoder.WEIGHTS} ({encoder.WEIGHTS.stat().st_size / 1e6:.1f} MB)")


def export_training_cache() -> None:
    data = yaml.safe_load((ROOT / "tests/data/objections-train.yaml").read_text(encoding="utf-8"))
    texts = sorted({d["text"] for d in data})
    vectors = np.array([encoder.embed(t) for t in texts], dtype=np.float16)
    keys = np.array([encoder.text_key(t) for t in texts])
    np.savez_compressed(encoder.TRAIN_CACHE, keys=keys, vectors=vectors)
    print(f"wrote {encoder.TRAIN_CACHE}: {len(texts)} phrasings")


if __name__ == "__main__":
    if sys.argv[1:] != ["--cache-only"]:
        if len(sys.argv) != 2:
            sys.exit(__doc__)
        export_weights(Path(sys.argv[1]))
        encoder._weights.cache_clear()
        encoder.vocab.cache_clear()
    export_training_cache()
