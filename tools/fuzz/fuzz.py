"""Structural mutations of the demo's schemes, through check and both editions' generate, in-process:
any exception is a crash a user would see (as exit 3)."""
import copy, os, random, shutil, sys, traceback, yaml
from pathlib import Path
os.environ["KAOHE_WORKERS"] = "1"
from generator.engine.compute import load_everything
from generator.site.notice_lock import check_notices
from generator.site.pages_handbook import render_sections
from generator.archive.locks import check_locks
from generator.site.generate import generate_from

OUT = Path(os.environ.get("KAOHE_FUZZ_DIR", "/tmp/fz"))  # scratch projects and kept failures
SRC = Path(__file__).resolve().parents[2]  # the checkout
seed = int(sys.argv[1]); n = int(sys.argv[2]); agency = sys.argv[3]; scheme_code = sys.argv[4]
rng = random.Random(seed)
root = OUT / f"p{seed}"
if root.exists(): shutil.rmtree(root)
root.mkdir(parents=True)
shutil.copytree(SRC / "schemes", root / "schemes")
(root / "content").mkdir()
for f in ("holidays.yaml", "site.yaml"):
    shutil.copy(SRC / "content" / f, root / "content" / f)
shutil.copytree(SRC / "content" / agency, root / "content" / agency)
shutil.copy(SRC / "mkdocs.yml", root / "mkdocs.yml")
path = root / "schemes" / f"{scheme_code}.yaml"
original = yaml.safe_load(path.read_text("utf-8"))
header = "".join(l + "\n" for l in path.read_text("utf-8").splitlines()[:1] if l.startswith("#"))

def nodes(x, trail=()):
    yield trail, x
    if isinstance(x, dict):
        for k, v in x.items(): yield from nodes(v, trail + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x): yield from nodes(v, trail + (i,))

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
    stage = "check"
    try:
        project, periods, problems = load_everything(root)
        check_locks(project, periods, problems); check_notices(project, periods, problems)
        render_sections(project, list(project.schemes.values()), problems)
        for audience in ("public", "internal"):
            stage = audience
            generate_from(project, periods, audience, problems)
    except Exception:
        crashes += 1
        tb = traceback.format_exc().splitlines()
        print(f"CRASH seed={seed} i={i} stage={stage} {what}\n  " + "\n  ".join(tb[-6:]), flush=True)
print(f"done seed={seed} crashes={crashes}/{n}")
