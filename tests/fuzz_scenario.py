#!/usr/bin/env python3
"""fuzz_scenario.py - mutate the scenario packs and check that
`rightsize simulate` either runs (exit 0) or rejects the file with exactly
one line on stderr (exit 1): never a crash, a hang or a second line.

usage: fuzz_scenario.py RIGHTSIZE SCENARIO_DIR [ITERATIONS [SEED]]
Failing inputs are kept as fuzz-scenario-N.json in the current directory.
"""
import os
import random
import subprocess
import sys
import tempfile

TOKENS = ['-1', '0', '1e308', '"x"', 'null', '[]', '{}', '99999999', 'true',
          '"2026-13-45"', '"0.1.2"', '1.5', '""']


def mutate(text, rng):
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(text))
        op = rng.random()
        if op < 0.3:
            text = text[:k] + text[k + 1:]
        elif op < 0.6:
            text = text[:k] + rng.choice('0123456789-.,:[]{}"e ') + text[k:]
        else:
            text = text[:k] + rng.choice(TOKENS) + text[k:]
    return text


def main():
    rs, sdir = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    packs = []
    for name in sorted(os.listdir(sdir)):
        if name.endswith('.json'):
            with open(os.path.join(sdir, name)) as f:
                text = f.read()
            # absolute paths, so the mutated copy elsewhere still finds them
            up = os.path.abspath(os.path.join(sdir, '..'))
            packs.append(text.replace('"../', '"' + up + '/'))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'f.json')
        for i in range(n):
            text = mutate(rng.choice(packs), rng)
            with open(path, 'w') as f:
                f.write(text)
            try:
                r = subprocess.run([rs, 'simulate', '--set', 'days=1', path],
                                   capture_output=True, text=True, timeout=60)
                ok = r.returncode == 0 or (r.returncode == 1 and
                                           r.stderr.count('\n') == 1)
                why = 'exit %d: %s' % (r.returncode, r.stderr[:200])
            except subprocess.TimeoutExpired:
                ok, why = False, 'timeout'
            if not ok:
                bad += 1
                keep = 'fuzz-scenario-%d.json' % i
                with open(keep, 'w') as f:
                    f.write(text)
                print('FAIL %s: %s' % (keep, why))
    print('fuzz-scenario: %d inputs, %d failures' % (n, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
