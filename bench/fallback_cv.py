"""Out-of-fold accuracy of the whole extractor, the learned reader trained without the case.

    .venv/bin/python bench/fallback_cv.py [--l2 0.01] [--min-df 3] [--doubt 0.1 ...]

The learned reader (tracker/extract/learned.py) is trained on the development sets, so
the extractor's accuracy on those sets counts cases the model has memorised. This
script splits the development cases in five folds, trains the model on four, runs the
whole extractor (rules, fallback, doubt) on the fifth with it, and prints status
accuracy and the precision and recall of each status over all five held-out folds: the
honest figure for choosing the training settings and the thresholds. The blind holdouts
are never read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.extract import learned
from tracker.extract_cli import run_case

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FOLDS = 5
SHOWN = ("renewed", "cancelled", "pending", "ending", "ended")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=learned.L2)
    parser.add_argument("--min-df", type=int, default=learned.MIN_DF)
    parser.add_argument("--epochs", type=int, default=learned.EPOCHS)
    parser.add_argument("--rate", type=float, default=learned.RATE)
    parser.add_argument("--threshold", type=float, default=learned.THRESHOLD)
    parser.add_argument("--doubt", type=float, nargs="+", default=[learned.DOUBT])
    parser.add_argument("--robust", type=float, default=learned.ROBUST)
    parser.add_argument("--spared", type=float, default=learned.SPARED)
    parser.add_argument("--revival", type=float, default=learned.REVIVAL)
    parser.add_argument("--allow", nargs="*", default=sorted(learned.ALLOWED))
    parser.add_argument("--pairs", action="store_true", help="also print the commonest misses")
    parser.add_argument("--list", type=Path, help="write each out-of-fold miss (id, gold, got)")
    args = parser.parse_args()

    cases = [
        json.loads(line)
        for name in learned.TRAINING_SETS
        for line in (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    examples = learned.training_examples(CORPUS)
    order = list(range(len(cases)))
    random.Random(1).shuffle(order)
    folds = [order[f::FOLDS] for f in range(FOLDS)]
    models = [
        learned.train(
            [examples[i] for i in order if i not in set(held)],
            epochs=args.epochs,
            l2=args.l2,
            min_df=args.min_df,
            rate=args.rate,
        )
        for held in folds
    ]
    learned.THRESHOLD, learned.ROBUST, learned.SPARED = args.threshold, args.robust, args.spared
    learned.REVIVAL, learned.ALLOWED = args.revival, frozenset(args.allow)
    print(
        f"{len(cases)} development cases, {FOLDS} folds; "
        f"l2={args.l2} min_df={args.min_df} epochs={args.epochs} rate={args.rate} "
        f"threshold={args.threshold} "
        f"robust={args.robust} spared={args.spared} revival={args.revival} "
        f"allowed={','.join(sorted(learned.ALLOWED))}"
    )
    for doubt in args.doubt:
        learned.DOUBT = doubt
        results, ids = [], []
        for held, fitted in zip(folds, models, strict=True):
            learned.model = lambda fitted=fitted: fitted  # type: ignore[assignment]
            results += [(run_case(cases[i], CORPUS)["status"], _gold(cases[i])) for i in held]
            ids += [str(cases[i]["id"]) for i in held]
        print(f"doubt < {doubt}: {_summary(results)}")
        if args.list:
            wrong = sorted(
                f"{case_id}\t{gold}\t{got}"
                for case_id, (got, gold) in zip(ids, results, strict=True)
                if got != gold
            )
            args.list.write_text("".join(line + "\n" for line in wrong), encoding="utf-8")
        if args.pairs:
            misses = Counter((got, gold) for got, gold in results if got != gold)
            for (got, gold), count in misses.most_common(12):
                print(f"    {count:4}  {gold} read as {got}")


def _gold(case: dict[str, object]) -> str:
    expected = case["expected"]
    assert isinstance(expected, dict)
    return str(expected["status"])


def _summary(results: Sequence[tuple[str, str]]) -> str:
    right = sum(got == gold for got, gold in results)
    parts = [f"status {right / len(results):.1%} ({len(results) - right} wrong)"]
    for status in SHOWN:
        hits = sum(got == gold == status for got, gold in results)
        said = sum(got == status for got, _ in results)
        real = sum(gold == status for _, gold in results)
        parts.append(f"{status} P {hits / max(said, 1):.3f} R {hits / max(real, 1):.3f}")
    return ", ".join(parts)


if __name__ == "__main__":
    main()
