"""Safe streaming XML: defusedxml's parser driving a small handler, never a tree.

Each part is fed to :class:`defusedxml.ElementTree.DefusedXMLParser` in chunks as it comes out
of the zip. defusedxml installs its guards on the underlying expat parser: it refuses DTDs,
entity declarations and external references (so entity expansion never starts). The handler's
``start``/``end``/``data`` are attached to that same expat parser directly, skipping
ElementTree's per-element Python layer (about twice as fast); no tree is built, the handler
keeps only what it needs, so memory does not grow with the part. The handler also bounds nesting depth and the
text it collects for one element. Any refusal becomes one Danish sentence.

expat itself holds a whole tag (with every attribute), comment, processing instruction or CDATA
section in memory before it reports it, and pyexpat builds a dict of all of a tag's attributes;
:func:`bounded` checks the bytes before expat sees them, so one such token is at most
:data:`MAX_TOKEN` bytes and one element has at most :data:`MAX_ATTRIBUTES` attributes (5.6 million
attributes on one ``<c>`` used to cost 1.6 GB). It looks only at what can be long: comments,
processing instructions, CDATA sections and stretches without a ``<`` (C-speed regular
expressions), so ordinary parts pass at full speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from dsi_xl.errors import UnreadableWorkbook

MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_ID = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
          "http://purl.oclc.org/ooxml/officeDocument/relationships}id")
MAX_DEPTH = 128  # Excel nests about 10 deep
MAX_TEXT = 1_000_000  # characters of text in one element (Excel's cell limit is 32,767)
MAX_TOKEN = 1 << 20  # bytes of one tag, comment, processing instruction or CDATA section
MAX_ATTRIBUTES = 10_000  # attributes of one element (Excel writes a few dozen at most)
LONG = 16_384  # a stretch without "<" this long is looked at: a tag that long may hold many attributes
_LOOK = re.compile(rb"<(?:!--|\?|!\[CDATA\[|[^<]{%d})" % LONG)  # anchored at "<": linear in the part
_ENDS = {b"<!--": b"-->", b"<?": b"?>", b"<![CDATA[": b"]]>"}
# a tag's rest, quotes respected; possessive, so a tag of many attributes keeps no backtracking state
_TAG = re.compile(rb"""[^"'>]*+(?:(?:"[^"]*+"|'[^']*+')[^"'>]*+)*+>""")
_QUOTED = re.compile(rb""""[^"]*"|'[^']*'""")


def tags(*local: str) -> dict[str, str]:
    """Tag as expat names it (``namespace}local``) -> local name, for SpreadsheetML's two
    namespaces (transitional and strict)."""
    return {f"{ns}}}{name}": name for ns in MAIN for name in local}


def too_deep(part: str) -> UnreadableWorkbook:
    """The refusal of a part nested deeper than :data:`MAX_DEPTH`, for every handler's ``start``."""
    return UnreadableWorkbook(f"Delen {part} er indlejret mere end {MAX_DEPTH} niveauer dybt og afvises.")


class Handler:
    """Base handler: tracks depth and collects text only while ``self.collecting`` is true."""

    part = ""

    def __init__(self) -> None:
        self.depth = 0
        self.collecting = False
        self.text: list[str] = []
        self.text_size = 0

    # called by the parser -------------------------------------------------
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise too_deep(self.part)
        self.open(tag, attrib)

    def end(self, tag: str) -> None:
        self.depth -= 1
        self.close_tag(tag)

    def data(self, text: str) -> None:
        if self.collecting:
            self.text_size += len(text)
            if self.text_size > MAX_TEXT:
                raise UnreadableWorkbook(
                    f"Delen {self.part} har en tekst på over {MAX_TEXT:,} tegn og afvises.".replace(",", ".")
                )
            self.text.append(text)

    def close(self) -> None:
        return None

    # for subclasses -----------------------------------------------------
    def open(self, tag: str, attrib: dict[str, str]) -> None:  # pragma: no cover - overridden
        pass

    def close_tag(self, tag: str) -> None:  # pragma: no cover - overridden
        pass

    def collect(self) -> None:
        self.collecting = True
        self.text = []
        self.text_size = 0

    def collected(self) -> str:
        self.collecting = False
        text = "".join(self.text)
        self.text = []
        return text


