"""``python -m standpunkt``: the same as the ``standpunkt`` command."""

from ._cli import main

main()
