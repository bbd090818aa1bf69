#!/usr/bin/env python3
"""Score readstat's sentence splitter on a JSONL file of cases.

Usage: tools/sbd_check.py BUILD/src/cli/readstat CASES.jsonl

Each line holds {"id", "text", "sentences": [...]}.  A case passes when
readstat's sentences, with white space collapsed, equal the expected list.
Prints each failure and a closing "N/M cases" line; exits 1 on any failure.
"""
import json
import subprocess
import sys


def sentences(binary, text):
    out = subprocess.run([binary, "--json", "--detail", "-"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return [s["text"] for s in json.loads(out).get("sentences", [])]


def main():
    binary, path = sys.argv[1], sys.argv[2]
    passed = total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            expected = [" ".join(s.split()) for s in case["sentences"]]
            got = sentences(binary, case["text"])
            total += 1
            if got == expected:
                passed += 1
            else:
                print(f"FAIL {case.get('id', total)}: {case['text']!r}\n  expected {expected}\n  got      {got}")
    print(f"{passed}/{total} cases")
    sys.exit(0 if passed == total else 1)


if __name__ == "__main__":
    main()
