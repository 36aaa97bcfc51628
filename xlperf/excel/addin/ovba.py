"""MS-OVBA §2.4.1 compression and decompression (the LZ77 variant VBA streams use).

Office stores every module's source and the ``dir`` stream compressed this way.
The compressor follows the specification's pseudocode step by step (§2.4.1.3.6
onwards) so that its output is what an interoperable implementation produces:

- a CompressedContainer is the signature byte ``0x01`` and chunks;
- a chunk holds at most 4096 decompressed bytes behind a 2-byte header
  (size − 3 in 12 bits, signature ``0b011``, a compressed flag);
- inside a chunk, a flag byte announces 8 tokens: a literal byte or a 2-byte
  copy token whose offset/length split depends on how far into the chunk it is;
- when compressing a chunk would not fit in 4098 bytes, the chunk is stored raw
  (4096 bytes, padded with zeros — the format's own rule).

Matching keeps the specification's choice (the longest match, the nearest one on
a tie) but looks candidates up by their first three bytes instead of scanning
the whole chunk, which keeps building the add-in instant.
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096  # decompressed bytes per chunk
MAX_COMPRESSED_CHUNK = 4098  # header + data
SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011
_MIN_MATCH = 3


class CorruptContainer(ValueError):
    """A byte string that is not a valid CompressedContainer."""


def copy_token_help(difference: int) -> tuple[int, int, int]:
    """§2.4.1.3.19.1: (length mask, bit count, maximum length) at a position in a chunk.

    ``difference`` is how many bytes of the chunk are already decompressed; the
    further in, the more bits the offset needs and the fewer remain for length.
    """
    bit_count = max((difference - 1).bit_length(), 4)
    length_mask = 0xFFFF >> bit_count
    return length_mask, bit_count, length_mask + _MIN_MATCH


def pack_copy_token(offset: int, length: int, difference: int) -> int:
    """§2.4.1.3.19.3: offset − 1 in the high bits, length − 3 in the low bits."""
    _, bit_count, _ = copy_token_help(difference)
    return ((offset - 1) << (16 - bit_count)) | (length - _MIN_MATCH)


def unpack_copy_token(token: int, difference: int) -> tuple[int, int]:
    """§2.4.1.3.19.2: the (offset, length) a copy token stands for."""
    length_mask, bit_count, _ = copy_token_help(difference)
    return (token >> (16 - bit_count)) + 1, (token & length_mask) + _MIN_MATCH


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (§2.4.1.3.6)."""
    out = bytearray([SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data, start, min(start + CHUNK_SIZE, len(data)))
    return bytes(out)


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    """§2.4.1.3.7: one chunk, compressed when it fits in 4096 data bytes, raw otherwise."""
    body = bytearray()
    limit = MAX_COMPRESSED_CHUNK - 2  # data bytes after the header
    index: dict[bytes, list[int]] = {}
    current = start
    while current < end and len(body) < limit:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if current >= end or len(body) >= limit:
                break
            offset, length = _match(data, start, current, end, index)
            if offset:
                if len(body) + 1 >= limit:
                    body.extend(b"\0" * (limit - len(body)))  # does not fit: forces a raw chunk
                    break
                token = pack_copy_token(offset, length, current - start)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                step = length
            else:
                body.append(data[current])
                step = 1
            for position in range(current, current + step):
                _remember(data, position, end, index)
            current += step
        body[flag_at] = flags
    if current < end:
        raw = data[start:end]
        return _header(CHUNK_SIZE + 2, compressed=False) + raw + b"\0" * (CHUNK_SIZE - len(raw))
    return _header(len(body) + 2, compressed=True) + bytes(body)


def _remember(data: bytes, position: int, end: int, index: dict[bytes, list[int]]) -> None:
    """Index a chunk position by its first three bytes (it becomes a match candidate)."""
    if position + _MIN_MATCH <= end:
        index.setdefault(data[position : position + _MIN_MATCH], []).append(position)


def _match(
    data: bytes, chunk_start: int, current: int, end: int, index: dict[bytes, list[int]]
) -> tuple[int, int]:
    """§2.4.1.3.19.4: (offset, length) of the longest earlier match, (0, 0) when under 3 bytes.

    Candidates are visited from the nearest backwards and replaced only by a
    strictly longer match, exactly as the specification's loop does.
    """
    if current + _MIN_MATCH > end:
        return 0, 0
    candidates = index.get(data[current : current + _MIN_MATCH])
    if not candidates:
        return 0, 0
    best_length, best_candidate = 0, 0
    for candidate in reversed(candidates):
        length = _MIN_MATCH
        while current + length < end and data[candidate + length] == data[current + length]:
            length += 1
        if length > best_length:
            best_length, best_candidate = length, candidate
    _, _, maximum = copy_token_help(current - chunk_start)
    return current - best_candidate, min(best_length, maximum)


def _header(size: int, *, compressed: bool) -> bytes:
    """§2.4.1.1.5: size − 3 in bits 0–11, signature 0b011 in bits 12–14, flag in bit 15."""
    value = (size - 3) | (_CHUNK_SIGNATURE << 12) | (int(compressed) << 15)
    return struct.pack("<H", value)


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer (§2.4.1.3.1); raises ``CorruptContainer`` on bad input."""
    if not container or container[0] != SIGNATURE:
        raise CorruptContainer("missing signature byte 0x01")
    out = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise CorruptContainer(f"truncated chunk header at {position}")
        (header,) = struct.unpack_from("<H", container, position)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise CorruptContainer(f"bad chunk signature at {position}")
        chunk_end = min(position + size, len(container))
        if header >> 15:
            _decompress_chunk(container, position + 2, chunk_end, out)
        else:
            out += container[position + 2 : position + 2 + CHUNK_SIZE]
        position += size
    return bytes(out)


def _decompress_chunk(container: bytes, position: int, end: int, out: bytearray) -> None:
    """§2.4.1.3.2: token sequences until the chunk's end; copies may overlap what they write."""
    chunk_start = len(out)
    while position < end:
        flags = container[position]
        position += 1
        for bit in range(8):
            if position >= end:
                break
            if not (flags >> bit) & 1:
                out.append(container[position])
                position += 1
                continue
            if position + 2 > end:
                raise CorruptContainer(f"truncated copy token at {position}")
            (token,) = struct.unpack_from("<H", container, position)
            position += 2
            offset, length = unpack_copy_token(token, len(out) - chunk_start)
            source = len(out) - offset
            if source < chunk_start:
                raise CorruptContainer(f"copy token reaches before its chunk at {position - 2}")
            for i in range(length):
                out.append(out[source + i])
