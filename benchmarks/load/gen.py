#!/usr/bin/env python3
"""Writes N news documents as JSON lines for the serve load test.

The first 31,463 are the unlabeled 2018 articles of shared/data as they are; the rest are
the same articles with their sentences rotated (a different text, hence a new document)
and a new id, so the store holds real Arabic news language at N documents.

usage: gen.py SHARED_DATA_DIR N OUT.jsonl
"""
import json
import sys

data, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
articles = []
with open(f"{data}/unlabeled/ant-multisource-2018.jsonl", encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        if a.get("text", "").strip():
            articles.append(a)
with open(out, "w", encoding="utf-8") as w:
    for i in range(n):
        a = dict(articles[i % len(articles)])
        turn = i // len(articles)
        if turn:
            parts = a["text"].split(". ")
            k = turn % max(1, len(parts))
            a["text"] = ". ".join(parts[k:] + parts[:k])
            a["id"] = f"{a['id']}-r{turn}"
        w.write(json.dumps(a, ensure_ascii=False) + "\n")
print(f"{n} documents -> {out}", file=sys.stderr)
