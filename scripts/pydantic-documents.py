"""The `documents` benchmark's mixed document, read by pydantic 2 in strict mode with the same
rules as the benchmark model: how long it takes, and what it reports.

    python3 scripts/pydantic-documents.py
"""

import timeit
from typing import Annotated, List

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MIXED = '{"name":"","cpu_cores":"four","ram_gb":0,"region":"x","tags":["prod"],"colour":"red"}'
VALID = '{"name":"web-server-01","cpu_cores":4,"ram_gb":16,"region":"eu-west-1","tags":["prod","web","eu"],"enabled":true}'


class ServerResource(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    name: Annotated[str, Field(min_length=1, max_length=64)]
    cpu_cores: Annotated[int, Field(ge=0)]
    ram_gb: Annotated[int, Field(ge=1, le=4096)]
    region: Annotated[str, Field(min_length=2, max_length=32)]
    tags: Annotated[List[Annotated[str, Field(min_length=1, max_length=32)]], Field(max_length=16)]
    enabled: bool


def mixed():
    try:
        ServerResource.model_validate_json(MIXED)
    except ValidationError as error:
        return error.error_count()


def valid():
    return ServerResource.model_validate_json(VALID)


if __name__ == "__main__":
    try:
        ServerResource.model_validate_json(MIXED)
    except ValidationError as error:
        for e in error.errors():
            print(".".join(map(str, e["loc"])), e["type"])
    for name, f in [("valid", valid), ("mixed", mixed)]:
        runs = 200_000
        best = min(timeit.repeat(f, number=runs, repeat=5)) / runs
        print(f"{name}: {best * 1e9:.0f} ns per document")
