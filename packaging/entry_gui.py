"""The bundle's window entry: the same ``main`` as the ``secretary-app`` console script."""

import sys

from secretary_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
