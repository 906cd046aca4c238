"""Reads a JSON list of documents on standard input and prints, for each, the sorted locations
of the problems pydantic 2 (strict, unknown keys forbidden) finds with the rules of the `Order`
model of tests/documents_prop.rs: the reference the test compares `model`'s reports with.

    python3 scripts/pydantic_agreement.py < documents.json
"""

import json
import sys
from typing import Annotated, List, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Item(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    sku: Annotated[str, Field(min_length=1, max_length=8)]
    qty: Annotated[int, Field(ge=1, le=99)]


class Order(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    id: Annotated[str, Field(min_length=1, max_length=10)]
    items: List[Item]
    gift: Optional[Item] = None
    priority: Annotated[int, Field(ge=0, le=5)]


def locations(text):
    try:
        Order.model_validate_json(text)
        return []
    except ValidationError as error:
        return sorted(".".join(map(str, e["loc"])) for e in error.errors())


print(json.dumps([locations(text) for text in json.load(sys.stdin)]))
