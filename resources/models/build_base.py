"""Build the base suggestion model the app ships (resources/models/base.crfsuite).

    python resources/models/build_base.py GOLD.jsonl [GOLD.jsonl ...]

Trained on the gold the project may ship a model of (the sample articles' gold and
``eval/domain_dev``; see ATTRIBUTION in this folder). The gold texts themselves are not
shipped, only the model's weights. Rebuild it whenever the components or the model's
attributes change: the model reads the components' candidates.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(paths: list[str]) -> int:
    from annotator.core.evaluate import read_gold
    from annotator.core.suggest.training import train_docs

    docs = [doc for path in paths for doc in read_gold(path)]
    data = train_docs(docs)
    out = Path(__file__).with_name("base.crfsuite")
    out.write_bytes(data)
    print(f"{out}: {len(data):,} bytes from {len(docs)} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
