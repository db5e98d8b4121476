"""A small but valid Argos Translate package, built offline for the tests and the bench.

The package is what argostranslate installs and runs (see argostranslate/package.py):

- `sentencepiece.model`, trained here on a few hundred lines of Chinese, Indonesian and
  English, with byte fallback so that every character has pieces;
- `model/`, a CTranslate2 Transformer written with `ctranslate2.specs` whose weights are set
  by hand so that it copies its input token for token (see `copy_model`), so tests can
  assert exact outputs;
- `minisbd/sbd.onnx`: argostranslate splits sentences with the package's MiniSBD model when
  it has one and otherwise fetches a stanza or MiniSBD model from the network. This one is a
  one-node ONNX graph (written as protobuf by hand: the `onnx` package is not needed) that
  ends a sentence at . ! ? 。 ！ ？. Keep "stanza" out of the folder paths: argostranslate
  chooses stanza when that word is anywhere in the package's path;
- `metadata.json` with the package's languages.

`Size` says how big the Transformer is: `TINY` for the tests, `BASE` (the size of a
Transformer-base translation model) for the bench, where only the amount of arithmetic
matters.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

POSITION_BITS = 10  # sentences of up to 1024 tokens
_SENTENCES = {
    "zh": ["医疗助理在医院工作。", "药剂师负责配药！", "护士测量患者的生命体征？",
           "病历很重要，药学技术人员协助药剂师。", "医疗助理安排预约并更新病历。",
           "诊所需要有经验的护士和医生。"],
    "id": ["Asisten medis bekerja di rumah sakit.", "Apoteker menyiapkan obat!",
           "Perawat memeriksa tanda vital?", "Teknisi farmasi membantu apoteker di apotek.",
           "Asisten medis menjadwalkan janji temu pasien."],
    "en": ["The medical assistant works in a hospital.", "ZX0 ZX1 ZX2 ZX3 ZX4 ZX5 0123456789",
           "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz"],
}
_TERMINATORS = [".", "!", "?", "。", "！", "？"]


@dataclass(frozen=True, slots=True)
class Size:
    layers: int
    heads: int
    d_model: int  # 0: the least the codes need
    ffn: int
    vocabulary: int  # 0: the SentencePiece pieces only; more pads the vocabulary with unused tokens


TINY = Size(layers=1, heads=1, d_model=0, ffn=4, vocabulary=0)
BASE = Size(layers=6, heads=8, d_model=512, ffn=2048, vocabulary=32000)


def build_package(folder: Path, from_code: str, to_code: str = "en", size: Size = TINY,
                  quantization: str | None = None, extra_lines: Sequence[str] = ()) -> Path:
    """Write `<folder>/translate-<from>_<to>.argosmodel` and return its path; SentencePiece learns
    from `training_lines()` and `extra_lines` (text to be translated gets pieces of its own)."""
    root = folder / f"translate-{from_code}_{to_code}-test"
    (root / "minisbd").mkdir(parents=True)
    pieces = train_sentencepiece(root / "sentencepiece.model", [*training_lines(), *extra_lines])
    copy_model(pieces, size, quantization).save(str(_made(root / "model")))
    (root / "minisbd" / "sbd.onnx").write_bytes(sentence_splitter())
    (root / "metadata.json").write_text(json.dumps({
        "package_version": "0.1", "argos_version": "1.11", "type": "translate",
        "from_code": from_code, "from_name": from_code, "to_code": to_code, "to_name": to_code,
    }), encoding="utf-8")
    archive = folder / f"translate-{from_code}_{to_code}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for path in sorted(root.rglob("*")):
            zipped.write(path, path.relative_to(folder))
    return archive


def training_lines() -> list[str]:
    """A few hundred lines: each sentence whole and cut at several lengths."""
    sentences = [s for group in _SENTENCES.values() for s in group]
    return [s[:cut] for s in sentences for cut in range(4, len(s) + 1, 2)] + sentences * 5


def train_sentencepiece(path: Path, lines: list[str]) -> list[str]:
    """Train the package's SentencePiece model on `lines` into `path`; returns its pieces in id order."""
    import sentencepiece

    characters = len({ch for line in lines for ch in line})
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=256 + characters + 60,
        character_coverage=1.0, byte_fallback=True, hard_vocab_limit=False, num_threads=1, minloglevel=2)
    path.write_bytes(model.getvalue())
    processor = sentencepiece.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def copy_model(pieces: list[str], size: Size, quantization: str | None = None):  # noqa: ANN201 - a ctranslate2 spec
    """A Transformer that copies its input: the decoder's step t writes the source's token t.

    Every vector holds three blocks of ±1 codes (each bit as the pair +1, -1 or -1, +1, so a
    block always has mean 0): the token's code, the position's code, and a block for the
    token to copy, the rest zero. Embeddings write the token's code and position encodings
    the position's. Self-attention and feed-forward sublayers have zero weights, so the
    residual passes every vector on and each layer norm only rescales it. In the first
    decoder layer, cross-attention queries and keys read the position codes (queries scaled
    by `alpha`), so step t attends to source position t alone; the values read that source
    token's code and the output linear writes it into the third block. The output projection
    scores each vocabulary entry by its code against the third block (scaled by `gamma`).
    With `add_source_eos` the source ends in </s>, which is copied last and ends decoding.
    """
    from ctranslate2.specs import transformer_spec

    vocabulary = pieces + [f"<unused{i}>" for i in range(size.vocabulary - len(pieces))]
    bits = max(1, (len(vocabulary) - 1).bit_length())
    used = 4 * bits + 2 * POSITION_BITS
    d = size.d_model or used
    token, position = slice(0, 2 * bits), slice(2 * bits, used - 2 * bits)
    copied = slice(used - 2 * bits, used)
    head = d // size.heads
    assert used - 2 * bits <= head <= d, "codes and positions must fit in the first attention head"
    tokens, positions = _codes(len(vocabulary), bits), _codes(1 << POSITION_BITS, POSITION_BITS)
    scale_in = np.sqrt(d / (used - 2 * bits))  # what a layer norm does to [token | position | 0]
    scale_out = np.sqrt(d / used)  # and to [token | position | copied]
    alpha = 40 * np.sqrt(head) / (4 * scale_in ** 2)  # one differing position bit costs 40 in the score
    gamma = 40 / (4 * scale_out)  # one differing token bit costs 40 in the logit

    encoder = transformer_spec.TransformerEncoderSpec(size.layers, size.heads)
    decoder = transformer_spec.TransformerDecoderSpec(size.layers, size.heads)
    embeddings = np.zeros((len(vocabulary), d), np.float32)
    embeddings[:, token] = tokens
    encodings = np.zeros((1 << POSITION_BITS, d), np.float32)
    encodings[:, position] = positions
    encoder.embeddings[0].weight = embeddings
    decoder.embeddings.weight = embeddings.copy()
    for side in (encoder, decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = encodings.copy()
        _identity_norm(side.layer_norm, d)
        for layer in side.layer:
            _silent_layer(layer, d, size.ffn)
    attention = decoder.layer[0].attention
    query = np.zeros((d, d), np.float32)
    query[position, position] = alpha * np.eye(2 * POSITION_BITS)
    keys_values = np.zeros((2 * d, d), np.float32)
    keys_values[position, position] = np.eye(2 * POSITION_BITS)
    keys_values[d:][token, token] = np.eye(2 * bits)
    output = np.zeros((d, d), np.float32)
    output[copied, token] = np.eye(2 * bits) / scale_in
    for linear, weight in zip(attention.linear, (query, keys_values, output), strict=True):
        linear.weight = weight
    projection = np.zeros((len(vocabulary), d), np.float32)
    projection[:, copied] = gamma * tokens
    decoder.projection.weight = projection

    spec = transformer_spec.TransformerSpec(encoder, decoder)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization=quantization)
    return spec


