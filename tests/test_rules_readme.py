"""The README's rules table (section "Regler") is the catalogue: every id, severity and text."""

from __future__ import annotations

from conftest import ROOT
from dsi_xl.validation.rules import catalogue, markdown_table


def test_readme_lists_every_rule_of_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Regler", 1)[1]
    for rule_id, severity, _group, _text in catalogue():
        assert f"| {rule_id} | {severity} |" in section, rule_id
    assert markdown_table() in readme, (
        "regenerate the table: python3 -c 'from dsi_xl.validation.rules import markdown_table; print(markdown_table())'"
    )
