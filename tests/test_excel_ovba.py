"""MS-OVBA compression: the specification's examples; oletools as the independent reader."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from xlperf.excel.addin import ovba

VBA_DIR = Path(__file__).resolve().parents[1] / "xlperf" / "excel" / "vba"

# [MS-OVBA] §3.2.1–3.2.3, the bytes as printed in the specification.
SPEC_EXAMPLES = {
    "no compression": (
        b"abcdefghijklmnopqrstuv.",
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
    ),
    "normal compression": (
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20"
        " 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C",
    ),
    "maximum compression": (b"a" * 73, "01 03 B0 02 61 45 00"),
}


def oletools_roundtrip(data: bytes) -> bytes:
    return decompress_stream(bytearray(ovba.compress(data)))


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_compresses_the_specification_examples_to_the_published_bytes(name: str) -> None:
    text, compressed = SPEC_EXAMPLES[name]
    assert ovba.compress(text) == bytes.fromhex(compressed)


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_decompresses_the_specification_examples(name: str) -> None:
    text, compressed = SPEC_EXAMPLES[name]
    assert ovba.decompress(bytes.fromhex(compressed)) == text
    assert decompress_stream(bytearray.fromhex(compressed)) == text


def test_empty_input_is_the_signature_byte_alone() -> None:
    assert ovba.compress(b"") == b"\x01"
    assert decompress_stream(bytearray(b"\x01")) == b""


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=12000), st.sampled_from([b"ab", b"abc \r\n", bytes(range(256))]))
def test_oletools_decompresses_what_we_compress(seed: bytes, alphabet: bytes) -> None:
    # Map random bytes onto a small alphabet so that most inputs compress; the
    # full alphabet case keeps some incompressible stretches.
    data = bytes(alphabet[b % len(alphabet)] for b in seed)
    if len(alphabet) == 256 and _ends_in_raw_chunk(data):
        data = data[: len(data) - len(data) % ovba.CHUNK_SIZE]
    assert oletools_roundtrip(data) == data
    assert ovba.decompress(ovba.compress(data)) == data


def _ends_in_raw_chunk(data: bytes) -> bool:
    """A short last chunk that does not compress is stored raw, padded to 4096 bytes."""
    tail = len(data) % ovba.CHUNK_SIZE
    return tail > 0 and len(ovba.compress(data[-tail:])) == 1 + ovba.MAX_COMPRESSED_CHUNK


def test_incompressible_chunks_are_stored_raw() -> None:
    data = random.Random(7).randbytes(3 * ovba.CHUNK_SIZE)
    container = ovba.compress(data)
    assert len(container) == 1 + 3 * ovba.MAX_COMPRESSED_CHUNK
    assert container[1:3] == bytes.fromhex("FF 3F")  # size 4098, signature 0b011, flag 0 (raw)
    assert decompress_stream(bytearray(container)) == data


def test_a_short_incompressible_last_chunk_decompresses_padded_with_zeros() -> None:
    # The format's rule (§2.4.1.3.10): a raw chunk always holds 4096 bytes.
    data = random.Random(8).randbytes(4000)
    assert decompress_stream(bytearray(ovba.compress(data))) == data + b"\0" * 96


@pytest.mark.parametrize("size", [4095, 4096, 4097, 8192, 8193])
def test_chunk_boundaries(size: int) -> None:
    text = (b"Sub Foo(control As IRibbonControl)\r\n    x = 1\r\nEnd Sub\r\n" * 200)[:size]
    container = ovba.compress(text)
    chunks = -(-size // ovba.CHUNK_SIZE)
    assert _chunk_count(container) == chunks
    assert decompress_stream(bytearray(container)) == text


def _chunk_count(container: bytes) -> int:
    count, position = 0, 1
    while position < len(container):
        position += (int.from_bytes(container[position : position + 2], "little") & 0x0FFF) + 3
        count += 1
    return count


def test_real_vba_text_roundtrips_and_shrinks() -> None:
    # xlwings' own add-in sources (found without importing xlwings)
    xlwings_vba = Path(importlib.util.find_spec("xlwings").origin).parent / "addin"
    sources = [p.read_bytes() for p in sorted(xlwings_vba.glob("*.bas"))]
    sources += [p.read_text(encoding="utf-8").encode("gbk") for p in VBA_DIR.glob("*.bas")]
    assert len(sources) > 3
    for source in sources:
        container = ovba.compress(source)
        assert decompress_stream(bytearray(container)) == source
        assert len(container) < len(source) * 0.7


@pytest.mark.parametrize(
    ("difference", "bits", "maximum"),
    [(1, 4, 4098), (16, 4, 4098), (17, 5, 2050), (256, 8, 258), (257, 9, 130), (4096, 12, 18)],
)
def test_copy_token_split_follows_the_position_in_the_chunk(
    difference: int, bits: int, maximum: int
) -> None:
    _, bit_count, maximum_length = ovba.copy_token_help(difference)
    assert (bit_count, maximum_length) == (bits, maximum)
    offset, length = min(difference, 1 << bits), 3
    assert ovba.unpack_copy_token(ovba.pack_copy_token(offset, length, difference), difference) \
        == (offset, length)


def test_long_runs_use_the_longest_copy_the_position_allows() -> None:
    data = b"x" * 5000
    assert decompress_stream(bytearray(ovba.compress(data))) == data
    assert len(ovba.compress(data)) < 100


def test_corrupt_containers_are_refused() -> None:
    with pytest.raises(ovba.CorruptContainer):
        ovba.decompress(b"\x02\x00\x00")
    with pytest.raises(ovba.CorruptContainer):
        ovba.decompress(bytes.fromhex("01 19 40 00"))  # chunk signature 0b100
    with pytest.raises(ovba.CorruptContainer):
        ovba.decompress(bytes.fromhex("01 03 B0 02 61 45"))  # copy token cut short
