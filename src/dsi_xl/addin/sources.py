"""The build's inputs that are ours: the ribbon XML and the settings (package data, so a wheel
can rebuild the add-in)."""

from __future__ import annotations

from dataclasses import dataclass

from defusedxml import ElementTree

from dsi_xl.addin import CONFIG_SOURCE, RIBBON_SOURCE


@dataclass(frozen=True)
class Config:
    """config.xml: the configuration sheet's rows and the package's title and description."""

    title: str
    description: str
    settings: tuple[tuple[str, str], ...]

    def setting(self, key: str) -> str | None:
        """A setting's value, matched upper-cased like xlwings' GetConfigFromSheet."""
        for name, value in self.settings:
            if name.upper() == key.upper():
                return value
        return None


def ribbon_bytes() -> bytes:
    """The ribbon XML as shipped, checked to be well-formed."""
    data = RIBBON_SOURCE.read_bytes()
    ElementTree.fromstring(data)
    return data


def on_actions(ribbon: bytes) -> list[str]:
    """Every onAction callback a ribbon XML names, in document order."""
    root = ElementTree.fromstring(ribbon)
    return [element.get("onAction") for element in root.iter() if element.get("onAction") is not None]


def config(**values: str) -> Config:
    """config.xml, with ``{name}`` placeholders in the description filled from ``values``."""
    root = ElementTree.fromstring(CONFIG_SOURCE.read_bytes())
    settings = tuple((s.get("key"), (s.text or "").strip()) for s in root.findall("setting"))
    description = (root.findtext("description") or "").strip()
    return Config(
        title=(root.findtext("title") or "").strip(),
        description=description.format(**values) if values else description,
        settings=settings,
    )
