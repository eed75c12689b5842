"""Search that finds what staff type: the query cut the way the index was cut.

The index is cut by jieba at build time (mkdocs-material's search plugin, our user dictionary of
names, departments, grades and rule words). In the browser, material's search worker cuts a
Chinese query by looking for index words inside it, but its loop never tries a word that reaches
the query's last character: 较差 is searched as 较, 病事假 as 病 + 事. We replace that one function
of the worker, after mkdocs has copied it into the site, with a longest-prefix cut over the index's
own words: 较差 → 较差*, 病事假 → 病事假* (which finds 病事假天数), 不确定等次 → 不确定* 等次*.

The worker then joined those words with "* " and added a "*" to every word again: each word but the
last became a term ending in "*", which no index word starts with, so every result of a query of two
words or more said 缺少 (missing) for its first words — 缺少: 王* on 王䶮's own page, 缺少: 平时考核* on
every page of 平时考核结果 — and ranked as if half the query had been found. The words are joined
with a space instead (each still gets its one "*").

A character outside the Basic Multilingual Plane (𠮷) is two UTF-16 units in JavaScript: the cut
never ends a word between them.

Each replacement is checked: when material's worker no longer has what it replaces (a new version),
the site keeps material's worker and the build says so (patch_worker gives False; a test fails),
rather than shipping a worker that breaks.
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
# A prefix ending on a high surrogate (0xD800–0xDBFF: charCodeAt >> 10 is 0x36) is not a place to cut.
_REPLACEMENT = (
    "function {name}(q,idx){{"
    "if({name}.i!==idx){{{name}.i=idx;{name}.k=Object.keys(idx).sort()}}"
    "var k={name}.k,out=new Set,i=0;"
    "function has(p){{var lo=0,hi=k.length;while(lo<hi){{var m=(lo+hi)>>1;if(k[m]<p)lo=m+1;else hi=m}}"
    "return lo<k.length&&k[lo].slice(0,p.length)===p}}"
    "function whole(j){{return j>=q.length||q.charCodeAt(j-1)>>10!==0x36}}"
    "while(i<q.length){{var n=0;for(var j=i+1;j<=q.length&&has(q.slice(i,j));j++)if(whole(j))n=j-i;"
    "if(!n)n=whole(i+1)?1:2;out.add(q.slice(i,i+n));i+=n}}"
    "return out.size?out:new Set([q])}}"
)
_PATCHED = ".k=Object.keys(idx).sort()"

# material 9.x, Search.search: e=e.replace(new RegExp("\\p{sc=Han}+","gu"),s=>[...fe(s,this.index.invertedIndex)].join("* "))
_JOIN = re.compile(r'(=>\[\.\.\.[\w$]+\([\w$]+,this\.index\.invertedIndex\)\]\.join\(")\* ("\))')


def patch_worker(site_dir: Path) -> bool:
    """Replace the query cutter and the words' join in the site's copy of material's search worker;
    True when both are done (or were, in a dirty rebuild of kaohe serve)."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return False
    done = True
    for path in workers:
        text = path.read_text(encoding="utf-8")
        before = text
        if _PATCHED not in text:
            match = _SEGMENT.search(text)
            if match is None:
                done = False
            else:
                text = text[: match.start()] + _REPLACEMENT.format(name=match.group("name")) + text[match.end() :]
        if not re.search(r'invertedIndex\)\]\.join\(" "\)', text):
            text, count = _JOIN.subn(r"\1 \2", text)
            done = done and count == 1
        if text != before:
            path.write_text(text, encoding="utf-8")
    return done
