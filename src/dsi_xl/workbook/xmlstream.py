"""Safe streaming XML: defusedxml's parser driving a small handler, never a tree.

Each part is fed to :class:`defusedxml.ElementTree.DefusedXMLParser` in chunks as it comes out
of the zip. defusedxml installs its guards on the underlying expat parser: it refuses DTDs,
entity declarations and external references (so entity expansion never starts). The handler's
``start``/``end``/``data`` are attached to that same expat parser directly, skipping
ElementTree's per-element Python layer (about twice as fast); no tree is built, the handler
keeps only what it needs, so memory does not grow with the part. The handler also bounds nesting depth and the
text it collects for one element. Any refusal becomes one Danish sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
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
        for chunk in chunks:
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
