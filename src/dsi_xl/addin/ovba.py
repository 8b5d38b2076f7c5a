"""MS-OVBA compression ([MS-OVBA] 2.4.1), the run-length scheme of a VBA project's streams.

``decompress`` reads a CompressedContainer. ``compress`` writes one, and can write it at an exact
size: a VBA project's streams sit in fixed sectors of an OLE file, so a changed stream that keeps
its size can be put back without moving anything else. The size is reached the way the format
allows any encoder to: by spending a few copy tokens on literals (or on two shorter copies), which
decompress to the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

CHUNK = 4096  # decompressed bytes per chunk
SIGNATURE = 0x01  # a container's first byte
_COMPRESSED_CHUNK = 0xB000  # chunk header: flag 1 (compressed), signature 0b011


class CompressionError(ValueError):
    """The bytes are not an MS-OVBA container, or cannot be compressed to the size asked for."""


@dataclass(frozen=True)
class Copy:
    """A copy token: ``length`` bytes from ``offset`` bytes back."""

    offset: int
    length: int


Token = int | Copy  # a literal byte, or a copy


def _bit_count(done: int) -> int:
    """Offset bits of a copy token when ``done`` bytes of its chunk are decompressed (CopyTokenHelp)."""
    return max((done - 1).bit_length(), 4)


def _max_length(done: int) -> int:
    return (0xFFFF >> _bit_count(done)) + 3


def decompress(data: bytes) -> bytes:
    """The bytes a CompressedContainer holds."""
    if not data or data[0] != SIGNATURE:
        raise CompressionError("not an MS-OVBA compressed container (first byte is not 0x01)")
    out = bytearray()
    pos = 1
    while pos < len(data):
        if pos + 2 > len(data):
            raise CompressionError(f"truncated chunk header at byte {pos}")
        header = int.from_bytes(data[pos:pos + 2], "little")
        if header >> 12 & 0b111 != 0b011:
            raise CompressionError(f"bad chunk signature at byte {pos}")
        end = min(pos + (header & 0x0FFF) + 3, len(data))
        pos += 2
        start = len(out)
        if not header >> 15:  # a raw chunk
            out += data[pos:pos + CHUNK]
            pos += CHUNK
            continue
        while pos < end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags >> bit & 1:
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > end:
                    raise CompressionError(f"truncated copy token at byte {pos}")
                token = int.from_bytes(data[pos:pos + 2], "little")
                pos += 2
                bits = _bit_count(len(out) - start)
                offset, length = (token >> (16 - bits)) + 1, (token & (0xFFFF >> bits)) + 3
                if offset > len(out) - start:
                    raise CompressionError(f"copy token reaches before its chunk at byte {pos - 2}")
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)


def _tokens(chunk: bytes) -> list[Token]:
    """The greedy parse of one chunk: at each byte the longest earlier match, of equally long ones
    the farthest back. [MS-OVBA] leaves the tie open; the farthest is what Excel writes (a test
    reproduces Excel's dir stream byte for byte with it)."""
    seen: dict[bytes, list[int]] = defaultdict(list)
    tokens: list[Token] = []
    pos = 0
    while pos < len(chunk):
        best = Copy(0, 0)
        limit = min(_max_length(pos), len(chunk) - pos)
        for candidate in reversed(seen.get(chunk[pos:pos + 3], ())):
            length = 0
            while length < limit and chunk[candidate + length] == chunk[pos + length]:
                length += 1
            if length >= best.length:
                best = Copy(pos - candidate, length)
        step = best.length if best.length >= 3 else 1
        tokens.append(best if step > 1 else chunk[pos])
        for i in range(pos, pos + step):
            seen[chunk[i:i + 3]].append(i)
        pos += step
    return tokens


def _size(tokens: list[Token]) -> int:
    """Compressed bytes of a chunk's tokens, without the chunk header."""
    return (len(tokens) + 7) // 8 + sum(2 if isinstance(t, Copy) else 1 for t in tokens)


def _loosen(chunk: bytes, tokens: list[Token], extra: int) -> list[Token] | None:
    """The same chunk in ``extra`` more compressed bytes, or None if these tokens cannot give it.

    Two moves, each on one copy token: *shorten* ends a copy one byte early and adds that byte as
    a literal (one more byte, one more token); *split* makes one copy two (two more bytes, one
    more token). n moves of which s splits add n + s bytes plus the flag bytes n more tokens need,
    so every size from the greedy one up is reachable while the copies last.
    """
    base = _size(tokens)
    for moves in range(extra + 1):
        flag_bytes = (len(tokens) + moves + 7) // 8 - (len(tokens) + 7) // 8
        splits = extra - moves - flag_bytes
        if not 0 <= splits <= moves:
            continue
        result = list(tokens)
        if _apply(chunk, result, moves - splits, splits) and _size(result) == base + extra:
            return result
    return None


def _apply(chunk: bytes, tokens: list[Token], shortens: int, splits: int) -> bool:
    """Make the moves in place on the first copies that allow them; False if too few do."""
    positions = []
    pos = 0
    for token in tokens:
        positions.append(pos)
        pos += token.length if isinstance(token, Copy) else 1
    for _ in range(splits):
        for i, token in enumerate(tokens):
            if isinstance(token, Copy) and token.length >= 6 and token.length - 3 <= _max_length(positions[i] + 3):
                tokens[i:i + 1] = [Copy(token.offset, 3), Copy(token.offset, token.length - 3)]
                positions[i:i + 1] = [positions[i], positions[i] + 3]
                break
        else:
            return False
    for _ in range(shortens):
        for i, token in enumerate(tokens):
            if isinstance(token, Copy) and token.length >= 4:
                end = positions[i] + token.length - 1
                tokens[i:i + 1] = [Copy(token.offset, token.length - 1), chunk[end]]
                positions[i:i + 1] = [positions[i], end]
                break
        else:
            return False
    return True


def _encode(tokens: list[Token]) -> bytes:
    body = bytearray()
    pos = 0
    for group in range(0, len(tokens), 8):
        flags = 0
        data = bytearray()
        for bit, token in enumerate(tokens[group:group + 8]):
            if isinstance(token, Copy):
                flags |= 1 << bit
                bits = _bit_count(pos)
                data += (((token.offset - 1) << (16 - bits)) | (token.length - 3)).to_bytes(2, "little")
                pos += token.length
            else:
                data.append(token)
                pos += 1
        body.append(flags)
        body += data
    if len(body) > CHUNK:
        raise CompressionError("a chunk does not compress; raw chunks are not written")
    return (_COMPRESSED_CHUNK | (len(body) - 1)).to_bytes(2, "little") + bytes(body)


def compress(data: bytes, size: int | None = None) -> bytes:
    """``data`` as a CompressedContainer; of exactly ``size`` bytes if given.

    Without ``size`` this is the greedy encoding. With it, the extra bytes go to the first chunk
    that can take them; :class:`CompressionError` if the greedy encoding is already larger.
    """
    chunks = [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)]
    parsed = [_tokens(chunk) for chunk in chunks]
    extra = 0 if size is None else size - (1 + sum(2 + _size(tokens) for tokens in parsed))
    if extra < 0:
        raise CompressionError(f"the data needs at least {size - extra} compressed bytes, not {size}")
    for index, chunk in enumerate(chunks):
        if extra == 0:
            break
        loosened = _loosen(chunk, parsed[index], extra)
        if loosened is not None and _size(loosened) <= CHUNK:
            parsed[index], extra = loosened, 0
    if extra:
        raise CompressionError(f"no encoding of exactly {size} bytes found")
    result = bytes([SIGNATURE]) + b"".join(_encode(tokens) for tokens in parsed)
    if decompress(result) != data:  # cheap, and the whole point of the format
        raise CompressionError("internal error: the encoding does not decompress to the data")
    return result
