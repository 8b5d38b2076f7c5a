"""What every finding's message must be: plain Danish an accountant reads, checked the same way
for the rules of one file (test_rules) and of a run of files (test_history)."""

from __future__ import annotations

import re

from dsi_xl.spec import ALL_NAMES, GOAL_NAME

ENGLISH_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{4,}(?!\d)|(?<![\d.])\d{4,}\.\d+|(?<![\d.,])\d{5,7}(?![\d.,])")
WRONG_PLURAL = re.compile(
    r"\b(?:[02-9]|\d\d+) (?:advarsel|celle|værdi|kvartal|måned)\b(?!er)|\b1 (?:advarsler|celler|værdier)\b"
)


def assert_plain_danish(message: str) -> None:
    """No defined name, no English number, no "..", no wrong plural, no cell reference outside a formula."""
    text = re.sub(r"=\S+", "", message)  # a quoted formula shows names as Excel does
    assert not [s.name for s in ALL_NAMES if s.name in text], message
    assert not GOAL_NAME.search(text), message  # a payment goal's own name
    assert not ENGLISH_DECIMAL.search(text), message
    assert ".." not in text and "celle(r)" not in text, message
    assert not WRONG_PLURAL.search(text), message
    assert not re.search(r"\b[A-Z]{1,3}\d+\b", text.replace("CVR", "")) or "formel" in text, message
