"""Helpers for the archive-guarantee tests: projects copied from the demo into tmp, real builds
through the CLI in a subprocess, and hashes of whole directory trees."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1744243200"  # 2025-04-10, as the site tests use


def env(**extra: str) -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONWARNINGS="ignore", **extra)


def make_project(dest: Path, agencies: list[str] | None = None) -> Path:
    """schemes/ and content/ of the demo; with `agencies`, only those agencies and the schemes they use."""
    dest.mkdir(parents=True, exist_ok=True)
    content = REPO / "content"
    if agencies is None:
        shutil.copytree(REPO / "schemes", dest / "schemes")
        shutil.copytree(content, dest / "content")
        return dest
    (dest / "schemes").mkdir()
    (dest / "content").mkdir()
    for name in ("site.yaml", "holidays.yaml"):
        if (content / name).is_file():
            shutil.copy2(content / name, dest / "content" / name)
    for agency in agencies:
        shutil.copytree(content / agency, dest / "content" / agency)
        for scheme_dir in sorted((dest / "content" / agency).iterdir()):
            if not scheme_dir.is_dir():
                continue
            scheme = REPO / "schemes" / f"{scheme_dir.name}.yaml"
            if scheme.is_file():
                shutil.copy2(scheme, dest / "schemes" / scheme.name)
            else:  # someone's work in progress in the demo: not part of these tests
                shutil.rmtree(scheme_dir)
    return dest


def edit_csv_cell(path: Path, person: str, column: str, value: str, id_column: str = "编号") -> str:
    """Set one cell of a results CSV (keeping its encoding and BOM); returns the old value."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "gb18030", raw.decode("gb18030")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = next(i for i, row in enumerate(rows) if id_column in row)
    id_at, col_at = rows[header].index(id_column), rows[header].index(column)
    for row in rows[header + 1:]:
        if len(row) > id_at and row[id_at] == person:
            old = row[col_at]
            row[col_at] = value
            break
    else:
        raise AssertionError(f"{person} not in {path}")
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return old


def rename_by_id(sheet: Path, names: dict[str, str]) -> None:
    """People of a results sheet renamed, by ID (the same person, the same new name in every period:
    another name under the same ID within a year is an error, id-name-mismatch)."""
    if sheet.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        for table in book.worksheets:
            header = next((row for row in table.iter_rows() if any(c.value == "姓名" for c in row)), None)
            if header is None:
                continue
            column = next(c.column for c in header if c.value == "姓名")
            id_column = next(c.column for c in header if c.value == "编号")
            for r in range(header[0].row + 1, table.max_row + 1):
                name = names.get(str(table.cell(r, id_column).value or "").strip())
                if name is not None:
                    cell = table.cell(r, column)
                    cell.value = name
                    cell.data_type = "s"  # typed text, even the one that looks like a formula
        book.save(sheet)
        return
    rows, encoding = _sheet_rows(sheet)
    header = next(i for i, row in enumerate(rows) if "姓名" in row)
    column, id_column = rows[header].index("姓名"), rows[header].index("编号")
    for row in rows[header + 1:]:
        if len(row) > column and row[id_column].strip() in names:
            row[column] = names[row[id_column].strip()]
    _write_rows(sheet, rows, encoding)


def add_columns(sheet: Path, columns: dict[str, dict[str, str]]) -> None:
    """Columns added at the right of a results sheet's header (the row naming 编号), each cell by ID
    (typed text in a workbook, even one that looks like a formula); other people's cells blank."""
    if sheet.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        table = book.worksheets[0]
        header = next(row for row in table.iter_rows() if any(c.value == "编号" for c in row))
        id_column, right = next(c.column for c in header if c.value == "编号"), max(c.column for c in header if c.value is not None)
        for offset, (name, cells) in enumerate(columns.items(), start=1):
            table.cell(header[0].row, right + offset).value = name
            for r in range(header[0].row + 1, table.max_row + 1):
                value = cells.get(str(table.cell(r, id_column).value or "").strip())
                if value is not None:
                    table.cell(r, right + offset).value = value
                    table.cell(r, right + offset).data_type = "s"
        book.save(sheet)
        return
    rows, encoding = _sheet_rows(sheet)
    header = next(i for i, row in enumerate(rows) if "编号" in row)
    id_column, width = rows[header].index("编号"), len(rows[header])
    rows[header] += list(columns)
    for row in rows[header + 1:]:
        if row:
            row += [""] * (width - len(row)) + [cells.get(row[id_column].strip(), "") for cells in columns.values()]
    _write_rows(sheet, rows, encoding)


def _sheet_rows(sheet: Path) -> tuple[list[list[str]], str]:
    """A demo CSV's rows and its encoding (UTF-8 with BOM, or GB18030 as offices save it)."""
    raw = sheet.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    return list(csv.reader(io.StringIO(raw.decode(encoding), newline=""))), encoding


def _write_rows(sheet: Path, rows: list[list[str]], encoding: str) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode(encoding))


