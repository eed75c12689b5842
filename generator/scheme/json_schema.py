"""The JSON Schema of a scheme file, as `kaohe schema` prints it (editors use it for completion)."""

from __future__ import annotations

import json

from generator.scheme.model import Scheme


def scheme_json_schema() -> str:
    schema = Scheme.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kaohe 考核方案文件"
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
