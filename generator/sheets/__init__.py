"""Stage 2, the sheets: reading CSV/XLSX into cells (encodings, title and two-row headers, trailers),
planning the columns a scheme expects, and turning rows into typed values with every cell checked."""
