"""Structural mutations of the demo's schemes, through check and both editions' generate, in-process:
any exception is a crash a user would see (as exit 3)."""
import copy, os, random, shutil, sys, traceback, yaml
from pathlib import Path

from common import OUT, crash_of, fresh_project, nodes

seed = int(sys.argv[1]); n = int(sys.argv[2]); agency = sys.argv[3]; scheme_code = sys.argv[4]
rng = random.Random(seed)
root = OUT / f"p{seed}"
fresh_project(root, agency)
path = root / "schemes" / f"{scheme_code}.yaml"
original = yaml.safe_load(path.read_text("utf-8"))
header = "".join(l + "\n" for l in path.read_text("utf-8").splitlines()[:1] if l.startswith("#"))

strings = [s for _, s in nodes(original) if isinstance(s, str) and len(s) < 20]
VALUES = [None, "", [], {}, 0, -1, 1, 100, 1000000, 0.5, "50%", "150%", "-5%", True, "优", "1e400", "abc", "=1+1", "<script>x</script>", "[x](javascript:1)", " ", "０", "1/3", 1e300]

def mutate(tree):
    all_nodes = [t for t, _ in nodes(tree) if t]
    trail = rng.choice(all_nodes)
    parent = tree
    for k in trail[:-1]: parent = parent[k]
    key = trail[-1]
    op = rng.random()
    if op < 0.25 and isinstance(parent, (dict, list)):
        del parent[key]; return f"del {trail}"
    if op < 0.45 and strings:
        v = rng.choice(strings); parent[key] = v; return f"{trail} = {v!r}"
    if op < 0.55 and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key])); return f"dup {trail}"
    v = rng.choice(VALUES); parent[key] = copy.deepcopy(v); return f"{trail} = {v!r}"

crashes = 0
for i in range(n):
    tree = copy.deepcopy(original)
    what = [mutate(tree) for _ in range(rng.choice([1, 1, 2]))]
    path.write_text(header + yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
    crash = crash_of(root)
    if crash:
        crashes += 1
        print(f"CRASH seed={seed} i={i} {what} {crash}", flush=True)
print(f"done seed={seed} crashes={crashes}/{n}")
