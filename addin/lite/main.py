"""DSI's regnskabsskabelon in xlwings Lite: paste this file into Lite's main.py tab.

Every DSI_ worksheet function of dsi_xl.udfs, and the script "validate" (Validér regnskab),
which writes the Valideringsrapport sheet. requirements.txt installs dsi_xl from DSI's wheel.
"""

from dsi_xl.excel import validate  # noqa: F401 - the "Validér regnskab" script
from dsi_xl.udfs import *  # noqa: F401,F403 - registers every DSI_ function
