// Raw DEFLATE (RFC 1951) decompression for texts packed in a page (generator/site/packed_text.py):
// window.kaoheUnpack(base64, size) -> the list of texts, or throws.
//
// Why our own and not the browser's DecompressionStream: that is asynchronous (a linked derivation
// would open before its text is there, and printing would race it) and missing from browsers an
// office still runs (Chromium before 103, Firefox before 113). This follows the structure of
// tiny-inflate (Devon Govett, MIT; after Jørgen Ibsen's tinf): canonical Huffman tables built per
// block, one bit buffer. It is tested in Chromium against Python's zlib (tests/browser).
(function () {
  "use strict";

  function Tree() {
    this.table = new Uint16Array(16); // number of codes of each length
    this.trans = new Uint16Array(288); // symbols in code order
  }

  var fixedLiterals = new Tree(), fixedDistances = new Tree();
  var lengthBits = new Uint8Array(30), lengthBase = new Uint16Array(30);
  var distBits = new Uint8Array(30), distBase = new Uint16Array(30);
  var codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  function bitsAndBases(bits, base, delta, first) {
    var i, sum;
    for (i = 0; i < delta; ++i) bits[i] = 0;
    for (i = 0; i < 30 - delta; ++i) bits[i + delta] = (i / delta) | 0;
    for (sum = first, i = 0; i < 30; ++i) { base[i] = sum; sum += 1 << bits[i]; }
  }
  bitsAndBases(lengthBits, lengthBase, 4, 3);
  bitsAndBases(distBits, distBase, 2, 1);
  lengthBits[28] = 0; lengthBase[28] = 258; // the one exception in the length table

  (function fixedTrees() {
    var i, lt = fixedLiterals, dt = fixedDistances;
    lt.table[7] = 24; lt.table[8] = 152; lt.table[9] = 112;
    for (i = 0; i < 24; ++i) lt.trans[i] = 256 + i;
    for (i = 0; i < 144; ++i) lt.trans[24 + i] = i;
    for (i = 0; i < 8; ++i) lt.trans[24 + 144 + i] = 280 + i;
    for (i = 0; i < 112; ++i) lt.trans[24 + 144 + 8 + i] = 144 + i;
    dt.table[5] = 32;
    for (i = 0; i < 32; ++i) dt.trans[i] = i;
  })();

  var offsets = new Uint16Array(16);
  function buildTree(tree, lengths, start, count) {
    var i, sum;
    for (i = 0; i < 16; ++i) tree.table[i] = 0;
    for (i = 0; i < count; ++i) tree.table[lengths[start + i]]++;
    tree.table[0] = 0;
    for (sum = 0, i = 0; i < 16; ++i) { offsets[i] = sum; sum += tree.table[i]; }
    for (i = 0; i < count; ++i) if (lengths[start + i]) tree.trans[offsets[lengths[start + i]]++] = i;
  }

  function Reader(source, size) {
    this.source = source; this.index = 0; this.tag = 0; this.count = 0;
    this.dest = new Uint8Array(size); this.length = 0;
  }

  function fill(r) {
    while (r.count < 24) {
      if (r.index > r.source.length + 4) throw new Error("packed data ends early");
      r.tag |= (r.source[r.index++] | 0) << r.count;
      r.count += 8;
    }
  }

  function readBits(r, n, base) {
    if (!n) return base;
    fill(r);
    var value = r.tag & (0xffff >>> (16 - n));
    r.tag >>>= n; r.count -= n;
    return value + base;
  }

  function decodeSymbol(r, tree) {
    fill(r);
    var sum = 0, cur = 0, len = 0, tag = r.tag;
    do {
      cur = 2 * cur + (tag & 1);
      tag >>>= 1;
      if (++len > 15) throw new Error("bad Huffman code");
      sum += tree.table[len];
      cur -= tree.table[len];
    } while (cur >= 0);
    r.tag = tag; r.count -= len;
    return tree.trans[sum + cur];
  }

  var codeTree = new Tree(), lengths = new Uint8Array(288 + 32);
  function decodeTrees(r, lt, dt) {
    var i, n, count, previous;
    var hlit = readBits(r, 5, 257), hdist = readBits(r, 5, 1), hclen = readBits(r, 4, 4);
    for (i = 0; i < 19; ++i) lengths[i] = 0;
    for (i = 0; i < hclen; ++i) lengths[codeLengthOrder[i]] = readBits(r, 3, 0);
    buildTree(codeTree, lengths, 0, 19);
    for (n = 0; n < hlit + hdist;) {
      var sym = decodeSymbol(r, codeTree);
      if (sym < 16) { lengths[n++] = sym; continue; }
      if (sym === 16) { if (!n) throw new Error("bad code lengths"); previous = lengths[n - 1]; count = readBits(r, 2, 3); }
      else if (sym === 17) { previous = 0; count = readBits(r, 3, 3); }
      else { previous = 0; count = readBits(r, 7, 11); }
      if (n + count > hlit + hdist) throw new Error("bad code lengths");
      while (count--) lengths[n++] = previous;
    }
    buildTree(lt, lengths, 0, hlit);
    buildTree(dt, lengths, hlit, hdist);
  }

  function inflateBlock(r, lt, dt) {
    var dest = r.dest;
    for (;;) {
      var sym = decodeSymbol(r, lt);
      if (sym === 256) return;
      if (sym < 256) {
        if (r.length >= dest.length) throw new Error("packed data longer than stated");
        dest[r.length++] = sym;
        continue;
      }
      sym -= 257;
      if (sym > 28) throw new Error("bad length code");
      var length = readBits(r, lengthBits[sym], lengthBase[sym]);
      var d = decodeSymbol(r, dt);
      if (d > 29) throw new Error("bad distance code");
      var from = r.length - readBits(r, distBits[d], distBase[d]);
      if (from < 0 || r.length + length > dest.length) throw new Error("bad back-reference");
      for (var i = 0; i < length; ++i) dest[r.length++] = dest[from + i];
    }
  }

  function storedBlock(r) {
    while (r.count >= 8) { r.index--; r.count -= 8; } // give back whole bytes read ahead
    var s = r.source, at = r.index;
    var length = s[at] | (s[at + 1] << 8), check = s[at + 2] | (s[at + 3] << 8);
    if (length !== (~check & 0xffff) || at + 4 + length > s.length || r.length + length > r.dest.length) throw new Error("bad stored block");
    r.dest.set(s.subarray(at + 4, at + 4 + length), r.length);
    r.length += length; r.index = at + 4 + length; r.tag = 0; r.count = 0;
  }

  function inflateRaw(source, size) {
    var r = new Reader(source, size), last, type;
    var lt = new Tree(), dt = new Tree();
    do {
      last = readBits(r, 1, 0);
      type = readBits(r, 2, 0);
      if (type === 0) storedBlock(r);
      else if (type === 1) inflateBlock(r, fixedLiterals, fixedDistances);
      else if (type === 2) { decodeTrees(r, lt, dt); inflateBlock(r, lt, dt); }
      else throw new Error("bad block type");
    } while (!last);
    if (r.length !== size) throw new Error("packed data shorter than stated");
    return r.dest;
  }

  function utf8(bytes) {
    if (window.TextDecoder) return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return decodeURIComponent(escape(binary));
  }

  window.kaoheUnpack = function (base64, size) {
    var binary = atob(base64), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    var texts = JSON.parse(utf8(inflateRaw(bytes, size)));
    if (!Array.isArray(texts)) throw new Error("packed data is not a list");
    return texts;
  };
})();
