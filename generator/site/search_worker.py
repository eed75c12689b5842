"""Search that finds what staff type: the query cut the way the index was cut.

The index is cut by jieba at build time (mkdocs-material's search plugin, our user dictionary of
names, departments, grades and rule words). In the browser, material's search worker cuts a
Chinese query by looking for index words inside it, but its loop never tries a word that reaches
the query's last character: 较差 is searched as 较, 病事假 as 病 + 事. We replace that one function
of the worker, after mkdocs has copied it into the site, with a longest-prefix cut over the index's
own words: 较差 → 较差*, 病事假 → 病事假* (which finds 病事假天数), 不确定等次 → 不确定* 等次*.

The replacement is checked: when material's worker no longer has the function (a new version),
the site keeps material's worker and the build says so (search_worker_patched is False; a test
fails), rather than shipping a worker that breaks.
"""

from __future__ import annotations

import re
from pathlib import Path

# material 9.x: function fe(t,e){let r=new Set,n=new Uint16Array(t.length);…return r.has("")?new Set([t]):r}
_SEGMENT = re.compile(
    r"function (?P<name>[\w$]+)\((?P<q>[\w$]+),(?P<idx>[\w$]+)\)\{let (?P<set>[\w$]+)=new Set,[\w$]+=new Uint16Array\((?P=q)\.length\);"
    r".*?return (?P=set)\.has\(\"\"\)\?new Set\(\[(?P=q)\]\):(?P=set)\}",
    re.S,
)

# Longest prefix of the rest of the query that begins some index word; one character when none
# does. Index words are sorted once per index (binary search: thousands of words, a short query).
_REPLACEMENT = (
    "function {name}(q,idx){{"
    "if({name}.i!==idx){{{name}.i=idx;{name}.k=Object.keys(idx).sort()}}"
    "var k={name}.k,out=new Set,i=0;"
    "function has(p){{var lo=0,hi=k.length;while(lo<hi){{var m=(lo+hi)>>1;if(k[m]<p)lo=m+1;else hi=m}}"
    "return lo<k.length&&k[lo].slice(0,p.length)===p}}"
    "while(i<q.length){{var n=0;for(var j=i+1;j<=q.length&&has(q.slice(i,j));j++)n=j-i;"
    "if(!n)n=1;out.add(q.slice(i,i+n));i+=n}}"
    "return out.size?out:new Set([q])}}"
)


def patch_worker(site_dir: Path) -> bool:
    """Replace the query cutter in the site's copy of material's search worker; True when done."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return False
    done = True
    for path in workers:
        text = path.read_text(encoding="utf-8")
        if ".k=Object.keys(idx).sort()" in text:
            continue  # already patched (a dirty rebuild of kaohe serve)
        match = _SEGMENT.search(text)
        if match is None:
            done = False
            continue
        new = _REPLACEMENT.format(name=match.group("name"))
        path.write_text(text[: match.start()] + new + text[match.end() :], encoding="utf-8")
    return done
