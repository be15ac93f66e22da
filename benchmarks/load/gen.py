#!/usr/bin/env python3
"""Writes N news documents as JSON lines for the serve load test.

The first 31,463 are the unlabeled 2018 articles of shared/data as they are; the rest are
the same articles with their sentences rotated (a different text, hence a new document)
and a new id, so the store holds real Arabic news language at N documents.

With --words W, each document is instead W words of running real news text: consecutive
articles joined and cut at word boundaries (the ingest throughput goal of issue 6 is stated
for 500-word articles).

usage: gen.py SHARED_DATA_DIR N OUT.jsonl [--words W]
"""
import json
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
data, n, out = args[0], int(args[1]), args[2]
words_per_doc = int(sys.argv[sys.argv.index("--words") + 1]) if "--words" in sys.argv else 0
if words_per_doc:
    args.pop()
articles = []
with open(f"{data}/unlabeled/ant-multisource-2018.jsonl", encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        if a.get("text", "").strip():
            articles.append(a)
if words_per_doc:
    with open(out, "w", encoding="utf-8") as w:
        stream, src, i = [], 0, 0
        while i < n:
            while len(stream) < words_per_doc:
                stream.extend(articles[src % len(articles)]["text"].split(" "))
                src += 1
            text, stream = " ".join(stream[:words_per_doc]), stream[words_per_doc:]
            a = articles[src % len(articles)]
            doc = {"id": f"w{words_per_doc}-{i}", "title": " ".join(text.split()[:8]),
                   "published": a.get("published"), "text": text}
            w.write(json.dumps(doc, ensure_ascii=False) + "\n")
            i += 1
    print(f"{n} documents of {words_per_doc} words -> {out}", file=sys.stderr)
    sys.exit(0)
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
