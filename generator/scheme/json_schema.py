"""The JSON Schemas of the files a user writes, as `kaohe schema` prints them (editors show the
descriptions on hover and offer the keys for completion).

Every property carries a Chinese description with an example (tests/unit/test_descriptions.py walks
the schemas and fails for one without); the user guide's reference is generated from the same models.
"""

from __future__ import annotations

import json

from generator.scheme.model import Scheme
from generator.scheme.settings import AgencyFile, NoticeFile

# what `kaohe schema --for …` can print: (model, title)
SCHEMAS = {
    "scheme": (Scheme, "Kaohe 考核方案文件"),
    "agency": (AgencyFile, "Kaohe 单位设置（agency.yaml）"),
    "notice": (NoticeFile, "Kaohe 公示设置（<期>.notice.yaml）"),
}

# The first line of every scheme file Kaohe writes: editors with the YAML language server
# (VS Code's YAML extension…) then check the file and describe each key on hover.
SCHEMA_HINT = "# yaml-language-server: $schema=./schema.json"


def json_schema(which: str = "scheme") -> dict:
    model, title = SCHEMAS[which]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return schema


def scheme_json_schema(which: str = "scheme") -> str:
    return json.dumps(json_schema(which), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
