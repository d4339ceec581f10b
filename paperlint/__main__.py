"""``python -m paperlint``: the same command as ``paperlint`` (where the script is not on PATH)."""

import sys

from paperlint.cli import run

if __name__ == "__main__":
    sys.exit(run())