def sentence_splitter() -> bytes:
    """A MiniSBD model as ONNX bytes: per character, class 2 (sentence end) for a terminator, else 0."""
    units = ["<PAD>", "<UNK>", *_TERMINATORS]
    table = np.zeros((len(units), 5), np.float32)
    table[:2, 0] = 1
    table[2:, 2] = 1
    tensor = _fields((1, len(units)), (1, 5), (2, 1), (8, "table"), (9, table.tobytes()))
    node = _fields((1, "table"), (1, "units"), (2, "logits"), (3, "gather"), (4, "Gather"))
    graph = _fields((1, node), (2, "sbd"), (5, tensor),
                    (11, _value_info("units", 7, ["batch", "length"])),
                    (11, _value_info("features", 1, ["batch", "length", 0])),
                    (12, _value_info("logits", 1, ["batch", "length", 5])))
    config = {"max_seqlen": 1000, "feat_funcs": [], "use_dictionary": False, "num_dict_feat": 0}
    vocab = {"lang": "", "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {unit: i for i, unit in enumerate(units)}, "_id2unit": units}
    metadata = {"lang_code": "xx", "config": json.dumps(config), "vocab": json.dumps(vocab)}
    return _fields((1, 8), (2, "kbnorm-tests"), (7, graph), (8, _fields((1, ""), (2, 13))),
                   *((14, _fields((1, key), (2, value))) for key, value in metadata.items()))


def _codes(count: int, bits: int) -> np.ndarray:
    """Row n: the bits of n, each as the pair (+1, -1) or (-1, +1)."""
    signs = (2 * ((np.arange(count)[:, None] >> np.arange(bits)) & 1) - 1).astype(np.float32)
    return np.stack([signs, -signs], axis=2).reshape(count, 2 * bits)


def _identity_norm(norm, d: int) -> None:  # noqa: ANN001 - a ctranslate2 LayerNormSpec
    norm.gamma = np.ones(d, np.float32)
    norm.beta = np.zeros(d, np.float32)


def _silent_layer(layer, d: int, ffn: int) -> None:  # noqa: ANN001 - a ctranslate2 layer spec
    """Zero weights for every sublayer of a layer (the decoder's cross-attention is set after)."""
    _identity_norm(layer.self_attention.layer_norm, d)
    layer.self_attention.linear[0].weight = np.zeros((3 * d, d), np.float32)
    layer.self_attention.linear[1].weight = np.zeros((d, d), np.float32)
    _identity_norm(layer.ffn.layer_norm, d)
    layer.ffn.linear_0.weight = np.zeros((ffn, d), np.float32)
    layer.ffn.linear_1.weight = np.zeros((d, ffn), np.float32)
    if hasattr(layer, "attention"):
        _identity_norm(layer.attention.layer_norm, d)
        layer.attention.linear[0].weight = np.zeros((d, d), np.float32)
        layer.attention.linear[1].weight = np.zeros((2 * d, d), np.float32)
        layer.attention.linear[2].weight = np.zeros((d, d), np.float32)


def _made(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _value_info(name: str, element_type: int, dims: list[str | int]) -> bytes:
    """An ONNX ValueInfoProto: a tensor input or output with named or fixed dimensions."""
    shape = b"".join(_fields((1, _fields((1 if isinstance(x, int) else 2, x)))) for x in dims)
    return _fields((1, name), (2, _fields((1, _fields((1, element_type), (2, shape))))))


def _fields(*fields: tuple[int, int | str | bytes]) -> bytes:
    """Protocol buffer fields: an int as a varint, str and bytes as length-delimited."""
    out = b""
    for number, value in fields:
        if isinstance(value, int):
            out += _varint(number << 3) + _varint(value)
        else:
            data = value.encode() if isinstance(value, str) else value
            out += _varint(number << 3 | 2) + _varint(len(data)) + data
    return out


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)
