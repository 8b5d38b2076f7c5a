"""Code to run first in a fresh interpreter so that it behaves as if pandas were not installed
(an accountant's PC has only dsi-xl's own dependencies; the test extra installs pandas)."""

WITHOUT_PANDAS = """
import sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NoPandas())
"""
