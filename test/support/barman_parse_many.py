#!/usr/bin/env python3
"""Runs barman_parse.py's reading on many Barman configurations in one interpreter, for speed.

usage: barman_parse_many.py BARMAN_CONF...

Prints a JSON list: for each BARMAN_CONF, in order, exactly what `barman_parse.py BARMAN_CONF`
prints. Importing Barman once instead of once per file is what makes a few hundred files cheap.
"""
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import barman_parse  # noqa: E402


def main():
    results = []
    real_stdout = sys.stdout
    for conf in sys.argv[1:]:
        captured = io.StringIO()
        sys.argv = [sys.argv[0], conf]
        sys.stdout = captured
        try:
            barman_parse.main()
        finally:
            sys.stdout = real_stdout
        results.append(json.loads(captured.getvalue()))
    json.dump(results, real_stdout)
    real_stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
