"""``python -m dsi_xl``: the same as the ``dsi-xl`` command."""

from dsi_xl.cli import main

main()
