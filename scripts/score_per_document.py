#!/usr/bin/env python3
"""Scores events document by document against the dev set's per-document gold files.

The merged dev gold (tools/merge_gold.py) prefixes entity ids with the document, so a system
participant named in many documents (ترامب) resolves to every document's id and the scorer
counts all but one as extra participants: such events can never match. Scoring each
document against its own gold file avoids that; the official merged figure stays the one to
report, this one is for development.

Usage: score_per_document.py GOLD_DIR EVENTS.jsonl
"""
import json, os, subprocess, sys, tempfile

gold_dir, events_path = sys.argv[1], sys.argv[2]
score = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "tools", "score.py")
events = [json.loads(l) for l in open(events_path, encoding="utf-8") if l.strip()]
tot = {"system": 0, "matched": 0, "required": 0, "matched_required": 0}
for name in sorted(os.listdir(gold_dir)):
    if not name.endswith(".json"):
        continue
    gold = os.path.join(gold_dir, name)
    doc = json.load(open(gold, encoding="utf-8"))["documents"][0]["id"]
    mine = [e for e in events if doc in (e.get("documents") or [])]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for e in mine:
            f.write(json.dumps(dict(e, documents=[doc]), ensure_ascii=False) + "\n")
    r = json.loads(subprocess.run([sys.executable, score, "events", gold, f.name, "--json"],
                                  capture_output=True, text=True, check=True).stdout)
    os.unlink(f.name)
    tot["system"] += r["system_events"]
    tot["matched"] += r["matched"]
    tot["required"] += r["gold_required"]
    tot["matched_required"] += r["matched_required"]
p = tot["matched"] / tot["system"] if tot["system"] else 0.0
r = tot["matched_required"] / tot["required"] if tot["required"] else 0.0
f = 2 * p * r / (p + r) if p + r else 0.0
print(json.dumps(dict(tot, precision=round(p, 3), recall=round(r, 3), f1=round(f, 3))))
