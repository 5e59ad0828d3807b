"""Build the base suggestion model the app ships (resources/models/base.crfsuite).

    python resources/models/build_base.py GOLD.jsonl [GOLD.jsonl ...]

Shipped: trained on ``eval/domain_dev`` (43 Guangdong government articles annotated by
GUIDELINES.md), which the project may ship a model of; the gold texts themselves are
not shipped, only the weights. The sample articles are left out on purpose, so that
they stay unseen text for the model (the first-run project, ``bench simulate``).
``base.json`` records the hash of every text it was trained on, so ``annotator bench
learn`` can retrain the base without the fold it scores, and the calibration of its
confidence, learned from suggestions on held-out folds of the same texts. Rebuild whenever the
components or the model's attributes change: the model reads the components' output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(paths: list[str]) -> int:
    from annotator.core.evaluate import read_gold
    from annotator.core.suggest.training import calibrated_base
    from annotator.core.text import text_uid

    docs = [doc for path in paths for doc in read_gold(path)]
    (data, judged), calibration = calibrated_base(docs)
    here = Path(__file__).parent
    (here / "base.crfsuite").write_bytes(data)
    info = {
        "about": "What base.crfsuite was trained on: hashes of the cleaned texts (text_uid), "
        "and how many candidates of each origin it saw (judged): it overrules only kinds "
        "of span it has seen often enough (suggest.json, model.judges_after).",
        "sources": [Path(p).name for p in paths],
        "texts": len(docs),
        "judged": judged,
        # Confidence: how right the model's suggestions were on texts held out of it
        # (annotator/core/suggest/calibration.py).
        "calibration": calibration.to_json() if calibration is not None else None,
        "trained_on": sorted(text_uid(text) for text, _ in docs),
    }
    (here / "base.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"{here / 'base.crfsuite'}: {len(data):,} bytes from {len(docs)} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
