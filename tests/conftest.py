from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


def seed(prefix: str) -> str:
    """The raw text of the seed whose file name starts with ``prefix``."""
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    import cppcc_nlp

    return cppcc_nlp.load()