def _too_long(part: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(f"Delen {part} har et XML-element på over {MAX_TOKEN // 2**20} MB og afvises.")


def bounded(chunks: Iterable[bytes], part: str) -> Iterator[bytes]:
    """``chunks`` passed on unchanged, refusing a tag, comment, processing instruction or CDATA
    section longer than :data:`MAX_TOKEN` bytes, or an element with more than
    :data:`MAX_ATTRIBUTES` attributes, before expat buffers it. At most one unfinished token
    (under :data:`MAX_TOKEN` bytes) is kept between chunks."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        unfinished = len(data)
        for found in _LOOK.finditer(data):
            start, token = found.start(), found.group(0)
            if token in _ENDS:
                end = data.find(_ENDS[token], found.end())
                if end < 0:
                    unfinished = min(unfinished, start)
                    break
                if end - start > MAX_TOKEN:
                    raise _too_long(part)
                continue
            gap = data.find(b"<", start + 1)  # a tag and the text after it contain no "<"
            gap = len(data) if gap < 0 else gap
            tag = _TAG.match(data, start + 1, min(gap, start + MAX_TOKEN + 1))
            if tag is None:
                if gap - start > MAX_TOKEN:
                    raise _too_long(part)
                unfinished = min(unfinished, start)  # the tag may end in the next chunk
            elif (data.count(b'"', start, tag.end()) + data.count(b"'", start, tag.end()) > 2 * MAX_ATTRIBUTES
                  and sum(1 for _ in _QUOTED.finditer(data, start, tag.end())) > MAX_ATTRIBUTES):
                raise UnreadableWorkbook(
                    f"Delen {part} har et element med over {MAX_ATTRIBUTES:,} attributter og afvises.".replace(",", ".")
                )
        last = data.rfind(b"<")
        if last >= 0 and len(data) - last < LONG:  # a short tail after the last "<": maybe a tag going on
            unfinished = min(unfinished, last)
        carry = data[unfinished:]
        if len(carry) > MAX_TOKEN:
            raise _too_long(part)
        yield chunk


def parse(chunks: Iterable[bytes], handler: Handler, part: str) -> Handler:
    """Feed ``chunks`` of the part named ``part`` through defusedxml into ``handler``."""
    handler.part = part
    parser = DefusedXMLParser(target=handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    expat = parser.parser  # defusedxml's guards stay installed on it
    expat.ordered_attributes = False
    expat.StartElementHandler = handler.start
    expat.EndElementHandler = handler.end
    expat.CharacterDataHandler = handler.data
    try:
        for chunk in bounded(chunks, part):
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException:
        raise UnreadableWorkbook(
            f"Delen {part} indeholder en DTD eller XML-entiteter, som Excel aldrig skriver, og afvises "
            "(beskyttelse mod XML-angreb)."
        ) from None
    except ParseError as error:
        line = getattr(error, "position", (None,))[0]
        where = f" (linje {line})" if line else ""
        raise UnreadableWorkbook(f"Delen {part} er ikke gyldig XML{where}, så filen er beskadiget.") from None
    except RecursionError:
        raise UnreadableWorkbook(f"Delen {part} er indlejret for dybt og afvises.") from None
    return handler


class Relationships(Handler):
    """A ``.rels`` part: Id -> (Type, Target, TargetMode)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, tuple[str, str, str]] = {}

    def open(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == f"{RELS}}}Relationship":
            self.items[attrib.get("Id", f"_{len(self.items)}")] = (
                attrib.get("Type", ""), attrib.get("Target", ""), attrib.get("TargetMode", "Internal"))
        if len(self.items) > 100_000:
            raise UnreadableWorkbook(f"Delen {self.part} har over 100.000 relationer og afvises.")
