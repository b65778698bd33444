#!/usr/bin/env python3
"""Checks near-duplicate folding against the exact similarity: runs six
reporter queries (top 100 hits each) with each BINARY on its INDEX, and
for every copy listed under a hit (`also`) computes the exact Jaccard
similarity of the two bodies' word trigrams (accents and case folded, as
the signature folds them) from an export of the same articles.

    python3 benches/fold_check.py EXPORT.ndjson LABEL:BINARY:INDEX ...

EXPORT.ndjson: `dossier export --index INDEX --format ndjson`. On an
archive whose only duplicates are exact copies (benches/gen_archive.rs),
every fold is a different article.
"""
import json
import re
import subprocess
import sys
import unicodedata

QUERIES = ["Osiris Luna", "extortion prison", "tregua", "prison", "gang", "police"]


def trigrams(text):
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^0-9a-z]+", text) if w]
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bodies = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            bodies[article["path"]] = article["body"]
    cache = {}

    def shingles(path):
        if path not in cache:
            cache[path] = trigrams(bodies[path])
        return cache[path]

    for spec in sys.argv[2:]:
        label, binary, index = spec.split(":")
        similarities = []
        for query in QUERIES:
            out = subprocess.run(
                [binary, "search", query, "--index", index, "--format", "json", "--limit", "100"],
                capture_output=True,
                text=True,
            ).stdout
            for hit in json.loads(out)["hits"]:
                for other in hit.get("also", []):
                    if other in bodies and hit["path"] in bodies:
                        a, b = shingles(hit["path"]), shingles(other)
                        similarities.append(len(a & b) / len(a | b))
        similarities.sort()
        median = similarities[len(similarities) // 2] if similarities else None
        print(
            f"{label}: {len(similarities)} folds, {sum(s >= 0.35 for s in similarities)} "
            f"at a true similarity of 0.35 or more, median {median}"
        )


if __name__ == "__main__":
    main()