def replace_cells(sheet: Path, old: str, new: str) -> None:
    """Every cell of a results sheet that reads exactly `old` made `new` (typed text in a workbook)."""
    if sheet.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        for table in book.worksheets:
            for row in table.iter_rows():
                for cell in row:
                    if cell.value == old:
                        cell.value = new
                        cell.data_type = "s"
        book.save(sheet)
        return
    rows, encoding = _sheet_rows(sheet)
    rows = [[new if cell == old else cell for cell in row] for row in rows]
    _write_rows(sheet, rows, encoding)


def kaohe(root: Path, *args: str, timeout: float = 300, **popen) -> subprocess.CompletedProcess:
    """Run the real CLI in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "-C", str(root), *args],
        env=env(), capture_output=True, text=True, timeout=timeout, **popen,
    )


def start_build(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "-C", str(root), "build", "--quiet", *args],
        env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def tree_hashes(directory: Path) -> dict[str, str]:
    """{relative path: sha256} of every file (and a marker for every symlink) under `directory`."""
    found: dict[str, str] = {}
    if not directory.exists():
        return found
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory).as_posix()
        if path.is_symlink():
            found[rel] = "symlink:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def listing(directory: Path, *skip: Path) -> dict[str, tuple[int, int]]:
    """{path: (size, mtime_ns)} of everything under `directory`, except under the `skip` dirs."""
    found = {}
    for path in sorted(directory.rglob("*")):
        if any(path == s or s in path.parents for s in skip):
            continue
        stat = path.lstat()
        found[path.relative_to(directory).as_posix()] = (stat.st_size if path.is_file() else 0, stat.st_mtime_ns)
    return found


def results_files(root: Path) -> list[Path]:
    return sorted(
        p for p in (root / "content").rglob("*")
        if p.suffix in (".csv", ".xlsx") and not p.name.endswith((".decisions.csv", ".decisions.xlsx"))
    )


def previous_site(site: Path, files: dict[str, str], audience: str = "public") -> None:
    """A small site as a previous `kaohe build` left it: the files and a manifest.json listing them,
    with the fields the build writes (generator/site/target.py recognises a Kaohe site by them)."""
    from generator import ENGINE_VERSION

    outputs = []
    for rel, text in sorted(files.items()):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
        outputs.append({"path": rel, "sha256": hashlib.sha256((site / rel).read_bytes()).hexdigest()})
    manifest = {"audience": audience, "data_version": "0123456789ab", "inputs": [], "schemes": {},
                "versions": {"kaohe-engine": ENGINE_VERSION}, "outputs": outputs}
    (site / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def check_complete(site: Path) -> dict:
    """A complete site: manifest.json lists exactly the other files, each with its hash; returns the manifest."""
    files = tree_hashes(site)
    assert "manifest.json" in files and "index.html" in files, sorted(files)[:10]
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    del files["manifest.json"]
    assert listed == files
    return manifest


AUDIT_RUNNER = r"""
import json, os, sys
log_path, argv = sys.argv[1], sys.argv[2:]
seen = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if isinstance(path, int) or path is None:
            return
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE)
        seen.append(("write" if writes else "read", os.path.abspath(os.fsdecode(path))))
    elif event in ("os.listdir", "os.scandir"):
        path = args[0] if args else "."
        if not isinstance(path, int):
            seen.append(("list", os.path.abspath(os.fsdecode(path if path is not None else "."))))
    elif event in ("os.rename", "os.replace", "os.remove", "os.mkdir", "os.rmdir", "os.symlink", "os.link", "os.truncate", "os.chmod", "os.utime", "shutil.rmtree"):
        for path in args[:2]:
            if isinstance(path, (str, bytes, os.PathLike)):
                seen.append(("write", os.path.abspath(os.fsdecode(path))))

def recorded(event, args):
    before = len(seen)
    hook(event, args)
    # the editable install's import hook names a pseudo path entry; it is no file
    seen[before:] = [s for s in seen[before:] if "__path_hook__" not in s[1]]

sys.addaudithook(recorded)
from generator.cli import main
code = main(argv)
sys.stdout.flush()
with open(log_path, "w", encoding="utf-8") as handle:
    json.dump({"code": code, "seen": sorted(set(map(tuple, seen)))}, handle)
sys.exit(code)
"""


def audited_kaohe(root: Path, log: Path, *args: str, cwd: Path, tmpdir: Path, timeout: float = 300):
    """The CLI with an audit hook recording every file opened, listed or written; returns (process, seen)."""
    proc = subprocess.run(
        [sys.executable, "-P", "-c", AUDIT_RUNNER, str(log), "-C", str(root), *args],
        env=env(TMPDIR=str(tmpdir), PYTHONDONTWRITEBYTECODE="1"), cwd=cwd, capture_output=True, text=True, timeout=timeout,
    )
    data = json.loads(log.read_text("utf-8")) if log.exists() else {"seen": []}
    return proc, [tuple(x) for x in data["seen"]]
